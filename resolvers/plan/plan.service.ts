/**
 * The EHC process: request, decision, advice, draft, final plan, review, amendment, cessation. The
 * rules are pure (src/domain/plan-transitions.ts, statutory-clock.ts) and applied by the store inside
 * the request's transaction; who may act is the action table's (policies/actions.ts).
 */
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import type { AnyPlanEventType } from '../../src/domain/plan-transitions.js';
import type {
  Agency, ClockExceptionReason, DataCategory, FamilyRelationship, PersonalBudgetDecision, PersonalBudgetForm, PhaseTransfer, RequestSource, ReviewDecision, SectionCode,
} from '../../src/domain/vocabulary.js';
import { badInput, conflict, forbidden, notFound } from '../../src/platform/errors.js';
import { checkEntries } from '../../src/domain/entries.js';
import type { SectionEntryInput } from '../sections/section.types.js';
import { adviceEntryGuard, budgetGuard, planGuard } from './plan.guards.js';
import type { DecidePreferenceInput, StatePreferenceInput } from './plan.types.js';
import * as store from './plan.store.js';

export type SealedPlan = Sealed<store.PlanRow>;

/** The section whose categories an agency's advice takes (reg 6: health advice as C, social care as D, the rest as K). */
const ADVICE_SECTION: Record<Agency, SectionCode> = { HEALTH: 'C', SOCIAL_CARE: 'D', EDUCATION: 'K' };

export async function adviceGivenIn(data: ScopedData, advice: SealedAdvice) {
  return data.partition(await data.load(advice, store.adviceEntryRows), adviceEntryGuard);
}
export type SealedAdvice = Sealed<store.AdviceRequestRow>;

/** The child's process, or null; CONSENT_REQUIRED (whether or not there is one) when only a consent could release it. */
export async function planOf(data: ScopedData, child: ChildRef): Promise<SealedPlan | null> {
  data.assertReleasable(child, () => planGuard({ councilOrg: null }));
  const [plan] = await data.load(child, store.planRows);
  return plan ?? null;
}

/** Every episode of the child's process, oldest first, the current one last. */
export async function planHistoryOf(data: ScopedData, child: ChildRef): Promise<SealedPlan[]> {
  data.assertReleasable(child, () => planGuard({ councilOrg: null }));
  const [ended, current] = await Promise.all([data.load(child, store.endedEpisodeRows), data.load(child, store.planRows)]);
  return [...ended, ...current];
}

/** The advice requests of the episode. */
export async function adviceRequestsOf(data: ScopedData, plan: SealedPlan): Promise<SealedAdvice[]> {
  return data.load(plan, store.adviceRequestRows);
}

/** The child an advice request is for (a practitioner's worklist names the child through the data path). */
export function childOfAdvice(data: ScopedData, advice: SealedAdvice): ChildRef {
  const child = data.childOfRow(advice);
  if (!child) throw notFound('advice request');
  return child;
}

/** Runs a store step, turning its refusals into BAD_USER_INPUT and CONFLICT (nothing written). */
async function step<A>(data: ScopedData, writer: (db: never, args: A) => Promise<unknown>, args: A): Promise<void> {
  try {
    await data.write(writer as never, args);
  } catch (error) {
    if (error instanceof store.PlanRefusal) throw badInput(error.field, error.message);
    if (error instanceof store.PlanConflict) throw conflict('The plan changed while you were updating it: reload and try again');
    if (error instanceof store.ProcessAlreadyOpen) throw conflict(`An EHC process is already open for this child: ${error.message}`);
    throw error;
  }
}

async function coordinatedChild(data: ScopedData, childId: string): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('plan.manage', { child });
  return child;
}

async function afterWrite(data: ScopedData, child: ChildRef): Promise<SealedPlan> {
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'] });
  data.forget(child);
  return (await planOf(data, await data.requireChild(child.id)))!;
}

export interface AssessmentRequestOptions {
  source?: RequestSource | null;
  requestedBy?: FamilyRelationship | null;
}

/**
 * CFA 2014 s.36(1): a request for an EHC needs assessment starts the 20-week clock, as episode 1 or, after
 * an ended episode, as the next (the ended one is kept).
 */
