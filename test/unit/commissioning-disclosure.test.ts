import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishSum } from '../../policies/disclosure/dominance.js';
import { publishSummarisedSum } from '../../policies/disclosure/summarised-sum.js';
import { protectGroupedCounts } from '../../resolvers/commissioning/commissioning.service.js';
import { withMargins, type GroupRow } from '../../resolvers/commissioning/commissioning.store.js';
import { ageBandBoundaries } from '../../src/domain/age-bands.js';

describe('publishSummarisedSum', () => {
  it('agrees with publishSum on the real contributions (only count, sum and maximum matter)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { maxLength: 40 }), (contributions) => {
        const nonZero = contributions.filter((c) => c > 0);
        const summary = { contributors: nonZero.length, sum: nonZero.reduce((a, b) => a + b, 0), largest: Math.max(0, ...nonZero) };
        expect(publishSummarisedSum(summary)).toEqual(publishSum(contributions));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects impossible summaries', () => {
    expect(() => publishSummarisedSum({ contributors: 0, sum: 5, largest: 0 })).toThrow(RangeError);
    expect(() => publishSummarisedSum({ contributors: 2, sum: 5, largest: 6 })).toThrow(RangeError);
    expect(() => publishSummarisedSum({ contributors: 3, sum: 100, largest: 10 })).toThrow(RangeError);
  });
});

describe('protectGroupedCounts', () => {
  const row = (values: (string | null)[], count: number, cellKey = 17) => ({ values, grouped: values.map((v) => v !== null), count, cellKey });

  it('suppresses a cell that holds a whole small group in either direction, never publishes margins', () => {
    const rows = [
      row(['ASD', 'North'], 40), row(['ASD', 'South'], 9), row(['SEMH', 'North'], 30),
      row(['ASD', null], 49), row(['SEMH', null], 30), // margins by need
      row([null, 'North'], 70), row([null, 'South'], 9), // margins by locality: South is all ASD
      row([null, null], 79),
    ];
    const table = protectGroupedCounts(rows, 2);
    expect(table.cells.map((c) => c.key.join('/'))).toEqual(['ASD/North', 'ASD/South', 'SEMH/North']);
    expect(table.cells[1]).toEqual({ key: ['ASD', 'South'], count: null, suppressed: true });
    expect(table.cells[0]!.suppressed).toBe(false);
    expect(table.total.suppressed).toBe(false);
  });

  it('with one dimension, the row is the whole table', () => {
    const table = protectGroupedCounts([row(['ASD'], 9), row([null], 9)], 1);
    expect(table.cells[0]).toMatchObject({ suppressed: true, count: null });
    expect(table.total.suppressed).toBe(false);
  });
});

describe('withMargins', () => {
  /** GROUP BY GROUPING SETS ((all k), (each k − 1)…, ()) straight from the records, as PostgreSQL defines it. */
  function groupingSets(records: { values: (string | null)[]; key: number }[], k: number): GroupRow[] {
    const sets = [Array.from({ length: k }, () => true)];
    if (k > 1) for (let drop = 0; drop < k; drop++) sets.push(Array.from({ length: k }, (_, i) => i !== drop));
    sets.push(Array.from({ length: k }, () => false));
    const out = new Map<string, GroupRow>();
    for (const grouped of sets) {
      if (grouped.every((g) => !g)) out.set(JSON.stringify([grouped, grouped.map(() => null)]), { values: grouped.map(() => null), grouped, count: 0, cellKey: 0 });
      for (const r of records) {
        const values = r.values.map((v, i) => (grouped[i] ? v : null));
        const id = JSON.stringify([grouped, values]);
        const row = out.get(id) ?? { values, grouped, count: 0, cellKey: 0 };
        row.count += 1;
        row.cellKey = (row.cellKey + r.key) % 256;
        out.set(id, row);
      }
    }
    return [...out.values()];
  }
  const sorted = (rows: GroupRow[]) => rows.map((r) => JSON.stringify(r)).sort();

  it('adds up exactly the margins and total GROUPING SETS would return, null values and one dimension included', () => {
    const value = fc.constantFrom<string | null>('A', 'B', 'C', null);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(
        fc.constant(k),
        fc.array(fc.record({ values: fc.array(value, { minLength: k, maxLength: k }), key: fc.integer({ min: 0, max: 255 }) }), { maxLength: 60 }),
      )), ([k, records]) => {
        const expected = groupingSets(records, k);
        const full = expected.filter((r) => r.grouped.every(Boolean)).map(({ values, count, cellKey }) => ({ values, count, cellKey }));
        expect(sorted(withMargins(full, k))).toEqual(sorted(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('over no rows gives the grand total 0 with key 0, as GROUPING SETS does', () => {
    expect(withMargins([], 2)).toEqual([{ values: [null, null], grouped: [false, false], count: 0, cellKey: 0 }]);
  });
});

describe('ageBandBoundaries', () => {
  it('bands by birthday at the reference date, 29 February included', () => {
    expect(ageBandBoundaries('2025-06-01')).toEqual([
      { band: 'UNDER_5', bornAfter: '2020-06-01' },
      { band: 'AGE_5_10', bornAfter: '2014-06-01' },
      { band: 'AGE_11_15', bornAfter: '2009-06-01' },
      { band: 'AGE_16_19', bornAfter: '2005-06-01' },
      { band: 'AGE_20_25', bornAfter: '1999-06-01' },
    ]);
    expect(ageBandBoundaries('2021-02-28')[0]!.bornAfter).toBe('2016-02-28'); // born 2016-02-29 is still 4 on 2021-02-28
  });
});
