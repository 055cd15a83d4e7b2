/**
 * The public, read-only Open Referral UK API of the local offer (CFA 2014 s.30), HSDS 3 shaped:
 *
 *   GET /openreferral/                      the API's HSDS version and profile
 *   GET /openreferral/services              a page of services (filters below)
 *   GET /openreferral/services/{id}         one fully nested service (404 when unknown)
 *   GET /openreferral/taxonomies[/{id}]     the taxonomies services are classified by
 *   GET /openreferral/taxonomy_terms[/{id}] their terms (need types, age bands, capacity)
 *   GET /openreferral/vocabularies          the vocabulary names terms carry (as ORUK lists them)
 *
 * `/services` takes `page`, `per_page` (1–100, default 50), `text` (or HSDS's `search`: name or
 * description contains it), `taxonomy_id`, `taxonomy_term_id`, `organization_id`, `area` (an ONS
 * local authority code), `postcode`, `age`, `minimum_age`, `maximum_age` (the UK profile's meaning)
 * and `full=true` (fully nested services). The hub does not geocode: `postcode` matches services with
 * a location in the same postcode district (the outward code, SW1A of SW1A 1AA; an outward code alone
 * works too), and `proximity` is refused. Anything else, or a value of the wrong shape, is a 400 with
 * a message naming the parameter.
 *
 * Openness (Open Referral UK compliance rules): no authentication, `Access-Control-Allow-Origin: *`;
 * read-only: GET and HEAD (OPTIONS answers CORS preflights), any other method is 405. It reads only
 * the local_offer_* tables through local-offer.store.ts, so no child data can reach it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid, isValidAreaCode, normalisePostcode } from '../../src/domain/identifiers.js';
import { NEED_TYPES, type NeedType } from '../../src/domain/vocabulary.js';
import type { Db } from '../../src/platform/db/database.js';
import * as store from './local-offer.store.js';
import {
  AGE_BAND_BOUNDS,
  AGE_BAND_TAXONOMY,
  ALL_TERMS,
  CAPACITY_TERM,
  OLDEST,
  SEN2_NEED_TAXONOMY,
  SERVICE_PROPERTY_TAXONOMY,
  TAXONOMIES,
  taxonomyById,
  termById,
  YOUNGEST,
  type TaxonomyTerm,
} from './taxonomy.js';
import { serviceListItemToHsds, serviceToHsds, taxonomyToHsds, termToHsds } from './to-hsds.js';
import type { PublishedAgeBand as AgeBand } from '../../src/domain/age-bands.js';

export const OPEN_REFERRAL_PREFIX = '/openreferral';
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
const MAX_PAGE = 1_000_000;
const MAX_TEXT_LENGTH = 100;
const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
/** The HSDS version and the profile this API follows (the `/` endpoint of HSDS 3 openapi.json). */
export const API_INFO = { version: '3.0', profile: 'https://github.com/OpenReferralUK/uk-profile' } as const;

class BadQuery extends Error {}

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
}

/**
 * Serves the request if its path is under /openreferral; returns false (and touches nothing)
 * otherwise. Database errors propagate to the server's own handler (a 500 that is logged).
 */
export async function handleOpenReferral(req: IncomingMessage, res: ServerResponse, db: Db): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://hub');
  if (url.pathname !== OPEN_REFERRAL_PREFIX && !url.pathname.startsWith(`${OPEN_REFERRAL_PREFIX}/`)) return false;
  // A public directory (Open Referral UK compliance: "Access-Control-Allow-Origin: *").
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { allow: ALLOWED_METHODS, 'access-control-allow-methods': ALLOWED_METHODS, 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
    res.end();
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, { status: 405, body: problem(405, `The Open Referral API is read-only: ${req.method} is not allowed (use GET)`) }, { allow: ALLOWED_METHODS });
    return true;
  }
  let answer: Answer;
  try {
    answer = await route(url, db);
  } catch (error) {
    if (!(error instanceof BadQuery)) throw error;
    answer = { status: 400, body: problem(400, error.message) };
  }
  send(req, res, answer, answer.status === 200 ? { 'cache-control': 'public, max-age=60' } : { 'cache-control': 'no-store' });
  return true;
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer, headers: Record<string, string>): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const problem = (status: number, message: string): Json => ({ status, error: status === 404 ? 'Not Found' : status === 405 ? 'Method Not Allowed' : 'Bad Request', message });
const notFound = (what: string): Answer => ({ status: 404, body: problem(404, `No ${what} with that id`) });

