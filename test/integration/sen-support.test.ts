/**
 * SEN support (Code of Practice 6.44–6.72; CFA 2014 s.68): the school on the care team records, reviews and
 * informs; the coordinator and the family read; anyone else on the care team needs consent; commissioners see
 * SEN support as a level of areaNeeds and per-school outcomes, protected.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/domain/statutory-clock.js';
import { addToCareTeam, childScenario, commissionerOf, coordinatorOf, dpoOf, practitioner, registerChild } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const today = new Date().toISOString().slice(0, 10);
const FIELDS = 'schoolOrg startedOn needs interventions { description expectedOutcome } reviews { heldOn outcomesMet note } nextReviewDue overdue parentsInformedOn parentsNotInformed';
const RECORD = `mutation($i: SenSupportInput!) { recordSenSupport(input: $i) { ${FIELDS} } }`;
const REVIEW = `mutation($i: SenSupportReviewInput!) { reviewSenSupport(input: $i) { ${FIELDS} } }`;
const INFORMED = `mutation($c: ID!, $on: Date!) { recordParentsInformed(childId: $c, on: $on) { ${FIELDS} } }`;
const READ = `query($c: ID!) { child(id: $c) { senSupport { ${FIELDS} } } }`;
const input = (childId: string, startedOn: string, extra: object = {}) => ({
  i: { childId, startedOn, needs: ['SLCN', 'SEMH'], interventions: [{ description: 'Small-group language sessions, twice a week', expectedOutcome: 'Follows two-step instructions in class' }], ...extra },
});

async function schoolScenario() {
  const s = await childScenario(t);
  const school = practitioner('EDUCATION');
  await addToCareTeam(t, s.coordinator, s.childId, school);
  return { ...s, school };
}

async function rowCount(table: string, childId: string): Promise<number> {
  const result = await t.hub.database.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where child_id = ${childId}`);
  const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
  return Number((rows[0] as { n: number }).n);
}

describe('recordSenSupport', () => {
  it('records needs, interventions and expected outcomes; the review falls due four months on; parents not yet informed are flagged', async () => {
    const s = await schoolScenario();
    const started = addDays(today, -10);
    const result = await t.gql(s.school, RECORD, input(s.childId, started));
    expect(result.errors).toBeUndefined();
    expect(result.data.recordSenSupport).toEqual({
      schoolOrg: s.school.org, startedOn: started, needs: ['SLCN', 'SEMH'],
      interventions: [{ description: 'Small-group language sessions, twice a week', expectedOutcome: 'Follows two-step instructions in class' }],
      reviews: [], nextReviewDue: addMonths(started, 4), overdue: false, parentsInformedOn: null, parentsNotInformed: true,
    });
  });

  it('is read by the school, the coordinator and the family; another agency on the care team needs consent; others see no child', async () => {
    const s = await schoolScenario();
    await t.gql(s.school, RECORD, input(s.childId, today));
    for (const reader of [s.school, s.coordinator, s.parent]) {
      const read = await t.gql(reader, READ, { c: s.childId });
      expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
      expect(read.data.child.senSupport.needs, reader.role).toEqual(['SLCN', 'SEMH']);
    }
    expect(codes(await t.gql(s.health, READ, { c: s.childId }))).toEqual(['CONSENT_REQUIRED']);
    expect(codes(await t.gql(practitioner('EDUCATION'), READ, { c: s.childId }))).toEqual(['NOT_FOUND']);
  });

  it('is refused to anyone but a school on the care team, writing nothing', async () => {
    const s = await schoolScenario();
    for (const actor of [s.health, s.coordinator, s.parent]) {
      expect(codes(await t.gql(actor, RECORD, input(s.childId, today)))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await t.gql(practitioner('EDUCATION'), RECORD, input(s.childId, today)))).toEqual(['NOT_FOUND']);
    expect(await rowCount('sen_support', s.childId)).toBe(0);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const s = await schoolScenario();
    const cases: [object, string][] = [
      [{ needs: [] }, 'needs'],
      [{ needs: ['ASD', 'ASD'] }, 'needs'],
      [{ needs: ['NSA', 'ASD'] }, 'needs'],
      [{ interventions: [] }, 'interventions'],
      [{ interventions: [{ description: ' ', expectedOutcome: 'x' }] }, 'interventions[0].description'],
      [{ interventions: [{ description: 'x', expectedOutcome: 'y'.repeat(501) }] }, 'interventions[0].expectedOutcome'],
      [{ startedOn: addDays(today, 1) }, 'startedOn'],
    ];
    for (const [extra, field] of cases) {
      const result = await t.gql(s.school, RECORD, input(s.childId, today, extra));
      expect(codes(result), JSON.stringify(extra)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions?.field).toBe(field);
    }
    expect(await rowCount('sen_support', s.childId)).toBe(0);
  });
});

describe('reviewSenSupport and recordParentsInformed', () => {
  it('keeps every review; the next falls due from the last; overdue after it; informing the parents clears the flag', async () => {
    const s = await schoolScenario();
    const started = addMonths(today, -9);
    await t.gql(s.school, RECORD, input(s.childId, started));
    const overdue = await t.gql(s.school, READ, { c: s.childId });
    expect(overdue.data.child.senSupport).toMatchObject({ nextReviewDue: addMonths(started, 4), overdue: true });
    const first = addMonths(today, -5);
    await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: first, outcomesMet: false, note: 'Some progress' } });
    const second = addDays(today, -3);
    const reviewed = await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: second, outcomesMet: true } });
    expect(reviewed.data.reviewSenSupport).toMatchObject({
      reviews: [{ heldOn: first, outcomesMet: false, note: 'Some progress' }, { heldOn: second, outcomesMet: true, note: null }],
      nextReviewDue: addMonths(second, 4), overdue: false,
    });
    const informed = await t.gql(s.school, INFORMED, { c: s.childId, on: started });
    expect(informed.data.recordParentsInformed).toMatchObject({ parentsInformedOn: started, parentsNotInformed: false });
  });

  it('refuses a review before the start, in the future, or with nothing recorded', async () => {
    const s = await schoolScenario();
    expect(codes(await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: today, outcomesMet: true } }))).toEqual(['BAD_USER_INPUT']);
    await t.gql(s.school, RECORD, input(s.childId, addDays(today, -5)));
    expect(codes(await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: addDays(today, -6), outcomesMet: true } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: addDays(today, 1), outcomesMet: true } }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount('sen_support_reviews', s.childId)).toBe(0);
  });

  it("another school taking the pupil over owns the record and must inform the parents again (s.68)", async () => {
    const s = await schoolScenario();
    await t.gql(s.school, RECORD, input(s.childId, addDays(today, -30)));
    await t.gql(s.school, INFORMED, { c: s.childId, on: addDays(today, -29) });
    const next = practitioner('EDUCATION');
    await addToCareTeam(t, s.coordinator, s.childId, next);
    const moved = await t.gql(next, RECORD, input(s.childId, today));
    expect(moved.data.recordSenSupport).toMatchObject({ schoolOrg: next.org, parentsInformedOn: null, parentsNotInformed: true });
    // The first school no longer owns it: it reads it only with consent and cannot review it.
    expect(codes(await t.gql(s.school, READ, { c: s.childId }))).toEqual(['CONSENT_REQUIRED']);
    expect(codes(await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: today, outcomesMet: true } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('term dates', () => {
  it("set the review date to the end of the current term, per area, by the area's coordinator", async () => {
    const s = await schoolScenario();
    const termStart = addDays(today, -20);
    const termEnd = addDays(today, 40);
    const terms = await t.gql(s.coordinator, `mutation($a: String!, $t: [SchoolTermInput!]!) { recordTermDates(areaCode: $a, terms: $t) { startsOn endsOn } }`, {
      a: s.areaCode, t: [{ startsOn: termStart, endsOn: termEnd }],
    });
    expect(terms.data.recordTermDates).toEqual([{ startsOn: termStart, endsOn: termEnd }]);
    const recorded = await t.gql(s.school, RECORD, input(s.childId, addDays(today, -5)));
    expect(recorded.data.recordSenSupport.nextReviewDue).toBe(termEnd);
    expect(codes(await t.gql(coordinatorOf('E06000001'), `mutation($a: String!) { recordTermDates(areaCode: $a, terms: [{ startsOn: "2026-09-01", endsOn: "2026-12-18" }]) { startsOn } }`, { a: s.areaCode }))).toEqual(['FORBIDDEN']);
    const overlapping = await t.gql(s.coordinator, `mutation($a: String!) { recordTermDates(areaCode: $a, terms: [{ startsOn: "2026-09-01", endsOn: "2026-12-18" }, { startsOn: "2026-12-01", endsOn: "2027-03-26" }]) { startsOn } }`, { a: s.areaCode });
    expect(codes(overlapping)).toEqual(['BAD_USER_INPUT']);
    expect((await t.gql(s.parent, `query($a: String!) { termDates(areaCode: $a) { startsOn endsOn } }`, { a: s.areaCode })).data.termDates).toEqual([{ startsOn: termStart, endsOn: termEnd }]);
  });
});

describe('commissioning', () => {
  it('counts SEN support as a level beside EHC plans in areaNeeds, and per-school outcomes, protected', async () => {
    const s = await schoolScenario();
    const pupils = [s.childId];
    for (let i = 0; i < 2; i++) {
      const id = await registerChild(t, s.coordinator);
      await addToCareTeam(t, s.coordinator, id, s.school);
      pupils.push(id);
    }
    for (const id of pupils) {
      await t.gql(s.school, RECORD, input(id, addDays(today, -60)));
      await t.gql(s.school, REVIEW, { i: { childId: id, heldOn: addDays(today, -1), outcomesMet: true } });
    }
    const commissioner = commissionerOf(s.areaCode);
    const needs = await t.gql(commissioner, `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [SUPPORT_LEVEL, PRIMARY_NEED]) { cells { key { dimension value } count suppressed } total totalSuppressed } }`, { a: s.areaCode });
    expect(needs.errors).toBeUndefined();
    expect(needs.data.areaNeeds.cells).toEqual([{ key: [{ dimension: 'SUPPORT_LEVEL', value: 'SEN_SUPPORT' }, { dimension: 'PRIMARY_NEED', value: 'SLCN' }], count: null, suppressed: true }]);
    expect(needs.data.areaNeeds.totalSuppressed).toBe(true);
    const plansOnly = await t.gql(commissioner, `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED], filter: { supportLevel: [EHC_PLAN] }) { cells { count } } }`, { a: s.areaCode });
    expect(plansOnly.data.areaNeeds.cells).toEqual([]);
    const outcomes = await t.gql(commissioner, `query($a: String!) { areaSenSupportOutcomes(areaCode: $a) { schools { schoolOrg pupils { count suppressed } reviewed { suppressed } outcomesMet { count suppressed } percentage } } }`, { a: s.areaCode });
    expect(outcomes.errors).toBeUndefined();
    expect(outcomes.data.areaSenSupportOutcomes.schools).toEqual([{
      schoolOrg: s.school.org, pupils: { count: null, suppressed: true }, reviewed: { suppressed: true }, outcomesMet: { count: null, suppressed: true }, percentage: null,
    }]);
    expect(codes(await t.gql(commissionerOf('E06000002'), `query($a: String!) { areaSenSupportOutcomes(areaCode: $a) { areaCode } }`, { a: s.areaCode }))).toEqual(['FORBIDDEN']);
  });
});

describe('subject access (UK GDPR Art. 15)', () => {
  it('exports the SEN support and the disputes held about the child', async () => {
    const s = await schoolScenario();
    await t.gql(s.school, RECORD, input(s.childId, addDays(today, -30)));
    await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: addDays(today, -1), outcomesMet: true, note: 'Met' } });
    const dispute = await t.gql(s.coordinator, `mutation($c: ID!) { recordDispute(input: { childId: $c, kind: MEDIATION, decision: REFUSAL_TO_ASSESS, decisionOn: "2026-01-05" }) { id } }`, { c: s.childId });
    expect(dispute.errors).toBeUndefined();
    await t.gql(s.parent, `mutation($c: ID!, $d: Date!) { recordSubjectAccessRequest(childId: $c, receivedOn: $d) { id } }`, { c: s.childId, d: today });
    const exported = await t.gql(dpoOf(s.areaCode), `query($c: ID!) { subjectAccessExport(childId: $c) }`, { c: s.childId });
    expect(exported.errors).toBeUndefined();
    const doc = JSON.parse(exported.data.subjectAccessExport);
    expect(doc.senSupport).toMatchObject({ schoolOrg: s.school.org, needs: ['SLCN', 'SEMH'], interventions: [expect.objectContaining({ position: 1 })], reviews: [expect.objectContaining({ outcomesMet: true, note: 'Met' })] });
    expect(doc.disputes).toEqual([expect.objectContaining({ id: dispute.data.recordDispute.id, kind: 'MEDIATION', decision: 'REFUSAL_TO_ASSESS' })]);
  });
});

describe('a request for an EHC needs assessment', () => {
  it('carries the SEN support history as evidence (Code 6.63, 9.14), under the SEN support guard', async () => {
    const s = await schoolScenario();
    await t.gql(s.school, RECORD, input(s.childId, addDays(today, -200)));
    await t.gql(s.school, REVIEW, { i: { childId: s.childId, heldOn: addDays(today, -100), outcomesMet: false, note: 'Little progress despite the programme' } });
    const requested = await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: s.childId, d: addDays(today, -5) });
    expect(requested.errors).toBeUndefined();
    const EVIDENCE = `query($c: ID!) { child(id: $c) { plan { status senSupportEvidence { schoolOrg interventions { expectedOutcome } reviews { heldOn outcomesMet note } } } } }`;
    const read = await t.gql(s.coordinator, EVIDENCE, { c: s.childId });
    expect(read.errors).toBeUndefined();
    expect(read.data.child.plan.senSupportEvidence).toEqual({
      schoolOrg: s.school.org,
      interventions: [{ expectedOutcome: 'Follows two-step instructions in class' }],
      reviews: [{ heldOn: addDays(today, -100), outcomesMet: false, note: 'Little progress despite the programme' }],
    });
    expect((await t.gql(s.parent, EVIDENCE, { c: s.childId })).data.child.plan.senSupportEvidence.reviews).toHaveLength(1);
  });
});
