/**
 * Commissioning aggregates (docs/disclosure-control.md): who may ask, input checks, and disclosure control. The
 * numbers come from one SQL statement per table (commissioning.store.ts); every number that leaves,
 * totals and margins included, passes the disclosure core in policies/disclosure.
 */
import { DISCLOSURE_RULES, protectCount, protectTable, SMALL_GROUP_MAX, suppressionReasonOf, type TableCellInput } from '../../policies/disclosure/index.js';
import { publishSummarisedSum } from '../../policies/disclosure/summarised-sum.js';
import { releaseAggregate } from '../../src/access/aggregate.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import type { DisputeDecision, DisputeKind } from '../../src/domain/disputes.js';
import type { SupportLevel } from '../../src/domain/sen-support.js';
import { isIsoDate } from '../../src/domain/identifiers.js';
import { NEED_DIMENSIONS, PERSONAL_BUDGET_FORMS, type NeedDimension, type PersonalBudgetForm } from '../../src/domain/vocabulary.js';
import { badInput } from '../../src/platform/errors.js';
import * as store from './commissioning.store.js';
import type { AreaProvision, AreaSenSupportOutcomes, DisputeTable, SufficiencyCell, SufficiencyTable, NeedFilter, NeedTable, SchoolSenSupportOutcomes, Timeliness } from './commissioning.types.js';

/** At most this many dimensions: finer tables are mostly suppressed and invite differencing. */
export const MAX_DIMENSIONS = 3;
const MAX_FILTER_VALUES = 50;
const MAX_LOCALITY_LENGTH = 100;

function validateDimensions(groupBy: readonly NeedDimension[]): NeedDimension[] {
  if (groupBy.length === 0) throw badInput('groupBy', 'name at least one dimension');
  if (groupBy.length > MAX_DIMENSIONS) throw badInput('groupBy', `name at most ${MAX_DIMENSIONS} dimensions`);
  if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy', 'name each dimension once');
  for (const d of groupBy) if (!NEED_DIMENSIONS.includes(d)) throw badInput('groupBy', `unknown dimension ${d}`);
  return [...groupBy];
}

function validateList<T extends string>(field: string, values: readonly T[] | null | undefined, check?: (v: T) => void): T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw badInput(field, 'list at least one allowed value, or leave the filter out');
  if (values.length > MAX_FILTER_VALUES) throw badInput(field, `list at most ${MAX_FILTER_VALUES} values`);
  values.forEach((v) => check?.(v));
  return [...new Set(values)];
}

/** A reference date the bands can be computed for: a calendar date between 1900 and 2100. */
function referenceDate(field: string, value: string | null | undefined, today: string): string {
  const date = value ?? today;
  if (!isIsoDate(date) || date < '1900-01-01' || date > '2100-12-31') throw badInput(field, 'must be a calendar date between 1900-01-01 and 2100-12-31');
  return date;
}

/**
 * areaNeeds: the area's children with a recorded primary need, cross-classified by up to three
 * dimensions, every cell and the total protected. Cells are the non-empty combinations (an empty
 * combination is a true zero and is simply absent), ordered by their values.
 */
export async function areaNeeds(
  data: ScopedData,
  areaCode: string,
  groupBy: readonly NeedDimension[],
  filter: NeedFilter | null | undefined,
  asOf: string | null | undefined,
): Promise<NeedTable> {
  const dimensions = validateDimensions(groupBy);
  const query: store.NeedQuery = {
    areaCode,
    dimensions,
    locality: validateList('filter.locality', filter?.locality, (v) => {
      if (v.length === 0 || v.length > MAX_LOCALITY_LENGTH) throw badInput('filter.locality', `values must be 1 to ${MAX_LOCALITY_LENGTH} characters`);
    }),
    primaryNeed: validateList('filter.primaryNeed', filter?.primaryNeed),
    planStatus: validateList('filter.planStatus', filter?.planStatus),
    supportLevel: validateList('filter.supportLevel', filter?.supportLevel),
    asOf: referenceDate('asOf', asOf, data.today),
  };
  const table = await releaseAggregate(data, {
    name: 'areaNeeds',
    areaCode,
    count: (db) => store.needCounts(db, query),
    protect: (rows) => protectGroupedCounts(rows, dimensions.length),
  });
  return { areaCode, ...publishTable(table, (c) => ({ key: c.key.map((value, i) => ({ dimension: dimensions[i]!, value })) })) };
}

type ProtectedTable = ReturnType<typeof protectGroupedCounts>;
type ProtectedCell = ProtectedTable['cells'][number];

