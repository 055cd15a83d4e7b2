/**
 * Per-request DataLoaders: one batched query per kind of row per tick, so a 100-child page costs the
 * same number of statements as a 5-child page. They are created per request and live only as long as
 * it does, so a withdrawn consent or an expired grant is seen on the very next request.
 * Loaders return raw rows: only ScopedData hands rows to resolvers, after the access decision.
 */
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import {
  adviceRequests, breakGlassGrants, careTeamMembers, children, clockExceptions, consents, familyLinks, healthAgreements,
  needs, personalBudgets, placements, plans, provisions, sectionEntries, sections, sectionVersions,
} from '../../schema/tables.js';
import type { Db } from '../platform/db/database.js';

export type ChildRow = typeof children.$inferSelect;
export type CareTeamRow = typeof careTeamMembers.$inferSelect;
export type FamilyLinkRow = typeof familyLinks.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type BreakGlassRow = typeof breakGlassGrants.$inferSelect;
export type SectionHeadRow = typeof sections.$inferSelect;
export type SectionVersionRow = typeof sectionVersions.$inferSelect;
export type EntryRow = typeof sectionEntries.$inferSelect;
export type NeedRow = typeof needs.$inferSelect;
export type ProvisionRow = typeof provisions.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;
export type BudgetRow = typeof personalBudgets.$inferSelect;
export type HealthAgreementRow = typeof healthAgreements.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type ClockExceptionRow = typeof clockExceptions.$inferSelect;
export type AdviceRequestRow = typeof adviceRequests.$inferSelect;

/** Groups rows by a key, keeping the order of `keys` (DataLoader's contract). */
export function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

function byChild<R extends { childId: string }>(load: (ids: string[]) => Promise<R[]>) {
  return new DataLoader<string, R[]>(async (ids) => groupBy(ids, await load([...ids]), (r) => r.childId));
}

function byVersion<R extends { versionId: string }>(load: (ids: string[]) => Promise<R[]>) {
  return new DataLoader<string, R[]>(async (ids) => groupBy(ids, await load([...ids]), (r) => r.versionId));
}

function oneByChild<R extends { childId: string }>(load: (ids: string[]) => Promise<R[]>) {
  return new DataLoader<string, R | null>(async (ids) => groupBy(ids, await load([...ids]), (r) => r.childId).map((g) => g[0] ?? null));
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
    sectionHeads: byChild((ids) => db.select().from(sections).where(inArray(sections.childId, ids)).orderBy(sections.code)),
    sectionVersions: byChild((ids) =>
      db.select().from(sectionVersions).where(inArray(sectionVersions.childId, ids)).orderBy(sectionVersions.code, sectionVersions.version),
    ),
    entries: byVersion((ids) => db.select().from(sectionEntries).where(inArray(sectionEntries.versionId, ids)).orderBy(sectionEntries.position)),
    needs: byVersion((ids) => db.select().from(needs).where(inArray(needs.versionId, ids)).orderBy(needs.rank)),
    provisions: byVersion((ids) => db.select().from(provisions).where(inArray(provisions.versionId, ids))),
    placements: byVersion((ids) => db.select().from(placements).where(inArray(placements.versionId, ids))),
    budgets: byVersion((ids) => db.select().from(personalBudgets).where(inArray(personalBudgets.versionId, ids))),
    healthAgreements: byVersion((ids) => db.select().from(healthAgreements).where(inArray(healthAgreements.versionId, ids))),
    plan: oneByChild((ids) => db.select().from(plans).where(inArray(plans.childId, ids))),
    clockExceptions: byChild((ids) => db.select().from(clockExceptions).where(inArray(clockExceptions.childId, ids))),
    adviceRequests: byChild((ids) => db.select().from(adviceRequests).where(inArray(adviceRequests.childId, ids))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
