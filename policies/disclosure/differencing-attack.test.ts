/**
 * A simulated differencing attack (docs/disclosure-control.md). The attacker asks for the area total and for
 * "the area without locality X", and wants to learn whether X holds exactly one child. Prior: X holds
 * 0, 1 or 2 children with equal probability. The attacker is the best Bayesian one: it knows the
 * mechanism and the perturbation table (not the secret), and for each observed difference compares
 * the empirical likelihood of that difference under each hypothesis, estimated here by simulating many
 * populations (50–500 children elsewhere in the area) with random record keys.
 *
 * Bound asserted: the attacker's posterior that X holds exactly one child is at most 0.75 for every
 * difference it can observe, for one query pair and for repeated / rephrased query pairs. A control
 * shows the same attacker does break a mechanism with fresh noise per query, so the test has teeth.
 */
import { describe, expect, it } from 'vitest';
import { protectCount } from './protect-count.js';
import { recordKey } from './record-key.js';
import { Histogram, posteriorOf } from './test-support/bayes.js';
import { type Child, countWhere, DIMENSIONS, seededRandom } from './test-support/population.js';

const HYPOTHESES = [0, 1, 2] as const; // children in locality X
const ONE_CHILD = 1;
const BOUND = 0.75;
const SECRET = 'differencing-attack-test-secret';

/** Published value of a cell known (by construction in this attack) not to be suppressed. */
function published(count: number, key: number): number {
  const p = protectCount(count, key);
  if (p.count === null) throw new Error(`unexpected suppression of ${count}`);
  return p.count;
}

describe('differencing attack: area total minus "area without locality X"', () => {
  it('single query pair: posterior that X holds exactly one child is ≤ 0.75 for every observed difference', () => {
    const rng = seededRandom(20_210_321);
    const TRIALS = 100_000;
    const histograms = HYPOTHESES.map(() => new Histogram());
    HYPOTHESES.forEach((x, h) => {
      for (let trial = 0; trial < TRIALS; trial++) {
        // Everyone outside X: a fresh population with random record keys.
        const n = rng.int(50, 500);
        let restKey = 0;
        for (let i = 0; i < n; i++) restKey = (restKey + rng.int(0, 255)) % 256;
        // X's children get real HMAC record keys from fresh ids.
        let areaKey = restKey;
        for (let j = 0; j < x; j++) areaKey = (areaKey + recordKey(SECRET, `h${x}-t${trial}-c${j}`)) % 256;
        histograms[h]!.add(published(n + x, areaKey) - published(n, restKey));
      }
    });
    const report = posteriorOf(histograms, ONE_CHILD);
    console.info('differencing attack, single pair:', summary(report));
    expect(report.max).toBeLessThanOrEqual(BOUND);
    // The only observation that can rule out "one child" is a difference that occurs only under
    // zero children; there is none: a zero difference is common under every hypothesis.
    expect(report.byObservation['0']).toBeLessThan(0.5);
  }, 120_000);

  it('exact check: enumerating every population size 50..500 and every pair of cell keys gives the same bound', () => {
    // Keys of "area" and "area without X" are independent and uniform when X is non-empty (X's record
    // keys are secret and uniform), and identical when X is empty, so the likelihoods are exact sums.
    const histograms = HYPOTHESES.map(() => new Histogram());
    const likelihood = HYPOTHESES.map(() => new Map<number, number>());
    for (let n = 50; n <= 500; n++) {
      const rest = valueWeights(n);
      HYPOTHESES.forEach((x, h) => {
        if (x === 0) return bump(likelihood[h]!, 0, 256 * 256);
        for (const [t, wt] of valueWeights(n + x)) for (const [r, wr] of rest) bump(likelihood[h]!, t - r, wt * wr);
      });
    }
    // Feed the exact weights to the same posterior code (as counts; equal totals per hypothesis).
    likelihood.forEach((m, h) => {
      for (const [d, w] of m) {
        histograms[h]!.counts.set(JSON.stringify(d), w);
        histograms[h]!.total += w;
      }
    });
    const report = posteriorOf(histograms, ONE_CHILD);
    console.info('differencing attack, exact:', summary(report));
    expect(report.max).toBeLessThanOrEqual(BOUND);
  });

  it('repeated and rephrased queries return the same value, so the posterior stays ≤ 0.75', () => {
    const rng = seededRandom(7_070_707);
    const TRIALS = 10_000;
    const localities = DIMENSIONS.locality;
    const X = localities[0];
    const others = localities.slice(1);
    // Differently-phrased filters for the same two record sets; each is asked several times.
    const areaPhrasings: ((c: Child) => boolean)[] = [
      () => true,
      (c) => (localities as readonly string[]).includes(c.locality),
      (c) => c.locality === X || c.locality !== X,
    ];
    const withoutXPhrasings: ((c: Child) => boolean)[] = [
      (c) => c.locality !== X,
      (c) => (others as readonly string[]).includes(c.locality),
      (c) => !(c.locality === X),
      (c) => others.some((o) => o === c.locality),
    ];
    const REPEATS = 3;
    const histograms = HYPOTHESES.map(() => new Histogram());
    HYPOTHESES.forEach((x, h) => {
      for (let trial = 0; trial < TRIALS; trial++) {
        const population = makePopulation(rng, rng.int(50, 500), x, X, others);
        const areaAnswers = ask(population, areaPhrasings, REPEATS, rng);
        const restAnswers = ask(population, withoutXPhrasings, REPEATS, rng);
        // Every phrasing and repeat gets the same answer: nothing to average.
        expect(new Set(areaAnswers).size).toBe(1);
        expect(new Set(restAnswers).size).toBe(1);
        // The attacker averages every pairwise difference it can form.
        const mean = average(areaAnswers.flatMap((a) => restAnswers.map((r) => a - r)));
        histograms[h]!.add(mean.toFixed(2));
      }
    });
    const report = posteriorOf(histograms, ONE_CHILD);
    console.info('differencing attack, repeated/rephrased:', summary(report));
    expect(report.max).toBeLessThanOrEqual(BOUND);
  }, 120_000);

  it('control: with fresh noise per query, the same attacker averaging 200 repeats does exceed 0.75', () => {
    const rng = seededRandom(99);
    const TRIALS = 5_000;
    const REPEATS = 200;
    const histograms = HYPOTHESES.map(() => new Histogram());
    HYPOTHESES.forEach((x, h) => {
      for (let trial = 0; trial < TRIALS; trial++) {
        const n = rng.int(50, 500);
        const diffs = Array.from({ length: REPEATS }, () => {
          // The broken mechanism: a new random key on every query instead of the records' cell key.
          return published(n + x, rng.int(0, 255)) - published(n, rng.int(0, 255));
        });
        histograms[h]!.add((Math.round(average(diffs) * 4) / 4).toFixed(2));
      }
    });
    const report = posteriorOf(histograms, ONE_CHILD);
    console.info('control (fresh noise per query):', summary(report));
    expect(report.expected).toBeGreaterThan(BOUND);
  }, 120_000);
});

