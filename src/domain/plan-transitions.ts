/**
 * The EHC plan lifecycle as a small state machine over PlanStatus, within one episode:
 *
 *   REQUESTED ─DECIDE_TO_ASSESS→ ASSESSING ─ISSUE_DRAFT→ DRAFT ─FINALISE→ FINAL ─CEASE→ CEASED
 *       └─DECIDE_NOT_TO_ASSESS→ NOT_ASSESSED    └─DECIDE_NOT_TO_ISSUE→ CEASED (reason NOT_ISSUED)
 *   FINAL also takes the annual review's steps (reg 20): SCHEDULE_REVIEW → SEND_REVIEW_INVITATIONS →
 *   CIRCULATE_REVIEW_ADVICE → RECORD_REVIEW (the meeting) → SEND_REVIEW_REPORT → DECIDE_AFTER_REVIEW,
 *   and PROPOSE_AMENDMENT, FINALISE_AMENDMENT; it stays FINAL until CEASE.
 *
 * A new request after NOT_ASSESSED or CEASED starts a new episode ({@link startEpisode}); the old one is
 * kept. Pure: the caller passes the facts it holds (sections present, placement, ICB agreement, advice
 * requests, today) and stores the new state; a refusal names everything that is missing in one message.
 * Sources: Children and Families Act 2014 (CFA) and SEND Regulations 2014 (SI 2014/1530, "reg").
 */
import { SECTIONS_REQUIRED_IN_FINAL } from './sections.js';
import type { Agency, PlanStatus, ReviewDecision, SectionCode } from './vocabulary.js';
import { REVIEW_DECISIONS } from './vocabulary.js';
import { isIsoDate } from './identifiers.js';
import {
  assertIsoDate,
  earliestAmendmentFinalOn,
  earliestFinalOn,
  phaseTransferWindowOpensOn,
  type PhaseTransfer,
} from './statutory-clock.js';

/** Why a process ended in CEASED: no plan after assessment (reg 10(1)), or a plan ceased (CFA s.45). */
export type CeasedReason = 'NOT_ISSUED' | 'CEASED_TO_MAINTAIN';

/** The review in progress (CFA s.44; reg 20), from the date being set to the council's decision. */
export interface ReviewCycle {
  /** The date set for the review meeting. */
  meetingOn: string;
  /** reg 20(3): invitations sent, at least two weeks before the meeting. */
  invitationsSentOn?: string | null;
  /** reg 20(4): the advice and information gathered circulated, at least two weeks before the meeting. */
  adviceCirculatedOn?: string | null;
  /** The meeting took place: the date of the review for the s.44(1) clock. */
  heldOn?: string | null;
  /** reg 20(7), (8): the written report sent to everyone invited, within two weeks of the meeting. */
  reportSentOn?: string | null;
}

/** The outcome of the last completed review (reg 20(10)); SEN2 reports it as ReviewOutcome. */
export interface CompletedReview {
  heldOn: string;
  decision: ReviewDecision;
  decidedOn: string;
}

/** A transfer between phases that the plan must be amended for (reg 18), and when that was done. */
export interface PhaseTransferState {
  kind: PhaseTransfer;
  /** Calendar year of the transfer (the child moves in the September of that year). */
  year: number;
  /** The day the amended plan for this transfer was issued; null while still owed. */
  amendedOn?: string | null;
}

/** The lifecycle part of one episode of a child's EHC process; dates are ISO `YYYY-MM-DD`. */
export interface PlanState {
  /** 1 for the first request for the child, one more for each later request after an ended process. */
  episode: number;
  status: PlanStatus;
  requestReceivedOn: string;
  /** The decision whether to assess, either way (reg 5(1)). */
  decisionOn?: string | null;
  draftIssuedOn?: string | null;
  finalIssuedOn?: string | null;
  /** The date of the last review meeting held (CFA s.44(1) runs from it). */
  lastReviewOn?: string | null;
  /** Proposed amendments sent to the family and not yet finalised (reg 22(2)(a)). */
  amendmentProposedOn?: string | null;
  ceasedOn?: string | null;
  ceasedReason?: CeasedReason | null;
  review?: ReviewCycle | null;
  lastReview?: CompletedReview | null;
  phaseTransfer?: PhaseTransferState | null;
}