async function route(url: URL, db: Db): Promise<Answer> {
  const segments = url.pathname.slice(OPEN_REFERRAL_PREFIX.length).split('/').filter(Boolean).map(decodeSegment);
  const [resource, id, ...rest] = segments;
  if (rest.length > 0) return { status: 404, body: problem(404, 'No such Open Referral endpoint') };
  const query = new Query(url.searchParams);
  switch (resource) {
    case undefined:
      query.allowOnly([]);
      return { status: 200, body: { ...API_INFO } };
    case 'services':
      return id === undefined ? { status: 200, body: await listServices(db, query) } : getService(db, id, query);
    case 'taxonomies':
      return id === undefined ? { status: 200, body: listTaxonomies(query) } : getTaxonomy(id, query);
    case 'taxonomy_terms':
      return id === undefined ? { status: 200, body: listTerms(query) } : getTerm(id, query);
    case 'vocabularies':
      if (id !== undefined) break;
      return { status: 200, body: listVocabularies(query) };
  }
  return { status: 404, body: problem(404, 'No such Open Referral endpoint; try /openreferral/services') };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadQuery('The path is not valid percent-encoded text');
  }
}

/** Query parameters, read strictly: unknown or repeated parameters and malformed values are a 400. */
class Query {
  constructor(private readonly params: URLSearchParams) {}

  allowOnly(names: readonly string[]): void {
    const seen = new Set<string>();
    for (const key of this.params.keys()) {
      if (!names.includes(key)) {
        const hint = key === 'proximity' ? ': the hub does not geocode postcodes; `postcode` matches the postcode district' : '';
        throw new BadQuery(`Unknown query parameter "${key}"${hint}${names.length ? `; this endpoint takes ${names.join(', ')}` : '; this endpoint takes none'}`);
      }
      if (seen.has(key)) throw new BadQuery(`Query parameter "${key}" is given more than once`);
      seen.add(key);
    }
  }

  text(name: string): string | undefined {
    const value = this.params.get(name)?.trim();
    if (!value) return undefined;
    // PostgreSQL text cannot hold U+0000: refused here rather than failing the query.
    if (value.includes('\u0000')) throw new BadQuery(`${name}: must not contain the NUL character`);
    if (value.length > MAX_TEXT_LENGTH) throw new BadQuery(`${name}: must be at most ${MAX_TEXT_LENGTH} characters`);
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new BadQuery(`${name}: must be a whole number from ${min} to ${max}`);
    return Number(raw);
  }