export async function requestAssessment(data: ScopedData, childId: string, receivedOn: string, options: AssessmentRequestOptions = {}): Promise<SealedPlan> {
  const child = await coordinatedChild(data, childId);
  await step(data, store.startPlan, {
    childId: child.id, receivedOn, dateOfBirth: data.dateOfBirthOf(child), today: data.today, councilOrg: data.actor.org,
    source: options.source ?? null, requestedBy: options.requestedBy ?? null, youngPersonLacksCapacity: data.youngPersonLacksCapacity(child),
  });
  return afterWrite(data, child);
}

export interface AdvanceOptions {
  phaseTransfer?: PhaseTransfer | null;
  phaseTransferYear?: number | null;
  /** SCHEDULE_REVIEW: the date set for the meeting. */
  meetingOn?: string | null;
  /** DECIDE_AFTER_REVIEW: keep, amend or cease (reg 20(10)). */
  decision?: ReviewDecision | null;
  /** FINALISE_AMENDMENT: whether it is the amendment for the pending phase transfer (reg 18). */
  forPhaseTransfer?: boolean | null;
}

/** Moves the process one step; an illegal step is BAD_USER_INPUT naming what is missing. */
export async function advancePlan(data: ScopedData, childId: string, event: AnyPlanEventType, on: string, options: AdvanceOptions = {}): Promise<SealedPlan> {
  const child = await coordinatedChild(data, childId);
  await step(data, store.advancePlan, { childId: child.id, event, on, today: data.today, councilOrg: data.actor.org, ...options });
  return afterWrite(data, child);
}

/** reg 5(4), 10(4), 13(3): circumstances in which the time limits do not bind the council, with their evidence. */
export async function recordClockException(
  data: ScopedData, childId: string, reason: ClockExceptionReason, fromOn: string, toOn: string, evidenceNote: string,
): Promise<SealedPlan> {
  const child = await coordinatedChild(data, childId);
  await step(data, store.recordClockException, { childId: child.id, reason, fromOn, toOn, evidenceNote, recordedBySub: data.actor.sub, today: data.today });
  return afterWrite(data, child);
}

async function adviceById(data: ScopedData, child: ChildRef, id: string): Promise<SealedAdvice> {
  const plan = (await planOf(data, child))!;
  const [request] = data.where(await adviceRequestsOf(data, plan), (r) => r.id === id);
  return request!;
}

/**
 * reg 6(1): during the assessment the council seeks advice from an agency, optionally from one organisation
 * of it on the child's care team; one open request per agency (a second is refused naming the first).
 */
export async function requestAdvice(data: ScopedData, childId: string, agency: Agency, requestedOn: string, org?: string | null): Promise<SealedAdvice> {
  const child = await coordinatedChild(data, childId);
  const code = org?.trim().toUpperCase() || null;
  if (code && data.careTeamAgencyOf(child, code) !== agency) throw badInput('org', `${code} is not on this child's care team for ${agency}`);
  let id = '';
  try {
    id = await data.write(store.requestAdvice, { childId: child.id, agency, org: code, requestedOn, today: data.today });
  } catch (error) {
    if (error instanceof store.PlanRefusal) throw badInput(error.field, error.message);
    throw error;
  }
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'] });
  data.forget(child);
  return adviceById(data, await data.requireChild(child.id), id);
}

/**
 * The agency asked gives its advice (reg 8), the advice itself: entries kept as its own appendix of
 * section K, owned by its organisation and released under each entry's category (the agency's sections'
 * default, raised to the sensitive variant where the author says so).
 */
