import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_PERTURBATION, perturb, rowDistribution, rowIndex } from './perturbation-table.js';

const KEYS = Array.from({ length: 256 }, (_, k) => k);
const row = (c: number): number[] => KEYS.map((k) => perturb(c, k));

describe('cell-key perturbation table', () => {
  it('has mean exactly 0 over the 256 keys for every count 0..200', () => {
    for (let c = 0; c <= 200; c++) expect(row(c).reduce((a, b) => a + b, 0), `count ${c}`).toBe(0);
  });

  it('is bounded by ±3 for every count 0..200 and key', () => {
    const worst = Math.max(...Array.from({ length: 201 }, (_, c) => Math.max(...row(c).map(Math.abs))));
    expect(worst).toBe(MAX_PERTURBATION);
  });

  it('never publishes a negative, 1 or 2 for counts 1..200', () => {
    const bad: string[] = [];
    for (let c = 1; c <= 200; c++) {
      row(c).forEach((p, k) => {
        if (c + p < 0 || c + p === 1 || c + p === 2) bad.push(`count ${c} key ${k} publishes ${c + p}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('keeps a true zero at zero', () => {
    expect(row(0).every((p) => p === 0)).toBe(true);
  });

  it('has small variance: 2.5 for every unconstrained row, at most 3.4 anywhere', () => {
    for (let c = 1; c <= 200; c++) {
      const variance = row(c).reduce((s, p) => s + p * p, 0) / 256;
      expect(variance).toBeLessThan(3.4);
      if (c >= 6) expect(variance).toBe(2.5);
    }
  });

  it('realises each row distribution exactly, with keys shuffled differently per row', () => {
    for (let c = 0; c <= 20; c++) {
      const counts = new Array<number>(7).fill(0);
      for (const p of row(c)) counts[p + MAX_PERTURBATION]!++;
      expect(counts).toEqual(rowDistribution(c));
    }
    expect(row(11)).not.toEqual(row(12));
  });

  it('is finite: counts above 20 reuse rows 11..20', () => {
    expect(rowIndex(20)).toBe(20);
    expect(rowIndex(21)).toBe(11);
    expect(rowIndex(30)).toBe(20);
    expect(rowIndex(1_000_003)).toBe(13);
    expect(row(21)).toEqual(row(11));
    expect(row(137)).toEqual(row(rowIndex(137)));
  });

  it('is the pinned table (changing it would let old and new releases be differenced)', () => {
    const bytes = Buffer.from(Array.from({ length: 21 }, (_, c) => row(c).map((p) => p + 3)).flat());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '5bdfcd5bbe07aecdf14a2415462507b289016f875d63d2e7cd59a59f74c5be9e',
    );
  });

  it('rejects invalid counts and keys', () => {
    expect(() => perturb(-1, 0)).toThrow(RangeError);
    expect(() => perturb(2.5, 0)).toThrow(RangeError);
    expect(() => perturb(10, 256)).toThrow(RangeError);
    expect(() => perturb(10, Number.NaN)).toThrow(RangeError);
  });
});