/** How many of the 256 cell keys publish each value for a true count. */
function valueWeights(count: number): Map<number, number> {
  const weights = new Map<number, number>();
  for (let k = 0; k < 256; k++) bump(weights, published(count, k), 1);
  return weights;
}

function bump(m: Map<number, number>, key: number, by: number): void {
  m.set(key, (m.get(key) ?? 0) + by);
}

function makePopulation(
  rng: ReturnType<typeof seededRandom>,
  restSize: number,
  inX: number,
  X: string,
  others: readonly string[],
): Child[] {
  const base = { need: 'ASD', ageBand: '5-10', setting: 'mainstream', planStatus: 'final' };
  const children: Child[] = [];
  for (let i = 0; i < restSize; i++) {
    children.push({ id: i, recordKey: rng.int(0, 255), locality: others[rng.int(0, others.length - 1)]!, ...base });
  }
  for (let j = 0; j < inX; j++) children.push({ id: restSize + j, recordKey: rng.int(0, 255), locality: X, ...base });
  return children;
}

/** Ask each phrasing `repeats` times, over rows in a fresh order each time (SQL gives no order). */
function ask(
  population: readonly Child[],
  phrasings: readonly ((c: Child) => boolean)[],
  repeats: number,
  rng: ReturnType<typeof seededRandom>,
): number[] {
  const answers: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const rows = rotate(population, rng.int(0, population.length - 1));
    for (const phrasing of phrasings) {
      const cell = countWhere(rows, phrasing);
      answers.push(published(cell.count, cell.cellKey));
    }
  }
  return answers;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  return [...items.slice(by), ...items.slice(0, by)].reverse();
}

function average(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function summary(report: ReturnType<typeof posteriorOf>): string {
  const per = Object.entries(report.byObservation)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([d, p]) => `${d}:${p.toFixed(3)}`)
    .join(' ');
  return `max ${report.max.toFixed(3)} at ${report.argmax}, expected ${report.expected.toFixed(3)}; per observation ${per}`;
}