  boolean(name: string): boolean | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    if (raw !== 'true' && raw !== 'false') throw new BadQuery(`${name}: must be true or false`);
    return raw === 'true';
  }

  uuid(name: string): string | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    if (!isUuid(raw)) throw new BadQuery(`${name}: must be a UUID`);
    return raw.toLowerCase();
  }

  page(): { page: number; perPage: number } {
    return { page: this.integer('page', 1, MAX_PAGE) ?? 1, perPage: this.integer('per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE };
  }
}

/** An HSDS 3 page (openapi.json components.schemas.Page) of `contents`. */
export function hsdsPage<T>(contents: T[], totalItems: number, page: number, perPage: number) {
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function paged<T>(all: readonly T[], query: Query) {
  const { page, perPage } = query.page();
  return hsdsPage(all.slice((page - 1) * perPage, page * perPage), all.length, page, perPage);
}

// ---------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------

const SERVICE_LIST_PARAMS = ['page', 'per_page', 'text', 'search', 'taxonomy_id', 'taxonomy_term_id', 'organization_id', 'area', 'postcode', 'age', 'minimum_age', 'maximum_age', 'full', 'format'];
const OUTWARD_CODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

async function listServices(db: Db, query: Query) {
  query.allowOnly(SERVICE_LIST_PARAMS);
  const format = query.text('format');
  if (format !== undefined && format !== 'json') throw new BadQuery('format: only json is served');
  const { page, perPage } = query.page();
  const filter = serviceFilter(query);
  const full = query.boolean('full') ?? false;
  // One snapshot for the count and the page, so total_items agrees with the contents.
  return db.transaction(
    async (tx) => {
      const total = await store.countServices(tx as unknown as Db, filter);
      const rows = await store.listServices(tx as unknown as Db, filter, perPage, (page - 1) * perPage);
      const contents = full ? await nested(tx as unknown as Db, rows) : rows.map(serviceListItemToHsds);
      return hsdsPage<unknown>(contents, total, page, perPage);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Fully nested services: three statements for the whole page, whatever its size. */
async function nested(db: Db, rows: store.ServiceWithOrganisation[]) {
  const ids = rows.map((r) => r.service.id);
  const [needs, locations, costs] = await Promise.all([store.needsOf(db, ids), store.locationsOf(db, ids), store.costOptionsOf(db, ids)]);
  return rows.map((row) =>
    serviceToHsds(row, { needTypes: needs.get(row.service.id) ?? [], locations: locations.get(row.service.id) ?? [], costOptions: costs.get(row.service.id) ?? [] }),
  );
}

function serviceFilter(query: Query): store.ServiceFilter {
  const text = query.text('text');
  const search = query.text('search');
  if (text && search && text !== search) throw new BadQuery('text and search are the same filter: give one');
  const area = query.text('area');
  if (area !== undefined && !isValidAreaCode(area)) throw new BadQuery('area: must be the ONS code of an English local authority, such as E09000033');
  const age = query.integer('age', YOUNGEST, OLDEST);
  const filter: store.ServiceFilter = {
    areaCode: area,
    text: text ?? search,
    organizationId: query.uuid('organization_id'),
    outwardCode: outwardCode(query.text('postcode')),
    minimumAgeAtLeast: query.integer('minimum_age', YOUNGEST, OLDEST),
    maximumAgeAtMost: query.integer('maximum_age', YOUNGEST, OLDEST),
    ageRange: age === undefined ? undefined : { from: age, to: age },
  };
  const taxonomyId = query.uuid('taxonomy_id');
  if (taxonomyId) narrow(filter, taxonomyFilter(taxonomyId));
  const termId = query.uuid('taxonomy_term_id');
  if (termId) narrow(filter, termFilter(termId));
  return filter;
}

function outwardCode(postcode: string | undefined): string | undefined {
  if (postcode === undefined) return undefined;
  const upper = postcode.toUpperCase();
  const full = normalisePostcode(upper);
  if (full) return full.split(' ')[0];
  if (OUTWARD_CODE.test(upper)) return upper;
  throw new BadQuery('postcode: must be a UK postcode (SW1A 1AA) or its outward code (SW1A)');
}

type TaxonomyFilter = Pick<store.ServiceFilter, 'needTypes' | 'ageRange' | 'hasCapacity' | 'matchNothing'>;

/** Services classified under any term of the taxonomy. */
function taxonomyFilter(id: string): TaxonomyFilter {
  if (id === SEN2_NEED_TAXONOMY.id) return { needTypes: [...NEED_TYPES] };
  if (id === AGE_BAND_TAXONOMY.id) return { ageRange: { from: YOUNGEST, to: OLDEST } };
  if (id === SERVICE_PROPERTY_TAXONOMY.id) return { hasCapacity: true };
  return { matchNothing: true };
}

/** Services classified under the term. */
function termFilter(id: string): TaxonomyFilter {
  const term = termById(id);
  if (!term) return { matchNothing: true };
  if (term.taxonomy === SEN2_NEED_TAXONOMY) return { needTypes: [term.code as NeedType] };
  if (term.taxonomy === AGE_BAND_TAXONOMY) {
    const band = AGE_BAND_BOUNDS[term.code as AgeBand];
    return { ageRange: { from: band.from, to: band.to } };
  }
  return term === CAPACITY_TERM ? { hasCapacity: true } : { matchNothing: true };
}

/** Adds a taxonomy condition to the filter (both must hold). */
function narrow(filter: store.ServiceFilter, extra: TaxonomyFilter): void {
  if (extra.matchNothing) filter.matchNothing = true;
  if (extra.hasCapacity) filter.hasCapacity = true;
  if (extra.needTypes) {
    const needTypes = filter.needTypes ? filter.needTypes.filter((n) => extra.needTypes!.includes(n)) : extra.needTypes;
    if (needTypes.length === 0) filter.matchNothing = true;
    filter.needTypes = needTypes;
  }
  if (extra.ageRange) {
    const from = Math.max(extra.ageRange.from, filter.ageRange?.from ?? YOUNGEST);
    const to = Math.min(extra.ageRange.to, filter.ageRange?.to ?? OLDEST);
    if (from > to) filter.matchNothing = true;
    filter.ageRange = { from, to };
  }
}

async function getService(db: Db, id: string, query: Query): Promise<Answer> {
  query.allowOnly([]);
  if (!isUuid(id)) return notFound('service');
  return db.transaction(
    async (tx) => {
      const row = await store.getService(tx as unknown as Db, id.toLowerCase());
      if (!row) return notFound('service');
      const [service] = await nested(tx as unknown as Db, [row]);
      return { status: 200, body: service as Json };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

// ---------------------------------------------------------------------------------------------------
// Taxonomies, terms and vocabularies (fixed vocabularies from taxonomy.ts)
// ---------------------------------------------------------------------------------------------------

const matches = (search: string | undefined, ...fields: string[]) =>
  !search || fields.some((f) => f.toLowerCase().includes(search.toLowerCase()));

function listTaxonomies(query: Query) {
  query.allowOnly(['page', 'per_page', 'search']);
  const search = query.text('search');
  return paged(TAXONOMIES.filter((t) => matches(search, t.name, t.description)).map(taxonomyToHsds), query);
}

function getTaxonomy(id: string, query: Query): Answer {
  query.allowOnly([]);
  const taxonomy = isUuid(id) ? taxonomyById(id.toLowerCase()) : undefined;
  return taxonomy ? { status: 200, body: taxonomyToHsds(taxonomy) } : notFound('taxonomy');
}

function listTerms(query: Query) {
  query.allowOnly(['page', 'per_page', 'search', 'taxonomy_id']);
  const search = query.text('search');
  const taxonomyId = query.uuid('taxonomy_id');
  const terms = ALL_TERMS.filter((t: TaxonomyTerm) => (!taxonomyId || t.taxonomy.id === taxonomyId) && matches(search, t.code, t.name, t.description));
  return paged(terms.map((t) => termToHsds(t, true)), query);
}

function getTerm(id: string, query: Query): Answer {
  query.allowOnly([]);
  const term = isUuid(id) ? termById(id.toLowerCase()) : undefined;
  return term ? { status: 200, body: termToHsds(term, true) } : notFound('taxonomy term');
}

/** The vocabulary names that `taxonomy_term.taxonomy` carries, each with its taxonomy. */
function listVocabularies(query: Query) {
  query.allowOnly(['page', 'per_page']);
  return paged(TAXONOMIES.map((t) => ({ name: t.vocabulary, taxonomy_id: t.id, description: t.description })), query);
}
