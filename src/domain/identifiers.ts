/**
 * Identifier checks used at every entry point: a bad identifier is BAD_USER_INPUT and nothing is written.
 *
 * Every function here is pure (no I/O, no clock, no locale, no timezone) so the same input always gives
 * the same answer on every server. Sources:
 *  - NHS number: NHS Data Dictionary, "NHS Number" (modulus 11 check digit).
 *  - UPN: DfE "Unique Pupil Numbers (UPNs): guidance for local authorities and schools", Annex on
 *    the check letter algorithm (modulus 23, 23-letter alphabet without I, O and S).
 *  - Postcodes: BS 7666 outward/inward code shapes (as used in the Cabinet Office Government Data
 *    Standards Catalogue postcode format).
 *  - Area codes: ONS GSS coding system (E06 unitary, E08 metropolitan district, E09 London borough,
 *    E10 county) and DfE LA numbers (Get Information about Schools / "LA codes").
 *  - Dates: ISO 8601 calendar date, extended format YYYY-MM-DD, proleptic Gregorian calendar.
 */

// ---------------------------------------------------------------------------------------------------
// NHS number
// ---------------------------------------------------------------------------------------------------

/**
 * Computes the NHS number check digit for the first nine digits.
 *
 * NHS Data Dictionary, "NHS Number": multiply digits 1–9 by weights 10, 9, …, 2; sum; take the
 * remainder mod 11; the check digit is 11 − remainder. A result of 11 becomes 0; a result of 10 means
 * no NHS number is ever issued with this stem, so there is no check digit.
 *
 * @param first9 - exactly nine ASCII digits
 * @returns the check digit 0–9, or `null` when the stem cannot form a valid NHS number (check would be
 *   10) or `first9` is not nine digits
 * @example nhsCheckDigit('944930555') // 2
 */
export function nhsCheckDigit(first9: string): number | null {
  if (!/^[0-9]{9}$/.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i); // weights 10..2
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null; // NHS Data Dictionary: "the NHS number is invalid"
  return check;
}

/**
 * True when `s` is a valid NHS number: exactly 10 ASCII digits (no spaces, dashes or other characters)
 * whose tenth digit equals the modulus 11 check digit of the first nine (NHS Data Dictionary).
 *
 * Display formats such as `944 930 5552` are rejected; callers must strip formatting deliberately.
 *
 * @example isValidNhsNumber('9449305552') // true
 */
export function isValidNhsNumber(s: string): boolean {
  if (!/^[0-9]{10}$/.test(s)) return false;
  const check = nhsCheckDigit(s.slice(0, 9));
  return check !== null && check === Number(s[9]);
}

/**
 * An NHS number as people write it (`944 930 5552`, `944-930-5552`, with stray spaces) in its stored form:
 * ten digits with the modulus 11 check digit right, or null when it is not an NHS number. Only spaces and
 * hyphens between digit groups are removed; letters or other characters make it invalid.
 *
 * @example normaliseNhsNumber('944 930 5552') // '9449305552'
 * @example normaliseNhsNumber('944 930 5553') // null (wrong check digit)
 */
export function normaliseNhsNumber(s: string): string | null {
  const compact = s.trim().replace(/[\s-]+/g, '');
  return isValidNhsNumber(compact) ? compact : null;
}

// ---------------------------------------------------------------------------------------------------
// Unique Pupil Number (UPN)
// ---------------------------------------------------------------------------------------------------

/**
 * The 23 UPN letters of the DfE guidance, in value order: A=0, B=1, … H=7, J=8, … N=12, P=13, Q=14,
 * R=15, T=16, … Z=22. I, O and S are never used (too easily confused with 1, 0 and 5).
 */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The 12 characters after the check letter: 11 digits, then a digit (permanent) or a UPN letter (temporary). */
