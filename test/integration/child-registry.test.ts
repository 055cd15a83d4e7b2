import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCareTeam, childScenario, commissionerOf, schoolOf, coordinatorOf, familyMember, newAreaCode, newNhsNumber, practitioner, REGISTER, registerChild, spacedNhsNumber,
} from '../support/factories.js';
import { codes, startTestHub, TEST_SECRET, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const CHILD = `query($id: ID!) { child(id: $id) { id givenName familyName dateOfBirth nhsNumber upn areaCode } }`;
const LIST = `query($first: Int, $after: String) { children(first: $first, after: $after) { edges { cursor node { id givenName } } pageInfo { hasNextPage endCursor } } }`;

describe('health and authentication', () => {
  it('answers /health without a token', async () => {
    const res = await fetch(t.url.replace('/graphql', '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses missing, malformed, wrongly signed and expired tokens with one uniform 401', async () => {
    const actor = coordinatorOf(newAreaCode());
    const wrongSecret = await new SignJWT({ org: 'X', role: 'DPO', areas: [] })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer('ehc-hub-dev').setAudience('ehc-hub').setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-to-sign'));
    const noExp = await new SignJWT({ org: 'X', role: 'DPO', areas: [] })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer('ehc-hub-dev').setAudience('ehc-hub')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const expired = await t.token(actor, -120);
    const bodies = new Set<string>();
    for (const bearer of [null, 'not-a-token', wrongSecret, noExp, expired]) {
      const res = await t.post(JSON.stringify({ query: '{ me { sub } }' }), bearer ? { authorization: `Bearer ${bearer}` } : {});
      expect(res.status).toBe(401);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
  });

  it('refuses claims of the wrong shape (practitioner without agency)', async () => {
    const token = await new SignJWT({ org: 'RQM', role: 'PRACTITIONER', areas: [] })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer('ehc-hub-dev').setAudience('ehc-hub').setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const res = await t.post(JSON.stringify({ query: '{ me { sub } }' }), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('returns the verified actor from me', async () => {
    const actor = coordinatorOf(newAreaCode());
    const result = await t.gql(actor, '{ me { sub org agency role areas } }');
    expect(result.data.me).toEqual({ sub: actor.sub, org: actor.org, agency: 'EDUCATION', role: 'CASE_COORDINATOR', areas: actor.areas });
  });

  it('refuses a body over 1 MB with 413 before parsing', async () => {
    const token = await t.token(coordinatorOf(newAreaCode()));
    const res = await t.post(JSON.stringify({ query: `{ me { sub } } # ${'x'.repeat(1024 * 1024)}` }), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(413);
  });
});

describe('registerChild', () => {
  it('registers a child for the coordinator of the area and normalises identifiers', async () => {
    const coordinator = coordinatorOf(newAreaCode());
    const nhsNumber = newNhsNumber();
    // Written as people write it (944 930 5552), stored as the ten digits.
    const result = await t.gql(coordinator, REGISTER, {
      input: { givenName: ' Ada ', familyName: 'Lovelace', dateOfBirth: '2014-12-10', areaCode: coordinator.areas[0], nhsNumber: ` ${spacedNhsNumber(nhsNumber)} `, upn: 'B801200005001', postcode: 'sw1a1aa' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerChild).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', nhsNumber, upn: 'B801200005001' });
  });

  const bad: [string, Record<string, unknown>][] = [
    ['nhsNumber', { nhsNumber: '9449305553' }],
    ['upn', { upn: 'B801200005002' }],
    ['dateOfBirth', { dateOfBirth: '2999-01-01' }],
    ['dateOfBirth', { dateOfBirth: '1990-01-01' }],
    ['postcode', { postcode: 'NOT A POSTCODE' }],
    ['givenName', { givenName: 'x'.repeat(101) }],
    ['familyName', { familyName: '   ' }],
  ];
  it.each(bad)('refuses a bad %s with BAD_USER_INPUT naming the field, writing nothing', async (field, change) => {
    const coordinator = coordinatorOf(newAreaCode());
    const result = await t.gql(coordinator, REGISTER, {
      input: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: coordinator.areas[0], ...change },
    });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain(field);
    const list = await t.gql(coordinator, LIST, { first: 10 });
    expect(list.data.children.edges).toHaveLength(0);
  });

  it('refuses a malformed area code and an unknown enum value as BAD_USER_INPUT', async () => {
    const coordinator = coordinatorOf(newAreaCode());
    const badArea = await t.gql({ ...coordinator, areas: [...coordinator.areas] }, REGISTER, {
      input: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: 'X123' },
    });
    expect(codes(badArea)).toEqual(['FORBIDDEN']); // not one of the caller's areas: the shield refuses first
    const badEnum = await t.gql(coordinator, `mutation { addCareTeamMember(childId: "x", org: "RQM", agency: POLICE) { id } }`);
    expect(codes(badEnum)).toEqual(['BAD_USER_INPUT']);
    const badDate = await t.gql(coordinator, REGISTER, {
      input: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-02-30', areaCode: coordinator.areas[0] },
    });
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
  });

  it('forbids registering outside one\'s own areas and for other roles', async () => {
    const coordinator = coordinatorOf(newAreaCode());
    const input = { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: newAreaCode() };
    expect(codes(await t.gql(coordinator, REGISTER, { input }))).toEqual(['FORBIDDEN']);
    const health = { ...practitioner('HEALTH'), areas: [input.areaCode] };
    expect(codes(await t.gql(health, REGISTER, { input }))).toEqual(['FORBIDDEN']);
  });
});

describe('a school registering a pupil it supports (SEN support, CFA 2014 ss.66 and 68)', () => {
  const TEAM = `query($id: ID!) { child(id: $id) { areaCode careTeam { org agency } } }`;

  it('registers in the area its token names, through the same validation, and becomes the care team as EDUCATION', async () => {
    const areaCode = newAreaCode();
    const school = schoolOf(areaCode);
    const nhsNumber = newNhsNumber();
    const result = await t.gql(school, REGISTER, { input: { givenName: ' Grace ', familyName: 'Hopper', dateOfBirth: '2016-12-09', areaCode, nhsNumber: spacedNhsNumber(nhsNumber), sex: 'F' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerChild).toMatchObject({ givenName: 'Grace', nhsNumber, areaCode });
    const id = result.data.registerChild.id;
    expect((await t.gql(school, TEAM, { id })).data.child).toEqual({ areaCode, careTeam: [{ org: school.org, agency: 'EDUCATION' }] });
    // The area's coordinator sees the child by its area and builds the rest of the team.
    const coordinator = coordinatorOf(areaCode);
    expect((await t.gql(coordinator, TEAM, { id })).data.child.careTeam).toEqual([{ org: school.org, agency: 'EDUCATION' }]);
    // One NHS number is one person: the council registering the same pupil is refused, not duplicated.
    expect(codes(await t.gql(coordinator, REGISTER, { input: { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '2016-12-09', areaCode, nhsNumber } }))).toEqual(['CONFLICT']);
    // Another school in the same area has no relationship with the pupil.
    expect(codes(await t.gql(schoolOf(areaCode), TEAM, { id }))).toEqual(['NOT_FOUND']);
  });

  it('refuses bad input as BAD_USER_INPUT like the council, writing nothing', async () => {
    const school = schoolOf(newAreaCode());
    const result = await t.gql(school, REGISTER, { input: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: school.areas[0], upn: 'B801200005002' } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect((await t.gql(school, LIST, { first: 10 })).data.children.edges).toHaveLength(0);
  });

  it('forbids a school outside the area, one whose token names no area, and practitioners of other agencies', async () => {
    const areaCode = newAreaCode();
    const input = { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', areaCode };
    for (const actor of [schoolOf(newAreaCode()), practitioner('EDUCATION'), { ...practitioner('HEALTH'), areas: [areaCode] }, { ...practitioner('SOCIAL_CARE'), areas: [areaCode] }]) {
      expect(codes(await t.gql(actor, REGISTER, { input }))).toEqual(['FORBIDDEN']);
    }
    expect((await t.gql(coordinatorOf(areaCode), LIST, { first: 10 })).data.children.edges).toHaveLength(0);
  });
});

describe('sex and ethnicity (the DfE codes the SEN2 return carries)', () => {
  const DETAILS = `query($id: ID!) { child(id: $id) { sex ethnicity } }`;
  const UPDATE = `mutation($input: ChildDetailsInput!) { updateChildDetails(input: $input) { sex ethnicity } }`;

  it('takes them at registration and shows them to the care team and family like the name', async () => {
    const s = await childScenario(t, { sex: 'F', ethnicity: 'BAFR' });
    for (const actor of [s.coordinator, s.health, s.parent]) {
      expect((await t.gql(actor, DETAILS, { id: s.childId })).data.child).toEqual({ sex: 'F', ethnicity: 'BAFR' });
    }
  });

  it('lets the coordinator record them later: a field left out is kept, null clears it', async () => {
    const s = await childScenario(t);
    expect((await t.gql(s.coordinator, DETAILS, { id: s.childId })).data.child).toEqual({ sex: null, ethnicity: null });
    const set = await t.gql(s.coordinator, UPDATE, { input: { childId: s.childId, sex: 'M', ethnicity: 'NOBT' } });
    expect(set.errors).toBeUndefined();
    expect(set.data.updateChildDetails).toEqual({ sex: 'M', ethnicity: 'NOBT' });
    const kept = await t.gql(s.coordinator, UPDATE, { input: { childId: s.childId, ethnicity: 'APKN' } });
    expect(kept.data.updateChildDetails).toEqual({ sex: 'M', ethnicity: 'APKN' });
    const cleared = await t.gql(s.coordinator, UPDATE, { input: { childId: s.childId, sex: null } });
    expect(cleared.data.updateChildDetails).toEqual({ sex: null, ethnicity: 'APKN' });
  });

  it('refuses a code outside the DfE sets, an empty update and anyone but the coordinator, writing nothing', async () => {
    const s = await childScenario(t, { sex: 'U', ethnicity: 'REFU' });
    expect(codes(await t.gql(s.coordinator, UPDATE, { input: { childId: s.childId, ethnicity: 'BRITISH' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(s.coordinator, UPDATE, { input: { childId: s.childId, sex: 'X' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(s.coordinator, UPDATE, { input: { childId: s.childId } }))).toEqual(['BAD_USER_INPUT']);
    const badAtRegistration = await t.gql(s.coordinator, REGISTER, { input: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: s.areaCode, sex: 'Q' } });
    expect(codes(badAtRegistration)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(s.health, UPDATE, { input: { childId: s.childId, sex: 'F' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(coordinatorOf(newAreaCode()), UPDATE, { input: { childId: s.childId, sex: 'F' } }))).toEqual(['NOT_FOUND']);
    expect((await t.gql(s.coordinator, DETAILS, { id: s.childId })).data.child).toEqual({ sex: 'U', ethnicity: 'REFU' });
  });
});

describe('who may see a child', () => {
  it('shows the child to its care team, its area coordinator and linked family only', async () => {
    const s = await childScenario(t, { nhsNumber: newNhsNumber() });
    for (const actor of [s.coordinator, s.health, s.social, s.parent]) {
      const result = await t.gql(actor, CHILD, { id: s.childId });
      expect(result.errors).toBeUndefined();
      expect(result.data.child.id).toBe(s.childId);
    }
    const outsiders = [coordinatorOf(newAreaCode()), practitioner('HEALTH'), familyMember()];
    for (const actor of outsiders) {
      const result = await t.gql(actor, CHILD, { id: s.childId });
      expect(codes(result)).toEqual(['NOT_FOUND']);
      expect(result.data?.child ?? null).toBeNull();
      const list = await t.gql(actor, LIST, { first: 100 });
      expect(list.data.children.edges.map((e: any) => e.node.id)).not.toContain(s.childId);
    }
  });

  it('answers NOT_FOUND the same way for a missing child and for another area\'s child', async () => {
    const s = await childScenario(t);
    const other = coordinatorOf(newAreaCode());
    const hidden = await t.gql(other, CHILD, { id: s.childId });
    const missing = await t.gql(other, CHILD, { id: '00000000-0000-4000-8000-000000000000' });
    const garbage = await t.gql(other, CHILD, { id: 'not-a-uuid' });
    expect(hidden.errors![0]!.message).toBe(missing.errors![0]!.message);
    expect(codes(hidden)).toEqual(codes(missing));
    expect(codes(garbage)).toEqual(['NOT_FOUND']);
  });

  it('never shows individual children to commissioners', async () => {
    const s = await childScenario(t);
    const commissioner = commissionerOf(s.areaCode);
    expect(codes(await t.gql(commissioner, CHILD, { id: s.childId }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(commissioner, LIST, { first: 5 }))).toEqual(['FORBIDDEN']);
  });

  it('manages the care team and family links only as the area coordinator', async () => {
    const s = await childScenario(t);
    const other = coordinatorOf(newAreaCode());
    const byOther = await t.gql(other, `mutation($c: ID!) { addCareTeamMember(childId: $c, org: "RX1", agency: HEALTH) { id } }`, { c: s.childId });
    expect(codes(byOther)).toEqual(['NOT_FOUND']);
    const byPractitioner = await t.gql(s.health, `mutation($c: ID!) { linkFamilyMember(childId: $c, subject: "x", relationship: PARENT) { id } }`, { c: s.childId });
    expect(codes(byPractitioner)).toEqual(['FORBIDDEN']);
    const team = await t.gql(s.coordinator, `query($id: ID!) { child(id: $id) { careTeam { org agency } familyMembers { subject relationship } } }`, { id: s.childId });
    expect(team.data.child.careTeam).toHaveLength(3);
    expect(team.data.child.familyMembers).toEqual([{ subject: s.parent.sub, relationship: 'PARENT' }]);
  });
});

describe('children connection', () => {
  it('pages through visible children with cursors and caps first at 100', async () => {
    const coordinator = coordinatorOf(newAreaCode());
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(await registerChild(t, coordinator));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(coordinator, LIST, { first: 2, after });
      seen.push(...page.data.children.edges.map((e: any) => e.node.id));
      if (!page.data.children.pageInfo.hasNextPage) break;
      after = page.data.children.pageInfo.endCursor;
    }
    expect(new Set(seen)).toEqual(ids);
    expect(codes(await t.gql(coordinator, LIST, { first: 100 }))).toEqual([]);
    expect(codes(await t.gql(coordinator, LIST, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(coordinator, LIST, { first: 1, after: 'bogus!' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lists a practitioner only the children whose care team includes their organisation', async () => {
    const coordinator = coordinatorOf(newAreaCode());
    const health = practitioner('HEALTH');
    const mine = await registerChild(t, coordinator);
    await registerChild(t, coordinator);
    await addToCareTeam(t, coordinator, mine, health);
    const list = await t.gql(health, LIST, { first: 100 });
    expect(list.data.children.edges.map((e: any) => e.node.id)).toEqual([mine]);
  });
});
