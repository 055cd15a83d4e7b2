/**
 * `npm run bench`: each result printed as a ratio against a baseline measured in the same run, on a
 * scratch database (PGlite in memory, or a fresh PostgreSQL database when DATABASE_URL is set, then
 * PGlite as well). Load modes are interleaved in rounds (BENCH_ROUNDS, default 3, of BENCH_SECONDS
 * each); ratios are the medians of per-round ratios. BENCH_OUT names a file for the results as JSON.
 * BENCH_ONLY runs only the parts named, comma-separated: statements, page, workers, verifier, area-needs,
 * pglite-page (e.g. `BENCH_ONLY=area-needs BENCH_AREA_CHILDREN=500000 npm run bench`).
 * Timings are for comparison within the run; the machines are shared and noisy.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { benchCoordinator } from './bench-config.js';
import { BENCH_AREA, seededScratch } from './scratch.js';
import { benchAreaNeeds } from './area-needs.js';
import { benchEnforcement, median, type EnforcementResult } from './enforcement.js';
import { benchStatements } from './statements.js';
import { benchVerifier } from './verifier.js';
import { benchWorkers } from './workers.js';

const children = Number(process.env.BENCH_AREA_CHILDREN ?? 100_000);
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 6);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const PARTS = ['statements', 'page', 'workers', 'verifier', 'area-needs', 'pglite-page'];
for (const part of only ?? []) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: unknown part ${part} (parts: ${PARTS.join(', ')})`);
const runs = (part: string) => only === null || only.has(part);

const AREA = BENCH_AREA;

const fmt = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');
const round2 = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);
const coordinator = benchCoordinator(AREA.code, AREA.senTeamOrg);

/** The targets: full enforcement ≥ 0.85× audit off on PostgreSQL, ≥ 0.70× on PGlite (one process, no pool). */
function printEnforcement(title: string, result: EnforcementResult, auditOffTarget = 0.85) {
  console.log(title);
  for (const m of Object.values(result.modes)) {
    console.log(`  ${m.label.padEnd(28)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${String(m.p99).padStart(4)} ms  CPU ${m.cpuMsPerRequest.toFixed(1).padStart(5)} ms/req  non-2xx ${m.non2xx}`);
  }
  const rr = (xs: number[]) => `${fmt(median(xs))} (rounds ${xs.map((x) => x.toFixed(2)).join(', ')})`;
  console.log(`  full / audit off: ${rr(result.ratios.fullVsAuditOff)} (target ≥ ${auditOffTarget.toFixed(2)}×)`);
  if (result.ratios.fullVsHandWritten.length) console.log(`  full / hand-written: ${rr(result.ratios.fullVsHandWritten)} (target ≥ 0.50×)`);
  console.log(`  one child, one connection: p50 ${result.child.p50} ms, p99 ${result.child.p99} ms\n`);
}

