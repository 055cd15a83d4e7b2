/**
 * zod schemas for the HSDS 3 objects the hub serves and imports, written by hand from the standard:
 * Open Referral Human Services Data Specification 3.0 (github.com/openreferral/specification, tag
 * v3.0, `schema/*.json` and `schema/compiled/service.json`; the API pages of `schema/openapi.json`),
 * with the Open Referral UK profile for HSDS 3.0 (github.com/OpenReferralUK/uk-profile, `profile/`,
 * which adds `taxonomy_term.term`). Field names, types, formats, enums and required lists follow
 * those files; a field the hub does not use is left out of the schema, not invented.
 *
 * Two modes from one definition:
 * - `strict` (what the hub publishes; tests validate every ORUK response with it): no unknown keys
 *   (so nothing the hub did not mean to publish can slip into a response), absent means omitted.
 * - `lenient` (what the hub accepts from other publishers' feeds): unknown keys are ignored and
 *   `null` counts as absent, as many HSDS feeds write it.
 */
import { z } from 'zod';
import { LOCAL_OFFER_SERVICE_STATUSES } from '../../src/domain/vocabulary.js';

export type SchemaMode = 'strict' | 'lenient';

function build(mode: SchemaMode) {
  const object = <T extends z.ZodRawShape>(shape: T) => (mode === 'strict' ? z.strictObject(shape) : z.object(shape));
  /** Optional: omitted when absent; a lenient feed may also write null. */
  const opt = <T extends z.ZodType>(schema: T) => (mode === 'strict' ? schema.optional() : schema.nullish());
  const list = <T extends z.ZodType>(item: T) => opt(z.array(item));

  const id = z.uuid();
  const text = z.string();
  const uri = z.url();
  const email = z.email();

  /** schema/taxonomy.json */
  const taxonomy = object({
    id,
    name: text,
    description: text,
    uri: opt(uri),
    version: opt(text),
  });

  /** schema/taxonomy_term.json (`term` from the UK profile). */
  const taxonomyTerm = object({
    id,
    code: opt(text),
    name: text,
    description: text,
    parent_id: opt(id),
    taxonomy: opt(text),
    taxonomy_detail: opt(taxonomy),
    language: opt(text),
    taxonomy_id: opt(id),
    term_uri: opt(uri),
    term: opt(text),
  });

  /** schema/attribute.json: links an entity to a taxonomy term, with an optional value. */
  const attribute = object({
    id,
    link_id: opt(id),
    taxonomy_term_id: opt(id),
    link_type: opt(text),
    link_entity: opt(text),
    value: opt(text),
    taxonomy_term: opt(taxonomyTerm),
  });

  /** schema/address.json (every listed field but address_2, attention and region is required). */
  const address = object({
    id,
    location_id: opt(id),
    attention: opt(text),
    address_1: text,
    address_2: opt(text),
    city: text,
    region: opt(text),
    state_province: text,
    postal_code: text,
    country: text,
    address_type: z.enum(['physical', 'postal', 'virtual']),
  });

  /** schema/location.json */
  const location = object({
    id,
    location_type: z.enum(['physical', 'postal', 'virtual']),
    url: opt(uri),
    organization_id: opt(id),
    name: opt(text),
    alternate_name: opt(text),
    description: opt(text),
    transportation: opt(text),
    latitude: opt(z.number().min(-90).max(90)),
    longitude: opt(z.number().min(-180).max(180)),
    external_identifier: opt(text),
    external_identifier_type: opt(text),
    addresses: list(address),
    attributes: list(attribute),
  });

  /** schema/service_at_location.json */
  const serviceAtLocation = object({
    id,
    service_id: opt(id),
    location_id: opt(id),
    description: opt(text),
    location: opt(location),
    attributes: list(attribute),
  });

  /** schema/organization.json */
  const organization = object({
    id,
    name: text,
    alternate_name: opt(text),
    description: text,
    email: opt(email),
    website: opt(uri),
    tax_status: opt(text),
    tax_id: opt(text),
    year_incorporated: opt(z.number()),
    legal_status: opt(text),
    logo: opt(text),
    uri: opt(uri),
    parent_organization_id: opt(id),
    attributes: list(attribute),
  });

  /** schema/cost_option.json (UK profile: currency expected to be GBP). */
  const costOption = object({
    id,
    service_id: opt(id),
    valid_from: opt(z.iso.date()),
    valid_to: opt(z.iso.date()),
    option: opt(text),
    currency: opt(z.string().regex(/^[A-Za-z]{3}$/, 'a 3-letter currency code')),
    amount: opt(z.number().nonnegative()),
    amount_description: opt(text),
    attributes: list(attribute),
  });

  /** schema/service_area.json (extent_type: geojson, topojson, kml or text). */
  const serviceArea = object({
    id,
    service_id: opt(id),
    name: opt(text),
    description: opt(text),
    extent: opt(text),
    extent_type: opt(text),
    uri: opt(text),
    attributes: list(attribute),
  });

  /** The one-to-one fields of schema/service.json: what a `/services` page lists (compiled/service_list.json). */
  const serviceFields = {
    id,
    organization_id: opt(id),
    name: text,
    alternate_name: opt(text),
    description: opt(text),
    url: opt(uri),
    email: opt(email),
    status: z.enum(LOCAL_OFFER_SERVICE_STATUSES),
    interpretation_services: opt(text),
    application_process: opt(text),
    fees_description: opt(text),
    wait_time: opt(text),
    fees: opt(text),
    accreditations: opt(text),
    eligibility_description: opt(text),
    minimum_age: opt(z.number().nonnegative()),
    maximum_age: opt(z.number().nonnegative()),
    assured_date: opt(text),
    assurer_email: opt(email),
    licenses: opt(text),
    alert: opt(text),
    last_modified: opt(z.iso.datetime({ offset: true })),
  };

  const serviceListItem = object({ ...serviceFields, organization: opt(organization) });

  /** compiled/service.json: the fully nested service of `/services/{id}`. */
  const service = object({
    ...serviceFields,
    organization: opt(organization),
    service_areas: list(serviceArea),
    service_at_locations: list(serviceAtLocation),
    cost_options: list(costOption),
    attributes: list(attribute),
  });

  /** openapi.json components.schemas.Page, with its `contents`. */
  const page = <T extends z.ZodType>(item: T) =>
    object({
      total_items: z.int().nonnegative(),
      total_pages: z.int().nonnegative(),
      page_number: z.int().positive(),
      size: z.int().nonnegative(),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean(),
      contents: z.array(item),
    });

  return { taxonomy, taxonomyTerm, attribute, address, location, serviceAtLocation, organization, costOption, serviceArea, serviceListItem, service, page };
}

