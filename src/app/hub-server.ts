/**
 * The hub's HTTP server: Node's http with Apollo Server 5 on POST /graphql and GET /health.
 *
 * Request path: read the body (413 past 1 MB) → verify the token (401) → rate limit (429) → open one
 * transaction and one request scope (request-scope.ts) → execute → append the request's audit events →
 * commit → send. If the audit append fails the transaction rolls back and the response carries no data
 * (fail closed).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { RequestContext } from '../access/request-context.js';
import { nameOperation } from '../access/scope.js';
import { ChainMonitor } from '../audit/chain-monitor.js';
import { checkpointSigningKey } from '../audit/checkpoints.js';
import type { Actor } from '../domain/actor.js';
import { GATEWAY_TOKEN_HEADER, verifyGatewayToken } from '../platform/auth/gateway-token.js';
import { bearerToken, createTokenVerifier, type TokenVerifier } from '../platform/auth/verify-token.js';
import type { Config } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { createApollo } from '../platform/graphql/apollo.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { containsNul, getVariablesFromSearch, NUL_MESSAGE } from '../platform/http/nul-characters.js';
import { createActorRateLimiter, type SharedStore } from '../platform/http/rate-limit.js';
import { BodyTooLargeError, readBody } from '../platform/http/read-body.js';
import { errorBody, send, sendError } from '../platform/http/respond.js';
import { handleOpenReferral } from '../../resolvers/local-offer/open-referral-api.js';
import { createFhirHandler, isFhirPath, type FhirHandler } from '../platform/fhir/fhir-handler.js';
import { buildHubSchema } from './build-schema.js';
import { createFhirSource } from './fhir-source.js';
import { accessSettings, inRequestScope, type ScopeServices } from './request-scope.js';

export interface Hub {
  url: string;
  port: number;
  database: Database;
  log: Logger;
  /** The background audit chain verifier (tests wait on it). */
  chain: ChainMonitor;
  close(): Promise<void>;
}

export interface HubOptions {
  /** An already-open database (tests); otherwise opened from config. */
  database?: Database;
  log?: Logger;
  /** Pages, GraphiQL and development tokens (src/app/ui-routes.ts): serves its paths, passes the rest on. */
  ui?: (req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => Promise<void>;
  /** A cluster worker (src/app/cluster.ts): the primary migrated already, and responses name the worker. */
  worker?: { id: number };
}

/** A failed request (audit append, transaction, anything unexpected): no data, only the request id. */
const internalError = (requestId: string) => errorBody('INTERNAL_SERVER_ERROR', 'Internal server error', { requestId }, null);

/** How a request's work runs in its scope: `inRequestScope` for the hub (benchmarks compose their own). */
export type ScopeRunner = typeof inRequestScope;

export async function startHub(config: Config, options: HubOptions = {}): Promise<Hub> {
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  if (!options.worker) await database.migrate();
  return serveHub(config, database, log, inRequestScope, options.ui, undefined, options.worker);
}

/**
 * One subgraph of the federated layout (docs/federation.md): its own schema, loopback only, and only
 * requests the gateway signed for it; the request id is the gateway's, so the audit events of one client
 * request carry one id whichever subgraphs served it.
 */
export interface SubgraphRole {
  name: string;
  schema: GraphQLSchema;
  gatewaySecret: string;
}

/** The server over an open, migrated database; `runScope` is the hub's own unless a benchmark composes one. */
export async function serveHub(
  config: Config,
  database: Database,
  log: Logger,
  runScope: ScopeRunner,
  ui?: HubOptions['ui'],
  subgraph?: SubgraphRole,
  worker?: HubOptions['worker'],
): Promise<Hub> {
  const chain = new ChainMonitor(database.db, log, undefined, undefined, checkpointSigningKey(config.auditSigningKey));
  const services: ScopeServices = { database, settings: accessSettings(config), chain };
  const apollo = createApollo<RequestContext>(subgraph?.schema ?? buildHubSchema(), config.production, {
    onOperation: (context, operationName) => nameOperation(context.data, operationName),
    // UK GDPR Art. 15: one child's record per export operation.
    singletonFields: ['subjectAccessExport'],
  });
  await apollo.start();
  const verify = createTokenVerifier(config.auth);
  const rateLimit = createActorRateLimiter(config.rateLimitPerMinute, sharedRateLimitStore(config, database, log, subgraph));
  let port = 0;
  // NHS systems' read-only FHIR R4 API (docs/fhir.md); the monolith serves it, subgraphs do not.
  const fhir = subgraph
    ? null
    : createFhirHandler({
        baseUrl: () => config.fhirBaseUrl ?? `http://localhost:${port}/fhir`,
        source: createFhirSource({ services, verify, rateLimit, runScope }),
        onError: (error, requestId) => log.error({ err: error, requestId }, 'FHIR request failed'),
      });
  const handler = requestHandler({
    fhir,
    services,
    apollo,
    verify,
    rateLimit,
    log,
    runScope,
    developmentMode: config.auth.usingDevelopmentSecret,
    subgraph: subgraph ?? null,
  });
  const server = createServer((req, res) => {
    // Which process answered (HUB_WORKERS > 1): for operators reading logs and for the scale-out test.
    if (worker) res.setHeader('x-hub-worker', String(worker.id));
    void (ui ? ui(req, res, handler) : handler(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.off('error', reject);
      resolve();
    };
    // A subgraph answers only on loopback: the gateway is its one client.
    if (subgraph) server.listen(config.port, '127.0.0.1', listening);
    else server.listen(config.port, listening);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    database,
    log,
    chain,
    close: () => shutdown(server, apollo, chain, database),
  };
}

/**
 * The budget is shared through PostgreSQL when the hub was configured with one (DATABASE_URL): any
 * number of processes may serve it. A database handed in without DATABASE_URL (benchmarks composing
 * their own hub) and the embedded database count in memory; subgraphs spend no budget (the gateway does).
 */
function sharedRateLimitStore(config: Config, database: Database, log: Logger, subgraph?: SubgraphRole): SharedStore | null {
  if (subgraph || !config.databaseUrl || !database.postgres) return null;
  return { sql: database.postgres, onError: (error) => log.error({ err: error }, 'rate limit store failed: this request was counted in memory') };
}

/** Graceful: stop accepting, let in-flight requests finish, then close Apollo and the database. */
async function shutdown(server: Server, apollo: ApolloServer<RequestContext>, chain: ChainMonitor, database: Database): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  await apollo.stop();
  await chain.stop();
  await database.close();
}

interface HandlerDeps {
  fhir: FhirHandler | null;
  services: ScopeServices;
  apollo: ApolloServer<RequestContext>;
  verify: TokenVerifier;
  rateLimit: ReturnType<typeof createActorRateLimiter>;
  log: Logger;
  runScope: ScopeRunner;
  developmentMode: boolean;
  subgraph: SubgraphRole | null;
}

function requestHandler(deps: HandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let requestId: string = randomUUID();
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/health') {
        res.setHeader('x-request-id', requestId);
        return await health(deps.services.database, res, deps.developmentMode);
      }
      if (deps.subgraph) {
        const signed = await verifyGatewayToken(deps.subgraph.gatewaySecret, deps.subgraph.name, headerValue(req.headers[GATEWAY_TOKEN_HEADER]));
        if (!signed) return sendError(res, 403, 'FORBIDDEN', `Forbidden: the ${deps.subgraph.name} subgraph answers only the gateway`);
        requestId = signed;
        res.setHeader('x-request-id', requestId);
        if (path !== '/graphql') return send(res, 404, JSON.stringify({ error: 'not found' }));
        return await graphql(deps, req, res, requestId);
      }
      res.setHeader('x-request-id', requestId);
      if (deps.fhir && isFhirPath(path!)) return await deps.fhir(req, res, requestId);
      // The public, read-only local offer (Open Referral UK): no token, no child data.
      if (await handleOpenReferral(req, res, deps.services.database.db)) return;
      if (path !== '/graphql') return send(res, 404, JSON.stringify({ error: 'not found' }));
      await graphql(deps, req, res, requestId);
    } catch (error) {
      deps.log.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) send(res, 500, internalError(requestId));
      else res.end();
    }
  };
}

