/**
 * Protecting published sums (docs/disclosure-control.md), such as the total personal budget of the children in a
 * cell. A sum discloses an individual when few children contribute (each one's share can be guessed)
 * or when one child dominates it (the sum is roughly that child's value). This is the standard
 * threshold + dominance rule of statistical disclosure control (an (n, k) rule with n = 1, k = 50%),
 * alongside the OpenSAFELY / NHS England minimum of 10 contributors for published figures.
 *
 * Known limit: sums are rounded, not perturbed. Two published sums whose contributor sets differ by
 * one child (area vs "area without locality X") still reveal that child's value to within the
 * rounding, so callers must not offer sums over arbitrary complements; counts use cell-key
 * perturbation for exactly this reason (protect-count.ts).
 */

/** Published sums are rounded to a multiple of this. Values are in pence, so this is the nearest £1. */
export const SUM_ROUNDING_BASE = 100;

/** The result of {@link publishSum}. */
export interface ProtectedSum {
  /** The rounded sum, or null when suppressed. */
  value: number | null;
  suppressed: boolean;
  /** The rule the sum was published or withheld under. */
  rule?: string;
}

/**
 * Publish a sum only when at least `minContributors` children contribute a non-zero amount and no
 * single child contributes more than `maxShare` of it; the published value is rounded to the nearest
 * 100 (contributions are in pence, so to the nearest pound).
 *
 * A withheld sum gives one rule naming both tests rather than the one that failed: "withheld for
 * dominance" would tell the reader that one child holds most of the budget.
 *
 * @param contributions each child's non-negative amount in pence; zeros are not contributors
 * @param minContributors minimum number of non-zero contributors (default 10)
 * @param maxShare largest share of the sum one contributor may hold (default 0.5)
 */
export function publishSum(contributions: readonly number[], minContributors = 10, maxShare = 0.5): ProtectedSum {
  assertParameters(minContributors, maxShare);
  const { contributors, sum, largest } = summarise(contributions);
  const withheld = contributors < minContributors || largest > maxShare * sum;
  if (withheld) {
    return { value: null, suppressed: true, rule: suppressedRule(minContributors, maxShare) };
  }
  return { value: Math.round(sum / SUM_ROUNDING_BASE) * SUM_ROUNDING_BASE, suppressed: false, rule: publishedRule(minContributors, maxShare) };
}

function summarise(contributions: readonly number[]): { contributors: number; sum: number; largest: number } {
  let contributors = 0;
  let sum = 0;
  let largest = 0;
  for (const c of contributions) {
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`contributions must be finite and non-negative, got ${c}`);
    if (c === 0) continue;
    contributors++;
    sum += c;
    largest = Math.max(largest, c);
  }
  return { contributors, sum, largest };
}

function assertParameters(minContributors: number, maxShare: number): void {
  if (!Number.isInteger(minContributors) || minContributors < 1) {
    throw new RangeError(`minContributors must be a positive integer, got ${minContributors}`);
  }
  if (!(maxShare > 0 && maxShare <= 1)) throw new RangeError(`maxShare must be in (0, 1], got ${maxShare}`);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function suppressedRule(minContributors: number, maxShare: number): string {
  return `sum suppressed: fewer than ${minContributors} contributors or one contributor above ${percent(maxShare)} (dominance)`;
}

function publishedRule(minContributors: number, maxShare: number): string {
  return `sum of at least ${minContributors} contributors, none above ${percent(maxShare)}, rounded to nearest ${SUM_ROUNDING_BASE} pence`;
}
