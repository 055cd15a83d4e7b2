/**
 * The local offer (CFA 2014 s.30: every council publishes the support available to disabled children
 * and young people and their families). Coordinators of an area keep its services; the public reads
 * them through the Open Referral UK API (open-referral-api.ts). No child data is involved anywhere.
 */
import { randomUUID } from 'node:crypto';
import { registeredLocalities } from '../../src/access/reference-data.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isUuid } from '../../src/domain/identifiers.js';
import type { Db } from '../../src/platform/db/database.js';
import { badInput, notFound } from '../../src/platform/errors.js';
import * as store from './local-offer.store.js';
import type { LocalOfferService, LocalOfferServiceInput } from './local-offer.types.js';
import { validateLocalOfferService, type ValidLocalOfferService } from './validate-local-offer-service.js';

const NOT_FOUND_WHAT = 'local offer service';

/**
 * Creates (no id) or updates (id) a service. Only a case coordinator of input.areaCode may write
 * (FORBIDDEN otherwise); an id that is unknown or another area's is NOT_FOUND; bad input is
 * BAD_USER_INPUT and nothing is written.
 */
export async function upsertLocalOfferService(data: ScopedData, input: LocalOfferServiceInput): Promise<LocalOfferService> {
  data.assertCan('localOffer.manage', { areaCode: input.areaCode });
  const valid = validateLocalOfferService(input);
  if (valid.locality && !(await registeredLocalities(data, valid.areaCode)).some((l) => l.code === valid.locality)) {
    throw badInput('locality', `is not in the register of localities of ${valid.areaCode}`);
  }
  const id = input.id ?? randomUUID();
  try {
    await data.write(saveLocalOfferService, { id, existing: input.id != null, valid, actorAreas: data.actor.areas, sub: data.actor.sub });
  } catch (error) {
    if (error instanceof NotOwnService) throw notFound(NOT_FOUND_WHAT);
    if (error instanceof ServiceMovesArea) throw badInput('areaCode', `the service belongs to ${error.area}: a service does not move between areas`);
    throw error;
  }
  // Local offer data is about services, not people: the note carries the area and no child.
  data.noteAction({ areaCode: valid.areaCode }, 'WRITE', 'STATUTORY', { flags: ['LOCAL_OFFER'] });
  return data.readPublic(loadLocalOfferService, id);
}

class NotOwnService extends Error {}
class ServiceMovesArea extends Error {
  constructor(readonly area: string) {
    super(area);
  }
}

/** Runs in the request's savepoint: checks an existing service is the actor's, then saves it. */
async function saveLocalOfferService(tx: Db, a: { id: string; existing: boolean; valid: ValidLocalOfferService; actorAreas: readonly string[]; sub: string }): Promise<void> {
  if (a.existing) {
    const area = isUuid(a.id) ? await store.lockServiceArea(tx, a.id) : null;
    if (area === null || !a.actorAreas.includes(area)) throw new NotOwnService();
    if (area !== a.valid.areaCode) throw new ServiceMovesArea(area);
  }
  await saveService(tx, a.id, a.valid, a.sub);
}

/** Writes the fields the GraphQL input carries; status, contact details, locations and costs are kept. */
async function saveService(tx: Db, id: string, valid: ValidLocalOfferService, sub: string): Promise<void> {
  const organisationId = await store.upsertOrganisation(tx, { areaCode: valid.areaCode, name: valid.organizationName, proposedId: randomUUID() });
  const fields = {
    organisationId,
    name: valid.name,
    description: valid.description,
    minimumAge: valid.minimumAge,
    maximumAge: valid.maximumAge,
    locality: valid.locality,
    capacity: valid.capacity,
    updatedBySub: sub,
  };
  await store.upsertService(tx, { id, areaCode: valid.areaCode, ...fields }, fields);
  await store.replaceNeeds(tx, id, valid.needTypes);
}

/** The GraphQL view of a stored service. */
export async function loadLocalOfferService(db: Db, id: string): Promise<LocalOfferService> {
  const found = await store.getService(db, id);
  if (!found) throw notFound(NOT_FOUND_WHAT);
  const needs = await store.needsOf(db, [id]);
  const { service, organisation } = found;
  return {
    id: service.id,
    areaCode: service.areaCode,
    name: service.name,
    description: service.description,
    organizationName: organisation.name,
    needTypes: needs.get(id) ?? [],
    minimumAge: service.minimumAge,
    maximumAge: service.maximumAge,
    locality: service.locality,
    capacity: service.capacity,
    updatedAt: service.updatedAt,
  };
}
