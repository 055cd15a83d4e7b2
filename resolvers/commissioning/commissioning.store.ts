/**
 * SQL for commissioning aggregates. Each function is ONE statement over the base tables that returns,
 * per cell, the true count and the cell key (`SUM(record_key) % 256`, see policies/disclosure); no
 * child record ever reaches Node. Called only by commissioning.service.ts with the request's transaction.
 *
 * Only fixed SQL fragments chosen from the NeedDimension enum are spliced in (sql.raw on constants);
 * every value the caller supplies is a bound parameter.
 */
import { sql, type SQL } from 'drizzle-orm';
import { KEY_SPACE } from '../../policies/disclosure/record-key.js';
import { ageBandBoundaries } from '../../src/domain/age-bands.js';
import { sectionsWithPart } from '../../src/domain/sections.js';
import { FINAL_PLAN_DAYS } from '../../src/domain/statutory-clock.js';
import { CLOCK_EXCEPTION_MINIMUM_DAYS, CONTINUOUS_PERIOD_MINIMUM_DAYS } from '../../src/domain/timeliness.js';
import { AGE_BANDS, type NeedDimension, type ProvisionType } from '../../src/domain/vocabulary.js';
import { queryRows, type Db } from '../../src/platform/db/database.js';

/** The section codes carrying each typed part, from the section registry (bound, never spliced). */
const codes = (part: Parameters<typeof sectionsWithPart>[0]) => sql.join(sectionsWithPart(part).map((c) => sql`${c}`), sql`, `);

export interface NeedQuery {
  areaCode: string;
  dimensions: readonly NeedDimension[];
  locality: readonly string[] | null;
  primaryNeed: readonly string[] | null;
  planStatus: readonly string[] | null;
  supportLevel: readonly string[] | null;
  /** The reference date of the age bands. */
  asOf: string;
}

/** One grouping-set row: `grouped` has one flag per dimension (true when the row is split by it). */
export interface GroupRow {
  values: (string | null)[];
  grouped: boolean[];
  count: number;
  cellKey: number;
}

/** The SQL expression of each dimension over the joined rows (aliases: c the counted children with their primary need and level, p plans, pl placements). */
function dimensionSql(dimension: NeedDimension, asOf: string): SQL {
  switch (dimension) {
    case 'PRIMARY_NEED':
      return sql`c.need_type`;
    case 'SUPPORT_LEVEL':
      return sql`c.support_level`;
    case 'AGE_BAND': {
      // src/domain/age-bands.ts: born after asOf − (next band's first age) years → this band.
      const whens = ageBandBoundaries(asOf).map(({ band, bornAfter }) => sql`when c.date_of_birth > ${bornAfter}::date then ${band}`);
      return sql`case ${sql.join(whens, sql` `)} else ${AGE_BANDS.at(-1)!} end`;
    }
    case 'SETTING_TYPE':
      return sql`coalesce(pl.setting_type, 'NONE')`;
    case 'LOCALITY':
      return sql`coalesce(c.locality, 'UNKNOWN')`;
    case 'PLAN_STATUS':
      return sql`coalesce(p.status, 'NONE')`;
  }
}

