/**
 * The 20-week timeliness measure worked by hand, case by case (SEND Regulations 2014 reg 13(2), (3)).
 * Plain data, so the pure rule (timeliness.test.ts) and the SQL of the commissioning store can both be
 * tested against the same table: insert each case as a plan and its exceptions, run the SQL, and expect
 * `counted` and `withinTwentyWeeks` as written here. Every date below was counted on a calendar, not
 * computed by the code under test.
 */
import type { ClockException } from './timeliness.js';

export interface TimelinessCase {
  name: string;
  requestReceivedOn: string;
  finalIssuedOn: string;
  exceptions: readonly ClockException[];
  counted: boolean;
  withinTwentyWeeks: boolean;
}

const evidence = 'Head teacher letter ref. SYN-001 (synthetic)';

export const TIMELINESS_CASES: readonly TimelinessCase[] = [
  // 2026-01-05 is a Monday; 20 weeks later is Monday 2026-05-25, the spring bank holiday: calendar days, no roll-over.
  { name: 'issued on the due day (a bank holiday)', requestReceivedOn: '2026-01-05', finalIssuedOn: '2026-05-25', exceptions: [], counted: true, withinTwentyWeeks: true },
  { name: 'issued the day after the due day', requestReceivedOn: '2026-01-05', finalIssuedOn: '2026-05-26', exceptions: [], counted: true, withinTwentyWeeks: false },
  // Leap year: 2024-01-10 (Wednesday) + 140 days = 21 to 31 Jan, 29 Feb at day 50, 31 Mar 81, 30 Apr 111, 29 May 140.
  { name: 'leap year: due on 2024-05-29', requestReceivedOn: '2024-01-10', finalIssuedOn: '2024-05-29', exceptions: [], counted: true, withinTwentyWeeks: true },
  { name: 'leap year: a day late', requestReceivedOn: '2024-01-10', finalIssuedOn: '2024-05-30', exceptions: [], counted: true, withinTwentyWeeks: false },
  // Across the year end: 2025-09-01 + 140 = 30 Sep at 29, 31 Oct 60, 30 Nov 90, 31 Dec 121, 19 Jan 2026 140.
  { name: 'across the year end: due on 2026-01-19', requestReceivedOn: '2025-09-01', finalIssuedOn: '2026-01-19', exceptions: [], counted: true, withinTwentyWeeks: true },
  {
    name: 'setting closed for exactly 4 weeks (Mon 2026-03-02 to Sun 2026-03-29, 28 days) excludes the process',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'SETTING_CLOSED', fromOn: '2026-03-02', toOn: '2026-03-29', evidenceNote: evidence }],
    counted: false,
    withinTwentyWeeks: false,
  },
  {
    name: 'setting closed for 27 days does not qualify',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'SETTING_CLOSED', fromOn: '2026-03-02', toOn: '2026-03-28', evidenceNote: evidence }],
    counted: true,
    withinTwentyWeeks: false,
  },
  {
    name: 'a 12-day half-term absence (Mon 2026-02-09 to Fri 2026-02-20) does not qualify',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2026-02-09', toOn: '2026-02-20', evidenceNote: evidence }],
    counted: true,
    withinTwentyWeeks: false,
  },
  {
    name: 'absence over the leap day: 2024-02-05 to 2024-03-03 is 25 + 3 = 28 days and qualifies',
    requestReceivedOn: '2024-01-10',
    finalIssuedOn: '2024-06-20',
    exceptions: [{ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2024-02-05', toOn: '2024-03-03', evidenceNote: evidence }],
    counted: false,
    withinTwentyWeeks: false,
  },
  {
    name: 'absence 2024-02-05 to 2024-03-02 is 27 days (forgetting 29 February would make it 28)',
    requestReceivedOn: '2024-01-10',
    finalIssuedOn: '2024-06-20',
    exceptions: [{ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2024-02-05', toOn: '2024-03-02', evidenceNote: evidence }],
    counted: true,
    withinTwentyWeeks: false,
  },
  {
    name: 'exceptional personal circumstances have no minimum: one day qualifies',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', fromOn: '2026-04-01', toOn: '2026-04-01', evidenceNote: evidence }],
    counted: false,
    withinTwentyWeeks: false,
  },
  {
    name: 'an exception without evidence does not qualify',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', fromOn: '2026-04-01', toOn: '2026-04-10', evidenceNote: null }],
    counted: true,
    withinTwentyWeeks: false,
  },
  {
    name: 'an exception starting before the request does not qualify',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2025-12-15', toOn: '2026-01-31', evidenceNote: evidence }],
    counted: true,
    withinTwentyWeeks: false,
  },
  {
    name: 'an exception ending after the final plan does not qualify',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'SETTING_CLOSED', fromOn: '2026-05-01', toOn: '2026-06-30', evidenceNote: evidence }],
    counted: true,
    withinTwentyWeeks: false,
  },
  {
    name: 'an exception ending on the day of the final plan qualifies (2026-05-18 to 2026-06-15, 29 days)',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-06-15',
    exceptions: [{ reason: 'SETTING_CLOSED', fromOn: '2026-05-18', toOn: '2026-06-15', evidenceNote: evidence }],
    counted: false,
    withinTwentyWeeks: false,
  },
  {
    name: 'a plan on time with a qualifying exception is still left out of the measure',
    requestReceivedOn: '2026-01-05',
    finalIssuedOn: '2026-05-20',
    exceptions: [{ reason: 'SETTING_CLOSED', fromOn: '2026-03-02', toOn: '2026-03-29', evidenceNote: evidence }],
    counted: false,
    withinTwentyWeeks: true,
  },
];
