/**
 * Who gives consent for a child: the parent until the end of compulsory school age, the young person
 * after (CFA 2014 s.80, s.83(2)). Compulsory school age ends on the last Friday of June in the school
 * year (1 September to 31 August) in which the child turns 16 (Education Act 1996 s.8; SI 1998/1607).
 */
import type { FamilyRelationship } from '../src/domain/vocabulary.js';

/** The last Friday of June of the school year in which the child turns 16. */
export function endOfCompulsorySchoolAge(dateOfBirth: string): string {
  const [year, month] = dateOfBirth.split('-').map(Number) as [number, number];
  const sixteenth = year + 16;
  // A birthday from September onwards falls in the school year that ends the following summer.
  const summer = month >= 9 ? sixteenth + 1 : sixteenth;
  const lastOfJune = new Date(Date.UTC(summer, 5, 30));
  const back = (lastOfJune.getUTCDay() - 5 + 7) % 7;
  lastOfJune.setUTCDate(30 - back);
  return lastOfJune.toISOString().slice(0, 10);
}

/** PARENT up to and including the last Friday of June; YOUNG_PERSON from the day after. */
export function consentHolderOn(dateOfBirth: string, on: string): FamilyRelationship {
  return on <= endOfCompulsorySchoolAge(dateOfBirth) ? 'PARENT' : 'YOUNG_PERSON';
}
