/**
 * Disputes (CFA 2014 ss.51–55; SEND Regulations 2014 Parts 6 and 7): the coordinator records mediations and
 * appeals stage by stage; the record shows the deadlines; the family sees its own; commissioners see
 * protected counts by decision and outcome.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScenario, commissionerOf, coordinatorOf } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const FIELDS = `id kind decision decisionOn mediationRequestedOn mediationDeclinedOn mediationHeldOn certificateIssuedOn appealRegisteredOn hearingOn
  outcome outcomeOn order mediationAdviserContactBy mediationDueBy certificateDueBy appealDeadline appealInTime complianceSteps { step dueOn basis passed }`;
const RECORD = `mutation($i: DisputeInput!) { recordDispute(input: $i) { ${FIELDS} } }`;
const READ = `query($c: ID!) { child(id: $c) { disputes { id kind decision outcome appealDeadline } } }`;

async function disputeCount(childId: string): Promise<number> {
  const result = await t.hub.database.db.execute(sql`select count(*)::int as n from disputes where child_id = ${childId}`);
  const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
  return Number((rows[0] as { n: number }).n);
}

describe('recordDispute', () => {
  it('follows a mediation to its certificate and the appeal to its order, with every deadline', async () => {
    const s = await childScenario(t);
    // A refusal to assess notified on Wednesday 1 April 2026.
    const mediation = await t.gql(s.coordinator, RECORD, { i: { childId: s.childId, kind: 'MEDIATION', decision: 'REFUSAL_TO_ASSESS', decisionOn: '2026-04-01', mediationRequestedOn: '2026-04-15' } });
    expect(mediation.errors).toBeUndefined();
    expect(mediation.data.recordDispute).toMatchObject({
      mediationAdviserContactBy: '2026-06-01', // reg 33: 2 months
      mediationDueBy: '2026-05-15', // reg 37: 30 days
      certificateDueBy: null,
      appealDeadline: '2026-06-01',
      appealInTime: null,
      complianceSteps: [],
    });
    const id = mediation.data.recordDispute.id;
    // Mediation on Friday 22 May 2026: the certificate within 3 working days (Bank holiday Monday 25 May): Thursday 28 May.
    const held = await t.gql(s.coordinator, RECORD, { i: { id, childId: s.childId, kind: 'MEDIATION', decision: 'REFUSAL_TO_ASSESS', decisionOn: '2026-04-01',
      mediationRequestedOn: '2026-04-15', mediationHeldOn: '2026-05-22', certificateIssuedOn: '2026-05-27', outcome: 'NOT_AGREED', outcomeOn: '2026-05-22' } });
    expect(held.data.recordDispute).toMatchObject({ id, certificateDueBy: '2026-05-28', appealDeadline: '2026-06-27', outcome: 'NOT_AGREED' });
    // The appeal: 1 month after the certificate (27 June) is later than 2 months after the decision (1 June).
    const appeal = await t.gql(s.coordinator, RECORD, { i: { childId: s.childId, kind: 'APPEAL', decision: 'REFUSAL_TO_ASSESS', decisionOn: '2026-04-01',
      certificateIssuedOn: '2026-05-27', appealRegisteredOn: '2026-06-20', hearingOn: '2026-09-14', outcome: 'ALLOWED', outcomeOn: '2026-09-21', order: 'ASSESS' } });
    expect(appeal.errors).toBeUndefined();
    expect(appeal.data.recordDispute).toMatchObject({
      appealDeadline: '2026-06-27',
      appealInTime: true,
      // reg 44(2)(b): from the order of Monday 21 September 2026.
      complianceSteps: [
        { dueOn: '2026-10-05', passed: true }, { dueOn: '2026-11-30', passed: true }, { dueOn: '2026-12-28' },
      ],
    });
    const read = await t.gql(s.parent, READ, { c: s.childId });
    expect(read.data.child.disputes.map((d: { kind: string }) => d.kind)).toEqual(['MEDIATION', 'APPEAL']);
    const coordinator = await t.gql(coordinatorOf(s.areaCode), READ, { c: s.childId });
    expect(coordinator.data.child.disputes).toHaveLength(2);
  });

  it('is shown to the family and the coordinator; another agency on the care team needs consent', async () => {
    const s = await childScenario(t);
    await t.gql(s.coordinator, RECORD, { i: { childId: s.childId, kind: 'APPEAL', decision: 'NAMED_SETTING', decisionOn: '2026-03-02' } });
    expect(codes(await t.gql(s.health, READ, { c: s.childId }))).toEqual(['CONSENT_REQUIRED']);
    expect((await t.gql(s.parent, READ, { c: s.childId })).data.child.disputes).toEqual([{ id: expect.any(String), kind: 'APPEAL', decision: 'NAMED_SETTING', outcome: null, appealDeadline: '2026-05-02' }]);
  });

  it('refuses stages out of order, future dates and mixed kinds with BAD_USER_INPUT, writing nothing', async () => {
    const s = await childScenario(t);
    const base = { childId: s.childId, kind: 'APPEAL', decision: 'PLAN_CONTENTS', decisionOn: '2026-03-02' };
    const cases: [object, string][] = [
      [{ appealRegisteredOn: '2026-04-01' }, 'certificateIssuedOn'],
      [{ certificateIssuedOn: '2026-03-01' }, 'certificateIssuedOn'],
      [{ mediationHeldOn: '2026-03-10' }, 'mediationHeldOn'],
      [{ outcome: 'DISMISSED', outcomeOn: '2026-06-01' }, 'outcome'],
      [{ decisionOn: '2099-01-01' }, 'decisionOn'],
      [{ kind: 'MEDIATION', hearingOn: '2026-05-01' }, 'hearingOn'],
    ];
    for (const [extra, field] of cases) {
      const result = await t.gql(s.coordinator, RECORD, { i: { ...base, ...extra } });
      expect(codes(result), JSON.stringify(extra)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions?.field).toBe(field);
    }
    expect(await disputeCount(s.childId)).toBe(0);
  });

  it("is the coordinator's alone; another child's dispute id is NOT_FOUND", async () => {
    const s = await childScenario(t);
    const i = { childId: s.childId, kind: 'MEDIATION', decision: 'CEASE', decisionOn: '2026-03-02' };
    expect(codes(await t.gql(s.parent, RECORD, { i }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(s.health, RECORD, { i }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(coordinatorOf('E06000003'), RECORD, { i }))).toEqual(['NOT_FOUND']);
    const other = await childScenario(t);
    const theirs = await t.gql(other.coordinator, RECORD, { i: { ...i, childId: other.childId } });
    const result = await t.gql(s.coordinator, RECORD, { i: { ...i, id: theirs.data.recordDispute.id } });
    expect(codes(result)).toEqual(['NOT_FOUND']);
    expect(await disputeCount(s.childId)).toBe(0);
  });
});

describe('areaDisputes', () => {
  it('counts by kind, decision and outcome for the year of the decision notice, protected', async () => {
    const s = await childScenario(t);
    await t.gql(s.coordinator, RECORD, { i: { childId: s.childId, kind: 'MEDIATION', decision: 'CEASE', decisionOn: '2026-03-02' } });
    await t.gql(s.coordinator, RECORD, { i: { childId: s.childId, kind: 'MEDIATION', decision: 'CEASE', decisionOn: '2025-03-02' } });
    const commissioner = commissionerOf(s.areaCode);
    const table = await t.gql(commissioner, `query($a: String!) { areaDisputes(areaCode: $a, year: 2026) { cells { kind decision outcome count suppressed suppressedBecause } total totalSuppressed disclosureControl } }`, { a: s.areaCode });
    expect(table.errors).toBeUndefined();
    expect(table.data.areaDisputes.cells).toEqual([{ kind: 'MEDIATION', decision: 'CEASE', outcome: 'OPEN', count: null, suppressed: true, suppressedBecause: 'SMALL_NUMBERS' }]);
    expect(table.data.areaDisputes.totalSuppressed).toBe(true);
    expect(codes(await t.gql(commissioner, `query($a: String!) { areaDisputes(areaCode: $a, year: 2013) { total } }`, { a: s.areaCode }))).toEqual(['BAD_USER_INPUT']);
  });
});