/** A request for advice as the transitions see it (reg 6(1)); `providedOn` null while outstanding. */
export interface AdviceRequestFact {
  agency: Agency;
  requestedOn: string;
  providedOn?: string | null;
}

/** The steps of the process from the request to the plan ceasing. */
export const PLAN_EVENT_TYPES = [
  'DECIDE_TO_ASSESS',
  'DECIDE_NOT_TO_ASSESS',
  'ISSUE_DRAFT',
  'DECIDE_NOT_TO_ISSUE',
  'FINALISE',
  'RECORD_REVIEW',
  'PROPOSE_AMENDMENT',
  'FINALISE_AMENDMENT',
  'CEASE',
] as const;

/** The steps of the annual review around RECORD_REVIEW (the meeting itself), reg 20. */
export const REVIEW_STEP_EVENT_TYPES = [
  'SCHEDULE_REVIEW',
  'SEND_REVIEW_INVITATIONS',
  'CIRCULATE_REVIEW_ADVICE',
  'SEND_REVIEW_REPORT',
  'DECIDE_AFTER_REVIEW',
] as const;

export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];
export type ReviewStepEventType = (typeof REVIEW_STEP_EVENT_TYPES)[number];
/** Every event the state machine knows: the GraphQL `PlanEvent` (the plan store persists the review cycle). */
export const ALL_PLAN_EVENT_TYPES = [...PLAN_EVENT_TYPES, ...REVIEW_STEP_EVENT_TYPES] as const;
export type AnyPlanEventType = (typeof ALL_PLAN_EVENT_TYPES)[number];

/** A step in the plan process; every event takes effect on `facts.today`. */
export interface PlanEvent {
  readonly type: AnyPlanEventType;
  /** SCHEDULE_REVIEW: the date set for the review meeting. */
  readonly meetingOn?: string;
  /** DECIDE_AFTER_REVIEW: keep, amend or cease (reg 20(10)). */
  readonly decision?: ReviewDecision;
  /**
   * FINALISE_AMENDMENT: whether this amended plan is the one for the pending phase transfer (reg 18).
   * Left out, an amendment finalised from 1 September of the year before the transfer counts.
   */
  readonly forPhaseTransfer?: boolean;
}

/** What the caller knows about the plan's content when it asks for a transition. */
export interface TransitionFacts {
  presentSections: readonly SectionCode[];
  /** Section I names a school or other institution, or at least its type (reg 12(1)(i)). */
  hasPlacement: boolean;
  gHasProvision: boolean;
  gAgreedByIcb: boolean;
  /** Every advice request of this episode, answered or not (reg 6(1)). */
  adviceRequests: readonly AdviceRequestFact[];
  today: string;
}

export type TransitionResult = { ok: true; state: PlanState } | { ok: false; reason: string };

type Handler = (state: PlanState, facts: TransitionFacts, event: PlanEvent) => TransitionResult;

/** The only statuses each event may start from; anything else is refused. */
export const ALLOWED_FROM: Readonly<Record<AnyPlanEventType, readonly PlanStatus[]>> = {
  DECIDE_TO_ASSESS: ['REQUESTED'],
  DECIDE_NOT_TO_ASSESS: ['REQUESTED'],
  ISSUE_DRAFT: ['ASSESSING'],
  DECIDE_NOT_TO_ISSUE: ['ASSESSING'],
  FINALISE: ['DRAFT'],
  RECORD_REVIEW: ['FINAL'],
  PROPOSE_AMENDMENT: ['FINAL'],
  FINALISE_AMENDMENT: ['FINAL'],
  CEASE: ['FINAL'],
  SCHEDULE_REVIEW: ['FINAL'],
  SEND_REVIEW_INVITATIONS: ['FINAL'],
  CIRCULATE_REVIEW_ADVICE: ['FINAL'],
  SEND_REVIEW_REPORT: ['FINAL'],
  DECIDE_AFTER_REVIEW: ['FINAL'],
};

