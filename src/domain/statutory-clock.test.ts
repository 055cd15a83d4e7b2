import { afterEach, describe, expect, it } from 'vitest';
import {
  FINAL_PLAN_DAYS,
  addDays,
  addMonths,
  addWeeks,
  computeStatutoryDeadlines,
  consentHolderOn,
  daysBetween,
  endOfCompulsorySchoolAge,
  nextReviewDueOn,
  periodOfMonthsEndsOn,
  reviewAdviceDueOn,
  reviewDecisionDueOn,
  reviewInvitationsDueOn,
  reviewReportDueOn,
} from './statutory-clock.js';

// Expected dates below are worked by hand on a calendar, not produced by the code under test.

describe('date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('is not moved by the UK clock changes (BST 2026-03-29 to 2026-10-25)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  describe('under any process timezone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(['Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati'])('gives the same dates in %s', (tz) => {
      process.env.TZ = tz;
      expect(addWeeks('2026-01-05', 20)).toBe('2026-05-25');
      expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
      expect(endOfCompulsorySchoolAge('2010-03-10')).toBe('2026-06-26');
    });
  });

  it('adds weeks of seven days', () => {
    expect(addWeeks('2026-01-05', 6)).toBe('2026-02-16');
    expect(addWeeks('2026-01-05', 0)).toBe('2026-01-05');
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-05-25', 12)).toBe('2027-05-25');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('rejects dates that are not real ISO dates, and fractional amounts', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-1-5', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-05T10:00:00Z', 1)).toThrow(RangeError);
    expect(() => addDays('', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2026-13-01', 1)).toThrow(RangeError);
  });
});

describe('computeStatutoryDeadlines', () => {
  it('worked example: request received 2026-01-05', () => {
    const d = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05' });
    expect(d.decisionDue).toBe('2026-02-16'); // reg 5(1): 6 weeks
    expect(d.notToIssueDue).toBe('2026-04-27'); // reg 10(1): 16 weeks
    expect(d.finalPlanDue).toBe('2026-05-25'); // reg 13(2): 20 weeks (the spring bank holiday: no roll-over)
  });

  it('counts calendar days: a request on Saturday 2026-01-03 is due on Saturdays', () => {
    const d = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-03' });
    expect(d.decisionDue).toBe('2026-02-14'); // Jan 3 + 28 = Jan 31, + 14 = Feb 14, a Saturday
    expect(d.finalPlanDue).toBe('2026-05-23'); // 28 to Jan 31, 56 to Feb 28, 87 Mar 31, 117 Apr 30, 140 May 23
  });

  it('says the 20 weeks once, in days, for SQL (reg 13(2))', () => {
    expect(FINAL_PLAN_DAYS).toBe(140);
  });

  it('leaves milestones that do not yet apply null (or empty)', () => {
    expect(computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05' })).toEqual({
      decisionDue: '2026-02-16',
      adviceDue: [],
      notToIssueDue: '2026-04-27',
      finalPlanDue: '2026-05-25',
      draftCommentsEndOn: null,
      earliestFinalOn: null,
      draftCommentsCloseOn: null,
      nextReviewDue: null,
      amendmentDue: null,
      phaseTransferDue: null,
    });
  });

  it('gives each advice request its own 6 weeks (reg 8(1))', () => {
    const d = computeStatutoryDeadlines({
      requestReceivedOn: '2026-01-05',
      adviceRequests: [
        { agency: 'HEALTH', requestedOn: '2026-02-20' },
        { agency: 'SOCIAL_CARE', requestedOn: '2026-03-02' },
      ],
    });
    expect(d.adviceDue).toEqual([
      { agency: 'HEALTH', requestedOn: '2026-02-20', dueOn: '2026-04-03' },
      { agency: 'SOCIAL_CARE', requestedOn: '2026-03-02', dueOn: '2026-04-13' },
    ]);
  });

  it.each([
    // [draft served, last day to comment, earliest final] — reg 13(1)(a): 15 days beginning with service
    ['2026-04-20', '2026-05-04', '2026-05-05'], // the last day is the early May bank holiday: still the last day
    ['2026-02-20', '2026-03-06', '2026-03-07'], // Feb 20 + 8 = Feb 28, + 6 = Mar 6; the final may go on Saturday Mar 7
    ['2024-02-20', '2024-03-05', '2024-03-06'], // leap year: Feb 20 + 9 = Feb 29, + 5 = Mar 5
  ])('a draft served on %s: comments to %s, final from %s (reg 13(1)(a))', (draft, lastDay, earliest) => {
    const d = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', draftIssuedOn: draft });
    expect(d.draftCommentsEndOn).toBe(lastDay);
    expect(d.earliestFinalOn).toBe(earliest);
    expect(d.draftCommentsCloseOn).toBe(earliest);
  });

  it('dates a pending amendment 8 weeks after the proposal (reg 22(3))', () => {
    const d = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', amendmentProposedOn: '2026-09-01' });
    expect(d.amendmentDue).toBe('2026-10-27');
  });

  it('dates phase transfers to 15 February, or 31 March for secondary to post-16 (reg 18(1))', () => {
    const at = (phaseTransfer: 'TO_SECONDARY' | 'TO_POST_16' | 'OTHER' | null, phaseTransferYear: number | null) =>
      computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', phaseTransfer, phaseTransferYear }).phaseTransferDue;
    expect(at('TO_SECONDARY', 2027)).toBe('2027-02-15');
    expect(at('OTHER', 2027)).toBe('2027-02-15');
    expect(at('TO_POST_16', 2027)).toBe('2027-03-31');
    expect(at('TO_POST_16', null)).toBeNull();
    expect(at(null, 2027)).toBeNull();
    expect(() => at('TO_SECONDARY', 27.5)).toThrow(RangeError);
  });

  it('rejects a request date that is not a real date', () => {
    expect(() => computeStatutoryDeadlines({ requestReceivedOn: '2026-02-29' })).toThrow(RangeError);
  });
});

