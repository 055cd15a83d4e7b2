/**
 * Validates a local offer service before anything is written; each problem names its field and is a
 * BAD_USER_INPUT error. The GraphQL upsert and the ORUK feed import share this one rule set.
 */
import { isLocalityCode, isValidAreaCode } from '../../src/domain/identifiers.js';
import { NEED_TYPES, type NeedType } from '../../src/domain/vocabulary.js';
import { badInput } from '../../src/platform/errors.js';
import { OLDEST, YOUNGEST } from './taxonomy.js';

export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_CAPACITY = 100_000;

export interface LocalOfferServiceFields {
  areaCode: string;
  name: string;
  description: string;
  organizationName: string;
  needTypes: readonly string[];
  minimumAge?: number | null;
  maximumAge?: number | null;
  locality?: string | null;
  capacity?: number | null;
}

export interface ValidLocalOfferService {
  areaCode: string;
  name: string;
  description: string;
  organizationName: string;
  /** Distinct, in SEN2 order. */
  needTypes: NeedType[];
  minimumAge: number | null;
  maximumAge: number | null;
  locality: string | null;
  capacity: number | null;
}

function requiredText(field: string, value: string, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) throw badInput(field, 'must not be empty');
  if (trimmed.length > max) throw badInput(field, `must be at most ${max} characters`);
  return trimmed;
}

function age(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  // CFA 2014 s.83(2) and s.46: the SEND system covers birth to the young person's 25th birthday.
  if (!Number.isInteger(value) || value < YOUNGEST || value > OLDEST) throw badInput(field, `must be a whole number of years from ${YOUNGEST} to ${OLDEST}`);
  return value;
}

/** The shape of a locality code; whether the area's register holds it is checked by the caller. */
export function validLocality(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const code = trimmed.toUpperCase();
  if (!isLocalityCode(code)) throw badInput('locality', "must be a locality code of the area's register (an ONS ward E05, MSOA E02 or LSOA E01 code)");
  return code;
}

export function validateLocalOfferService(input: LocalOfferServiceFields): ValidLocalOfferService {
  if (!isValidAreaCode(input.areaCode)) {
    throw badInput('areaCode', 'must be the ONS code of an English local authority (E06, E08, E09 or E10 and six digits)');
  }
  const name = requiredText('name', input.name, MAX_NAME_LENGTH);
  const description = requiredText('description', input.description, MAX_DESCRIPTION_LENGTH);
  const organizationName = requiredText('organizationName', input.organizationName, MAX_NAME_LENGTH);
  if (!Array.isArray(input.needTypes) || input.needTypes.length === 0) throw badInput('needTypes', 'must name at least one SEN2 need type');
  const unknown = input.needTypes.filter((n) => !(NEED_TYPES as readonly string[]).includes(n));
  if (unknown.length > 0) throw badInput('needTypes', `unknown need type ${unknown.join(', ')}; expected one of ${NEED_TYPES.join(', ')}`);
  const needTypes = NEED_TYPES.filter((n) => input.needTypes.includes(n));
  const minimumAge = age('minimumAge', input.minimumAge);
  const maximumAge = age('maximumAge', input.maximumAge);
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) throw badInput('maximumAge', 'must not be below minimumAge');
  const locality = validLocality(input.locality);
  const capacity = input.capacity ?? null;
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY)) {
    throw badInput('capacity', `must be a whole number from 0 to ${MAX_CAPACITY}`);
  }
  return { areaCode: input.areaCode, name, description, organizationName, needTypes, minimumAge, maximumAge, locality, capacity };
}
