/**
 * Per-request DataLoaders: one batched query per kind of row per tick, so a 100-child page costs the
 * same number of statements as a 5-child page. They are created per request and live only as long as
 * it does, so a withdrawn consent or an expired grant is seen on the very next request.
 * Loaders return raw rows: only ScopedData hands rows to resolvers, after the access decision.
 */
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { breakGlassGrants, careTeamMembers, children, consents, familyLinks } from '../../schema/tables.js';
import type { Db } from '../db/database.js';

export type ChildRow = typeof children.$inferSelect;
export type CareTeamRow = typeof careTeamMembers.$inferSelect;
export type FamilyLinkRow = typeof familyLinks.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type BreakGlassRow = typeof breakGlassGrants.$inferSelect;

/** Groups rows by a key, keeping the order of `keys` (DataLoader's contract). */
export function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

function byChild<R extends { childId: string }>(load: (ids: string[]) => Promise<R[]>) {
  return new DataLoader<string, R[]>(async (ids) => groupBy(ids, await load([...ids]), (r) => r.childId));
}

export function createLoaders(db: Db) {
  return {
    child: new DataLoader<string, ChildRow | null>(async (ids) => {
      const rows = await db.select().from(children).where(inArray(children.id, [...ids]));
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    careTeam: byChild((ids) => db.select().from(careTeamMembers).where(inArray(careTeamMembers.childId, ids))),
    family: byChild((ids) => db.select().from(familyLinks).where(inArray(familyLinks.childId, ids))),
    consents: byChild((ids) => db.select().from(consents).where(inArray(consents.childId, ids))),
    breakGlass: byChild((ids) =>
      db.select().from(breakGlassGrants).where(inArray(breakGlassGrants.childId, ids)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
