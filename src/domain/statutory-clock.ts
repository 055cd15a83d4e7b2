/**
 * The statutory clock of an EHC needs assessment and plan (docs/domain.md): pure date arithmetic over ISO
 * `YYYY-MM-DD` strings, done in UTC so that no local timezone or clock change can move a deadline.
 *
 * Sources: the Children and Families Act 2014 (CFA) and the Special Educational Needs and Disability
 * Regulations 2014 (SI 2014/1530, "reg"). Calendar days throughout: the regulations count weeks and days,
 * not working days, so a due date that falls on a Saturday or a bank holiday stays there.
 *
 * "Within N weeks of" an event ends on the same weekday N weeks later (the event day is not counted); a
 * period "starting with" a day includes that day (see {@link periodOfMonthsEndsOn}).
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch at UTC midnight of `date`; throws RangeError on anything but a real date. */
function toUtcMs(date: string): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  // The round trip rejects 2026-02-30 and the like, which Date.parse would silently roll over.
  if (Number.isNaN(ms) || toIsoDate(ms) !== date) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${date}`);
  return ms;
}

/** Throws RangeError unless `date` is a real calendar date written `YYYY-MM-DD`. */
export function assertIsoDate(date: string): void {
  toUtcMs(date);
}

function toIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The later of two ISO dates (ISO dates compare correctly as strings once validated). */
function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  assertInteger(n, 'days');
  return toIsoDate(toUtcMs(date) + n * MS_PER_DAY);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier): 2026-03-02 to 2026-03-29 is 27. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** `date` plus `n` weeks of seven calendar days. */
export function addWeeks(date: string, n: number): string {
  assertInteger(n, 'weeks');
  return addDays(date, n * 7);
}

/**
 * `date` plus `n` calendar months; a day that the target month lacks becomes its last day, so
 * 12 months after 29 February is 28 February and one month after 31 January is the end of February.
 */
export function addMonths(date: string, n: number): string {
  assertInteger(n, 'months');
  const d = new Date(toUtcMs(date));
  const monthsSinceYearZero = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const year = Math.floor(monthsSinceYearZero / 12);
  const monthIndex = monthsSinceYearZero - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, monthIndex));
  return toIsoDate(Date.UTC(year, monthIndex, day));
}

/** reg 5(1): the decision whether to assess is notified within 6 weeks of the request (CFA s.36(1), (8)). */
export const DECISION_TO_ASSESS_WEEKS = 6;
/** reg 8(1): a body asked for advice gives it within 6 weeks of being asked. */
export const ADVICE_WEEKS = 6;
/** reg 10(1): a decision not to issue a plan after an assessment is notified within 16 weeks of the request. */
export const NOT_TO_ISSUE_WEEKS = 16;
/** reg 13(2): the final plan is issued within 20 weeks of the request. */
export const FINAL_PLAN_WEEKS = 20;
/**
 * The 20 weeks of reg 13(2) in days, for SQL: `final_issued_on <= request_received_on + FINAL_PLAN_DAYS`
 * (PostgreSQL `date + integer` adds days) is the same rule as {@link finalPlanDueOn}; bind this constant
 * rather than writing 140 again.
 */
export const FINAL_PLAN_DAYS = FINAL_PLAN_WEEKS * 7;
/** reg 13(1)(a) (draft) and reg 22(2)(c) (amendments): at least 15 days to comment, starting with service. */
export const FAMILY_COMMENT_DAYS = 15;
/** reg 20(3), (4): invitations, and the advice gathered, go out at least two weeks before the review meeting. */
export const REVIEW_NOTICE_DAYS = 14;
/** reg 20(7), (8): the written report of the review meeting is sent within two weeks of the meeting. */
export const REVIEW_REPORT_DAYS = 14;
/** reg 20(10): the council decides to keep, amend or cease the plan within 4 weeks of the review meeting. */
export const REVIEW_DECISION_WEEKS = 4;
/** reg 22(3): an amended plan is issued within 8 weeks of the proposed amendments being sent. */
export const AMENDMENT_WEEKS = 8;
/** CFA 2014 s.44(1): a review within each period of 12 months. */
export const REVIEW_PERIOD_MONTHS = 12;

/** A request for advice sent to an agency during the assessment (reg 6(1)). */
export interface AdviceRequest {
  agency: string;
  requestedOn: string;
}

/** When an agency's advice is due. */
export interface AdviceDeadline extends AdviceRequest {
  dueOn: string;
}

export type { PhaseTransfer } from './vocabulary.js';
import type { PhaseTransfer } from './vocabulary.js';

/** What the clock needs to know about one plan's process; dates are ISO `YYYY-MM-DD`. */
export interface StatutoryDeadlineInput {
  requestReceivedOn: string;
  adviceRequests?: AdviceRequest[];
  draftIssuedOn?: string | null;
  finalIssuedOn?: string | null;
  lastReviewOn?: string | null;
  /** Date proposed amendments were sent to the family (reg 22(2)(a)), while not yet finalised. */
  amendmentProposedOn?: string | null;
  phaseTransfer?: PhaseTransfer | null;
  /** Calendar year in which the transfer between phases happens. */
  phaseTransferYear?: number | null;
}

/**
 * Every statutory date of a plan's process, milestone by milestone; null where the milestone does not (yet)
 * apply. Which of them are still open, and overdue, is {@link listOpenDeadlines} in process-deadlines.ts.
 */
export interface StatutoryDeadlines {
  decisionDue: string;
  adviceDue: AdviceDeadline[];
  notToIssueDue: string;
  finalPlanDue: string;
  /** The last day of the family's 15 days to comment on the draft (reg 13(1)(a)). */
  draftCommentsEndOn: string | null;
  /** The first day the final plan may be issued: the day after the comment period (reg 13(1)(a)). */
  earliestFinalOn: string | null;
  /** @deprecated the same date as {@link earliestFinalOn}, under a name that reads as the last day to comment. */
  draftCommentsCloseOn: string | null;
  nextReviewDue: string | null;
  amendmentDue: string | null;
  phaseTransferDue: string | null;
}

/** reg 13(2): the final plan is due 20 weeks after the request for assessment (CFA s.36(1)). */
export function finalPlanDueOn(requestReceivedOn: string): string {
  return addDays(requestReceivedOn, FINAL_PLAN_DAYS);
}

/**
 * The last day of the family's comment period on a draft. reg 13(1)(a) (CFA s.38(2)): at least 15 days
 * "beginning with the day on which the draft plan was served", i.e. the issue day and the 14 days after it.
 */
export function draftCommentsEndOn(draftIssuedOn: string): string {
  return addDays(draftIssuedOn, FAMILY_COMMENT_DAYS - 1);
}

/** The first day the final plan may be issued: the day after the family's 15 days (reg 13(1)(a)). */
export function earliestFinalOn(draftIssuedOn: string): string {
  return addDays(draftIssuedOn, FAMILY_COMMENT_DAYS);
}

/** reg 22(3): an amended plan is final within 8 weeks of the proposed amendments being sent (reg 22(2)(a)). */
export function amendmentDueOn(amendmentProposedOn: string): string {
  return addWeeks(amendmentProposedOn, AMENDMENT_WEEKS);
}

/** The last day of the family's 15 days to comment on proposed amendments (reg 22(2)(c)). */
export function amendmentCommentsEndOn(amendmentProposedOn: string): string {
  return addDays(amendmentProposedOn, FAMILY_COMMENT_DAYS - 1);
}

/**
 * First day on which proposed amendments may be finalised: reg 22(2)(c) gives the family at least
 * 15 days, beginning with the day the proposal was served, to make representations.
 */
export function earliestAmendmentFinalOn(amendmentProposedOn: string): string {
  return addDays(amendmentProposedOn, FAMILY_COMMENT_DAYS);
}

/**
 * The last day of a period of `months` calendar months starting with (so including) `start`.
 *
 * The period ends the day before the day that bears `start`'s number `months` months later: 12 months
 * starting with 2025-03-01 end on 2026-02-28, and 12 months starting with 2023-03-01 end on 2024-02-29
 * (March to February, whole months). Where that later month has no such day, the last month of the period
 * runs to the end of that month (the corresponding-date rule, Dodds v Walker [1980] 1 WLR 1061 HL, whose
 * month-end fallback is the end of the month, never a day earlier): 12 months starting with 2024-02-29 end
 * on 2025-02-28, and one month starting with 2026-01-31 ends on 2026-02-28.
 *
 * Why not 2025-02-27 for a plan made on 2024-02-29: that answer moves the missing anniversary back to
 * 28 February and then takes the day before it, which cuts a day off the period for no reason in the
 * statute; the council would be told it is late on 2025-02-28, a day it may still lawfully hold the review.
 * The period so found has 366 days because it contains 29 February 2024 itself. The same fallback decides
 * a 29 February birthday in {@link ageOn} (identifiers.ts): the anniversary of 29 February is 1 March.
 */
export function periodOfMonthsEndsOn(start: string, months: number): string {
  assertInteger(months, 'months');
  if (months < 1) throw new RangeError(`a period of months needs at least one month, got ${months}`);
  const d = new Date(toUtcMs(start));
  const monthsSinceYearZero = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(monthsSinceYearZero / 12);
  const monthIndex = monthsSinceYearZero - year * 12;
  const lastDay = daysInMonth(year, monthIndex);
  // No corresponding day (29–31 in a shorter month): the period runs to the end of that month.
  if (d.getUTCDate() > lastDay) return toIsoDate(Date.UTC(year, monthIndex, lastDay));
  return toIsoDate(Date.UTC(year, monthIndex, d.getUTCDate()) - MS_PER_DAY);
}

/**
 * CFA s.44(1): the council reviews the plan "within the period of 12 months starting with the date on
 * which the plan was first made" and then within 12 months starting with the date of each previous review.
 * Returns the last lawful day, the day before the anniversary ({@link periodOfMonthsEndsOn}); the clock
 * runs from whichever of the plan and the last review is later. Null before any plan is final.
 */
export function nextReviewDueOn(finalIssuedOn?: string | null, lastReviewOn?: string | null): string | null {
  const from = finalIssuedOn && lastReviewOn ? laterOf(finalIssuedOn, lastReviewOn) : (finalIssuedOn ?? lastReviewOn);
  return from ? periodOfMonthsEndsOn(from, REVIEW_PERIOD_MONTHS) : null;
}

/** reg 20(3): the last day to send the invitations to a review meeting (at least two weeks' notice). */
export function reviewInvitationsDueOn(meetingOn: string): string {
  return addDays(meetingOn, -REVIEW_NOTICE_DAYS);
}

/** reg 20(4): the last day to circulate the advice and information gathered for a review meeting. */
export function reviewAdviceDueOn(meetingOn: string): string {
  return addDays(meetingOn, -REVIEW_NOTICE_DAYS);
}

/** reg 20(7), (8): the last day to send the report of a review meeting held on `heldOn`. */
export function reviewReportDueOn(heldOn: string): string {
  return addDays(heldOn, REVIEW_REPORT_DAYS);
}

/** reg 20(10): the last day for the council's decision to keep, amend or cease after a meeting on `heldOn`. */
export function reviewDecisionDueOn(heldOn: string): string {
  return addWeeks(heldOn, REVIEW_DECISION_WEEKS);
}

/**
 * reg 18(1): before a transfer between phases (reg 2(1)) the plan must be reviewed and amended by
 * 31 March of the transfer year from secondary school to post-16 (reg 18(1)(a)), otherwise by
 * 15 February (reg 18(1)(b)). Moves between post-16 institutions (five months before, reg 18(2)) need the
 * transfer date and are not modelled here.
 */
export function phaseTransferDueOn(transfer?: PhaseTransfer | null, year?: number | null): string | null {
  if (!transfer || year === null || year === undefined) return null;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a calendar year: ${year}`);
  return transfer === 'TO_POST_16' ? `${year}-03-31` : `${year}-02-15`;
}

