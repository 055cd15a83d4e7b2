/**
 * The browser-facing routes (src/app/ui-routes.ts) over real HTTP, without a database: the routes
 * sit in front of a stand-in for the hub's handler that answers 404 for anything passed on.
 * Security headers, content types, caching, path traversal, development-only GraphiQL and tokens.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiRoutes, optionalFieldsPresent, OPTIONAL_FIELDS, rewriteGovukCss, UI_PAGES } from '../../src/app/ui-routes.js';
import { parseConfig, type Config } from '../../src/platform/config.js';
import { createTokenVerifier } from '../../src/platform/auth/verify-token.js';
import { assertPortFree, PortInUseError } from '../../src/platform/http/port-check.js';
import { safeRelativePath } from '../../src/platform/http/static-files.js';
import { DEMO_ACTORS } from '../../seeds/demo.js';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw request: the path is sent exactly as written (no client-side normalisation of `..`). */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function serve(config: Config): Promise<{ port: number; server: Server }> {
  const ui = createUiRoutes(config, { demoActors: DEMO_ACTORS });
  const hubStandIn = async (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'not found' }));
  };
  const server = createServer((req, res) => void ui(req, res, hubStandIn));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const base = { PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'silent' };
const development = parseConfig(base);
const otherSecret = parseConfig({ ...base, AUTH_HS256_SECRET: 'a-private-secret-of-at-least-32-characters' });
const production = parseConfig({ ...base, NODE_ENV: 'production', AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json', DISCLOSURE_KEY: 'production-disclosure-key', AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });

const servers: Server[] = [];
let dev: number;
let privateSecret: number;
let prod: number;

beforeAll(async () => {
  const started = await Promise.all([serve(development), serve(otherSecret), serve(production)]);
  servers.push(...started.map((s) => s.server));
  [dev, privateSecret, prod] = started.map((s) => s.port) as [number, number, number];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

function expectSecurityHeaders(reply: Reply, csp: 'page' | 'graphiql' = 'page') {
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  const policy = String(reply.headers['content-security-policy']);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  if (csp === 'page') expect(policy).toContain("style-src 'self';");
}

describe('pages and assets', () => {
  it.each(UI_PAGES.map((p) => `/ui/${p}`).concat(['/ui/', '/']))('%s is HTML with the page security headers and no inline script', async (path) => {
    const reply = await raw(dev, path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(reply);
    // Every <script> has a src on the hub itself, and nothing points at another host.
    for (const tag of reply.body.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/(ui|graphiql)\//);
    expect(reply.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it.each([
    ['/ui/vendor/govuk/govuk-frontend.min.css', 'text/css; charset=utf-8', 'public, max-age=86400'],
    ['/ui/vendor/govuk/govuk-frontend.min.js', 'text/javascript; charset=utf-8', 'public, max-age=86400'],
    ['/ui/vendor/echarts/echarts.min.js', 'text/javascript; charset=utf-8', 'public, max-age=86400'],
    ['/ui/vendor/govuk/assets/images/favicon.svg', 'image/svg+xml', 'public, max-age=86400'],
    ['/ui/assets/js/layout.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/ui/assets/app.css', 'text/css; charset=utf-8', 'no-cache'],
    ['/ui/assets/favicon.svg', 'image/svg+xml', 'no-cache'],
  ])('%s is served with its content type, cache policy and security headers', async (path, type, cache) => {
    const reply = await raw(dev, path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.headers['cache-control']).toBe(cache);
    expect(reply.headers.etag).toMatch(/^"[\w-]+"$/);
    expectSecurityHeaders(reply);
  });

  it('answers 304 to a matching ETag and gzip to a client that accepts it', async () => {
    const first = await raw(dev, '/ui/assets/js/layout.js');
    const again = await raw(dev, '/ui/assets/js/layout.js', { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const zipped = await raw(dev, '/ui/vendor/echarts/echarts.min.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(600_000);
  });

  it('serves the GOV.UK stylesheet without the GOV.UK-only typeface and with asset URLs on the hub', async () => {
    const css = (await raw(dev, '/ui/vendor/govuk/govuk-frontend.min.css')).body;
    expect(css).not.toContain('GDS Transport');
    expect(css).not.toContain('url(/assets/');
    expect(css).toContain('url(/ui/vendor/govuk/assets/images/');
    expect(rewriteGovukCss('x.js', 'font-family:"GDS Transport",arial')).toBe('font-family:"GDS Transport",arial');
  });

  it('refuses methods other than GET and HEAD on pages', async () => {
    const reply = await raw(dev, '/ui/caseload', { method: 'POST', body: '{}' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
    expectSecurityHeaders(reply);
  });

  it('passes every other path to the hub, and answers unknown /ui/ paths with a 404 page', async () => {
    expect((await raw(dev, '/health')).body).toBe('{"error":"not found"}'); // the stand-in answered
    const missing = await raw(dev, '/ui/nothing-here');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
  });
});

describe('path traversal', () => {
  const attempts = [
    '/ui/assets/../pages/index.html',
    '/ui/assets/../../package.json',
    '/ui/assets/%2e%2e/%2e%2e/package.json',
    '/ui/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/ui/assets/..%5c..%5cpackage.json',
    '/ui/assets/js/..%2f..%2f..%2fsrc%2fmain.ts',
    '/ui/vendor/govuk/../../package.json',
    '/ui/vendor/govuk/..%2f..%2fpackage.json',
    '/ui/vendor/govuk/%2fetc%2fpasswd',
    '/ui/vendor/govuk//etc/passwd',
    '/ui/assets/.hidden.js',
    '/ui/assets/js/layout.js%00.css',
    '/ui/assets/%ff%fe.js',
    '/ui/vendor/echarts/../package.json',
    '/graphiql/assets/../../package.json',
  ];
  it.each(attempts)('%s is refused and never reads outside the folder', async (path) => {
    const reply = await raw(dev, path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('"name"');
    expect(reply.body).not.toContain('root:');
  });

  it('safeRelativePath accepts plain nested names only', () => {
    expect(safeRelativePath('js/layout.js')).toBe(join('js', 'layout.js'));
    for (const bad of ['../x.js', 'a/../x.js', './x.js', '/x.js', 'a//x.js', '.x.js', 'a\\x.js', 'x.js\0', 'x.exe', 'x', '%E0%A4%A']) {
      expect(safeRelativePath(bad), bad).toBeNull();
    }
  });
});

describe('development only: GraphiQL, tokens, the front page and the /graphql redirect', () => {
  it('serves GraphiQL and its bundle as files, under a CSP that still refuses inline script', async () => {
    const page = await raw(dev, '/graphiql');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page, 'graphiql');
    expect(page.headers['content-security-policy']).toContain("worker-src 'self' blob:");
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
    for (const asset of ['graphiql.js', 'graphiql.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      const reply = await raw(dev, `/graphiql/assets/${asset}`, { method: 'HEAD' });
      expect(reply.status, asset).toBe(200);
    }
  });

  it('is 404 in production for /graphiql, its assets and /dev/token', async () => {
    for (const path of ['/graphiql', '/graphiql/assets/graphiql.js']) expect((await raw(prod, path)).status, path).toBe(404);
    const token = await raw(prod, '/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"dpo"}' });
    expect(token.status).toBe(404);
  });

  it('mints a token for a demo role that the hub accepts, only with the public development secret', async () => {
    const reply = await raw(dev, '/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"commissioner"}' });
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const { token } = JSON.parse(reply.body) as { token: string };
    const actor = await createTokenVerifier(development.auth)(token);
    expect(actor).toEqual(DEMO_ACTORS.find((a) => a.key === 'commissioner')!.actor);

    const elsewhere = await raw(privateSecret, '/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"commissioner"}' });
    expect(elsewhere.status).toBe(404);
  });

  it('refuses a token request that is not JSON, names no demo role or is not a POST', async () => {
    const form = await raw(dev, '/dev/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'role=dpo' });
    expect(form.status).toBe(415);
    const unknown = await raw(dev, '/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' });
    expect(unknown.status).toBe(400);
    const broken = await raw(dev, '/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect((await raw(dev, '/dev/token')).status).toBe(405);
  });

  it('tells the pages which demo roles exist, and none outside development with the public secret', async () => {
    const info = (port: number) => raw(port, '/ui/session.json').then((r) => JSON.parse(r.body) as { development: boolean; demoRoles: { key: string }[] });
    expect((await info(dev)).demoRoles.map((r) => r.key)).toEqual(DEMO_ACTORS.map((a) => a.key));
    expect(await info(privateSecret)).toMatchObject({ development: true, demoRoles: [] });
    expect(await info(prod)).toMatchObject({ development: false, demoRoles: [] });
  });

  it('redirects a browser opening /graphql to GraphiQL in development, and not in production or for API clients', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    const redirected = await raw(dev, '/graphql', { headers: browser });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.location).toBe('/graphiql');
    expect((await raw(prod, '/graphql', { headers: browser })).status).toBe(404); // passed to the hub
    expect((await raw(dev, '/graphql', { headers: { ...browser, authorization: 'Bearer x' } })).status).toBe(404);
    expect((await raw(dev, '/graphql', { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('answers / with a short JSON description in production, and the pages still work there', async () => {
    const front = await raw(prod, '/');
    expect(front.status).toBe(200);
    expect(JSON.parse(front.body)).toMatchObject({ graphql: '/graphql', pages: UI_PAGES.map((p) => `/ui/${p}`) });
    expectSecurityHeaders(front);
    expect((await raw(prod, '/ui/dpo')).status).toBe(200);
  });
});

describe('optional fields the pages use when present', () => {
  it('are read from an SDL, field and argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ehc-sdl-'));
    const file = join(dir, 'schema.graphql');
    writeFileSync(file, 'type Query { children(first: Int, filter: String): Int }\ntype NeedCell { count: Int suppressedBecause: String }');
    const present = optionalFieldsPresent(file, ['NeedCell.suppressedBecause', 'Query.children(filter)', 'Query.children(other)', 'AccessEvent.actorOrgName']);
    expect(present).toEqual({ 'NeedCell.suppressedBecause': true, 'Query.children(filter)': true, 'Query.children(other)': false, 'AccessEvent.actorOrgName': false });
    expect(Object.keys(optionalFieldsPresent(file))).toEqual([...OPTIONAL_FIELDS]);
    expect(optionalFieldsPresent(join(dir, 'missing.graphql'))['NeedCell.suppressedBecause']).toBe(false);
  });
});

describe('a busy port', () => {
  it('is reported as PortInUseError naming the port and PORT', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const error = await assertPortFree(port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toMatch(new RegExp(`^port ${port} is in use: set PORT=`));
    } finally {
      await new Promise((r) => taken.close(r));
    }
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    await expect(assertPortFree(0)).resolves.toBeUndefined();
  });
});
