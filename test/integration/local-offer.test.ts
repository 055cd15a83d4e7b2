/**
 * The local offer (CFA 2014 s.30) end to end, through the real HTTP server on both backends: the
 * coordinator's upsert and its refusals, the public Open Referral UK API (every response validated
 * against the HSDS 3 zod schemas), the feed import, the demo seed, and the property that no child
 * data ever reaches the public API. Each test works in its own random area, so on a shared
 * PostgreSQL database every listing filters by `area`.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, localOfferServices } from '../../schema/tables.js';
import { importLocalOfferFeed, FeedShapeError } from '../../resolvers/local-offer/import-feed.js';
import { hsds, hsdsApiInfo, orukVocabulary } from '../../resolvers/local-offer/hsds-schemas.js';
import {
  AGE_BAND_TAXONOMY,
  AGE_BAND_TERMS,
  ALL_TERMS,
  CAPACITY_TERM,
  NEED_TYPE_TERMS,
  SEN2_NEED_TAXONOMY,
  SERVICE_PROPERTY_TAXONOMY,
  TAXONOMIES,
} from '../../resolvers/local-offer/taxonomy.js';
import { demoLocalOfferRows, seedDemoLocalOfferIfEmpty } from '../../seeds/local-offer.js';
import { DEMO_AREAS } from '../../seeds/demo-areas.js';
import type { Actor } from '../../src/domain/actor.js';
import { isValidAreaCode, nhsCheckDigit, upnCheckLetter } from '../../src/domain/identifiers.js';
import type { NeedType } from '../../src/domain/vocabulary.js';
import { commissionerOf, coordinatorOf, newAreaCode, practitioner, registerChild } from '../support/factories.js';
import { startIsolatedHub } from '../support/isolated-hub.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const UPSERT = /* GraphQL */ `
  mutation Upsert($input: LocalOfferServiceInput!) {
    upsertLocalOfferService(input: $input) {
      id areaCode name description organizationName needTypes minimumAge maximumAge locality capacity updatedAt
    }
  }`;

interface ServiceInput {
  id?: string | null;
  areaCode: string;
  name: string;
  description: string;
  organizationName: string;
  needTypes: NeedType[];
  minimumAge?: number | null;
  maximumAge?: number | null;
  locality?: string | null;
  capacity?: number | null;
}

const input = (areaCode: string, overrides: Partial<ServiceInput> = {}): ServiceInput => ({
  areaCode,
  name: 'Speech and language therapy',
  description: 'Therapy for children with speech, language and communication needs',
  organizationName: 'Children’s Community Health',
  needTypes: ['SLCN'],
  minimumAge: 0,
  maximumAge: 18,
  locality: 'E05000001',
  capacity: 40,
  ...overrides,
});