/** `mode: development` tells anyone looking that tokens signed with the public development secret are accepted. */
async function health(database: Database, res: ServerResponse, developmentMode: boolean): Promise<void> {
  try {
    await database.ping();
    send(res, 200, JSON.stringify(developmentMode ? { status: 'ok', mode: 'development' } : { status: 'ok' }));
  } catch {
    send(res, 503, JSON.stringify({ status: 'unavailable' }));
  }
}

async function graphql(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 413, 'BAD_USER_INPUT', 'Request body is larger than 1 MB', { connection: 'close' });
    throw error;
  }
  const token = bearerToken(req.headers.authorization);
  const actor = token ? await deps.verify(token) : null;
  if (!actor) return sendError(res, 401, 'UNAUTHENTICATED', 'Unauthenticated: a valid bearer token is required', { 'www-authenticate': 'Bearer' });
  // Behind the gateway the client's budget is spent once, at the gateway, not once per subgraph call.
  const budget = deps.subgraph ? { allowed: true, retryAfterSeconds: 0 } : await deps.rateLimit(`${actor.org}|${actor.sub}`);
  if (!budget.allowed) {
    return sendError(res, 429, 'RATE_LIMITED', `Too many requests: try again in ${budget.retryAfterSeconds} s`, { 'retry-after': String(budget.retryAfterSeconds) });
  }

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = parseJsonBody(headers.get('content-type'), text);
  if (body === INVALID_JSON) return sendError(res, 400, 'BAD_USER_INPUT', 'Body is not valid JSON');
  if (containsNul(body) || containsNul(getVariablesFromSearch(req.url))) return sendError(res, 400, 'BAD_USER_INPUT', NUL_MESSAGE);

  const response = await executeInTransaction(deps, actor, requestId, (context) =>
    deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: new URL(req.url ?? '/', 'http://hub').search, body },
      context: async () => context,
    }),
  );
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status;
  res.end(response.body);
}

/**
 * Runs one GraphQL request in one request scope and appends its audit events before committing.
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
    return await deps.runScope(deps.services, { actor, requestId }, async (data) => {
      const response = await run({ actor, requestId, data, log });
      return { status: response.status ?? 200, headers: response.headers, body: await bodyText(response) };
    });
  } catch (error) {
    log.error({ err: error }, 'request transaction failed: no data released');
    const headers = new HeaderMap();
    headers.set('content-type', 'application/json; charset=utf-8');
    return { status: 500, headers, body: internalError(requestId) };
  }
}

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

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
