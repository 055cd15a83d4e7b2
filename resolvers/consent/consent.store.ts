/** SQL for consents and break-glass grants. Run only through ScopedData.write. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { breakGlassGrants, consents } from '../../schema/tables.js';
import type { Db } from '../../src/platform/db/database.js';

export async function insertConsent(db: Db, consent: typeof consents.$inferInsert): Promise<void> {
  await db.insert(consents).values(consent);
}

export async function childOfConsent(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: consents.childId }).from(consents).where(eq(consents.id, id));
  return row?.childId ?? null;
}

/** Withdraws from the database's now: the very next request sees it (no cache outlives a request). */
export async function withdrawConsent(db: Db, a: { id: string; bySub: string; evidenceNote: string | null }): Promise<void> {
  await db
    .update(consents)
    .set({ withdrawnAt: sql`now()`, withdrawnBySub: a.bySub, withdrawalEvidenceNote: a.evidenceNote })
    .where(and(eq(consents.id, a.id), isNull(consents.withdrawnAt)));
}

export async function insertBreakGlass(db: Db, grant: typeof breakGlassGrants.$inferInsert): Promise<void> {
  await db.insert(breakGlassGrants).values(grant);
}
