/**
 * Totals never reveal a withheld cell by subtraction (docs/disclosure-control.md). The total is protected from its
 * own unrounded count and cell key, so `published total − Σ published cells` mixes the withheld
 * counts with independent perturbation and rounding errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectCount, protectTable } from './protect-count.js';
import { seededRandom } from './test-support/population.js';

const DRAWS = 200;

describe('totals versus withheld cells', () => {
  it('total − Σ published cells is never certainly a withheld count, and varies with the record keys', () => {
    const tableArb = fc.record({
      small: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
      others: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 6 }),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(tableArb, ({ small, others, seed }) => {
        const rng = seededRandom(seed);
        const counts = [...small, ...others];
        const trueTotal = counts.reduce((a, b) => a + b, 0);
        const differences: number[] = [];
        for (let draw = 0; draw < DRAWS; draw++) {
          // A new draw of record keys: each cell's key is uniform, the total's is their sum mod 256
          // (the total counts the union of the cells' records).
          const keys = counts.map(() => rng.int(0, 255));
          const cells = counts.map((count, i) => ({ key: [`c${i}`], count, cellKey: keys[i]! }));
          const table = protectTable(cells, { count: trueTotal, cellKey: keys.reduce((a, b) => (a + b) % 256, 0) });
          table.cells.forEach((c, i) => expect(c.suppressed).toBe(counts[i]! >= 1 && counts[i]! <= 7));
          if (table.total.suppressed) continue; // nothing to subtract from
          const publishedSum = table.cells.reduce((s, c) => s + (c.count ?? 0), 0);
          differences.push(table.total.count! - publishedSum);
        }
        if (differences.length === 0) return;
        for (const s of counts.filter((c) => c >= 1 && c <= 7)) expect(differences.every((d) => d === s)).toBe(false);
        if (trueTotal >= 10) expect(new Set(differences).size).toBeGreaterThan(1);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('exact attacker: the difference does not pin down a withheld count (singleton posterior ≤ 0.75)', () => {
    // One withheld cell of true count s (prior uniform over 1..7) and the rest of the table, whose
    // true count o is unknown to the attacker (50..500). The two cell keys are independent and
    // uniform; the total's key is their sum, so it is independent of each. Enumerate exactly.
    const likelihood = Array.from({ length: 8 }, () => new Map<number, number>());
    for (let o = 50; o <= 500; o++) {
      const rest = valueWeights(o);
      for (let s = 1; s <= 7; s++) {
        for (const [t, wt] of valueWeights(o + s)) for (const [r, wr] of rest) bump(likelihood[s]!, t - r, wt * wr);
      }
    }
    const differences = new Set(likelihood.flatMap((m) => [...m.keys()]));
    let singleton = 0;
    let anyCount = 0;
    const rows: string[] = [];
    for (const d of [...differences].sort((a, b) => a - b)) {
      const l = likelihood.map((m) => m.get(d) ?? 0);
      const total = l.reduce((a, b) => a + b, 0);
      singleton = Math.max(singleton, l[1]! / total);
      const best = Math.max(...l.slice(1));
      anyCount = Math.max(anyCount, best / total);
      rows.push(`${d}: P(s=1)=${(l[1]! / total).toFixed(3)} best s=${l.indexOf(best)} @ ${(best / total).toFixed(3)}`);
    }
    console.info(`totals attack, exact: singleton max ${singleton.toFixed(3)}, any count max ${anyCount.toFixed(3)}\n  ${rows.join('\n  ')}`);
    expect(singleton).toBeLessThanOrEqual(0.75);
    // The most an attacker ever learns about a withheld count: "7" with about 3-to-1 odds, and
    // only in the rare draw where both perturbations hit opposite extremes.
    expect(anyCount).toBeLessThan(0.76);
    expect(differences.size).toBeGreaterThan(1);
  });
});

/** How many of the 256 cell keys publish each value for a true count ≥ 8. */
function valueWeights(count: number): Map<number, number> {
  const weights = new Map<number, number>();
  for (let k = 0; k < 256; k++) bump(weights, protectCount(count, k).count!, 1);
  return weights;
}

function bump(m: Map<number, number>, key: number, by: number): void {
  m.set(key, (m.get(key) ?? 0) + by);
}