/** A protected table as published: each cell's count with why it is withheld, the total likewise, the rules. */
function publishTable<C>(table: ProtectedTable, keyOf: (cell: ProtectedCell) => C) {
  return {
    cells: table.cells.map((c) => ({ ...keyOf(c), count: c.count, suppressed: c.suppressed, suppressedBecause: suppressionReasonOf(c) })),
    total: table.total.count,
    totalSuppressed: table.total.suppressed,
    totalSuppressedBecause: suppressionReasonOf(table.total),
    disclosureControl: table.disclosureControl,
  };
}

/**
 * Protects the rows of a `GROUPING SETS ((all dims), (each dims-minus-one)…, ())` result (added up
 * from the full cells by commissioning.store.ts withMargins, exactly what that statement returns): the full
 * cells are published, each checked for small-group dominance against every margin it belongs to
 * (a cell holding all of a small group in any direction is suppressed); the grand total is protected
 * from its own true count and cell key. Margins are never published.
 */
export function protectGroupedCounts(rows: readonly store.GroupRow[], dimensionCount: number) {
  const full = rows.filter((r) => r.grouped.every(Boolean));
  const total = rows.find((r) => r.grouped.every((g) => !g)) ?? { count: 0, cellKey: 0 };
  const margins = new Map<string, number>();
  const marginKey = (values: readonly (string | null)[], dropped: number) =>
    JSON.stringify(values.map((v, i) => (i === dropped ? null : v)));
  for (const r of rows) {
    const missing = r.grouped.filter((g) => !g).length;
    if (missing !== 1 || dimensionCount === 1) continue;
    margins.set(marginKey(r.values, r.grouped.indexOf(false)), r.count);
  }
  const cells: TableCellInput[] = full
    .map((r) => {
      // The row totals the cell belongs to: one per dropped dimension (the grand total for one dimension).
      const rowTotals = dimensionCount === 1
        ? [total.count]
        : Array.from({ length: dimensionCount }, (_, i) => margins.get(marginKey(r.values, i))).filter((t): t is number => t !== undefined);
      const dominant = rowTotals.find((t) => t === r.count && t <= SMALL_GROUP_MAX);
      return { key: r.values.map((v) => v ?? ''), count: r.count, cellKey: r.cellKey, rowTotal: dominant ?? (rowTotals.length > 0 ? Math.max(...rowTotals) : undefined) };
    })
    .sort((a, b) => compareKeys(a.key, b.key));
  return protectTable(cells, { count: total.count, cellKey: total.cellKey });
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = a[i]!.localeCompare(b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The share of final plans issued within 20 weeks in a calendar year, processes with a clock
 * exception left out (as SEN2 reports it). Numerator and denominator are protected independently; the
 * percentage is computed from the published values only, and is null when either is withheld.
 */
export async function areaTimeliness(data: ScopedData, areaCode: string, year: number): Promise<Timeliness> {
  if (!Number.isInteger(year) || year < 2014 || year > 2100) throw badInput('year', 'must be a calendar year from 2014');
  const table = await releaseAggregate(data, {
    name: 'areaTimeliness',
    areaCode,
    count: (db) => store.timelinessCounts(db, areaCode, `${year}-01-01`, `${year + 1}-01-01`),
    // "All n plans in time" is the whole row: the dominance rule applies as in a table.
    protect: ({ issued, within }) => protectTable([{ key: ['WITHIN_20_WEEKS'], count: within.count, cellKey: within.cellKey, rowTotal: issued.count }], issued),
  });
  const published = table.cells[0]!;
  const withinTwentyWeeks = { count: published.count, suppressed: published.suppressed, suppressedBecause: suppressionReasonOf(published) };
  return {
    areaCode,
    year,
    issued: { ...table.total, suppressedBecause: suppressionReasonOf(table.total) },
    withinTwentyWeeks,
    ...shareOf(withinTwentyWeeks, table.total),
    disclosureControl: [...table.disclosureControl, 'percentage from protected counts only'],
  };
}

/**
 * Children per provision type (current F, G, H1, H2 versions, provision running on `asOf`) and per
 * personal-budget form, with the sum of annual personal-budget amounts per form published only under
 * the threshold + dominance rule (at least 10 contributors, none above half).
 */
export async function areaProvision(data: ScopedData, areaCode: string, asOf: string | null | undefined): Promise<AreaProvision> {
  const reference = referenceDate('asOf', asOf, data.today);
  return releaseAggregate(data, {
    name: 'areaProvision',
    areaCode,
    count: async (db) => ({ provision: await store.provisionCounts(db, areaCode, reference), budgets: await store.budgetAggregates(db, areaCode) }),
    protect: ({ provision, budgets }) => protectProvision(areaCode, provision, budgets),
  });
}

function protectProvision(areaCode: string, provision: Awaited<ReturnType<typeof store.provisionCounts>>, budgets: store.BudgetRow[]): AreaProvision {
  const byForm = new Map(budgets.map((b) => [b.form, b]));
  const personalBudgets = PERSONAL_BUDGET_FORMS.filter((f) => byForm.has(f)).map((form: PersonalBudgetForm) => {
    const b = byForm.get(form)!;
    const children = protectCount(b.count, b.cellKey);
    const sum = publishSummarisedSum({ contributors: b.contributors, sum: b.sumPence, largest: b.largestPence });
    // A sum is never published beside a withheld count: it would confirm a small group exists and its size.
    const annualSuppressed = sum.suppressed || children.suppressed;
    return {
      form,
      children: children.count,
      childrenSuppressed: children.suppressed,
      childrenSuppressedBecause: suppressionReasonOf(children),
      annualPence: annualSuppressed ? null : sum.value,
      annualSuppressed,
      annualSuppressedBecause: children.suppressed ? 'FROM_WITHHELD_COUNT' as const : sum.suppressed ? 'SUM_RULES' as const : null,
    };
  });
  return {
    areaCode,
    provision: provision.map((p) => {
      const c = protectCount(p.count, p.cellKey);
      return { provisionType: p.provisionType, children: c.count, suppressed: c.suppressed, suppressedBecause: suppressionReasonOf(c) };
    }),
    personalBudgets,
    disclosureControl: [
      DISCLOSURE_RULES.smallCounts, DISCLOSURE_RULES.perturbation, DISCLOSURE_RULES.rounding, DISCLOSURE_RULES.minimum,
      'sums published only with at least 10 contributors and none above 50% (dominance), rounded to the nearest pound',
    ],
  };
}

/** A share from protected counts only: null when either is withheld or the base is zero. */
function shareOf(part: { count: number | null; suppressed: boolean }, whole: { count: number | null; suppressed: boolean }) {
  const percentage = part.count === null || whole.count === null || whole.count === 0
    ? null
    : Math.min(100, Math.round((1000 * part.count) / whole.count) / 10);
  return { percentage, percentageSuppressedBecause: percentage === null && (part.suppressed || whole.suppressed) ? 'FROM_WITHHELD_COUNT' as const : null };
}

/**
 * Per school: pupils on SEN support, those reviewed, and those whose expected outcomes were met at the last
 * review (Code of Practice 6.65). "All reviewed pupils met their outcomes" is the whole row, so the met count
 * is protected with the dominance rule against the reviewed count, as in a table.
 */
export async function areaSenSupportOutcomes(data: ScopedData, areaCode: string): Promise<AreaSenSupportOutcomes> {
  return releaseAggregate(data, {
    name: 'areaSenSupportOutcomes',
    areaCode,
    count: (db) => store.senSupportOutcomeCounts(db, areaCode),
    protect: (rows) => ({
      areaCode,
      schools: rows.map((r): SchoolSenSupportOutcomes => {
        const pupils = protectCount(r.pupils.count, r.pupils.cellKey);
        const table = protectTable([{ key: ['MET'], count: r.met.count, cellKey: r.met.cellKey, rowTotal: r.reviewed.count }], r.reviewed);
        const met = table.cells[0]!;
        const reviewed = { count: table.total.count, suppressed: table.total.suppressed, suppressedBecause: suppressionReasonOf(table.total) };
        const outcomesMet = { count: met.count, suppressed: met.suppressed, suppressedBecause: suppressionReasonOf(met) };
        return {
          schoolOrg: r.schoolOrg,
          schoolName: r.schoolName,
          pupils: { count: pupils.count, suppressed: pupils.suppressed, suppressedBecause: suppressionReasonOf(pupils) },
          reviewed,
          outcomesMet,
          ...shareOf(outcomesMet, reviewed),
        };
      }),
      disclosureControl: [DISCLOSURE_RULES.smallCounts, DISCLOSURE_RULES.perturbation, DISCLOSURE_RULES.rounding, DISCLOSURE_RULES.minimum, 'percentage from protected counts only'],
    }),
  });
}

/**
 * Mediations and appeals about the area's children whose decision notice fell in a calendar year, by kind,
 * decision and outcome (OPEN while undecided): a key measure for partnership boards, protected as areaNeeds is.
 */
export async function areaDisputes(data: ScopedData, areaCode: string, year: number): Promise<DisputeTable> {
  if (!Number.isInteger(year) || year < 2014 || year > 2100) throw badInput('year', 'must be a calendar year from 2014');
  const table = await releaseAggregate(data, {
    name: 'areaDisputes',
    areaCode,
    count: (db) => store.disputeCounts(db, areaCode, `${year}-01-01`, `${year + 1}-01-01`),
    protect: (rows) => protectGroupedCounts(rows, 3),
  });
  return {
    areaCode,
    year,
    ...publishTable(table, (c) => ({ kind: c.key[0] as DisputeKind, decision: c.key[1] as DisputeDecision, outcome: c.key[2]! })),
  };
}

/** The dimensions the local offer can be matched on: its need types and its localities. */
export const SUFFICIENCY_DIMENSIONS: readonly NeedDimension[] = ['PRIMARY_NEED', 'LOCALITY'];

/**
 * Need against supply (joint commissioning, CFA 2014 s.26): the protected need per cell of areaNeeds,
 * beside the local offer's services and places for the same need type and locality, and the gap. The need
 * is protected before it meets the supply (directory data that was public already), so the join reveals
 * nothing areaNeeds does not. A combination with services and no children shows a need of 0, which areaNeeds
 * shows by leaving the cell out.
 */
export async function areaSufficiency(
  data: ScopedData,
  areaCode: string,
  groupBy: readonly NeedDimension[],
  supportLevel: readonly SupportLevel[] | null | undefined,
  asOf: string | null | undefined,
): Promise<SufficiencyTable> {
  const dimensions = validateDimensions(groupBy);
  for (const d of dimensions) if (!SUFFICIENCY_DIMENSIONS.includes(d)) throw badInput('groupBy', `the local offer is matched on ${SUFFICIENCY_DIMENSIONS.join(' and ')} only`);
  const query: store.NeedQuery = {
    areaCode, dimensions, locality: null, primaryNeed: null, planStatus: null,
    supportLevel: validateList('supportLevel', supportLevel), asOf: referenceDate('asOf', asOf, data.today),
  };
  const need = await releaseAggregate(data, {
    name: 'areaSufficiency',
    areaCode,
    count: (db) => store.needCounts(db, query),
    protect: (rows) => protectGroupedCounts(rows, dimensions.length),
  });
  // Only now, with the need protected, is the supply read.
  const supply = await data.readPublic(store.supplyRows, areaCode);
  const needIndex = dimensions.indexOf('PRIMARY_NEED');
  const localityIndex = dimensions.indexOf('LOCALITY');
  const keyOf = (needType: string, locality: string) => dimensions.map((_, i) => (i === needIndex ? needType : locality));
  const published = new Map(need.cells.map((c) => [JSON.stringify(c.key), c]));
  const keys = new Map(need.cells.map((c) => [JSON.stringify(c.key), c.key]));
  for (const s of supply) {
    // An area-wide service adds a cell only where there is no locality split.
    if (localityIndex >= 0 && s.locality === null) continue;
    const key = keyOf(s.needType, s.locality ?? '');
    keys.set(JSON.stringify(key), key);
  }
  const cells = [...keys.values()].sort(compareKeys).map((key): SufficiencyCell => {
    const matching = supply.filter((s) =>
      (needIndex < 0 || s.needType === key[needIndex]) && (localityIndex < 0 || s.locality === null || s.locality === key[localityIndex]));
    const services = new Map(matching.map((s) => [s.serviceId, s]));
    const capacityOf = (list: Iterable<store.SupplyRow>) => [...list].reduce((sum, s) => sum + (s.capacity ?? 0), 0);
    const capacity = capacityOf(services.values());
    const areaWideCapacity = localityIndex < 0 ? 0 : capacityOf([...services.values()].filter((s) => s.locality === null));
    const cell = published.get(JSON.stringify(key));
    const count = cell ? cell.count : 0;
    return {
      key: key.map((value, i) => ({ dimension: dimensions[i]!, value })),
      need: count,
      needSuppressed: cell?.suppressed ?? false,
      needSuppressedBecause: cell ? suppressionReasonOf(cell) : null,
      services: services.size,
      capacity,
      areaWideCapacity,
      servicesWithoutCapacity: [...services.values()].filter((s) => s.capacity === null).length,
      gap: count === null ? null : count - capacity,
    };
  });
  return { areaCode, cells, csv: sufficiencyCsv(dimensions, cells), disclosureControl: [...need.disclosureControl, 'need protected before it is set beside the local offer'] };
}

/** RFC 4180 CSV; a value that a spreadsheet would read as a formula is prefixed with an apostrophe. */
function csvValue(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function sufficiencyCsv(dimensions: readonly NeedDimension[], cells: readonly SufficiencyCell[]): string {
  const header = [...dimensions.map((d) => d.toLowerCase()), 'need', 'need_withheld_because', 'services', 'capacity', 'area_wide_capacity', 'services_without_capacity', 'gap'];
  const lines = cells.map((c) => [
    ...c.key.map((k) => k.value), c.need, c.needSuppressedBecause, c.services, c.capacity, c.areaWideCapacity, c.servicesWithoutCapacity, c.gap,
  ].map(csvValue).join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
