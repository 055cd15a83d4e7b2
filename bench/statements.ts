import type { Actor } from '../src/domain/actor.js';
import type { Database } from '../src/platform/db/database.js';
import { startHub } from '../src/app/hub-server.js';
import { createLogger } from '../src/platform/logger.js';
import { signDevelopmentToken } from '../src/platform/auth/sign-token.js';
import { benchConfig, BENCH_SECRET } from './bench-config.js';
import { PAGE_QUERY } from './enforcement.js';

/** SQL statements for a 5-child and a 100-child page of the same query. */
export async function benchStatements(database: Database, actor: Actor): Promise<{ five: number; hundred: number }> {
  const config = benchConfig({ RATE_LIMIT_PER_MINUTE: '100000000' });
  const hub = await startHub(config, { database: { ...database, close: async () => {} }, log: createLogger('silent') });
  const token = await signDevelopmentToken(actor, { secret: BENCH_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
  const count = async (first: number) => {
    const before = database.statements.count;
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: PAGE_QUERY, variables: { first } }) });
    await res.json();
    return database.statements.count - before;
  };
  await count(5);
  const result = { five: await count(5), hundred: await count(100) };
  await hub.close();
  return result;
}
