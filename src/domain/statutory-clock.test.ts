import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWeeks,
  computeStatutoryDeadlines,
  consentHolderOn,
  endOfCompulsorySchoolAge,
  isIssuedWithinTimescale,
  isOverdue,
  type ClockException,
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
    expect(d.finalPlanDue).toBe('2026-05-25'); // reg 13(2): 20 weeks
  });

  it('leaves milestones that do not yet apply null (or empty)', () => {
    expect(computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05' })).toEqual({
      decisionDue: '2026-02-16',
      adviceDue: [],
      notToIssueDue: '2026-04-27',
      finalPlanDue: '2026-05-25',
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

  it('closes draft comments 15 days after the draft (reg 13(1)(a))', () => {
    const d = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', draftIssuedOn: '2026-04-20' });
    expect(d.draftCommentsCloseOn).toBe('2026-05-05');
  });

  it('dates the next review 12 months after the final plan, or after the last review if later (CFA s.44(1))', () => {
    const at = (finalIssuedOn: string | null, lastReviewOn: string | null) =>
      computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', finalIssuedOn, lastReviewOn }).nextReviewDue;
    expect(at('2026-05-20', null)).toBe('2027-05-20');
    expect(at('2026-05-20', '2027-04-10')).toBe('2028-04-10');
    expect(at('2026-05-20', '2026-01-10')).toBe('2027-05-20'); // an earlier review does not pull the date back
    expect(at('2027-02-28', null)).toBe('2028-02-28');
    expect(at('2028-02-29', null)).toBe('2029-02-28');
    expect(at(null, null)).toBeNull();
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

describe('isIssuedWithinTimescale', () => {
  const closure: ClockException = { reason: 'SETTING_CLOSED', from: '2026-03-30', to: '2026-04-24' };

  it('counts a plan issued on the 20-week due date as on time', () => {
    expect(isIssuedWithinTimescale('2026-01-05', '2026-05-25', [])).toEqual({ counted: true, withinTwentyWeeks: true });
  });

  it('counts a plan issued the day after as late', () => {
    expect(isIssuedWithinTimescale('2026-01-05', '2026-05-26')).toEqual({ counted: true, withinTwentyWeeks: false });
  });

  it('excludes from the measure a process with a recorded exception (reg 13(3), reg 10(4))', () => {
    expect(isIssuedWithinTimescale('2026-01-05', '2026-06-15', [closure])).toEqual({
      counted: false,
      withinTwentyWeeks: false,
    });
    const away: ClockException = { reason: 'FAMILY_ABSENT_FROM_AREA', from: '2026-05-20', to: '2026-07-01' };
    expect(isIssuedWithinTimescale('2026-01-05', '2026-05-22', [away]).counted).toBe(false);
  });

  it('ignores an exception recorded wholly outside the request-to-final period', () => {
    const before: ClockException = { reason: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', from: '2025-07-20', to: '2026-01-04' };
    expect(isIssuedWithinTimescale('2026-01-05', '2026-05-20', [before])).toEqual({ counted: true, withinTwentyWeeks: true });
  });

  it('rejects an exception that ends before it starts, and a plan issued before its request', () => {
    const backwards: ClockException = { reason: 'SETTING_CLOSED', from: '2026-04-24', to: '2026-03-30' };
    expect(() => isIssuedWithinTimescale('2026-01-05', '2026-05-20', [backwards])).toThrow(RangeError);
    expect(() => isIssuedWithinTimescale('2026-01-05', '2026-01-04')).toThrow(RangeError);
  });
});

describe('isOverdue', () => {
  const requested = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05' });
  const final = computeStatutoryDeadlines({ requestReceivedOn: '2026-01-05', finalIssuedOn: '2026-05-20' });

  it('REQUESTED: overdue only after the decision due date', () => {
    expect(isOverdue(requested, 'REQUESTED', '2026-02-16')).toBe(false);
    expect(isOverdue(requested, 'REQUESTED', '2026-02-17')).toBe(true);
  });

  it.each(['ASSESSING', 'DRAFT'] as const)('%s: overdue only after the final plan due date', (status) => {
    expect(isOverdue(requested, status, '2026-05-25')).toBe(false);
    expect(isOverdue(requested, status, '2026-05-26')).toBe(true);
  });

  it('FINAL: overdue only after the review due date', () => {
    expect(isOverdue(final, 'FINAL', '2027-05-20')).toBe(false);
    expect(isOverdue(final, 'FINAL', '2027-05-21')).toBe(true);
    expect(isOverdue(requested, 'FINAL', '2030-01-01')).toBe(false); // no review date known
  });

  it('FINAL: overdue when a proposed amendment is past its 8 weeks', () => {
    const amending = computeStatutoryDeadlines({
      requestReceivedOn: '2026-01-05',
      finalIssuedOn: '2026-05-20',
      amendmentProposedOn: '2026-09-01',
    });
    expect(isOverdue(amending, 'FINAL', '2026-10-27')).toBe(false);
    expect(isOverdue(amending, 'FINAL', '2026-10-28')).toBe(true);
  });

  it.each(['NOT_ASSESSED', 'CEASED'] as const)('%s: never overdue', (status) => {
    expect(isOverdue(requested, status, '2040-01-01')).toBe(false);
  });

  it('accepts a plan state object as well as a bare status', () => {
    expect(isOverdue(requested, { status: 'REQUESTED' }, '2026-02-17')).toBe(true);
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
