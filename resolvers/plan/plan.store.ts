/**
 * SQL for the plan process. Each write reads the plan's current state and applies the pure rules of
 * src/domain (transitions, clock) inside the request's transaction, so no service ever holds a raw
 * row, and a concurrent change is detected (the update matches the status it read).
 */
import { and, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { adviceEntries, adviceRequests, careTeamMembers, clockExceptions, healthAgreements, placements, plans, provisions, sections } from '../../schema/tables.js';
import type { ChildRecord } from '../../src/access/child-record.js';
import { rowsDef } from '../../src/access/rows.js';
import { applyPlanTransition, type PlanEventType, type PlanState } from '../../src/domain/plan-transitions.js';
import type { PhaseTransfer } from '../../src/domain/statutory-clock.js';
import type { Agency, ClockExceptionReason, DataCategory, SectionCode } from '../../src/domain/vocabulary.js';
import type { Db } from '../../src/platform/db/database.js';

export type PlanRow = typeof plans.$inferSelect;
export type AdviceRequestRow = typeof adviceRequests.$inferSelect;
export type ClockExceptionRow = typeof clockExceptions.$inferSelect;

export const planRows = rowsDef<ChildRecord, PlanRow>({
  name: 'plans',
  key: (child) => child.id,
  batch: (db, ids) => db.select().from(plans).where(inArray(plans.childId, [...ids])),
  keyOf: (row) => row.childId,
});

export const adviceRequestRows = rowsDef<PlanRow, AdviceRequestRow>({
  name: 'adviceRequests',
  key: (plan) => plan.childId,
  batch: (db, ids) => db.select().from(adviceRequests).where(inArray(adviceRequests.childId, [...ids])).orderBy(adviceRequests.requestedOn, adviceRequests.id),
  keyOf: (row) => row.childId,
});

/** The advice given for a child, as the appendices of its section K (reg 12(1)(k)). */
export const appendixRows = rowsDef<{ childId: string; code: SectionCode }, AdviceRequestRow>({
  name: 'appendices',
  key: (head) => (head.code === 'K' ? head.childId : null),
  batch: (db, ids) => db.select().from(adviceRequests).where(and(inArray(adviceRequests.childId, [...ids]), isNotNull(adviceRequests.providedOn))).orderBy(adviceRequests.providedOn, adviceRequests.id),
  keyOf: (row) => row.childId,
});

export const clockExceptionRows = rowsDef<PlanRow, ClockExceptionRow>({
  name: 'clockExceptions',
  key: (plan) => plan.childId,
  batch: (db, ids) => db.select().from(clockExceptions).where(inArray(clockExceptions.childId, [...ids])).orderBy(clockExceptions.fromOn),
  keyOf: (row) => row.childId,
});

/** A step the rules refuse; `field` names the input to fix. Nothing has been written. */
export class PlanRefusal extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

async function currentPlan(db: Db, childId: string): Promise<PlanRow> {
  const [row] = await db.select().from(plans).where(eq(plans.childId, childId));
  if (!row) throw new PlanRefusal('childId', 'no assessment has been requested for this child');
  return row;
}

function checkDate(field: string, on: string, notBefore: string | null, today: string): void {
  if (on > today) throw new PlanRefusal(field, 'is in the future');
  if (notBefore && on < notBefore) throw new PlanRefusal(field, `is before ${notBefore}, an earlier step of this process`);
}

/** CFA 2014 s.36(1): starts (or, after a closed process, restarts) a child's process. */
export async function startPlan(db: Db, a: { childId: string; receivedOn: string; dateOfBirth: string; today: string; councilOrg: string }): Promise<void> {
  checkDate('receivedOn', a.receivedOn, a.dateOfBirth, a.today);
  const rows = await db
    .insert(plans)
    .values({ childId: a.childId, status: 'REQUESTED', requestReceivedOn: a.receivedOn, councilOrg: a.councilOrg })
    .onConflictDoUpdate({
      target: plans.childId,
      set: {
        status: 'REQUESTED', requestReceivedOn: a.receivedOn, councilOrg: a.councilOrg, decisionOn: null, draftIssuedOn: null,
        finalIssuedOn: null, lastReviewOn: null, amendmentProposedOn: null, ceasedOn: null, ceasedReason: null, updatedAt: sql`now()`,
      },
      // Only a closed process may be restarted (a new request after a refusal or cessation).
      setWhere: inArray(plans.status, ['NOT_ASSESSED', 'CEASED']),
    })
    .returning({ childId: plans.childId });
  if (rows.length === 0) throw new ProcessAlreadyOpen();
}

/** A new request while the child's process is still open. */
export class ProcessAlreadyOpen extends Error {}

export interface AdvanceArgs {
  childId: string;
  event: PlanEventType;
  on: string;
  today: string;
  phaseTransfer?: PhaseTransfer | null;
  phaseTransferYear?: number | null;
}

/** One step of the process, checked by the transition rules against the plan's current content. */
export async function advancePlan(db: Db, a: AdvanceArgs): Promise<void> {
  const row = await currentPlan(db, a.childId);
  checkDate('on', a.on, latestMilestone(row), a.today);
  const advice = await db.select().from(adviceRequests).where(eq(adviceRequests.childId, a.childId));
  const facts = { ...(await contentFacts(db, a.childId)), adviceRequests: advice, today: a.on };
  const result = applyPlanTransition(toState(row), { type: a.event }, facts);
  if (!result.ok) throw new PlanRefusal('event', result.reason);
  const s = result.state;
  const decided = a.event === 'DECIDE_TO_ASSESS' || a.event === 'DECIDE_NOT_TO_ASSESS';
  const changes: Partial<PlanRow> = {
    status: s.status,
    draftIssuedOn: s.draftIssuedOn ?? null,
    finalIssuedOn: s.finalIssuedOn ?? null,
    lastReviewOn: s.lastReviewOn ?? null,
    amendmentProposedOn: s.amendmentProposedOn ?? null,
    ceasedReason: s.ceasedReason ?? null,
    ...(decided ? { decisionOn: a.on } : {}),
    ...(s.status === 'CEASED' ? { ceasedOn: a.on } : {}),
    ...(a.phaseTransfer !== undefined ? { phaseTransfer: a.phaseTransfer, phaseTransferYear: a.phaseTransferYear ?? null } : {}),
  };
  const updated = await db
    .update(plans)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(plans.childId, a.childId), eq(plans.status, row.status)))
    .returning({ childId: plans.childId });
  if (updated.length === 0) throw new PlanConflict();
}

