/**
 * The local offer (CFA 2014 s.30: every council publishes the support available to disabled children
 * and young people and their families). Coordinators of an area keep its services; the public reads
 * them through the Open Referral UK API (open-referral-api.ts). No child data is involved anywhere.
 */
import { randomUUID } from 'node:crypto';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isUuid } from '../../src/domain/identifiers.js';
import type { Db } from '../../src/platform/db/database.js';
import { badInput, forbidden, notFound } from '../../src/platform/errors.js';
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
  const { actor } = data;
  if (actor.role !== 'CASE_COORDINATOR' || !actor.areas.includes(input.areaCode)) {
    throw forbidden("Only a case coordinator of that area may change the area's local offer");
  }
  const valid = validateLocalOfferService(input);
  // Hook for the area's locality register (area_localities): once it exists, refuse a locality code
  // the register does not hold for valid.areaCode here, as badInput('locality', …), before the write.
  const id = input.id ?? randomUUID();
  return writeThroughDataPath(data, async (tx) => {
    if (input.id) await requireOwnService(tx, data.actor.areas, input.id, valid.areaCode);
    await saveService(tx, id, valid, actor.sub);
    return loadLocalOfferService(tx, id);
  });
}

/**
 * The one place this module touches the request's data path: the change runs in ScopedData's
 * savepoint (a refused write leaves nothing behind) and is noted for the audit trail. The notes
 * carry no child: local offer data is about services, not people.
 */
async function writeThroughDataPath<T>(data: ScopedData, change: (tx: Db) => Promise<T>): Promise<T> {
  const result = await data.write(change);
  data.noteAction(null, 'WRITE', 'STATUTORY');
  return result;
}

/** An existing service of one of the actor's areas, in the area the input names. */
async function requireOwnService(tx: Db, actorAreas: readonly string[], id: string, areaCode: string): Promise<void> {
  const area = isUuid(id) ? await store.lockServiceArea(tx, id) : null;
  if (area === null || !actorAreas.includes(area)) throw notFound(NOT_FOUND_WHAT);
  if (area !== areaCode) throw badInput('areaCode', `the service belongs to ${area}: a service does not move between areas`);
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