export async function provideAdvice(
  data: ScopedData, childId: string, adviceRequestId: string, providedOn: string, advice: readonly SectionEntryInput[],
): Promise<SealedAdvice> {
  const missing = () => notFound('advice request');
  const child = await data.requireChildOf((db) => store.childOfAdviceRequest(db, adviceRequestId), missing);
  if (child.id !== childId) throw missing();
  data.assertCan('advice.provide', { child });
  const agency = data.actor.agency;
  if (!agency) throw forbidden('Only a practitioner of the agency asked, on the care team, records its advice');
  const checked = checkEntries(ADVICE_SECTION[agency], advice, 'advice');
  if (!checked.ok) throw badInput(checked.field, checked.message);
  const { entries } = checked;
  try {
    await data.write(store.provideAdvice, { id: adviceRequestId, agency, org: data.actor.org, sub: data.actor.sub, providedOn, today: data.today, entries });
  } catch (error) {
    if (error instanceof store.AdviceNotYours) throw forbidden('Only a practitioner of the agency asked, on the care team, records its advice');
    if (error instanceof store.AdviceAlreadyGiven) throw conflict('This advice has been given already');
    if (error instanceof store.PlanRefusal) throw badInput(error.field, error.message);
    throw error;
  }
  data.noteAction(child, 'WRITE', 'OWNER', { categories: [...new Set(entries.map((e) => e.category))], sections: ['K'] });
  data.forget(child);
  const fresh = await data.requireChild(child.id);
  const [plan] = await data.load(fresh, store.planRows);
  const [request] = data.where(await adviceRequestsOf(data, plan!), (r) => r.id === adviceRequestId);
  return request!;
}

/** A practitioner's outstanding advice requests, for children on their organisation's care teams, due date first. */
export async function myAdviceRequests(data: ScopedData): Promise<SealedAdvice[]> {
  data.assertCan('advice.list');
  const { actor } = data;
  if (!actor.agency) return [];
  const children = await data.childrenFoundBy((db) => store.childrenAwaitingAdviceFrom(db, actor.agency!, actor.org));
  const perChild = await Promise.all(children.map(async (child) => {
    const plans = await data.load(child, store.planRows);
    const requests = await Promise.all(plans.map((plan) => adviceRequestsOf(data, plan)));
    return data.where(requests.flat(), (r) => r.agency === actor.agency && r.providedOn === null && (r.requestedOfOrg === null || r.requestedOfOrg === actor.org));
  }));
  return data.sorted(perChild.flat(), (a, b) => a.requestedOn.localeCompare(b.requestedOn));
}

/** Section K's appendices: the advice given for the child. */
export function appendicesOf(data: ScopedData, section: Sealed<{ childId: string; code: SectionCode }>): Promise<SealedAdvice[]> {
  return data.load(section, store.appendixRows);
}

// ---------------------------------------------------------------------------------------------------
// What the family may ask (src/domain/family-rights.ts): each by the family member who decides for the
// child, or recorded by the coordinator from a letter; the council answers with plan.manage.
// ---------------------------------------------------------------------------------------------------

/** The child, and who in the family is asking: the caller when family, the one who decides when the coordinator records it. */
async function askingFamily(data: ScopedData, childId: string): Promise<{ child: ChildRef; requestedBy: FamilyRelationship }> {
  const child = await data.requireChild(childId);
  data.assertCan('family.request', { child });
  if (data.actor.role !== 'FAMILY') return { child, requestedBy: data.consentHolder(child) };
  // CFA s.83(2), reg 64: the parent until the end of compulsory school age, then the young person (or the parent for one lacking capacity).
  if (!data.decidesFor(child)) throw forbidden('Only the one who decides for the child (the parent, then the young person) may ask');
  return { child, requestedBy: data.familyLinkOf(child, data.actor.sub)! };
}

async function afterFamilyWrite(data: ScopedData, child: ChildRef, categories: DataCategory[]): Promise<SealedPlan> {
  data.noteAction(child, 'WRITE', data.actor.role === 'FAMILY' ? 'FAMILY' : 'STATUTORY', { categories });
  data.forget(child);
  return (await planOf(data, await data.requireChild(child.id)))!;
}

/** CFA 2014 s.36(1): the parent or young person requests an EHC needs assessment, received today. */
export async function familyRequestAssessment(data: ScopedData, childId: string): Promise<SealedPlan> {
  const { child, requestedBy } = await askingFamily(data, childId);
  await step(data, store.startPlan, {
    childId: child.id, receivedOn: data.today, dateOfBirth: data.dateOfBirthOf(child), today: data.today, councilOrg: null,
    source: 'YOUNG_PERSON_OR_PARENT', requestedBy, youngPersonLacksCapacity: data.youngPersonLacksCapacity(child),
  });
  return afterFamilyWrite(data, child, ['EDUCATION']);
}

