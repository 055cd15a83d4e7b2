/**
 * Every open deadline of one episode of a child's EHC process, with what it is, when it falls and whether
 * it is missed: the caseworker's answer to "what do I owe next, and am I late?". A deadline that has been
 * met is not listed; the process is overdue when any open deadline is.
 *
 * Sources: Children and Families Act 2014 (CFA) and SEND Regulations 2014 (SI 2014/1530, "reg"). Dates are
 * ISO `YYYY-MM-DD` calendar days (a deadline on a Saturday stays on the Saturday).
 */
import type { Agency } from './vocabulary.js';
import { outstandingAdvice, type AdviceRequestFact, type PlanState } from './plan-transitions.js';
import {
  ADVICE_WEEKS,
  DECISION_TO_ASSESS_WEEKS,
  NOT_TO_ISSUE_WEEKS,
  addWeeks,
  amendmentCommentsEndOn,
  amendmentDueOn,
  assertIsoDate,
  draftCommentsEndOn,
  earliestAmendmentFinalOn,
  earliestFinalOn,
  finalPlanDueOn,
  nextReviewDueOn,
  phaseTransferDueOn,
  reviewAdviceDueOn,
  reviewDecisionDueOn,
  reviewInvitationsDueOn,
  reviewReportDueOn,
} from './statutory-clock.js';
import { exceptionQualifies, type ClockException } from './timeliness.js';