/** The localities the tests use, registered for an area (a service's locality must be in its area's register). */
const TEST_LOCALITIES = ['E05000001', 'E05009999', 'E05000123', 'E05001234'];
const registered = new Set<string>();
async function registerLocalities(areaCode: string): Promise<void> {
  if (registered.has(areaCode)) return;
  registered.add(areaCode);
  const result = await t.gql(coordinatorOf(areaCode), `mutation($a: String!, $l: [LocalityInput!]!) { registerLocalities(areaCode: $a, localities: $l) { code } }`, {
    a: areaCode, l: TEST_LOCALITIES.map((code, i) => ({ code, name: `Ward ${i + 1}` })),
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

async function upsert(actor: Actor, service: ServiceInput) {
  if (isValidAreaCode(service.areaCode)) await registerLocalities(service.areaCode);
  return t.gql(actor, UPSERT, { input: service });
}

async function create(actor: Actor, service: ServiceInput): Promise<any> {
  const result = await upsert(actor, service);
  if (!result.data?.upsertLocalOfferService) throw new Error(`upsert failed: ${JSON.stringify(result.errors)}`);
  return result.data.upsertLocalOfferService;
}

const problemSchema = z.strictObject({ status: z.int(), error: z.string(), message: z.string() });

/** The zod schema every 200 answer of a path must satisfy. */
function schemaFor(path: string): z.ZodType {
  const [resource, id] = new URL(path, 'http://x').pathname.replace(/^\/openreferral\/?/, '').split('/').filter(Boolean);
  const full = new URL(path, 'http://x').searchParams.get('full') === 'true';
  switch (resource) {
    case undefined: return hsdsApiInfo;
    case 'services': return id ? hsds.service : hsds.page(full ? hsds.service : hsds.serviceListItem);
    case 'taxonomies': return id ? hsds.taxonomy : hsds.page(hsds.taxonomy);
    case 'taxonomy_terms': return id ? hsds.taxonomyTerm : hsds.page(hsds.taxonomyTerm);
    case 'vocabularies': return hsds.page(orukVocabulary);
    default: throw new Error(`no schema for ${path}`);
  }
}

function expectValid<T extends z.ZodType>(schema: T, value: unknown, label = ''): z.infer<T> {
  const parsed = schema.safeParse(value);
  expect(parsed.success, `${label} ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))}`).toBe(true);
  return parsed.data as z.infer<T>;
}

interface OrukAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** Calls the public API with no token; every answer is checked: 200s against HSDS 3, errors as problems. */
async function oruk(path: string, init: RequestInit = {}): Promise<OrukAnswer> {
  const res = await fetch(`http://localhost:${t.hub.port}/openreferral${path}`, init);
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  const method = init.method ?? 'GET';
  if (method === 'GET') {
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    if (res.status === 200) expectValid(schemaFor(`/openreferral${path}`), body, path);
    else expectValid(problemSchema, body, path);
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Every service of an area through the paginated list (walking all pages). */
async function allServices(areaCode: string, extra = '', perPage = 100): Promise<any[]> {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const answer = await oruk(`/services?area=${areaCode}&per_page=${perPage}&page=${page}${extra}`);
    expect(answer.status).toBe(200);
    items.push(...answer.body.contents);
    if (answer.body.last_page) return items;
  }
}

const ids = (items: { id: string }[]) => items.map((s) => s.id).sort();

/** An HSDS 3 service as another publisher's feed would carry it. */
function feedService(o: {
  id?: string;
  name?: string;
  needs?: NeedType[];
  byCode?: boolean;
  organization?: string | null;
  minimum_age?: number;
  maximum_age?: number;
  capacity?: number;
  locality?: string;
  postcode?: string;
  locationId?: string;
  costPounds?: number;
  extra?: Record<string, unknown>;
} = {}) {
  const id = o.id ?? randomUUID();
  const attributes = (o.needs ?? ['ASD']).map((n) => (o.byCode
    ? { id: randomUUID(), taxonomy_term: { id: randomUUID(), name: n, description: n, code: n, taxonomy: 'sen2-type-of-need' } }
    : { id: randomUUID(), taxonomy_term_id: NEED_TYPE_TERMS[n].id }));
  if (o.capacity !== undefined) attributes.push({ id: randomUUID(), taxonomy_term_id: CAPACITY_TERM.id, value: String(o.capacity) } as never);
  return {
    id,
    name: o.name ?? `Imported service ${id.slice(0, 8)}`,
    description: 'A service from another publisher’s Open Referral feed',
    status: 'active',
    url: 'https://example.org/service',
    minimum_age: o.minimum_age ?? 4,
    maximum_age: o.maximum_age ?? 16,
    organization: o.organization === null ? undefined : { id: randomUUID(), name: o.organization ?? 'Imported Charity', description: 'A charity', email: 'hello@example.org' },
    service_areas: o.locality ? [{ id: randomUUID(), name: o.locality, extent: o.locality, extent_type: 'text' }] : [],
    service_at_locations: o.postcode
      ? [{
          id: randomUUID(),
          location: {
            id: o.locationId ?? randomUUID(),
            location_type: 'physical',
            name: 'Community centre',
            latitude: 51.5,
            longitude: -0.14,
            addresses: [{ id: randomUUID(), address_1: '1 High Street', city: 'London', state_province: 'England', postal_code: o.postcode, country: 'GB', address_type: 'physical' }],
          },
        }]
      : [],
    cost_options: o.costPounds === undefined ? [] : [{ id: randomUUID(), option: 'Per session', amount: o.costPounds, currency: 'GBP', amount_description: 'per session' }],
    attributes,
    ...o.extra,
  };
}

/** A valid synthetic NHS number in the 999 test range, and a valid UPN, fresh for each run. */
function syntheticIdentifiers(): { nhsNumber: string; upn: string } {
  for (;;) {
    const first9 = `999${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const check = nhsCheckDigit(first9);
    if (check === null) continue;
    const last12 = `801${String(randomInt(0, 1e9)).padStart(9, '0')}`;
    return { nhsNumber: `${first9}${check}`, upn: `${upnCheckLetter(last12)}${last12}` };
  }
}

const importFeed = async (areaCode: string, feed: unknown) => {
  if (isValidAreaCode(areaCode)) await registerLocalities(areaCode);
  return importLocalOfferFeed(t.hub.database.db, { areaCode, feed, operator: 'test' });
};

// ---------------------------------------------------------------------------------------------------
// upsertLocalOfferService
// ---------------------------------------------------------------------------------------------------

describe('upsertLocalOfferService', () => {
  it('creates a service without an id and publishes it under the same id', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const created = await create(coordinator, input(area, { name: '  Speech therapy  ', needTypes: ['SLCN', 'ASD', 'SLCN'] }));
    expect(created).toMatchObject({ areaCode: area, name: 'Speech therapy', organizationName: 'Children’s Community Health', needTypes: ['SLCN', 'ASD'], minimumAge: 0, maximumAge: 18, locality: 'E05000001', capacity: 40 });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const published = await oruk(`/services/${created.id}`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id: created.id, name: 'Speech therapy', status: 'active', minimum_age: 0, maximum_age: 18, organization: { name: 'Children’s Community Health' } });
    const termIds = published.body.attributes.map((a: any) => a.taxonomy_term_id);
    expect(termIds).toEqual(expect.arrayContaining([NEED_TYPE_TERMS.SLCN.id, NEED_TYPE_TERMS.ASD.id, AGE_BAND_TERMS.UNDER_5.id, AGE_BAND_TERMS.AGE_16_19.id, CAPACITY_TERM.id]));
    expect(termIds).not.toContain(AGE_BAND_TERMS.AGE_20_25.id);
    expect(published.body.attributes.find((a: any) => a.taxonomy_term_id === CAPACITY_TERM.id).value).toBe('40');
    expect(published.body.service_areas).toEqual([expect.objectContaining({ name: 'E05000001', extent: 'E05000001' })]);
  });

  it('updates the service with that id: fields and need types replaced, id kept', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const created = await create(coordinator, input(area));
    const updated = await create(coordinator, input(area, { id: created.id, name: 'Renamed', needTypes: ['HI'], minimumAge: null, maximumAge: null, locality: null, capacity: null, organizationName: 'Another Trust' }));
    expect(updated).toMatchObject({ id: created.id, name: 'Renamed', needTypes: ['HI'], minimumAge: null, maximumAge: null, locality: null, capacity: null, organizationName: 'Another Trust' });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
    const list = await allServices(area);
    expect(ids(list)).toEqual([created.id]);
    const full = (await oruk(`/services/${created.id}`)).body;
    expect(full.attributes.filter((a: any) => a.link_type === 'eligibility').map((a: any) => a.taxonomy_term.code)).toEqual(['HI', 'UNDER_5', 'AGE_5_10', 'AGE_11_15', 'AGE_16_19', 'AGE_20_25']);
    expect(full.service_areas).toEqual([]);
  });

  it('reuses the area\'s organisation of the same name, whatever its case', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const a = await create(coordinator, input(area, { organizationName: 'Acme Play Trust' }));
    const b = await create(coordinator, input(area, { name: 'Other', organizationName: 'acme play trust' }));
    const [pa, pb] = await Promise.all([oruk(`/services/${a.id}`), oruk(`/services/${b.id}`)]);
    expect(pa.body.organization.id).toBe(pb.body.organization.id);
    expect(pb.body.organization.name).toBe('Acme Play Trust');
  });

  it('records the write in the audit trail, with no child', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    await create(coordinator, input(area));
    const events = await t.hub.database.db.select().from(auditEvents).where(eq(auditEvents.actorSub, coordinator.sub));
    expect(events.map((e) => [e.action, e.basis, e.childId, e.operationName])).toEqual([['WRITE', 'STATUTORY', null, 'Upsert']]);
  });

  it('refuses anyone but a coordinator of input.areaCode with FORBIDDEN, writing nothing', async () => {
    const area = newAreaCode();
    for (const actor of [coordinatorOf(newAreaCode()), { ...practitioner('HEALTH'), areas: [area] }, commissionerOf(area)]) {
      const result = await upsert(actor, input(area));
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    }
    expect(await allServices(area)).toEqual([]);
  });

  it('answers NOT_FOUND for another area\'s service, an unknown id and a malformed id, changing nothing', async () => {
    const areaA = newAreaCode();
    const areaB = newAreaCode();
    const theirs = await create(coordinatorOf(areaA), input(areaA, { name: 'Theirs' }));
    const outsider = coordinatorOf(areaB);
    for (const id of [theirs.id, randomUUID(), 'not-a-uuid']) {
      const result = await upsert(outsider, input(areaB, { id, name: 'Hijacked' }));
      expect(codes(result), id).toEqual(['NOT_FOUND']);
    }
    expect((await oruk(`/services/${theirs.id}`)).body.name).toBe('Theirs');
    expect(await allServices(areaB)).toEqual([]);
  });

  it('does not move a service between two areas of one coordinator', async () => {
    const [areaA, areaB] = [newAreaCode(), newAreaCode()];
    const both: Actor = { ...coordinatorOf(areaA), areas: [areaA, areaB] };
    const created = await create(both, input(areaA));
    const moved = await upsert(both, input(areaB, { id: created.id }));
    expect(codes(moved)).toEqual(['BAD_USER_INPUT']);
    expect(moved.errors![0]!.extensions!.field).toBe('areaCode');
    expect(ids(await allServices(areaA))).toEqual([created.id]);
  });

  const BAD: [string, Partial<ServiceInput>, string][] = [
    ['empty name', { name: '' }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['name one past the limit', { name: 'n'.repeat(201) }, 'name'],
    ['empty description', { description: ' ' }, 'description'],
    ['description one past the limit', { description: 'd'.repeat(4001) }, 'description'],
    ['empty organisation', { organizationName: '' }, 'organizationName'],
    ['no need types', { needTypes: [] }, 'needTypes'],
    ['negative minimum age', { minimumAge: -1 }, 'minimumAge'],
    ['maximum age past 25', { maximumAge: 26 }, 'maximumAge'],
    ['minimum above maximum', { minimumAge: 12, maximumAge: 11 }, 'maximumAge'],
    ['negative capacity', { capacity: -1 }, 'capacity'],
    ['capacity past the limit', { capacity: 100_001 }, 'capacity'],
    ['locality with a space', { locality: 'E05 000001' }, 'locality'],
    ['locality one past 20 characters', { locality: 'A'.repeat(21) }, 'locality'],
    ['locality with punctuation', { locality: "St John's" }, 'locality'],
    ['locality not in the register of the area', { locality: 'E05777777' }, 'locality'],
    ['free text as a locality', { locality: 'Home of Jane Doe' }, 'locality'],
  ];

  it.each(BAD)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, override, field) => {
    const area = newAreaCode();
    const result = await upsert(coordinatorOf(area), input(area, override));
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.field).toBe(field);
    expect(await allServices(area)).toEqual([]);
  });

  it('refuses an unknown need type (GraphQL enum) with BAD_USER_INPUT', async () => {
    const area = newAreaCode();
    const result = await t.gql(coordinatorOf(area), UPSERT, { input: { ...input(area), needTypes: ['NSA'] } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await allServices(area)).toEqual([]);
  });

  it('accepts every value at its limit', async () => {
    const area = newAreaCode();
    const created = await create(coordinatorOf(area), input(area, { name: 'n'.repeat(200), description: 'd'.repeat(4000), minimumAge: 25, maximumAge: 25, capacity: 0, locality: 'E05009999' }));
    expect(created).toMatchObject({ minimumAge: 25, maximumAge: 25, capacity: 0, locality: 'E05009999' });
    const zero = await create(coordinatorOf(area), input(area, { name: 'Zero', minimumAge: 0, maximumAge: 0, capacity: 100_000 }));
    expect(zero).toMatchObject({ minimumAge: 0, maximumAge: 0, capacity: 100_000 });
  });
});

// ---------------------------------------------------------------------------------------------------
// The Open Referral UK API
// ---------------------------------------------------------------------------------------------------

describe('Open Referral UK API', () => {
  let area: string;
  let services: any[];
  let imported: { asd: string; hearing: string };

  beforeAll(async () => {
    area = newAreaCode();
    const coordinator = coordinatorOf(area);
    services = [];
    const specs: Partial<ServiceInput>[] = [
      { name: 'Autism outreach', needTypes: ['ASD'], minimumAge: 4, maximumAge: 18, capacity: 60 },
      { name: 'Bright Futures nursery', needTypes: ['SLCN', 'PD'], minimumAge: 2, maximumAge: 4, capacity: 16 },
      { name: 'Carers forum', description: 'Coffee mornings for 100% of parents', needTypes: ['ASD', 'SLD', 'HI'], minimumAge: null, maximumAge: null, capacity: null },
      { name: 'Dyslexia groups', needTypes: ['SPLD'], minimumAge: 7, maximumAge: 16, capacity: 24 },
      { name: 'Employment support', needTypes: ['MLD', 'SLD'], minimumAge: 16, maximumAge: 25, capacity: 20 },
    ];
    for (const spec of specs) services.push(await create(coordinator, input(area, spec)));
    const asd = feedService({ name: 'Far Reach autism club', needs: ['ASD'], postcode: 'SW1A 1AA', minimum_age: 8, maximum_age: 14, costPounds: 12.5 });
    const hearing = feedService({ name: 'Hearing support', needs: ['HI'], postcode: 'BS8 1TH', minimum_age: 0, maximum_age: 25, capacity: 5 });
    const result = await importFeed(area, [asd, hearing]);
    expect(result.problems).toEqual([]);
    imported = { asd: asd.id, hearing: hearing.id };
  });

  it('answers / with the HSDS version and profile', async () => {
    const info = await oruk('/');
    expect(info.status).toBe(200);
    expect(info.body.version).toBe('3.0');
    expect((await oruk('')).status).toBe(200);
  });

  it('pages through the area\'s services in name order: every service once, with a correct header', async () => {
    const first = await oruk(`/services?area=${area}&per_page=3`);
    expect(first.body).toMatchObject({ total_items: 7, total_pages: 3, page_number: 1, size: 3, first_page: true, last_page: false, empty: false });
    const middle = await oruk(`/services?area=${area}&per_page=3&page=2`);
    expect(middle.body).toMatchObject({ page_number: 2, size: 3, first_page: false, last_page: false });
    const last = await oruk(`/services?area=${area}&per_page=3&page=3`);
    expect(last.body).toMatchObject({ page_number: 3, size: 1, first_page: false, last_page: true, empty: false });
    const beyond = await oruk(`/services?area=${area}&per_page=3&page=4`);
    expect(beyond.body).toMatchObject({ total_items: 7, page_number: 4, size: 0, last_page: true, empty: true, contents: [] });
    const names = [...first.body.contents, ...middle.body.contents, ...last.body.contents].map((s: any) => s.name);
    expect(names).toEqual(['Autism outreach', 'Bright Futures nursery', 'Carers forum', 'Dyslexia groups', 'Employment support', 'Far Reach autism club', 'Hearing support']);
    expect(first.body.contents[0].organization).toMatchObject({ name: 'Children’s Community Health' });
  });

  it('defaults to 50 a page, allows 100 and refuses 101', async () => {
    expect((await oruk(`/services?area=${area}`)).body.contents).toHaveLength(7);
    expect((await oruk(`/services?area=${area}&per_page=100`)).status).toBe(200);
    const tooMany = await oruk(`/services?area=${area}&per_page=101`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('per_page');
  });

  it('filters by text in the name or description, case-insensitively, with % taken literally', async () => {
    expect((await allServices(area, '&text=AUTISM')).map((s) => s.name)).toEqual(['Autism outreach', 'Far Reach autism club']);
    expect((await allServices(area, '&search=coffee')).map((s) => s.name)).toEqual(['Carers forum']);
    expect((await allServices(area, '&text=100%25')).map((s) => s.name)).toEqual(['Carers forum']);
    expect(await allServices(area, '&text=0%25')).toHaveLength(1);
    expect(await allServices(area, '&text=nothing-like-this')).toEqual([]);
  });

  it('filters by taxonomy term: need type, age band, capacity', async () => {
    const byTerm = async (id: string) => (await allServices(area, `&taxonomy_term_id=${id}`)).map((s) => s.name);
    expect(await byTerm(NEED_TYPE_TERMS.ASD.id)).toEqual(['Autism outreach', 'Carers forum', 'Far Reach autism club']);
    expect(await byTerm(NEED_TYPE_TERMS.VI.id)).toEqual([]);
    expect(await byTerm(AGE_BAND_TERMS.UNDER_5.id)).toEqual(['Autism outreach', 'Bright Futures nursery', 'Carers forum', 'Hearing support']);
    expect(await byTerm(AGE_BAND_TERMS.AGE_20_25.id)).toEqual(['Carers forum', 'Employment support', 'Hearing support']);
    expect(await byTerm(CAPACITY_TERM.id)).toEqual(['Autism outreach', 'Bright Futures nursery', 'Dyslexia groups', 'Employment support', 'Hearing support']);
    expect(await byTerm(randomUUID())).toEqual([]);
  });

  it('filters by taxonomy, and by taxonomy and term together', async () => {
    expect(await allServices(area, `&taxonomy_id=${SEN2_NEED_TAXONOMY.id}`)).toHaveLength(7);
    expect(await allServices(area, `&taxonomy_id=${AGE_BAND_TAXONOMY.id}`)).toHaveLength(7);
    expect(await allServices(area, `&taxonomy_id=${SERVICE_PROPERTY_TAXONOMY.id}`)).toHaveLength(5);
    expect(await allServices(area, `&taxonomy_id=${randomUUID()}`)).toEqual([]);
    expect((await allServices(area, `&taxonomy_id=${SERVICE_PROPERTY_TAXONOMY.id}&taxonomy_term_id=${NEED_TYPE_TERMS.HI.id}`)).map((s) => s.name)).toEqual(['Hearing support']);
  });

  it('filters by postcode district: a full postcode or an outward code', async () => {
    expect(ids(await allServices(area, '&postcode=SW1A%202AA'))).toEqual([imported.asd]);
    expect(ids(await allServices(area, '&postcode=sw1a2aa'))).toEqual([imported.asd]);
    expect(ids(await allServices(area, '&postcode=BS8'))).toEqual([imported.hearing]);
    expect(await allServices(area, '&postcode=M1%201AE')).toEqual([]);
  });

  it('filters by age and by the UK profile\'s minimum_age and maximum_age', async () => {
    expect((await allServices(area, '&age=3')).map((s) => s.name)).toEqual(['Bright Futures nursery', 'Carers forum', 'Hearing support']);
    expect((await allServices(area, '&minimum_age=7')).map((s) => s.name)).toEqual(['Dyslexia groups', 'Employment support', 'Far Reach autism club']);
    expect((await allServices(area, '&maximum_age=16')).map((s) => s.name)).toEqual(['Bright Futures nursery', 'Dyslexia groups', 'Far Reach autism club']);
  });

  it('filters by organisation', async () => {
    const asd = (await oruk(`/services/${imported.asd}`)).body;
    expect(ids(await allServices(area, `&organization_id=${asd.organization.id}`))).toEqual(ids([{ id: imported.asd }, { id: imported.hearing }]));
  });

  it('returns fully nested services with full=true', async () => {
    const page = await oruk(`/services?area=${area}&full=true&per_page=100`);
    const asd = page.body.contents.find((s: any) => s.id === imported.asd);
    expect(asd.service_at_locations[0].location.addresses[0]).toMatchObject({ postal_code: 'SW1A 1AA', country: 'GB' });
    expect(asd.cost_options[0]).toMatchObject({ amount: 12.5, currency: 'GBP' });
    expect(page.body.contents.every((s: any) => Array.isArray(s.attributes))).toBe(true);
  });

  it('costs the same number of statements for a page of 2 and a page of 7 fully nested services', async () => {
    const statements = async (perPage: number) => {
      const before = t.hub.database.statements.count;
      const answer = await oruk(`/services?area=${area}&full=true&per_page=${perPage}`);
      expect(answer.body.size).toBe(perPage);
      return t.hub.database.statements.count - before;
    };
    expect(await statements(7)).toBe(await statements(2));
  });

  it('returns one fully nested service by id, and a 404 for an unknown or malformed id', async () => {
    const one = await oruk(`/services/${services[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(services[0].id);
    expect(one.headers.get('cache-control')).toContain('max-age');
    for (const id of [randomUUID(), 'nope', services[0].id.toUpperCase().replace(/-/g, '')]) {
      const missing = await oruk(`/services/${id}`);
      expect(missing.status, id).toBe(404);
    }
    expect((await oruk(`/services/${services[0].id.toUpperCase()}`)).status).toBe(200);
    expect((await oruk(`/services/${services[0].id}/extra`)).status).toBe(404);
  });

  const BAD_QUERIES: [string, string][] = [
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['per_page=0', 'per_page'],
    ['per_page=-3', 'per_page'],
    ['area=Westminster', 'area'],
    ['postcode=NOT-A-POSTCODE', 'postcode'],
    ['taxonomy_id=not-a-uuid', 'taxonomy_id'],
    ['taxonomy_term_id=123', 'taxonomy_term_id'],
    ['organization_id=x', 'organization_id'],
    ['full=yes', 'full'],
    ['age=26', 'age'],
    ['minimum_age=-1', 'minimum_age'],
    ['text=' + 'x'.repeat(101), 'text'],
    ['text=a%00b', 'NUL'],
    ['search=%00', 'NUL'],
    ['proximity=500', 'geocode'],
    ['format=ndjson', 'format'],
    ['colour=blue', 'colour'],
    ['page=1&page=2', 'more than once'],
    ['text=a&search=b', 'search'],
  ];

  it.each(BAD_QUERIES)('refuses ?%s with a 400 naming the problem', async (query, mentions) => {
    const answer = await oruk(`/services?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain(mentions);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses query parameters on endpoints that take none', async () => {
    expect((await oruk(`/services/${services[0].id}?full=true`)).status).toBe(400);
    expect((await oruk('/vocabularies?taxonomy_id=x')).status).toBe(400);
  });

  it('is read-only: other methods are 405 with Allow; OPTIONS answers a CORS preflight; HEAD has no body', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const answer = await oruk('/services', { method, body: method === 'DELETE' ? undefined : '{}', headers: { 'content-type': 'application/json' } });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expectValid(problemSchema, answer.body);
    }
    const preflight = await oruk('/services', { method: 'OPTIONS', headers: { origin: 'https://finder.example.org', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    const head = await oruk(`/services?area=${area}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(await allServices(area)).toHaveLength(7);
  });

  it('needs no token and ignores one', async () => {
    const withToken = await oruk(`/services?area=${area}`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(withToken.status).toBe(200);
    expect(withToken.body.total_items).toBe(7);
  });

  it('answers 404 JSON for an unknown endpoint under /openreferral', async () => {
    expect((await oruk('/organizations')).status).toBe(404);
    expect((await oruk('/vocabularies/x')).status).toBe(404);
    expect((await oruk('/%E0%A4%A')).status).toBe(400);
  });

  it('lists the taxonomies, each by id, and 404 for another', async () => {
    const page = await oruk('/taxonomies');
    expect(page.body.contents.map((x: any) => x.id)).toEqual(TAXONOMIES.map((x) => x.id));
    for (const taxonomy of TAXONOMIES) expect((await oruk(`/taxonomies/${taxonomy.id}`)).body.name).toBe(taxonomy.name);
    expect((await oruk(`/taxonomies/${randomUUID()}`)).status).toBe(404);
    expect((await oruk('/taxonomies?search=age')).body.contents.map((x: any) => x.id)).toEqual([AGE_BAND_TAXONOMY.id]);
  });

  it('lists the taxonomy terms (paged, by taxonomy) and each term by id', async () => {
    const all = await oruk('/taxonomy_terms?per_page=100');
    expect(all.body.total_items).toBe(ALL_TERMS.length);
    expect(all.body.contents.map((x: any) => x.code)).toEqual(expect.arrayContaining(['ASD', 'SLCN', 'UNDER_5', 'AGE_20_25', 'capacity']));
    const needs = await oruk(`/taxonomy_terms?taxonomy_id=${SEN2_NEED_TAXONOMY.id}&per_page=5&page=3`);
    expect(needs.body).toMatchObject({ total_items: 12, total_pages: 3, size: 2, last_page: true });
    const asd = await oruk(`/taxonomy_terms/${NEED_TYPE_TERMS.ASD.id}`);
    expect(asd.body).toMatchObject({ code: 'ASD', name: 'Autistic spectrum disorder', taxonomy: 'sen2-type-of-need', taxonomy_id: SEN2_NEED_TAXONOMY.id });
    expect((await oruk(`/taxonomy_terms/${randomUUID()}`)).status).toBe(404);
  });

  it('lists the vocabularies', async () => {
    const page = await oruk('/vocabularies');
    expect(page.body.contents.map((v: any) => v.name)).toEqual(['sen2-type-of-need', 'dfe-age-band', 'local-offer-service-property']);
  });

  it('leaves the rest of the server alone: other paths still 404, GraphQL still needs a token', async () => {
    expect((await fetch(`http://localhost:${t.hub.port}/openreferralx`)).status).toBe(404);
    expect((await t.gql(null, '{ me { sub } }')).status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------------
// Import (the core of `npm run local-offer:import`)
// ---------------------------------------------------------------------------------------------------

describe('local offer feed import', () => {
  it('imports an HSDS 3 services page with locations, costs, capacity and locality', async () => {
    const area = newAreaCode();
    const a = feedService({ name: 'Alpha', needs: ['ASD', 'SEMH'], capacity: 12, locality: 'E05000123', postcode: 'w2 1aa', costPounds: 0 });
    const b = feedService({ name: 'Beta', needs: ['PD'], byCode: true });
    const page = { total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false, contents: [a, b] };
    const result = await importFeed(area, page);
    expect(result).toEqual({ written: true, total: 2, created: 2, updated: 0, problems: [] });
    const alpha = (await oruk(`/services/${a.id}`)).body;
    expect(alpha).toMatchObject({ name: 'Alpha', minimum_age: 4, maximum_age: 16, url: 'https://example.org/service', organization: { name: 'Imported Charity', email: 'hello@example.org' } });
    expect(alpha.attributes.filter((x: any) => x.taxonomy_term.taxonomy === 'sen2-type-of-need').map((x: any) => x.taxonomy_term.code)).toEqual(['SEMH', 'ASD']);
    expect(alpha.attributes.find((x: any) => x.taxonomy_term_id === CAPACITY_TERM.id).value).toBe('12');
    expect(alpha.service_areas[0].extent).toBe('E05000123');
    expect(alpha.service_at_locations[0].location.addresses[0].postal_code).toBe('W2 1AA');
    expect(alpha.cost_options[0]).toMatchObject({ amount: 0, currency: 'GBP' });
    expect((await oruk(`/services/${b.id}`)).body.attributes.map((x: any) => x.taxonomy_term.code)).toContain('PD');
  });

  it('is idempotent by service id: the same feed again changes nothing', async () => {
    const area = newAreaCode();
    const feed = [feedService({ postcode: 'SW1A 1AA', costPounds: 3, capacity: 4 }), feedService({ needs: ['HI', 'VI'] })];
    await importFeed(area, feed);
    const before = await allServices(area, '&full=true');
    const again = await importFeed(area, feed);
    expect(again).toMatchObject({ written: true, created: 0, updated: 2 });
    const after = await allServices(area, '&full=true');
    const strip = (list: any[]) => list.map(({ last_modified: _, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it('round-trips its own output: the area\'s full services page imports back unchanged', async () => {
    const area = newAreaCode();
    await importFeed(area, [feedService({ postcode: 'BS1 4DJ', locality: 'E05001234', capacity: 9, costPounds: 4.25 }), feedService({ needs: ['MSI'] })]);
    await create(coordinatorOf(area), input(area, { name: 'Made in GraphQL' }));
    const published = await oruk(`/services?area=${area}&full=true&per_page=100`);
    const result = await importFeed(area, published.body);
    expect(result).toMatchObject({ written: true, created: 0, updated: 3 });
    const strip = (list: any[]) => list.map(({ last_modified: _, ...rest }) => rest);
    expect(strip(await allServices(area, '&full=true'))).toEqual(strip(published.body.contents));
  });

  it('lists every bad record with its index and reason, and writes nothing, not even the good ones', async () => {
    const area = newAreaCode();
    const good = feedService();
    const feed = [
      good,
      { ...feedService(), name: undefined },
      feedService({ needs: [] }),
      feedService({ minimum_age: 12, maximum_age: 10 }),
      feedService({ organization: null }),
      { ...feedService(), id: 'not-a-uuid' },
      feedService({ extra: { status: 'open' } }),
      good,
      feedService({ extra: { attributes: [{ id: randomUUID(), taxonomy_term_id: CAPACITY_TERM.id, value: 'lots' }, { id: randomUUID(), taxonomy_term_id: NEED_TYPE_TERMS.ASD.id }] } }),
      'not an object',
      feedService({ name: 'Nul\u0000name' }),
    ];
    const result = await importFeed(area, feed);
    expect(result.written).toBe(false);
    expect(result.problems.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const reasons = Object.fromEntries(result.problems.map((p) => [p.index, p.reason]));
    expect(reasons[1]).toContain('name');
    expect(reasons[2]).toContain('needTypes');
    expect(reasons[2]).toContain('SEN2');
    expect(reasons[3]).toContain('maximumAge');
    expect(reasons[4]).toContain('organization.name');
    expect(reasons[5]).toContain('id');
    expect(reasons[6]).toContain('status');
    expect(reasons[7]).toContain('repeats record 0');
    expect(reasons[8]).toContain('capacity');
    expect(reasons[9]).toContain('not an HSDS 3 service');
    expect(reasons[10]).toContain('NUL');
    expect(await allServices(area)).toEqual([]);
  });

  it('never overwrites another area\'s service or location, and writes nothing of the feed', async () => {
    const [areaA, areaB] = [newAreaCode(), newAreaCode()];
    const theirs = await create(coordinatorOf(areaA), input(areaA, { name: 'Theirs' }));
    const location = randomUUID();
    await importFeed(areaA, [feedService({ postcode: 'SW1A 1AA', locationId: location })]);
    const stolenService = await importFeed(areaB, [feedService(), feedService({ id: theirs.id, name: 'Stolen' })]);
    expect(stolenService.written).toBe(false);
    expect(stolenService.problems).toEqual([{ index: 1, id: theirs.id, reason: `service ${theirs.id} belongs to another area` }]);
    const stolenLocation = await importFeed(areaB, [feedService({ postcode: 'SW1A 1AA', locationId: location })]);
    expect(stolenLocation.problems[0]!.reason).toContain('location');
    expect(await allServices(areaB)).toEqual([]);
    expect((await oruk(`/services/${theirs.id}`)).body.name).toBe('Theirs');
  });

  it('keeps imported locations and costs when the coordinator later edits the service', async () => {
    const area = newAreaCode();
    const record = feedService({ postcode: 'NW8 9AY', costPounds: 2 });
    await importFeed(area, [record]);
    await create(coordinatorOf(area), input(area, { id: record.id, name: 'Edited in the hub' }));
    const service = (await oruk(`/services/${record.id}`)).body;
    expect(service.name).toBe('Edited in the hub');
    expect(service.service_at_locations).toHaveLength(1);
    expect(service.cost_options).toHaveLength(1);
  });

  it('refuses a feed that is neither a page nor an array, and a bad area', async () => {
    await expect(importFeed(newAreaCode(), { services: [] })).rejects.toBeInstanceOf(FeedShapeError);
    await expect(importFeed('E07000001', [])).rejects.toBeInstanceOf(FeedShapeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// No child data, ever
// ---------------------------------------------------------------------------------------------------

describe('no child data reaches the Open Referral API', () => {
  it('a registered child in the same area and locality leaves no trace in any ORUK response', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const { nhsNumber, upn } = syntheticIdentifiers();
    await registerLocalities(area);
    const childId = await registerChild(t, coordinator, {
      givenName: 'Zebulonia', familyName: 'Quixotica', dateOfBirth: '2016-02-29', nhsNumber, upn, postcode: 'SW1A 1AA', locality: 'E05009999',
    });
    const service = await create(coordinator, input(area, { name: 'Local play scheme', locality: 'E05009999' }));
    await importFeed(area, [feedService({ postcode: 'SW1A 1AA', locality: 'E05009999' })]);

    const secrets = [childId, 'Zebulonia', 'Quixotica', '2016-02-29', nhsNumber, upn, coordinator.sub, coordinator.org];
    const paths = [
      '/',
      `/services?area=${area}`,
      `/services?area=${area}&full=true`,
      `/services?area=${area}&postcode=SW1A1AA&full=true`,
      `/services?text=Zebulonia`,
      `/services/${service.id}`,
      `/services/${childId}`,
      '/taxonomies',
      '/taxonomy_terms?per_page=100',
      '/vocabularies',
      ...TAXONOMIES.map((x) => `/taxonomies/${x.id}`),
      ...ALL_TERMS.map((x) => `/taxonomy_terms/${x.id}`),
    ];
    for (let page = 1; page <= 3; page++) paths.push(`/services?full=true&per_page=100&page=${page}`);
    for (const path of paths) {
      const answer = await oruk(path);
      for (const secret of secrets) expect(answer.text, `${path} carries ${secret}`).not.toContain(secret);
    }
    expect((await oruk(`/services/${childId}`)).status).toBe(404);
    expect((await oruk('/services?text=Zebulonia')).body.total_items).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------------

describe('demo local offer', () => {
  it('loads a few dozen deterministic services across the two demo areas, each valid HSDS 3, once', async () => {
    const isolated = await startIsolatedHub();
    try {
      const db = isolated.t.hub.database.db;
      expect(await seedDemoLocalOfferIfEmpty(db)).toBe(36);
      expect(await seedDemoLocalOfferIfEmpty(db)).toBe(0);
      const rows = await db.select({ id: localOfferServices.id }).from(localOfferServices);
      expect(ids(rows)).toEqual(ids(demoLocalOfferRows().services as { id: string }[]));
      for (const demo of DEMO_AREAS) {
        const res = await fetch(`http://localhost:${isolated.t.hub.port}/openreferral/services?area=${demo.code}&full=true&per_page=100`);
        const page = expectValid(hsds.page(hsds.service), await res.json());
        expect(page.total_items).toBe(18);
        const names = page.contents.map((s) => s.name).join(' | ');
        for (const kind of ['speech and language therapy', 'short breaks', 'Parent Carer Forum', 'SENDIASS', 'specialist nursery', 'autism outreach']) expect(names).toContain(kind);
        expect(page.contents.every((s) => (s.attributes ?? []).some((a) => a.taxonomy_term?.taxonomy === 'sen2-type-of-need'))).toBe(true);
        expect(page.contents.every((s) => s.service_at_locations?.length === 1 && s.service_areas?.length === 1)).toBe(true);
      }
    } finally {
      await isolated.close();
    }
  });
});
