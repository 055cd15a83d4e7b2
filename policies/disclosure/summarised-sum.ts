/**
 * The dominance rule of dominance.ts (`publishSum`) applied to a sum summarised in SQL, so records never
 * have to be loaded into Node: the statement returns the number of non-zero contributors, the sum and
 * the largest single contribution, which is all the (n, k) rule needs. Same thresholds, same rounding,
 * same rule strings as `publishSum` (the test checks the two agree).
 */
import { publishSum, type ProtectedSum } from './dominance.js';

export interface SumSummary {
  /** Records with a non-zero amount. */
  contributors: number;
  /** Sum of the amounts (pence). */
  sum: number;
  /** Largest single amount (pence). */
  largest: number;
}

/**
 * `publishSum` over a summary. It rebuilds the smallest contribution list with the same contributor
 * count, sum and largest value (the largest, then the remainder spread over the others) and delegates,
 * so the rule itself lives in one place. Only count, sum and maximum enter the rule, so the result is
 * the one `publishSum` gives for the real contributions.
 */
export function publishSummarisedSum(summary: SumSummary, minContributors = 10, maxShare = 0.5): ProtectedSum {
  const { contributors, sum, largest } = summary;
  if (!Number.isInteger(contributors) || contributors < 0) throw new RangeError(`contributors must be a non-negative integer, got ${contributors}`);
  if (!(largest >= 0) || !(sum >= largest) || (contributors === 0 && sum !== 0)) {
    throw new RangeError(`inconsistent sum summary: ${JSON.stringify(summary)}`);
  }
  if (contributors === 0) return publishSum([], minContributors, maxShare);
  // The others share sum - largest; each stays a positive whole amount no larger than `largest`
  // (possible for real data: every other contribution is at least 1 penny and at most the largest).
  const others = contributors - 1;
  const rest = sum - largest;
  if (others > 0 && (rest < others || rest > others * largest)) throw new RangeError(`inconsistent sum summary: ${JSON.stringify(summary)}`);
  // Integer shares: floor(rest / others), the remainder spread one penny at a time, so the sum is exact.
  const base = others > 0 ? Math.floor(rest / others) : 0;
  const extra = rest - base * others;
  const contributions = [largest, ...Array.from({ length: others }, (_, i) => base + (i < extra ? 1 : 0))];
  return publishSum(contributions, minContributors, maxShare);
}
