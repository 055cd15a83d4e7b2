/**
 * What a family may ask of the council, through the public API: request an assessment (CFA 2014 s.36(1)),
 * state a preferred setting and have the council consult it and answer (s.38(2)(b), s.39), comment on the
 * draft (reg 13(1)(a)) and ask for a personal budget (s.49), each answer recorded with its reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScenario } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const today = new Date().toISOString().slice(0, 10);
const RIGHTS = `status requestSource requestedBy requestReceivedOn
  preferences { id settingName legalStatus withinCommentPeriod bindsCouncil consultedOn outcome grounds reasons met }
  familyComments { servedOn receivedOn text withinStatutoryPeriod }
  personalBudgetRequests { id requestedBy decision forms reasons }`;

describe('family rights', () => {
  it('lets the parent request, prefer, comment and ask for a budget, and records the council\'s answers', async () => {
    const s = await childScenario(t);
    // CFA s.36(1): the parent requests; received today, from the family.
    const requested = await t.gql(s.parent, `mutation($c: ID!) { familyRequestAssessment(childId: $c) { ${RIGHTS} } }`, { c: s.childId });
    expect(requested.errors).toBeUndefined();
    expect(requested.data.familyRequestAssessment).toMatchObject({ status: 'REQUESTED', requestSource: 'YOUNG_PERSON_OR_PARENT', requestedBy: 'PARENT', requestReceivedOn: today });
    expect(codes(await t.gql(s.parent, `mutation($c: ID!) { familyRequestAssessment(childId: $c) { status } }`, { c: s.childId }))).toEqual(['CONFLICT']);
    // s.38(2)(b): a preference is stated on a draft, not before.
    const tooEarly = await t.gql(s.parent, `mutation($c: ID!) { statePreference(input: { childId: $c, settingName: "Example Academy", legalStatus: ACADEMY, urn: "100001" }) { status } }`, { c: s.childId });
    expect(codes(tooEarly)).toEqual(['BAD_USER_INPUT']);
    for (const event of ['DECIDE_TO_ASSESS', 'ISSUE_DRAFT']) {
      expect((await t.gql(s.coordinator, `mutation($c: ID!, $e: PlanEvent!, $d: Date!) { advancePlan(childId: $c, event: $e, on: $d) { status } }`, { c: s.childId, e: event, d: today })).errors).toBeUndefined();
    }

    const prefer = (name: string, status: string, urn: string) =>
      t.gql(s.parent, `mutation($c: ID!, $n: String!, $l: SettingLegalStatus!, $u: String) { statePreference(input: { childId: $c, settingName: $n, legalStatus: $l, urn: $u }) { ${RIGHTS} } }`, { c: s.childId, n: name, l: status, u: urn });
    const first = (await prefer('Example Academy', 'ACADEMY', '100001')).data.statePreference.preferences[0];
    expect(first).toMatchObject({ withinCommentPeriod: true, bindsCouncil: true, outcome: null, met: false });
    const decide = (input: Record<string, unknown>) => t.gql(s.coordinator, `mutation($i: DecidePreferenceInput!) { decidePreference(input: $i) { ${RIGHTS} } }`, { i: { preferenceId: first.id, decidedOn: today, ...input } });
    // s.39(2): consult first; s.39(4): a refusal of a s.38(3) setting needs a ground, and reasons.
    expect((await decide({ outcome: 'NAMED' })).errors![0]!.extensions!.field).toBe('consultedOn');
    expect((await decide({ outcome: 'REFUSED', consultedOn: today, reasons: 'Full' })).errors![0]!.extensions!.field).toBe('grounds');
    const refused = await decide({ outcome: 'REFUSED', consultedOn: today, grounds: ['INCOMPATIBLE_WITH_EFFICIENT_EDUCATION_OF_OTHERS'], reasons: 'Year 7 is over its published admission number' });
    expect(refused.errors).toBeUndefined();
    expect(refused.data.decidePreference.preferences[0]).toMatchObject({ outcome: 'REFUSED', consultedOn: today, grounds: ['INCOMPATIBLE_WITH_EFFICIENT_EDUCATION_OF_OTHERS'] });
    expect(codes(await decide({ outcome: 'NAMED', consultedOn: today }))).toEqual(['BAD_USER_INPUT']);
    // An independent school outside s.38(3) is considered, but s.39(4) grounds do not apply to it.
    const independent = (await prefer('Example Independent', 'INDEPENDENT_OTHER', '100009')).data.statePreference.preferences[1];
    expect(independent.bindsCouncil).toBe(false);

    // reg 13(1)(a): comments within the 15 days beginning with the day the draft was served.
    const commented = await t.gql(s.parent, `mutation($c: ID!) { commentOnPlan(childId: $c, text: " Section F should say who delivers the therapy. ") { ${RIGHTS} } }`, { c: s.childId });
    expect(commented.data.commentOnPlan.familyComments).toEqual([{ servedOn: today, receivedOn: today, text: 'Section F should say who delivers the therapy.', withinStatutoryPeriod: true }]);
    expect(codes(await t.gql(s.parent, `mutation($c: ID!) { commentOnPlan(childId: $c, text: "  ") { status } }`, { c: s.childId }))).toEqual(['BAD_USER_INPUT']);

    // s.49: one request awaiting a decision at a time; the decision gives reasons and, agreed, the form.
    const asked = await t.gql(s.parent, `mutation($c: ID!) { requestPersonalBudget(childId: $c) { ${RIGHTS} } }`, { c: s.childId });
    const budget = asked.data.requestPersonalBudget.personalBudgetRequests[0];
    expect(budget).toMatchObject({ requestedBy: 'PARENT', decision: null });
    expect(codes(await t.gql(s.parent, `mutation($c: ID!) { requestPersonalBudget(childId: $c) { status } }`, { c: s.childId }))).toEqual(['BAD_USER_INPUT']);
    const decideBudget = (decision: string, forms: string[] | null, reasons: string) =>
      t.gql(s.coordinator, `mutation($r: ID!, $d: PersonalBudgetDecision!, $on: Date!, $f: [PersonalBudgetForm!], $why: String!) { decidePersonalBudget(requestId: $r, decision: $d, decidedOn: $on, forms: $f, reasons: $why) { ${RIGHTS} } }`, { r: budget.id, d: decision, on: today, f: forms, why: reasons });
    expect((await decideBudget('AGREED', null, 'Agreed')).errors![0]!.extensions!.field).toBe('forms');
    const agreed = await decideBudget('AGREED', ['DIRECT_PAYMENT'], 'Direct payment for the speech and language therapy in section F');
    expect(agreed.data.decidePersonalBudget.personalBudgetRequests[0]).toMatchObject({ decision: 'AGREED', forms: ['DIRECT_PAYMENT'] });
    const seen = await t.gql(s.parent, `query($c: ID!) { child(id: $c) { plan { personalBudgetRequests { decision reasons } } } }`, { c: s.childId });
    expect(seen.data.child.plan.personalBudgetRequests).toEqual([{ decision: 'AGREED', reasons: 'Direct payment for the speech and language therapy in section F' }]);

    // Only the family (or the coordinator recording their letter) asks; a practitioner cannot.
    expect(codes(await t.gql(s.health, `mutation($c: ID!) { commentOnPlan(childId: $c, text: "x") { status } }`, { c: s.childId }))).toEqual(['FORBIDDEN']);
    // "Preference met": section I names the setting the family asked for (same URN).
    await t.gql(s.coordinator, `mutation($i: ContributeSectionInput!) { contributeSection(input: $i) { version } }`, {
      i: { childId: s.childId, code: 'I', entries: [{ key: 'summary', value: 'Named setting' }], placement: { settingType: 'MAINSTREAM', urn: '100001', settingName: 'Example Academy' } },
    });
    const met = await t.gql(s.coordinator, `query($c: ID!) { child(id: $c) { plan { preferences { settingName met } } } }`, { c: s.childId });
    expect(met.data.child.plan.preferences).toEqual([{ settingName: 'Example Academy', met: true }, { settingName: 'Example Independent', met: false }]);
  });

  it('records the setting in section I as DfE and SEN2 describe it: legal status, URN or UKPRN, out of area', async () => {
    const s = await childScenario(t);
    const write = (placement: Record<string, unknown>) =>
      t.gql(s.coordinator, `mutation($i: ContributeSectionInput!) { contributeSection(input: $i) { placement { settingType legalStatus urn ukprn sen2Setting outOfArea } } }`, {
        i: { childId: s.childId, code: 'I', entries: [{ key: 'summary', value: 'Named setting' }], placement },
      });
    // An FE college is identified by its UKPRN (src/domain/settings.ts).
    const noUkprn = await write({ settingType: 'FURTHER_EDUCATION', legalStatus: 'FE_COLLEGE', settingName: 'Example College' });
    expect(codes(noUkprn)).toEqual(['BAD_USER_INPUT']);
    expect(noUkprn.errors![0]!.extensions!.field).toBe('placement.ukprn');
    const college = await write({ settingType: 'FURTHER_EDUCATION', legalStatus: 'FE_COLLEGE', ukprn: '10001234', settingName: 'Example College', outOfArea: true });
    expect(college.data.contributeSection.placement).toEqual({ settingType: 'FURTHER_EDUCATION', legalStatus: 'FE_COLLEGE', urn: null, ukprn: '10001234', sen2Setting: null, outOfArea: true });
    // Elective home education has no institution: a SEN2 SENSetting code instead of an identifier.
    const home = await write({ settingType: 'ELECTIVE_HOME_EDUCATION', legalStatus: 'NO_INSTITUTION', sen2Setting: 'EHE', settingName: 'Home' });
    expect(home.data.contributeSection.placement).toMatchObject({ legalStatus: 'NO_INSTITUTION', sen2Setting: 'EHE', outOfArea: false });
  });
});
