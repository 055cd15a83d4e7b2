import 'reflect-metadata';
import { openDatabase } from '../src/db/database.js';
import { startHub } from '../src/http/hub-server.js';
import { createLogger } from '../src/logger.js';
import { signDevelopmentToken } from '../src/auth/sign-token.js';
import { testConfig, TEST_SECRET } from '../test/support/test-hub.js';
import { coordinatorOf } from '../test/support/factories.js';
import { seedChildren } from '../seeds/generate.js';
import { PAGE_QUERY } from './enforcement.js';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: 'memory://' });
await database.migrate();
const area = { code: 'E06999001', name: 'Bench', senTeamOrg: 'LA999', healthOrgs: ['RB1'], socialCareOrg: 'SC999', localities: ['North'], postcodeAreas: ['ZZ1'] };
await seedChildren(database.db, { children: 200, areas: 1, areaList: [area], disclosureKey: 'k', seed: 7 });
const config = testConfig({ RATE_LIMIT_PER_MINUTE: '100000000', BULK_ACCESS_THRESHOLD: '100000000' });
const hub = await startHub(config, { database: { ...database, close: async () => {} }, log: createLogger('silent') });
const token = await signDevelopmentToken(coordinatorOf(area.code, area.senTeamOrg), { secret: TEST_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
const body = JSON.stringify({ query: process.env.Q ?? PAGE_QUERY, variables: { first: 50 } });
const run = () => fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then((r) => r.text());
for (let i = 0; i < 5; i++) await run();
const started = performance.now();
const N = Number(process.env.N ?? 40);
for (let i = 0; i < N; i++) await run();
console.log(`mean ${((performance.now() - started) / N).toFixed(1)} ms per 50-child page`);
await hub.close();
if (process.env.TRACE) {
  const marks: [number, string][] = [];
  (database.statements as { logQuery: (q: string) => void }).logQuery = (q: string) => { marks.push([performance.now(), q.slice(0, 90)]); };
  const hub2 = await startHub(config, { database: { ...database, close: async () => {} }, log: createLogger('silent') });
  const t0 = performance.now();
  await fetch(hub2.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then((r) => r.text());
  const end = performance.now();
  let prev = t0;
  for (const [at, q] of marks) { console.log(`${(at - prev).toFixed(1).padStart(6)} ms before: ${q}`); prev = at; }
  console.log(`${(end - prev).toFixed(1).padStart(6)} ms after last statement`);
  await hub2.close();
}
