/**
 * Who may do what: sections by organisation and role (SEND Regulations 2014 reg 12, Code 9.62), the
 * care team's recorded agency as the truth, FINANCIAL to the coordinator and the family, the young
 * person's rights after compulsory school age (CFA 2014 s.83(2); Mental Capacity Act 2005, reg 64),
 * consents recorded on paper, revocation, subject access requests (UK GDPR Art. 15), input edges.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/tables.js';
import type { Actor } from '../../src/domain/actor.js';
import { addDays } from '../../src/domain/statutory-clock.js';
import { addToCareTeam, childScenario, dpoOf, familyMember, linkFamily, practitioner } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const today = new Date().toISOString().slice(0, 10);
const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { code version } }`;
const entry = (value = 'text') => [{ key: 'note', value }];
const write = (actor: Actor, childId: string, code: string, more: Record<string, unknown> = {}) =>
  t.gql(actor, CONTRIBUTE, { input: { childId, code, entries: entry(), ...more } });
const READ = `query($id: ID!) { child(id: $id) { id sections { code entries { key category value } } withheld { section category count } } }`;
const sectionsOf = (r: any): string[] => (r.data?.child?.sections ?? []).map((x: any) => x.code);
const eventsOf = (requestId: string | null) => t.hub.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId ?? ''));

async function withSchool() {
  const s = await childScenario(t);
  const school = practitioner('EDUCATION');
  await addToCareTeam(t, s.coordinator, s.childId, school);
  return { ...s, school };
}

describe('section writers (reg 12; Code 9.62)', () => {
  it('the council writes B, E, F, I, J, K; a school on the care team writes none of them, nor A', async () => {
    const s = await withSchool();
    for (const code of ['A', 'B', 'E', 'F', 'I', 'J', 'K']) {
      expect(codes(await write(s.school, s.childId, code)), code).toEqual(['FORBIDDEN']);
    }
    expect((await write(s.coordinator, s.childId, 'B', { needs: [{ type: 'ASD', rank: 1 }] })).data.contributeSection.code).toBe('B');
    expect((await write(s.coordinator, s.childId, 'J', { personalBudget: { form: 'DIRECT_PAYMENT', educationPence: 120000 } })).data.contributeSection.code).toBe('J');
  });

  it('A is the family\'s, or the coordinator recording their views; C and G health\'s, D, H1 and H2 social care\'s', async () => {
    const s = await withSchool();
    expect(codes(await write(s.parent, s.childId, 'A'))).toEqual([]);
    expect(codes(await write(s.coordinator, s.childId, 'A'))).toEqual([]);
    for (const code of ['C', 'G']) {
      expect(codes(await write(s.health, s.childId, code)), code).toEqual([]);
      expect(codes(await write(s.social, s.childId, code)), code).toEqual(['FORBIDDEN']);
      expect(codes(await write(s.coordinator, s.childId, code)), code).toEqual(['FORBIDDEN']);
    }
    for (const code of ['D', 'H1', 'H2']) {
      expect(codes(await write(s.social, s.childId, code)), code).toEqual([]);
      expect(codes(await write(s.health, s.childId, code)), code).toEqual(['FORBIDDEN']);
    }
  });

  it('a school contributes through advice: kept as its own appendix of K, owned by it', async () => {
    const s = await withSchool();
    const received = addDays(today, -30);
    await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: s.childId, d: received });
    await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { advancePlan(childId: $c, event: DECIDE_TO_ASSESS, on: $d) { status } }`, { c: s.childId, d: addDays(received, 7) });
    const asked = await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAdvice(childId: $c, agency: EDUCATION, requestedOn: $d) { id } }`, { c: s.childId, d: addDays(received, 8) });
    const given = await t.gql(s.school, `mutation($c: ID!, $a: ID!, $d: Date!) { provideAdvice(childId: $c, adviceRequestId: $a, providedOn: $d,
      advice: [{ key: "school.progress", value: "Reading age two years behind" }]) { providedByOrg advice { key value category } } }`, { c: s.childId, a: asked.data.requestAdvice.id, d: addDays(received, 20) });
    expect(given.errors, JSON.stringify(given.errors)).toBeUndefined();
    expect(given.data.provideAdvice).toEqual({ providedByOrg: s.school.org, advice: [{ key: 'school.progress', value: 'Reading age two years behind', category: 'EDUCATION' }] });
    await write(s.coordinator, s.childId, 'K');
    const k = await t.gql(s.coordinator, `query($id: ID!) { child(id: $id) { section(code: K) { appendices { providedByOrg advice { key value } } } } }`, { id: s.childId });
    expect(k.data.child.section.appendices).toEqual([{ providedByOrg: s.school.org, advice: [{ key: 'school.progress', value: 'Reading age two years behind' }] }]);
    // The health trust has no consent for EDUCATION: the school's advice is counted, never shown.
    const health = await t.gql(s.health, `query($id: ID!) { child(id: $id) { withheld { section category count } } }`, { id: s.childId });
    expect(JSON.stringify(health.data)).not.toContain('Reading age');
  });
});

describe("the care team's recorded agency is the truth", () => {
  it('refuses, and records, a token claiming another agency for an organisation on the care team', async () => {
    const s = await withSchool();
    await write(s.health, s.childId, 'C', { entries: [{ key: 'hiv', value: 'positive', category: 'HEALTH_SENSITIVE' }] });
    const impostor: Actor = { ...s.school, agency: 'HEALTH' };
    const read = await t.gql(impostor, READ, { id: s.childId });
    expect(codes(read)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(read.data)).not.toContain('positive');
    expect((await eventsOf(read.requestId)).some((e) => e.basis === 'DENIED' && e.flags.includes('AGENCY_MISMATCH'))).toBe(true);
    expect(codes(await write(impostor, s.childId, 'G'))).toEqual(['FORBIDDEN']);
  });

  it('a coordinator needs an EDUCATION token, and is never the owner of health content', async () => {
    const s = await withSchool();
    await write(s.health, s.childId, 'C', { entries: [{ key: 'hiv', value: 'positive', category: 'HEALTH_SENSITIVE' }] });
    const healthCoordinator: Actor = { ...s.coordinator, agency: 'HEALTH' };
    expect(codes(await t.gql(healthCoordinator, READ, { id: s.childId }))).toEqual(['FORBIDDEN']);
    const read = await t.gql(s.coordinator, `query($id: ID!) { child(id: $id) { section(code: C) { entries { key } withheld { category count } } } }`, { id: s.childId });
    expect(read.data.child.section).toEqual({ entries: [], withheld: [{ category: 'HEALTH_SENSITIVE', count: 1 }] });
  });
});

describe('FINANCIAL (section J) goes to the coordinator and the family; anyone else by consent', () => {
  it('withholds the direct payment from a school and a health trust on the care team', async () => {
    const s = await withSchool();
    await write(s.coordinator, s.childId, 'J', { entries: [{ key: 'direct.payment', value: '£1,200 a year' }], personalBudget: { form: 'DIRECT_PAYMENT', educationPence: 120000 } });
    for (const reader of [s.coordinator, s.parent]) expect(sectionsOf(await t.gql(reader, READ, { id: s.childId }))).toContain('J');
    for (const reader of [s.school, s.health]) {
      const r = await t.gql(reader, READ, { id: s.childId });
      expect(sectionsOf(r)).not.toContain('J');
      expect(JSON.stringify(r.data)).not.toContain('1,200');
      expect(r.data.child.withheld).toContainEqual({ section: 'J', category: 'FINANCIAL', count: 1 });
    }
    await t.gql(s.parent, `mutation($c: ID!, $o: String!) { grantConsent(input: { childId: $c, categories: [FINANCIAL], granteeOrg: $o }) { id } }`, { c: s.childId, o: s.school.org });
    expect(sectionsOf(await t.gql(s.school, READ, { id: s.childId }))).toContain('J');
  });
});

describe('the young person decides (CFA 2014 s.83(2))', () => {
  async function youngPerson() {
    const s = await childScenario(t, { dateOfBirth: '2006-03-01' }); // 20: past compulsory school age
    const young = familyMember();
    await linkFamily(t, s.coordinator, s.childId, young, 'YOUNG_PERSON');
    await write(s.health, s.childId, 'C', { entries: [{ key: 'diagnosis', value: 'autism' }, { key: 'sexual.health', value: 'clinic', category: 'HEALTH_SENSITIVE' }] });
    return { ...s, young };
  }

  it('a parent of a young person reads only what the young person shared with them, and not the access log', async () => {
    const s = await youngPerson();
    const before = await t.gql(s.parent, READ, { id: s.childId });
    expect(sectionsOf(before)).not.toContain('C');
    expect(JSON.stringify(before.data)).not.toContain('autism');
    expect(codes(await t.gql(s.parent, `query($c: ID!) { accessLog(filter: { childId: $c }) { edges { node { id } } } }`, { c: s.childId }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(s.young, `query($c: ID!) { accessLog(filter: { childId: $c }) { edges { node { id } } } }`, { c: s.childId }))).toEqual([]);
    const shared = await t.gql(s.young, `mutation($c: ID!, $p: String!) { grantConsent(input: { childId: $c, categories: [HEALTH], granteeSubject: $p }) { granteeSubject givenBy } }`, { c: s.childId, p: s.parent.sub });
    expect(shared.data.grantConsent).toEqual({ granteeSubject: s.parent.sub, givenBy: 'YOUNG_PERSON' });
    const after = await t.gql(s.parent, READ, { id: s.childId });
    const c = after.data.child.sections.find((x: any) => x.code === 'C');
    expect(c.entries.map((e: any) => e.key)).toEqual(['diagnosis']);
    expect(JSON.stringify(after.data)).not.toContain('clinic');
  });

  it('unless the coordinator recorded, with evidence, that the young person lacks capacity (flagged for the DPO)', async () => {
    const s = await youngPerson();
    expect(codes(await t.gql(s.coordinator, `mutation($c: ID!) { recordCapacity(childId: $c, lacksCapacity: true, evidenceNote: "x") { id } }`, { c: s.childId }))).toEqual(['BAD_USER_INPUT']);
    const recorded = await t.gql(s.coordinator, `mutation($c: ID!) { recordCapacity(childId: $c, lacksCapacity: true, evidenceNote: "MCA assessment by Dr Example, 2026-10-14") { id } }`, { c: s.childId });
    expect(recorded.errors).toBeUndefined();
    expect(JSON.stringify((await t.gql(s.parent, READ, { id: s.childId })).data)).toContain('clinic');
    const queue = await t.gql(dpoOf(s.areaCode), `{ flaggedRecords(pending: true) { kind childId evidenceNote } }`);
    expect(queue.data.flaggedRecords).toContainEqual({ kind: 'CAPACITY', childId: s.childId, evidenceNote: 'MCA assessment by Dr Example, 2026-10-14' });
  });

  it('refuses a YOUNG_PERSON link for a child under compulsory school age', async () => {
    const s = await childScenario(t, { dateOfBirth: '2016-05-05' });
    const r = await t.gql(s.coordinator, `mutation($c: ID!, $s: String!) { linkFamilyMember(childId: $c, subject: $s, relationship: YOUNG_PERSON) { id } }`, { c: s.childId, s: 'family:too-young' });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('consent recorded by a coordinator', () => {
  it('needs a document and its date, never names the council itself, and is flagged for the DPO', async () => {
    const s = await childScenario(t);
    const grant = (input: Record<string, unknown>) => t.gql(s.coordinator, `mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }`, { i: { childId: s.childId, categories: ['HEALTH'], ...input } });
    expect(codes(await grant({ granteeAgency: 'SOCIAL_CARE', evidenceNote: 'x' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await grant({ granteeAgency: 'SOCIAL_CARE', evidenceNote: 'the parent said yes on the phone' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await grant({ granteeOrg: s.coordinator.org, evidenceNote: 'Consent form SF-9 signed 2026-11-02' }))).toEqual(['FORBIDDEN']);
    expect(codes(await grant({ granteeAgency: 'EDUCATION', evidenceNote: 'Consent form SF-9 signed 2026-11-02' }))).toEqual(['FORBIDDEN']);
    const ok = await grant({ granteeAgency: 'SOCIAL_CARE', evidenceNote: 'Consent form SF-9 signed 2 November 2026' });
    expect(ok.errors).toBeUndefined();
    const events = await eventsOf(ok.requestId);
    expect(events.some((e) => e.action === 'GRANT_CONSENT' && e.flags.includes('PAPER_CONSENT'))).toBe(true);
    const queue = await t.gql(dpoOf(s.areaCode), `{ flaggedRecords(pending: true) { id kind childId } }`);
    expect(queue.data.flaggedRecords).toContainEqual({ id: ok.data.grantConsent.id, kind: 'PAPER_CONSENT', childId: s.childId });
    const reviewed = await t.gql(dpoOf(s.areaCode), `mutation($id: ID!) { reviewFlaggedRecord(kind: PAPER_CONSENT, id: $id, outcome: JUSTIFIED, note: "Form seen") { outcome } }`, { id: ok.data.grantConsent.id });
    expect(reviewed.data.reviewFlaggedRecord).toEqual({ outcome: 'JUSTIFIED' });
  });

  it("lifts the holder's refusal only with the same evidence", async () => {
    const s = await childScenario(t);
    const refusal = await t.gql(s.parent, `mutation($c: ID!) { refuseConsent(input: { childId: $c, categories: [HEALTH], granteeAgency: SOCIAL_CARE }) { id } }`, { c: s.childId });
    const id = refusal.data.refuseConsent.id;
    expect(codes(await t.gql(s.coordinator, `mutation($id: ID!) { withdrawConsent(id: $id) { id } }`, { id }))).toEqual(['BAD_USER_INPUT']);
    const lifted = await t.gql(s.coordinator, `mutation($id: ID!) { withdrawConsent(id: $id, evidenceNote: "Parent's letter ref L-77 dated 2026-11-20") { withdrawnAt } }`, { id });
    expect(lifted.data.withdrawConsent.withdrawnAt).not.toBeNull();
    expect((await eventsOf(lifted.requestId)).some((e) => e.action === 'WITHDRAW_CONSENT' && e.flags.includes('PAPER_CONSENT'))).toBe(true);
  });
});

describe('revocation', () => {
  it('removing an organisation ends its access and its break-glass grants from the next request', async () => {
    const s = await childScenario(t);
    await t.gql(s.health, `mutation($c: ID!) { breakGlass(childId: $c, reason: "Unconscious in A&E, need history") { id } }`, { c: s.childId });
    const removed = await t.gql(s.coordinator, `mutation($c: ID!, $o: String!) { removeCareTeamMember(childId: $c, org: $o) { careTeam { org } } }`, { c: s.childId, o: s.health.org });
    expect(removed.data.removeCareTeamMember.careTeam.map((m: any) => m.org)).not.toContain(s.health.org);
    expect(codes(await t.gql(s.health, READ, { id: s.childId }))).toEqual(['NOT_FOUND']);
    // Added back later, the organisation does not get its old emergency access back.
    await addToCareTeam(t, s.coordinator, s.childId, s.health);
    await write(s.social, s.childId, 'D', { entries: [{ key: 'concern', value: 's47 enquiry', category: 'SAFEGUARDING' }] });
    expect(JSON.stringify((await t.gql(s.health, READ, { id: s.childId })).data)).not.toContain('s47');
  });

  it('unlinking a family member ends their access', async () => {
    const s = await childScenario(t);
    expect(codes(await t.gql(s.coordinator, `mutation($c: ID!, $p: String!) { unlinkFamilyMember(childId: $c, subject: $p) { id } }`, { c: s.childId, p: s.parent.sub }))).toEqual([]);
    expect(codes(await t.gql(s.parent, READ, { id: s.childId }))).toEqual(['NOT_FOUND']);
  });
});

describe('subject access requests (UK GDPR Art. 15)', () => {
  const EXPORT = `query($c: ID!) { subjectAccessExport(childId: $c) }`;

  it('answers only an open request, due one month after receipt, one child per operation', async () => {
    const s = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    expect(codes(await t.gql(dpo, EXPORT, { c: s.childId }))).toEqual(['BAD_USER_INPUT']);
    // Art. 12(3): one month; from 31 January the month ends on the last day of February (hand-worked).
    const asked = await t.gql(s.parent, `mutation($c: ID!) { recordSubjectAccessRequest(childId: $c, receivedOn: "2026-01-31") { receivedOn dueOn requestedByRole } }`, { c: s.childId });
    expect(asked.data.recordSubjectAccessRequest).toEqual({ receivedOn: '2026-01-31', dueOn: '2026-02-28', requestedByRole: 'FAMILY' });
    const twice = await t.gql(dpo, `query($c: ID!) { a: subjectAccessExport(childId: $c) b: subjectAccessExport(childId: $c) }`, { c: s.childId });
    expect(codes(twice)).toContain('BAD_USER_INPUT');
    const answered = await t.gql(dpo, EXPORT, { c: s.childId });
    expect(answered.errors, JSON.stringify(answered.errors)).toBeUndefined();
    expect(JSON.parse(answered.data.subjectAccessExport).request).toMatchObject({ receivedOn: '2026-01-31', dueOn: '2026-02-28' });
    expect(codes(await t.gql(dpo, EXPORT, { c: s.childId }))).toEqual(['BAD_USER_INPUT']);
    // The export carries the child: an IDENTITY read that counts towards BULK.
    const events = await eventsOf(answered.requestId);
    expect(events.some((e) => e.action === 'READ' && e.categories.includes('IDENTITY'))).toBe(true);
  });

  it('leaves safeguarding content out unless the DPO decided, on the serious-harm test, to release it', async () => {
    const s = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    await write(s.social, s.childId, 'D', { entries: [{ key: 'short.breaks', value: 'two weekends' }, { key: 'concern', value: 's47 enquiry', category: 'SAFEGUARDING' }] });
    const ask = () => t.gql(dpo, `mutation($c: ID!) { recordSubjectAccessRequest(childId: $c, receivedOn: "${today}") { id } }`, { c: s.childId });
    await ask();
    const withheld = await t.gql(dpo, EXPORT, { c: s.childId });
    expect(withheld.data.subjectAccessExport).not.toContain('s47');
    expect(withheld.data.subjectAccessExport).toContain('two weekends');
    const second = await ask();
    const review = await t.gql(dpo, `mutation($id: ID!) { recordSafeguardingExemptionReview(requestId: $id, decision: RELEASE, note: "No risk of serious harm") { safeguardingDecision } }`, { id: second.data.recordSubjectAccessRequest.id });
    expect(review.data.recordSafeguardingExemptionReview.safeguardingDecision).toBe('RELEASE');
    expect((await t.gql(dpo, EXPORT, { c: s.childId })).data.subjectAccessExport).toContain('s47');
  });
});

describe('input edges', () => {
  it('refuses dates outside 1900–2100, a break-glass reason without words, a clock exception to 9999', async () => {
    const s = await childScenario(t);
    const commissioner = { sub: 'commissioner:x', org: 'ICB-X', agency: null, role: 'COMMISSIONER', areas: [s.areaCode] } as Actor;
    expect(codes(await t.gql(commissioner, `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [AGE_BAND], asOf: "0001-01-01") { total } }`, { a: s.areaCode }))).toEqual(['BAD_USER_INPUT']);
    for (const reason of ['.', '\u200b', 'help!!!!!!!!']) {
      expect(codes(await t.gql(s.health, `mutation($c: ID!, $r: String!) { breakGlass(childId: $c, reason: $r) { id } }`, { c: s.childId, r: reason })), JSON.stringify(reason)).toEqual(['BAD_USER_INPUT']);
    }
    await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: s.childId, d: addDays(today, -10) });
    expect(codes(await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { recordClockException(childId: $c, reason: FAMILY_ABSENT_FROM_AREA, fromOn: $d, toOn: "9999-12-31", evidenceNote: "Family notice of travel (synthetic)") { status } }`, { c: s.childId, d: addDays(today, -9) }))).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts a family token from a citizen identity provider, without org or agency', async () => {
    const s = await childScenario(t);
    const citizen = { sub: s.parent.sub, role: 'FAMILY' };
    const { SignJWT } = await import('jose');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT(citizen).setProtectedHeader({ alg: 'HS256' }).setSubject(s.parent.sub).setIssuer(t.config.auth.issuer)
      .setAudience(t.config.auth.audience).setIssuedAt(now).setExpirationTime(now + 600).sign(new TextEncoder().encode(t.config.auth.hs256Secret!));
    const r = await t.gql(token, `query($id: ID!) { me { role org } child(id: $id) { id } }`, { id: s.childId });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ me: { role: 'FAMILY', org: 'FAMILY' }, child: { id: s.childId } });
  });

  it('says development mode on /health when the public development secret is in use', async () => {
    const dev = await startTestHub({ AUTH_HS256_SECRET: undefined });
    try {
      const res = await fetch(dev.url.replace('/graphql', '/health'));
      expect(await res.json()).toEqual({ status: 'ok', mode: 'development' });
    } finally {
      await dev.close();
    }
    const res = await fetch(t.url.replace('/graphql', '/health'));
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

