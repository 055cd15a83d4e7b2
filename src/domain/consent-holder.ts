/**
 * Who gives consent for a child: the parent until the end of compulsory school age, the young person
 * after (CFA 2014 s.83(2): a "young person" is over compulsory school age; SEND Code of Practice ch. 8).
 * Compulsory school age ends on the last Friday of June in the school year (1 September to 31 August) in
 * which the child turns 16 (Education Act 1996 s.8(3)–(4); Education (School Leaving Date) Order 1997).
 *
 * All arithmetic is on UTC calendar dates: a date of birth is a calendar date, not an instant, and the
 * answer must not change with the server's time zone.
 */
import type { FamilyRelationship } from './vocabulary.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2010-02-30 (fail loudly, not silently). */
function parseIsoDate(value: string): { year: number; month: number } {
  const match = ISO_DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return { year, month };
    }
  }
  throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/**
 * The last day of compulsory school age (inclusive), as `YYYY-MM-DD`: the last Friday of June of the
 * school year in which the child turns 16. A child born 1 September–31 December turns 16 in the school
 * year ending the following summer; one born 1 January–31 August turns 16 in the school year ending that
 * summer (a child turning 16 in July or August leaves on that June date, before the birthday: s.8(3)(a)).
 */
export function endOfCompulsorySchoolAge(dateOfBirth: string): string {
  const { year, month } = parseIsoDate(dateOfBirth);
  const sixteenth = year + 16;
  const summer = month >= 9 ? sixteenth + 1 : sixteenth;
  const lastOfJune = new Date(Date.UTC(summer, 5, 30));
  const daysBackToFriday = (lastOfJune.getUTCDay() - 5 + 7) % 7; // getUTCDay: 5 = Friday
  lastOfJune.setUTCDate(30 - daysBackToFriday);
  return lastOfJune.toISOString().slice(0, 10);
}

/** PARENT up to and including the last Friday of June; YOUNG_PERSON from the next day. `on` is `YYYY-MM-DD`. */
export function consentHolderOn(dateOfBirth: string, on: string): FamilyRelationship {
  parseIsoDate(on);
  // ISO dates with four-digit years compare correctly as strings.
  return on <= endOfCompulsorySchoolAge(dateOfBirth) ? 'PARENT' : 'YOUNG_PERSON';
}
