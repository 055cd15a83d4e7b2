/**
 * Benchmark: `areaNeeds` grouped by two dimensions against a hand-written SQL GROUP BY on the same
 * tables, in the same run, on the same database (docs/quality-targets.md: within 2× and under 1 s at 500,000).
 *
 * areaNeeds is timed through its service (the SQL with GROUPING SETS and margins, disclosure control,
 * and the audit append), inside a transaction that is rolled back so repeated runs leave nothing behind.
 * Runs alternate between the two so drift hits both alike; the first run of each is a discarded warm-up.
 *
 * Library use: `await benchAreaNeeds(database, { children: 100_000 })`.
 * Direct use: `DATABASE_URL=postgres://… node --import @swc-node/register/esm-register bench/area-needs.ts [children]`
 * (seeds into that database: use a scratch one).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { areaNeeds } from '../resolvers/commissioning/commissioning.service.js';
import { countChildren, seedChildren } from '../seeds/generate.js';
import { DEMO_AREAS } from '../seeds/demo-areas.js';
import { flushScope, openScope } from '../src/access/scope.js';
import type { Actor } from '../src/domain/actor.js';
import { openDatabase, queryRows, type Database, type Db } from '../src/platform/db/database.js';
import type { NeedDimension } from '../src/domain/vocabulary.js';

export interface AreaNeedsBenchOptions {
  /** Children to seed before timing (0 to time what is there). Default 100,000. */
  children?: number;
  /** Timed runs of each query (after one warm-up each). Default 7. */
  runs?: number;
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
  runs: number;
  seedMs: number;
  areaNeeds: Timing;
  handWritten: Timing;
  /** areaNeeds median over hand-written median (target ≤ 2). */
  ratio: number;
  /** SQL statements per areaNeeds call (the aggregate plus the audit append). */
  statementsPerCall: number;
  cells: number;
}

const ROLLBACK = Symbol('rollback');

/** The hand-written baseline: what an analyst would type for PRIMARY_NEED × LOCALITY (or the chosen pair). */
function handWrittenSql(areaCode: string, groupBy: [NeedDimension, NeedDimension], asOf: string) {
  const expr: Record<NeedDimension, string> = {
    PRIMARY_NEED: 'n.type',
    LOCALITY: 'c.locality',
    PLAN_STATUS: 'p.status',
    SUPPORT_LEVEL: "'EHC_PLAN'",
    SETTING_TYPE: 'pl.setting_type',
    AGE_BAND: `case when age < 5 then 'UNDER_5' when age <= 10 then 'AGE_5_10' when age <= 15 then 'AGE_11_15' when age <= 19 then 'AGE_16_19' else 'AGE_20_25' end`,
  };
  const ageJoin = groupBy.includes('AGE_BAND') ? sql`cross join lateral (select extract(year from age(${asOf}::date, c.date_of_birth)) as age) a` : sql``;
  const planJoin = groupBy.includes('PLAN_STATUS') ? sql`left join plans p on p.child_id = c.id` : sql``;
  const settingJoin = groupBy.includes('SETTING_TYPE')
    ? sql`left join sections si on si.child_id = c.id and si.code = 'I' left join placements pl on pl.version_id = si.current_version_id`
    : sql``;
  const cols = sql.raw(groupBy.map((d) => expr[d]).join(', '));
  return sql`select ${cols}, count(*) as n
    from children c
    join sections sb on sb.child_id = c.id and sb.code = 'B'
    join needs n on n.version_id = sb.current_version_id and n.rank = 1
    ${planJoin} ${settingJoin} ${ageJoin}
    where c.area_code = ${areaCode}
    group by ${sql.raw(groupBy.map((_, i) => String(i + 1)).join(', '))}`;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { medianMs: round(median), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!), samplesMs: samples.map(round) };
}

export async function benchAreaNeeds(database: Database, options: AreaNeedsBenchOptions = {}): Promise<AreaNeedsBenchResult> {
  const log = options.log ?? (() => {});
  const db = database.db;
  const runs = options.runs ?? 7;
  const groupBy = options.groupBy ?? ['PRIMARY_NEED', 'LOCALITY'];
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const disclosureKey = options.disclosureKey ?? 'ehc-hub-development-disclosure-key';
  const areaCode = DEMO_AREAS[0]!.code; // seedChildren with one area puts every child there

  const seedStart = performance.now();
  const toSeed = options.children ?? 100_000;
  if (toSeed > 0) {
    const startIndex = await countChildren(db);
    log(`seeding ${toSeed} children after ${startIndex} …`);
    await seedChildren(db, { children: toSeed, areas: 1, disclosureKey, today, startIndex, batchSize: 2000 });
    await db.execute(sql`analyze`);
  }
  const seedMs = performance.now() - seedStart;
  const [{ n: childrenInArea } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from children where area_code = ${areaCode}`);

  const actor: Actor = { sub: 'bench:commissioner', org: 'ICB-BENCH', agency: null, role: 'COMMISSIONER', areas: [areaCode] };
  let cells = 0;
  let statements = 0;
  const runAreaNeeds = async () => {
    const before = database.statements.count;
    try {
      await db.transaction(async (tx) => {
        const data = openScope({ actor, requestId: 'bench', tx: tx as unknown as Db, settings: { disclosureKey, breakGlassHours: 4, bulkAccessThreshold: 50 } });
        const table = await areaNeeds(data, areaCode, groupBy, null, today);
        cells = table.cells.length;
        await flushScope(data);
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    // Minus the transaction's begin/rollback, which drizzle does not count as statements anyway.
    statements = database.statements.count - before;
  };
  const runHandWritten = async () => {
    await queryRows(db, handWrittenSql(areaCode, groupBy, today));
  };

  await runAreaNeeds();
  await runHandWritten();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await runAreaNeeds();
    ours.push(performance.now() - start);
    start = performance.now();
    await runHandWritten();
    theirs.push(performance.now() - start);
  }
  const a = timing(ours);
  const h = timing(theirs);
  const result: AreaNeedsBenchResult = {
    backend: database.backend,
    areaCode,
    childrenInArea,
    groupBy,
    runs,
    seedMs: Math.round(seedMs),
    areaNeeds: a,
    handWritten: h,
    ratio: Math.round((a.medianMs / h.medianMs) * 100) / 100,
    statementsPerCall: statements,
    cells,
  };
  log(`areaNeeds ${groupBy.join(' × ')} over ${childrenInArea} children: median ${a.medianMs} ms vs hand-written ${h.medianMs} ms (×${result.ratio})`);
  return result;
}

// Direct use: bench a scratch database named by DATABASE_URL (or an in-memory PGlite).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: 'memory://', poolSize: 2 });
  await database.migrate();
  try {
    const result = await benchAreaNeeds(database, { children: Number(process.argv[2] ?? 100_000), log: (m) => console.error(m) });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await database.close();
  }
}
