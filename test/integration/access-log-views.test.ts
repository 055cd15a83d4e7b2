/**
 * Views of the access log: every event carries its area and a DPO sees only their areas' events
 * (child-less ones included); a family sees their own child's events in plain terms — no safeguarding
 * activity, organisations instead of staff identifiers, organisation names from the register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScenario, commissionerOf, dpoOf } from '../support/factories.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const LOG = `query($f: AccessLogFilter) { accessLog(filter: $f, first: 100) { edges { node {
  actorSub actorOrg actorOrgName actorRole childId areaCode action basis categories sections flags operationName } } } }`;
const nodes = (r: any) => r.data.accessLog.edges.map((e: any) => e.node);

describe('a DPO sees their areas only', () => {
  it('including child-less aggregate events of their area, never another area\'s', async () => {
    const mine = await childScenario(t);
    const theirs = await childScenario(t);
    await t.gql(commissionerOf(mine.areaCode), `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED]) { total } }`, { a: mine.areaCode });
    const other = commissionerOf(theirs.areaCode);
    await t.gql(other, `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED]) { total } }`, { a: theirs.areaCode });
    const events = nodes(await t.gql(dpoOf(mine.areaCode), LOG, {}));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: any) => e.areaCode === mine.areaCode)).toBe(true);
    expect(events.some((e: any) => e.childId === null && e.flags.includes('AGGREGATE:areaNeeds'))).toBe(true);
    expect(events.some((e: any) => e.actorSub === other.sub)).toBe(false);
    expect(events.some((e: any) => e.childId === theirs.childId)).toBe(false);
  });
});

describe("a family's view", () => {
  it('leaves out safeguarding activity and staff identifiers, and names organisations', async () => {
    const s = await childScenario(t);
    await t.gql(s.coordinator, `mutation($c: ID!) { addCareTeamMember(childId: $c, org: "${s.social.org}", agency: SOCIAL_CARE, orgName: "Example Children's Services") { id } }`, { c: s.childId });
    const write = await t.gql(s.social, `mutation($c: ID!) { contributeSection(input: { childId: $c, code: D, entries: [
      { key: "short.breaks", value: "two weekends" }, { key: "concern", value: "s47 enquiry", category: SAFEGUARDING }] }) { version } }`, { c: s.childId });
    expect(write.errors).toBeUndefined();
    // The social worker reads only the safeguarding entry's section; then the whole record.
    await t.gql(s.social, `query($c: ID!) { child(id: $c) { section(code: D) { entries { key value } } } }`, { c: s.childId });
    // A break-glass read of safeguarding by the health practitioner.
    await t.gql(s.health, `mutation($c: ID!) { breakGlass(childId: $c, reason: "Collapsed at school, need full history") { id } }`, { c: s.childId });
    await t.gql(s.health, `query($c: ID!) { child(id: $c) { section(code: D) { entries { key value } } } }`, { c: s.childId });

    const dpoView = nodes(await t.gql(dpoOf(s.areaCode), LOG, { f: { childId: s.childId } }));
    expect(dpoView.some((e: any) => e.categories.includes('SAFEGUARDING'))).toBe(true);

    const familyView = nodes(await t.gql(s.parent, LOG, { f: { childId: s.childId } }));
    expect(familyView.length).toBeGreaterThan(0);
    const body = JSON.stringify(familyView);
    expect(body).not.toContain('SAFEGUARDING');
    for (const staff of [s.social.sub, s.health.sub, s.coordinator.sub]) expect(body).not.toContain(staff);
    expect(familyView.every((e: any) => e.operationName === null)).toBe(true);
    const social = familyView.filter((e: any) => e.actorOrg === s.social.org);
    expect(social.length).toBeGreaterThan(0);
    expect(social.every((e: any) => e.actorOrgName === "Example Children's Services" && e.actorSub === s.social.org)).toBe(true);
  });
});
