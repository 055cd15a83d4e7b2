/** SQL for the child registry. Run only through ScopedData.write, inside the request's transaction. */
import { and, eq, or, sql } from 'drizzle-orm';
import { areaLocalities, careTeamMembers, children, familyLinks, organisations } from '../../schema/tables.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';

export type NewChild = typeof children.$inferInsert;

/** The locality given is not in the area's register. */
export class UnknownLocalityError extends Error {}

/** The area's locality code for a code or a name (case-insensitive), or throws UnknownLocalityError. */
async function localityCode(db: Db, areaCode: string, given: string): Promise<string> {
  const [row] = await db
    .select({ code: areaLocalities.code })
    .from(areaLocalities)
    .where(and(eq(areaLocalities.areaCode, areaCode), or(eq(areaLocalities.code, given), sql`lower(${areaLocalities.name}) = lower(${given})`)))
    .limit(1);
  if (!row) throw new UnknownLocalityError(given);
  return row.code;
}

/** Registers a child with the registering council's SEN team on its care team from the start. */
export async function registerChild(db: Db, args: { child: NewChild; council: { org: string; agency: Agency } }): Promise<void> {
  const child = { ...args.child };
  if (child.locality) child.locality = await localityCode(db, child.areaCode, child.locality);
  await db.insert(children).values(child);
  await upsertCareTeamMember(db, { childId: child.id!, org: args.council.org, agency: args.council.agency, addedBySub: child.registeredBySub });
}

export async function upsertCareTeamMember(db: Db, member: { childId: string; org: string; agency: Agency; addedBySub: string; orgName?: string | null }): Promise<void> {
  await db
    .insert(careTeamMembers)
    .values({ childId: member.childId, org: member.org, agency: member.agency, addedBySub: member.addedBySub })
    .onConflictDoUpdate({ target: [careTeamMembers.childId, careTeamMembers.org], set: { agency: member.agency } });
  if (member.orgName) {
    await db.insert(organisations).values({ code: member.org, name: member.orgName, agency: member.agency }).onConflictDoNothing();
  }
}

export async function upsertFamilyLink(db: Db, link: { childId: string; subject: string; relationship: FamilyRelationship; linkedBySub: string }): Promise<void> {
  await db
    .insert(familyLinks)
    .values(link)
    .onConflictDoUpdate({ target: [familyLinks.childId, familyLinks.subject], set: { relationship: link.relationship } });
}
