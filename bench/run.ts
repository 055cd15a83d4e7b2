/**
 * `npm run bench`: each result printed as a ratio against a baseline measured in the same run, on a
 * scratch database (PGlite in memory, or a fresh PostgreSQL database when DATABASE_URL is set).
 * Timings are for comparison within the run; the machines are shared and noisy.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { benchCoordinator } from './bench-config.js';
import { seedChildren } from '../seeds/generate.js';
import { benchAreaNeeds } from './area-needs.js';
import { benchEnforcement } from './enforcement.js';
import { benchStatements } from './statements.js';
import { benchVerifier } from './verifier.js';

const children = Number(process.env.BENCH_AREA_CHILDREN ?? 100_000);
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 6);

async function scratchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    return { database, drop: () => database.close() };
  }
  const name = `ehc_bench_${randomUUID().slice(0, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: scratchUrl.toString(), dataDir: '', poolSize: 12 });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const ratio = (value: number, baseline: number) => (baseline === 0 ? 'n/a' : `${(value / baseline).toFixed(2)}×`);

const { database, drop } = await scratchDatabase();
try {
  await database.migrate();
  console.log(`ehc-hub benchmarks on ${database.backend}\n`);

  const area = { code: 'E06999001', name: 'Bench', senTeamOrg: 'LA999', healthOrgs: ['RB1'], socialCareOrg: 'SC999', localities: ['North', 'South', 'East', 'West'].map((name, i) => ({ code: `LB${i}`, name })), postcodeAreas: ['ZZ1'] };
  await seedChildren(database.db, { children: 500, areas: 1, areaList: [area], disclosureKey: 'bench-disclosure-key', seed: 7 });
  const coordinator = benchCoordinator(area.code, area.senTeamOrg);

  const statements = await benchStatements(database, coordinator);
  console.log('SQL statements per request (DataLoader batching, one audit INSERT)');
  console.log(`  5-child page: ${statements.five}   100-child page: ${statements.hundred}   ratio 100/5: ${ratio(statements.hundred, statements.five)} (target ≤ 1.00×)\n`);

  const [noAudit, full] = await benchEnforcement(database, coordinator, loadSeconds);
  console.log('Throughput, 50-child page with sections, 10 connections (autocannon)');
  for (const r of [noAudit!, full!]) {
    console.log(`  ${r.label.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  non-2xx ${r.non2xx}  ratio ${ratio(r.requestsPerSecond, noAudit!.requestsPerSecond)}`);
  }
  console.log(`  audit cost: full / audit-off throughput = ${ratio(full!.requestsPerSecond, noAudit!.requestsPerSecond)}\n`);

  const verifier = await benchVerifier(database, 100_000);
  console.log(`Audit chain verification: ${verifier.events} events in ${verifier.verifyMs.toFixed(0)} ms (${(verifier.events / (verifier.verifyMs / 1000)).toFixed(0)} events/s); baseline plain scan ${verifier.scanMs.toFixed(0)} ms, ratio ${ratio(verifier.verifyMs, verifier.scanMs)}\n`);

  const needs = await benchAreaNeeds(database, { children, runs: 5 });
  console.log(`areaNeeds over ${needs.childrenInArea} children, grouped by ${needs.groupBy.join(' × ')}`);
  console.log(`  areaNeeds median ${needs.areaNeeds.medianMs.toFixed(1)} ms, hand-written GROUP BY median ${needs.handWritten.medianMs.toFixed(1)} ms, ratio ${ratio(needs.areaNeeds.medianMs, needs.handWritten.medianMs)} (target ≤ 2.00×, < 1000 ms)`);
} finally {
  await drop();
}