/** What the hub publishes. */
export const hsds = build('strict');
/** What the hub accepts from other publishers' feeds. */
export const hsdsFeed = build('lenient');

export type HsdsService = z.infer<typeof hsds.service>;
export type HsdsServiceListItem = z.infer<typeof hsds.serviceListItem>;
export type HsdsOrganization = z.infer<typeof hsds.organization>;
export type HsdsTaxonomy = z.infer<typeof hsds.taxonomy>;
export type HsdsTaxonomyTerm = z.infer<typeof hsds.taxonomyTerm>;
export type HsdsAttribute = z.infer<typeof hsds.attribute>;
export type HsdsServiceAtLocation = z.infer<typeof hsds.serviceAtLocation>;
export type HsdsCostOption = z.infer<typeof hsds.costOption>;
export type HsdsServiceArea = z.infer<typeof hsds.serviceArea>;
export type FeedService = z.infer<typeof hsdsFeed.service>;

/** The HSDS 3 API root (`GET /`): the version and profile this API serves. */
export const hsdsApiInfo = z.strictObject({ version: z.string(), profile: z.url(), openapi_url: z.url().optional() });

/** `GET /vocabularies`: a page of vocabulary names (as ORUK publishes them), each with its taxonomy. */
export const orukVocabulary = z.strictObject({ name: z.string(), taxonomy_id: z.uuid(), description: z.string() });
