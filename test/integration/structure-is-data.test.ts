/**
 * Structure is data: keys, categories, authorship and history pass the same decision as values.
 * A reader never sees the key of an entry it may not read; what no consent could release to it
 * leaves no trace, not even a count; what a consent could release is counted by section and category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCareTeam, childScenario, dpoOf, practitioner } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { version } }`;
const READ = `query($id: ID!) { child(id: $id) {
  sections { code version authorOrg updatedAt entries { key category value } withheld { category count } history { version authorOrg authorSub } }
  withheld { section category count }
  section(code: D) { code entries { key } }
} }`;

async function scenario() {
  const s = await childScenario(t);
  const school = practitioner('EDUCATION');
  await addToCareTeam(t, s.coordinator, s.childId, school);
  const write = async (actor: any, code: string, entries: unknown[]) => {
    const r = await t.gql(actor, CONTRIBUTE, { input: { childId: s.childId, code, entries } });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  };
  await write(s.health, 'C', [{ key: 'diagnosis', value: 'autism' }, { key: 'hiv.status', value: 'positive', category: 'HEALTH_SENSITIVE' }]);
  await write(s.social, 'D', [{ key: 'short.breaks', value: 'two weekends a month' }, { key: 'concern.suspected-neglect-by-father', value: 'section 47 enquiry', category: 'SAFEGUARDING' }]);
  return { ...s, school };
}

describe('structure is data', () => {
  it('a family never sees a safeguarding entry: no key, no category, no count, no social worker', async () => {
    const s = await scenario();
    const result = await t.gql(s.parent, READ, { id: s.childId });
    expect(result.errors).toBeUndefined();
    const body = JSON.stringify(result.data);
    expect(body).not.toContain('concern');
    expect(body).not.toContain('SAFEGUARDING');
    expect(body).not.toContain('section 47');
    expect(body).not.toContain(s.social.sub);
    const d = result.data.child.sections.find((x: any) => x.code === 'D');
    expect(d.entries.map((e: any) => e.key)).toEqual(['short.breaks']);
    expect(d.withheld).toEqual([]);
    expect(d.history).toEqual([{ version: 1, authorOrg: s.social.org, authorSub: s.social.org }]);
    expect(result.data.child.withheld).toEqual([]);
  });

  it('a DPO sees identity only: no section, no key, no count', async () => {
    const s = await scenario();
    const result = await t.gql(dpoOf(s.areaCode), READ, { id: s.childId });
    expect(result.errors).toBeUndefined();
    expect(result.data.child).toEqual({ sections: [], withheld: [], section: null });
    const body = JSON.stringify(result.data);
    for (const word of ['hiv', 'concern', 'diagnosis', 'HEALTH', 'SAFEGUARDING']) expect(body).not.toContain(word);
  });

  it('a school sees that health entries exist and can be asked for, never their keys', async () => {
    const s = await scenario();
    const result = await t.gql(s.school, READ, { id: s.childId });
    const body = JSON.stringify(result.data);
    expect(body).not.toContain('hiv');
    expect(body).not.toContain('diagnosis');
    expect(body).not.toContain('concern');
    expect(result.data.child.sections.map((x: any) => x.code)).not.toContain('C');
    expect(result.data.child.withheld).toEqual(expect.arrayContaining([
      { section: 'C', category: 'HEALTH', count: 1 },
      { section: 'C', category: 'HEALTH_SENSITIVE', count: 1 },
      { section: 'D', category: 'SOCIAL_CARE', count: 1 },
    ]));
    expect(result.data.child.withheld.some((w: any) => w.category === 'SAFEGUARDING')).toBe(false);
    // Asked for by name, section D is CONSENT_REQUIRED at its path (a consent could release it).
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['child.section', 'CONSENT_REQUIRED']]);
  });

  it('with consent for HEALTH the school reads section C but still only counts the HEALTH_SENSITIVE entry', async () => {
    const s = await scenario();
    const grant = await t.gql(s.parent, `mutation($c: ID!, $o: String!) { grantConsent(input: { childId: $c, categories: [HEALTH], granteeOrg: $o }) { id } }`, { c: s.childId, o: s.school.org });
    expect(grant.errors).toBeUndefined();
    const result = await t.gql(s.school, `query($id: ID!) { child(id: $id) { section(code: C) { entries { key value } withheld { category count } } } }`, { id: s.childId });
    expect(result.data.child.section).toEqual({ entries: [{ key: 'diagnosis', value: 'autism' }], withheld: [{ category: 'HEALTH_SENSITIVE', count: 1 }] });
    expect(JSON.stringify(result.data)).not.toContain('hiv');
  });

  it('a section no consent could release is simply absent when asked for by name', async () => {
    const s = await scenario();
    const result = await t.gql(dpoOf(s.areaCode), `query($id: ID!) { child(id: $id) { section(code: C) { code } } }`, { id: s.childId });
    expect(result.errors).toBeUndefined();
    expect(result.data.child.section).toBeNull();
  });

  it('the owning social care organisation reads its own safeguarding entry', async () => {
    const s = await scenario();
    const result = await t.gql(s.social, `query($id: ID!) { child(id: $id) { section(code: D) { entries { key category } } } }`, { id: s.childId });
    expect(result.data.child.section.entries).toEqual([
      { key: 'short.breaks', category: 'SOCIAL_CARE' },
      { key: 'concern.suspected-neglect-by-father', category: 'SAFEGUARDING' },
    ]);
  });

  it('staff identifiers never reach a family in consents either', async () => {
    const s = await scenario();
    const paper = await t.gql(s.coordinator, `mutation($c: ID!) { grantConsent(input: { childId: $c, categories: [HEALTH], granteeAgency: SOCIAL_CARE, evidenceNote: "Signed form 2026-11-02" }) { grantedBySub } }`, { c: s.childId });
    expect(paper.data.grantConsent.grantedBySub).toBe(s.coordinator.sub);
    const seen = await t.gql(s.parent, `query($id: ID!) { child(id: $id) { consents { grantedBySub } } }`, { id: s.childId });
    expect(seen.data.child.consents).toEqual([{ grantedBySub: s.coordinator.org }]);
    expect(JSON.stringify(seen.data)).not.toContain(s.coordinator.sub);
    expect(codes(seen)).toEqual([]);
  });
});