const VERB: Record<AnyPlanEventType, string> = {
  DECIDE_TO_ASSESS: 'decide to assess',
  DECIDE_NOT_TO_ASSESS: 'decide not to assess',
  ISSUE_DRAFT: 'issue a draft',
  DECIDE_NOT_TO_ISSUE: 'decide not to issue a plan',
  FINALISE: 'finalise',
  RECORD_REVIEW: 'record the review meeting',
  PROPOSE_AMENDMENT: 'propose an amendment',
  FINALISE_AMENDMENT: 'finalise the amendment',
  CEASE: 'cease the plan',
  SCHEDULE_REVIEW: 'schedule a review meeting',
  SEND_REVIEW_INVITATIONS: 'send the review invitations',
  CIRCULATE_REVIEW_ADVICE: 'circulate the review advice',
  SEND_REVIEW_REPORT: 'send the review report',
  DECIDE_AFTER_REVIEW: 'decide after the review',
};

/** What the starting status stands for, in words a caseworker recognises. */
const NEEDS: Record<AnyPlanEventType, string> = {
  DECIDE_TO_ASSESS: 'a request still awaiting a decision',
  DECIDE_NOT_TO_ASSESS: 'a request still awaiting a decision',
  ISSUE_DRAFT: 'a decision to assess first',
  DECIDE_NOT_TO_ISSUE: 'an assessment under way',
  FINALISE: 'a draft plan',
  RECORD_REVIEW: 'a final plan',
  PROPOSE_AMENDMENT: 'a final plan',
  FINALISE_AMENDMENT: 'a final plan',
  CEASE: 'a final plan',
  SCHEDULE_REVIEW: 'a final plan',
  SEND_REVIEW_INVITATIONS: 'a final plan',
  CIRCULATE_REVIEW_ADVICE: 'a final plan',
  SEND_REVIEW_REPORT: 'a final plan',
  DECIDE_AFTER_REVIEW: 'a final plan',
};

/** reg 12(1)(b), (e), (f), (i): needs, outcomes, provision and placement are in every final plan (the section registry). */
const REQUIRED_IN_FINAL: readonly SectionCode[] = SECTIONS_REQUIRED_IN_FINAL;

/** The statuses in which an episode has ended: a new request then starts the next episode. */
export const ENDED_STATUSES: readonly PlanStatus[] = ['NOT_ASSESSED', 'CEASED'];

/** Whether the episode is still open (a request, an assessment, a draft or a plan being maintained). */
export function isEpisodeOpen(status: PlanStatus): boolean {
  return !ENDED_STATUSES.includes(status);
}

const ok = (state: PlanState): TransitionResult => ({ ok: true, state });
const refuse = (event: AnyPlanEventType, problems: string[]): TransitionResult => ({
  ok: false,
  reason: `cannot ${VERB[event]}: ${problems.join('; ')}`,
});

function wrongStatus(event: AnyPlanEventType, status: PlanStatus): TransitionResult {
  const from = ALLOWED_FROM[event].join(' or ');
  return refuse(event, [`the plan is ${status}, and this needs ${NEEDS[event]} (${from})`]);
}

/** The latest date recorded in the episode: no step may be dated before it. */
export function latestMilestoneOf(state: PlanState): string {
  const r = state.review;
  return [
    state.requestReceivedOn,
    state.decisionOn,
    state.draftIssuedOn,
    state.finalIssuedOn,
    state.lastReviewOn,
    state.amendmentProposedOn,
    state.ceasedOn,
    r?.invitationsSentOn,
    r?.adviceCirculatedOn,
    r?.heldOn,
    r?.reportSentOn,
    state.lastReview?.decidedOn,
    state.phaseTransfer?.amendedOn,
  ]
    .filter((d): d is string => !!d)
    .reduce((a, b) => (a >= b ? a : b));
}

