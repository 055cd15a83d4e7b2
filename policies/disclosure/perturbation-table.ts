/**
 * The cell-key perturbation table ("ptable") of the ONS 2021 Census method (docs/disclosure-control.md).
 *
 * A published count is `c + p`, where `p` is looked up from the true count `c` and the cell key `k`
 * (sum of the record keys mod 256, see record-key.ts). Because `p` is a fixed function of the set of
 * records, asking for the same cell twice, or reaching it by a differently-phrased filter, returns the
 * same value: the noise cannot be averaged away. Because the cell key of "area" and of "area without
 * locality X" differ by the (secret, uniformly distributed) record keys of X's children, the two
 * perturbations are independent whenever X is non-empty, so their difference carries noise.
 *
 * Design of each row (one row per true count, 256 entries, one per cell key):
 * - `p` lies in -3..3 (|p| ≤ {@link MAX_PERTURBATION}), so the noise is small and bounded;
 * - the 256 entries of every row sum to exactly 0, so the mean perturbation for every count is 0
 *   (the published count is unbiased for every true count, as ONS requires);
 * - `c + p ≥ 0`, and for c ≥ 1, `c + p` is never 1 or 2 (ONS's rule that small perturbed values are
 *   not produced, so a published 1 or 2 never occurs even before suppression);
 * - row 0 is all zeros: a true zero stays zero (no phantom children are invented).
 *
 * The number of keys giving each perturbation (the row's distribution, out of 256) is the table below.
 * For c ≥ 6 every value in -3..3 is allowed and the distribution is triangular, 16:32:48:64:48:32:16
 * (variance 2.5): its neighbouring weights differ by at most a factor of 2, which is what bounds a
 * differencing attacker's likelihood ratio (see differencing-attack.test.ts). Rows 1..5 are squeezed
 * by the "never 0 < c+p < 3" and "c+p ≥ 0" constraints and re-balanced by hand to keep the mean 0.
 * In this hub only rows ≥ 8 are ever published (protect-count.ts suppresses 1..7 outright), but the
 * table is valid on its own, as the ONS table is.
 *
 * Which keys get which perturbation is a shuffle of the row's multiset, drawn from a fixed-seed
 * mulberry32 generator, so nearby counts with the same key get unrelated perturbations. The table is
 * computed once at module load and is identical in every process; nothing is random at runtime.
 * Changing the distributions, the seed or the row layout changes published values and would let an
 * attacker difference old and new releases, so the table's fingerprint is pinned in the tests.
 *
 * The table is finite: rows 0..20 are stored, and a count above 20 reuses row
 * `11 + ((c - 11) mod 10)`, one of rows 11..20, all of which use the unconstrained distribution.
 */
import { assertKey, KEY_SPACE } from './record-key.js';

/** Largest absolute perturbation the table applies. */
export const MAX_PERTURBATION = 3;
/** Rows stored explicitly: true counts 0..LAST_STORED_ROW. */
export const LAST_STORED_ROW = 20;
/** Counts above {@link LAST_STORED_ROW} cycle through rows CYCLE_START..CYCLE_START+CYCLE_LENGTH-1. */
export const CYCLE_START = 11;
export const CYCLE_LENGTH = 10;

/** Fixed generator seed: changing it changes every published value (see module comment). */
const SHUFFLE_SEED = 0x0e4c_2021;

/** Keys (out of 256) per perturbation -3..3 for the unconstrained rows, c ≥ 6. */
const TRIANGULAR = [16, 32, 48, 64, 48, 32, 16] as const;

/**
 * Keys (out of 256) per perturbation -3, -2, -1, 0, +1, +2, +3 for the rows whose values are
 * constrained. Each row sums to 256 and has Σ p·n = 0 (exact zero mean); a 0 marks a forbidden value.
 */
const CONSTRAINED_ROWS: Readonly<Record<number, readonly number[]>> = {
  0: [0, 0, 0, 256, 0, 0, 0], // a true zero is never perturbed
  1: [0, 0, 176, 0, 0, 64, 16], // publishes 0, 3 or 4
  2: [0, 112, 0, 0, 80, 48, 16], // publishes 0, 3, 4 or 5
  3: [52, 0, 0, 112, 44, 32, 16], // publishes 0, 3, 4, 5 or 6
  4: [0, 0, 88, 112, 32, 16, 8], // publishes 3..7 (4-3 = 1 and 4-2 = 2 are forbidden)
  5: [0, 40, 56, 64, 56, 40, 0], // publishes 3..7, symmetric (5-3 = 2 is forbidden)
};

/** How many keys give each perturbation -3..3 in the row for true count `row` (0..20). */
export function rowDistribution(row: number): readonly number[] {
  return CONSTRAINED_ROWS[row] ?? TRIANGULAR;
}

/** mulberry32: a tiny, well-known 32-bit generator; deterministic in every JS engine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One row: the distribution expanded into 256 perturbations, then shuffled with the fixed generator. */
function buildRow(row: number): Int8Array {
  const values = new Int8Array(KEY_SPACE);
  let i = 0;
  rowDistribution(row).forEach((n, idx) => {
    values.fill(idx - MAX_PERTURBATION, i, i + n);
    i += n;
  });
  if (i !== KEY_SPACE) throw new Error(`perturbation row ${row} has ${i} entries, not ${KEY_SPACE}`);
  const random = mulberry32(SHUFFLE_SEED + Math.imul(row, 0x9e37_79b9));
  for (let j = KEY_SPACE - 1; j > 0; j--) {
    const r = Math.floor(random() * (j + 1));
    [values[j], values[r]] = [values[r]!, values[j]!];
  }
  return values;
}

const TABLE: readonly Int8Array[] = Array.from({ length: LAST_STORED_ROW + 1 }, (_, row) => buildRow(row));

/** The stored row used for true count `count` (counts above 20 cycle through rows 11..20). */
export function rowIndex(count: number): number {
  if (count <= LAST_STORED_ROW) return count;
  return CYCLE_START + ((count - CYCLE_START) % CYCLE_LENGTH);
}

/**
 * The perturbation for a cell with true count `count` and cell key `cellKey`: an integer in -3..3
 * with `count + p ≥ 0`, `count + p ∉ {1, 2}` for count ≥ 1, and `p = 0` for count 0.
 *
 * @param count true (unrounded) count of records in the cell, a non-negative integer
 * @param cellKey the cell key, 0..255 (`SUM(record_key) % 256`)
 */
export function perturb(count: number, cellKey: number): number {
  assertCount(count);
  assertKey(cellKey);
  return TABLE[rowIndex(count)]![cellKey]!;
}

/** Throws unless `count` is a non-negative safe integer; counts enter from SQL and must be exact. */
export function assertCount(count: number, what = 'count'): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${count}`);
  }
}
