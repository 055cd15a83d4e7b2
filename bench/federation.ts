/**
 * `npm run bench:federation`: the cost of a gateway hop (docs/federation.md). The monolith and the
 * federated layout (Hive Gateway + seven subgraph processes) serve one fresh PostgreSQL database with the
 * same seeded area; the same query is sent to each in interleaved rounds (monolith, gateway, gateway,
 * monolith, …) so that the shared machine's noise falls on both alike. Printed: per layout the median
 * of the rounds' throughput and latency, and the gateway/monolith ratios. Timings compare within the
 * run only.
 *
 * Environment: DATABASE_URL (admin connection; default the local `test` database), BENCH_ROUNDS
 * (default 6), BENCH_SECONDS per round (default 4), BENCH_CONNECTIONS (default 4), BENCH_FEDERATION_PORT_BASE
 * (first subgraph port, default 5171).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { startFederatedLayout } from '../src/app/federated-layout.js';
import { startHub } from '../src/app/hub-server.js';
import { signDevelopmentToken } from '../src/platform/auth/sign-token.js';
import { createLogger } from '../src/platform/logger.js';
import { seedChildren } from '../seeds/generate.js';
import { openDatabase } from '../src/platform/db/database.js';
import { benchConfig, benchCoordinator, BENCH_SECRET } from './bench-config.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const PORT_BASE = Number(process.env.BENCH_FEDERATION_PORT_BASE ?? 5171);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Touches four subgraphs (children, sections, plan, consent), as a caseload page does. */
const QUERY = `query Caseload($first: Int) { children(first: $first) { edges { node {
  id givenName familyName dateOfBirth consents { id }
  plan { status overdue } sections { code version entries { key value } }
} } } }`;
const SMALL_QUERY = `query One { me { sub role } }`;

const name = `ehc_bench_fed_${randomUUID().slice(0, 8)}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const config = benchConfig({ DATABASE_URL: url.toString(), SUBGRAPH_PORT_BASE: String(PORT_BASE), DB_POOL_SIZE: '8' });
const log = createLogger('silent');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  const area = { code: 'E06999002', name: 'Bench', senTeamOrg: 'LA998', healthOrgs: ['RB2'], socialCareOrg: 'SC998', localities: [{ code: 'LB0', name: 'North' }], postcodeAreas: ['ZZ2'] };
  const seeding = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
  await seeding.migrate();
  await seedChildren(seeding.db, { children: 200, areas: 1, areaList: [area], disclosureKey: config.disclosureKey, seed: 11 });
  await seeding.close();

  const monolith = await startHub(config, { log });
  const layout = await startFederatedLayout(config, log);
  const token = await signDevelopmentToken(benchCoordinator(area.code, area.senTeamOrg), { secret: BENCH_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
  const targets = { monolith: monolith.url, gateway: layout.gateway.url };

  const run = async (target: string, query: string, variables: Record<string, unknown>, seconds: number) => {
    const result = await autocannon({
      url: target,
      method: 'POST',
      connections: CONNECTIONS,
      duration: seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  };

  console.log(`ehc-hub: gateway hop cost on postgres (${ROUNDS} interleaved rounds × ${SECONDS} s, ${CONNECTIONS} connections)\n`);
  for (const [label, query, variables] of [
    ['20-child caseload page (4 subgraphs)', QUERY, { first: 20 }],
    ['me (1 subgraph)', SMALL_QUERY, {}],
  ] as const) {
    const samples = { monolith: [] as { rps: number; p50: number; p99: number }[], gateway: [] as { rps: number; p50: number; p99: number }[] };
    for (const t of Object.values(targets)) await run(t, query, variables, 1); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      const order = (round % 2 === 0 ? ['monolith', 'gateway'] : ['gateway', 'monolith']) as (keyof typeof targets)[];
      for (const layoutName of order) samples[layoutName].push(await run(targets[layoutName], query, variables, SECONDS));
    }
    const m = { rps: median(samples.monolith.map((s) => s.rps)), p50: median(samples.monolith.map((s) => s.p50)), p99: median(samples.monolith.map((s) => s.p99)) };
    const g = { rps: median(samples.gateway.map((s) => s.rps)), p50: median(samples.gateway.map((s) => s.p50)), p99: median(samples.gateway.map((s) => s.p99)) };
    console.log(label);
    console.log(`  monolith  ${m.rps.toFixed(1).padStart(7)} req/s  p50 ${String(m.p50).padStart(5)} ms  p99 ${String(m.p99).padStart(5)} ms`);
    console.log(`  gateway   ${g.rps.toFixed(1).padStart(7)} req/s  p50 ${String(g.p50).padStart(5)} ms  p99 ${String(g.p99).padStart(5)} ms`);
    console.log(`  gateway/monolith: throughput ${(g.rps / m.rps).toFixed(2)}×, p50 latency ${(g.p50 / Math.max(m.p50, 1)).toFixed(2)}×\n`);
  }
  await layout.close();
  await monolith.close();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end({ timeout: 5 });
}