/** The advice requests of the episode still unanswered, oldest first. */
export function outstandingAdvice(requests: readonly AdviceRequestFact[]): AdviceRequestFact[] {
  return requests.filter((r) => !r.providedOn).sort((a, b) => a.requestedOn.localeCompare(b.requestedOn) || a.agency.localeCompare(b.agency));
}

/**
 * Whether the council may ask `agency` for advice on `requestedOn`. reg 6(1): advice is sought during the
 * assessment; the same agency is asked once at a time, so the 6-week clock of reg 8(1) and the
 * practitioner's worklist each name one request (a second would restart neither).
 */
export function checkAdviceRequest(
  state: PlanState,
  existing: readonly AdviceRequestFact[],
  agency: Agency,
  requestedOn: string,
): { ok: true } | { ok: false; reason: string } {
  assertIsoDate(requestedOn);
  const problems: string[] = [];
  if (state.status !== 'ASSESSING') problems.push(`the plan is ${state.status}: advice is requested during an assessment (reg 6(1))`);
  if (state.decisionOn && requestedOn < state.decisionOn) problems.push(`${requestedOn} is before the decision to assess (${state.decisionOn})`);
  const open = outstandingAdvice(existing).find((r) => r.agency === agency);
  if (open) problems.push(`advice from ${agency} requested on ${open.requestedOn} is still outstanding: record it before asking again`);
  return problems.length === 0 ? { ok: true } : { ok: false, reason: `cannot request advice: ${problems.join('; ')}` };
}

/**
 * A request for assessment (CFA s.36(1)) as an episode. With no earlier process it is episode 1; after
 * one that ended (NOT_ASSESSED, or CEASED: not issued or ceased to maintain) it is the next episode and
 * the old one stays as it was, so "plans ceased in the year" can be rebuilt. While a process is open, a
 * request is refused: the council already has a request to decide, an assessment, or a plan to review.
 */
export function startEpisode(previous: PlanState | null, receivedOn: string): TransitionResult {
  assertIsoDate(receivedOn);
  if (!previous) return ok({ episode: 1, status: 'REQUESTED', requestReceivedOn: receivedOn });
  if (isEpisodeOpen(previous.status)) {
    return {
      ok: false,
      reason:
        `cannot start a new request: episode ${previous.episode} (received ${previous.requestReceivedOn}) is ${previous.status}; ` +
        'a new request starts a new episode only after a decision not to assess, a decision not to issue, or the plan ceasing',
    };
  }
  const endedOn = latestMilestoneOf(previous);
  if (receivedOn < endedOn) {
    return { ok: false, reason: `cannot start a new request: ${receivedOn} is before episode ${previous.episode} ended (${endedOn})` };
  }
  return ok({ episode: previous.episode + 1, status: 'REQUESTED', requestReceivedOn: receivedOn });
}

/** What stops the plan's content being issued as a final (or amended final) plan. */
function contentProblems(facts: TransitionFacts): string[] {
  const problems: string[] = [];
  const missing = REQUIRED_IN_FINAL.filter((code) => !facts.presentSections.includes(code));
  if (missing.length > 0) problems.push(`${missing.length === 1 ? 'section' : 'sections'} ${missing.join(', ')} missing`);
  // reg 12(1)(i): section I names the school or institution, or at least its type; blank only in a draft.
  if (!missing.includes('I') && !facts.hasPlacement) problems.push('section I names no school, institution or type of setting');
  // reg 12(2): health provision in section G must be agreed by the responsible commissioning body (the ICB).
  if (facts.gHasProvision && !facts.gAgreedByIcb) problems.push('section G health provision not agreed by the ICB');
  return problems;
}

