/**
 * The EHC process: request, decision, advice, draft, final plan, review, amendment, cessation, with
 * the statutory clock computed from recorded milestones (src/plan/statutory-clock.ts) and transitions
 * checked by src/plan/plan-transitions.ts.
 */
import { IDENTITY_GUARD, type FieldGuard, type ScopedData, type VisibleChild } from '../../src/access/scoped-data.js';
import type { PlanRow } from '../../src/access/loaders.js';
import type { Agency, ClockExceptionReason, SectionCode } from '../../src/domain/vocabulary.js';
import { badInput, conflict, forbidden, notFound } from '../../src/platform/errors.js';
import { applyPlanTransition, type PlanEventType, type PlanState } from '../../src/domain/plan-transitions.js';
import { addWeeks, computeStatutoryDeadlines, type PhaseTransfer } from '../../src/domain/statutory-clock.js';
import { isProcessOverdue } from '../../src/domain/process-deadlines.js';
import { requireCoordinatedChild } from '../child/child.service.js';
import * as store from './plan.store.js';
import type { AdviceRequestType, EhcPlanType } from './plan.types.js';

/**
 * Process dates and status are shared with everyone who has a relationship with the child: joint
 * working on the assessment needs them (CFA 2014 s.25, s.28), and they carry no clinical content.
 */
const PLAN_GUARD: FieldGuard = IDENTITY_GUARD;

const today = (data: ScopedData) => data.now.toISOString().slice(0, 10);

export async function planOf(data: ScopedData, child: VisibleChild): Promise<EhcPlanType | null> {
  const row = await data.loaders.plan.load(child.id);
  if (!row) return null;
  const [advice, exceptions] = await Promise.all([data.loaders.adviceRequests.load(child.id), data.loaders.clockExceptions.load(child.id)]);
  const deadlines = computeStatutoryDeadlines({
    requestReceivedOn: row.requestReceivedOn,
    draftIssuedOn: row.draftIssuedOn,
    finalIssuedOn: row.finalIssuedOn,
    lastReviewOn: row.lastReviewOn,
    amendmentProposedOn: row.amendmentProposedOn,
    phaseTransfer: row.phaseTransfer as PhaseTransfer | null,
    phaseTransferYear: row.phaseTransferYear,
  });
  const now = today(data);
  const plan: EhcPlanType = {
    ...row,
    decisionDue: deadlines.decisionDue,
    notToIssueDue: deadlines.notToIssueDue,
    finalPlanDue: deadlines.finalPlanDue,
    draftCommentsCloseOn: deadlines.draftCommentsCloseOn,
    nextReviewDue: deadlines.nextReviewDue,
    amendmentDue: deadlines.amendmentDue,
    phaseTransferDue: deadlines.phaseTransferDue,
    overdue: isProcessOverdue({ ...toState(row), adviceRequests: advice }, now),
    adviceRequests: advice.map((a) => adviceView(a, now)),
    clockExceptions: exceptions.map((e) => ({ reason: e.reason, fromOn: e.fromOn, toOn: e.toOn })),
  };
  return data.release(child, PLAN_GUARD, plan);
}

function adviceView(a: { id: string; childId: string; agency: Agency; requestedOn: string; providedOn: string | null }, now: string): AdviceRequestType {
  const dueOn = addWeeks(a.requestedOn, 6); // reg 8(1): advice within 6 weeks of the request
  return { ...a, dueOn, overdue: a.providedOn === null && now > dueOn };
}

function checkDate(field: string, on: string, notBefore: string | null, now: string): void {
  if (on > now) throw badInput(field, 'is in the future');
  if (notBefore && on < notBefore) throw badInput(field, `is before ${notBefore}, an earlier step of this process`);
}

