/** SQL for the child registry. Called only by the child service with the request's transaction. */
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { careTeamMembers, children, familyLinks } from '../../schema/tables.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';

export type NewChild = typeof children.$inferInsert;

export async function insertChild(tx: Db, child: NewChild): Promise<string> {
  const [row] = await tx.insert(children).values(child).returning({ id: children.id });
  return row!.id;
}

export async function upsertCareTeamMember(tx: Db, member: { childId: string; org: string; agency: Agency; addedBySub: string }) {
  await tx
    .insert(careTeamMembers)
    .values(member)
    .onConflictDoUpdate({ target: [careTeamMembers.childId, careTeamMembers.org], set: { agency: member.agency } });
}

export async function upsertFamilyLink(tx: Db, link: { childId: string; subject: string; relationship: FamilyRelationship; linkedBySub: string }) {
  await tx
    .insert(familyLinks)
    .values(link)
    .onConflictDoUpdate({ target: [familyLinks.childId, familyLinks.subject], set: { relationship: link.relationship } });
}

/**
 * The SQL form of "who may see a child" (policies/field-access.ts `canSeeChild` is the in-memory form,
 * applied again to every row this returns): coordinators and DPOs by area, the care team by
 * organisation, family by link. Commissioners match nothing.
 */
export function visibleTo(actor: Actor): SQL {
  const byArea = actor.areas.length > 0 && (actor.role === 'CASE_COORDINATOR' || actor.role === 'DPO')
    ? inArray(children.areaCode, actor.areas)
    : undefined;
  const byCareTeam = actor.role === 'PRACTITIONER' || actor.role === 'CASE_COORDINATOR'
    ? sql`exists (select 1 from ${careTeamMembers} where ${careTeamMembers.childId} = ${children.id} and ${careTeamMembers.org} = ${actor.org})`
    : undefined;
  const byFamily = actor.role === 'FAMILY'
    ? sql`exists (select 1 from ${familyLinks} where ${familyLinks.childId} = ${children.id} and ${familyLinks.subject} = ${actor.sub})`
    : undefined;
  return or(byArea, byCareTeam, byFamily) ?? sql`false`;
}

/** One page of visible child ids in id order (keyset pagination), `limit` rows. */
export async function listVisibleChildIds(tx: Db, actor: Actor, after: string | null, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: children.id })
    .from(children)
    .where(and(visibleTo(actor), after ? gt(children.id, after) : undefined))
    .orderBy(asc(children.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function childExists(tx: Db, id: string): Promise<boolean> {
  const rows = await tx.select({ id: children.id }).from(children).where(eq(children.id, id)).limit(1);
  return rows.length > 0;
}
