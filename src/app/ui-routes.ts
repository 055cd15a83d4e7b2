/**
 * What a browser sees of the hub: the role pages under /ui/ (GOV.UK Design System, ECharts), the
 * development-only GraphiQL at /graphiql, development tokens for the demo roles at POST /dev/token,
 * a front page at /, and a redirect from a browser's GET /graphql to GraphiQL in development.
 *
 * Every asset is served by the hub from its own files (the static folder `ui/` and three npm
 * packages), because NHS and council networks often block content delivery networks. Every response
 * from here carries the security headers of src/platform/http/security-headers.ts; pages allow no
 * inline script. The pages call POST /graphql with the token, through the same data path as any client.
 *
 * Wiring: `createUiRoutes(config, { demoActors })` returns a handler that serves its own paths and
 * passes every other request to the hub's handler (`next`), which keeps its 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import type { Actor } from '../domain/actor.js';
import { signDevelopmentToken } from '../platform/auth/sign-token.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { BodyTooLargeError, readBody } from '../platform/http/read-body.js';
import { GRAPHIQL_CSP, PAGE_CSP, securityHeaders } from '../platform/http/security-headers.js';
import { makeAsset, sendAsset, StaticFolder, type Asset } from '../platform/http/static-files.js';

/** The static folder of the pages: plain HTML, CSS and ES modules, no build step. */
export const UI_FOLDER = fileURLToPath(new URL('../../ui/', import.meta.url));
/** The committed SDL: tells the pages which optional fields this hub's schema has. */
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/** The pages, by URL name (README.md lists them: /ui/commissioner, /ui/dpo, /ui/family, /ui/caseload). */
export const UI_PAGES = ['commissioner', 'dpo', 'family', 'caseload'] as const;

/**
 * Fields the pages use when the schema has them and do without otherwise, so a page keeps working
 * while the API grows. Only these names are published (production hides the schema otherwise).
 */
export const OPTIONAL_FIELDS: readonly string[] = [
  'NeedCell.suppressedBecause', // commissioner: the reason per withheld cell
  'AccessEvent.actorOrgName', // family: organisation names in the sentences
  'EhcPlan.deadlines', // caseload: the named deadlines
];

/** A demo role the development picker offers; `key` is what POST /dev/token takes. */
export interface DemoTokenActor {
  key: string;
  label: string;
  actor: Actor;
}

export interface UiRouteOptions {
  /** The demo roles (seeds/demo-areas.ts DEMO_ACTORS); tokens only while the public dev secret is used. */
  demoActors?: readonly DemoTokenActor[];
  log?: Logger;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export type UiRoutes = (req: IncomingMessage, res: ServerResponse, next: HttpHandler) => Promise<void>;

/** Vendor assets change only with a package upgrade: a day in the cache, then revalidated by ETag. */
const VENDOR_CACHE = 'public, max-age=86400';
/** The hub's own pages and modules: always revalidated (cheap 304s), so a change shows at once. */
const OWN_CACHE = 'no-cache';

export function createUiRoutes(config: Config, options: UiRouteOptions = {}): UiRoutes {
  const development = !config.production;
  const devTokens = development && config.auth.usingDevelopmentSecret && config.auth.hs256Secret !== null;
  const demoActors = devTokens ? [...(options.demoActors ?? [])] : [];
  const require = createRequire(import.meta.url);
  const govukRoot = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
  const echartsFile = require.resolve('echarts/dist/echarts.min.js');

  const own = new StaticFolder(join(UI_FOLDER, 'assets'));
  const pages = new StaticFolder(join(UI_FOLDER, 'pages'));
  const govuk = new StaticFolder(govukRoot, rewriteGovukCss);
  const echarts = new StaticFolder(dirname(echartsFile));
  const sessionInfo = makeAsset(
    JSON.stringify({
      development,
      demoRoles: demoActors.map((a) => ({ key: a.key, label: a.label, role: a.actor.role })),
      features: optionalFieldsPresent(SCHEMA_FILE),
    }),
    'application/json; charset=utf-8',
  );
  let graphiql: Promise<Map<string, Asset>> | null = null;

  const headers = (csp = PAGE_CSP) => securityHeaders(csp);
  const getOnly = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    sendText(res, 405, 'Method not allowed', { ...headers(), allow: 'GET, HEAD' });
    return false;
  };
  const serve = async (req: IncomingMessage, res: ServerResponse, asset: Promise<Asset | null> | Asset | null, cache: string, csp = PAGE_CSP) => {
    const found = await asset;
    if (!found) return notFoundPage(res);
    sendAsset(req, res, found, cache, headers(csp));
  };

