import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, isValidAreaCode, isValidNhsNumber, isValidUpn, nhsCheckDigit, normalisePostcode, upnCheckLetter } from '../../src/domain/identifiers.js';

const changeDigit = (value: string, i: number) => `${value.slice(0, i)}${(Number(value[i]) + 1) % 10}${value.slice(i + 1)}`;

describe('NHS number (modulus 11)', () => {
  it('accepts the known-valid 9449305552', () => expect(isValidNhsNumber('9449305552')).toBe(true));
  it.each([...Array(10).keys()])('fails when digit %i changes', (i) => expect(isValidNhsNumber(changeDigit('9449305552', i))).toBe(false));
  it('refuses other shapes', () => {
    for (const bad of ['944 930 5552', '944930555', '94493055521', 'abcdefghij', '']) expect(isValidNhsNumber(bad)).toBe(false);
  });
  it('treats a check value of 10 as invalid', () => {
    // 1000000001..: find a 9-digit stem whose check computes to 10
    const stem = [...Array(1000).keys()].map((n) => `100000${String(n).padStart(3, '0')}`).find((s) => nhsCheckDigit(s) === null)!;
    for (let d = 0; d < 10; d++) expect(isValidNhsNumber(`${stem}${d}`)).toBe(false);
  });
  it('makes valid numbers from any stem with a check digit', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{9}$/), (stem) => {
      const check = nhsCheckDigit(stem);
      return check === null || isValidNhsNumber(`${stem}${check}`);
    }));
  });
});

describe('UPN (check letter mod 23)', () => {
  it('accepts the known-valid B801200005001', () => expect(isValidUpn('B801200005001')).toBe(true));
  it.each([...Array(12).keys()].map((i) => i + 1))('fails when digit %i changes', (i) => expect(isValidUpn(changeDigit('B801200005001', i))).toBe(false));
  it('refuses wrong length, lowercase and a wrong check letter', () => {
    for (const bad of ['B80120000500', 'b801200005001', 'C801200005001', 'I801200005001']) expect(isValidUpn(bad)).toBe(false);
  });
  it('accepts temporary UPNs ending in a letter when the check letter fits', () => {
    const last12 = '80120000500A';
    expect(isValidUpn(`${upnCheckLetter(last12)}${last12}`)).toBe(true);
  });
});

describe('postcodes, area codes and dates', () => {
  it.each(['SW1A 1AA', 'sw1a1aa', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A 1BB'])('accepts %s', (p) => expect(normalisePostcode(p)).toMatch(/^[A-Z0-9]+ \d[A-Z]{2}$/));
  it.each(['', 'SW1A', '12345', 'SW1A 1A', 'SW1A  1AA1', 'Q 1AA'])('refuses %s', (p) => expect(normalisePostcode(p)).toBeNull());
  it('validates English education authority codes', () => {
    for (const ok of ['E09000033', 'E06000023', 'E08000025', 'E10000016']) expect(isValidAreaCode(ok)).toBe(true);
    for (const bad of ['E07000001', 'W06000001', 'E0900003', 'e09000033']) expect(isValidAreaCode(bad)).toBe(false);
  });
  it('checks calendar dates and ages', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(ageOn('2010-03-10', '2026-03-09')).toBe(15);
    expect(ageOn('2010-03-10', '2026-03-10')).toBe(16);
  });
});