/** The family's comment period must have ended: `earliest` is the first day the plan may be issued. */
function commentPeriodProblem(what: string, earliest: string, today: string): string[] {
  return today < earliest ? [`the family's 15 days to comment on the ${what} have not ended (earliest ${earliest})`] : [];
}

/**
 * DRAFT → FINAL: CFA s.39/s.40 with reg 12 content and reg 13(1)(a) comment period; due by reg 13(2).
 * reg 6(1): the assessment rests on the advice the council sought, so every request must be answered first.
 */
function finalise(state: PlanState, facts: TransitionFacts): TransitionResult {
  const problems = contentProblems(facts);
  for (const r of outstandingAdvice(facts.adviceRequests)) problems.push(`advice from ${r.agency} requested on ${r.requestedOn} is still outstanding`);
  if (!state.draftIssuedOn) problems.push('no draft issue date is recorded');
  // reg 13(1)(a): at least 15 days, beginning with the day the draft was served, to comment and name a setting.
  else problems.push(...commentPeriodProblem('draft', earliestFinalOn(state.draftIssuedOn), facts.today));
  if (problems.length > 0) return refuse('FINALISE', problems);
  return ok({ ...state, status: 'FINAL', finalIssuedOn: facts.today });
}

/** reg 22(2)(a): the council sends the plan with a notice of proposed amendments; one proposal at a time. */
function proposeAmendment(state: PlanState, facts: TransitionFacts): TransitionResult {
  if (state.amendmentProposedOn) {
    return refuse('PROPOSE_AMENDMENT', [`amendments proposed on ${state.amendmentProposedOn} are not yet finalised`]);
  }
  return ok({ ...state, amendmentProposedOn: facts.today });
}

/**
 * reg 22(3): the amended plan is issued within 8 weeks of the proposal (a deadline the clock reports, not a
 * bar: a late amendment must still be issued). reg 22(1) applies reg 12 to the amended plan, and
 * reg 22(2)(c) gives the family at least 15 days to comment first. reg 18: an amended plan issued for a
 * pending phase transfer completes it.
 */
function finaliseAmendment(state: PlanState, facts: TransitionFacts, event: PlanEvent): TransitionResult {
  if (!state.amendmentProposedOn) return refuse('FINALISE_AMENDMENT', ['no amendment has been proposed']);
  const problems = contentProblems(facts);
  problems.push(...commentPeriodProblem('proposed amendments', earliestAmendmentFinalOn(state.amendmentProposedOn), facts.today));
  if (problems.length > 0) return refuse('FINALISE_AMENDMENT', problems);
  const transfer = state.phaseTransfer;
  const forTransfer =
    !!transfer && !transfer.amendedOn && event.forPhaseTransfer !== false && (event.forPhaseTransfer === true || facts.today >= phaseTransferWindowOpensOn(transfer.year));
  return ok({
    ...state,
    amendmentProposedOn: null,
    ...(forTransfer ? { phaseTransfer: { ...transfer, amendedOn: facts.today } } : {}),
  });
}

/** reg 20: a review meeting is set; one review at a time, and the meeting is not dated in the past. */
function scheduleReview(state: PlanState, facts: TransitionFacts, event: PlanEvent): TransitionResult {
  const meetingOn = event.meetingOn;
  if (!meetingOn || !isIsoDate(meetingOn)) return refuse('SCHEDULE_REVIEW', ['the date of the review meeting is needed (YYYY-MM-DD)']);
  const problems: string[] = [];
  const open = state.review;
  if (open?.heldOn) problems.push(`the review meeting held on ${open.heldOn} still awaits the council's decision (reg 20(10))`);
  else if (open) problems.push(`a review meeting is already set for ${open.meetingOn}`);
  if (meetingOn < facts.today) problems.push(`the meeting date ${meetingOn} is before today (${facts.today})`);
  if (problems.length > 0) return refuse('SCHEDULE_REVIEW', problems);
  return ok({ ...state, review: { meetingOn } });
}

