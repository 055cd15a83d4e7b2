import { describe, expect, it } from 'vitest';
import { checkTerms, isReviewOverdue, senSupportReviewDue } from './sen-support.js';

// An area's 2026/27 terms (the kind a council publishes).
const TERMS = [
  { startsOn: '2026-09-02', endsOn: '2026-12-18' },
  { startsOn: '2027-01-05', endsOn: '2027-03-26' },
  { startsOn: '2027-04-12', endsOn: '2027-07-21' },
];

describe('SEN support review (Code of Practice 6.65: at least termly)', () => {
  it('falls due four months after the start or the last review when no term dates are set', () => {
    expect(senSupportReviewDue('2026-09-07')).toBe('2027-01-07');
    // Month ends: 31 October plus four months is the last day of February.
    expect(senSupportReviewDue('2026-10-31')).toBe('2027-02-28');
  });

  it('falls due at the end of the current term when that is sooner', () => {
    // Started 7 September: the autumn term ends 18 December, before 7 January.
    expect(senSupportReviewDue('2026-09-07', TERMS)).toBe('2026-12-18');
    // Reviewed 11 January: the spring term ends 26 March, before 11 May.
    expect(senSupportReviewDue('2027-01-11', TERMS)).toBe('2027-03-26');
  });

  it('keeps four months when the term ends later', () => {
    // Reviewed 14 April: four months is 14 August; the summer term ends 21 July, which is sooner.
    expect(senSupportReviewDue('2027-04-14', TERMS)).toBe('2027-07-21');
    // A term running past four months does not extend it.
    expect(senSupportReviewDue('2026-01-05', [{ startsOn: '2026-01-05', endsOn: '2026-07-20' }])).toBe('2026-05-05');
  });

  it('treats a review late in a term, or in a holiday, as the review of the next term', () => {
    // Reviewed 10 December, within four weeks of 18 December: the spring term (ends 26 March) applies.
    expect(senSupportReviewDue('2026-12-10', TERMS)).toBe('2027-03-26');
    // Reviewed in the Christmas holiday, 22 December: the spring term applies.
    expect(senSupportReviewDue('2026-12-22', TERMS)).toBe('2027-03-26');
    // After the last configured term the default applies.
    expect(senSupportReviewDue('2027-07-22', TERMS)).toBe('2027-11-22');
  });

  it('is overdue from the day after the due date', () => {
    expect(isReviewOverdue('2026-12-18', '2026-12-18')).toBe(false);
    expect(isReviewOverdue('2026-12-18', '2026-12-19')).toBe(true);
  });
});

describe('term dates', () => {
  it('must be real, ordered and apart', () => {
    expect(checkTerms(TERMS)).toBeNull();
    expect(checkTerms([{ startsOn: '2026-09-02', endsOn: '2026-02-30' }])).toMatch(/calendar dates/);
    expect(checkTerms([{ startsOn: '2026-09-02', endsOn: '2026-09-01' }])).toMatch(/ends before/);
    expect(checkTerms([TERMS[0]!, { startsOn: '2026-12-18', endsOn: '2027-03-26' }])).toMatch(/overlap/);
  });
});