describe('CFA 2014 s.44(1): the review within the period of 12 months starting with the plan or the last review', () => {
  it.each([
    // [plan made or last reviewed, last lawful day of the review]
    ['2025-03-01', '2026-02-28'], // March 2025 to February 2026, whole months
    ['2023-03-01', '2024-02-29'], // ... and in a leap February the period runs to the 29th
    ['2026-05-20', '2027-05-19'], // the day before the anniversary, not the anniversary
    ['2024-02-28', '2025-02-27'],
    // No 29 February in 2025: the last month of the period runs to the end of February (corresponding-date
    // rule, month-end fallback), so 2025-02-28, not 2025-02-27; the period has 366 days as it contains 29 Feb 2024.
    ['2024-02-29', '2025-02-28'],
    ['2024-03-01', '2025-02-28'],
    ['2027-02-28', '2028-02-27'], // 2028 has a 29 February, so the anniversary is 28 Feb and the day before it is the 27th
    ['2028-02-29', '2029-02-28'],
    ['2025-01-01', '2025-12-31'],
    ['2025-12-31', '2026-12-30'],
  ])('plan or review on %s: review due by %s', (from, due) => {
    expect(nextReviewDueOn(from, null)).toBe(due);
    expect(periodOfMonthsEndsOn(from, 12)).toBe(due);
  });

  it('runs from the later of the plan and the last review', () => {
    expect(nextReviewDueOn('2026-05-20', '2027-04-10')).toBe('2028-04-09');
    expect(nextReviewDueOn('2026-05-20', '2026-01-10')).toBe('2027-05-19'); // an earlier review does not pull the date back
    expect(nextReviewDueOn(null, '2027-04-10')).toBe('2028-04-09');
    expect(nextReviewDueOn(null, null)).toBeNull();
    expect(computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', finalIssuedOn: '2026-05-20' }).nextReviewDue).toBe('2027-05-19');
  });

  it('ends a period of one month at the end of a shorter month', () => {
    expect(periodOfMonthsEndsOn('2026-01-31', 1)).toBe('2026-02-28');
    expect(periodOfMonthsEndsOn('2026-01-30', 1)).toBe('2026-02-28');
    expect(periodOfMonthsEndsOn('2024-01-31', 1)).toBe('2024-02-29');
    expect(periodOfMonthsEndsOn('2026-01-28', 1)).toBe('2026-02-27');
    expect(periodOfMonthsEndsOn('2026-03-31', 1)).toBe('2026-04-30');
    expect(periodOfMonthsEndsOn('2026-04-30', 1)).toBe('2026-05-29');
    expect(() => periodOfMonthsEndsOn('2026-04-30', 0)).toThrow(RangeError);
  });
});

describe('reg 20: the review meeting steps', () => {
  it('invitations and advice at least two weeks before the meeting (reg 20(3), (4))', () => {
    expect(reviewInvitationsDueOn('2026-03-16')).toBe('2026-03-02');
    expect(reviewAdviceDueOn('2026-03-16')).toBe('2026-03-02');
    expect(reviewInvitationsDueOn('2024-03-12')).toBe('2024-02-27'); // back over 29 February 2024
  });

  it('the report within two weeks, the decision within 4 weeks of the meeting (reg 20(7), (8), (10))', () => {
    expect(reviewReportDueOn('2026-03-16')).toBe('2026-03-30');
    expect(reviewDecisionDueOn('2026-03-16')).toBe('2026-04-13');
    expect(reviewDecisionDueOn('2025-12-10')).toBe('2026-01-07'); // across the year end
  });
});

describe('daysBetween', () => {
  it('counts calendar days, across a leap day', () => {
    expect(daysBetween('2026-03-02', '2026-03-29')).toBe(27);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-29', '2026-03-02')).toBe(-27);
  });
});

describe('end of compulsory school age and the consent holder', () => {
  it.each([
    ['2010-03-10', '2026-06-26'], // turns 16 on 2026-03-10, school year 2025/26
    ['2010-09-01', '2027-06-25'], // turns 16 on 2026-09-01, school year 2026/27
    ['2010-08-31', '2026-06-26'], // turns 16 on 2026-08-31, the last day of school year 2025/26
    ['2008-02-29', '2024-06-28'], // leap-day birthday, school year 2023/24 (30 June 2024 is a Sunday)
    ['2009-12-25', '2026-06-26'], // turns 16 on 2025-12-25, school year 2025/26
  ])('born %s: compulsory school age ends %s', (born, end) => {
    expect(endOfCompulsorySchoolAge(born)).toBe(end);
  });

  it('gives the parent up to and including that Friday, the young person from the next day', () => {
    expect(consentHolderOn('2010-03-10', '2026-03-10')).toBe('PARENT'); // 16th birthday
    expect(consentHolderOn('2010-03-10', '2026-06-26')).toBe('PARENT');
    expect(consentHolderOn('2010-03-10', '2026-06-27')).toBe('YOUNG_PERSON');
    expect(consentHolderOn('2010-09-01', '2026-09-01')).toBe('PARENT');
    expect(consentHolderOn('2010-09-01', '2027-06-26')).toBe('YOUNG_PERSON');
  });

  it('rejects a date of birth that is not a real date', () => {
    expect(() => endOfCompulsorySchoolAge('2010-02-29')).toThrow(RangeError);
  });
});
