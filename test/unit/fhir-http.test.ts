/**
 * The FHIR HTTP handler and its search parameters, over a real node:http server on port 0 with a
 * stand-in data layer (the real one is wired by src/app). Every body is validated as FHIR R4.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFhirHandler, FHIR_JSON, type FhirSearchResult, type FhirSearchSource } from '../../src/platform/fhir/fhir-handler.js';
import { HUB_STAFF_USER_SYSTEM } from '../../src/platform/fhir/code-systems.js';
import type { AuditEventRecord, ConsentRecord } from '../../src/platform/fhir/records.js';
import { DEFAULT_COUNT, MAX_COUNT, parseFhirSearch, type FhirSearchQuery } from '../../src/platform/fhir/search-params.js';
import { fhirProblems } from '../support/fhir-conformance.js';
import { auditRecord, BASE_URL, consentRecord, NOW, PATIENT } from '../support/fhir-fixtures.js';

const TOKEN = 'a.b.c';
const calls: { kind: string; query: FhirSearchQuery; token: string; requestId: string }[] = [];
let consentAnswer: FhirSearchResult<ConsentRecord>;
let auditAnswer: FhirSearchResult<AuditEventRecord>;
let thrown: unknown = null;
const errors: unknown[] = [];

const ok = <R>(records: R[], extra: Partial<Extract<FhirSearchResult<R>, { ok: true }>> = {}): FhirSearchResult<R> => ({
  ok: true,
  patient: PATIENT,
  page: { records, total: records.length, nextCursor: null },
  operator: { code: 'ZZ213', name: 'Westminster City Council' },
  now: NOW,
  audience: 'staff',
  ...extra,
});

const source: FhirSearchSource = {
  async consents(query, token, requestId) {
    calls.push({ kind: 'consents', query, token, requestId });
    if (thrown) throw thrown;
    return consentAnswer;
  },
  async auditEvents(query, token, requestId) {
    calls.push({ kind: 'auditEvents', query, token, requestId });
    if (thrown) throw thrown;
    return auditAnswer;
  },
};

let server: Server;
let origin: string;
let requestNo = 0;

beforeAll(async () => {
  const handler = createFhirHandler({ baseUrl: () => `${BASE_URL}/`, source, onError: (e) => errors.push(e) });
  server = createServer((req, res) => void handler(req, res, `req-${++requestNo}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.length = 0;
  errors.length = 0;
  thrown = null;
  consentAnswer = ok([consentRecord()]);
  auditAnswer = ok([auditRecord()]);
});

async function get(path: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, method = 'GET') {
  const res = await fetch(`${origin}${path}`, { method, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as { resourceType: string; [k: string]: unknown } };
}

function expectOutcome(r: Awaited<ReturnType<typeof get>>, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toBe(FHIR_JSON);
  expect(r.body.resourceType).toBe('OperationOutcome');
  expect(fhirProblems(r.body)).toEqual([]);
  expect((r.body.issue as { code: string; severity: string }[])[0]).toMatchObject({ severity: 'error', code });
}

describe('GET /fhir/Consent and /fhir/AuditEvent', () => {
  it('answers a searchset Bundle as application/fhir+json, not cacheable', async () => {
    const r = await get('/fhir/Consent?patient=9449305552');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1, id: expect.stringMatching(/^req-/) });
    expect(fhirProblems(r.body)).toEqual([]);
    expect(calls).toEqual([{ kind: 'consents', token: TOKEN, requestId: r.body.id, query: expect.objectContaining({ resourceType: 'Consent', nhsNumber: '9449305552', count: DEFAULT_COUNT }) }]);
    expect((r.body.link as { url: string }[])[0]!.url).toBe(`${BASE_URL}/Consent?patient=9449305552&_count=50`);
  });

  it('AuditEvent for a family reader carries no staff identifier', async () => {
    auditAnswer = ok([auditRecord(), auditRecord({ basis: 'DENIED' })], { audience: 'family' });
    const r = await get('/fhir/AuditEvent?patient=9449305552');
    expect(r.status).toBe(200);
    expect(fhirProblems(r.body, { familyFacing: true })).toEqual([]);
    expect(r.text).not.toContain(HUB_STAFF_USER_SYSTEM);
    auditAnswer = ok([auditRecord()]);
    expect((await get('/fhir/AuditEvent?patient=9449305552')).text).toContain(HUB_STAFF_USER_SYSTEM);
  });

  it('401 without a bearer token (the data layer is not asked), and the same body when the token fails', async () => {
    const none = await get('/fhir/Consent?patient=9449305552', {});
    expectOutcome(none, 401, 'login');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expectOutcome(await get('/fhir/Consent?patient=9449305552', { authorization: 'Basic eDp5' }), 401, 'login');
    expect(calls).toEqual([]);
    consentAnswer = { ok: false, failure: { kind: 'unauthenticated' } };
    const bad = await get('/fhir/Consent?patient=9449305552');
    expectOutcome(bad, 401, 'login');
    expect(bad.text).toBe(none.text);
  });

  it('404 not-found, byte for byte the same for a patient who does not exist and one the caller may not see', async () => {
    consentAnswer = { ok: false, failure: { kind: 'not-found' } };
    const unknown = await get('/fhir/Consent?patient=4010232137');
    const otherArea = await get('/fhir/Consent?patient=9449305552');
    expectOutcome(unknown, 404, 'not-found');
    expect(otherArea.text).toBe(unknown.text);
    auditAnswer = { ok: false, failure: { kind: 'not-found' } };
    expect((await get('/fhir/AuditEvent?patient=9449305552')).text).toBe(unknown.text);
  });

  it('the data layer\'s other refusals: 403 forbidden, 400 invalid (a stale cursor), 429 with Retry-After', async () => {
    consentAnswer = { ok: false, failure: { kind: 'forbidden' } };
    expectOutcome(await get('/fhir/Consent?patient=9449305552'), 403, 'forbidden');
    consentAnswer = { ok: false, failure: { kind: 'invalid', parameter: '_cursor', message: 'is not a page token this server issued' } };
    const stale = await get('/fhir/Consent?patient=9449305552&_cursor=abc');
    expectOutcome(stale, 400, 'invalid');
    expect((stale.body.issue as { expression: string[] }[])[0]!.expression).toEqual(['_cursor']);
    consentAnswer = { ok: false, failure: { kind: 'rate-limited', retryAfterSeconds: 12.5 } };
    const slow = await get('/fhir/Consent?patient=9449305552');
    expectOutcome(slow, 429, 'throttled');
    expect(slow.headers.get('retry-after')).toBe('13');
  });

  it('500 with only the request id when the data layer throws; the error goes to onError', async () => {
    thrown = new Error('connection reset: secret detail');
    const r = await get('/fhir/AuditEvent?patient=9449305552');
    expectOutcome(r, 500, 'exception');
    expect(r.text).not.toContain('secret');
    expect(r.text).toMatch(/req-\d+/);
    expect(errors).toEqual([thrown]);
  });

  it('500 when family-facing output would carry safeguarding activity (fail closed)', async () => {
    auditAnswer = ok([auditRecord({ categories: ['SAFEGUARDING'], actorOrg: 'SC123' })], { audience: 'family' });
    const r = await get('/fhir/AuditEvent?patient=9449305552');
    expectOutcome(r, 500, 'exception');
    expect(r.text).not.toContain('SAFEGUARDING');
  });

  it('read-only and JSON-only: 405 for other methods, 406 for XML, 404 for other paths', async () => {
    const post = await get('/fhir/Consent?patient=9449305552', { authorization: `Bearer ${TOKEN}` }, 'POST');
    expectOutcome(post, 405, 'not-supported');
    expect(post.headers.get('allow')).toBe('GET');
    expectOutcome(await get('/fhir/Consent?patient=9449305552', { authorization: `Bearer ${TOKEN}`, accept: 'application/fhir+xml' }), 406, 'not-supported');
    expectOutcome(await get('/fhir/Consent?patient=9449305552&_format=xml'), 406, 'not-supported');
    expect((await get('/fhir/Consent?patient=9449305552&_format=json', { authorization: `Bearer ${TOKEN}`, accept: 'application/fhir+json, */*;q=0.1' })).status).toBe(200);
    expectOutcome(await get('/fhir/Patient?identifier=9449305552'), 404, 'not-found');
    expectOutcome(await get('/fhir/Consent/00000000-0000-4000-8000-000000000001'), 404, 'not-found');
    expect(calls).toHaveLength(1);
  });

  it('GET /fhir/metadata: a CapabilityStatement, without a token', async () => {
    const r = await get('/fhir/metadata', {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance', implementation: { url: BASE_URL } });
    expect(fhirProblems(r.body)).toEqual([]);
  });

  it('a bad parameter is 400 invalid naming it, and the data layer is not asked', async () => {
    const r = await get('/fhir/Consent?patient=9449305553');
    expectOutcome(r, 400, 'invalid');
    expect((r.body.issue as { expression: string[]; diagnostics: string }[])[0]).toMatchObject({ expression: ['patient'], diagnostics: 'patient: is not a valid NHS number' });
    expect(r.text).not.toContain('9449305553'); // nothing from the request is echoed
    expect(calls).toEqual([]);
  });
});