const inList = (expr: SQL, values: readonly string[]) => sql`${expr} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/**
 * The children counted by areaNeeds, one row each: the area's children whose current section B version
 * records a primary need (rank 1), at every plan stage, at the EHC_PLAN level; and pupils on SEN support
 * with no such need recorded, at the SEN_SUPPORT level with the primary need the school recorded (Code
 * 6.44; NSA allowed). Narrowed by the filter. Plans and placements are joined only when a dimension or
 * filter needs them.
 */
function countedChildren(q: NeedQuery): SQL {
  const needsPlan = q.dimensions.includes('PLAN_STATUS') || q.planStatus !== null;
  const needsSetting = q.dimensions.includes('SETTING_TYPE');
  const where: SQL[] = [];
  if (q.locality) where.push(inList(dimensionSql('LOCALITY', q.asOf), q.locality));
  if (q.primaryNeed) where.push(inList(sql`c.need_type`, q.primaryNeed));
  if (q.planStatus) where.push(inList(dimensionSql('PLAN_STATUS', q.asOf), q.planStatus));
  if (q.supportLevel) where.push(inList(sql`c.support_level`, q.supportLevel));
  const columns = q.dimensions.map((d, i) => sql`${dimensionSql(d, q.asOf)} as ${sql.raw(`d${i}`)}`);
  return sql`select c.record_key${columns.length ? sql`, ${sql.join(columns, sql`, `)}` : sql``}
    from (
      select ch.id, ch.record_key, ch.locality, ch.date_of_birth, n.type as need_type, 'EHC_PLAN' as support_level
      from children ch
      join sections sb on sb.child_id = ch.id and sb.code in (${codes('needs')})
      join needs n on n.version_id = sb.current_version_id and n.rank = 1
      where ch.area_code = ${q.areaCode}
      union all
      select ch.id, ch.record_key, ch.locality, ch.date_of_birth, sn.need_type, 'SEN_SUPPORT' as support_level
      from children ch
      join sen_support ss on ss.child_id = ch.id
      join sen_support_needs sn on sn.child_id = ch.id and sn.rank = 1
      where ch.area_code = ${q.areaCode}
        and not exists (
          select 1 from sections sb join needs n on n.version_id = sb.current_version_id and n.rank = 1
          where sb.child_id = ch.id and sb.code in (${codes('needs')}))
    ) c
    ${needsPlan ? sql`left join plans p on p.child_id = c.id` : sql``}
    ${needsSetting ? sql`left join sections si on si.child_id = c.id and si.code in (${codes('placement')}) left join placements pl on pl.version_id = si.current_version_id` : sql``}
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`;
}

/**
 * Counts and cell keys for the full cross-classification, every margin one dimension short of it
 * (used only for the small-group dominance rule, never published) and the grand total, from one
 * statement (see {@link groupedCounts}).
 */
export function needCounts(tx: Db, q: NeedQuery): Promise<GroupRow[]> {
  return groupedCounts(tx, countedChildren(q), q.dimensions.length);
}

/**
 * The grouping-sets rows over a `counted` subquery with columns `record_key, d0 … d(k-1)`: the full
 * cross-classification, every margin one dimension short of it and the grand total. One plain
 * `GROUP BY` of the full cells reads the rows once (PostgreSQL can run it in parallel, which it
 * cannot for `GROUPING SETS`); the margins and the total are then added up from those cells, which
 * is exact: every counted row is in exactly one full cell, counts add, and cell keys add modulo 256.
 */
async function groupedCounts(tx: Db, counted: SQL, k: number): Promise<GroupRow[]> {
  const cols = Array.from({ length: k }, (_, i) => `d${i}`);
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    with counted as (${counted})
    select ${sql.raw(cols.join(', '))},
      count(*)::int as n,
      (coalesce(sum(record_key), 0) % 256)::int as k
    from counted
    group by ${sql.raw(cols.join(', '))}`);
  const full = rows.map((r) => ({
    values: cols.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))),
    count: Number(r.n),
    cellKey: Number(r.k),
  }));
  return withMargins(full, k);
}

/**
 * What `GROUP BY GROUPING SETS ((all k), (each k − 1)…, ())` returns, from the full cells alone: the
 * cells (every dimension grouped), each margin one dimension short (that dimension's value null and not
 * grouped), and the grand total (always present, 0 over no rows). With one dimension the only margin is
 * the grand total. A cell's own null value stays a grouped null, as in SQL.
 */
export function withMargins(full: readonly { values: readonly (string | null)[]; count: number; cellKey: number }[], k: number): GroupRow[] {
  const out: GroupRow[] = full.map((c) => ({ values: [...c.values], grouped: c.values.map(() => true), count: c.count, cellKey: c.cellKey }));
  const add = (into: Map<string, GroupRow>, values: (string | null)[], grouped: boolean[], c: { count: number; cellKey: number }) => {
    const id = JSON.stringify([values, grouped]);
    const row = into.get(id);
    if (row) {
      row.count += c.count;
      row.cellKey = (row.cellKey + c.cellKey) % KEY_SPACE;
    } else into.set(id, { values, grouped, count: c.count, cellKey: c.cellKey });
  };
  const margins = new Map<string, GroupRow>();
  const total: GroupRow = { values: Array.from({ length: k }, () => null), grouped: Array.from({ length: k }, () => false), count: 0, cellKey: 0 };
  for (const c of full) {
    total.count += c.count;
    total.cellKey = (total.cellKey + c.cellKey) % KEY_SPACE;
    if (k < 2) continue;
    for (let drop = 0; drop < k; drop++) {
      add(margins, c.values.map((v, i) => (i === drop ? null : v)), c.values.map((_, i) => i !== drop), c);
    }
  }
  return [...out, ...margins.values(), total];
}

