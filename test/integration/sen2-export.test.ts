/**
 * The SEN2 return end to end (`npm run sen2`): records built through the public API in one area on a
 * database of its own, the return read through the data layer, validated (every missing item named
 * against the child), recorded as EXPORT on every child it carries, and its counts agreeing with the
 * hub's own queries (the 20-week measure, the children with a plan, ceased plans rebuilt from episodes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSen2 } from '../../src/app/sen2-command.js';
import { timelinessCounts } from '../../resolvers/commissioning/commissioning.store.js';
import { coordinatorOf, dpoOf, registerChild } from '../support/factories.js';
import { startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';
import type { TestHub } from '../support/test-hub.js';

const AREA = 'E08000035'; // Leeds, LA 383
let iso: IsolatedHub;
let t: TestHub;
beforeAll(async () => {
  iso = await startIsolatedHub();
  t = iso.t;
});
afterAll(() => iso?.close());

const coordinator = coordinatorOf(AREA);
const REQUEST = `mutation($c: ID!, $d: Date!, $s: RequestSource) { requestAssessment(childId: $c, receivedOn: $d, source: $s) { episode } }`;
const ADVANCE = `mutation($c: ID!, $e: PlanEvent!, $on: Date!) { advancePlan(childId: $c, event: $e, on: $on) { status } }`;
const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { version } }`;

async function ok(query: string, variables: Record<string, unknown>): Promise<any> {
  const r = await t.gql(coordinator, query, variables);
  expect(r.errors, query).toBeUndefined();
  return r.data;
}

async function toFinal(childId: string, dates: { received: string; decided: string; draft: string; final: string }): Promise<void> {
  await ok(REQUEST, { c: childId, d: dates.received, s: 'EDUCATION_SETTING' });
  await ok(ADVANCE, { c: childId, e: 'DECIDE_TO_ASSESS', on: dates.decided });
  await ok(ADVANCE, { c: childId, e: 'ISSUE_DRAFT', on: dates.draft });
  const entries = [{ key: 'summary', value: 'text' }];
  await ok(CONTRIBUTE, { input: { childId, code: 'B', entries, needs: [{ type: 'ASD', rank: 1 }] } });
  await ok(CONTRIBUTE, { input: { childId, code: 'E', entries } });
  await ok(CONTRIBUTE, { input: { childId, code: 'F', entries, provisions: [{ provisionType: 'SPECIALIST_TEACHING', description: 'Weekly', quantity: 2, unit: 'HOURS', frequency: 'PER_WEEK' }] } });
  await ok(CONTRIBUTE, { input: { childId, code: 'I', entries, placement: { settingType: 'MAINSTREAM', legalStatus: 'ACADEMY', urn: '100001', settingName: 'Example Academy' } } });
  await ok(ADVANCE, { c: childId, e: 'FINALISE', on: dates.final });
}

describe('npm run sen2: the DfE SEN2 person-level return', () => {
  it('writes every child in scope, lists what is missing against the child, records the export and agrees with the hub', async () => {
    const amara = await registerChild(t, coordinator, { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2016-02-29', upn: null, postcode: 'LS1 1UR' });
    const ben = await registerChild(t, coordinator, { givenName: 'Ben', familyName: 'Ashworth', dateOfBirth: '2014-09-01' });
    const cara = await registerChild(t, coordinator, { givenName: 'Cara', familyName: 'Nguyen', dateOfBirth: '2012-05-17' });
    const outside = await registerChild(t, coordinator, { givenName: 'Dev', familyName: 'Patel', dateOfBirth: '2013-03-03' });
    // Amara: requested Mon 2025-01-06, final Mon 2025-05-19 (19 weeks: within the 20, due 2025-05-26).
    await toFinal(amara, { received: '2025-01-06', decided: '2025-02-03', draft: '2025-04-07', final: '2025-05-19' });
    // Ben: not assessed (reg 5(1)), decided within the period.
    await ok(REQUEST, { c: ben, d: '2025-03-03', s: 'HEALTH' });
    await ok(ADVANCE, { c: ben, e: 'DECIDE_NOT_TO_ASSESS', on: '2025-04-07' });
    // Cara: a plan from 2024, ceased on 2025-06-02, and a new request on 2025-09-01 (episode 2, still open).
    await toFinal(cara, { received: '2024-01-08', decided: '2024-02-05', draft: '2024-04-08', final: '2024-05-20' });
    await ok(ADVANCE, { c: cara, e: 'CEASE', on: '2025-06-02' });
    expect((await ok(REQUEST, { c: cara, d: '2025-09-01', s: 'SOCIAL_CARE' })).requestAssessment.episode).toBe(2);

    const result = await exportSen2(t.config, t.hub.database, { areaCode: AREA, referenceDate: '2026-01-15', operator: 'test', dmo: 'Y', dco: 'Y', now: new Date('2026-01-20T09:30:00Z') });
    expect(result.xml).toContain('<LEA>383</LEA>');
    expect(result.xml).toContain('<ReferenceDate>2026-01-15</ReferenceDate>');
    for (const name of ['Okafor', 'Ashworth', 'Nguyen']) expect(result.xml).toContain(`<Surname>${name}</Surname>`);
    expect(result.xml).not.toContain('Patel');
    expect(result.outOfScope).toEqual([{ childRef: outside, reason: expect.stringMatching(/no request/) }]);
    expect(result.summary.children).toEqual({ considered: 4, returned: 3, outOfScope: 1 });
    // One Requests element per episode in scope: Amara 1, Ben 1, Cara 2 (her 2024 plan is active into the period).
    expect(result.summary.requests.returned).toBe(4);
    expect(result.summary.requests.receivedInPeriod).toBe(3);
    expect(result.summary.requests.bySource).toMatchObject({ 2: 1, 3: 1, 4: 1 });

    // Missing items are listed against the child, never dropped: the hub records no sex, Cara's cease reason is unknown.
    const issuesOf = (childRef: string) => result.issues.filter((i) => i.childRef === childRef).map((i) => i.item);
    for (const child of [amara, ben, cara]) expect(issuesOf(child)).toContain('Sex');
    expect(issuesOf(cara)).toContain('CeaseReason');

    // The counts agree with the hub's own queries.
    const db = t.hub.database.db;
    const timeliness = await timelinessCounts(db, AREA, '2025-01-01', '2026-01-01');
    expect(result.summary.assessments.timeliness).toMatchObject({ counted: timeliness.issued.count, withinTwentyWeeks: timeliness.within.count });
    expect(timeliness.issued.count).toBe(1);
    const finals = await t.gql(coordinator, `{ children(filter: { planStatus: [FINAL] }) { totalCount } }`);
    expect(result.summary.activePlans.total).toBe(finals.data.children.totalCount);
    expect(result.summary.activePlans.byLegalStatus.ACADEMY).toBe(1);
    // "Plans ceased in the year" is rebuilt from the kept episode.
    const history = await t.gql(coordinator, `query($c: ID!) { child(id: $c) { planHistory { episode status ceasedOn ceasedReason } } }`, { c: cara });
    const ceasedInYear = history.data.child.planHistory.filter((e: any) => e.ceasedReason === 'CEASED_TO_MAINTAIN' && e.ceasedOn >= '2025-01-01' && e.ceasedOn < '2026-01-01');
    expect(result.summary.ceasedInPeriod.total).toBe(ceasedInYear.length);
    expect(ceasedInYear).toHaveLength(1);

    // The export is recorded on every child it carries, by the operator.
    const log = await t.gql(dpoOf(AREA), `query($c: ID!) { accessLog(filter: { childId: $c }, first: 100) { edges { node { action actorSub flags } } } }`, { c: amara });
    expect(log.data.accessLog.edges.map((e: any) => e.node)).toContainEqual({ action: 'EXPORT', actorSub: 'cli:test', flags: expect.arrayContaining(['SEN2']) });
  });

  it('refuses an area without a DfE LA number', async () => {
    await expect(exportSen2(t.config, t.hub.database, { areaCode: 'E06999999', referenceDate: '2026-01-15', operator: 'test' })).rejects.toThrow(/DfE LA number/);
  });
});
