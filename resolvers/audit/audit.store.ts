/** SQL for the audit module's writes: the DPO's break-glass review. Run only through ScopedData.write. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { breakGlassGrants } from '../../schema/tables.js';
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
