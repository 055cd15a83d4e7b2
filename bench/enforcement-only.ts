/**
 * `node --import @swc-node/register/esm-register bench/enforcement-only.ts`: only the enforcement part of
 * `npm run bench` (bench/run.ts): full enforcement against audit off on the 50-child page, 10 connections,
 * on a scratch database (PostgreSQL when DATABASE_URL is set, else PGlite). BENCH_SECONDS, BENCH_ROUNDS as
 * for the full bench. For before/after comparisons of one change on a shared machine (ratios, not ms).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../src/platform/db/database.js';
import { seedChildren } from '../seeds/generate.js';
import { benchCoordinator } from './bench-config.js';
import { benchEnforcement, median } from './enforcement.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const AREA = { code: 'E06999001', name: 'Bench', senTeamOrg: 'LA999', healthOrgs: ['RB1'], socialCareOrg: 'SC999', localities: ['North', 'South', 'East', 'West'].map((name, i) => ({ code: `LB${i}`, name })), postcodeAreas: ['ZZ1'] };
const url = process.env.DATABASE_URL ?? null;
const name = `ehc_bench_${randomUUID().slice(0, 8)}`;
const admin = url ? postgres(url, { max: 1, onnotice: () => {} }) : null;
let databaseUrl: string | null = null;
if (admin && url) {
  await admin.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  databaseUrl = scratch.toString();
}
const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? '' : 'memory://', poolSize: 12 });
try {
  await database.migrate();
  await seedChildren(database.db, { children: 500, areas: 1, areaList: [AREA], disclosureKey: 'bench-disclosure-key', seed: 7 });
  const result = await benchEnforcement(database, benchCoordinator(AREA.code, AREA.senTeamOrg), { seconds, rounds, areaCode: AREA.code, log: (m) => console.log(m) });
  console.log(`${database.backend}: 50-child page, 10 connections, ${rounds} rounds of ${seconds} s`);
  for (const m of Object.values(result.modes)) console.log(`  ${m.label.padEnd(28)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${String(m.p99).padStart(4)} ms`);
  console.log(`  full / audit off: ${median(result.ratios.fullVsAuditOff).toFixed(2)}× (rounds ${result.ratios.fullVsAuditOff.map((x) => x.toFixed(2)).join(', ')})`);
} finally {
  await database.close();
  if (admin) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
