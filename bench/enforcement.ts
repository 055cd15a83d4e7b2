/**
 * Throughput of a 50-child page with all sections through the real HTTP server: full enforcement
 * (decisions + audit) against the same query with the audit off and with enforcement off.
 */
import autocannon from 'autocannon';
import type { Actor } from '../src/domain/actor.js';
import type { Database } from '../src/platform/db/database.js';
import { serveHub, type ScopeRunner } from '../src/app/hub-server.js';
import { inRequestScope } from '../src/app/request-scope.js';
import { createLogger } from '../src/platform/logger.js';
import { signDevelopmentToken } from '../src/platform/auth/sign-token.js';
import { benchConfig, BENCH_SECRET } from './bench-config.js';
import { withoutAudit } from './baselines.js';

export const PAGE_QUERY = `query Page($first: Int) { children(first: $first) { edges { node {
  id givenName familyName dateOfBirth nhsNumber consents { id }
  plan { status overdue } sections { code version entries { key value } needs { type rank } placement { settingType } }
} } } }`;

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
}

async function load(database: Database, actor: Actor, label: string, runScope: ScopeRunner, seconds: number): Promise<LoadResult> {
  const config = benchConfig({ RATE_LIMIT_PER_MINUTE: '100000000', BULK_ACCESS_THRESHOLD: '100000000' });
  const hub = await serveHub(config, { ...database, close: async () => {} }, createLogger('silent'), runScope);
  const token = await signDevelopmentToken(actor, { secret: BENCH_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
  const options = {
    url: hub.url,
    method: 'POST' as const,
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PAGE_QUERY, variables: { first: 50 } }),
  };
  await autocannon({ ...options, duration: 1 }); // warm-up
  const result = await autocannon(options);
  await hub.close();
  return { label, requestsPerSecond: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

export async function benchEnforcement(database: Database, actor: Actor, seconds = 6): Promise<LoadResult[]> {
  const noAudit = await load(database, actor, 'decisions, audit off', withoutAudit, seconds);
  const full = await load(database, actor, 'full enforcement + audit', inRequestScope, seconds);
  return [noAudit, full];
}