const UPN_BODY = /^[0-9]{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/;

/**
 * Computes the UPN check letter (character 1) for characters 2–13.
 *
 * DfE UPN guidance, check letter algorithm: multiply the value of each of characters 2..13 by its
 * position in the UPN (weights 2..13), sum, take the remainder mod 23, and map 0..22 onto
 * `ABCDEFGHJKLMNPQRTUVWXYZ`. A digit's value is the digit; a letter in position 13 (temporary UPN) has
 * its index in that same alphabet as value (A=0, B=1, …, Z=22).
 *
 * Worked example (the guidance's reading, verified by the tests): for `801200005001`,
 * 8·2 + 0·3 + 1·4 + 2·5 + 0·6 + 0·7 + 0·8 + 0·9 + 5·10 + 0·11 + 0·12 + 1·13 = 93; 93 mod 23 = 1 → `B`,
 * giving `B801200005001`.
 *
 * Because 23 is prime and every weight is 2..13, changing any single character changes the sum by a
 * non-multiple of 23, so every single-character error is detected.
 *
 * @param last12 - 3-digit LA number, 4-digit establishment number, 2-digit year, 3-character serial
 *   (the last of which may be a UPN letter for a temporary UPN)
 * @throws RangeError when `last12` is not in that shape (seeds must never produce one)
 */
export function upnCheckLetter(last12: string): string {
  if (!UPN_BODY.test(last12)) throw new RangeError(`not the 12 characters after a UPN check letter: ${JSON.stringify(last12)}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const char = last12[i]!;
    const value = i === 11 && !/[0-9]/.test(char) ? UPN_LETTERS.indexOf(char) : Number(char);
    sum += value * (i + 2); // character i+2 of the UPN, weight = its position
  }
  return UPN_LETTERS[sum % 23]!;
}

/**
 * True when `s` is a valid DfE Unique Pupil Number: 13 characters — check letter, 3-digit LA number,
 * 4-digit establishment number, 2-digit year of allocation, 3-digit serial — whose first character
 * equals {@link upnCheckLetter} of the rest. A temporary UPN has a UPN letter in position 13 instead of
 * its last digit.
 *
 * Uppercase only: callers that accept user input should upper-case first. Spaces are rejected.
 *
 * @example isValidUpn('B801200005001') // true
 */
export function isValidUpn(s: string): boolean {
  if (s.length !== 13) return false;
  const body = s.slice(1);
  if (!UPN_BODY.test(body) || !UPN_LETTERS.includes(s[0]!)) return false;
  return upnCheckLetter(body) === s[0];
}

// ---------------------------------------------------------------------------------------------------
// Postcodes
// ---------------------------------------------------------------------------------------------------

/**
 * BS 7666 postcode shapes. Outward code: A9, A99, AA9, AA99, A9A, AA9A; inward code: 9AA. Letters
 * only in the letter positions, digits only in the digit positions.
 *
 * Deliberately a shape check: the further positional letter rules (no Q/V/X first, no I/J/Z second,
 * no C/I/K/M/O/V in the inward code, …) are not applied, so synthetic test areas such as `ZZ1` still
 * normalise. Special non-geographic codes that do not fit these shapes (GIR 0AA, BFPO numbers,
 * overseas-territory codes) are rejected.
 */
// Outward: 1–2 letters, a digit, then optionally a digit (A99, AA99) or a letter (A9A, AA9A).
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/**
 * Normalises a UK postcode to BS 7666 display form: uppercase, outward code, one space, inward code.
 *
 * Accepts the shapes A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA and AA9A 9AA in any letter case, with
 * either no space or exactly one space between outward and inward code. Anything else — leading or
 * trailing whitespace, two spaces, other separators — returns `null` (callers trim user input first).
 *
 * @returns the normalised postcode, e.g. `'sw1a1aa'` → `'SW1A 1AA'`, or `null` when not a postcode shape
 */
export function normalisePostcode(s: string): string | null {
  // toUpperCase on non-ASCII could map e.g. 'ß' to 'SS'; the regex only admits ASCII, so check first.
  if (!/^[A-Za-z0-9 ]+$/.test(s)) return null;
  const match = POSTCODE.exec(s.toUpperCase());
  return match ? `${match[1]} ${match[2]}` : null;
}

// ---------------------------------------------------------------------------------------------------
// Local authority area codes
// ---------------------------------------------------------------------------------------------------

/**
 * True for the ONS (GSS) code of an English local authority with education (and so SEND, Children
 * and Families Act 2014 Part 3) responsibility: entity `E06` unitary authority, `E08` metropolitan
 * district, `E09` London borough (and the City of London) or `E10` county council, followed by six
 * digits. Non-metropolitan districts (`E07`) have no education duties and are rejected.
 *
 * @example isValidAreaCode('E09000033') // true (Westminster)
 */
export function isValidAreaCode(s: string): boolean {
  return /^E(?:06|08|09|10)[0-9]{6}$/.test(s);
}

/**
 * ONS area code → DfE 3-digit local authority number (the "LA code" of Get Information about Schools,
 * which is also characters 2–4 of a UPN allocated in that authority). A small fixed subset for the
 * demo areas and seeds; it is not a complete register.
 */
export const DFE_LA_NUMBERS: Record<string, string> = Object.freeze({
  E09000033: '213', // Westminster
  E09000007: '202', // Camden
  E06000023: '801', // Bristol, City of
  E08000025: '330', // Birmingham
  E08000035: '383', // Leeds
  E10000016: '886', // Kent
});

/** ONS area code → local authority name, for the same authorities as {@link DFE_LA_NUMBERS}. */
export const AREA_NAMES: Record<string, string> = Object.freeze({
  E09000033: 'Westminster',
  E09000007: 'Camden',
  E06000023: 'Bristol',
  E08000025: 'Birmingham',
  E08000035: 'Leeds',
  E10000016: 'Kent',
});

// ---------------------------------------------------------------------------------------------------
// Establishment and learner identifiers (SEN2 PlanDetail / PlacementDetail, Person)
// ---------------------------------------------------------------------------------------------------

/**
 * True for a Unique Reference Number of Get Information about Schools (GIAS): six digits, as the SEN2
 * schema's `URN` item (`\d{6}`). GIAS allocates URNs from 100000 up, so a leading zero is refused.
 *
 * @example isValidUrn('100000') // true
 */
export function isValidUrn(s: string): boolean {
  return /^[1-9][0-9]{5}$/.test(s);
}

/**
 * True for a UK Provider Reference Number of the UK Register of Learning Providers: eight digits, as the
 * SEN2 schema's `UKPRN` item (`\d{8}`); the register allocates them from 10000000, so the first digit is 1.
 *
 * @example isValidUkprn('10000001') // true
 */
export function isValidUkprn(s: string): boolean {
  return /^1[0-9]{7}$/.test(s);
}

/**
 * True for a Unique Learner Number in the shape the SEN2 schema accepts (`UniqueLearnerNumber`, ten
 * digits). The Learning Records Service's check digit is not applied: its published algorithm could not
 * be checked here, and a wrong check would refuse real learners.
 */
export function isValidUln(s: string): boolean {
  return /^[0-9]{10}$/.test(s);
}

// ---------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------

/** Gregorian leap year rule: divisible by 4, except centuries, except centuries divisible by 400. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Splits a strict ISO 8601 calendar date into numbers, or `null` when it is not a real date. */
function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth ? { year, month, day } : null;
}

/**
 * True when `s` is a strict ISO 8601 extended calendar date `YYYY-MM-DD` (four-digit year, two-digit
 * month and day, nothing else — no time, no offset, no whitespace) naming a real day of the Gregorian
 * calendar, e.g. `2024-02-29` but not `2023-02-29` or `2024-04-31`.
 *
 * Computed arithmetically, so no timezone or `Date` two-digit-year quirks can affect it.
 */
export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

/**
 * Age in completed whole years on the date `on` for someone born on `dateOfBirth` (both ISO
 * `YYYY-MM-DD`, treated as UTC calendar days, so the result never depends on the server's timezone).
 *
 * The age goes up on the anniversary of the date of birth (Family Law Reform Act 1969 s.9: a person
 * attains an age at the commencement of the relevant anniversary). For a 29 February birthday in a
 * common year the anniversary is taken as 1 March (as stated expressly in the Age of Legal Capacity
 * (Scotland) Act 1991 s.6(2)): the age never goes up before the child has lived the full year.
 *
 * Returns a negative number when `on` is before `dateOfBirth`; callers reject future births first.
 *
 * @throws RangeError when either argument is not a real ISO calendar date (validate with {@link isIsoDate})
 * @example ageOn('2012-02-29', '2030-02-28') // 17
 * @example ageOn('2012-02-29', '2030-03-01') // 18
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const birth = parseIsoDate(dateOfBirth);
  const day = parseIsoDate(on);
  if (!birth) throw new RangeError(`dateOfBirth is not an ISO calendar date: ${JSON.stringify(dateOfBirth)}`);
  if (!day) throw new RangeError(`on is not an ISO calendar date: ${JSON.stringify(on)}`);
  // Whole-year arithmetic on UTC calendar components: years apart, minus one if the anniversary
  // (month, day) has not yet been reached in the year of `on`. Comparing (month, day) pairs means a
  // 29 February birthday is reached only on 1 March in a common year, and on 29 February in a leap year.
  const age = day.year - birth.year;
  const reached = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return reached ? age : age - 1;
}

/** A canonical UUID: ids from outside are checked before they reach a uuid column. */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * An organisation code: an ODS code for NHS bodies (e.g. RQM), a DfE or council code otherwise; 2 to
 * 20 upper-case letters, digits or hyphens.
 */
export const isOrgCode = (value: string): boolean => /^[A-Z0-9][A-Z0-9-]{1,19}$/.test(value);

/** A token subject as identity providers issue them (NHS login, council portals, staff directories). */
export const isSubject = (value: string): boolean => /^[\w.@:|-]{1,200}$/.test(value);

/**
 * A locality code of an area's register: an ONS (GSS) code of a lower or middle layer super output
 * area (E01, E02) or an electoral ward (E05), e.g. E05013806.
 */
export const isLocalityCode = (value: string): boolean => /^E0[125][0-9]{6}$/.test(value);