/** The plan changed between reading and writing (another request moved it on). */
export class PlanConflict extends Error {}

function latestMilestone(row: PlanRow): string {
  return [row.requestReceivedOn, row.decisionOn, row.draftIssuedOn, row.finalIssuedOn, row.lastReviewOn, row.amendmentProposedOn]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1)!;
}

/** The stored process as the pure transitions and deadlines see it. */
export function toState(row: PlanRow): PlanState {
  return {
    episode: 1,
    status: row.status,
    requestReceivedOn: row.requestReceivedOn,
    decisionOn: row.decisionOn,
    draftIssuedOn: row.draftIssuedOn,
    finalIssuedOn: row.finalIssuedOn,
    lastReviewOn: row.lastReviewOn,
    amendmentProposedOn: row.amendmentProposedOn,
    ceasedOn: row.ceasedOn,
    ceasedReason: row.ceasedReason as PlanState['ceasedReason'],
    phaseTransfer: row.phaseTransfer && row.phaseTransferYear ? { kind: row.phaseTransfer as PhaseTransfer, year: row.phaseTransferYear } : null,
  };
}

/** What the plan's current sections say, for the finalisation checks of reg 12. */
async function contentFacts(db: Db, childId: string) {
  const heads = await db.select().from(sections).where(eq(sections.childId, childId));
  const head = (code: SectionCode) => heads.find((h) => h.code === code);
  const i = head('I');
  const g = head('G');
  const [placement, gProvision, gAgreement] = await Promise.all([
    i ? db.select().from(placements).where(eq(placements.versionId, i.currentVersionId)) : [],
    g ? db.select().from(provisions).where(eq(provisions.versionId, g.currentVersionId)) : [],
    g ? db.select().from(healthAgreements).where(eq(healthAgreements.versionId, g.currentVersionId)) : [],
  ]);
  return {
    presentSections: heads.map((h) => h.code),
    hasPlacement: placement.length > 0,
    gHasProvision: gProvision.length > 0,
    gAgreedByIcb: gAgreement[0]?.agreedByIcb === true,
  };
}

