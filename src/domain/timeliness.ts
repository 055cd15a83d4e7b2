/**
 * Clock exceptions and the published 20-week timeliness measure, said once for code and SQL.
 *
 * SEND Regulations 2014 (SI 2014/1530): reg 5(4) (decision whether to assess), reg 10(4) (decision not to
 * issue a plan) and reg 13(3) (the 20-week final plan limit) let a council miss a time limit where it is
 * impractical because (a) the school or institution was closed "for a continuous period of not less than
 * 4 weeks", (b) "exceptional personal circumstances" affected the child or the family, or (c) the family was
 * "absent from the area of the authority for a continuous period of not less than 4 weeks". The DfE
 * measure ("EHC plans issued within 20 weeks, excluding exceptions") leaves such processes out.
 *
 * The same rule in SQL (for the commissioning store), with the constants below bound as parameters:
 *
 * ```sql
 * -- the process is counted: no qualifying exception
 * not exists (select 1 from clock_exceptions e
 *   where e.child_id = p.child_id and e.episode = p.episode    -- the exception's own episode
 *     and e.from_on >= p.request_received_on and e.to_on <= p.final_issued_on
 *     and e.to_on - e.from_on + 1 >= case e.reason when 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES'
 *                                      then $minPersonal else $minContinuous end
 *     and e.evidence_note <> '')                                -- stored trimmed by normaliseEvidenceNote
 * -- and it met the limit
 * p.final_issued_on <= p.request_received_on + $finalPlanDays  -- FINAL_PLAN_DAYS = 140
 * ```
 * `TIMELINESS_CASES` (timeliness-cases.ts) is a hand-worked table both forms must agree with.
 */
import { assertIsoDate, daysBetween, finalPlanDueOn } from './statutory-clock.js';
import { CLOCK_EXCEPTION_REASONS, type ClockExceptionReason, type PlanStatus } from './vocabulary.js';

/** "A continuous period of not less than 4 weeks": 28 calendar days, first and last day included. */
export const CONTINUOUS_PERIOD_MINIMUM_DAYS = 28;

/**
 * The shortest period each exception may cover, in calendar days counting both ends. Exceptional personal
 * circumstances have no statutory minimum (reg 5(4)(b)): one day is a period.
 */
export const CLOCK_EXCEPTION_MINIMUM_DAYS: Readonly<Record<ClockExceptionReason, number>> = {
  SETTING_CLOSED: CONTINUOUS_PERIOD_MINIMUM_DAYS, // reg 5(4)(a); reg 10(4)(a); reg 13(3)(a)
  EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: 1, // reg 5(4)(b); reg 10(4)(b); reg 13(3)(b): no minimum
  FAMILY_ABSENT_FROM_AREA: CONTINUOUS_PERIOD_MINIMUM_DAYS, // reg 5(4)(c); reg 10(4)(c); reg 13(3)(c)
};

/** The longest evidence note accepted: enough for a reference and a sentence, not a document. */
export const EVIDENCE_NOTE_MAX_LENGTH = 2000;

/** A recorded period in which a time limit did not bind the council; dates are ISO `YYYY-MM-DD`, inclusive. */
export interface ClockException {
  reason: ClockExceptionReason;
  fromOn: string;
  toOn: string;
  /** What shows the circumstance (a letter from the school, the family's notice, a reference): required. */
  evidenceNote: string | null;
}

/** The process an exception is recorded against. */
export interface ClockExceptionProcess {
  status: PlanStatus;
  requestReceivedOn: string;
  /**
   * The day the process ended: the final plan, the decision not to assess, or the decision not to issue.
   * Null while it is open.
   */
  endedOn?: string | null;
}

/** Why an exception is refused; the service turns each into a BAD_USER_INPUT on `field`. */
export type ClockExceptionRefusal = { field: 'reason' | 'fromOn' | 'toOn' | 'evidenceNote' | 'childId'; message: string } & (
  | { code: 'UNKNOWN_REASON' }
  | { code: 'ENDS_BEFORE_IT_STARTS' }
  | { code: 'SHORTER_THAN_MINIMUM'; minimumDays: number; days: number }
  | { code: 'EVIDENCE_MISSING' }
  | { code: 'EVIDENCE_TOO_LONG'; maxLength: number }
  | { code: 'STARTS_BEFORE_REQUEST'; requestReceivedOn: string }
  | { code: 'ENDS_AFTER_PROCESS'; endedOn: string }
  | { code: 'NOT_YET_OVER'; recordedOn: string }
  | { code: 'PROCESS_ENDED'; status: PlanStatus }
);

/** The statuses in which an EHC needs assessment process is still running and an exception may be recorded. */
const OPEN_PROCESS: readonly PlanStatus[] = ['REQUESTED', 'ASSESSING', 'DRAFT'];

/** The evidence note as stored: surrounding whitespace removed, so "present" is simply "not empty". */
export function normaliseEvidenceNote(note: string | null | undefined): string {
  return (note ?? '').trim();
}

