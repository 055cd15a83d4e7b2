/**
 * Imports an Open Referral UK feed (an HSDS 3 `/services` page, or an array of services) into one
 * area's local offer: `npm run local-offer:import -- --file F --area A` (src/cli/local-offer-import.ts).
 *
 * - Every record is validated first (the lenient HSDS 3 schema of hsds-schemas.ts, then the same
 *   rules as the GraphQL upsert); bad records are listed with their index and reason and nothing is
 *   written. Then every record is written in one transaction: all or nothing.
 * - Idempotent by service id: importing the same feed twice leaves the same rows. A service, location,
 *   service_at_location or cost option id the hub already holds for another area or service is a
 *   bad record, never overwritten.
 * - What it reads from a record: name, description, status, url, email, eligibility and fees
 *   descriptions, ages, the organisation (matched by name within the area), need types (attributes
 *   whose taxonomy term is a SEN2 need: the hub's term id, or vocabulary `sen2-type-of-need` and the
 *   code), capacity (the hub's capacity attribute), locality (the first service_area whose extent,
 *   or else name, is a locality code), locations with their first address, and cost options.
 */
import { z } from 'zod';
import { isValidAreaCode, normalisePostcode } from '../../src/domain/identifiers.js';
import { stableUuid } from '../../src/domain/stable-uuid.js';
import type { Db } from '../../src/platform/db/database.js';
import { isLocalityCode } from '../../src/domain/identifiers.js';
import { HubError } from '../../src/platform/errors.js';
import { containsNul, NUL_MESSAGE } from '../../src/platform/http/nul-characters.js';
import { hsdsFeed, type FeedService } from './hsds-schemas.js';
import * as store from './local-offer.store.js';
import { CAPACITY_TERM, needTypeOfTerm, SERVICE_PROPERTY_TAXONOMY } from './taxonomy.js';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, validateLocalOfferService, type ValidLocalOfferService } from './validate-local-offer-service.js';

export interface ImportOptions {
  areaCode: string;
  /** The parsed JSON of the feed. */
  feed: unknown;
  /** Who runs the import (recorded as the services' last editor, `import:<operator>`). */
  operator: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportProblem {
  /** Position of the record in the feed (0-based). */
  index: number;
  id?: string;
  reason: string;
}

export interface ImportResult {
  /** True when every record was written; false when there were problems and nothing was written. */
  written: boolean;
  total: number;
  created: number;
  updated: number;
  problems: ImportProblem[];
}

/** A feed that is neither a services page nor an array: nothing to list by index. */
export class FeedShapeError extends Error {}

interface ImportedService {
  index: number;
  id: string;
  valid: ValidLocalOfferService;
  record: FeedService;
  organisation: { id: string; description?: string | null; email?: string | null; website?: string | null };
  locations: store.LocationValues[];
  costOptions: { id: string; option: string | null; amountPence: number | null; currency: string; amountDescription: string | null; validFrom: string | null; validTo: string | null }[];
}

/** The records of a feed: a page's `contents`, or the array itself. */
export function feedRecords(feed: unknown): unknown[] {
  if (Array.isArray(feed)) return feed;
  if (feed && typeof feed === 'object' && Array.isArray((feed as { contents?: unknown }).contents)) return (feed as { contents: unknown[] }).contents;
  throw new FeedShapeError('The feed must be an HSDS 3 services page (an object with "contents") or an array of services');
}

export async function importLocalOfferFeed(db: Db, options: ImportOptions): Promise<ImportResult> {
  if (!isValidAreaCode(options.areaCode)) throw new FeedShapeError(`--area must be the ONS code of an English local authority, not ${JSON.stringify(options.areaCode)}`);
  const records = feedRecords(options.feed);
  const problems: ImportProblem[] = [];
  const services: ImportedService[] = [];
  const seen = new Map<string, number>();
  const childIds = new Map<string, number>();
  records.forEach((record, index) => {
    const outcome = readRecord(record, index, options.areaCode);
    if ('reason' in outcome) return problems.push(outcome);
    const first = seen.get(outcome.id);
    if (first !== undefined) return problems.push({ index, id: outcome.id, reason: `service id repeats record ${first}` });
    seen.set(outcome.id, index);
    const repeated = repeatedChildId(outcome, childIds);
    if (repeated) return problems.push({ index, id: outcome.id, reason: repeated });
    services.push(outcome);
  });
  const result: ImportResult = { written: false, total: records.length, created: 0, updated: 0, problems };
  if (problems.length > 0) return result;

  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const owners = await store.existingOwners(t, {
      organisations: services.map((s) => s.organisation.id),
      services: services.map((s) => s.id),
      locations: services.flatMap((s) => s.locations.map((l) => l.location.id)),
      links: services.flatMap((s) => s.locations.map((l) => l.linkId)),
      costOptions: services.flatMap((s) => s.costOptions.map((c) => c.id)),
    });
    // Localities are codes of the area's register (the only LOCALITY keys of the aggregates).
    const registered = new Set(await store.registeredLocalityCodes(t, options.areaCode));
    for (const s of services) {
      if (s.valid.locality && !registered.has(s.valid.locality)) problems.push({ index: s.index, id: s.id, reason: `locality ${s.valid.locality} is not in the register of localities of ${options.areaCode}` });
    }
    for (const s of services) {
      const reason = ownershipProblem(s, options.areaCode, owners);
      if (reason) problems.push({ index: s.index, id: s.id, reason });
    }
    if (problems.length > 0) return result;
    let done = 0;
    const organisationIds = new Set(owners.organisations.keys());
    for (const s of services) {
      if (owners.services.has(s.id)) result.updated += 1;
      else result.created += 1;
      await writeService(t, s, options, organisationIds);
      options.onProgress?.(++done, services.length);
    }
    result.written = true;
    return result;
  });
}