/** The review cycle an intermediate step needs, or the refusal naming what is missing. */
function openCycle(event: AnyPlanEventType, state: PlanState, held: boolean): ReviewCycle | TransitionResult {
  const r = state.review;
  if (!r) return refuse(event, ['no review meeting has been set (SCHEDULE_REVIEW)']);
  if (held && !r.heldOn) return refuse(event, [`the review meeting set for ${r.meetingOn} has not been held`]);
  if (!held && r.heldOn) return refuse(event, [`the review meeting was already held on ${r.heldOn}`]);
  return r;
}

const isRefusal = (x: ReviewCycle | TransitionResult): x is TransitionResult => 'ok' in x;

/** reg 20(1), (3): the parent or young person and the professionals are invited, with two weeks' notice. */
function sendReviewInvitations(state: PlanState, facts: TransitionFacts): TransitionResult {
  const r = openCycle('SEND_REVIEW_INVITATIONS', state, false);
  if (isRefusal(r)) return r;
  if (r.invitationsSentOn) return refuse('SEND_REVIEW_INVITATIONS', [`invitations were already sent on ${r.invitationsSentOn}`]);
  return ok({ ...state, review: { ...r, invitationsSentOn: facts.today } });
}

/** reg 20(4): advice and information from those invited is gathered and circulated before the meeting. */
function circulateReviewAdvice(state: PlanState, facts: TransitionFacts): TransitionResult {
  const r = openCycle('CIRCULATE_REVIEW_ADVICE', state, false);
  if (isRefusal(r)) return r;
  const problems: string[] = [];
  if (!r.invitationsSentOn) problems.push('the invitations have not been sent (reg 20(3)): advice is gathered from those invited');
  if (r.adviceCirculatedOn) problems.push(`the advice was already circulated on ${r.adviceCirculatedOn}`);
  if (problems.length > 0) return refuse('CIRCULATE_REVIEW_ADVICE', problems);
  return ok({ ...state, review: { ...r, adviceCirculatedOn: facts.today } });
}

/**
 * CFA s.44(1), reg 20(1): the review meeting was held; the 12-month clock restarts from it. Invitations
 * and the advice must have gone out first; late ones show as missed deadlines, absent ones refuse the step.
 */
function recordReview(state: PlanState, facts: TransitionFacts): TransitionResult {
  const r = openCycle('RECORD_REVIEW', state, false);
  if (isRefusal(r)) return r;
  const problems: string[] = [];
  if (!r.invitationsSentOn) problems.push('the invitations have not been sent (reg 20(1), (3))');
  if (!r.adviceCirculatedOn) problems.push('the advice gathered has not been circulated (reg 20(4))');
  if (problems.length > 0) return refuse('RECORD_REVIEW', problems);
  return ok({ ...state, lastReviewOn: facts.today, review: { ...r, heldOn: facts.today } });
}

/** reg 20(7), (8): the report of the meeting, with its recommendations, goes to everyone invited. */
function sendReviewReport(state: PlanState, facts: TransitionFacts): TransitionResult {
  const r = openCycle('SEND_REVIEW_REPORT', state, true);
  if (isRefusal(r)) return r;
  if (r.reportSentOn) return refuse('SEND_REVIEW_REPORT', [`the report was already sent on ${r.reportSentOn}`]);
  return ok({ ...state, review: { ...r, reportSentOn: facts.today } });
}

/**
 * reg 20(10): within 4 weeks of the meeting the council decides to keep, amend or cease the plan and tells
 * the family. AMEND sends the notice of proposed amendments with the decision (reg 22(2)(a)), starting the
 * 8 weeks of reg 22(3); CEASE records the decision, and the plan ends with the CEASE step once the family's
 * appeal rights allow (CFA s.45).
 */
