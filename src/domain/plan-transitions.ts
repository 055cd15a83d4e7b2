/**
 * The EHC plan lifecycle as a small state machine over PlanStatus:
 *
 *   REQUESTED ─DECIDE_TO_ASSESS→ ASSESSING ─ISSUE_DRAFT→ DRAFT ─FINALISE→ FINAL ─CEASE→ CEASED
 *       └─DECIDE_NOT_TO_ASSESS→ NOT_ASSESSED    └─DECIDE_NOT_TO_ISSUE→ CEASED (reason NOT_ISSUED)
 *   FINAL also takes RECORD_REVIEW, PROPOSE_AMENDMENT and FINALISE_AMENDMENT and stays FINAL.
 *
 * Pure: the caller passes the facts it holds (sections present, placement, ICB agreement, today) and
 * stores the new state; a refusal names everything that is missing in one message.
 * Sources: Children and Families Act 2014 (CFA) and SEND Regulations 2014 (SI 2014/1530, "reg").
 */
import { SECTIONS_REQUIRED_IN_FINAL } from './sections.js';
import type { PlanStatus, SectionCode } from './vocabulary.js';
import { amendmentCommentsCloseOn, assertIsoDate, draftCommentsCloseOn } from './statutory-clock.js';

/** Why a process ended in CEASED: no plan after assessment (reg 10(1)), or a plan ceased (CFA s.45). */
export type CeasedReason = 'NOT_ISSUED' | 'CEASED_TO_MAINTAIN';

/** The lifecycle part of a plan; dates are ISO `YYYY-MM-DD`. */
export interface PlanState {
  status: PlanStatus;
  draftIssuedOn?: string | null;
  finalIssuedOn?: string | null;
  lastReviewOn?: string | null;
  /** Proposed amendments sent to the family and not yet finalised (reg 22(2)(a)). */
  amendmentProposedOn?: string | null;
  ceasedReason?: CeasedReason | null;
}

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
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

/** A step in the plan process; every event takes effect on `facts.today`. */
export type PlanEvent = { readonly type: PlanEventType };

/** What the caller knows about the plan's content when it asks for a transition. */
export interface TransitionFacts {
  presentSections: readonly SectionCode[];
  /** Section I names a school or other institution, or at least its type (reg 12(1)(i)). */
  hasPlacement: boolean;
  gHasProvision: boolean;
  gAgreedByIcb: boolean;
  today: string;
}

export type TransitionResult = { ok: true; state: PlanState } | { ok: false; reason: string };

type Handler = (state: PlanState, facts: TransitionFacts) => TransitionResult;

/** The only statuses each event may start from; anything else is refused. */
export const ALLOWED_FROM: Readonly<Record<PlanEventType, readonly PlanStatus[]>> = {
  DECIDE_TO_ASSESS: ['REQUESTED'],
  DECIDE_NOT_TO_ASSESS: ['REQUESTED'],
  ISSUE_DRAFT: ['ASSESSING'],
  DECIDE_NOT_TO_ISSUE: ['ASSESSING'],
  FINALISE: ['DRAFT'],
  RECORD_REVIEW: ['FINAL'],
  PROPOSE_AMENDMENT: ['FINAL'],
  FINALISE_AMENDMENT: ['FINAL'],
  CEASE: ['FINAL'],
};

const VERB: Record<PlanEventType, string> = {
  DECIDE_TO_ASSESS: 'decide to assess',
  DECIDE_NOT_TO_ASSESS: 'decide not to assess',
  ISSUE_DRAFT: 'issue a draft',
  DECIDE_NOT_TO_ISSUE: 'decide not to issue a plan',
  FINALISE: 'finalise',
  RECORD_REVIEW: 'record a review',
  PROPOSE_AMENDMENT: 'propose an amendment',
  FINALISE_AMENDMENT: 'finalise the amendment',
  CEASE: 'cease the plan',
};

/** What the starting status stands for, in words a caseworker recognises. */
const NEEDS: Record<PlanEventType, string> = {
  DECIDE_TO_ASSESS: 'a request still awaiting a decision',
  DECIDE_NOT_TO_ASSESS: 'a request still awaiting a decision',
  ISSUE_DRAFT: 'a decision to assess first',
  DECIDE_NOT_TO_ISSUE: 'an assessment under way',
  FINALISE: 'a draft plan',
  RECORD_REVIEW: 'a final plan',
  PROPOSE_AMENDMENT: 'a final plan',
  FINALISE_AMENDMENT: 'a final plan',
  CEASE: 'a final plan',
};

