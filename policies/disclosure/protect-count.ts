/**
 * Protecting published counts (docs/disclosure-control.md): small-number suppression as used by OpenSAFELY and NHS
 * England (counts 1–7 withheld, the rest rounded to the nearest 5), on top of the ONS 2021 Census
 * cell-key perturbation, so that differencing two queries does not recover a small count.
 *
 * Invariants every published value satisfies (tested in protect-count.test.ts and
 * population.property.test.ts):
 * - a published count is 0 or a multiple of 5 that is at least 10: never a value in 1..7;
 * - 0 is published only for a true zero, and a withheld cell is `{ count: null, suppressed: true }`,
 *   never 0 (a 0 in its place would tell the reader the cell is empty, or lie that it is);
 * - the value is a function of the true count and the cell key only, so the same set of records
 *   always gets the same published value.
 */
import { assertKey } from './record-key.js';
import { assertCount, perturb } from './perturbation-table.js';

/** True counts 1..SUPPRESS_MAX are withheld (OpenSAFELY / NHS England "1–7" rule). */
export const SUPPRESS_MAX = 7;
/** Published counts are rounded to a multiple of this. */
export const ROUNDING_BASE = 5;
/** Smallest non-zero published count (see {@link protectCount} for why 5 is raised to 10). */
export const MIN_PUBLISHED = 10;
/** A row whose true total is at most this is a small group for the dominance rule. */
export const SMALL_GROUP_MAX = 10;

/** The `disclosureControl` strings reported with protected tables. */
export const DISCLOSURE_RULES = {
  smallCounts: 'counts 1-7 suppressed',
  perturbation: 'cell-key perturbation (ONS 2021)',
  rounding: 'rounded to nearest 5',
  minimum: 'published non-zero counts are at least 10',
  totals: 'totals from unrounded data, protected independently',
  dominance: 'small-group dominance suppression',
} as const;

/**
 * Why a number is withheld, said so that the reason itself leaks nothing: one reason covers both count
 * rules ("fewer than 8" and "all of a group of 10 or fewer"), because telling them apart would say that
 * a cell holds its whole group, the very thing the group rule hides.
 */
export const SUPPRESSION_REASONS = {
  SMALL_NUMBERS: 'fewer than 8 children, or all of a group of 10 or fewer',
  SUM_RULES: 'fewer than 10 children contribute to the sum, or one contributes more than half',
  FROM_WITHHELD_COUNT: 'worked out from a number that is withheld',
} as const;
export type SuppressionReason = keyof typeof SUPPRESSION_REASONS;

/** A protected count: the published value, or null with `suppressed` when it is withheld. */
export interface ProtectedCount {
  count: number | null;
  suppressed: boolean;
}

/** The reason a protected count is withheld, or null when it is published. */
export const suppressionReasonOf = (c: ProtectedCount): SuppressionReason | null => (c.suppressed ? 'SMALL_NUMBERS' : null);

const SUPPRESSED: ProtectedCount = Object.freeze({ count: null, suppressed: true });

/**
 * Protect one true count for publication. In order:
 * 1. a true 0 is published as 0 (empty cells are not secret, and hiding them would make every table
 *    mostly suppressed);
 * 2. a true count of 1..7 is withheld: `{ count: null, suppressed: true }`, never 0;
 * 3. otherwise the count is perturbed by the cell-key table (±3) and rounded to the nearest 5; a
 *    result below 10 is raised to 10.
 *
 * Why raise to 10: a true count ≥ 8 perturbed down by up to 3 can round to 5, and a published 5 would
 * break the rule that no published count lies in 1..7 (and would be read as "a small group of about
 * 5"). Raising it to 10 rather than suppressing keeps the "suppressed means 1..7 (or a dominance
 * rule)" reading and only affects true counts 8..9 and rare perturbations of 10; "10" therefore
 * means "about 10, and at least 8".
 *
 * @param count the true, unrounded count of records in the cell
 * @param cellKey the cell key (`SUM(record_key) % 256` over the same records)
 */
export function protectCount(count: number, cellKey: number): ProtectedCount {
  assertCount(count);
  assertKey(cellKey);
  if (count === 0) return { count: 0, suppressed: false };
  if (count <= SUPPRESS_MAX) return { ...SUPPRESSED };
  const rounded = roundToBase(count + perturb(count, cellKey));
  return { count: Math.max(rounded, MIN_PUBLISHED), suppressed: false };
}

/** Nearest multiple of 5 (inputs are non-negative integers, so there are no ties). */
function roundToBase(n: number): number {
  return Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;
}

/** One cell of a table to protect, as computed in SQL: true count and cell key of its records. */
export interface TableCellInput {
  /** The grouping values identifying the cell, e.g. `['SEMH', 'North']`. */
  key: string[];
  /** True, unrounded count. */
  count: number;
  /** `SUM(record_key) % 256` over the cell's records. */
  cellKey: number;
  /** True count of the cell's row (the group the cell is a part of), when the caller has it. */
  rowTotal?: number;
}

/** A protected table cell. Its reason is `SMALL_NUMBERS` whichever count rule withheld it (see SUPPRESSION_REASONS). */
export interface ProtectedCell extends ProtectedCount {
  key: string[];
}

/** A protected table and the disclosure-control rules it was published under. */
export interface ProtectedTable {
  cells: ProtectedCell[];
  total: ProtectedCount;
  disclosureControl: string[];
}

/**
 * Protect a whole table of cells and its total.
 *
 * Each cell is protected with {@link protectCount}; in addition a non-empty cell that holds its whole
 * row, when the row's true total is at most 10, is suppressed (small-group dominance: "all 9 children
 * in locality X have need Y" discloses something about each of them even though 9 is publishable).
 *
 * The total is protected from its own true count and cell key (not summed from the rounded cells),
 * so `total − Σ published cells` mixes independent perturbation and rounding errors with the
 * withheld counts and does not reveal them (totals.test.ts).
 *
 * `disclosureControl` always lists every rule, whether or not it changed a cell here, so the list
 * itself tells an attacker nothing (e.g. that some cell was dominant).
 *
 * Note: true zeros are still published, so in a row where one cell is suppressed for dominance the
 * other cells of the row read 0; callers that publish such rows should consider this.
 */
export function protectTable(
  cells: readonly TableCellInput[],
  total: { count: number; cellKey: number },
): ProtectedTable {
  return {
    cells: cells.map(protectCell),
    total: protectCount(total.count, total.cellKey),
    disclosureControl: Object.values(DISCLOSURE_RULES),
  };
}

function protectCell(cell: TableCellInput): ProtectedCell {
  assertCount(cell.count);
  assertKey(cell.cellKey);
  const key = [...cell.key];
  if (isDominantInSmallGroup(cell)) return { key, ...SUPPRESSED };
  return { key, ...protectCount(cell.count, cell.cellKey) };
}

/** The cell is non-empty, holds every record of its row, and that row is a small group. */
function isDominantInSmallGroup(cell: TableCellInput): boolean {
  if (cell.rowTotal === undefined) return false;
  assertCount(cell.rowTotal, 'rowTotal');
  if (cell.count > cell.rowTotal) {
    throw new RangeError(`cell ${cell.key.join('/')} count ${cell.count} exceeds its rowTotal ${cell.rowTotal}`);
  }
  return cell.count > 0 && cell.count === cell.rowTotal && cell.rowTotal <= SMALL_GROUP_MAX;
}