/**
 * The first day from which a finalised amendment counts as the amendment for a phase transfer in `year`:
 * 1 September of the year before, the start of the school year at whose end the child moves (reg 18(1)
 * asks for the review and amendment in that school year).
 */
export function phaseTransferWindowOpensOn(year: number): string {
  if (!Number.isInteger(year) || year < 1001 || year > 9999) throw new RangeError(`not a calendar year: ${year}`);
  return `${year - 1}-09-01`;
}

/** Every statutory due date of one plan's process, from the request onwards. */
export function computeStatutoryDeadlines(input: StatutoryDeadlineInput): StatutoryDeadlines {
  const received = input.requestReceivedOn;
  const draft = input.draftIssuedOn ?? null;
  return {
    decisionDue: addWeeks(received, DECISION_TO_ASSESS_WEEKS),
    adviceDue: (input.adviceRequests ?? []).map((r) => ({ ...r, dueOn: addWeeks(r.requestedOn, ADVICE_WEEKS) })),
    notToIssueDue: addWeeks(received, NOT_TO_ISSUE_WEEKS),
    finalPlanDue: finalPlanDueOn(received),
    draftCommentsEndOn: draft ? draftCommentsEndOn(draft) : null,
    earliestFinalOn: draft ? earliestFinalOn(draft) : null,
    draftCommentsCloseOn: draft ? earliestFinalOn(draft) : null,
    nextReviewDue: nextReviewDueOn(input.finalIssuedOn, input.lastReviewOn),
    amendmentDue: input.amendmentProposedOn ? amendmentDueOn(input.amendmentProposedOn) : null,
    phaseTransferDue: phaseTransferDueOn(input.phaseTransfer, input.phaseTransferYear),
  };
}

/**
 * Who decides for the child, and when that passes to the young person, is a consent rule: it lives
 * with the access policy and is re-exported here for callers of the clock.
 */
export { consentHolderOn, endOfCompulsorySchoolAge } from './consent-holder.js';