/**
 * A location listed twice for one service, or a link or cost option id used twice in the feed;
 * `used` maps the ids of the records accepted so far to their index, and gains this record's.
 */
function repeatedChildId(s: ImportedService, used: Map<string, number>): string | null {
  const locationIds = s.locations.map((l) => l.location.id);
  if (new Set(locationIds).size !== locationIds.length) return 'a location is listed twice in service_at_locations';
  const own = [...s.locations.map((l) => l.linkId), ...s.costOptions.map((c) => c.id)];
  if (new Set(own).size !== own.length) return 'a service_at_location or cost_option id repeats within the record';
  const clash = own.find((id) => used.has(id));
  if (clash) return `id ${clash} is also used by record ${used.get(clash)}`;
  for (const id of own) used.set(id, s.index);
  return null;
}

function ownershipProblem(s: ImportedService, areaCode: string, owners: Awaited<ReturnType<typeof store.existingOwners>>): string | null {
  const serviceArea = owners.services.get(s.id);
  if (serviceArea !== undefined && serviceArea !== areaCode) return `service ${s.id} belongs to another area`;
  for (const l of s.locations) {
    const area = owners.locations.get(l.location.id);
    if (area !== undefined && area !== areaCode) return `location ${l.location.id} belongs to another area`;
    const service = owners.links.get(l.linkId);
    if (service !== undefined && service !== s.id) return `service_at_location ${l.linkId} belongs to another service`;
  }
  for (const c of s.costOptions) {
    const service = owners.costOptions.get(c.id);
    if (service !== undefined && service !== s.id) return `cost_option ${c.id} belongs to another service`;
  }
  return null;
}

/** Writes one service; `organisationIds` holds the organisation ids in use (it grows as this run adds some). */
async function writeService(tx: Db, s: ImportedService, options: ImportOptions, organisationIds: Set<string>): Promise<void> {
  const { valid, record } = s;
  const organisationId = await store.upsertOrganisation(tx, {
    areaCode: valid.areaCode,
    name: valid.organizationName,
    // The feed's id when it is free; otherwise a stable id of the name, so a re-run is the same.
    proposedId: organisationIds.has(s.organisation.id) ? stableUuid('organisation', valid.areaCode, valid.organizationName.toLowerCase()) : s.organisation.id,
    description: s.organisation.description,
    email: s.organisation.email,
    website: s.organisation.website,
  });
  organisationIds.add(organisationId);
  const fields = {
    organisationId,
    name: valid.name,
    description: valid.description,
    status: record.status,
    url: record.url ?? null,
    email: record.email ?? null,
    eligibilityDescription: record.eligibility_description ?? null,
    feesDescription: record.fees_description ?? null,
    minimumAge: valid.minimumAge,
    maximumAge: valid.maximumAge,
    locality: valid.locality,
    capacity: valid.capacity,
    updatedBySub: `import:${options.operator}`,
  };
  await store.upsertService(tx, { id: s.id, areaCode: valid.areaCode, ...fields }, fields);
  await store.replaceNeeds(tx, s.id, valid.needTypes);
  await store.replaceLocations(tx, s.id, s.locations);
  await store.replaceCostOptions(tx, s.id, s.costOptions.map((c) => ({ ...c, serviceId: s.id })));
}

// ---------------------------------------------------------------------------------------------------
// Reading one record
// ---------------------------------------------------------------------------------------------------

class RecordProblem extends Error {}

