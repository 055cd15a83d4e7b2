/**
 * Stored local offer rows → HSDS 3 objects (hsds-schemas.ts). Only the fields listed here are ever
 * published: who last edited a service, and anything not named below, stays in the hub.
 */
import { stableUuid } from '../../src/domain/stable-uuid.js';
import { AREA_NAMES } from '../../src/domain/identifiers.js';
import type { NeedType } from '../../src/domain/vocabulary.js';
import type {
  HsdsAttribute,
  HsdsCostOption,
  HsdsOrganization,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceAtLocation,
  HsdsServiceListItem,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds-schemas.js';
import type { CostOptionRow, OrganisationRow, ServiceLocation, ServiceRow, ServiceWithOrganisation } from './local-offer.store.js';
import { AGE_BAND_TERMS, ageBandsFor, CAPACITY_TERM, NEED_TYPE_TERMS, type Taxonomy, type TaxonomyTerm } from './taxonomy.js';

/** HSDS link_type values the hub uses (an open codelist in HSDS 3 attribute.json). */
export const LINK_TYPE_ELIGIBILITY = 'eligibility';
export const LINK_TYPE_PROPERTY = 'property';

/** Drops undefined and null members, so absent optional HSDS fields are omitted rather than null. */
function present<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export function taxonomyToHsds(taxonomy: Taxonomy): HsdsTaxonomy {
  return { id: taxonomy.id, name: taxonomy.name, description: taxonomy.description };
}

export function termToHsds(term: TaxonomyTerm, withDetail = false): HsdsTaxonomyTerm {
  return present({
    id: term.id,
    code: term.code,
    name: term.name,
    description: term.description,
    taxonomy: term.taxonomy.vocabulary,
    taxonomy_id: term.taxonomy.id,
    taxonomy_detail: withDetail ? taxonomyToHsds(term.taxonomy) : undefined,
    term: term.name,
  });
}

export function organisationToHsds(row: OrganisationRow): HsdsOrganization {
  return present({
    id: row.id,
    name: row.name,
    // HSDS requires a description; an organisation known only by name is described by it.
    description: row.description ?? row.name,
    email: row.email,
    website: row.website,
  });
}

function serviceFields(service: ServiceRow, organisation: OrganisationRow): HsdsServiceListItem {
  return present({
    id: service.id,
    organization_id: organisation.id,
    name: service.name,
    description: service.description,
    url: service.url,
    email: service.email,
    status: service.status,
    fees_description: service.feesDescription,
    eligibility_description: service.eligibilityDescription,
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    last_modified: service.updatedAt.toISOString(),
    organization: organisationToHsds(organisation),
  });
}

/** A `/services` page item: the one-to-one fields and the organisation. */
export function serviceListItemToHsds({ service, organisation }: ServiceWithOrganisation): HsdsServiceListItem {
  return serviceFields(service, organisation);
}

const attribute = (serviceId: string, term: TaxonomyTerm, linkType: string, value?: string): HsdsAttribute =>
  present({
    id: stableUuid('attribute', serviceId, term.id),
    link_id: serviceId,
    link_entity: 'service',
    link_type: linkType,
    taxonomy_term_id: term.id,
    taxonomy_term: termToHsds(term),
    value,
  });

/** Eligibility by need type and age band, and capacity, as HSDS 3 attributes. */
export function serviceAttributes(service: ServiceRow, needTypes: readonly NeedType[]): HsdsAttribute[] {
  return [
    ...needTypes.map((n) => attribute(service.id, NEED_TYPE_TERMS[n], LINK_TYPE_ELIGIBILITY)),
    ...ageBandsFor(service.minimumAge, service.maximumAge).map((b) => attribute(service.id, AGE_BAND_TERMS[b], LINK_TYPE_ELIGIBILITY)),
    ...(service.capacity === null ? [] : [attribute(service.id, CAPACITY_TERM, LINK_TYPE_PROPERTY, String(service.capacity))]),
  ];
}

function serviceAreas(service: ServiceRow): HsdsServiceArea[] {
  if (!service.locality) return [];
  const areaName = AREA_NAMES[service.areaCode] ?? service.areaCode;
  return [
    {
      id: stableUuid('service-area', service.id, service.locality),
      service_id: service.id,
      name: service.locality,
      description: `Locality ${service.locality} of ${areaName}`,
      extent: service.locality,
      extent_type: 'text',
    },
  ];
}

function serviceAtLocationToHsds(serviceId: string, link: ServiceLocation): HsdsServiceAtLocation {
  const l = link.location;
  const hasAddress = l.address1 && l.city && l.postalCode;
  return present({
    id: link.linkId,
    service_id: serviceId,
    location_id: l.id,
    description: link.description,
    location: present({
      id: l.id,
      location_type: 'physical' as const,
      name: l.name,
      description: l.description,
      latitude: l.latitude,
      longitude: l.longitude,
      addresses: hasAddress
        ? [{
            id: stableUuid('address', l.id),
            location_id: l.id,
            address_1: l.address1!,
            city: l.city!,
            state_province: 'England',
            postal_code: l.postalCode!,
            country: 'GB',
            address_type: 'physical' as const,
          }]
        : [],
    }),
  });
}

function costOptionToHsds(row: CostOptionRow): HsdsCostOption {
  return present({
    id: row.id,
    service_id: row.serviceId,
    valid_from: row.validFrom,
    valid_to: row.validTo,
    option: row.option,
    currency: row.currency,
    amount: row.amountPence === null ? undefined : row.amountPence / 100,
    amount_description: row.amountDescription,
  });
}

export interface ServiceDetails {
  needTypes: readonly NeedType[];
  locations: readonly ServiceLocation[];
  costOptions: readonly CostOptionRow[];
}

/** The fully nested service of `/services/{id}` (and of `/services?full=true`). */
export function serviceToHsds({ service, organisation }: ServiceWithOrganisation, details: ServiceDetails): HsdsService {
  return {
    ...serviceFields(service, organisation),
    service_areas: serviceAreas(service),
    service_at_locations: details.locations.map((l) => serviceAtLocationToHsds(service.id, l)),
    cost_options: details.costOptions.map(costOptionToHsds),
    attributes: serviceAttributes(service, details.needTypes),
  };
}
