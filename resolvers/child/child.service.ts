/**
 * The child registry: who may register, add to the care team and link family, and who may list.
 * Decisions here; SQL in child.store.ts; every read through ScopedData.
 */
import { randomUUID } from 'node:crypto';
import { recordKey } from '../../policies/disclosure/record-key.js';
import type { ScopedData, VisibleChild } from '../../src/access/scoped-data.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { badInput, forbidden } from '../../src/platform/errors.js';
import { decodeCursor, pageSize, toPage, type Page } from '../../src/platform/graphql/connection.js';
import * as store from './child.store.js';
import type { RegisterChildInput } from './child.types.js';
import { validateRegistration } from './validate-registration.js';

const ORG_CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;
const SUBJECT = /^[\w.@:|-]{1,200}$/;

/** Only a case coordinator of the child's area registers a child (CFA 2014 s.24: the home council). */
export async function registerChild(data: ScopedData, input: RegisterChildInput): Promise<VisibleChild> {
  const { actor } = data;
  if (actor.role !== 'CASE_COORDINATOR' || !actor.areas.includes(input.areaCode)) {
    throw forbidden('Only a case coordinator of that area may register a child there');
  }
  const valid = validateRegistration(input, data.now.toISOString().slice(0, 10));
  const id = randomUUID();
  await data.write(async (tx) => {
    await store.insertChild(tx, { id, ...valid, recordKey: recordKey(data.settings.disclosureKey, id), registeredBySub: actor.sub });
    // The registering council's SEN team is on the care team from the start.
    await store.upsertCareTeamMember(tx, { childId: id, org: actor.org, agency: actor.agency!, addedBySub: actor.sub });
  });
  data.noteAction(id, 'REGISTER', 'STATUTORY', { categories: ['IDENTITY'] });
  return data.requireChild(id);
}

/** Coordinators of the child's area manage its care team. */
export async function addCareTeamMember(data: ScopedData, childId: string, org: string, agency: Agency): Promise<VisibleChild> {
  const child = await requireCoordinatedChild(data, childId);
  const code = org.trim().toUpperCase();
  if (!ORG_CODE.test(code)) throw badInput('org', 'must be an organisation code of 2 to 20 letters, digits or hyphens');
  await data.write((tx) => store.upsertCareTeamMember(tx, { childId: child.id, org: code, agency, addedBySub: data.actor.sub }));
  data.noteAction(child.id, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'] });
  data.forget(child.id);
  return data.requireChild(child.id);
}

/** Coordinators link the parent or the young person (the family's token subject) to the child. */
export async function linkFamilyMember(
  data: ScopedData,
  childId: string,
  subject: string,
  relationship: FamilyRelationship,
): Promise<VisibleChild> {
  const child = await requireCoordinatedChild(data, childId);
  if (!SUBJECT.test(subject)) throw badInput('subject', 'must be 1 to 200 letters, digits or . @ : | - _');
  await data.write((tx) => store.upsertFamilyLink(tx, { childId: child.id, subject, relationship, linkedBySub: data.actor.sub }));
  data.noteAction(child.id, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'] });
  data.forget(child.id);
  return data.requireChild(child.id);
}

/** A page of the children the actor may see; the SQL narrows, the in-memory check confirms. */
export async function listChildren(data: ScopedData, first: number | null | undefined, after: string | null | undefined): Promise<Page<VisibleChild>> {
  const size = pageSize(first);
  const ids = await store.listVisibleChildIds(data.tx, data.actor, decodeCursor(after), size + 1);
  const visible = await data.visibleChildren(ids);
  return toPage(visible, size, (c) => c.id);
}

/** The child, if the actor coordinates its area; NOT_FOUND for other areas, FORBIDDEN for other roles. */
export async function requireCoordinatedChild(data: ScopedData, childId: string): Promise<VisibleChild> {
  const child = await data.requireChild(childId);
  const { actor } = data;
  if (actor.role !== 'CASE_COORDINATOR') throw forbidden('Only the case coordinator of the child\'s area may do this');
  if (!actor.areas.includes(child.areaCode)) throw forbidden('Only the case coordinator of the child\'s area may do this');
  return child;
}