function readRecord(raw: unknown, index: number, areaCode: string): ImportedService | ImportProblem {
  const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  // PostgreSQL text cannot hold U+0000 (src/platform/http/nul-characters.ts): a bad record, not a crash.
  if (containsNul(raw)) return { index, id, reason: NUL_MESSAGE };
  const parsed = hsdsFeed.service.safeParse(raw);
  if (!parsed.success) return { index, id, reason: describeIssues(parsed.error) };
  const record = parsed.data;
  try {
    const valid = validateLocalOfferService({
      areaCode,
      name: record.name,
      description: record.description ?? '',
      organizationName: record.organization?.name ?? '',
      needTypes: needTypesOf(record),
      minimumAge: record.minimum_age,
      maximumAge: record.maximum_age,
      locality: localityOf(record),
      capacity: capacityOf(record),
    });
    for (const [field, value] of [['eligibility_description', record.eligibility_description], ['fees_description', record.fees_description]] as const) {
      if (value && value.length > MAX_DESCRIPTION_LENGTH) throw new RecordProblem(`${field}: must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
    }
    return {
      index,
      id: record.id.toLowerCase(),
      valid,
      record,
      organisation: { id: record.organization!.id.toLowerCase(), description: record.organization!.description, email: record.organization!.email, website: record.organization!.website },
      locations: locationsOf(record, areaCode),
      costOptions: costOptionsOf(record),
    };
  } catch (error) {
    if (error instanceof RecordProblem) return { index, id, reason: error.message };
    if (error instanceof HubError) return { index, id, reason: explain(error.message) };
    throw error;
  }
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '';
  return `not an HSDS 3 service: ${shown.join('; ')}${more}`;
}

/** Validation messages name GraphQL fields; say where in an HSDS record they come from. */
function explain(message: string): string {
  const where: Record<string, string> = {
    needTypes: ' (from attributes whose taxonomy_term is an SEN2 need type)',
    organizationName: ' (organization.name)',
    minimumAge: ' (minimum_age)',
    maximumAge: ' (maximum_age)',
    locality: ' (service_areas)',
    capacity: ' (the capacity attribute)',
  };
  const field = message.split(':')[0]!;
  return `${message}${where[field] ?? ''}`;
}

function needTypesOf(record: FeedService): string[] {
  const found = new Set<string>();
  for (const a of record.attributes ?? []) {
    const need = needTypeOfTerm({ ...(a.taxonomy_term ?? {}), id: a.taxonomy_term?.id ?? a.taxonomy_term_id });
    if (need) found.add(need);
  }
  return [...found];
}

function capacityOf(record: FeedService): number | null {
  const a = (record.attributes ?? []).find((x) => {
    const termId = x.taxonomy_term?.id ?? x.taxonomy_term_id;
    return termId === CAPACITY_TERM.id || (x.taxonomy_term?.taxonomy === SERVICE_PROPERTY_TAXONOMY.vocabulary && x.taxonomy_term?.code === CAPACITY_TERM.code);
  });
  if (!a) return null;
  if (!a.value || !/^[0-9]{1,9}$/.test(a.value.trim())) throw new RecordProblem('capacity: the capacity attribute value must be a whole number');
  return Number(a.value.trim());
}

function localityOf(record: FeedService): string | null {
  for (const area of record.service_areas ?? []) {
    for (const candidate of [area.extent, area.name]) {
      if (candidate && isLocalityCode(candidate.trim().toUpperCase())) return candidate.trim().toUpperCase();
    }
  }
  return null;
}

function locationsOf(record: FeedService, areaCode: string): store.LocationValues[] {
  return (record.service_at_locations ?? []).map((sal, i) => {
    const l = sal.location;
    if (!l) throw new RecordProblem(`service_at_locations.${i}: has no location object to import`);
    const address = l.addresses?.find((a) => a.address_type === 'physical') ?? l.addresses?.[0];
    const postcode = address ? normalisePostcode(address.postal_code.trim().toUpperCase()) : null;
    const name = (l.name ?? address?.address_1 ?? record.name).trim();
    if (name.length > MAX_NAME_LENGTH) throw new RecordProblem(`service_at_locations.${i}.location.name: must be at most ${MAX_NAME_LENGTH} characters`);
    return {
      linkId: sal.id.toLowerCase(),
      location: {
        id: l.id.toLowerCase(),
        areaCode,
        name,
        description: l.description ?? null,
        address1: address?.address_1 ?? null,
        city: address?.city ?? null,
        postalCode: postcode ?? address?.postal_code ?? null,
        outwardCode: postcode ? postcode.split(' ')[0]! : null,
        latitude: l.latitude ?? null,
        longitude: l.longitude ?? null,
      },
    };
  });
}

function costOptionsOf(record: FeedService): ImportedService['costOptions'] {
  return (record.cost_options ?? []).map((c, i) => {
    const amountPence = c.amount === null || c.amount === undefined ? null : Math.round(c.amount * 100);
    if (amountPence !== null && amountPence > 2_000_000_000) throw new RecordProblem(`cost_options.${i}.amount: is too large`);
    return {
      id: c.id.toLowerCase(),
      option: c.option ?? null,
      amountPence,
      currency: (c.currency ?? 'GBP').toUpperCase(),
      amountDescription: c.amount_description ?? null,
      validFrom: c.valid_from ?? null,
      validTo: c.valid_to ?? null,
    };
  });
}
