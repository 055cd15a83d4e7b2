import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishSum } from './dominance.js';

const tenEqual = Array.from({ length: 10 }, () => 123_456);

describe('publishSum', () => {
  it('publishes a sum of ≥ 10 contributors with no one above half, rounded to the nearest 100 pence', () => {
    const result = publishSum(tenEqual);
    expect(result.suppressed).toBe(false);
    expect(result.value).toBe(1_234_600); // 1,234,560 pence → £12,346
    expect(result.rule).toContain('rounded to nearest 100 pence');
  });

  it('withholds a sum with fewer than 10 non-zero contributors (zeros do not count)', () => {
    expect(publishSum(tenEqual.slice(0, 9))).toMatchObject({ value: null, suppressed: true });
    expect(publishSum([...tenEqual.slice(0, 9), 0, 0, 0])).toMatchObject({ value: null, suppressed: true });
    expect(publishSum([])).toMatchObject({ value: null, suppressed: true });
  });

  it('withholds a sum where one child holds more than half, but not exactly half', () => {
    expect(publishSum([...Array.from({ length: 9 }, () => 100), 901])).toMatchObject({ suppressed: true });
    expect(publishSum([...Array.from({ length: 9 }, () => 100), 900])).toMatchObject({ suppressed: false, value: 1800 });
  });

  it('gives one rule for every withheld sum, so the reason does not leak', () => {
    const fewer = publishSum([100, 200]);
    const dominated = publishSum([...Array.from({ length: 12 }, () => 1), 1_000_000]);
    expect(fewer.rule).toBe(dominated.rule);
    expect(fewer.rule).toContain('dominance');
  });

  it('honours the thresholds passed in', () => {
    expect(publishSum([50, 50, 50], 3, 0.4).suppressed).toBe(false);
    expect(publishSum([50, 50, 51], 3, 0.3).suppressed).toBe(true);
  });

  it('property: a published sum always has ≥ 10 contributors, none above half, and is within 50 pence', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5_000_000 }), { maxLength: 40 }), (contributions) => {
        const result = publishSum(contributions);
        const nonZero = contributions.filter((c) => c > 0);
        const sum = nonZero.reduce((a, b) => a + b, 0);
        if (result.suppressed) {
          expect(result.value).toBeNull();
          expect(nonZero.length < 10 || Math.max(...nonZero) > sum / 2).toBe(true);
        } else {
          expect(nonZero.length).toBeGreaterThanOrEqual(10);
          expect(Math.max(...nonZero)).toBeLessThanOrEqual(sum / 2);
          expect(result.value! % 100).toBe(0);
          expect(Math.abs(result.value! - sum)).toBeLessThanOrEqual(50);
        }
      }),
    );
  });

  it('rejects negative or non-finite contributions and bad thresholds', () => {
    expect(() => publishSum([-1])).toThrow(RangeError);
    expect(() => publishSum([Number.NaN])).toThrow(RangeError);
    expect(() => publishSum([1], 0)).toThrow(RangeError);
    expect(() => publishSum([1], 10, 0)).toThrow(RangeError);
    expect(() => publishSum([1], 10, 1.5)).toThrow(RangeError);
  });
});
