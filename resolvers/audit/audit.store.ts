/** SQL for the audit module's writes: the DPO's break-glass review. Run only through ScopedData.write. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { breakGlassGrants, capacityRecords, consents, subjectAccessRequests } from '../../schema/tables.js';
import type { ChildRecord } from '../../src/access/child-record.js';
import { rowsDef } from '../../src/access/rows.js';
import type { Db } from '../../src/platform/db/database.js';
import type { BreakGlassOutcome } from './audit.types.js';

export async function childOfGrant(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: breakGlassGrants.childId }).from(breakGlassGrants).where(eq(breakGlassGrants.id, id));
  return row?.childId ?? null;
}

/** Records the review once: false if someone reviewed it first. */
export async function recordReview(db: Db, r: { id: string; outcome: BreakGlassOutcome; note: string; reviewedBySub: string }): Promise<boolean> {
  const rows = await db
    .update(breakGlassGrants)
    .set({ reviewOutcome: r.outcome, reviewNote: r.note, reviewedBySub: r.reviewedBySub, reviewedAt: sql`now()` })
    .where(and(eq(breakGlassGrants.id, r.id), isNull(breakGlassGrants.reviewOutcome)))
    .returning({ id: breakGlassGrants.id });
  return rows.length > 0;
}

/** Records a subject access request (UK GDPR Art. 15); due one month after receipt (Art. 12(3)). */
export async function insertSubjectAccessRequest(db: Db, r: typeof subjectAccessRequests.$inferInsert): Promise<void> {
  await db.insert(subjectAccessRequests).values(r);
}

export async function childOfSubjectAccessRequest(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: subjectAccessRequests.childId }).from(subjectAccessRequests).where(eq(subjectAccessRequests.id, id));
  return row?.childId ?? null;
}

/** The DPO's decision on the safeguarding exemption for one open request; false once answered. */
export async function recordSafeguardingDecision(db: Db, r: { id: string; decision: 'RELEASE' | 'WITHHOLD'; note: string; reviewedBySub: string }): Promise<boolean> {
  const rows = await db
    .update(subjectAccessRequests)
    .set({ safeguardingDecision: r.decision, safeguardingNote: r.note, safeguardingReviewedBySub: r.reviewedBySub })
    .where(and(eq(subjectAccessRequests.id, r.id), isNull(subjectAccessRequests.answeredAt)))
    .returning({ id: subjectAccessRequests.id });
  return rows.length > 0;
}

/** The child of a flagged record (a paper consent or a capacity record). */
export async function childOfFlagged(db: Db, a: { kind: 'PAPER_CONSENT' | 'CAPACITY'; id: string }): Promise<string | null> {
  const table = a.kind === 'CAPACITY' ? capacityRecords : consents;
  const [row] = await db.select({ childId: table.childId }).from(table).where(eq(table.id, a.id));
  return row?.childId ?? null;
}

/** Records the DPO's review of a flagged record, once: false if someone reviewed it first. */
export async function reviewFlagged(db: Db, r: { kind: 'PAPER_CONSENT' | 'CAPACITY'; id: string; outcome: string; note: string; reviewedBySub: string }): Promise<boolean> {
  const set = { reviewOutcome: r.outcome, reviewNote: r.note, reviewedBySub: r.reviewedBySub, reviewedAt: sql`now()` };
  const rows = r.kind === 'CAPACITY'
    ? await db.update(capacityRecords).set(set).where(and(eq(capacityRecords.id, r.id), isNull(capacityRecords.reviewOutcome))).returning({ id: capacityRecords.id })
    : await db.update(consents).set(set).where(and(eq(consents.id, r.id), isNull(consents.reviewOutcome))).returning({ id: consents.id });
  return rows.length > 0;
}

/** A child's subject access requests, oldest first, in batches. */
export const subjectAccessRequestRows = rowsDef<ChildRecord, typeof subjectAccessRequests.$inferSelect>({
  name: 'subjectAccessRequests',
  key: (child) => child.id,
  batch: (db, ids) => db.select().from(subjectAccessRequests).where(inArray(subjectAccessRequests.childId, [...ids])).orderBy(subjectAccessRequests.receivedOn, subjectAccessRequests.id),
  keyOf: (row) => row.childId,
});