/** reg 12(1)(b), (e), (f), (i): needs, outcomes, provision and placement are in every final plan (the section registry). */
const REQUIRED_IN_FINAL: readonly SectionCode[] = SECTIONS_REQUIRED_IN_FINAL;

const ok = (state: PlanState): TransitionResult => ({ ok: true, state });
const refuse = (event: PlanEventType, problems: string[]): TransitionResult => ({
  ok: false,
  reason: `cannot ${VERB[event]}: ${problems.join('; ')}`,
});

function wrongStatus(event: PlanEventType, status: PlanStatus): TransitionResult {
  const from = ALLOWED_FROM[event].join(' or ');
  return refuse(event, [`the plan is ${status}, and this needs ${NEEDS[event]} (${from})`]);
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

/** The family's comment period must have ended: `closesOn` is the first day the plan may be issued. */
function commentPeriodProblem(what: string, closesOn: string, today: string): string[] {
  return today < closesOn ? [`the family's 15 days to comment on the ${what} have not ended (earliest ${closesOn})`] : [];
}

/** DRAFT → FINAL: CFA s.39/s.40 with reg 12 content and reg 13(1)(a) comment period; due by reg 13(2). */
function finalise(state: PlanState, facts: TransitionFacts): TransitionResult {
  const problems = contentProblems(facts);
  if (!state.draftIssuedOn) problems.push('no draft issue date is recorded');
  // reg 13(1)(a): at least 15 days, beginning with the day the draft was served, to comment and name a setting.
  else problems.push(...commentPeriodProblem('draft', draftCommentsCloseOn(state.draftIssuedOn), facts.today));
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
 * reg 22(2)(c) gives the family at least 15 days to comment first.
 */
function finaliseAmendment(state: PlanState, facts: TransitionFacts): TransitionResult {
  if (!state.amendmentProposedOn) return refuse('FINALISE_AMENDMENT', ['no amendment has been proposed']);
  const problems = contentProblems(facts);
  problems.push(...commentPeriodProblem('proposed amendments', amendmentCommentsCloseOn(state.amendmentProposedOn), facts.today));
  if (problems.length > 0) return refuse('FINALISE_AMENDMENT', problems);
  return ok({ ...state, amendmentProposedOn: null });
}

const HANDLERS: Record<PlanEventType, Handler> = {
  // CFA s.36(8), reg 5(1): the council decides to secure an EHC needs assessment.
  DECIDE_TO_ASSESS: (state) => ok({ ...state, status: 'ASSESSING' }),
  // reg 5(1), (3): decision not to assess, with appeal rights; the process ends.
  DECIDE_NOT_TO_ASSESS: (state) => ok({ ...state, status: 'NOT_ASSESSED' }),
  // CFA s.37(1), s.38(1): a draft follows an assessment, never precedes the decision to assess.
  ISSUE_DRAFT: (state, facts) => ok({ ...state, status: 'DRAFT', draftIssuedOn: facts.today }),
  // CFA s.36(9), reg 10(1): after assessment, no plan is needed; modelled as CEASED with reason NOT_ISSUED,
  // since NOT_ASSESSED would misreport that no assessment took place.
  DECIDE_NOT_TO_ISSUE: (state) => ok({ ...state, status: 'CEASED', ceasedReason: 'NOT_ISSUED' }),
  FINALISE: finalise,
  // CFA s.44(1): each review restarts the 12-month review clock; the plan stays FINAL.
  RECORD_REVIEW: (state, facts) => ok({ ...state, lastReviewOn: facts.today }),
  PROPOSE_AMENDMENT: proposeAmendment,
  FINALISE_AMENDMENT: finaliseAmendment,
  // CFA s.45, reg 29-31: the council ceases to maintain the plan; any pending amendment lapses.
  CEASE: (state) => ok({ ...state, status: 'CEASED', ceasedReason: 'CEASED_TO_MAINTAIN', amendmentProposedOn: null }),
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
  return HANDLERS[event.type](state, facts);
}