  return async (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    const path = url.pathname;
    try {
      if (path === '/') {
        if (!getOnly(req, res)) return;
        if (development) return await serve(req, res, pages.get('index.html'), OWN_CACHE);
        return sendJson(res, 200, { service: 'ehc-hub', graphql: '/graphql', health: '/health', pages: UI_PAGES.map((p) => `/ui/${p}`) }, headers());
      }
      if (path === '/graphql' && development && req.method === 'GET' && !req.headers.authorization && acceptsHtml(req)) {
        res.writeHead(302, { ...headers(), location: '/graphiql', 'cache-control': 'no-store' });
        return void res.end();
      }
      if (path === '/dev/token') {
        if (!devTokens) return await next(req, res);
        return await devToken(req, res, config, demoActors);
      }
      if (path === '/graphiql' || path.startsWith('/graphiql/')) {
        if (!development) return await next(req, res);
        if (!getOnly(req, res)) return;
        if (path === '/graphiql') return await serve(req, res, pages.get('graphiql.html'), OWN_CACHE, GRAPHIQL_CSP);
        graphiql ??= loadGraphiqlAssets();
        const name = path.slice('/graphiql/assets/'.length);
        return await serve(req, res, path.startsWith('/graphiql/assets/') ? (await graphiql).get(name) ?? null : null, VENDOR_CACHE, GRAPHIQL_CSP);
      }
      if (path === '/ui' || path.startsWith('/ui/')) {
        if (!getOnly(req, res)) return;
        if (path === '/ui' || path === '/ui/') return await serve(req, res, pages.get('index.html'), OWN_CACHE);
        if (path === '/ui/session.json') return sendAsset(req, res, sessionInfo, 'no-store', headers());
        const page = path.slice('/ui/'.length);
        if ((UI_PAGES as readonly string[]).includes(page)) return await serve(req, res, pages.get(`${page}.html`), OWN_CACHE);
        if (path.startsWith('/ui/assets/')) return await serve(req, res, own.get(path.slice('/ui/assets/'.length)), OWN_CACHE);
        if (path.startsWith('/ui/vendor/govuk/')) return await serve(req, res, govuk.get(path.slice('/ui/vendor/govuk/'.length)), VENDOR_CACHE);
        if (path === '/ui/vendor/echarts/echarts.min.js') return await serve(req, res, echarts.get('echarts.min.js'), VENDOR_CACHE);
        return notFoundPage(res);
      }
      return await next(req, res);
    } catch (error) {
      options.log?.error({ err: error, path }, 'page request failed');
      if (!res.headersSent) sendText(res, 500, 'Internal server error', headers());
      else res.end();
    }
  };
}

/**
 * POST /dev/token `{"role":"<key>"}` → `{"token":"…","label":"…"}`: a development token for one
 * demo role, signed with the public development secret. Exists only outside production and only
 * while the hub accepts that public secret (anyone can sign such tokens anyway; this saves a
 * terminal). A JSON body is required, so a cross-site form cannot ask for one.
 */
async function devToken(req: IncomingMessage, res: ServerResponse, config: Config, demoActors: DemoTokenActor[]): Promise<void> {
  const h = { ...securityHeaders(), 'cache-control': 'no-store' };
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST with {"role": "<demo role>"}' }, { ...h, allow: 'POST' });
  if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return sendJson(res, 415, { error: 'send application/json' }, h);
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'body too large' }, { ...h, connection: 'close' });
    return sendJson(res, 400, { error: 'body is not valid JSON' }, h);
  }
  const key = typeof body === 'object' && body !== null ? (body as { role?: unknown }).role : undefined;
  const demo = demoActors.find((a) => a.key === key);
  if (!demo) return sendJson(res, 400, { error: 'unknown demo role', roles: demoActors.map((a) => a.key) }, h);
  const token = await signDevelopmentToken(demo.actor, {
    secret: config.auth.hs256Secret!,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  sendJson(res, 200, { token, label: demo.label, role: demo.actor.role }, h);
}

/** GraphiQL's bundle (@graphql-yoga/render-graphiql) split into files, so its page runs no inline script. */
async function loadGraphiqlAssets(): Promise<Map<string, Asset>> {
  const g = await import('@graphql-yoga/render-graphiql/graphiql');
  const js = 'text/javascript; charset=utf-8';
  return new Map([
    ['graphiql.js', makeAsset(g.js, js)],
    ['graphiql.css', makeAsset(g.css, 'text/css; charset=utf-8')],
    ['editor.worker.js', makeAsset(g.editorWorkerService, js)],
    ['json.worker.js', makeAsset(g.jsonWorker, js)],
    ['graphql.worker.js', makeAsset(g.graphqlWorker, js)],
  ]);
}

/**
 * govuk-frontend's compiled stylesheet points at /assets/ and uses the GDS Transport typeface, which
 * may be used only on GOV.UK itself; a council or NHS service uses Arial (GOV.UK Frontend guidance
 * for services not on GOV.UK). So the font faces go and asset URLs point at the hub's copy.
 */
export function rewriteGovukCss(relative: string, text: string): string {
  if (!relative.endsWith('.css')) return text;
  return text
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/font-family:"?GDS Transport"?,/g, 'font-family:')
    .replace(/url\(\/assets\//g, 'url(/ui/vendor/govuk/assets/')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
}

/** Which of `fields` the committed SDL has (`Type.field` or `Type.field(argument)`). */
export function optionalFieldsPresent(schemaFile: string, fields: readonly string[] = OPTIONAL_FIELDS): Record<string, boolean> {
  let schema: GraphQLSchema | null = null;
  try {
    schema = buildSchema(readFileSync(schemaFile, 'utf8'));
  } catch {
    schema = null;
  }
  const has = (name: string): boolean => {
    const m = /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(name);
    const type = m && schema?.getType(m[1]!);
    if (!m || !type || !isObjectType(type)) return false;
    const field = type.getFields()[m[2]!];
    return !!field && (!m[3] || field.args.some((a) => a.name === m[3]));
  };
  return Object.fromEntries(fields.map((f) => [f, has(f)]));
}

function acceptsHtml(req: IncomingMessage): boolean {
  return String(req.headers.accept ?? '').toLowerCase().includes('text/html');
}

function notFoundPage(res: ServerResponse): void {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found – EHC hub</title>' +
    '<link rel="icon" href="/ui/assets/favicon.svg" type="image/svg+xml"></head>' +
    '<body><main><h1>Page not found</h1><p>Check the address, or go to the <a href="/ui/">list of pages</a>.</p></main></body></html>';
  res.writeHead(404, { ...securityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
