/**
 * The statutory clock of an EHC needs assessment and plan (docs/domain.md): pure date arithmetic over ISO
 * `YYYY-MM-DD` strings, done in UTC so that no local timezone or clock change can move a deadline.
 *
 * Sources: the Children and Families Act 2014 (CFA) and the Special Educational Needs and Disability
 * Regulations 2014 (SI 2014/1530, "reg"). Calendar days throughout: the regulations count weeks and days,
 * not working days.
 */
import type { ClockExceptionReason, PlanStatus } from './vocabulary.js';

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

/** Every statutory due date of a plan's process; null where the milestone does not (yet) apply. */
export interface StatutoryDeadlines {
  decisionDue: string;
  adviceDue: AdviceDeadline[];
  notToIssueDue: string;
  finalPlanDue: string;
  draftCommentsCloseOn: string | null;
  nextReviewDue: string | null;
  amendmentDue: string | null;
  phaseTransferDue: string | null;
}

/** reg 13(2): 20 weeks from the request for assessment to the final plan (the national timeliness measure). */
export const FINAL_PLAN_WEEKS = 20;

/** reg 13(2): the final plan is due 20 weeks after the request for assessment (CFA s.36(1)). */
export function finalPlanDueOn(requestReceivedOn: string): string {
  return addWeeks(requestReceivedOn, FINAL_PLAN_WEEKS);
}

/**
 * The first day on which the family's comment period on a draft has ended. reg 13(1)(a) (CFA s.38(2)):
 * at least 15 days "beginning with the day on which the draft plan was served", i.e. the issue day and
 * the 14 days after it; the plan may be finalised from the day after that.
 */
export function draftCommentsCloseOn(draftIssuedOn: string): string {
  return addDays(draftIssuedOn, 15);
}

/** reg 22(3): an amended plan is final within 8 weeks of the proposed amendments being sent (reg 22(2)(a)). */
export function amendmentDueOn(amendmentProposedOn: string): string {
  return addWeeks(amendmentProposedOn, 8);
}

/**
 * First day on which proposed amendments may be finalised: reg 22(2)(c) gives the family at least
 * 15 days, beginning with the day the proposal was served, to make representations.
 */
export function amendmentCommentsCloseOn(amendmentProposedOn: string): string {
  return addDays(amendmentProposedOn, 15);
}

/**
 * CFA s.44(1): review within 12 months of the plan being made, then within 12 months of each review;
 * so the clock runs from whichever of the two is later. Null before any plan is final.
 */
export function nextReviewDueOn(finalIssuedOn?: string | null, lastReviewOn?: string | null): string | null {
  const from = finalIssuedOn && lastReviewOn ? laterOf(finalIssuedOn, lastReviewOn) : (finalIssuedOn ?? lastReviewOn);
  return from ? addMonths(from, 12) : null;
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

/** Every statutory due date of one plan's process, from the request onwards. */
export function computeStatutoryDeadlines(input: StatutoryDeadlineInput): StatutoryDeadlines {
  const received = input.requestReceivedOn;
  return {
    // reg 5(1): decision whether to assess notified within 6 weeks of the request (CFA s.36(1), (8)).
    decisionDue: addWeeks(received, 6),
    // reg 8(1): each body asked for advice must answer within 6 weeks of receiving the request.
    adviceDue: (input.adviceRequests ?? []).map((r) => ({ ...r, dueOn: addWeeks(r.requestedOn, 6) })),
    // reg 10(1): a decision not to issue a plan after assessment within 16 weeks of the request.
    notToIssueDue: addWeeks(received, 16),
    finalPlanDue: finalPlanDueOn(received),
    draftCommentsCloseOn: input.draftIssuedOn ? draftCommentsCloseOn(input.draftIssuedOn) : null,
    nextReviewDue: nextReviewDueOn(input.finalIssuedOn, input.lastReviewOn),
    amendmentDue: input.amendmentProposedOn ? amendmentDueOn(input.amendmentProposedOn) : null,
    phaseTransferDue: phaseTransferDueOn(input.phaseTransfer, input.phaseTransferYear),
  };
}

/**
 * A recorded period in which a time limit did not bind the council: reg 5(4) (decision to assess),
 * reg 10(4) (decision not to issue) and, through reg 13(3), the 20-week final plan limit.
 */
export interface ClockException {
  reason: ClockExceptionReason;
  from: string;
  to: string;
}

/** Whether a plan counts in the 20-week timeliness measure, and whether it met it. */
export interface TimelinessResult {
  /** False when the process had a recorded exception: SEN2 reports "excluding exceptions". */
  counted: boolean;
  /** Issued on or before the 20-week due date (reg 13(2)), whether or not the plan is counted. */
  withinTwentyWeeks: boolean;
}

function overlapsProcess(e: ClockException, requestReceivedOn: string, finalIssuedOn: string): boolean {
  if (toUtcMs(e.from) > toUtcMs(e.to)) throw new RangeError(`clock exception ends before it starts: ${e.from}..${e.to}`);
  return e.from <= finalIssuedOn && e.to >= requestReceivedOn;
}

/**
 * The published timeliness measure for one final plan. reg 13(3) with reg 10(4): a council need not meet
 * the 20 weeks where an exception applied, so, as in the DfE SEN2 return, a plan whose process (request
 * to final plan) overlaps any recorded exception is left out of the measure rather than stopping the clock.
 */
export function isIssuedWithinTimescale(
  requestReceivedOn: string,
  finalIssuedOn: string,
  exceptions: readonly ClockException[] = [],
): TimelinessResult {
  if (toUtcMs(finalIssuedOn) < toUtcMs(requestReceivedOn)) {
    throw new RangeError(`final plan ${finalIssuedOn} issued before the request ${requestReceivedOn}`);
  }
  return {
    counted: !exceptions.some((e) => overlapsProcess(e, requestReceivedOn, finalIssuedOn)),
    withinTwentyWeeks: finalIssuedOn <= finalPlanDueOn(requestReceivedOn),
  };
}

/** The due dates the council must meet next for a plan in `status` (none once the process has ended). */
function nextDueFor(deadlines: StatutoryDeadlines, status: PlanStatus): string[] {
  switch (status) {
    case 'REQUESTED':
      return [deadlines.decisionDue]; // reg 5(1)
    case 'ASSESSING':
    case 'DRAFT':
      return [deadlines.finalPlanDue]; // reg 13(2)
    case 'FINAL': // CFA s.44(1) annual review; reg 22(3) a pending amendment
      return [deadlines.nextReviewDue, deadlines.amendmentDue].filter((d): d is string => d !== null);
    case 'NOT_ASSESSED':
    case 'CEASED':
      return []; // the process has ended: no duty left to run late
  }
}

/**
 * Whether the milestone the council owes next, for the plan's current status, is past due on `today`:
 * REQUESTED → decisionDue; ASSESSING or DRAFT → finalPlanDue; FINAL → nextReviewDue (or a pending
 * amendment's 8 weeks); NOT_ASSESSED and CEASED → never. Due on the day itself is not yet overdue.
 */
export function isOverdue(
  deadlines: StatutoryDeadlines,
  state: PlanStatus | { readonly status: PlanStatus },
  today: string,
): boolean {
  const status = typeof state === 'string' ? state : state.status;
  const now = toUtcMs(today);
  return nextDueFor(deadlines, status).some((due) => toUtcMs(due) < now);
}

/**
 * Who decides for the child, and when that passes to the young person, is a consent rule: it lives
 * with the access policy and is re-exported here for callers of the clock.
 */
export { consentHolderOn, endOfCompulsorySchoolAge } from './consent-holder.js';
