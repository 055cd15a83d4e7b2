/** SQL for disputes. Writes run only through ScopedData.write; rows are loaded sealed by the data layer. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { disputes } from '../../schema/tables.js';
import type { ChildRecord } from '../../src/access/child-record.js';
import { rowsDef } from '../../src/access/rows.js';
import type { Db } from '../../src/platform/db/database.js';

export type DisputeRow = typeof disputes.$inferSelect;
export type DisputeValues = Omit<typeof disputes.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export const disputeRows = rowsDef<ChildRecord, DisputeRow>({
  name: 'disputes',
  key: (child) => child.id,
  batch: (db, ids) => db.select().from(disputes).where(inArray(disputes.childId, [...ids])).orderBy(asc(disputes.decisionOn), asc(disputes.createdAt)),
  keyOf: (row) => row.childId,
});

/** No dispute with that id for that child. */
export class UnknownDispute extends Error {}

/** Inserts a new record, or replaces the child's record with that id; returns the id. */
export async function saveDispute(db: Db, a: { id: string | null; newId: string; values: DisputeValues }): Promise<string> {
  if (a.id === null) {
    await db.insert(disputes).values({ id: a.newId, ...a.values });
    return a.newId;
  }
  const updated = await db
    .update(disputes)
    .set({ ...a.values, updatedAt: sql`now()` })
    .where(and(eq(disputes.id, a.id), eq(disputes.childId, a.values.childId)))
    .returning({ id: disputes.id });
  if (updated.length === 0) throw new UnknownDispute(a.id);
  return a.id;
}
