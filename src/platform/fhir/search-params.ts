/**
 * The search parameters of `GET /fhir/Consent` and `GET /fhir/AuditEvent` (FHIR R4 RESTful search):
 *
 * - `patient=<NHS number>` (spaces allowed, `Patient/<NHS number>` too) or
 *   `patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number>`; exactly one, always required:
 *   there is no search across children.
 * - `_count` (0 to {@link MAX_COUNT}, default {@link DEFAULT_COUNT}; more is capped, as R4 allows).
 * - `_cursor`: the opaque page token of a `next` link.
 * - AuditEvent only: `date` with prefix `eq` (default), `gt`, `ge`, `lt` or `le`, up to twice, at year,
 *   month, day or time precision (a time needs its offset). Date-only values are UTC days.
 * - `_format` json / application/fhir+json (anything else is 406).
 *
 * Unknown parameters are ignored, as R4 says servers do by default, unless the client sent
 * `Prefer: handling=strict`; then they are a 400. A known parameter with a bad value is always a 400.
 */
import { isIsoDate, isValidNhsNumber } from '../../domain/identifiers.js';
import { NHS_NUMBER_SYSTEM } from './code-systems.js';
import { invalidParameter, notAcceptable, type FhirError } from './operation-outcome.js';

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 100;

export type FhirSearchResourceType = 'Consent' | 'AuditEvent';

export interface FhirSearchQuery {
  resourceType: FhirSearchResourceType;
  /** Ten digits, checked with the NHS modulus 11 rule. */
  nhsNumber: string;
  /** How many entries to return (0 asks only for the total). */
  count: number;
  /** The page token from a `next` link, unchecked beyond its shape: the data layer owns its meaning. */
  cursor: string | null;
  /** AuditEvent: recorded at or after this instant. Always null for Consent. */
  recordedFrom: Date | null;
  /** AuditEvent: recorded strictly before this instant. Always null for Consent. */
  recordedBefore: Date | null;
}

export type FhirSearchParse = { ok: true; query: FhirSearchQuery } | { ok: false; error: FhirError };

const PATIENT_KEYS = new Set(['patient', 'patient:Patient', 'patient:identifier']);
const COMMON_KEYS = new Set(['_count', '_cursor', '_format']);
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);

/** Parses one search. `strict` is true when the client sent `Prefer: handling=strict`. */
export function parseFhirSearch(resourceType: FhirSearchResourceType, params: URLSearchParams, strict = false): FhirSearchParse {
  const fail = (error: FhirError): FhirSearchParse => ({ ok: false, error });
  const keys = [...new Set(params.keys())];

  for (const key of keys) {
    const known = PATIENT_KEYS.has(key) || COMMON_KEYS.has(key) || (resourceType === 'AuditEvent' && key === 'date');
    if (known) continue;
    if (key.startsWith('patient:')) return fail(invalidParameter('patient', 'only the :identifier modifier is supported'));
    if (strict) return fail(invalidParameter(key, `is not a search parameter of ${resourceType} here`));
  }
  for (const key of COMMON_KEYS) {
    if (params.getAll(key).length > 1) return fail(invalidParameter(key, 'give it once'));
  }

  const format = params.get('_format');
  if (format !== null && !JSON_FORMATS.has(format.split(';')[0]!.trim().replace(' ', '+'))) return fail(notAcceptable());

  const patient = parsePatient(params);
  if (typeof patient !== 'string') return fail(patient);

  let count = DEFAULT_COUNT;
  const countText = params.get('_count');
  if (countText !== null) {
    if (!/^[0-9]{1,6}$/.test(countText)) return fail(invalidParameter('_count', 'must be a whole number from 0'));
    count = Math.min(Number(countText), MAX_COUNT);
  }

  const cursor = params.get('_cursor');
  if (cursor !== null && !CURSOR.test(cursor)) return fail(invalidParameter('_cursor', 'is not a page token this server issued'));

  let recordedFrom: Date | null = null;
  let recordedBefore: Date | null = null;
  if (resourceType === 'AuditEvent') {
    const dates = params.getAll('date');
    if (dates.length > 2) return fail(invalidParameter('date', 'give at most a lower and an upper bound'));
    for (const value of dates) {
      const bound = parseDateBound(value);
      if ('status' in bound) return fail(bound);
      if (bound.from && (!recordedFrom || bound.from > recordedFrom)) recordedFrom = bound.from;
      if (bound.before && (!recordedBefore || bound.before < recordedBefore)) recordedBefore = bound.before;
    }
  }

  return { ok: true, query: { resourceType, nhsNumber: patient, count, cursor, recordedFrom, recordedBefore } };
}

