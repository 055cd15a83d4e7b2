/**
 * The hub's HTTP server: Node's http with Apollo Server 5 on POST /graphql and GET /health.
 *
 * Request path: read the body (413 past 1 MB) → verify the token (401) → open a transaction →
 * execute with a per-request ScopedData → append the request's audit events → commit → send.
 * If the audit append fails the transaction rolls back and the response carries no data (fail closed).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { RequestContext } from '../access/request-context.js';
import { ScopedData } from '../access/scoped-data.js';
import type { Actor } from '../domain/actor.js';
import { bearerToken, createTokenVerifier, type TokenVerifier } from '../platform/auth/verify-token.js';
import { AccessRecorder } from '../audit/access-recorder.js';
import type { Config } from '../platform/config.js';
import { openDatabase, type Database, type Db } from '../platform/db/database.js';
import { buildHubSchema } from './build-schema.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { createApollo } from '../platform/graphql/apollo.js';
import { containsNul, getVariablesFromSearch, NUL_MESSAGE } from '../platform/http/nul-characters.js';
import { createActorRateLimiter } from '../platform/http/rate-limit.js';
import { BodyTooLargeError, readBody } from '../platform/http/read-body.js';
import { requestScope } from '../platform/http/request-scope.js';

export interface Hub {
  url: string;
  port: number;
  database: Database;
  log: Logger;
  close(): Promise<void>;
}

export interface HubOptions {
  /** An already-open database (tests); otherwise opened from config. */
  database?: Database;
  log?: Logger;
  /**
   * Builds each request's data path. Only benchmarks replace it (to measure a baseline without
   * enforcement or audit); the server itself always uses `createScopedData`.
   */
  createData?: DataFactory;
  /** Pages, GraphiQL and development tokens (src/app/ui-routes.ts): serves its paths, passes the rest on. */
  ui?: (req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => Promise<void>;
}

export type DataFactory = (actor: Actor, requestId: string, tx: Db) => ScopedData;

/** The production data path: the access decision and the audit recorder, configured from config. */
export function scopedDataFactory(config: Config): DataFactory {
  const settings = {
    disclosureKey: config.disclosureKey,
    breakGlassHours: config.breakGlassHours,
    bulkAccessThreshold: config.bulkAccessThreshold,
  };
  return (actor, requestId, tx) =>
    new ScopedData(actor, requestId, tx, new AccessRecorder(actor, requestId, null, config.bulkAccessThreshold), settings);
}

const UNAUTHENTICATED = JSON.stringify({
  errors: [{ message: 'Unauthenticated: a valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
});
/** A failed request (audit append, transaction, anything unexpected): no data, only the request id. */
const internalError = (requestId: string) => JSON.stringify({
  data: null,
  errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
});

export async function startHub(config: Config, options: HubOptions = {}): Promise<Hub> {
  const log = options.log ?? createLogger(config.logLevel);
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  await database.migrate();
  const apollo = createApollo(buildHubSchema(), config.production);
  await apollo.start();
  const verify = createTokenVerifier(config.auth);
  const rateLimit = createActorRateLimiter(config.rateLimitPerMinute);
  const createData = options.createData ?? scopedDataFactory(config);
  const handler = requestHandler({ config, database, apollo, verify, rateLimit, createData, log });
  const server = createServer((req, res) => void (options.ui ? options.ui(req, res, handler) : handler(req, res)));
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    database,
    log,
    close: () => shutdown(server, apollo, database),
  };
}

/** Graceful: stop accepting, let in-flight requests finish, then close Apollo and the database. */
async function shutdown(server: Server, apollo: ApolloServer<RequestContext>, database: Database): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  await apollo.stop();
  await database.close();
}

interface HandlerDeps {
  config: Config;
  database: Database;
  apollo: ApolloServer<RequestContext>;
  verify: TokenVerifier;
  rateLimit: ReturnType<typeof createActorRateLimiter>;
  createData: DataFactory;
  log: Logger;
}

