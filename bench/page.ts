/**
 * The enforcement part of `npm run bench` alone (bench/enforcement.ts: the 50-child page, full
 * enforcement, audit off and, on PostgreSQL, the hand-written baseline; then the same page on PGlite),
 * for quick before/after comparisons of the hot path without the verifier and areaNeeds runs:
 * `DATABASE_URL=… node --import @swc-node/register/esm-register bench/page.ts` (BENCH_SECONDS, BENCH_ROUNDS as for run.ts).
 */
import 'reflect-metadata';
import { BENCH_AREA, seededScratch } from './scratch.js';
import { benchCoordinator } from './bench-config.js';
import { benchEnforcement, median, type EnforcementResult } from './enforcement.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const AREA = BENCH_AREA;
const coordinator = benchCoordinator(AREA.code, AREA.senTeamOrg);

function print(title: string, result: EnforcementResult) {
  console.log(title);
  for (const m of Object.values(result.modes)) {
    console.log(`  ${m.label.padEnd(28)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(m.p50).padStart(4)} ms  p99 ${String(m.p99).padStart(4)} ms  CPU ${m.cpuMsPerRequest.toFixed(1).padStart(5)} ms/req  non-2xx ${m.non2xx}`);
  }
  const rr = (xs: number[]) => `${median(xs).toFixed(2)}× (rounds ${xs.map((x) => x.toFixed(2)).join(', ')})`;
  console.log(`  full / audit off: ${rr(result.ratios.fullVsAuditOff)}`);
  if (result.ratios.fullVsHandWritten.length) console.log(`  full / hand-written: ${rr(result.ratios.fullVsHandWritten)}`);
}

for (const url of process.env.DATABASE_URL ? [process.env.DATABASE_URL, null] : [null]) {
  const scratch = await seededScratch(url);
  try {
    const result = await benchEnforcement(scratch.database, coordinator, { seconds, rounds, areaCode: AREA.code, handWrittenUrl: scratch.url, log: (m) => console.log(m) });
    print(`${scratch.database.backend}: 50-child page, 10 connections, ${rounds} rounds of ${seconds} s`, result);
  } finally {
    await scratch.drop();
  }
}
