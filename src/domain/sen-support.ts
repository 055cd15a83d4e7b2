/**
 * SEN support: the school-based category for pupils with special educational needs and no EHC plan
 * (SEND Code of Practice 2015, 6.44–6.72: "assess, plan, do, review"). Pure rules over ISO dates.
 *
 * - Code 6.48, 6.59: the school sets out the interventions, the expected outcomes and a date for review;
 *   6.65: progress is reviewed and the parents met at least three times a year, that is termly.
 * - CFA 2014 s.68(2): a school must inform the parents when it makes special educational provision for a
 *   pupil with no EHC plan (Code 6.43).
 */
import { addMonths, addWeeks, assertIsoDate } from './statutory-clock.js';
import { NEED_TYPES } from './vocabulary.js';

/**
 * The need types of SEN support: the SEN2 and school census primary needs, and NSA ("SEN support but no
 * specialist assessment of type of need"), which the census allows only for pupils on SEN support.
 */
export const SEN_SUPPORT_NEED_TYPES = [...NEED_TYPES, 'NSA'] as const;
export type SenSupportNeedType = (typeof SEN_SUPPORT_NEED_TYPES)[number];

/** The level of need a child is counted at in commissioning tables: an EHC plan or SEN support (Code 1.24). */
export const SUPPORT_LEVELS = ['EHC_PLAN', 'SEN_SUPPORT'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

/** Code 6.65: reviewed at least termly; four months stands in for "one term" when no term dates are set. */
export const DEFAULT_REVIEW_MONTHS = 4;
/**
 * A review in the last weeks of a term is the review of the term that follows: without this, a review held
 * on the last Friday of term would fall due again the same day. Four weeks is about half a half-term.
 */
export const LATE_IN_TERM_WEEKS = 4;

export interface Term {
  startsOn: string;
  endsOn: string;
}

/**
 * When the next review falls due after the start of support or the last review (`from`): at most one
 * term later. By default the same date four months later; with the area's term dates, the end of the
 * current term if that is sooner. The current term is the term that contains `from`, or the next one
 * when `from` falls in a holiday or within {@link LATE_IN_TERM_WEEKS} weeks of its term's end.
 */
export function senSupportReviewDue(from: string, terms: readonly Term[] = []): string {
  assertIsoDate(from);
  const byDefault = addMonths(from, DEFAULT_REVIEW_MONTHS);
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const current = sorted.find((t) => t.endsOn >= from && addWeeks(from, LATE_IN_TERM_WEEKS) <= t.endsOn);
  if (!current) return byDefault;
  return current.endsOn < byDefault ? current.endsOn : byDefault;
}

/** Overdue from the day after the due date. */
export const isReviewOverdue = (due: string, today: string): boolean => today > due;

/** Terms for an area: each a real range, in order, none overlapping. Returns a problem in words, or null. */
export function checkTerms(terms: readonly Term[]): string | null {
  const sorted = [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  for (const [i, t] of sorted.entries()) {
    try {
      assertIsoDate(t.startsOn);
      assertIsoDate(t.endsOn);
    } catch {
      return `term ${i + 1}: dates must be calendar dates written YYYY-MM-DD`;
    }
    if (t.endsOn < t.startsOn) return `the term starting ${t.startsOn} ends before it starts`;
    const previous = sorted[i - 1];
    if (previous && previous.endsOn >= t.startsOn) return `the terms starting ${previous.startsOn} and ${t.startsOn} overlap`;
  }
  return null;
}
