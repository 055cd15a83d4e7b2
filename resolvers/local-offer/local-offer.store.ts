/**
 * SQL for the local offer. It reads and writes only the local_offer_* tables (none of which holds or
 * references anything from a child's record), so nothing here can carry child data to the public API.
 * Every caller value is bound; list queries are one statement each, batched by service id.
 */
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  areaLocalities,
  localOfferCostOptions,
  localOfferLocations,
  localOfferOrganisations,
  localOfferServiceLocations,
  localOfferServiceNeeds,
  localOfferServices,
} from '../../schema/tables.js';
import { queryRows, type Db } from '../../src/platform/db/database.js';
import { NEED_TYPES, type LocalOfferServiceStatus, type NeedType } from '../../src/domain/vocabulary.js';
import { OLDEST, YOUNGEST } from './taxonomy.js';

export type ServiceRow = typeof localOfferServices.$inferSelect;
export type OrganisationRow = typeof localOfferOrganisations.$inferSelect;
export type LocationRow = typeof localOfferLocations.$inferSelect;
export type CostOptionRow = typeof localOfferCostOptions.$inferSelect;

export interface ServiceWithOrganisation {
  service: ServiceRow;
  organisation: OrganisationRow;
}

// ---------------------------------------------------------------------------------------------------
// Writes (always inside the caller's transaction or savepoint)
// ---------------------------------------------------------------------------------------------------

/** The area of an existing service, locking its row until the transaction ends; null if none. */
export async function lockServiceArea(tx: Db, id: string): Promise<string | null> {
  const rows = await tx.select({ areaCode: localOfferServices.areaCode }).from(localOfferServices).where(eq(localOfferServices.id, id)).for('update');
  return rows[0]?.areaCode ?? null;
}

export interface OrganisationInput {
  areaCode: string;
  name: string;
  /** Used only when the organisation is new. */
  proposedId: string;
  description?: string | null;
  email?: string | null;
  website?: string | null;
}

/**
 * The area's organisation of that name (case-insensitive), created if new; contact details given
 * here replace the stored ones, absent ones are kept. Concurrent creators meet on the unique index.
 */