function decideAfterReview(state: PlanState, facts: TransitionFacts, event: PlanEvent): TransitionResult {
  const r = openCycle('DECIDE_AFTER_REVIEW', state, true);
  if (isRefusal(r)) return r;
  const decision = event.decision;
  const problems: string[] = [];
  if (!decision || !REVIEW_DECISIONS.includes(decision)) problems.push(`the decision is needed: one of ${REVIEW_DECISIONS.join(', ')}`);
  if (!r.reportSentOn) problems.push('the review report has not been sent (reg 20(7), (8))');
  if (decision === 'AMEND' && state.amendmentProposedOn) problems.push(`amendments proposed on ${state.amendmentProposedOn} are not yet finalised`);
  if (problems.length > 0 || !decision) return refuse('DECIDE_AFTER_REVIEW', problems);
  return ok({
    ...state,
    review: null,
    lastReview: { heldOn: r.heldOn!, decision, decidedOn: facts.today },
    ...(decision === 'AMEND' ? { amendmentProposedOn: facts.today } : {}),
  });
}

const HANDLERS: Record<AnyPlanEventType, Handler> = {
  // CFA s.36(8), reg 5(1): the council decides to secure an EHC needs assessment.
  DECIDE_TO_ASSESS: (state, facts) => ok({ ...state, status: 'ASSESSING', decisionOn: facts.today }),
  // reg 5(1), (3): decision not to assess, with appeal rights; the episode ends.
  DECIDE_NOT_TO_ASSESS: (state, facts) => ok({ ...state, status: 'NOT_ASSESSED', decisionOn: facts.today }),
  // CFA s.37(1), s.38(1): a draft follows an assessment, never precedes the decision to assess.
  ISSUE_DRAFT: (state, facts) => ok({ ...state, status: 'DRAFT', draftIssuedOn: facts.today }),
  // CFA s.36(9), reg 10(1): after assessment, no plan is needed; modelled as CEASED with reason NOT_ISSUED,
  // since NOT_ASSESSED would misreport that no assessment took place.
  DECIDE_NOT_TO_ISSUE: (state, facts) => ok({ ...state, status: 'CEASED', ceasedReason: 'NOT_ISSUED', ceasedOn: facts.today }),
  FINALISE: finalise,
  RECORD_REVIEW: recordReview,
  PROPOSE_AMENDMENT: proposeAmendment,
  FINALISE_AMENDMENT: finaliseAmendment,
  // CFA s.45, reg 29-31: the council ceases to maintain the plan; any pending amendment or review lapses.
  CEASE: (state, facts) =>
    ok({ ...state, status: 'CEASED', ceasedReason: 'CEASED_TO_MAINTAIN', ceasedOn: facts.today, amendmentProposedOn: null, review: null }),
  SCHEDULE_REVIEW: scheduleReview,
  SEND_REVIEW_INVITATIONS: sendReviewInvitations,
  CIRCULATE_REVIEW_ADVICE: circulateReviewAdvice,
  SEND_REVIEW_REPORT: sendReviewReport,
  DECIDE_AFTER_REVIEW: decideAfterReview,
};

/**
 * Apply one event to a plan. Returns the new state, or a refusal whose reason names everything missing
 * (for example "cannot finalise: sections E, I missing"). Never mutates `state`.
 * Throws RangeError if `facts.today` is not an ISO date (a caller bug, not a refusal).
 */
export function applyPlanTransition(state: PlanState, event: PlanEvent, facts: TransitionFacts): TransitionResult {
  assertIsoDate(facts.today);
  // Events can arrive from outside (GraphQL input): an unknown name, even "toString", is refused.
  if (!Object.hasOwn(HANDLERS, event.type)) return { ok: false, reason: `unknown plan event: ${String(event.type)}` };
  if (!ALLOWED_FROM[event.type].includes(state.status)) return wrongStatus(event.type, state.status);
  const latest = latestMilestoneOf(state);
  if (facts.today < latest) return refuse(event.type, [`${facts.today} is before ${latest}, an earlier step of this process`]);
  return HANDLERS[event.type](state, facts, event);
}