/** reg 6(1): during the assessment the council asks an agency for advice; returns the request's id. */
export async function requestAdvice(db: Db, a: { childId: string; agency: Agency; requestedOn: string; today: string }): Promise<string> {
  const row = await currentPlan(db, a.childId);
  if (row.status !== 'ASSESSING') throw new PlanRefusal('childId', 'advice is requested during an assessment (reg 6(1)); decide to assess first');
  checkDate('requestedOn', a.requestedOn, row.decisionOn, a.today);
  const [inserted] = await db.insert(adviceRequests).values({ childId: a.childId, agency: a.agency, requestedOn: a.requestedOn }).returning({ id: adviceRequests.id });
  return inserted!.id;
}

/**
 * reg 8: the agency asked gives its advice, once; the advice itself is kept as the giving
 * organisation's own appendix of section K (reg 12(1)(k)).
 */
export async function provideAdvice(
  db: Db,
  a: { id: string; agency: Agency | null; org: string; sub: string; providedOn: string; today: string; entries: { key: string; value: string; category: DataCategory }[] },
): Promise<void> {
  const [request] = await db.select().from(adviceRequests).where(eq(adviceRequests.id, a.id));
  if (!request || request.agency !== a.agency) throw new AdviceNotYours();
  checkDate('providedOn', a.providedOn, request.requestedOn, a.today);
  const given = await db
    .update(adviceRequests)
    .set({ providedOn: a.providedOn, providedByOrg: a.org, providedBySub: a.sub })
    .where(and(eq(adviceRequests.id, a.id), isNull(adviceRequests.providedOn)))
    .returning({ id: adviceRequests.id });
  if (given.length === 0) throw new AdviceAlreadyGiven();
  await db.insert(adviceEntries).values(a.entries.map((e, position) => ({ adviceRequestId: a.id, childId: request.childId, position, ...e })));
}

/** The advice was given already (once per request). */
export class AdviceAlreadyGiven extends Error {}

/** An advice entry with the agency asked and the organisation that gave it (its owner). */
export type AdviceEntryRow = typeof adviceEntries.$inferSelect & { agency: Agency; providedByOrg: string | null };

/** The advice entries of a request, in batches. */
export const adviceEntryRows = rowsDef<AdviceRequestRow, AdviceEntryRow>({
  name: 'adviceEntries',
  key: (request) => (request.providedOn ? request.id : null),
  batch: (db, ids) =>
    db.select({ ...getTableColumns(adviceEntries), agency: adviceRequests.agency, providedByOrg: adviceRequests.providedByOrg })
      .from(adviceEntries)
      .innerJoin(adviceRequests, eq(adviceRequests.id, adviceEntries.adviceRequestId))
      .where(inArray(adviceEntries.adviceRequestId, [...ids]))
      .orderBy(adviceEntries.adviceRequestId, adviceEntries.position),
  keyOf: (row) => row.adviceRequestId,
});

/** The advice request is addressed to another agency. */
export class AdviceNotYours extends Error {}

/** reg 5(4), 10(4), 13(3): a period in which the time limits did not bind the council. */
export async function recordClockException(
  db: Db,
  e: { childId: string; reason: ClockExceptionReason; fromOn: string; toOn: string; recordedBySub: string },
): Promise<void> {
  const row = await currentPlan(db, e.childId);
  if (e.toOn < e.fromOn) throw new PlanRefusal('toOn', 'is before fromOn');
  if (e.fromOn < row.requestReceivedOn) throw new PlanRefusal('fromOn', `is before ${row.requestReceivedOn}, an earlier step of this process`);
  await db.insert(clockExceptions).values(e);
}

/** The child of an advice request, for the not-found answer. */
export async function childOfAdviceRequest(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: adviceRequests.childId }).from(adviceRequests).where(eq(adviceRequests.id, id));
  return row?.childId ?? null;
}

/** Children with outstanding advice requests to the agency, on the organisation's care teams. */
export async function childrenAwaitingAdviceFrom(db: Db, agency: Agency, org: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ childId: adviceRequests.childId })
    .from(adviceRequests)
    .innerJoin(careTeamMembers, and(eq(careTeamMembers.childId, adviceRequests.childId), eq(careTeamMembers.org, org)))
    .where(and(eq(adviceRequests.agency, agency), isNull(adviceRequests.providedOn)))
    .limit(500);
  return rows.map((r) => r.childId);
}
