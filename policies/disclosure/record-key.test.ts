import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL_KEY_SQL, cellKey, recordKey } from './record-key.js';

describe('recordKey', () => {
  it('is the first byte of HMAC-SHA256(secret, childId)', () => {
    const id = '3f1c9f0e-7a4d-4b9b-9c7e-2f1d0e6a5b4c';
    expect(recordKey('s3cret', id)).toBe(createHmac('sha256', 's3cret').update(id).digest()[0]);
  });

  it('is a deterministic integer in 0..255 that depends on the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.uuid(), (secret, id) => {
        const k = recordKey(secret, id);
        expect(Number.isInteger(k) && k >= 0 && k <= 255).toBe(true);
        expect(recordKey(secret, id)).toBe(k);
      }),
    );
    const ids = Array.from({ length: 64 }, (_, i) => `child-${i}`);
    const a = ids.map((id) => recordKey('secret-a', id));
    const b = ids.map((id) => recordKey('secret-b', id));
    expect(a).not.toEqual(b);
  });

  it('is close to uniform over 0..255 (chi-square, 25,600 ids)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 25_600; i++) counts[recordKey('uniformity', `child-${i}`)]!++;
    const chi2 = counts.reduce((s, n) => s + (n - 100) ** 2 / 100, 0);
    // 255 degrees of freedom: mean 255, sd ≈ 22.6; 370 is beyond p = 0.0001.
    expect(chi2).toBeLessThan(370);
  });

  it('rejects an empty secret', () => {
    expect(() => recordKey('', 'x')).toThrow(RangeError);
  });
});

describe('cellKey', () => {
  it('is the sum of the record keys mod 256, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 })), (keys) => {
        const expected = keys.reduce((a, b) => a + b, 0) % 256;
        expect(cellKey(keys)).toBe(expected);
        expect(cellKey([...keys].reverse())).toBe(expected);
      }),
    );
  });

  it('is 0 for an empty cell, as COALESCE(SUM(record_key), 0) % 256 is', () => {
    expect(cellKey([])).toBe(0);
    expect(CELL_KEY_SQL).toBe('COALESCE(SUM(record_key), 0) % 256');
  });

  it('rejects keys outside 0..255', () => {
    expect(() => cellKey([256])).toThrow(RangeError);
    expect(() => cellKey([-1])).toThrow(RangeError);
    expect(() => cellKey([1.5])).toThrow(RangeError);
  });
});
