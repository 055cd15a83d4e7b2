import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScenario, dpoOf, linkFamily, familyMember } from '../support/factories.js';
import { codes, startTestHub, type GqlResult, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ BREAK_GLASS_HOURS: '4' });
});
afterAll(() => t?.close());

const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { version } }`;
const READ = `query($id: ID!) { child(id: $id) { givenName sections { code entries { key category value } } withheld { section category count } } }`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id active givenBy } }`;
const REFUSE = `mutation($input: GrantConsentInput!) { refuseConsent(input: $input) { id } }`;

/** A child with a health section (HEALTH + HEALTH_SENSITIVE) and a social care section (SOCIAL_CARE + SAFEGUARDING). */
async function recordScenario(input = {}) {
  const s = await childScenario(t, input);
  const write = async (actor: any, code: string, entries: unknown[], needs?: unknown[]) => {
    const r = await t.gql(actor, CONTRIBUTE, { input: { childId: s.childId, code, entries, ...(needs ? { needs } : {}) } });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  };
  await write(s.health, 'C', [{ key: 'diagnosis', value: 'autism, diagnosed 2021' }, { key: 'mental_health', value: 'CAMHS referral', category: 'HEALTH_SENSITIVE' }]);
  await write(s.social, 'D', [{ key: 'needs', value: 'short breaks' }, { key: 'concern', value: 'child protection plan', category: 'SAFEGUARDING' }]);
  // Section B records the primary need (rank 1) beside its entries (SEND Regulations 2014 reg 12(1)(b)).
  await write(s.coordinator, 'B', [{ key: 'summary', value: 'communication needs' }], [{ type: 'SLCN', rank: 1 }]);
  return s;
}

/** The entries recordScenario writes, with their categories. */
const WRITTEN: Record<string, string> = { 'C.diagnosis': 'HEALTH', 'C.mental_health': 'HEALTH_SENSITIVE', 'D.needs': 'SOCIAL_CARE', 'D.concern': 'SAFEGUARDING' };

/**
 * What the reader got of each entry written: RELEASED (listed, with its value), CONSENT_REQUIRED (not
 * listed, but counted as withheld for its section and category: a consent could release it) or
 * FORBIDDEN (no trace at all). Structure is data: a withheld entry never shows its key.
 */
function outcome(result: GqlResult, prefix = 'child'): Record<string, string> {
  const out: Record<string, string> = {};
  const child = result.data?.[prefix];
  const body = JSON.stringify(result.data ?? {});
  for (const [name, category] of Object.entries(WRITTEN)) {
    const [code, key] = name.split('.');
    const entry = child?.sections?.find((x: any) => x.code === code)?.entries.find((e: any) => e.key === key);
    if (entry) {
      expect(entry.value, name).not.toBeNull();
      out[name] = 'RELEASED';
      continue;
    }
    expect(body, `${name} is withheld, so its key never shows`).not.toContain(`"${key}"`);
    const counted = child?.withheld?.some((w: any) => w.section === code && w.category === category && w.count > 0);
    out[name] = counted ? 'CONSENT_REQUIRED' : 'FORBIDDEN';
  }
  return out;
}