/** The checks that hold for an exception whenever it is looked at: its shape, its length and its evidence. */
function intrinsicProblems(e: ClockException): ClockExceptionRefusal[] {
  if (!CLOCK_EXCEPTION_REASONS.includes(e.reason)) {
    return [{ code: 'UNKNOWN_REASON', field: 'reason', message: `is not a clock exception reason: ${String(e.reason)}` }];
  }
  assertIsoDate(e.fromOn);
  assertIsoDate(e.toOn);
  const problems: ClockExceptionRefusal[] = [];
  const days = daysBetween(e.fromOn, e.toOn) + 1;
  const minimumDays = CLOCK_EXCEPTION_MINIMUM_DAYS[e.reason];
  if (days < 1) {
    problems.push({ code: 'ENDS_BEFORE_IT_STARTS', field: 'toOn', message: `is before fromOn (${e.fromOn})` });
  } else if (days < minimumDays) {
    problems.push({
      code: 'SHORTER_THAN_MINIMUM',
      field: 'toOn',
      minimumDays,
      days,
      message: `gives a period of ${days} days; ${e.reason} counts only for a continuous period of not less than 4 weeks (${minimumDays} days, reg 5(4), 10(4), 13(3))`,
    });
  }
  const evidence = normaliseEvidenceNote(e.evidenceNote);
  if (evidence.length === 0) {
    problems.push({ code: 'EVIDENCE_MISSING', field: 'evidenceNote', message: 'is required: say what shows the circumstance' });
  } else if (evidence.length > EVIDENCE_NOTE_MAX_LENGTH) {
    problems.push({
      code: 'EVIDENCE_TOO_LONG',
      field: 'evidenceNote',
      maxLength: EVIDENCE_NOTE_MAX_LENGTH,
      message: `is ${evidence.length} characters; at most ${EVIDENCE_NOTE_MAX_LENGTH}`,
    });
  }
  return problems;
}

/** The exception must lie within the process: not before the request, not after its end. */
function placementProblems(e: ClockException, requestReceivedOn: string, endedOn: string | null): ClockExceptionRefusal[] {
  const problems: ClockExceptionRefusal[] = [];
  if (e.fromOn < requestReceivedOn) {
    problems.push({
      code: 'STARTS_BEFORE_REQUEST',
      field: 'fromOn',
      requestReceivedOn,
      message: `is before the request was received (${requestReceivedOn}): an exception lies within the process`,
    });
  }
  if (endedOn !== null && e.toOn > endedOn) {
    problems.push({ code: 'ENDS_AFTER_PROCESS', field: 'toOn', endedOn, message: `is after the process ended (${endedOn})` });
  }
  return problems;
}

/**
 * Every reason to refuse recording `exception` against `process` on `recordedOn` (empty when it may be
 * recorded). Beyond the rules of the regulations (4-week minimums, evidence), an exception is recorded
 * within the process and never after it: refused once the plan is final or the process ended otherwise,
 * before the request, after the process's end, or before the period is over (a continuous period of
 * 4 weeks cannot be shown before it has run).
 *
 * @throws RangeError when a date is not a real ISO date (a caller bug, not a refusal)
 */
export function validateClockException(exception: ClockException, process: ClockExceptionProcess, recordedOn: string): ClockExceptionRefusal[] {
  assertIsoDate(recordedOn);
  assertIsoDate(process.requestReceivedOn);
  if (!OPEN_PROCESS.includes(process.status)) {
    return [
      {
        code: 'PROCESS_ENDED',
        field: 'childId',
        status: process.status,
        message: `the process is ${process.status}: exceptions are recorded while the assessment is under way, never after it has ended`,
      },
    ];
  }
  const problems = intrinsicProblems(exception);
  if (problems.some((p) => p.code === 'UNKNOWN_REASON')) return problems;
  problems.push(...placementProblems(exception, process.requestReceivedOn, process.endedOn ?? null));
  if (exception.toOn > recordedOn) {
    problems.push({ code: 'NOT_YET_OVER', field: 'toOn', recordedOn, message: `is after today (${recordedOn}): record the period once it is over` });
  }
  return problems;
}

/**
 * Whether a stored exception takes its process out of the measure: the same rules as
 * {@link validateClockException} that do not depend on when it was recorded. Exceptions recorded before
 * these rules (no evidence, a 12-day half-term) therefore no longer exclude anything.
 */
export function exceptionQualifies(e: ClockException, requestReceivedOn: string, finalIssuedOn: string): boolean {
  return intrinsicProblems(e).length === 0 && placementProblems(e, requestReceivedOn, finalIssuedOn).length === 0;
}

/** Whether a plan counts in the 20-week timeliness measure, and whether it met it. */
export interface TimelinessResult {
  /** False when a qualifying exception applied: the measure is "excluding exceptions". */
  counted: boolean;
  /** Issued on or before the 20-week due date (reg 13(2)), whether or not the plan is counted. */
  withinTwentyWeeks: boolean;
  /** The exceptions that took the process out of the measure. */
  excludedBy: ClockException[];
}

/**
 * The published timeliness measure for one final plan: issued within 20 weeks of the request (reg 13(2);
 * {@link FINAL_PLAN_DAYS} days), and counted unless a qualifying exception (reg 13(3)) lies within the
 * process. The SQL form is in this file's header.
 *
 * @throws RangeError when a date is not a real ISO date, or the plan is dated before its request
 */
export function isIssuedWithinTimescale(
  requestReceivedOn: string,
  finalIssuedOn: string,
  exceptions: readonly ClockException[] = [],
): TimelinessResult {
  assertIsoDate(requestReceivedOn);
  assertIsoDate(finalIssuedOn);
  if (finalIssuedOn < requestReceivedOn) throw new RangeError(`final plan ${finalIssuedOn} issued before the request ${requestReceivedOn}`);
  const excludedBy = exceptions.filter((e) => exceptionQualifies(e, requestReceivedOn, finalIssuedOn));
  return { counted: excludedBy.length === 0, withinTwentyWeeks: finalIssuedOn <= finalPlanDueOn(requestReceivedOn), excludedBy };
}