/** CFA 2014 s.38(2)(b): the family asks for a school or institution to be named in section I. */
export async function statePreference(data: ScopedData, input: StatePreferenceInput): Promise<SealedPlan> {
  const { child } = await askingFamily(data, input.childId);
  const urn = input.urn?.trim() || null;
  const ukprn = input.ukprn?.trim() || null;
  await step(data, store.statePreference, {
    childId: child.id, statedOn: data.today, statedBySub: data.actor.sub, settingName: input.settingName, legalStatus: input.legalStatus, urn, ukprn,
  });
  return afterFamilyWrite(data, child, ['EDUCATION']);
}

/** CFA 2014 s.39: the council's answer to a preference, after consulting the setting; a refusal gives s.39(4) grounds. */
export async function decidePreference(data: ScopedData, input: DecidePreferenceInput): Promise<SealedPlan> {
  const missing = () => notFound('preference');
  const child = await data.requireChildOf((db) => store.childOfPreference(db, input.preferenceId), missing);
  data.assertCan('plan.manage', { child });
  const decision = input.outcome === 'NAMED'
    ? { outcome: 'NAMED' as const, decidedOn: input.decidedOn, consultedOn: input.consultedOn ?? null }
    : { outcome: 'REFUSED' as const, decidedOn: input.decidedOn, consultedOn: input.consultedOn ?? null, grounds: input.grounds ?? [], reasons: input.reasons ?? '' };
  await step(data, store.decidePreference, { id: input.preferenceId, decision, decidedBySub: data.actor.sub, today: data.today });
  return afterFamilyWrite(data, child, ['EDUCATION']);
}

/** reg 13(1)(a), reg 22(2)(c): the family comments on the draft plan or on proposed amendments. */
export async function commentOnPlan(data: ScopedData, childId: string, text: string): Promise<SealedPlan> {
  const { child } = await askingFamily(data, childId);
  await step(data, store.commentOnPlan, { childId: child.id, receivedOn: data.today, text, madeBySub: data.actor.sub });
  return afterFamilyWrite(data, child, ['EDUCATION']);
}

/** CFA 2014 s.49: the family asks for a personal budget. */
export async function requestPersonalBudget(data: ScopedData, childId: string): Promise<SealedPlan> {
  const { child, requestedBy } = await askingFamily(data, childId);
  await step(data, store.requestPersonalBudget, { childId: child.id, requestedOn: data.today, requestedBy, requestedBySub: data.actor.sub });
  return afterFamilyWrite(data, child, ['FINANCIAL']);
}

/** The council's decision on a personal budget request, with reasons (Personal Budgets Regulations 2014). */
export async function decidePersonalBudget(
  data: ScopedData, requestId: string, decision: PersonalBudgetDecision, decidedOn: string, forms: PersonalBudgetForm[], reasons: string,
): Promise<SealedPlan> {
  const missing = () => notFound('personal budget request');
  const child = await data.requireChildOf((db) => store.childOfBudgetRequest(db, requestId), missing);
  data.assertCan('plan.manage', { child });
  await step(data, store.decidePersonalBudget, { id: requestId, decision, decidedOn, forms, reasons, decidedBySub: data.actor.sub, today: data.today });
  return afterFamilyWrite(data, child, ['FINANCIAL']);
}

/** The episode's preferences, comments and budget requests, sealed (each type has its guards). */
export const preferencesOf = (data: ScopedData, plan: SealedPlan) => data.load(plan, store.preferenceRows);
export const familyCommentsOf = (data: ScopedData, plan: SealedPlan) => data.load(plan, store.familyCommentRows);
/** Only the requests the reader may see (FINANCIAL: the coordinator and the family); the rest leave no trace. */
export const budgetRequestsOf = async (data: ScopedData, plan: SealedPlan) => data.partition(await data.load(plan, store.budgetRequestRows), budgetGuard).released;
