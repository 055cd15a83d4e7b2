/**
 * The child registry: registering, the care team and family links, and the list of children. Who may
 * do each is the action table's (policies/actions.ts); every read goes through the data layer.
 */
import { randomUUID } from 'node:crypto';
import { isEvidenceReference } from '../../policies/consent-rules.js';
import { recordKey } from '../../policies/disclosure/record-key.js';
import type { ChildRef } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isOrgCode, isSubject } from '../../src/domain/identifiers.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { badInput } from '../../src/platform/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../src/platform/graphql/connection.js';
import * as store from './child.store.js';
import type { RegisterChildInput } from './child.types.js';
import { validateRegistration } from './validate-registration.js';

const MAX_ORG_NAME = 200;

/** CFA 2014 s.24: the home council registers the child; its SEN team joins the care team. */
export async function registerChild(data: ScopedData, input: RegisterChildInput): Promise<ChildRef> {
  data.assertCan('child.register', { areaCode: input.areaCode });
  const valid = validateRegistration(input, data.today);
  const id = randomUUID();
  const { actor } = data;
  try {
    await data.write(store.registerChild, {
      child: { id, ...valid, recordKey: recordKey(data.settings.disclosureKey, id), registeredBySub: actor.sub },
      council: { org: actor.org, agency: actor.agency! },
    });
  } catch (error) {
    if (error instanceof store.UnknownLocalityError) throw badInput('locality', `is not in the register of localities of ${input.areaCode}`);
    throw error;
  }
  const child = await data.requireChild(id);
  data.noteAction(child, 'REGISTER', 'STATUTORY', { categories: ['IDENTITY'] });
  return child;
}

/** The area's coordinator adds an organisation (and the agency it acts for) to the care team. */
export async function addCareTeamMember(data: ScopedData, childId: string, org: string, agency: Agency, orgName?: string | null): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('careTeam.manage', { child });
  const code = org.trim().toUpperCase();
  if (!isOrgCode(code)) throw badInput('org', 'must be an organisation code of 2 to 20 letters, digits or hyphens');
  const name = orgName?.trim() || null;
  if (name && name.length > MAX_ORG_NAME) throw badInput('orgName', `must be at most ${MAX_ORG_NAME} characters`);
  await data.write(store.upsertCareTeamMember, { childId: child.id, org: code, agency, addedBySub: data.actor.sub, orgName: name });
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'] });
  data.forget(child);
  return data.requireChild(child.id);
}

/** The area's coordinator links the parent or the young person (the family's token subject). */
export async function linkFamilyMember(data: ScopedData, childId: string, subject: string, relationship: FamilyRelationship): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('family.link', { child });
  if (!isSubject(subject)) throw badInput('subject', 'must be 1 to 200 letters, digits or . @ : | - _');
  // CFA 2014 s.83(2): a young person is over compulsory school age; a child younger than that has a parent.
  if (relationship === 'YOUNG_PERSON' && data.consentHolder(child) === 'PARENT') {
    throw badInput('relationship', 'a child under compulsory school age is linked through a parent; the young person is linked once the child is over it');
  }
  await data.write(store.upsertFamilyLink, { childId: child.id, subject, relationship, linkedBySub: data.actor.sub });
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'] });
  data.forget(child);
  return data.requireChild(child.id);
}

/** A page of the children the actor may see. */
export async function listChildren(data: ScopedData, first: number | null | undefined, after: string | null | undefined): Promise<Page<ChildRef>> {
  data.assertCan('child.read');
  const limit = pageSize(first);
  const { children, hasNextPage } = await data.listChildren({ after: decodeCursor(after), limit });
  const edges = children.map((node) => ({ node, cursor: encodeCursor(node.id) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Takes an organisation off the care team (its break-glass grants end with it), from the next request. */
export async function removeCareTeamMember(data: ScopedData, childId: string, org: string): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('careTeam.manage', { child });
  const code = org.trim().toUpperCase();
  if (!isOrgCode(code)) throw badInput('org', 'must be an organisation code of 2 to 20 letters, digits or hyphens');
  if (!(await data.write(store.removeCareTeamMember, { childId: child.id, org: code }))) throw badInput('org', `${code} is not on this child's care team`);
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'], flags: ['CARE_TEAM_REMOVED'] });
  data.forget(child);
  return data.requireChild(child.id);
}

/** Unlinks a family member, from the next request. */
export async function unlinkFamilyMember(data: ScopedData, childId: string, subject: string): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('family.link', { child });
  if (!(await data.write(store.unlinkFamilyMember, { childId: child.id, subject }))) throw badInput('subject', 'is not linked to this child');
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'], flags: ['FAMILY_UNLINKED'] });
  data.forget(child);
  return data.requireChild(child.id);
}

/**
 * Mental Capacity Act 2005; SEND Regulations 2014 reg 64: the coordinator records, citing the
 * assessment, that a young person lacks (or has regained) capacity for the decision to share; while
 * they lack it, their parent acts for them. Flagged for the DPO's review.
 */
export async function recordCapacity(data: ScopedData, childId: string, lacksCapacity: boolean, evidenceNote: string): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('capacity.record', { child });
  if (data.consentHolder(child) !== 'YOUNG_PERSON') throw badInput('childId', 'the parent decides until the end of compulsory school age: capacity is for a young person');
  if (!isEvidenceReference(evidenceNote)) throw badInput('evidenceNote', "cite the capacity assessment and its date, e.g. 'MCA assessment by Dr Example, 2026-10-14'");
  await data.write(store.recordCapacity, { childId: child.id, lacksCapacity, evidenceNote: evidenceNote.trim(), recordedBySub: data.actor.sub, recordedByOrg: data.actor.org });
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'], flags: ['CAPACITY'] });
  data.forget(child);
  return data.requireChild(child.id);
}