/** The one NHS number the search is about, or the 400 saying why not. */
function parsePatient(params: URLSearchParams): string | FhirError {
  const given = [...PATIENT_KEYS].flatMap((key) => params.getAll(key).map((value) => ({ key, value })));
  if (given.length === 0) return invalidParameter('patient', 'is required: give the NHS number');
  if (given.length > 1) return invalidParameter('patient', 'give exactly one patient');
  const { key, value } = given[0]!;
  if (value.includes(',')) return invalidParameter('patient', 'give exactly one patient');

  let number = value;
  if (key === 'patient:identifier') {
    const bar = value.indexOf('|');
    if (bar >= 0) {
      if (value.slice(0, bar) !== NHS_NUMBER_SYSTEM) return invalidParameter('patient:identifier', `the identifier system must be ${NHS_NUMBER_SYSTEM}`);
      number = value.slice(bar + 1);
    }
  } else if (number.startsWith('Patient/')) {
    number = number.slice('Patient/'.length);
  }
  // Spaces only, as NHS numbers are printed (3-3-4); URLSearchParams has already turned '+' into a space.
  number = number.replace(/ /g, '');
  if (!isValidNhsNumber(number)) return invalidParameter(key, 'is not a valid NHS number');
  return number;
}

interface DateBound {
  from: Date | null;
  before: Date | null;
}

const DATE_VALUE =
  /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$/;

/**
 * One `date` value as bounds on an instant. A value stands for a range at its precision (FHIR R4
 * search, "date"): `ge2025-03` is from 1 March, `le2025-03` up to the end of March, `gt2025-03` from
 * 1 April, `lt2025-03` before 1 March, `eq2025-03` within March.
 */
function parseDateBound(raw: string): DateBound | FhirError {
  // A '+' offset arrives as a space when the client did not percent-encode it.
  const value = raw.replace(/ ([0-9]{2}:[0-9]{2})$/, '+$1');
  const m = DATE_VALUE.exec(value);
  const bad = invalidParameter('date', 'must be a date (YYYY, YYYY-MM, YYYY-MM-DD or a time with its offset) with prefix eq, gt, ge, lt or le');
  if (!m) return bad;
  const [, prefix = 'eq', year, month, day, hour, minute, second, fraction, offset] = m;
  if (!['eq', 'gt', 'ge', 'lt', 'le'].includes(prefix)) return invalidParameter('date', `the prefix ${prefix} is not supported`);

  let lo: Date;
  let hi: Date;
  if (day !== undefined) {
    if (!isIsoDate(`${year}-${month}-${day}`)) return bad;
    if (hour !== undefined) {
      if (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 59)) return bad;
      lo = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${offset}`);
      const step = second === undefined ? 60_000 : fraction === undefined ? 1_000 : 1;
      hi = new Date(lo.getTime() + step);
    } else {
      lo = new Date(`${year}-${month}-${day}T00:00:00Z`);
      hi = new Date(lo.getTime() + 86_400_000);
    }
  } else if (month !== undefined) {
    const mm = Number(month);
    if (mm < 1 || mm > 12) return bad;
    lo = new Date(Date.UTC(Number(year), mm - 1, 1));
    hi = new Date(Date.UTC(Number(year), mm, 1));
  } else {
    lo = new Date(Date.UTC(Number(year), 0, 1));
    hi = new Date(Date.UTC(Number(year) + 1, 0, 1));
  }
  if (Number.isNaN(lo.getTime())) return bad;

  switch (prefix) {
    case 'ge':
      return { from: lo, before: null };
    case 'gt':
      return { from: hi, before: null };
    case 'le':
      return { from: null, before: hi };
    case 'lt':
      return { from: null, before: lo };
    default:
      return { from: lo, before: hi };
  }
}

/**
 * The canonical URL of a search: what `link.self` shows (the parameters the server used) and, with
 * another cursor, what `link.next` points at.
 */
export function searchUrl(baseUrl: string, query: FhirSearchQuery, cursor: string | null = query.cursor): string {
  const parts = [`patient=${query.nhsNumber}`];
  if (query.recordedFrom) parts.push(`date=ge${encodeURIComponent(query.recordedFrom.toISOString())}`);
  if (query.recordedBefore) parts.push(`date=lt${encodeURIComponent(query.recordedBefore.toISOString())}`);
  parts.push(`_count=${query.count}`);
  if (cursor) parts.push(`_cursor=${cursor}`);
  return `${baseUrl}/${query.resourceType}?${parts.join('&')}`;
}