describe('each basis through GraphQL (docs/access-rules.md)', () => {
  it('owner, statutory, family, and withheld with the right code', async () => {
    const s = await recordScenario();
    expect(outcome(await t.gql(s.health, READ, { id: s.childId }))).toEqual({
      'C.diagnosis': 'RELEASED', 'C.mental_health': 'RELEASED', 'D.needs': 'CONSENT_REQUIRED', 'D.concern': 'FORBIDDEN',
    });
    expect(outcome(await t.gql(s.social, READ, { id: s.childId }))).toEqual({
      'C.diagnosis': 'CONSENT_REQUIRED', 'C.mental_health': 'CONSENT_REQUIRED', 'D.needs': 'RELEASED', 'D.concern': 'RELEASED',
    });
    expect(outcome(await t.gql(s.coordinator, READ, { id: s.childId }))).toEqual({
      'C.diagnosis': 'RELEASED', 'C.mental_health': 'CONSENT_REQUIRED', 'D.needs': 'RELEASED', 'D.concern': 'FORBIDDEN',
    });
    expect(outcome(await t.gql(s.parent, READ, { id: s.childId }))).toEqual({
      'C.diagnosis': 'RELEASED', 'C.mental_health': 'RELEASED', 'D.needs': 'RELEASED', 'D.concern': 'FORBIDDEN',
    });
    const dpo = await t.gql(dpoOf(s.areaCode), READ, { id: s.childId });
    expect(dpo.data.child.givenName).toBe('Test');
    // The DPO sees who the child is, and no entry of any section (an empty outcome would prove nothing).
    expect(outcome(dpo)).toEqual({ 'C.diagnosis': 'FORBIDDEN', 'C.mental_health': 'FORBIDDEN', 'D.needs': 'FORBIDDEN', 'D.concern': 'FORBIDDEN' });
    expect(dpo.data.child.sections.flatMap((x: any) => x.entries)).toEqual([]);
  });

  it('consent releases HEALTH to another agency, withdrawal takes effect on the next request', async () => {
    const s = await recordScenario();
    const grant = await t.gql(s.parent, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' } });
    expect(grant.data.grantConsent).toMatchObject({ active: true, givenBy: 'PARENT' });
    const withConsent = outcome(await t.gql(s.social, READ, { id: s.childId }));
    expect(withConsent['C.diagnosis']).toBe('RELEASED');
    expect(withConsent['C.mental_health']).toBe('CONSENT_REQUIRED'); // HEALTH does not cover HEALTH_SENSITIVE
    const withdrawn = await t.gql(s.parent, `mutation($id: ID!) { withdrawConsent(id: $id) { active withdrawnAt } }`, { id: grant.data.grantConsent.id });
    expect(withdrawn.data.withdrawConsent.active).toBe(false);
    expect(outcome(await t.gql(s.social, READ, { id: s.childId }))['C.diagnosis']).toBe('CONSENT_REQUIRED');
  });

  it('an explicit refusal beats a grant', async () => {
    const s = await recordScenario();
    await t.gql(s.parent, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' } });
    await t.gql(s.parent, REFUSE, { input: { childId: s.childId, categories: ['HEALTH'], granteeOrg: s.social.org } });
    expect(outcome(await t.gql(s.social, READ, { id: s.childId }))['C.diagnosis']).toBe('CONSENT_REQUIRED');
  });

  it('never releases safeguarding by consent or to the family; break-glass releases everything and expires', async () => {
    const s = await recordScenario();
    const bad = await t.gql(s.parent, GRANT, { input: { childId: s.childId, categories: ['SAFEGUARDING'], granteeAgency: 'HEALTH' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(s.health, `mutation($c: ID!) { breakGlass(childId: $c, reason: "   ") { id } }`, { c: s.childId }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(s.coordinator, `mutation($c: ID!) { breakGlass(childId: $c, reason: "x") { id } }`, { c: s.childId }))).toEqual(['FORBIDDEN']);
    const glass = await t.gql(s.health, `mutation($c: ID!) { breakGlass(childId: $c, reason: "Unconscious in A&E, need safeguarding history") { id expiresAt } }`, { c: s.childId });
    const hours = (new Date(glass.data.breakGlass.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
    expect(outcome(await t.gql(s.health, READ, { id: s.childId }))).toEqual({
      'C.diagnosis': 'RELEASED', 'C.mental_health': 'RELEASED', 'D.needs': 'RELEASED', 'D.concern': 'RELEASED',
    });
    // Another practitioner of the same organisation has no grant of their own.
    expect(outcome(await t.gql({ ...s.health, sub: 'practitioner:colleague' }, READ, { id: s.childId }))['D.concern']).toBe('FORBIDDEN');
  });

  it('the coordinator may record a paper consent only with an evidence note, and never for its own organisation', async () => {
    const s = await recordScenario();
    const noNote = await t.gql(s.coordinator, GRANT, { input: { childId: s.childId, categories: ['HEALTH_SENSITIVE'], granteeAgency: 'SOCIAL_CARE' } });
    expect(codes(noNote)).toEqual(['BAD_USER_INPUT']);
    // The council cannot consent on its own behalf (this used to succeed, and let the coordinator read it).
    const ownOrg = await t.gql(s.coordinator, GRANT, { input: { childId: s.childId, categories: ['HEALTH_SENSITIVE'], granteeOrg: s.coordinator.org, evidenceNote: 'Signed form scanned 2026-11-02' } });
    expect(codes(ownOrg)).toEqual(['FORBIDDEN']);
    expect(outcome(await t.gql(s.coordinator, READ, { id: s.childId }))['C.mental_health']).toBe('CONSENT_REQUIRED');
    const paper = await t.gql(s.coordinator, GRANT, { input: { childId: s.childId, categories: ['HEALTH_SENSITIVE'], granteeAgency: 'SOCIAL_CARE', evidenceNote: 'Signed form scanned 2026-11-02' } });
    expect(paper.data.grantConsent.active).toBe(true);
    expect(outcome(await t.gql(s.social, READ, { id: s.childId }))['C.mental_health']).toBe('RELEASED');
    expect(codes(await t.gql(s.health, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'EDUCATION' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('parent-to-young-person handover (CFA 2014 s.80)', () => {
  it('after compulsory school age only the young person grants', async () => {
    const s = await recordScenario({ dateOfBirth: '2008-10-01' }); // left compulsory school age on 2025-06-27
    const young = familyMember();
    await linkFamily(t, s.coordinator, s.childId, young, 'YOUNG_PERSON');
    const byParent = await t.gql(s.parent, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' } });
    expect(codes(byParent)).toEqual(['FORBIDDEN']);
    const byYoungPerson = await t.gql(young, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' } });
    expect(byYoungPerson.data.grantConsent).toMatchObject({ active: true, givenBy: 'YOUNG_PERSON' });
    expect(outcome(await t.gql(s.social, READ, { id: s.childId }))['C.diagnosis']).toBe('RELEASED');
  });

  it('before it, the young person cannot grant for themselves: they are not linked as one at all', async () => {
    const s = await recordScenario({ dateOfBirth: '2014-01-01' });
    const young = familyMember();
    await expect(linkFamily(t, s.coordinator, s.childId, young, 'YOUNG_PERSON')).rejects.toThrow(/compulsory school age/);
    expect(codes(await t.gql(young, GRANT, { input: { childId: s.childId, categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' } }))).toEqual(['NOT_FOUND']);
  });
});

describe('no path skips the decision (aliases, fragments, lists)', () => {
  it('withholds under aliases and fragments exactly as directly', async () => {
    const s = await recordScenario();
    const query = `
      fragment E on Section { code entries { key value } }
      query($id: ID!) {
        a: child(id: $id) { sections { ...E } }
        b: child(id: $id) { health: section(code: C) { ...E } again: section(code: C) { entries { v: value } } }
      }`;
    const result = await t.gql(s.social, query, { id: s.childId });
    const values = JSON.stringify(result.data);
    expect(values).not.toContain('autism');
    expect(values).not.toContain('CAMHS');
    expect(values).not.toContain('diagnosis');
    // The list leaves section C out; asking for it by name, under either alias, is CONSENT_REQUIRED at that path.
    expect(result.data.a.sections.map((x: any) => x.code)).not.toContain('C');
    expect(result.errors!.filter((e) => e.extensions?.code === 'CONSENT_REQUIRED').map((e) => e.path!.join('.')).sort()).toEqual(['b.again', 'b.health']);
  });

  it('withholds inside children lists and leaves out children without a relationship', async () => {
    const s = await recordScenario();
    const other = await recordScenario();
    const result = await t.gql(s.social, `{ children(first: 100) { edges { node { id sections { code entries { value } } } } } }`);
    const ids = result.data.children.edges.map((e: any) => e.node.id);
    expect(ids).toContain(s.childId);
    expect(ids).not.toContain(other.childId);
    expect(JSON.stringify(result.data)).not.toContain('autism');
  });
});