/**
 * Disputes (mediations and appeals) about the area's children whose decision notice fell in [from, to),
 * by kind, decision and outcome (OPEN while there is none): enumerated values only (src/domain/disputes.ts).
 */
export function disputeCounts(tx: Db, areaCode: string, from: string, to: string): Promise<GroupRow[]> {
  return groupedCounts(tx, sql`
    select c.record_key, d.kind as d0, d.decision as d1, coalesce(d.outcome, 'OPEN') as d2
    from disputes d join children c on c.id = d.child_id
    where c.area_code = ${areaCode} and d.decision_on >= ${from}::date and d.decision_on < ${to}::date`, 3);
}

/** The hand-written baseline for the benchmark: the same rows, plain GROUP BY, no margins. */
export function baselineNeedSql(q: NeedQuery): SQL {
  const cols = q.dimensions.map((_, i) => `d${i}`).join(', ');
  return sql`with counted as (${countedChildren(q)}) select ${sql.raw(cols)}, count(*) from counted group by ${sql.raw(cols)}`;
}

export interface CountAndKey {
  count: number;
  cellKey: number;
}

/**
 * Final plans issued in [from, to) for the area's children, every episode (the current ones in `plans`,
 * ended ones in `plan_episodes`), leaving out processes with a qualifying clock exception, and how many of
 * them within 20 weeks of the request (reg 13(2)). The exception rule is src/domain/timeliness.ts's, in
 * the SQL form its header gives (4-week minimums, evidence, within the process, same episode), checked
 * against the hand-worked TIMELINESS_CASES in test/integration/statutory-process.test.ts.
 */
export async function timelinessCounts(tx: Db, areaCode: string, from: string, to: string): Promise<{ issued: CountAndKey; within: CountAndKey }> {
  const [row] = await queryRows<Record<string, unknown>>(tx, sql`
    with episodes as (
      select child_id, episode, request_received_on, final_issued_on from plans
      union all
      select child_id, episode, request_received_on, final_issued_on from plan_episodes),
    issued as (
      select c.record_key, (p.final_issued_on <= p.request_received_on + ${FINAL_PLAN_DAYS}::int) as within
      from children c
      join episodes p on p.child_id = c.id
      where c.area_code = ${areaCode}
        and p.final_issued_on >= ${from}::date and p.final_issued_on < ${to}::date
        and not exists (
          select 1 from clock_exceptions e
          where e.child_id = c.id and e.episode = p.episode
            and e.from_on >= p.request_received_on and e.to_on <= p.final_issued_on
            and e.to_on - e.from_on + 1 >= case e.reason when 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES'
              then ${CLOCK_EXCEPTION_MINIMUM_DAYS.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES}::int else ${CONTINUOUS_PERIOD_MINIMUM_DAYS}::int end
            and e.evidence_note <> ''))
    select count(*)::int as n, (coalesce(sum(record_key), 0) % 256)::int as k,
      (count(*) filter (where within))::int as wn,
      (coalesce(sum(record_key) filter (where within), 0) % 256)::int as wk
    from issued`);
  return {
    issued: { count: Number(row?.n ?? 0), cellKey: Number(row?.k ?? 0) },
    within: { count: Number(row?.wn ?? 0), cellKey: Number(row?.wk ?? 0) },
  };
}

