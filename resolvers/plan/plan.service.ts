/**
 * The EHC process: request, decision, advice, draft, final plan, review, amendment, cessation. The
 * rules are pure (src/domain/plan-transitions.ts, statutory-clock.ts) and applied by the store inside
 * the request's transaction; who may act is the action table's (policies/actions.ts).
 */
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import type { PlanEventType } from '../../src/domain/plan-transitions.js';
import type { Agency, ClockExceptionReason, PhaseTransfer, SectionCode } from '../../src/domain/vocabulary.js';
import { badInput, conflict, forbidden, notFound } from '../../src/platform/errors.js';
import { checkEntries } from '../../src/domain/entries.js';
import type { SectionEntryInput } from '../sections/section.types.js';
import { adviceEntryGuard, planGuard } from './plan.guards.js';
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

export async function adviceRequestsOf(data: ScopedData, plan: SealedPlan): Promise<SealedAdvice[]> {
  return data.load(plan, store.adviceRequestRows);
}

/** Runs a store step, turning its refusals into BAD_USER_INPUT and CONFLICT (nothing written). */
async function step<A>(data: ScopedData, writer: (db: never, args: A) => Promise<unknown>, args: A): Promise<void> {
  try {
    await data.write(writer as never, args);
  } catch (error) {
    if (error instanceof store.PlanRefusal) throw badInput(error.field, error.message);
    if (error instanceof store.PlanConflict) throw conflict('The plan changed while you were updating it: reload and try again');
    if (error instanceof store.ProcessAlreadyOpen) throw conflict('An EHC process is already open for this child');
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

/** CFA 2014 s.36(1): a request for an EHC needs assessment starts the 20-week clock. */
export async function requestAssessment(data: ScopedData, childId: string, receivedOn: string): Promise<SealedPlan> {
  const child = await coordinatedChild(data, childId);
  await step(data, store.startPlan, { childId: child.id, receivedOn, dateOfBirth: data.dateOfBirthOf(child), today: data.today, councilOrg: data.actor.org });
  return afterWrite(data, child);
}

/** Moves the process one step; an illegal step is BAD_USER_INPUT naming what is missing. */
export async function advancePlan(
  data: ScopedData,
  childId: string,
  event: PlanEventType,
  on: string,
  options: { phaseTransfer?: PhaseTransfer | null; phaseTransferYear?: number | null } = {},
): Promise<SealedPlan> {
  const child = await coordinatedChild(data, childId);
  await step(data, store.advancePlan, { childId: child.id, event, on, today: data.today, ...options });
  return afterWrite(data, child);
}

/** reg 5(4), 10(4), 13(3): circumstances in which the time limits do not bind the council. */
export async function recordClockException(data: ScopedData, childId: string, reason: ClockExceptionReason, fromOn: string, toOn: string): Promise<SealedPlan> {
  const child = await coordinatedChild(data, childId);
  await step(data, store.recordClockException, { childId: child.id, reason, fromOn, toOn, recordedBySub: data.actor.sub });
  return afterWrite(data, child);
}

async function adviceById(data: ScopedData, child: ChildRef, id: string): Promise<SealedAdvice> {
  const plan = (await planOf(data, child))!;
  const [request] = data.where(await adviceRequestsOf(data, plan), (r) => r.id === id);
  return request!;
}

/** reg 6(1): during the assessment the council seeks health and social care advice. */
export async function requestAdvice(data: ScopedData, childId: string, agency: Agency, requestedOn: string): Promise<SealedAdvice> {
  const child = await coordinatedChild(data, childId);
  let id = '';
  try {
    id = await data.write(store.requestAdvice, { childId: child.id, agency, requestedOn, today: data.today });
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
    return data.where(requests.flat(), (r) => r.agency === actor.agency && r.providedOn === null);
  }));
  return data.sorted(perChild.flat(), (a, b) => a.requestedOn.localeCompare(b.requestedOn));
}

/** Section K's appendices: the advice given for the child. */
export function appendicesOf(data: ScopedData, section: Sealed<{ childId: string; code: SectionCode }>): Promise<SealedAdvice[]> {
  return data.load(section, store.appendixRows);
}