function requestHandler(deps: HandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/health') return await health(deps.database, res);
      if (path !== '/graphql') return send(res, 404, JSON.stringify({ error: 'not found' }));
      await requestScope.run({ requestId }, () => graphql(deps, req, res, requestId));
    } catch (error) {
      deps.log.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) send(res, 500, internalError(requestId));
      else res.end();
    }
  };
}

async function health(database: Database, res: ServerResponse): Promise<void> {
  try {
    await database.ping();
    send(res, 200, JSON.stringify({ status: 'ok' }));
  } catch {
    send(res, 503, JSON.stringify({ status: 'unavailable' }));
  }
}

async function graphql(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return send(res, 413, JSON.stringify({ errors: [{ message: 'Request body is larger than 1 MB', extensions: { code: 'BAD_USER_INPUT' } }] }), { connection: 'close' });
    throw error;
  }
  const token = bearerToken(req.headers.authorization);
  const actor = token ? await deps.verify(token) : null;
  if (!actor) return send(res, 401, UNAUTHENTICATED, { 'www-authenticate': 'Bearer' });
  const budget = await deps.rateLimit(`${actor.org}|${actor.sub}`);
  if (!budget.allowed) {
    return send(res, 429, JSON.stringify({ errors: [{ message: 'Too many requests: slow down', extensions: { code: 'FORBIDDEN' } }] }), { 'retry-after': String(budget.retryAfterSeconds) });
  }

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = parseJsonBody(headers.get('content-type'), text);
  if (body === INVALID_JSON) return send(res, 400, JSON.stringify({ errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] }));
  if (containsNul(body) || containsNul(getVariablesFromSearch(req.url))) return send(res, 400, JSON.stringify({ errors: [{ message: NUL_MESSAGE, extensions: { code: 'BAD_USER_INPUT' } }] }));

  const response = await executeInTransaction(deps, actor, requestId, async (context) =>
    deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: new URL(req.url ?? '/', 'http://hub').search, body },
      context: async () => context,
    }),
  );
  await sendApolloResponse(res, response);
}

/**
 * Runs one GraphQL request in one transaction and appends its audit events before committing.
 * The response body is complete before the commit, and nothing is sent unless the commit succeeded.
 */
async function executeInTransaction(
  deps: HandlerDeps,
  actor: Actor,
  requestId: string,
  run: (context: RequestContext) => Promise<HTTPGraphQLResponse>,
): Promise<{ status: number; headers: HeaderMap; body: string }> {
  const log = deps.log.child({ requestId });
  try {
    return await deps.database.db.transaction(async (tx) => {
      const data = deps.createData(actor, requestId, tx as unknown as Db);
      const response = await run({ actor, requestId, data, log });
      const body = await bodyText(response);
      await data.recorder.flush(tx as unknown as Db);
      return { status: response.status ?? 200, headers: response.headers, body };
    });
  } catch (error) {
    log.error({ err: error }, 'request transaction failed: no data released');
    return { status: 500, headers: jsonHeaders(), body: internalError(requestId) };
  }
}

async function bodyText(response: HTTPGraphQLResponse): Promise<string> {
  if (response.body.kind === 'complete') return response.body.string;
  let text = '';
  for await (const chunk of response.body.asyncIterator) text += chunk;
  return text;
}

const INVALID_JSON = Symbol('invalid json');

function parseJsonBody(contentType: string | undefined, text: string): unknown {
  if (!contentType?.toLowerCase().includes('application/json')) return text;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

function jsonHeaders(): HeaderMap {
  const headers = new HeaderMap();
  headers.set('content-type', 'application/json; charset=utf-8');
  return headers;
}

async function sendApolloResponse(res: ServerResponse, response: { status: number; headers: HeaderMap; body: string }) {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status;
  res.end(response.body);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}
