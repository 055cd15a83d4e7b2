import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perturb } from './perturbation-table.js';
import { DISCLOSURE_RULES, protectCount, protectTable } from './protect-count.js';

const keyArb = fc.integer({ min: 0, max: 255 });

describe('protectCount', () => {
  it('publishes a true zero as 0', () => {
    for (let k = 0; k < 256; k++) expect(protectCount(0, k)).toEqual({ count: 0, suppressed: false });
  });

  it('withholds 1..7 as null, never 0', () => {
    for (let c = 1; c <= 7; c++) {
      for (let k = 0; k < 256; k++) expect(protectCount(c, k)).toEqual({ count: null, suppressed: true });
    }
  });

  it('exhaustively over counts 0..2000 and all keys: published values are 0 or multiples of 5 ≥ 10, within 5 of the truth', () => {
    const violations: string[] = [];
    for (let c = 0; c <= 2000; c++) {
      for (let k = 0; k < 256; k++) {
        const { count, suppressed } = protectCount(c, k);
        const ok = suppressed
          ? count === null && c >= 1 && c <= 7
          : count !== null &&
            (count === 0 || (count >= 10 && count % 5 === 0)) &&
            (count === 0) === (c === 0) &&
            // ±3 perturbation plus ±2 rounding; the floor at 10 only moves 8 or 9 up by ≤ 2.
            Math.abs(count - c) <= 5;
        if (!ok) violations.push(`count ${c} key ${k} -> ${count} (suppressed ${suppressed})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('perturbs, then rounds to the nearest 5, then raises 5 to 10', () => {
    for (let k = 0; k < 256; k++) {
      const expected = Math.max(10, Math.round((57 + perturb(57, k)) / 5) * 5);
      expect(protectCount(57, k).count).toBe(expected);
    }
    expect(new Set(Array.from({ length: 256 }, (_, k) => protectCount(8, k).count))).toEqual(new Set([10]));
  });

  it('is a pure function of (count, cellKey)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), keyArb, (c, k) => {
        expect(protectCount(c, k)).toEqual(protectCount(c, k));
      }),
    );
  });

  it('rejects invalid inputs', () => {
    expect(() => protectCount(-1, 0)).toThrow(RangeError);
    expect(() => protectCount(3.2, 0)).toThrow(RangeError);
    expect(() => protectCount(10, 300)).toThrow(RangeError);
  });
});

describe('protectTable', () => {
  it('protects each cell as protectCount and the total from its own true count and key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.array(fc.string(), { maxLength: 3 }), count: fc.nat({ max: 300 }), cellKey: keyArb })),
        keyArb,
        (cells, totalKey) => {
          const totalCount = cells.reduce((s, c) => s + c.count, 0);
          const table = protectTable(cells, { count: totalCount, cellKey: totalKey });
          table.cells.forEach((cell, i) => {
            expect(cell).toEqual({ key: cells[i]!.key, ...protectCount(cells[i]!.count, cells[i]!.cellKey) });
          });
          expect(table.total).toEqual(protectCount(totalCount, totalKey));
        },
      ),
    );
  });

  it('suppresses a non-empty cell that is its whole small row (≤ 10), and only then', () => {
    const { cells } = protectTable(
      [
        { key: ['North', 'ASD'], count: 9, cellKey: 17, rowTotal: 9 }, // whole small row: suppressed
        { key: ['North', 'SEMH'], count: 0, cellKey: 0, rowTotal: 9 }, // true zero still shows
        { key: ['South', 'ASD'], count: 10, cellKey: 3, rowTotal: 10 }, // boundary: suppressed
        { key: ['East', 'ASD'], count: 11, cellKey: 3, rowTotal: 11 }, // row not small: published
        { key: ['West', 'ASD'], count: 9, cellKey: 17, rowTotal: 12 }, // not the whole row: published
        { key: ['West', 'PD'], count: 9, cellKey: 17 }, // no row total given: published
      ],
      { count: 41, cellKey: 60 },
    );
    expect(cells.map((c) => c.suppressed)).toEqual([true, false, true, false, false, false]);
    expect(cells[0]!.count).toBeNull();
    expect(cells[1]!.count).toBe(0);
    expect(cells[4]!.count).toBe(protectCount(9, 17).count);
  });

  it('always lists every rule, so the list does not reveal which one fired', () => {
    const quiet = protectTable([{ key: ['a'], count: 100, cellKey: 1 }], { count: 100, cellKey: 1 });
    const busy = protectTable([{ key: ['a'], count: 9, cellKey: 1, rowTotal: 9 }], { count: 9, cellKey: 1 });
    expect(quiet.disclosureControl).toEqual(busy.disclosureControl);
    expect(quiet.disclosureControl).toEqual([
      'counts 1-7 suppressed',
      'cell-key perturbation (ONS 2021)',
      'rounded to nearest 5',
      'published non-zero counts are at least 10',
      'totals from unrounded data, protected independently',
      'small-group dominance suppression',
    ]);
    expect(Object.values(DISCLOSURE_RULES)).toEqual(quiet.disclosureControl);
  });

  it('rejects a cell larger than its row and invalid keys', () => {
    expect(() => protectTable([{ key: ['a'], count: 5, cellKey: 0, rowTotal: 4 }], { count: 5, cellKey: 0 })).toThrow(RangeError);
    expect(() => protectTable([{ key: ['a'], count: 5, cellKey: 999, rowTotal: 5 }], { count: 5, cellKey: 0 })).toThrow(RangeError);
  });
});
