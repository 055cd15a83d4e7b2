/** SQL for the child registry. Run only through ScopedData.write, inside the request's transaction. */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { areaLocalities, breakGlassGrants, capacityRecords, careTeamMembers, children, familyLinks, organisations } from '../../schema/tables.js';
import { isUniqueViolation, type Db } from '../../src/platform/db/database.js';
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

/** The NHS number is already another child's record (in `areaCode`). */
export class DuplicateNhsNumber extends Error {
  constructor(readonly childId: string, readonly areaCode: string) {
    super('duplicate NHS number');
  }
}

/** The NHS number was registered by a concurrent request (the unique index refused this one). */
export class NhsNumberTaken extends Error {}

async function holderOfNhsNumber(db: Db, nhsNumber: string): Promise<DuplicateNhsNumber | null> {
  const [row] = await db.select({ id: children.id, areaCode: children.areaCode }).from(children).where(eq(children.nhsNumber, nhsNumber)).limit(1);
  return row ? new DuplicateNhsNumber(row.id, row.areaCode) : null;
}

/**
 * Registers a child with the registrant (the council's SEN team, or a school registering a pupil it
 * supports) on its care team from the start. An NHS
 * number already registered is refused (DuplicateNhsNumber), also when a concurrent registration wins the
 * unique index between the check and the insert.
 */
export async function registerChild(db: Db, args: { child: NewChild; registrant: { org: string; agency: Agency } }): Promise<void> {
  const child = { ...args.child };
  if (child.locality) child.locality = await localityCode(db, child.areaCode, child.locality);
  if (child.nhsNumber) {
    const holder = await holderOfNhsNumber(db, child.nhsNumber);
    if (holder) throw holder;
  }
  try {
    await db.insert(children).values(child);
  } catch (error) {
    // A concurrent registration of the same number won the unique index; this transaction cannot see it.
    if (isUniqueViolation(error) && child.nhsNumber) throw new NhsNumberTaken();
    throw error;
  }
  await upsertCareTeamMember(db, { childId: child.id!, org: args.registrant.org, agency: args.registrant.agency, addedBySub: child.registeredBySub });
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

/**
 * Takes an organisation off the care team and ends its break-glass grants for the child: access ends
 * from the next request. Returns false when it was not on the team.
 */
export async function removeCareTeamMember(db: Db, a: { childId: string; org: string }): Promise<boolean> {
  const removed = await db.delete(careTeamMembers).where(and(eq(careTeamMembers.childId, a.childId), eq(careTeamMembers.org, a.org))).returning({ org: careTeamMembers.org });
  if (removed.length === 0) return false;
  await db
    .update(breakGlassGrants)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(breakGlassGrants.childId, a.childId), eq(breakGlassGrants.actorOrg, a.org), isNull(breakGlassGrants.revokedAt)));
  return true;
}

/** Unlinks a family member; false when they were not linked. */
export async function unlinkFamilyMember(db: Db, a: { childId: string; subject: string }): Promise<boolean> {
  const removed = await db.delete(familyLinks).where(and(eq(familyLinks.childId, a.childId), eq(familyLinks.subject, a.subject))).returning({ subject: familyLinks.subject });
  return removed.length > 0;
}

/** Records (or withdraws the record of) a young person's lack of capacity, with its evidence. */
export async function recordCapacity(db: Db, r: { childId: string; lacksCapacity: boolean; evidenceNote: string; recordedBySub: string; recordedByOrg: string }): Promise<void> {
  await db.update(capacityRecords).set({ withdrawnAt: sql`now()` }).where(and(eq(capacityRecords.childId, r.childId), isNull(capacityRecords.withdrawnAt)));
  await db.insert(capacityRecords).values(r);
}

/** Sets the identity details given (undefined keeps a value, null clears it). */
export async function updateChildDetails(db: Db, a: { childId: string; set: Partial<Pick<NewChild, 'sex' | 'ethnicity'>> }): Promise<void> {
  await db.update(children).set(a.set).where(eq(children.id, a.childId));
}

/** A locality given by name or code, as the code of the register of one of `areas`, or null. */
export async function localityCodeAnyArea(db: Db, a: { given: string; areas: readonly string[] }): Promise<string | null> {
  if (a.areas.length === 0) return null;
  const [row] = await db
    .select({ code: areaLocalities.code })
    .from(areaLocalities)
    .where(and(inArray(areaLocalities.areaCode, [...a.areas]), or(eq(areaLocalities.code, a.given), sql`lower(${areaLocalities.name}) = lower(${a.given})`)))
    .limit(1);
  return row?.code ?? null;
}
