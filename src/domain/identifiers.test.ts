import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AREA_NAMES,
  DFE_LA_NUMBERS,
  ageOn,
  isIsoDate,
  isValidAreaCode,
  isValidNhsNumber,
  isValidUkprn,
  isValidUln,
  isValidUpn,
  isValidUrn,
  nhsCheckDigit,
  normalisePostcode,
  upnCheckLetter,
  normaliseNhsNumber,
} from './identifiers.js';

// All identifiers below are synthetic / published test examples, never real people.

/** Replaces the digit at index i with each of the other nine digits. */
function digitVariants(value: string, i: number): string[] {
  return '0123456789'
    .split('')
    .filter((d) => d !== value[i])
    .map((d) => `${value.slice(0, i)}${d}${value.slice(i + 1)}`);
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

describe('NHS number (NHS Data Dictionary, modulus 11)', () => {
  const VALID = '9449305552';

  it('accepts the known-valid 9449305552', () => {
    expect(isValidNhsNumber(VALID)).toBe(true);
    expect(nhsCheckDigit('944930555')).toBe(2);
  });

  it.each([...Array(10).keys()])('rejects every single-digit change at index %i', (i) => {
    for (const variant of digitVariants(VALID, i)) expect(isValidNhsNumber(variant)).toBe(false);
  });

  it('rejects a stem whose check computes to 10, whatever the last digit', () => {
    // 1·10 + 1·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → no valid NHS number has this stem.
    expect(nhsCheckDigit('100000001')).toBeNull();
    for (let d = 0; d < 10; d++) expect(isValidNhsNumber(`100000001${d}`)).toBe(false);
  });

  it('maps a check of 11 to 0', () => {
    // 200000001: 2·10 + 1·2 = 22 ≡ 0 (mod 11) → 11 − 0 = 11 → check digit 0.
    expect(nhsCheckDigit('200000001')).toBe(0);
    expect(isValidNhsNumber('2000000010')).toBe(true);
    expect(nhsCheckDigit('000000000')).toBe(0);
  });

  it('rejects other shapes and characters', () => {
    for (const bad of ['944 930 5552', '944-930-5552', '944930555', '94493055521', ' 9449305552', '9449305552 ', 'abcdefghij', '94493O5552', '９４４９３０５５５２', ''])
      expect(isValidNhsNumber(bad)).toBe(false);
    for (const bad of ['94493055', '9449305555', '94493055a', '']) expect(nhsCheckDigit(bad)).toBeNull();
  });

  it('property: any 9 digits plus nhsCheckDigit (when not null) is a valid NHS number', () => {
    fc.assert(
      fc.property(digits(9), (stem) => {
        const check = nhsCheckDigit(stem);
        if (check === null) return !'0123456789'.split('').some((d) => isValidNhsNumber(`${stem}${d}`));
        return isValidNhsNumber(`${stem}${check}`) && check === nhsCheckDigitReference(stem);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: exactly one final digit completes a stem, unless the check is 10', () => {
    fc.assert(
      fc.property(digits(9), (stem) => {
        const valid = '0123456789'.split('').filter((d) => isValidNhsNumber(`${stem}${d}`));
        return valid.length === (nhsCheckDigit(stem) === null ? 0 : 1);
      }),
    );
  });
});

/** Independent restatement of the NHS rule, for cross-checking. */
function nhsCheckDigitReference(stem: string): number | null {
  const sum = stem.split('').reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const r = (11 - (sum % 11)) % 11;
  return r === 10 ? null : r;
}

describe('UPN (DfE UPN guidance, check letter mod 23)', () => {
  const VALID = 'B801200005001';

  it('accepts the known-valid B801200005001 (93 mod 23 = 1 → B)', () => {
    expect(upnCheckLetter('801200005001')).toBe('B');
    expect(isValidUpn(VALID)).toBe(true);
  });

  it.each([...Array(12).keys()].map((i) => i + 1))('rejects every single-digit change at position %i', (i) => {
    for (const variant of digitVariants(VALID, i)) expect(isValidUpn(variant)).toBe(false);
  });

  it('rejects every other check letter', () => {
    for (const letter of UPN_LETTERS.replace('B', '')) expect(isValidUpn(`${letter}801200005001`)).toBe(false);
  });

  it('rejects wrong length, lowercase, spaces and letters outside the UPN alphabet', () => {
    for (const bad of ['B80120000500', 'B8012000050011', '', 'b801200005001', 'B 801200005001', ' B801200005001', 'I801200005001', 'O801200005001', 'S801200005001', '1801200005001', 'B80120000500I', 'B8012000050a1'])
      expect(isValidUpn(bad)).toBe(false);
  });

  it('accepts temporary UPNs with a letter in position 13, valued by the same alphabet', () => {
    // 80120000500A: the A is worth 0, so the sum is 93 − 1·13 = 80; 80 mod 23 = 11 → M.
    expect(upnCheckLetter('80120000500A')).toBe('M');
    expect(isValidUpn('M80120000500A')).toBe(true);
    // B = 1 scores the same as digit 1, so the check letter matches the permanent B801200005001.
    expect(upnCheckLetter('80120000500B')).toBe('B');
    // Z = 22: 80 + 22·13 = 366; 366 mod 23 = 21 → Y.
    expect(upnCheckLetter('80120000500Z')).toBe('Y');
    expect(isValidUpn('Y80120000500Z')).toBe(true);
    expect(isValidUpn('M80120000500a')).toBe(false);
    expect(isValidUpn('M80120000500I')).toBe(false);
  });

  it('refuses to compute a check letter for a malformed body', () => {
    for (const bad of ['80120000500', '8012000050011', '8012000050I1', '80120000500O', '80120000500a']) expect(() => upnCheckLetter(bad)).toThrow(RangeError);
  });

  it('property: check letter + 12 characters is valid, and any single-digit change fails', () => {
    const body = fc.tuple(digits(11), fc.constantFrom(...'0123456789', ...UPN_LETTERS)).map(([d, last]) => `${d}${last}`);
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }), (last12, pos, delta) => {
        const upn = `${upnCheckLetter(last12)}${last12}`;
        const changed = `${upn.slice(0, pos)}${(Number(upn[pos]) + delta) % 10}${upn.slice(pos + 1)}`;
        return isValidUpn(upn) && !isValidUpn(changed);
      }),
      { numRuns: 2000 },
    );
  });

  it('builds UPNs from the LA numbers as the seeds do', () => {
    for (const la of Object.values(DFE_LA_NUMBERS)) {
      const last12 = `${la}1234${'15'}007`;
      expect(isValidUpn(`${upnCheckLetter(last12)}${last12}`)).toBe(true);
    }
  });
});

