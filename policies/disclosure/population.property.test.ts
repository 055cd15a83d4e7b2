/**
 * Properties over whole random populations: whatever grouping a commissioner asks for, no published
 * count lies in 1..7, no withheld cell reads 0, and a cell (a set of records) gets one value however
 * the query reaching it is phrased.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectCount, protectTable } from './protect-count.js';
import { type Child, type Dimension, DIMENSION_NAMES, DIMENSIONS, countWhere, groupBy } from './test-support/population.js';

const childArb = fc.record({
  recordKey: fc.integer({ min: 0, max: 255 }),
  need: fc.constantFrom(...DIMENSIONS.need),
  ageBand: fc.constantFrom(...DIMENSIONS.ageBand),
  locality: fc.constantFrom(...DIMENSIONS.locality),
  setting: fc.constantFrom(...DIMENSIONS.setting),
  planStatus: fc.constantFrom(...DIMENSIONS.planStatus),
});
const populationArb = fc
  .array(childArb, { maxLength: 400, size: 'max' })
  .map((children): Child[] => children.map((c, id) => ({ id, ...c })));
const dimsArb = fc.shuffledSubarray(DIMENSION_NAMES, { minLength: 1 });

function publishable(count: number | null, suppressed: boolean): boolean {
  if (suppressed) return count === null;
  return count !== null && (count === 0 || count >= 10);
}

describe('protected aggregates over random populations', () => {
  it('no published count lies in 1..7 and no suppressed cell reads 0, for any grouping', () => {
    const seen = { published: 0, suppressed: 0 };
    fc.assert(
      fc.property(populationArb, dimsArb, (population, dims) => {
        for (const cell of groupBy(population, dims)) {
          const { count, suppressed } = protectCount(cell.count, cell.cellKey);
          expect(publishable(count, suppressed)).toBe(true);
          if (count === 0) expect(cell.count).toBe(0);
          if (suppressed) seen.suppressed++;
          else if (count! > 0) seen.published++;
        }
      }),
      { numRuns: 300 },
    );
    // The generator must exercise both branches, or the property says nothing.
    expect(seen.published).toBeGreaterThan(100);
    expect(seen.suppressed).toBeGreaterThan(100);
  });

  it('the same holds for whole tables with row totals and the grand total', () => {
    fc.assert(
      fc.property(populationArb, dimsArb, (population, dims) => {
        const rowDims = dims.slice(0, 1);
        const rows = new Map(groupBy(population, rowDims).map((r) => [r.key[0], r.count]));
        const cells = groupBy(population, dims).map((c) => ({ ...c, rowTotal: rows.get(c.key[0]) }));
        const table = protectTable(cells, countWhere(population, () => true));
        for (const c of [...table.cells, table.total]) expect(publishable(c.count, c.suppressed)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a cell reached by differently-phrased groupings and filters gets one value', () => {
    fc.assert(
      fc.property(
        populationArb.filter((p) => p.length > 0),
        dimsArb,
        fc.nat(),
        fc.nat(),
        (population, dims, pick, seed) => {
          const target = population[pick % population.length]!;
          const matches = (c: Child, ds: readonly Dimension[]): boolean => ds.every((d) => c[d] === target[d]);
          const key = dims.map((d) => target[d]);

          // 1. GROUP BY the dimensions and pick the cell.
          const grouped = groupBy(population, dims).find((c) => c.key.join('|') === key.join('|'))!;
          // 2. A single WHERE filter on every dimension.
          const filtered = countWhere(population, (c) => matches(c, dims));
          // 3. Filter on the first dimension, GROUP BY the rest in reverse order, over reordered rows.
          const reordered = shuffle(population, seed);
          const [first, ...rest] = dims;
          const restReversed = [...rest].reverse();
          const regrouped =
            restReversed.length === 0
              ? countWhere(reordered, (c) => c[first!] === target[first!])
              : groupBy(reordered, restReversed, (c) => c[first!] === target[first!]).find(
                  (c) => c.key.join('|') === restReversed.map((d) => target[d]).join('|'),
                )!;
          // 4. "not (any dimension differs)": the same set, phrased as a negation.
          const negated = countWhere(population, (c) => !dims.some((d) => c[d] !== target[d]));

          const published = [grouped, filtered, regrouped, negated].map((c) => protectCount(c.count, c.cellKey));
          expect(new Set(published.map((p) => JSON.stringify(p))).size).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Fisher–Yates with a fast-check supplied seed, standing in for an arbitrary row order from SQL. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = Math.imul(s ^ (s >>> 13), 0x5bd1e995) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