export async function upsertOrganisation(tx: Db, org: OrganisationInput): Promise<string> {
  const o = localOfferOrganisations;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into ${o} (id, area_code, name, description, email, website)
        values (${org.proposedId}, ${org.areaCode}, ${org.name}, ${org.description ?? null}, ${org.email ?? null}, ${org.website ?? null})
        on conflict (area_code, lower(name)) do update set
          description = coalesce(excluded.description, ${o.description}),
          email = coalesce(excluded.email, ${o.email}),
          website = coalesce(excluded.website, ${o.website}),
          updated_at = now()
        returning id`,
  );
  return rows[0]!.id;
}

export type ServiceValues = typeof localOfferServices.$inferInsert;

/**
 * Inserts the service or, when its id exists, updates the columns named in `update` (the caller
 * has already checked the existing row is in the same area).
 */
export async function upsertService(tx: Db, values: ServiceValues, update: Partial<ServiceValues>): Promise<void> {
  await tx
    .insert(localOfferServices)
    .values(values)
    .onConflictDoUpdate({ target: localOfferServices.id, set: { ...update, updatedAt: sql`now()` } });
}

export async function replaceNeeds(tx: Db, serviceId: string, needTypes: readonly NeedType[]): Promise<void> {
  await tx.delete(localOfferServiceNeeds).where(eq(localOfferServiceNeeds.serviceId, serviceId));
  if (needTypes.length > 0) await tx.insert(localOfferServiceNeeds).values(needTypes.map((needType) => ({ serviceId, needType })));
}

export interface LocationValues {
  /** The service_at_location id. */
  linkId: string;
  location: typeof localOfferLocations.$inferInsert;
}

/** Replaces where a service is delivered: location rows are upserted by id, links replaced. */
export async function replaceLocations(tx: Db, serviceId: string, locations: readonly LocationValues[]): Promise<void> {
  await tx.delete(localOfferServiceLocations).where(eq(localOfferServiceLocations.serviceId, serviceId));
  if (locations.length === 0) return;
  const l = localOfferLocations;
  await tx
    .insert(l)
    .values(locations.map((v) => v.location))
    .onConflictDoUpdate({
      target: l.id,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        address1: sql`excluded.address_1`,
        city: sql`excluded.city`,
        postalCode: sql`excluded.postal_code`,
        outwardCode: sql`excluded.outward_code`,
        latitude: sql`excluded.latitude`,
        longitude: sql`excluded.longitude`,
        updatedAt: sql`now()`,
      },
    });
  await tx.insert(localOfferServiceLocations).values(locations.map((v) => ({ id: v.linkId, serviceId, locationId: v.location.id })));
}

export async function replaceCostOptions(tx: Db, serviceId: string, options: readonly (typeof localOfferCostOptions.$inferInsert)[]): Promise<void> {
  await tx.delete(localOfferCostOptions).where(eq(localOfferCostOptions.serviceId, serviceId));
  if (options.length > 0) await tx.insert(localOfferCostOptions).values(options.map((o) => ({ ...o, serviceId })));
}

/** Who holds these ids already: organisations, services and locations by area; links and cost options by service. */
export async function existingOwners(tx: Db, ids: { organisations: string[]; services: string[]; locations: string[]; links: string[]; costOptions: string[] }) {
  const [organisations, services, locations, links, costOptions] = await Promise.all([
    ids.organisations.length ? tx.select({ id: localOfferOrganisations.id, owner: localOfferOrganisations.areaCode }).from(localOfferOrganisations).where(inArray(localOfferOrganisations.id, ids.organisations)) : [],
    ids.services.length ? tx.select({ id: localOfferServices.id, owner: localOfferServices.areaCode }).from(localOfferServices).where(inArray(localOfferServices.id, ids.services)) : [],
    ids.locations.length ? tx.select({ id: localOfferLocations.id, owner: localOfferLocations.areaCode }).from(localOfferLocations).where(inArray(localOfferLocations.id, ids.locations)) : [],
    ids.links.length ? tx.select({ id: localOfferServiceLocations.id, owner: localOfferServiceLocations.serviceId }).from(localOfferServiceLocations).where(inArray(localOfferServiceLocations.id, ids.links)) : [],
    ids.costOptions.length ? tx.select({ id: localOfferCostOptions.id, owner: localOfferCostOptions.serviceId }).from(localOfferCostOptions).where(inArray(localOfferCostOptions.id, ids.costOptions)) : [],
  ]);
  const toMap = (rows: { id: string; owner: string }[]) => new Map(rows.map((r) => [r.id, r.owner]));
  return { organisations: toMap(organisations), services: toMap(services), locations: toMap(locations), links: toMap(links), costOptions: toMap(costOptions) };
}

// ---------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------

/** One service with its organisation, or null. */
export async function getService(db: Db, id: string): Promise<ServiceWithOrganisation | null> {
  const rows = await db
    .select({ service: localOfferServices, organisation: localOfferOrganisations })
    .from(localOfferServices)
    .innerJoin(localOfferOrganisations, eq(localOfferOrganisations.id, localOfferServices.organisationId))
    .where(eq(localOfferServices.id, id));
  return rows[0] ?? null;
}

/** What the public list may filter on; every value is already validated by the API. */
export interface ServiceFilter {
  areaCode?: string;
  organizationId?: string;
  text?: string;
  /** Services eligible for any of these need types. */
  needTypes?: readonly NeedType[];
  /** Services whose age range overlaps [from, to]. */
  ageRange?: { from: number; to: number };
  hasCapacity?: boolean;
  /** A taxonomy filter that can match nothing (an unknown taxonomy or term id). */
  matchNothing?: boolean;
  outwardCode?: string;
  minimumAgeAtLeast?: number;
  maximumAgeAtMost?: number;
  status?: LocalOfferServiceStatus;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function serviceWhere(filter: ServiceFilter): SQL | undefined {
  const s = localOfferServices;
  const minAge = sql`coalesce(${s.minimumAge}, ${YOUNGEST})`;
  const maxAge = sql`coalesce(${s.maximumAge}, ${OLDEST})`;
  const pattern = filter.text ? `%${escapeLike(filter.text)}%` : null;
  return and(
    filter.matchNothing ? sql`false` : undefined,
    filter.areaCode ? eq(s.areaCode, filter.areaCode) : undefined,
    filter.organizationId ? eq(s.organisationId, filter.organizationId) : undefined,
    filter.status ? eq(s.status, filter.status) : undefined,
    pattern ? or(ilike(s.name, pattern), ilike(s.description, pattern)) : undefined,
    filter.needTypes?.length
      ? sql`exists (select 1 from ${localOfferServiceNeeds} where ${localOfferServiceNeeds.serviceId} = ${s.id} and ${inArray(localOfferServiceNeeds.needType, [...filter.needTypes])})`
      : undefined,
    filter.ageRange ? sql`${minAge} <= ${filter.ageRange.to} and ${maxAge} >= ${filter.ageRange.from}` : undefined,
    filter.hasCapacity ? sql`${s.capacity} is not null` : undefined,
    filter.minimumAgeAtLeast !== undefined ? sql`${minAge} >= ${filter.minimumAgeAtLeast}` : undefined,
    filter.maximumAgeAtMost !== undefined ? sql`${maxAge} <= ${filter.maximumAgeAtMost}` : undefined,
    filter.outwardCode
      ? sql`exists (select 1 from ${localOfferServiceLocations} join ${localOfferLocations} on ${localOfferLocations.id} = ${localOfferServiceLocations.locationId}
            where ${localOfferServiceLocations.serviceId} = ${s.id} and ${localOfferLocations.outwardCode} = ${filter.outwardCode})`
      : undefined,
  );
}

export async function countServices(db: Db, filter: ServiceFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(localOfferServices).where(serviceWhere(filter));
  return Number(row?.n ?? 0);
}

/** One page of services with their organisations, by name then id (a stable order). */
export async function listServices(db: Db, filter: ServiceFilter, limit: number, offset: number): Promise<ServiceWithOrganisation[]> {
  return db
    .select({ service: localOfferServices, organisation: localOfferOrganisations })
    .from(localOfferServices)
    .innerJoin(localOfferOrganisations, eq(localOfferOrganisations.id, localOfferServices.organisationId))
    .where(serviceWhere(filter))
    // Case-insensitive, in the C collation so both backends (PGlite, PostgreSQL) give one order.
    .orderBy(sql`lower(${localOfferServices.name}) collate "C"`, asc(localOfferServices.id))
    .limit(limit)
    .offset(offset);
}

const groupBy = <T>(rows: T[], key: (row: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
};

/** The need types of each service (one statement for the whole page). */
export async function needsOf(db: Db, serviceIds: readonly string[]): Promise<Map<string, NeedType[]>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(localOfferServiceNeeds)
    .where(inArray(localOfferServiceNeeds.serviceId, [...serviceIds]))
    .orderBy(asc(localOfferServiceNeeds.serviceId), asc(localOfferServiceNeeds.needType));
  const grouped = groupBy(rows, (r) => r.serviceId);
  const inSen2Order = (list: NeedType[]) => NEED_TYPES.filter((n) => list.includes(n));
  return new Map([...grouped].map(([id, list]) => [id, inSen2Order(list.map((r) => r.needType))]));
}

export interface ServiceLocation {
  linkId: string;
  serviceId: string;
  description: string | null;
  location: LocationRow;
}

export async function locationsOf(db: Db, serviceIds: readonly string[]): Promise<Map<string, ServiceLocation[]>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .select({ linkId: localOfferServiceLocations.id, serviceId: localOfferServiceLocations.serviceId, description: localOfferServiceLocations.description, location: localOfferLocations })
    .from(localOfferServiceLocations)
    .innerJoin(localOfferLocations, eq(localOfferLocations.id, localOfferServiceLocations.locationId))
    .where(inArray(localOfferServiceLocations.serviceId, [...serviceIds]))
    .orderBy(asc(localOfferServiceLocations.serviceId), asc(localOfferLocations.name), asc(localOfferServiceLocations.id));
  return groupBy(rows, (r) => r.serviceId);
}

export async function costOptionsOf(db: Db, serviceIds: readonly string[]): Promise<Map<string, CostOptionRow[]>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(localOfferCostOptions)
    .where(inArray(localOfferCostOptions.serviceId, [...serviceIds]))
    .orderBy(asc(localOfferCostOptions.serviceId), asc(localOfferCostOptions.option), asc(localOfferCostOptions.id));
  return groupBy(rows, (r) => r.serviceId);
}

/** The locality codes of the area's register (reference data: no child). */
export async function registeredLocalityCodes(db: Db, areaCode: string): Promise<string[]> {
  const rows = await db.select({ code: areaLocalities.code }).from(areaLocalities).where(eq(areaLocalities.areaCode, areaCode));
  return rows.map((r) => r.code);
}
