/**
 * The FHIR R4 API end to end (docs/fhir.md, issue 16 item 4): through the real server and the data
 * path, on PGlite and on PostgreSQL. Each Bundle is checked against the FHIR R4 JSON schema and the
 * hand-written R4 invariants (test/support/fhir-conformance.ts), and the export is itself audited.
 */
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/tables.js';
import { nhsCheckDigit } from '../../src/domain/identifiers.js';
import type { Actor } from '../../src/domain/actor.js';
import { NHS_NUMBER_SYSTEM } from '../../src/platform/fhir/code-systems.js';
import { childScenario, dpoOf } from '../support/factories.js';
import { fhirProblems } from '../support/fhir-conformance.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.close());

function newNhsNumber(): string {
  for (;;) {
    const first9 = String(randomInt(100_000_000, 999_999_999));
    const check = nhsCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}

const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`;
const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { version } }`;

async function fhirGet(actor: Actor | null, path: string) {
  const headers: Record<string, string> = actor ? { authorization: `Bearer ${await t.token(actor)}` } : {};
  const res = await fetch(`${t.url.replace(/\/graphql$/, '')}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), requestId: res.headers.get('x-request-id'), body: (await res.json()) as any };
}

async function scenario() {
  const nhsNumber = newNhsNumber();
  const s = await childScenario(t, { nhsNumber });
  const grant = await t.gql(s.parent, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' } });
  expect(grant.errors).toBeUndefined();
  const wrote = await t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', entries: [{ key: 'diagnosis', value: 'asthma' }] } });
  expect(wrote.errors).toBeUndefined();
  return { ...s, nhsNumber };
}

describe('GET /fhir/Consent?patient=<NHS number>', () => {
  it('answers a conformant searchset Bundle of the child consents, as application/fhir+json, and records the read', async () => {
    const s = await scenario();
    const r = await fhirGet(s.social, `/fhir/Consent?patient:identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${s.nhsNumber}`)}`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/fhir\+json/);
    expect(fhirProblems(r.body)).toEqual([]);
    expect(r.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    const consent = r.body.entry[0].resource;
    expect(consent.resourceType).toBe('Consent');
    expect(consent.patient.identifier).toEqual({ system: NHS_NUMBER_SYSTEM, value: s.nhsNumber });
    expect(JSON.stringify(consent)).toContain('HEALTH');
    const events = await t.hub.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, r.requestId!));
    expect(events.map((e) => [e.childId, e.action, e.actorSub])).toContainEqual([s.childId, 'READ', s.social.sub]);
  });

  it('answers 401 without a token and not found for another area child, or an NHS number nobody has', async () => {
    const s = await scenario();
    expect((await fhirGet(null, `/fhir/Consent?patient=${s.nhsNumber}`)).status).toBe(401);
    const other = await scenario();
    const outsider = await fhirGet(other.coordinator, `/fhir/Consent?patient=${s.nhsNumber}`);
    const nobody = await fhirGet(other.coordinator, `/fhir/Consent?patient=${newNhsNumber()}`);
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(nobody.body);
    expect(fhirProblems(outsider.body)).toEqual([]);
  });
});

describe('GET /fhir/AuditEvent?patient=<NHS number>', () => {
  it('gives the DPO of the area the child access history as conformant AuditEvents carrying the request ids, paged', async () => {
    const s = await scenario();
    const dpo = dpoOf(s.areaCode);
    const r = await fhirGet(dpo, `/fhir/AuditEvent?patient=${s.nhsNumber}&_count=2`);
    expect(r.status).toBe(200);
    expect(fhirProblems(r.body)).toEqual([]);
    expect(r.body.total).toBeGreaterThan(2);
    expect(r.body.entry).toHaveLength(2);
    const next = r.body.link.find((l: any) => l.relation === 'next');
    expect(next).toBeDefined();
    const page2 = await fhirGet(dpo, new URL(next.url).pathname + new URL(next.url).search);
    expect(page2.status).toBe(200);
    expect(fhirProblems(page2.body)).toEqual([]);
    const ids = (b: any) => b.entry.map((e: any) => e.resource.id);
    expect(ids(page2.body).some((id: string) => ids(r.body).includes(id))).toBe(false);
  });

  it('is refused to staff who are not the DPO, and gives another area DPO not found', async () => {
    const s = await scenario();
    expect((await fhirGet(s.health, `/fhir/AuditEvent?patient=${s.nhsNumber}`)).status).toBe(403);
    const other = await scenario();
    expect((await fhirGet(dpoOf(other.areaCode), `/fhir/AuditEvent?patient=${s.nhsNumber}`)).status).toBe(404);
  });

  it('gives the family their child history without staff identifiers', async () => {
    const s = await scenario();
    const r = await fhirGet(s.parent, `/fhir/AuditEvent?patient=${s.nhsNumber}`);
    expect(r.status).toBe(200);
    expect(fhirProblems(r.body, { familyFacing: true })).toEqual([]);
    expect(JSON.stringify(r.body)).not.toContain(s.health.sub);
  });
});
