/** SQL for the plan process. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { adviceRequests, careTeamMembers, clockExceptions, plans, sections } from '../../schema/tables.js';
import type { PlanRow } from '../../src/access/loaders.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Agency, ClockExceptionReason, SectionCode } from '../../src/domain/vocabulary.js';

/** Starts (or, after a closed process, restarts) a child's process. Returns false if one is open. */
export async function startPlan(tx: Db, childId: string, receivedOn: string): Promise<boolean> {
  const rows = await tx
    .insert(plans)
    .values({ childId, status: 'REQUESTED', requestReceivedOn: receivedOn })
    .onConflictDoUpdate({
      target: plans.childId,
      set: {
        status: 'REQUESTED', requestReceivedOn: receivedOn, decisionOn: null, draftIssuedOn: null, finalIssuedOn: null,
        lastReviewOn: null, amendmentProposedOn: null, ceasedOn: null, ceasedReason: null, updatedAt: sql`now()`,
      },
      // Only a closed process may be restarted (reg 3: a new request after a refusal or cessation).
      setWhere: inArray(plans.status, ['NOT_ASSESSED', 'CEASED']),
    })
    .returning({ childId: plans.childId });
  return rows.length > 0;
}

/** Writes a transition only if the plan is still in the status it was read in (no lost updates). */
export async function updatePlan(tx: Db, childId: string, fromStatus: PlanRow['status'], changes: Partial<PlanRow>): Promise<boolean> {
  const rows = await tx
    .update(plans)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(plans.childId, childId), eq(plans.status, fromStatus)))
    .returning({ childId: plans.childId });
  return rows.length > 0;
}

export async function insertAdviceRequest(tx: Db, childId: string, agency: Agency, requestedOn: string): Promise<string> {
  const [row] = await tx.insert(adviceRequests).values({ childId, agency, requestedOn }).returning({ id: adviceRequests.id });
  return row!.id;
}

export async function markAdviceProvided(tx: Db, id: string, providedOn: string): Promise<void> {
  await tx.update(adviceRequests).set({ providedOn }).where(eq(adviceRequests.id, id));
}

export async function insertClockException(tx: Db, e: { childId: string; reason: ClockExceptionReason; fromOn: string; toOn: string; recordedBySub: string }) {
  await tx.insert(clockExceptions).values(e);
}

/** Outstanding advice requests to the actor's agency for children on the actor's organisation's care teams. */
export async function outstandingAdviceFor(tx: Db, agency: Agency, org: string) {
  return tx
    .select({ id: adviceRequests.id, childId: adviceRequests.childId })
    .from(adviceRequests)
    .innerJoin(careTeamMembers, and(eq(careTeamMembers.childId, adviceRequests.childId), eq(careTeamMembers.org, org)))
    .where(and(eq(adviceRequests.agency, agency), isNull(adviceRequests.providedOn)))
    .orderBy(adviceRequests.requestedOn)
    .limit(500);
}

export async function presentSections(tx: Db, childId: string): Promise<SectionCode[]> {
  const rows = await tx.select({ code: sections.code }).from(sections).where(eq(sections.childId, childId));
  return rows.map((r) => r.code);
}
