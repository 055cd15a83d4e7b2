/**
 * The child registry: registering, the care team and family links, and the list of children. Who may
 * do each is the action table's (policies/actions.ts); every read goes through the data layer.
 */
import { randomUUID } from 'node:crypto';
import { isEvidenceReference } from '../../policies/consent-rules.js';
import { recordKey } from '../../policies/disclosure/record-key.js';
import type { ChildRef } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isOrgCode, isSubject, isUuid, isValidUpn, normaliseNhsNumber } from '../../src/domain/identifiers.js';
import { MAX_RANKED_CHILDREN, TooManyToRank, type ChildListFilter, type ChildOrder } from '../../src/access/child-list.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { badInput, conflict } from '../../src/platform/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../src/platform/graphql/connection.js';
import * as store from './child.store.js';
import type { ChildDetailsInput, ChildFilter, RegisterChildInput } from './child.types.js';
import { MAX_NAME_LENGTH, validateRegistration } from './validate-registration.js';

const MAX_ORG_NAME = 200;

/**
 * CFA 2014 s.24: the home council registers the child; its SEN team joins the care team. A school
 * registering a pupil it supports (SEN support, s.66 and s.68; Code 6.44) joins the care team as
 * EDUCATION instead, through the same validation; the area's coordinator sees the child by its area.
 */
export async function registerChild(data: ScopedData, input: RegisterChildInput): Promise<ChildRef> {
  data.assertCan('child.register', { areaCode: input.areaCode });
  const valid = validateRegistration(input, data.today);
  const id = randomUUID();
  const { actor } = data;
  try {
    await data.write(store.registerChild, {
      child: { id, ...valid, recordKey: recordKey(data.settings.disclosureKey, id), registeredBySub: actor.sub },
      registrant: { org: actor.org, agency: actor.agency! },
    });
  } catch (error) {
    if (error instanceof store.UnknownLocalityError) throw badInput('locality', `is not in the register of localities of ${input.areaCode}`);
    if (error instanceof store.DuplicateNhsNumber) {
      // One NHS number is one person: never a second record. Recorded on the existing record either way.
      await data.noteDuplicateRegistration(error.childId);
      if (error.areaCode === input.areaCode) throw conflict('A child with this NHS number is already registered in this area: find them with children(filter: { nhsNumber })');
      throw conflict('A child with this NHS number is already registered with another council: ask for a transfer');
    }
    if (error instanceof store.NhsNumberTaken) throw conflict('A child with this NHS number has just been registered: find them with children(filter: { nhsNumber })');
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

/** The filter as the data layer takes it: identifiers normalised, each bad value a BAD_USER_INPUT on its field. */
function checkedFilter(filter: ChildFilter | null): ChildListFilter {
  if (!filter) return {};
  const out: ChildListFilter = { planStatus: filter.planStatus ?? null, overdue: filter.overdue ?? null };
  if (filter.nhsNumber != null) {
    out.nhsNumber = normaliseNhsNumber(filter.nhsNumber);
    if (!out.nhsNumber) throw badInput('filter.nhsNumber', 'is not a valid NHS number (10 digits, modulus 11 check; spaces allowed)');
  }
  if (filter.upn != null) {
    out.upn = filter.upn.trim().toUpperCase();
    if (!isValidUpn(out.upn)) throw badInput('filter.upn', 'is not a valid UPN (13 characters with a correct check letter)');
  }
  if (filter.name != null) {
    const name = filter.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw badInput('filter.name', `must be 1 to ${MAX_NAME_LENGTH} characters`);
    out.name = name;
  }
  if (filter.dateOfBirth != null) out.dateOfBirth = filter.dateOfBirth;
  if (filter.locality != null) {
    const locality = filter.locality.trim();
    if (locality.length === 0 || locality.length > MAX_NAME_LENGTH) throw badInput('filter.locality', `must be 1 to ${MAX_NAME_LENGTH} characters`);
    out.locality = locality;
  }
  if (filter.dueWithinDays != null) {
    if (!Number.isInteger(filter.dueWithinDays) || filter.dueWithinDays < 0 || filter.dueWithinDays > MAX_DUE_WITHIN_DAYS) {
      throw badInput('filter.dueWithinDays', `must be a whole number of days from 0 to ${MAX_DUE_WITHIN_DAYS}`);
    }
    out.dueWithinDays = filter.dueWithinDays;
  }
  return out;
}

/** A year and a half ahead covers every deadline a caseworker plans for (an annual review, a phase transfer). */
const MAX_DUE_WITHIN_DAYS = 550;

/** A page of the children the actor may see, found by the filter, in the order asked, with the total. */
export async function listChildren(
  data: ScopedData, first: number | null | undefined, after: string | null | undefined, filter: ChildFilter | null = null, order: ChildOrder = 'ID',
): Promise<Page<ChildRef> & { readonly totalCount: Promise<number> }> {
  data.assertCan('child.read');
  const limit = pageSize(first);
  const checked = checkedFilter(filter);
  // A locality given by name is the area's code (the register is the only locality vocabulary).
  if (checked.locality) checked.locality = (await data.readPublic(store.localityCodeAnyArea, { given: checked.locality, areas: data.actor.areas })) ?? checked.locality;
  const key = decodeCursor(after);
  if (key !== null && order !== 'ID' && !/^[0-9]{1,9}$/.test(key)) throw badInput('after', 'is not a cursor this hub issued for this order');
  if (key !== null && order === 'ID' && !isUuid(key)) throw badInput('after', 'is not a cursor this hub issued for this order');
  let page;
  try {
    page = await data.listChildren({ after: key, limit, filter: checked, order });
  } catch (error) {
    if (error instanceof TooManyToRank) throw badInput('filter', `more than ${MAX_RANKED_CHILDREN} children to rank by deadline: narrow the search (locality, planStatus)`);
    throw error;
  }
  const edges = page.children.map((node, i) => ({ node, cursor: encodeCursor(page.keys[i]!) }));
  const pageInfo = { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  // A getter: the count runs (in this request's transaction) only when the client selects totalCount.
  return { edges, pageInfo, get totalCount() { return page.totalCount(); } };
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

/**
 * The coordinator records the child's sex and ethnicity after registration, as the DfE codes the SEN2
 * return carries for every child with a request or a plan (docs/sen2.md): a field left out is kept, a
 * field given as null cleared. IDENTITY data, released like the name (policies/field-access.ts rule 2).
 */
export async function updateChildDetails(data: ScopedData, input: ChildDetailsInput): Promise<ChildRef> {
  const child = await data.requireChild(input.childId);
  data.assertCan('child.updateDetails', { child });
  const set: { sex?: ChildDetailsInput['sex']; ethnicity?: ChildDetailsInput['ethnicity'] } = {};
  if (input.sex !== undefined) set.sex = input.sex;
  if (input.ethnicity !== undefined) set.ethnicity = input.ethnicity;
  if (Object.keys(set).length === 0) throw badInput('input', 'give sex, ethnicity or both');
  await data.write(store.updateChildDetails, { childId: child.id, set });
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'] });
  data.forget(child);
  return data.requireChild(child.id);
}
