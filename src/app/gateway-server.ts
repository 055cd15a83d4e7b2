/**
 * The federated layout's front door (docs/federation.md): Hive Gateway on node:http serving the
 * committed supergraph. Before any subgraph is asked it does what the monolith does at its door: the
 * 1 MB body limit (413), the user's token (one uniform 401) and the per-actor rate limit (429). It gives
 * each client request one id (`x-request-id`) and signs every subgraph call with its own key for that
 * subgraph and that id (src/platform/auth/gateway-token.ts), forwarding the user's token, which each
 * subgraph verifies again. Every audit event of the request carries the id: one request, one record set.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GATEWAY_TOKEN_HEADER, signGatewayToken } from '../platform/auth/gateway-token.js';
import { bearerToken, createTokenVerifier } from '../platform/auth/verify-token.js';
import type { Config } from '../platform/config.js';
import { createActorRateLimiter } from '../platform/http/rate-limit.js';
import { BodyTooLargeError, readBody } from '../platform/http/read-body.js';
import { errorBody, send, sendError } from '../platform/http/respond.js';
import type { Logger } from '../platform/logger.js';
import { pointSupergraphAt } from './subgraphs.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const REQUEST_ID_HEADER = 'x-request-id';

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startGateway(config: Config, log: Logger): Promise<Gateway> {
  const gatewaySecret = config.federation.gatewaySecret;
  if (!gatewaySecret) throw new Error('GATEWAY_HS256_SECRET is required for the federated layout (the subgraphs accept only requests it signs)');
  const supergraph = pointSupergraphAt(readFileSync(SUPERGRAPH_FILE, 'utf8'), config.federation.subgraphPortBase);
  const runtime = createGatewayRuntime({
    supergraph,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
    // The subgraphs already answer with the hub's error model (codes, masked internals); pass it on as it is.
    maskedErrors: false,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request, subgraphName }) => ({
        authorization: request.headers.get('authorization'),
        [GATEWAY_TOKEN_HEADER]: await signGatewayToken(gatewaySecret, subgraphName, request.headers.get(REQUEST_ID_HEADER)!),
      }),
    },
  });
  const verify = createTokenVerifier(config.auth);
  const rateLimit = createActorRateLimiter(config.rateLimitPerMinute);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return send(res, 200, JSON.stringify({ status: 'ok', layout: 'federated' }));
    if (path !== '/graphql') return send(res, 404, JSON.stringify({ error: 'not found' }));
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 413, 'BAD_USER_INPUT', 'Request body is larger than 1 MB', { connection: 'close' });
      throw error;
    }
    const token = bearerToken(req.headers.authorization);
    const actor = token ? await verify(token) : null;
    if (!actor) return sendError(res, 401, 'UNAUTHENTICATED', 'Unauthenticated: a valid bearer token is required', { 'www-authenticate': 'Bearer' });
    const budget = await rateLimit(`${actor.org}|${actor.sub}`);
    if (!budget.allowed) {
      return sendError(res, 429, 'RATE_LIMITED', `Too many requests: try again in ${budget.retryAfterSeconds} s`, { 'retry-after': String(budget.retryAfterSeconds) });
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && name !== REQUEST_ID_HEADER && name !== GATEWAY_TOKEN_HEADER) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    // Only the gateway names the request: a client-sent id could merge its events with another request's.
    headers.set(REQUEST_ID_HEADER, requestId);
    const method = req.method ?? 'GET';
    const response = await runtime.fetch(new Request(new URL(req.url ?? '/', 'http://gateway'), { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body }));
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      if (name !== 'content-length') res.setHeader(name, value);
    });
    res.end(await response.text());
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'gateway request failed');
      if (!res.headersSent) send(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error', { requestId: res.getHeader(REQUEST_ID_HEADER) }, null));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await runtime.dispose();
    },
  };
}