/** CFA 2014 s.36(1): a request for an EHC needs assessment starts the 20-week clock. */
export async function requestAssessment(data: ScopedData, childId: string, receivedOn: string): Promise<EhcPlanType> {
  const child = await requireCoordinatedChild(data, childId);
  checkDate('receivedOn', receivedOn, child.dateOfBirth, today(data));
  const started = await data.write((tx) => store.startPlan(tx, child.id, receivedOn));
  if (!started) throw conflict('An EHC process is already open for this child');
  data.noteAction(child.id, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'] });
  data.forget(child.id);
  return (await planOf(data, child))!;
}

export interface AdvanceOptions {
  phaseTransfer?: PhaseTransfer | null;
  phaseTransferYear?: number | null;
}

/** Moves the process one step; an illegal step is BAD_USER_INPUT naming what is missing. */
export async function advancePlan(data: ScopedData, childId: string, event: PlanEventType, on: string, options: AdvanceOptions = {}): Promise<EhcPlanType> {
  const child = await requireCoordinatedChild(data, childId);
  const row = await data.loaders.plan.load(child.id);
  if (!row) throw badInput('childId', 'no assessment has been requested for this child');
  checkDate('on', on, latestMilestone(row), today(data));
  const adviceRequests = await data.loaders.adviceRequests.load(child.id);
  const result = applyPlanTransition(toState(row), { type: event }, { ...(await contentFacts(data, child)), adviceRequests, today: on });
  if (!result.ok) throw badInput('event', result.reason);
  const changes = toChanges(event, result.state, on, options);
  const applied = await data.write((tx) => store.updatePlan(tx, child.id, row.status, changes));
  if (!applied) throw conflict('The plan changed while you were updating it: reload and try again');
  data.noteAction(child.id, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'] });
  data.forget(child.id);
  return (await planOf(data, child))!;
}

function latestMilestone(row: PlanRow): string {
  return [row.requestReceivedOn, row.decisionOn, row.draftIssuedOn, row.finalIssuedOn, row.lastReviewOn, row.amendmentProposedOn]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1)!;
}

function toState(row: PlanRow): PlanState {
  return {
    episode: 1, // until plans has an episode column
    status: row.status,
    requestReceivedOn: row.requestReceivedOn,
    decisionOn: row.decisionOn,
    ceasedOn: row.ceasedOn,
    draftIssuedOn: row.draftIssuedOn,
    finalIssuedOn: row.finalIssuedOn,
    lastReviewOn: row.lastReviewOn,
    amendmentProposedOn: row.amendmentProposedOn,
    ceasedReason: row.ceasedReason as PlanState['ceasedReason'],
  };
}

function toChanges(event: PlanEventType, s: PlanState, on: string, options: AdvanceOptions): Partial<PlanRow> {
  const decided = event === 'DECIDE_TO_ASSESS' || event === 'DECIDE_NOT_TO_ASSESS';
  const ended = s.status === 'CEASED';
  return {
    status: s.status,
    draftIssuedOn: s.draftIssuedOn ?? null,
    finalIssuedOn: s.finalIssuedOn ?? null,
    lastReviewOn: s.lastReviewOn ?? null,
    amendmentProposedOn: s.amendmentProposedOn ?? null,
    ceasedReason: s.ceasedReason ?? null,
    ...(decided ? { decisionOn: on } : {}),
    ...(ended ? { ceasedOn: on } : {}),
    ...(options.phaseTransfer !== undefined ? { phaseTransfer: options.phaseTransfer, phaseTransferYear: options.phaseTransferYear ?? null } : {}),
  };
}

/** What the plan's current sections say, for the finalisation checks of reg 12. */
async function contentFacts(data: ScopedData, child: VisibleChild) {
  const heads = await data.loaders.sectionHeads.load(child.id);
  const head = (code: SectionCode) => heads.find((h) => h.code === code);
  const [placement, gProvision, gAgreement] = await Promise.all([
    head('I') ? data.loaders.placements.load(head('I')!.currentVersionId) : [],
    head('G') ? data.loaders.provisions.load(head('G')!.currentVersionId) : [],
    head('G') ? data.loaders.healthAgreements.load(head('G')!.currentVersionId) : [],
  ]);
  return {
    presentSections: heads.map((h) => h.code),
    hasPlacement: placement.length > 0,
    gHasProvision: gProvision.length > 0,
    gAgreedByIcb: gAgreement[0]?.agreedByIcb === true,
  };
}

/** reg 6(1): during the assessment the council seeks health and social care advice. */
export async function requestAdvice(data: ScopedData, childId: string, agency: Agency, requestedOn: string): Promise<AdviceRequestType> {
  const child = await requireCoordinatedChild(data, childId);
  const row = await data.loaders.plan.load(child.id);
  if (row?.status !== 'ASSESSING') throw badInput('childId', 'advice is requested during an assessment (reg 6(1)); decide to assess first');
  checkDate('requestedOn', requestedOn, row.decisionOn, today(data));
  const id = await data.write((tx) => store.insertAdviceRequest(tx, child.id, agency, requestedOn));
  data.noteAction(child.id, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'] });
  return adviceView({ id, childId: child.id, agency, requestedOn, providedOn: null }, today(data));
}

/** The agency asked records that its advice was given (reg 8). */
export async function provideAdvice(data: ScopedData, childId: string, adviceRequestId: string, providedOn: string): Promise<AdviceRequestType> {
  const child = await data.requireChild(childId);
  const request = (await data.loaders.adviceRequests.load(child.id)).find((a) => a.id === adviceRequestId);
  if (!request) throw notFound('advice request');
  const { actor } = data;
  if (actor.role !== 'PRACTITIONER' || actor.agency !== request.agency || !child.careTeam.some((m) => m.org === actor.org)) {
    throw forbidden('Only a practitioner of the agency asked, on the care team, records its advice');
  }
  checkDate('providedOn', providedOn, request.requestedOn, today(data));
  await data.write((tx) => store.markAdviceProvided(tx, request.id, providedOn));
  data.noteAction(child.id, 'WRITE', 'OWNER', { categories: ['IDENTITY'] });
  return adviceView({ ...request, providedOn }, today(data));
}

/** reg 5(4), 10(4), 13(3): circumstances in which the time limits do not bind the council. */
export async function recordClockException(data: ScopedData, childId: string, reason: ClockExceptionReason, fromOn: string, toOn: string): Promise<EhcPlanType> {
  const child = await requireCoordinatedChild(data, childId);
  const row = await data.loaders.plan.load(child.id);
  if (!row) throw badInput('childId', 'no assessment has been requested for this child');
  if (toOn < fromOn) throw badInput('toOn', 'is before fromOn');
  checkDate('fromOn', fromOn, row.requestReceivedOn, '9999-12-31');
  await data.write((tx) => store.insertClockException(tx, { childId: child.id, reason, fromOn, toOn, recordedBySub: data.actor.sub }));
  data.noteAction(child.id, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'] });
  data.forget(child.id);
  return (await planOf(data, child))!;
}

/** A practitioner's outstanding advice requests, for children on their organisation's care teams. */
export async function myAdviceRequests(data: ScopedData): Promise<AdviceRequestType[]> {
  const { actor } = data;
  if (actor.role !== 'PRACTITIONER' || !actor.agency) return [];
  const rows = await store.outstandingAdviceFor(data.tx, actor.agency, actor.org);
  const children = await data.visibleChildren([...new Set(rows.map((r) => r.childId))]);
  const out: AdviceRequestType[] = [];
  for (const child of children) {
    await data.release(child, PLAN_GUARD, child.id);
    const requests = await data.loaders.adviceRequests.load(child.id);
    for (const r of requests) if (r.agency === actor.agency && r.providedOn === null) out.push(adviceView(r, today(data)));
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