describe('search parameters', () => {
  const parse = (search: string, type: 'Consent' | 'AuditEvent' = 'AuditEvent', strict = false) => parseFhirSearch(type, new URLSearchParams(search), strict);
  const queryOf = (search: string, type: 'Consent' | 'AuditEvent' = 'AuditEvent', strict = false) => {
    const p = parse(search, type, strict);
    if (!p.ok) throw new Error(JSON.stringify(p.error.outcome));
    return p.query;
  };
  const problem = (search: string, type: 'Consent' | 'AuditEvent' = 'AuditEvent', strict = false) => {
    const p = parse(search, type, strict);
    if (p.ok) throw new Error(`accepted ${search}`);
    expect(fhirProblems(p.error.outcome)).toEqual([]);
    return { status: p.error.status, ...p.error.outcome.issue[0]! };
  };

  it.each([
    'patient=9449305552',
    'patient=944%20930%205552',
    'patient=944+930+5552',
    'patient=Patient/9449305552',
    'patient:Patient=9449305552',
    'patient:identifier=https://fhir.nhs.uk/Id/nhs-number|9449305552',
    'patient:identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C944%20930%205552',
    'patient:identifier=9449305552',
  ])('%s names NHS number 9449305552', (search) => {
    expect(queryOf(search).nhsNumber).toBe('9449305552');
  });

  it.each([
    ['', 'patient', /is required/],
    ['patient=9449305553', 'patient', /not a valid NHS number/],
    ['patient=944930555', 'patient', /not a valid NHS number/],
    ['patient=944-930-5552', 'patient', /not a valid NHS number/],
    ['patient=9449305552&patient=4010232137', 'patient', /exactly one/],
    ['patient=9449305552,4010232137', 'patient', /exactly one/],
    ['patient=9449305552&patient:identifier=9449305552', 'patient', /exactly one/],
    ['patient:identifier=http://example.org/mrn|9449305552', 'patient:identifier', /system must be/],
    ['patient:missing=true', 'patient', /only the :identifier modifier/],
    ['patient=Practitioner/9449305552', 'patient', /not a valid NHS number/],
  ])('%j is a 400 on %s', (search, expression, message) => {
    const issue = problem(search);
    expect(issue).toMatchObject({ status: 400, code: 'invalid', expression: [expression] });
    expect(issue.diagnostics).toMatch(message);
  });

  it(`_count: default ${DEFAULT_COUNT}, 0 allowed, capped at ${MAX_COUNT} (at the limit and one past it), else 400`, () => {
    expect(queryOf('patient=9449305552').count).toBe(DEFAULT_COUNT);
    expect(queryOf('patient=9449305552&_count=0').count).toBe(0);
    expect(queryOf(`patient=9449305552&_count=${MAX_COUNT}`).count).toBe(MAX_COUNT);
    expect(queryOf(`patient=9449305552&_count=${MAX_COUNT + 1}`).count).toBe(MAX_COUNT);
    for (const bad of ['-1', '1.5', 'ten', '', '1e3', '9999999']) expect(problem(`patient=9449305552&_count=${bad}`)).toMatchObject({ status: 400, expression: ['_count'] });
    expect(problem('patient=9449305552&_count=1&_count=2')).toMatchObject({ expression: ['_count'] });
  });

  it('_cursor: an opaque token of safe characters, passed through', () => {
    expect(queryOf('patient=9449305552&_cursor=MTIz_-x').cursor).toBe('MTIz_-x');
    expect(queryOf('patient=9449305552').cursor).toBeNull();
    expect(problem('patient=9449305552&_cursor=a%27%3B--')).toMatchObject({ expression: ['_cursor'] });
    expect(problem(`patient=9449305552&_cursor=${'a'.repeat(201)}`)).toMatchObject({ expression: ['_cursor'] });
  });

  const bounds = (search: string) => {
    const q = queryOf(`patient=9449305552&${search}`);
    return [q.recordedFrom?.toISOString() ?? null, q.recordedBefore?.toISOString() ?? null];
  };

  it.each([
    ['date=2026', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['date=eq2026-02', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['date=ge2026-02-28', '2026-02-28T00:00:00.000Z', null],
    ['date=gt2026-02-28', '2026-03-01T00:00:00.000Z', null],
    ['date=le2026-02-28', null, '2026-03-01T00:00:00.000Z'],
    ['date=lt2026-02-28', null, '2026-02-28T00:00:00.000Z'],
    ['date=le2024-02', null, '2024-03-01T00:00:00.000Z'],
    ['date=ge2026-03-01T09:30:00Z&date=le2026-03-01T10:00:00Z', '2026-03-01T09:30:00.000Z', '2026-03-01T10:00:01.000Z'],
    ['date=ge2026-03-01T09:30%2B01:00', '2026-03-01T08:30:00.000Z', null],
    ['date=ge2026-03-01T09:30+01:00', '2026-03-01T08:30:00.000Z', null],
    ['date=lt2026-03-01T09:30:00.250Z', null, '2026-03-01T09:30:00.250Z'],
    ['date=ge2026-01&date=ge2026-02', '2026-02-01T00:00:00.000Z', null],
  ])('AuditEvent %s → [%s, %s)', (search, from, before) => {
    expect(bounds(search)).toEqual([from, before]);
  });

  it.each([
    'date=2026-02-30',
    'date=2026-13',
    'date=ge2026-03-01T09:30',
    'date=ge2026-03-01T24:00Z',
    'date=ne2026-03-01',
    'date=ap2026-03-01',
    'date=yesterday',
    'date=ge2026&date=le2027&date=eq2026-06',
  ])('AuditEvent %s is a 400 on date', (search) => {
    expect(problem(`patient=9449305552&${search}`)).toMatchObject({ status: 400, code: 'invalid', expression: ['date'] });
  });

  it('unknown parameters are ignored unless the client asks for strict handling', () => {
    expect(queryOf('patient=9449305552&_sort=-date&date=2026', 'Consent')).toMatchObject({ recordedFrom: null, recordedBefore: null });
    expect(problem('patient=9449305552&date=2026', 'Consent', true)).toMatchObject({ status: 400, expression: ['date'] });
    expect(problem('patient=9449305552&_sort=-date', 'AuditEvent', true)).toMatchObject({ status: 400, expression: ['_sort'] });
  });

  it('Prefer: handling=strict reaches the parser through the handler', async () => {
    const r = await get('/fhir/Consent?patient=9449305552&colour=blue', { authorization: `Bearer ${TOKEN}`, prefer: 'handling=strict' });
    expectOutcome(r, 400, 'invalid');
    expect((await get('/fhir/Consent?patient=9449305552&colour=blue')).status).toBe(200);
  });
});