describe('normalisePostcode (BS 7666 shapes)', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['w1a0ax', 'W1A 0AX'], // A9A
    ['m11ae', 'M1 1AE'], // A9
    ['Ec1A1bB', 'EC1A 1BB'], // AA9A, mixed case
    ['ZZ1 1AB', 'ZZ1 1AB'], // the seeds' synthetic area still has a valid shape
  ])('accepts %s as %s', (input, expected) => expect(normalisePostcode(input)).toBe(expected));

  it.each([
    '',
    ' ',
    'SW1A',
    '1AA',
    '12345',
    'SW1A 1A',
    'SW1A 1AAA',
    'SW1A  1AA', // two spaces
    ' SW1A 1AA', // surrounding whitespace is the caller's to trim
    'SW1A 1AA ',
    'SW1A-1AA',
    'SW1A\t1AA',
    'Q 1AA',
    '1W1A 1AA', // outward must start with a letter
    'SWA1 1AA', // AAA9 is not a shape
    'SW123 1AA', // too long outward
    'SW1AA 1AA',
    'SW1A AAA', // inward must start with a digit
    'SW1A 11A',
    'GIR 0AA', // special code outside the six shapes
    'NOT A POSTCODE',
    'ſW1A 1AA', // long s upper-cases to S: non-ASCII must not sneak through
  ])('refuses %j', (input) => expect(normalisePostcode(input)).toBeNull());

  it('property: normalising is idempotent and always yields "outward inward"', () => {
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    const digit = fc.constantFrom(...'0123456789');
    const outward = fc.oneof(
      fc.tuple(letter, digit),
      fc.tuple(letter, digit, digit),
      fc.tuple(letter, letter, digit),
      fc.tuple(letter, letter, digit, digit),
      fc.tuple(letter, digit, letter),
      fc.tuple(letter, letter, digit, letter),
    );
    fc.assert(
      fc.property(outward, digit, letter, letter, fc.boolean(), (out, d, l1, l2, space) => {
        const raw = `${out.join('')}${space ? ' ' : ''}${d}${l1}${l2}`;
        const once = normalisePostcode(raw);
        return once !== null && once === once.toUpperCase() && /^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/.test(once) && normalisePostcode(once) === once;
      }),
    );
  });
});

