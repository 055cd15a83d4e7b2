/**
 * The best Bayesian attacker from simulation: given samples of what is published under each
 * hypothesis (equal priors), the posterior of a hypothesis for an observation is its empirical
 * likelihood over the sum of all hypotheses' likelihoods. Not used by production code.
 */

/** Histogram of observations (stringified so tuples and numbers can both be keys). */
export class Histogram {
  readonly counts = new Map<string, number>();
  total = 0;
  add(observation: unknown): void {
    const key = typeof observation === 'string' ? observation : JSON.stringify(observation);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }
  likelihood(key: string): number {
    return (this.counts.get(key) ?? 0) / this.total;
  }
}

export interface PosteriorReport {
  /** Largest posterior of the target over every observation that occurs under the target. */
  max: number;
  /** Observation giving that largest posterior. */
  argmax: string;
  /** Expected posterior of the target when the target is true (the attacker's average confidence). */
  expected: number;
  /** Posterior of the target per observation. */
  byObservation: Record<string, number>;
}

/** Posterior of hypothesis `target` under equal priors over `hypotheses`. */
export function posteriorOf(hypotheses: readonly Histogram[], target: number): PosteriorReport {
  const byObservation: Record<string, number> = {};
  let max = 0;
  let argmax = '';
  let expected = 0;
  for (const key of hypotheses[target]!.counts.keys()) {
    const likelihoods = hypotheses.map((h) => h.likelihood(key));
    const posterior = likelihoods[target]! / likelihoods.reduce((a, b) => a + b, 0);
    byObservation[key] = posterior;
    expected += likelihoods[target]! * posterior;
    if (posterior > max) [max, argmax] = [posterior, key];
  }
  return { max, argmax, expected, byObservation };
}
