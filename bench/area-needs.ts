/**
 * Benchmark: `areaNeeds` grouped by two dimensions against a hand-written SQL GROUP BY on the same
 * tables, in the same run, on the same database (docs/quality-targets.md: within 1.2× and under 1 s at
 * 500,000 children).
 *
 * areaNeeds is timed through its service as a request runs it: a transaction, the aggregates' work_mem
 * (set_config), the one aggregate statement (full cells, counts and cell keys), the margins and total
 * added up in Node, disclosure control, and the audit append; the transaction is rolled back so repeated runs leave nothing behind.
 * The baseline is what an analyst would type for the same counts: the same children (the area's
 * children with a current section B primary need, and SEN support pupils without one), the same
 * grouping expressions, `count(*)` only. Before timing, its counts are checked to be the true counts
 * areaNeeds protects, cell for cell. It does less than the hub must: no cell key (`sum(record_key)`),
 * no margins, no disclosure control, no audit event. It runs twice: with the work_mem the hub gives
 * its aggregates (src/access/aggregate.ts, set the same way in a transaction), so both get the same
 * plan (the ratio); and at the server's settings, as an analyst's session would (reported beside it).
 *
 * Rounds (`rounds`, BENCH_ROUNDS in run.ts) each rotate the three for `seconds` (at least 3 each),
 * after one discarded warm-up of each; the ratios are the medians of the per-round ratios of medians,
 * and the milliseconds are the medians of the per-round medians. Children are seeded set-based
 * (seeds/bulk.ts: 500,000 in one to two minutes on a busy 2-core machine).
 *
 * Library use: `await benchAreaNeeds(database, { children: 100_000 })`.
 * Direct use: `DATABASE_URL=postgres://… node --import @swc-node/register/esm-register bench/area-needs.ts [children]`
 * (seeds into that database: use a scratch one); or `BENCH_ONLY=area-needs npm run bench`.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { areaNeeds } from '../resolvers/commissioning/commissioning.service.js';
import { AGGREGATE_WORK_MEM } from '../src/access/aggregate.js';
import { needCounts } from '../resolvers/commissioning/commissioning.store.js';
import { seedChildrenBulk } from '../seeds/bulk.js';
import { countChildren } from '../seeds/generate.js';
import { DEMO_AREAS } from '../seeds/demo-areas.js';
import { flushScope, openScope } from '../src/access/scope.js';
import type { Actor } from '../src/domain/actor.js';
import { openDatabase, queryRows, type Database, type Db } from '../src/platform/db/database.js';
import type { NeedDimension } from '../src/domain/vocabulary.js';

export interface AreaNeedsBenchOptions {
  /** Children to seed before timing (0 to time what is there). Default 100,000. */
  children?: number;
  /** Interleaved rounds. Default 3. */
  rounds?: number;
  /** Seconds each round alternates the two queries (at least 3 pairs). Default 2. */
  seconds?: number;
  disclosureKey?: string;
  groupBy?: [NeedDimension, NeedDimension];
  /** Reference date for seeding and age bands, so runs are comparable. Default today. */
  today?: string;
  log?: (message: string) => void;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

export interface AreaNeedsBenchResult {
  backend: Database['backend'];
  areaCode: string;
  childrenInArea: number;
  groupBy: [NeedDimension, NeedDimension];
  rounds: number;
  seedMs: number;
  /** Median of the per-round medians, and every sample. */
  areaNeeds: Timing;
  /** The hand-written GROUP BY with the aggregates' work_mem. */
  handWritten: Timing;
  /** The hand-written GROUP BY at the server's settings. */
  handWrittenServerDefaults: Timing;
  /** Median of the per-round ratios areaNeeds median / hand-written median (target ≤ 1.2). */
  ratio: number;
  roundRatios: number[];
  /** The same against the hand-written GROUP BY at the server's settings. */
  ratioServerDefaults: number;
  /** SQL statements per areaNeeds call (set_config, the aggregate, the audit append). */
  statementsPerCall: number;
  cells: number;
}

const ROLLBACK = Symbol('rollback');

/**
 * The hand-written baseline for the chosen pair: the children areaNeeds counts (section B primary need;
 * SEN support pupils with no such need) and its grouping values, counted, nothing else.
 */