describe('isValidAreaCode (ONS GSS codes with education responsibility)', () => {
  it('accepts E06, E08, E09 and E10 followed by six digits', () => {
    for (const ok of ['E09000033', 'E09000007', 'E06000023', 'E08000025', 'E08000035', 'E10000016']) expect(isValidAreaCode(ok)).toBe(true);
  });

  it('rejects districts, other nations, wrong lengths and lowercase', () => {
    for (const bad of ['E07000001', 'E05000001', 'E92000001', 'W06000001', 'S12000033', 'N09000001', 'E0900003', 'E090000333', 'e09000033', ' E09000033', 'E09 000033', ''])
      expect(isValidAreaCode(bad)).toBe(false);
  });

  it('maps the demo authorities to DfE LA numbers and names', () => {
    expect(DFE_LA_NUMBERS).toMatchObject({ E09000033: '213', E09000007: '202', E06000023: '801', E08000025: '330', E08000035: '383', E10000016: '886' });
    expect(AREA_NAMES).toMatchObject({ E09000033: 'Westminster', E09000007: 'Camden', E06000023: 'Bristol', E08000025: 'Birmingham', E08000035: 'Leeds', E10000016: 'Kent' });
    expect(Object.keys(AREA_NAMES).sort()).toEqual(Object.keys(DFE_LA_NUMBERS).sort());
    for (const [code, la] of Object.entries(DFE_LA_NUMBERS)) {
      expect(isValidAreaCode(code)).toBe(true);
      expect(la).toMatch(/^[0-9]{3}$/);
    }
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2023-12-31', '2023-01-01', '0050-06-15', '1999-04-30']) expect(isIsoDate(ok)).toBe(true);
  });

  it('rejects impossible dates and other formats', () => {
    for (const bad of ['2023-02-29', '1900-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-01', '24-01-01', '2024/01/01', '20240101', '2024-01-01T00:00:00Z', ' 2024-01-01', '2024-01-01 ', '', '+02024-01-01'])
      expect(isIsoDate(bad)).toBe(false);
  });

  it('property: agrees with UTC Date round-tripping for years 1000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const roundTrip = new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === s;
        return isIsoDate(s) === roundTrip;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ageOn', () => {
  it('counts whole years, going up on the birthday', () => {
    expect(ageOn('2010-03-10', '2026-03-09')).toBe(15);
    expect(ageOn('2010-03-10', '2026-03-10')).toBe(16);
    expect(ageOn('2010-03-10', '2010-03-10')).toBe(0);
    expect(ageOn('2010-12-31', '2011-01-01')).toBe(0);
    expect(ageOn('2010-01-01', '2010-12-31')).toBe(0);
    expect(ageOn('2001-06-15', '2026-06-14')).toBe(24); // the day before the 25th birthday
    expect(ageOn('2001-06-15', '2026-06-15')).toBe(25);
  });

  it('handles 29 February birthdays: 1 March in common years, 29 February in leap years', () => {
    expect(ageOn('2012-02-29', '2030-02-28')).toBe(17);
    expect(ageOn('2012-02-29', '2030-03-01')).toBe(18);
    expect(ageOn('2012-02-29', '2032-02-28')).toBe(19);
    expect(ageOn('2012-02-29', '2032-02-29')).toBe(20);
    expect(ageOn('2012-02-29', '2013-02-28')).toBe(0);
    expect(ageOn('2012-02-29', '2013-03-01')).toBe(1);
  });

  it('gives a 28 February baby its birthday on 28 February even in leap years', () => {
    expect(ageOn('2011-02-28', '2012-02-28')).toBe(1);
    expect(ageOn('2011-02-28', '2012-02-27')).toBe(0);
  });

  it('is negative before birth', () => expect(ageOn('2020-05-01', '2020-04-30')).toBe(-1));

  it('throws RangeError on anything that is not a real ISO date', () => {
    expect(() => ageOn('2023-02-29', '2024-01-01')).toThrow(RangeError);
    expect(() => ageOn('2010-03-10', '2024/01/01')).toThrow(RangeError);
    expect(() => ageOn('', '2024-01-01')).toThrow(RangeError);
  });

  it('does not depend on the process timezone', () => {
    const original = process.env.TZ;
    try {
      const results = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London'].map((tz) => {
        process.env.TZ = tz;
        return [ageOn('2012-02-29', '2030-03-01'), ageOn('2010-03-10', '2026-03-09'), ageOn('2010-03-10', '2026-03-10')];
      });
      for (const r of results) expect(r).toEqual([18, 15, 16]);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('property: n years after birth (same month/day) the age is n, and n−1 the day before', () => {
    const dateArb = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (birth, n) => {
        const dob = birth.toISOString().slice(0, 10);
        const anniversary = new Date(Date.UTC(birth.getUTCFullYear() + n, birth.getUTCMonth(), birth.getUTCDate()));
        // Date.UTC rolls 29 Feb of a common year onto 1 March, which is exactly our rule.
        const on = anniversary.toISOString().slice(0, 10);
        const dayBefore = new Date(anniversary.getTime() - 86_400_000).toISOString().slice(0, 10);
        return ageOn(dob, on) === n && ageOn(dob, dayBefore) === n - 1;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('establishment and learner identifiers (SEN2 URN, UKPRN, UniqueLearnerNumber)', () => {
  it.each([
    ['100000', true],
    ['999999', true],
    ['012345', false], // GIAS URNs start at 100000
    ['10000', false],
    ['1000000', false],
    ['10000a', false],
    [' 100000', false],
  ])('URN %j → %s', (urn, valid) => {
    expect(isValidUrn(urn)).toBe(valid);
  });

  it.each([
    ['10000001', true],
    ['19999999', true],
    ['20000000', false], // UKRLP numbers start with 1
    ['1000000', false],
    ['100000001', false],
    ['1000000x', false],
  ])('UKPRN %j → %s', (ukprn, valid) => {
    expect(isValidUkprn(ukprn)).toBe(valid);
  });

  it('ULN: ten digits', () => {
    expect(isValidUln('1234567890')).toBe(true);
    expect(isValidUln('123456789')).toBe(false);
    expect(isValidUln('12345678901')).toBe(false);
  });
});

describe('normaliseNhsNumber: as people write it', () => {
  it('removes the spaces of the 3-3-4 display form and hyphens, keeping the check digit rule', () => {
    expect(normaliseNhsNumber('944 930 5552')).toBe('9449305552');
    expect(normaliseNhsNumber(' 944-930-5552 ')).toBe('9449305552');
    expect(normaliseNhsNumber('9449305552')).toBe('9449305552');
  });

  it('refuses a wrong check digit, letters and the wrong length', () => {
    expect(normaliseNhsNumber('944 930 5553')).toBeNull();
    expect(normaliseNhsNumber('944 930 555A')).toBeNull();
    expect(normaliseNhsNumber('944 930 555')).toBeNull();
    expect(normaliseNhsNumber('')).toBeNull();
  });
});
