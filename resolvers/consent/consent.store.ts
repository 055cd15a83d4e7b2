import { and, eq, isNull, sql } from 'drizzle-orm';
import { breakGlassGrants, consents } from '../../schema/tables.js';
import type { ConsentRow } from '../../src/access/loaders.js';
import type { Db } from '../../src/platform/db/database.js';

export async function insertConsent(tx: Db, consent: typeof consents.$inferInsert): Promise<ConsentRow> {
  const [row] = await tx.insert(consents).values(consent).returning();
  return row!;
}

export async function findConsent(tx: Db, id: string): Promise<ConsentRow | null> {
  const [row] = await tx.select().from(consents).where(eq(consents.id, id));
  return row ?? null;
}

/** Withdraws from the database's now: the very next request sees it (no cache outlives a request). */
export async function withdrawConsent(tx: Db, id: string, bySub: string): Promise<ConsentRow | null> {
  const [row] = await tx
    .update(consents)
    .set({ withdrawnAt: sql`now()`, withdrawnBySub: bySub })
    .where(and(eq(consents.id, id), isNull(consents.withdrawnAt)))
    .returning();
  return row ?? null;
}

export async function insertBreakGlass(tx: Db, grant: typeof breakGlassGrants.$inferInsert) {
  const [row] = await tx.insert(breakGlassGrants).values(grant).returning();
  return row!;
}