const report: { backend: string; loadSeconds: number; rounds: number; ratios: Record<string, number | null>; figures: Record<string, unknown> } = {
  backend: '', loadSeconds, rounds, ratios: {}, figures: {},
};
const main = await seededScratch(process.env.DATABASE_URL ?? null);
const { database } = main;
report.backend = database.backend;
try {
  console.log(`ehc-hub benchmarks on ${database.backend}: ${rounds} interleaved rounds of ${loadSeconds} s per mode\n`);

  if (runs('statements')) {
    const statements = await benchStatements(database, coordinator);
    console.log('SQL statements per request (DataLoader batching, one audit INSERT)');
    console.log(`  5-child page: ${statements.five}   100-child page: ${statements.hundred}   ratio 100/5: ${fmt(statements.hundred / statements.five)} (target ≤ 1.00×)\n`);
    report.ratios.page_statements_100_vs_5 = round2(statements.hundred / statements.five);
    report.figures.statements_5 = statements.five;
    report.figures.statements_100 = statements.hundred;
  }
  if (runs('page')) {
    const page = await benchEnforcement(database, coordinator, { seconds: loadSeconds, rounds, areaCode: AREA.code, handWrittenUrl: main.url, log: (m) => console.log(m) });
    printEnforcement('Throughput, 50-child page with sections, 10 connections (autocannon, interleaved rounds, medians)', page, database.backend === 'pglite' ? 0.7 : 0.85);
    const full = page.modes.full!;
    report.ratios.page_full_vs_audit_off = round2(median(page.ratios.fullVsAuditOff));
    report.ratios.page_full_vs_handwritten = page.ratios.fullVsHandWritten.length ? round2(median(page.ratios.fullVsHandWritten)) : null;
    report.figures.cpu_ms_per_request = round2(full.cpuMsPerRequest);
    report.figures.p99_ms = full.p99;
    report.figures.req_per_s = round2(full.requestsPerSecond);
    report.figures.child_p50_ms = page.child.p50;
    report.figures.modes = page.modes;
    report.figures.round_ratios = page.ratios;

  }
  // `npm start` with HUB_WORKERS=2 against HUB_WORKERS=1: PostgreSQL only, the embedded database serves one process.
  if (runs('workers')) {
    if (main.url) {
      const workers = await benchWorkers(main.url, coordinator, { seconds: loadSeconds, rounds, log: (m) => console.log(m) });
      const rr = workers.ratios.map((x) => x.toFixed(2)).join(', ');
      console.log('Throughput, 50-child page, 10 connections, npm start with HUB_WORKERS=2 against HUB_WORKERS=1 (child processes, interleaved rounds)');
      console.log(`  1 worker ${median(workers.one.map((r) => r.requestsPerSecond)).toFixed(0)} req/s, 2 workers ${median(workers.two.map((r) => r.requestsPerSecond)).toFixed(0)} req/s: workers 2 / 1 ${fmt(workers.ratio)} (rounds ${rr})\n`);
      report.ratios.workers_2_vs_1 = round2(workers.ratio);
      report.figures.workers = { one: workers.one, two: workers.two, round_ratios: workers.ratios };
    } else {
      report.ratios.workers_2_vs_1 = null;
    }
  }
  if (runs('verifier')) {
    const verifier = await benchVerifier(database, 100_000);
    console.log(`Audit chain verification: ${verifier.events} events in ${verifier.verifyMs.toFixed(0)} ms (${(verifier.events / (verifier.verifyMs / 1000)).toFixed(0)} events/s); baseline plain scan ${verifier.scanMs.toFixed(0)} ms, ratio ${fmt(verifier.verifyMs / verifier.scanMs)}\n`);
    report.figures.verify_events_per_s = Math.round(verifier.events / (verifier.verifyMs / 1000));
  }
  if (runs('area-needs')) {
    const needs = await benchAreaNeeds(database, { children, rounds, seconds: loadSeconds, log: (m) => console.log(m) });
    console.log(`areaNeeds over ${needs.childrenInArea} children, grouped by ${needs.groupBy.join(' × ')} (${needs.rounds} interleaved rounds, seeded in ${needs.seedMs} ms)`);
    console.log(`  areaNeeds median ${needs.areaNeeds.medianMs.toFixed(1)} ms, hand-written GROUP BY median ${needs.handWritten.medianMs.toFixed(1)} ms, ratio ${fmt(needs.ratio)} (rounds ${needs.roundRatios.map((x) => x.toFixed(2)).join(', ')}; target ≤ 1.20×, < 1000 ms)`);
    console.log(`  hand-written GROUP BY at the server's settings (work_mem as configured) median ${needs.handWrittenServerDefaults.medianMs.toFixed(1)} ms, ratio ${fmt(needs.ratioServerDefaults)}\n`);
    report.ratios.area_needs_vs_group_by = needs.ratio;
    report.figures.area_needs_ms = needs.areaNeeds.medianMs;
    report.figures.group_by_ms = needs.handWritten.medianMs;
    report.figures.group_by_server_defaults_ms = needs.handWrittenServerDefaults.medianMs;
    report.ratios.area_needs_vs_group_by_server_defaults = needs.ratioServerDefaults;
    report.figures.area_needs_children = needs.childrenInArea;
    report.figures.area_needs_round_ratios = needs.roundRatios;
  }
} finally {
  await main.drop();
}

// On PostgreSQL, the embedded database too: its full-vs-audit-off ratio is a target of its own.
if (runs('pglite-page') && database.backend === 'pglite') {
  report.ratios.pglite_full_vs_audit_off = report.ratios.page_full_vs_audit_off ?? null;
} else if (runs('pglite-page')) {
  const embedded = await seededScratch(null);
  try {
    const page = await benchEnforcement(embedded.database, coordinator, { seconds: loadSeconds, rounds, areaCode: AREA.code, log: (m) => console.log(m) });
    printEnforcement('PGlite (embedded), 50-child page, 10 connections', page, 0.7);
    report.ratios.pglite_full_vs_audit_off = round2(median(page.ratios.fullVsAuditOff));
    report.figures.pglite_modes = page.modes;
  } finally {
    await embedded.drop();
  }
}

if (process.env.BENCH_OUT) {
  writeFileSync(process.env.BENCH_OUT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${process.env.BENCH_OUT}`);
}