/** What a deadline is, in the order a caseworker meets them. */
export const DEADLINE_KINDS = [
  'DECISION_TO_ASSESS',
  'ADVICE',
  'NOT_TO_ISSUE',
  'DRAFT_COMMENTS',
  'FINAL_PLAN',
  'ANNUAL_REVIEW',
  'REVIEW_INVITATIONS',
  'REVIEW_ADVICE',
  'REVIEW_REPORT',
  'REVIEW_DECISION',
  'AMENDMENT_COMMENTS',
  'AMENDMENT',
  'PHASE_TRANSFER',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The provision behind each kind, for display beside the date. */
export const DEADLINE_BASIS: Readonly<Record<DeadlineKind, string>> = {
  DECISION_TO_ASSESS: 'SEND Regulations 2014 reg 5(1): decision whether to assess within 6 weeks of the request',
  ADVICE: 'SEND Regulations 2014 reg 8(1): advice within 6 weeks of being asked',
  NOT_TO_ISSUE: 'SEND Regulations 2014 reg 10(1): a decision not to issue a plan within 16 weeks of the request',
  DRAFT_COMMENTS: "SEND Regulations 2014 reg 13(1)(a): the family's 15 days to comment on the draft and name a setting",
  FINAL_PLAN: 'SEND Regulations 2014 reg 13(2): the final plan within 20 weeks of the request',
  ANNUAL_REVIEW: 'CFA 2014 s.44(1): a review within 12 months of the plan or of the last review',
  REVIEW_INVITATIONS: 'SEND Regulations 2014 reg 20(3): invitations at least two weeks before the review meeting',
  REVIEW_ADVICE: 'SEND Regulations 2014 reg 20(4): advice circulated at least two weeks before the review meeting',
  REVIEW_REPORT: 'SEND Regulations 2014 reg 20(7), (8): the review report within two weeks of the meeting',
  REVIEW_DECISION: 'SEND Regulations 2014 reg 20(10): keep, amend or cease within 4 weeks of the review meeting',
  AMENDMENT_COMMENTS: "SEND Regulations 2014 reg 22(2)(c): the family's 15 days to comment on proposed amendments",
  AMENDMENT: 'SEND Regulations 2014 reg 22(3): the amended plan within 8 weeks of the proposal',
  PHASE_TRANSFER: 'SEND Regulations 2014 reg 18(1): plan reviewed and amended by 15 February (31 March into post-16)',
};

/** One open deadline. */
export interface Deadline {
  kind: DeadlineKind;
  /** The last day on which the step is on time. */
  dueOn: string;
  /** Today is after `dueOn` and the step is still owed. Never true for the family's comment periods. */
  overdue: boolean;
  /** Who must act: the council, the agency asked for advice, or the family (a period they have, not a duty). */
  owedBy: 'COUNCIL' | 'FAMILY' | Agency;
  /** DRAFT_COMMENTS and AMENDMENT_COMMENTS: the first day the plan may be issued (the day after `dueOn`). */
  earliestFinalOn?: string;
  /** ADVICE: the day the agency was asked. */
  requestedOn?: string;
  /**
   * DECISION_TO_ASSESS, NOT_TO_ISSUE, FINAL_PLAN: a qualifying exception is recorded for this episode, so
   * the council need not meet the limit (reg 5(4), 10(4), 13(3)); the date still shows, and so does lateness.
   */
  exceptionApplies?: boolean;
}

/** One episode as the deadlines need it: its lifecycle state plus its advice requests and clock exceptions. */
export interface ProcessFacts extends PlanState {
  adviceRequests?: readonly AdviceRequestFact[];
  clockExceptions?: readonly ClockException[];
}

const order = (k: DeadlineKind) => DEADLINE_KINDS.indexOf(k);

/**
 * Every deadline of the episode still open on `today`, earliest first. Met deadlines drop out: the decision
 * to assess once decided, advice once given, the final plan once issued, a review step once done, the phase
 * transfer once its amended plan is issued. An ended episode (NOT_ASSESSED, CEASED) has none.
 *
 * @throws RangeError when `today` or a recorded date is not a real ISO date
 */
export function listOpenDeadlines(process: ProcessFacts, today: string): Deadline[] {
  assertIsoDate(today);
  const received = process.requestReceivedOn;
  const out: Deadline[] = [];
  const council = (kind: DeadlineKind, dueOn: string, extra: Partial<Deadline> = {}) =>
    out.push({ kind, dueOn, overdue: today > dueOn, owedBy: 'COUNCIL', ...extra });
  const family = (kind: DeadlineKind, dueOn: string, earliest: string) => {
    if (today <= dueOn) out.push({ kind, dueOn, overdue: false, owedBy: 'FAMILY', earliestFinalOn: earliest });
  };
  const exceptionApplies = (process.clockExceptions ?? []).some((e) => exceptionQualifies(e, received, today));
  const excepted = exceptionApplies ? { exceptionApplies: true } : {};

  switch (process.status) {
    case 'REQUESTED':
      council('DECISION_TO_ASSESS', addWeeks(received, DECISION_TO_ASSESS_WEEKS), excepted);
      break;
    case 'ASSESSING':
    case 'DRAFT':
      for (const r of outstandingAdvice(process.adviceRequests ?? [])) {
        const dueOn = addWeeks(r.requestedOn, ADVICE_WEEKS);
        out.push({ kind: 'ADVICE', dueOn, overdue: today > dueOn, owedBy: r.agency, requestedOn: r.requestedOn });
      }
      // reg 10(1): by week 16 the council has decided whether to issue; a draft is that decision.
      if (process.status === 'ASSESSING') council('NOT_TO_ISSUE', addWeeks(received, NOT_TO_ISSUE_WEEKS), excepted);
      if (process.status === 'DRAFT' && process.draftIssuedOn) {
        family('DRAFT_COMMENTS', draftCommentsEndOn(process.draftIssuedOn), earliestFinalOn(process.draftIssuedOn));
      }
      council('FINAL_PLAN', finalPlanDueOn(received), excepted);
      break;
    case 'FINAL': {
      const reviewDue = nextReviewDueOn(process.finalIssuedOn, process.lastReviewOn);
      if (reviewDue) council('ANNUAL_REVIEW', reviewDue);
      const r = process.review;
      if (r && !r.heldOn) {
        if (!r.invitationsSentOn) council('REVIEW_INVITATIONS', reviewInvitationsDueOn(r.meetingOn));
        if (!r.adviceCirculatedOn) council('REVIEW_ADVICE', reviewAdviceDueOn(r.meetingOn));
      }
      if (r?.heldOn) {
        if (!r.reportSentOn) council('REVIEW_REPORT', reviewReportDueOn(r.heldOn));
        council('REVIEW_DECISION', reviewDecisionDueOn(r.heldOn));
      }
      if (process.amendmentProposedOn) {
        family('AMENDMENT_COMMENTS', amendmentCommentsEndOn(process.amendmentProposedOn), earliestAmendmentFinalOn(process.amendmentProposedOn));
        council('AMENDMENT', amendmentDueOn(process.amendmentProposedOn));
      }
      const transfer = process.phaseTransfer;
      if (transfer && !transfer.amendedOn) council('PHASE_TRANSFER', phaseTransferDueOn(transfer.kind, transfer.year)!);
      break;
    }
    case 'NOT_ASSESSED':
    case 'CEASED':
      break; // the episode has ended: nothing left to run late
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || order(a.kind) - order(b.kind) || a.owedBy.localeCompare(b.owedBy));
}

/** The process is overdue when any of its open deadlines is (the `EhcPlan.overdue` of the schema). */
export function isProcessOverdue(process: ProcessFacts, today: string): boolean {
  return listOpenDeadlines(process, today).some((d) => d.overdue);
}

/** The open deadline owed by the council or an agency that falls first, for a caseload sorted by next due date. */
export function nextDeadline(process: ProcessFacts, today: string): Deadline | null {
  return listOpenDeadlines(process, today).find((d) => d.owedBy !== 'FAMILY') ?? null;
}