/** Children per provision type in their current F, G, H1 or H2 version, provision running on `asOf`. */
export async function provisionCounts(tx: Db, areaCode: string, asOf: string): Promise<(CountAndKey & { provisionType: ProvisionType })[]> {
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    with counted as (
      select distinct c.id, c.record_key, pr.provision_type
      from children c
      join sections s on s.child_id = c.id and s.code in (${codes('provisions')})
      join provisions pr on pr.version_id = s.current_version_id
      where c.area_code = ${areaCode}
        and (pr.start_on is null or pr.start_on <= ${asOf}::date)
        and (pr.end_on is null or pr.end_on >= ${asOf}::date))
    select provision_type, count(*)::int as n, (coalesce(sum(record_key), 0) % 256)::int as k
    from counted group by provision_type order by provision_type`);
  return rows.map((r) => ({ provisionType: String(r.provision_type) as ProvisionType, count: Number(r.n), cellKey: Number(r.k) }));
}

export interface BudgetRow extends CountAndKey {
  form: string;
  /** Children with a non-zero annual amount. */
  contributors: number;
  sumPence: number;
  largestPence: number;
}

/** Children per personal-budget form (current section J version) with the sum and largest annual amount. */
export async function budgetAggregates(tx: Db, areaCode: string): Promise<BudgetRow[]> {
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    with counted as (
      select c.record_key, pb.form, (pb.education_pence + pb.health_pence + pb.social_care_pence) as amount
      from children c
      join sections s on s.child_id = c.id and s.code in (${codes('personalBudget')})
      join personal_budgets pb on pb.version_id = s.current_version_id
      where c.area_code = ${areaCode})
    select form, count(*)::int as n, (coalesce(sum(record_key), 0) % 256)::int as k,
      (count(*) filter (where amount > 0))::int as contributors,
      coalesce(sum(amount), 0)::text as total, coalesce(max(amount), 0)::text as largest
    from counted group by form order by form`);
  return rows.map((r) => ({
    form: String(r.form),
    count: Number(r.n),
    cellKey: Number(r.k),
    contributors: Number(r.contributors),
    sumPence: Number(r.total),
    largestPence: Number(r.largest),
  }));
}

export interface SchoolOutcomeRow {
  schoolOrg: string;
  schoolName: string | null;
  pupils: CountAndKey;
  reviewed: CountAndKey;
  met: CountAndKey;
}

/**
 * Pupils on SEN support per school (the organisation code on the record, from the care team: never free
 * text), how many have been reviewed by that school, and how many met their expected outcomes at the last
 * review (Code of Practice 6.65). One statement.
 */
export async function senSupportOutcomeCounts(tx: Db, areaCode: string): Promise<SchoolOutcomeRow[]> {
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    with last_review as (
      select distinct on (r.child_id) r.child_id, r.outcomes_met
      from sen_support_reviews r
      join sen_support ss on ss.child_id = r.child_id and ss.school_org = r.school_org
      order by r.child_id, r.held_on desc, r.created_at desc
    ), counted as (
      select c.record_key, ss.school_org, lr.outcomes_met
      from children c
      join sen_support ss on ss.child_id = c.id
      left join last_review lr on lr.child_id = c.id
      where c.area_code = ${areaCode})
    select counted.school_org, min(o.name) as school_name,
      count(*)::int as n, (coalesce(sum(record_key), 0) % 256)::int as k,
      (count(*) filter (where outcomes_met is not null))::int as rn,
      (coalesce(sum(record_key) filter (where outcomes_met is not null), 0) % 256)::int as rk,
      (count(*) filter (where outcomes_met))::int as mn,
      (coalesce(sum(record_key) filter (where outcomes_met), 0) % 256)::int as mk
    from counted left join organisations o on o.code = counted.school_org
    group by counted.school_org order by counted.school_org`);
  return rows.map((r) => ({
    schoolOrg: String(r.school_org),
    schoolName: r.school_name === null || r.school_name === undefined ? null : String(r.school_name),
    pupils: { count: Number(r.n), cellKey: Number(r.k) },
    reviewed: { count: Number(r.rn), cellKey: Number(r.rk) },
    met: { count: Number(r.mn), cellKey: Number(r.mk) },
  }));
}

export interface SupplyRow {
  serviceId: string;
  needType: string;
  /** Null: the service is open to the whole area. */
  locality: string | null;
  capacity: number | null;
}

/**
 * The area's active local-offer services, one row per service and need type it is for, with its locality
 * and capacity (CFA 2014 s.30). Directory data, no child: it meets the need only after the need is protected.
 */
export async function supplyRows(tx: Db, areaCode: string): Promise<SupplyRow[]> {
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    select s.id::text as service_id, sn.need_type, s.locality, s.capacity
    from local_offer_services s join local_offer_service_needs sn on sn.service_id = s.id
    where s.area_code = ${areaCode} and s.status = 'active'
    order by s.id, sn.need_type`);
  return rows.map((r) => ({
    serviceId: String(r.service_id),
    needType: String(r.need_type),
    locality: r.locality === null || r.locality === undefined ? null : String(r.locality),
    capacity: r.capacity === null || r.capacity === undefined ? null : Number(r.capacity),
  }));
}