function handWrittenSql(areaCode: string, groupBy: [NeedDimension, NeedDimension], asOf: string) {
  const expr: Record<NeedDimension, string> = {
    PRIMARY_NEED: 'c.need_type',
    LOCALITY: "coalesce(c.locality, 'UNKNOWN')",
    PLAN_STATUS: "coalesce(p.status, 'NONE')",
    SUPPORT_LEVEL: 'c.support_level',
    SETTING_TYPE: "coalesce(pl.setting_type, 'NONE')",
    AGE_BAND: `case when age < 5 then 'UNDER_5' when age <= 10 then 'AGE_5_10' when age <= 15 then 'AGE_11_15' when age <= 19 then 'AGE_16_19' else 'AGE_20_25' end`,
  };
  const ageJoin = groupBy.includes('AGE_BAND') ? sql`cross join lateral (select extract(year from age(${asOf}::date, c.date_of_birth)) as age) a` : sql``;
  const planJoin = groupBy.includes('PLAN_STATUS') ? sql`left join plans p on p.child_id = c.id` : sql``;
  const settingJoin = groupBy.includes('SETTING_TYPE')
    ? sql`left join sections si on si.child_id = c.id and si.code = 'I' left join placements pl on pl.version_id = si.current_version_id`
    : sql``;
  const cols = sql.raw(groupBy.map((d) => expr[d]).join(', '));
  return sql`select ${cols}, count(*)::int as n
    from (
      select ch.id, ch.locality, ch.date_of_birth, n.type as need_type, 'EHC_PLAN' as support_level
      from children ch
      join sections sb on sb.child_id = ch.id and sb.code = 'B'
      join needs n on n.version_id = sb.current_version_id and n.rank = 1
      where ch.area_code = ${areaCode}
      union all
      select ch.id, ch.locality, ch.date_of_birth, sn.need_type, 'SEN_SUPPORT'
      from children ch
      join sen_support ss on ss.child_id = ch.id
      join sen_support_needs sn on sn.child_id = ch.id and sn.rank = 1
      where ch.area_code = ${areaCode}
        and not exists (select 1 from sections sb join needs n on n.version_id = sb.current_version_id and n.rank = 1 where sb.child_id = ch.id and sb.code = 'B')
    ) c
    ${planJoin} ${settingJoin} ${ageJoin}
    group by ${sql.raw(groupBy.map((_, i) => String(i + 1)).join(', '))}`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timing(roundMedians: number[], samples: number[]): Timing {
  return { medianMs: round2(median(roundMedians)), minMs: round2(Math.min(...samples)), maxMs: round2(Math.max(...samples)), samplesMs: samples.map(round2) };
}

/** The baseline must count what areaNeeds counts: its cells against the true (unprotected) full cells. */
function assertSameCounts(baseline: Record<string, unknown>[], trueCells: { values: (string | null)[]; grouped: boolean[]; count: number }[]) {
  const key = (values: unknown[]) => JSON.stringify(values.map((v) => (v === null || v === undefined ? null : String(v))));
  const theirs = new Map(baseline.map((r) => { const { n, ...values } = r; return [key(Object.values(values)), Number(n)]; }));
  const ours = new Map(trueCells.filter((c) => c.grouped.every(Boolean)).map((c) => [key(c.values), c.count]));
  const same = theirs.size === ours.size && [...ours].every(([k, n]) => theirs.get(k) === n);
  if (!same) throw new Error(`the hand-written GROUP BY does not count what areaNeeds counts: ${JSON.stringify([...theirs])} vs ${JSON.stringify([...ours])}`);
}

export async function benchAreaNeeds(database: Database, options: AreaNeedsBenchOptions = {}): Promise<AreaNeedsBenchResult> {
  const log = options.log ?? (() => {});
  const db = database.db;
  const rounds = options.rounds ?? 3;
  const seconds = options.seconds ?? 2;
  const groupBy = options.groupBy ?? ['PRIMARY_NEED', 'LOCALITY'];
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const disclosureKey = options.disclosureKey ?? 'ehc-hub-development-disclosure-key';
  const area = DEMO_AREAS[0]!;
  const areaCode = area.code;

  const seedStart = performance.now();
  const toSeed = options.children ?? 100_000;
  if (toSeed > 0) {
    const startIndex = await countChildren(db);
    log(`seeding ${toSeed} children after ${startIndex} …`);
    await seedChildrenBulk(db, { children: toSeed, area, disclosureKey, today, startIndex });
    await db.execute(sql`analyze`);
  }
  const seedMs = performance.now() - seedStart;
  log(`seeded in ${Math.round(seedMs)} ms`);
  const [{ n: childrenInArea } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from children where area_code = ${areaCode}`);

  const actor: Actor = { sub: 'bench:commissioner', org: 'ICB-BENCH', agency: null, role: 'COMMISSIONER', areas: [areaCode] };
  const settings = { disclosureKey, breakGlassHours: 4, bulkAccessThreshold: 50 };
  let cells = 0;
  let statements = 0;
  const runAreaNeeds = async () => {
    const before = database.statements.count;
    try {
      await db.transaction(async (tx) => {
        const data = openScope({ actor, requestId: 'bench', tx: tx as unknown as Db, settings });
        const table = await areaNeeds(data, areaCode, groupBy, null, today);
        cells = table.cells.length;
        await flushScope(data);
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    // drizzle does not count the transaction's begin/rollback as statements.
    statements = database.statements.count - before;
  };
  const baseline = handWrittenSql(areaCode, groupBy, today);
  const runHandWrittenDefault = () => queryRows<Record<string, unknown>>(db, baseline);
  const runHandWritten = () => db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', ${AGGREGATE_WORK_MEM}, true)`);
    return queryRows<Record<string, unknown>>(tx as unknown as Db, baseline);
  });

  const query = { areaCode, dimensions: groupBy, locality: null, primaryNeed: null, planStatus: null, supportLevel: null, asOf: today };
  const trueCells = await needCounts(db, query);
  assertSameCounts(await runHandWritten(), trueCells);
  assertSameCounts(await runHandWrittenDefault(), trueCells);
  await runAreaNeeds();
  const modes = { hub: runAreaNeeds, hand: runHandWritten, handDefault: runHandWrittenDefault };
  const names = Object.keys(modes) as (keyof typeof modes)[];
  const samples: Record<keyof typeof modes, number[][]> = { hub: [], hand: [], handDefault: [] };
  for (let round = 0; round < rounds; round++) {
    const got: Record<keyof typeof modes, number[]> = { hub: [], hand: [], handDefault: [] };
    const until = performance.now() + seconds * 1000;
    // Rotating, and which goes first moves each round, so drift and caching hit all alike.
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    while (got.hub.length < 3 || performance.now() < until) {
      for (const which of order) {
        const start = performance.now();
        await modes[which]();
        got[which].push(performance.now() - start);
      }
    }
    for (const name of names) samples[name].push(got[name]);
  }
  const ratiosTo = (other: number[][]) => samples.hub.map((a, i) => round2(median(a) / median(other[i]!)));
  const roundRatios = ratiosTo(samples.hand);
  const result: AreaNeedsBenchResult = {
    backend: database.backend,
    areaCode,
    childrenInArea,
    groupBy,
    rounds,
    seedMs: Math.round(seedMs),
    areaNeeds: timing(samples.hub.map(median), samples.hub.flat()),
    handWritten: timing(samples.hand.map(median), samples.hand.flat()),
    handWrittenServerDefaults: timing(samples.handDefault.map(median), samples.handDefault.flat()),
    ratio: round2(median(roundRatios)),
    roundRatios,
    ratioServerDefaults: round2(median(ratiosTo(samples.handDefault))),
    statementsPerCall: statements,
    cells,
  };
  log(`areaNeeds ${groupBy.join(' × ')} over ${childrenInArea} children: median ${result.areaNeeds.medianMs} ms vs hand-written ${result.handWritten.medianMs} ms (×${result.ratio}, rounds ${roundRatios.join(', ')}); hand-written at server settings ${result.handWrittenServerDefaults.medianMs} ms (×${result.ratioServerDefaults})`);
  return result;
}

// Direct use: bench a scratch database named by DATABASE_URL (or an in-memory PGlite).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: 'memory://', poolSize: 2 });
  await database.migrate();
  try {
    const result = await benchAreaNeeds(database, {
      children: Number(process.argv[2] ?? 100_000),
      rounds: Number(process.env.BENCH_ROUNDS ?? 3),
      seconds: Number(process.env.BENCH_SECONDS ?? 2),
      log: (m) => console.error(m),
    });
    console.log(JSON.stringify(result, (key, value) => (key === 'samplesMs' ? undefined : value), 2));
  } finally {
    await database.close();
  }
}
