/** Validates a registration before anything is written; each problem names its field. */
import {
  ageOn,
  isValidAreaCode,
  normaliseNhsNumber,
  isValidUpn,
  normalisePostcode,
} from '../../src/domain/identifiers.js';
import { badInput } from '../../src/platform/errors.js';
import type { EthnicityCode, SexCode } from '../../src/domain/sen2/codes.js';
import type { RegisterChildInput } from './child.types.js';

export const MAX_NAME_LENGTH = 100;
/** CFA 2014 s.83(2) and s.46: EHC plans run from birth to the young person's 25th birthday. */
export const MAX_AGE_YEARS = 25;

export interface ValidRegistration {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  areaCode: string;
  nhsNumber: string | null;
  upn: string | null;
  postcode: string | null;
  locality: string | null;
  sex: SexCode | null;
  ethnicity: EthnicityCode | null;
}

function requiredName(field: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(field, 'must not be empty');
  if (trimmed.length > MAX_NAME_LENGTH) throw badInput(field, `must be at most ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function validateRegistration(input: RegisterChildInput, today: string): ValidRegistration {
  const givenName = requiredName('givenName', input.givenName);
  const familyName = requiredName('familyName', input.familyName);
  if (input.dateOfBirth > today) throw badInput('dateOfBirth', 'is in the future');
  if (ageOn(input.dateOfBirth, today) >= MAX_AGE_YEARS) {
    throw badInput('dateOfBirth', `is more than ${MAX_AGE_YEARS} years ago: EHC plans cover ages 0 to 25`);
  }
  if (!isValidAreaCode(input.areaCode)) {
    throw badInput('areaCode', 'must be the ONS code of an English local authority (E06, E08, E09 or E10 and six digits)');
  }
  const rawNhsNumber = optional(input.nhsNumber);
  // Written with spaces as people do (944 930 5552), stored as the ten digits.
  const nhsNumber = rawNhsNumber ? normaliseNhsNumber(rawNhsNumber) : null;
  if (rawNhsNumber && !nhsNumber) throw badInput('nhsNumber', 'is not a valid NHS number (10 digits, modulus 11 check; spaces allowed)');
  const upn = optional(input.upn)?.toUpperCase() ?? null;
  if (upn && !isValidUpn(upn)) throw badInput('upn', 'is not a valid UPN (13 characters with a correct check letter)');
  const rawPostcode = optional(input.postcode);
  const postcode = rawPostcode ? normalisePostcode(rawPostcode) : null;
  if (rawPostcode && !postcode) throw badInput('postcode', 'is not a UK postcode');
  const locality = optional(input.locality);
  if (locality && locality.length > MAX_NAME_LENGTH) throw badInput('locality', `must be at most ${MAX_NAME_LENGTH} characters`);
  // Sex and ethnicity arrive as GraphQL enums (the DfE code sets), so any value given is one of them.
  return { givenName, familyName, dateOfBirth: input.dateOfBirth, areaCode: input.areaCode, nhsNumber, upn, postcode, locality, sex: input.sex ?? null, ethnicity: input.ethnicity ?? null };
}
