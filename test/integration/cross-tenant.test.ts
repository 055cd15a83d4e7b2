/**
 * The cross-tenant suite (CONTRIBUTING.md): for every root query and mutation, a caller of the right
 * role from another area and a caller of the wrong role, each expecting refusal and none of the child's
 * data. Generated from the schema: a root field without a case fails the first test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { buildGuardedSchema } from '../../src/app/build-schema.js';
import { addDays } from '../../src/domain/statutory-clock.js';
import { childScenario, commissionerOf, coordinatorOf, dpoOf, familyMember, newAreaCode, practitioner } from '../support/factories.js';
import { codes, startTestHub, type GqlResult, type TestHub } from '../support/test-hub.js';

let t: TestHub;
type Scenario = Awaited<ReturnType<typeof childScenario>> & { consentId: string; grantId: string; adviceId: string; requestId: string; flaggedId: string; preferenceId: string; budgetId: string };
let s: Scenario;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestHub();
  const base = await childScenario(t, { givenName: 'Secretname' });
  const consent = await t.gql(base.parent, `mutation($c: ID!) { grantConsent(input: { childId: $c, categories: [HEALTH], granteeAgency: SOCIAL_CARE }) { id } }`, { c: base.childId });
  const grant = await t.gql(base.health, `mutation($c: ID!) { breakGlass(childId: $c, reason: "Emergency admission, history needed") { id } }`, { c: base.childId });
  await t.gql(base.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: base.childId, d: addDays(today, -30) });
  await t.gql(base.coordinator, `mutation($c: ID!, $d: Date!) { advancePlan(childId: $c, event: DECIDE_TO_ASSESS, on: $d) { status } }`, { c: base.childId, d: addDays(today, -20) });
  const advice = await t.gql(base.coordinator, `mutation($c: ID!, $d: Date!) { requestAdvice(childId: $c, agency: HEALTH, requestedOn: $d) { id } }`, { c: base.childId, d: addDays(today, -10) });
  const request = await t.gql(base.parent, `mutation($c: ID!, $d: Date!) { recordSubjectAccessRequest(childId: $c, receivedOn: $d) { id } }`, { c: base.childId, d: today });
  const paper = await t.gql(base.coordinator, `mutation($c: ID!) { grantConsent(input: { childId: $c, categories: [EDUCATION], granteeAgency: HEALTH, evidenceNote: "Signed consent form SF-1, 2026-11-02" }) { id } }`, { c: base.childId });
  // A draft, so that the family's preference and personal budget request exist to be decided on.
  await t.gql(base.coordinator, `mutation($c: ID!, $d: Date!) { advancePlan(childId: $c, event: ISSUE_DRAFT, on: $d) { status } }`, { c: base.childId, d: addDays(today, -5) });
  const preference = await t.gql(base.parent, `mutation($c: ID!) { statePreference(input: { childId: $c, settingName: "Example Academy", legalStatus: ACADEMY, urn: "100002" }) { preferences { id } } }`, { c: base.childId });
  const budget = await t.gql(base.parent, `mutation($c: ID!) { requestPersonalBudget(childId: $c) { personalBudgetRequests { id } } }`, { c: base.childId });
  s = {
    ...base, consentId: consent.data.grantConsent.id, grantId: grant.data.breakGlass.id, adviceId: advice.data.requestAdvice.id,
    requestId: request.data.recordSubjectAccessRequest.id, flaggedId: paper.data.grantConsent.id,
    preferenceId: preference.data.statePreference.preferences[0].id, budgetId: budget.data.requestPersonalBudget.personalBudgetRequests[0].id,
  };
});
afterAll(() => t?.close());

interface Case {
  op: string;
  vars?: () => Record<string, unknown>;
  /** The right role, but from another area or another care team. */
  outsider: () => Actor;
  /** A role that may never call it. */
  wrongRole: () => Actor;
  /** For list queries, an outsider gets an empty answer rather than an error. */
  outsiderGetsEmpty?: boolean;
  /** Open to every role (no wrong role exists): the caller's own claims, public reference data. */
  everyRole?: boolean;
}

const other = () => newAreaCode();
const CASES: Record<string, Case> = {
  me: { op: '{ me { sub areas } }', outsider: () => coordinatorOf(other()), wrongRole: () => commissionerOf(other()), outsiderGetsEmpty: true, everyRole: true },
  localities: { op: 'query($a: String!) { localities(areaCode: $a) { code } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.parent, outsiderGetsEmpty: true, everyRole: true },
  removeCareTeamMember: { op: 'mutation($c: ID!, $o: String!) { removeCareTeamMember(childId: $c, org: $o) { id } }', vars: () => ({ c: s.childId, o: s.social.org }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  unlinkFamilyMember: { op: 'mutation($c: ID!, $p: String!) { unlinkFamilyMember(childId: $c, subject: $p) { id } }', vars: () => ({ c: s.childId, p: s.parent.sub }), outsider: () => coordinatorOf(other()), wrongRole: () => s.parent },
  recordCapacity: { op: 'mutation($c: ID!) { recordCapacity(childId: $c, lacksCapacity: true, evidenceNote: "MCA assessment by Dr Example, 2026-10-14") { id } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  recordSubjectAccessRequest: { op: 'mutation($c: ID!, $d: Date!) { recordSubjectAccessRequest(childId: $c, receivedOn: $d) { id } }', vars: () => ({ c: s.childId, d: today }), outsider: () => dpoOf(other()), wrongRole: () => s.coordinator },
  recordSafeguardingExemptionReview: { op: 'mutation($id: ID!) { recordSafeguardingExemptionReview(requestId: $id, decision: RELEASE, note: "Serious-harm test met") { id } }', vars: () => ({ id: s.requestId }), outsider: () => dpoOf(other()), wrongRole: () => s.parent },
  subjectAccessRequests: { op: '{ subjectAccessRequests { id childId } }', outsider: () => dpoOf(other()), wrongRole: () => s.coordinator, outsiderGetsEmpty: true },
  flaggedRecords: { op: '{ flaggedRecords { id childId } }', outsider: () => dpoOf(other()), wrongRole: () => s.health, outsiderGetsEmpty: true },
  reviewFlaggedRecord: { op: 'mutation($id: ID!) { reviewFlaggedRecord(kind: PAPER_CONSENT, id: $id, outcome: JUSTIFIED, note: "ok") { id } }', vars: () => ({ id: s.flaggedId }), outsider: () => dpoOf(other()), wrongRole: () => s.coordinator },
  registerLocalities: { op: 'mutation($a: String!) { registerLocalities(areaCode: $a, localities: [{ code: "E05000001", name: "Evil" }]) { code } }', vars: () => ({ a: s.areaCode }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  child: { op: 'query($c: ID!) { child(id: $c) { id givenName } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => commissionerOf(s.areaCode) },
  children: { op: '{ children(first: 100) { edges { node { id givenName } } } }', outsider: () => practitioner('HEALTH'), wrongRole: () => commissionerOf(s.areaCode), outsiderGetsEmpty: true },
  myAdviceRequests: { op: '{ myAdviceRequests { childId } }', outsider: () => practitioner('HEALTH'), wrongRole: () => s.coordinator, outsiderGetsEmpty: true },
  areaNeeds: { op: 'query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED]) { total cells { count } } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.coordinator },
  areaTimeliness: { op: 'query($a: String!) { areaTimeliness(areaCode: $a, year: 2026) { __typename } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => dpoOf(s.areaCode) },
  areaProvision: { op: 'query($a: String!) { areaProvision(areaCode: $a) { __typename } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.health },
  accessLog: { op: 'query($c: ID!) { accessLog(filter: { childId: $c }, first: 50) { edges { node { childId actorSub } } } }', vars: () => ({ c: s.childId }), outsider: () => dpoOf(other()), wrongRole: () => s.coordinator, outsiderGetsEmpty: true },
  auditChainStatus: { op: '{ auditChainStatus { intact length } }', outsider: () => dpoOf(other()), wrongRole: () => s.coordinator, outsiderGetsEmpty: true },
  breakGlassReviews: { op: '{ breakGlassReviews { id childId } }', outsider: () => dpoOf(other()), wrongRole: () => s.health, outsiderGetsEmpty: true },
  subjectAccessExport: { op: 'query($c: ID!) { subjectAccessExport(childId: $c) }', vars: () => ({ c: s.childId }), outsider: () => dpoOf(other()), wrongRole: () => s.parent },
  updateChildDetails: { op: 'mutation($c: ID!) { updateChildDetails(input: { childId: $c, sex: F, ethnicity: NOBT }) { id } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  registerChild: { op: 'mutation($a: String!) { registerChild(input: { givenName: "A", familyName: "B", dateOfBirth: "2015-01-01", areaCode: $a }) { id } }', vars: () => ({ a: s.areaCode }), outsider: () => coordinatorOf(other()), wrongRole: () => ({ ...s.health, areas: [s.areaCode] }) },
  addCareTeamMember: { op: 'mutation($c: ID!) { addCareTeamMember(childId: $c, org: "EVIL1", agency: HEALTH) { id } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  linkFamilyMember: { op: 'mutation($c: ID!) { linkFamilyMember(childId: $c, subject: "family:evil", relationship: PARENT) { id } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => s.parent },
  grantConsent: { op: 'mutation($c: ID!) { grantConsent(input: { childId: $c, categories: [HEALTH], granteeAgency: EDUCATION }) { id } }', vars: () => ({ c: s.childId }), outsider: () => familyMember(), wrongRole: () => s.health },
  refuseConsent: { op: 'mutation($c: ID!) { refuseConsent(input: { childId: $c, categories: [HEALTH], granteeAgency: EDUCATION }) { id } }', vars: () => ({ c: s.childId }), outsider: () => familyMember(), wrongRole: () => commissionerOf(s.areaCode) },
  withdrawConsent: { op: 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', vars: () => ({ id: s.consentId }), outsider: () => familyMember(), wrongRole: () => s.social },
  breakGlass: { op: 'mutation($c: ID!) { breakGlass(childId: $c, reason: "Curious about this child") { id } }', vars: () => ({ c: s.childId }), outsider: () => practitioner('HEALTH'), wrongRole: () => s.parent },
  reviewBreakGlass: { op: 'mutation($id: ID!) { reviewBreakGlass(id: $id, outcome: JUSTIFIED, note: "ok") { id } }', vars: () => ({ id: s.grantId }), outsider: () => dpoOf(other()), wrongRole: () => s.coordinator },
  requestAssessment: { op: 'mutation($c: ID!) { requestAssessment(childId: $c, receivedOn: "2026-01-05") { status } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  advancePlan: { op: 'mutation($c: ID!, $d: Date!) { advancePlan(childId: $c, event: ISSUE_DRAFT, on: $d) { status } }', vars: () => ({ c: s.childId, d: today }), outsider: () => coordinatorOf(other()), wrongRole: () => s.parent },
  requestAdvice: { op: 'mutation($c: ID!, $d: Date!) { requestAdvice(childId: $c, agency: SOCIAL_CARE, requestedOn: $d) { id } }', vars: () => ({ c: s.childId, d: today }), outsider: () => coordinatorOf(other()), wrongRole: () => s.social },
  provideAdvice: { op: 'mutation($c: ID!, $id: ID!, $d: Date!) { provideAdvice(childId: $c, adviceRequestId: $id, providedOn: $d, advice: [{ key: "k", value: "v" }]) { id } }', vars: () => ({ c: s.childId, id: s.adviceId, d: today }), outsider: () => practitioner('HEALTH'), wrongRole: () => s.coordinator },
  recordClockException: { op: 'mutation($c: ID!, $d: Date!) { recordClockException(childId: $c, reason: SETTING_CLOSED, fromOn: $d, toOn: $d, evidenceNote: "School closure notice") { status } }', vars: () => ({ c: s.childId, d: today }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  familyRequestAssessment: { op: 'mutation($c: ID!) { familyRequestAssessment(childId: $c) { status } }', vars: () => ({ c: s.childId }), outsider: () => familyMember(), wrongRole: () => s.health },
  statePreference: { op: 'mutation($c: ID!) { statePreference(input: { childId: $c, settingName: "Evil School", legalStatus: ACADEMY, urn: "100003" }) { status } }', vars: () => ({ c: s.childId }), outsider: () => familyMember(), wrongRole: () => s.health },
  decidePreference: { op: 'mutation($id: ID!, $d: Date!) { decidePreference(input: { preferenceId: $id, outcome: NAMED, decidedOn: $d, consultedOn: $d }) { status } }', vars: () => ({ id: s.preferenceId, d: today }), outsider: () => coordinatorOf(other()), wrongRole: () => s.parent },
  commentOnPlan: { op: 'mutation($c: ID!) { commentOnPlan(childId: $c, text: "We disagree") { status } }', vars: () => ({ c: s.childId }), outsider: () => familyMember(), wrongRole: () => s.social },
  requestPersonalBudget: { op: 'mutation($c: ID!) { requestPersonalBudget(childId: $c) { status } }', vars: () => ({ c: s.childId }), outsider: () => familyMember(), wrongRole: () => s.health },
  decidePersonalBudget: { op: 'mutation($id: ID!, $d: Date!) { decidePersonalBudget(requestId: $id, decision: REFUSED, decidedOn: $d, reasons: "No") { status } }', vars: () => ({ id: s.budgetId, d: today }), outsider: () => coordinatorOf(other()), wrongRole: () => s.parent },
  upsertLocalOfferService: { op: 'mutation($a: String!) { upsertLocalOfferService(input: { areaCode: $a, name: "N", description: "D", organizationName: "O", needTypes: [ASD] }) { id } }', vars: () => ({ a: s.areaCode }), outsider: () => coordinatorOf(other()), wrongRole: () => ({ ...s.health, areas: [s.areaCode] }) },
  recordSenSupport: { op: 'mutation($c: ID!) { recordSenSupport(input: { childId: $c, startedOn: "2026-01-05", needs: [ASD], interventions: [{ description: "d", expectedOutcome: "o" }] }) { startedOn } }', vars: () => ({ c: s.childId }), outsider: () => practitioner('EDUCATION'), wrongRole: () => s.parent },
  reviewSenSupport: { op: 'mutation($c: ID!) { reviewSenSupport(input: { childId: $c, heldOn: "2026-01-05", outcomesMet: true }) { startedOn } }', vars: () => ({ c: s.childId }), outsider: () => practitioner('EDUCATION'), wrongRole: () => s.coordinator },
  recordParentsInformed: { op: 'mutation($c: ID!) { recordParentsInformed(childId: $c, on: "2026-01-05") { startedOn } }', vars: () => ({ c: s.childId }), outsider: () => practitioner('EDUCATION'), wrongRole: () => s.parent },
  recordTermDates: { op: 'mutation($a: String!) { recordTermDates(areaCode: $a, terms: [{ startsOn: "2026-09-01", endsOn: "2026-12-18" }]) { startsOn } }', vars: () => ({ a: s.areaCode }), outsider: () => coordinatorOf(other()), wrongRole: () => s.health },
  termDates: { op: 'query($a: String!) { termDates(areaCode: $a) { startsOn } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.parent, outsiderGetsEmpty: true, everyRole: true },
  areaSenSupportOutcomes: { op: 'query($a: String!) { areaSenSupportOutcomes(areaCode: $a) { schools { schoolOrg } } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.coordinator },
  recordDispute: { op: 'mutation($c: ID!) { recordDispute(input: { childId: $c, kind: MEDIATION, decision: REFUSAL_TO_ASSESS, decisionOn: "2026-01-05" }) { id } }', vars: () => ({ c: s.childId }), outsider: () => coordinatorOf(other()), wrongRole: () => s.parent },
  areaDisputes: { op: 'query($a: String!) { areaDisputes(areaCode: $a, year: 2026) { total cells { count } } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.coordinator },
  areaSufficiency: { op: 'query($a: String!) { areaSufficiency(areaCode: $a, groupBy: [PRIMARY_NEED]) { csv cells { need capacity } } }', vars: () => ({ a: s.areaCode }), outsider: () => commissionerOf(other()), wrongRole: () => s.coordinator },
  contributeSection: { op: 'mutation($c: ID!) { contributeSection(input: { childId: $c, code: C, entries: [{ key: "x", value: "y" }] }) { version } }', vars: () => ({ c: s.childId }), outsider: () => practitioner('HEALTH'), wrongRole: () => s.social },
};

const schema = buildGuardedSchema();
const rootFields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];

function expectNoChildData(result: GqlResult): void {
  const body = JSON.stringify(result.data ?? {});
  expect(body).not.toContain(s.childId);
  expect(body).not.toContain('Secretname');
}

/** The case's variables with every id of the scenario replaced by a random one (an id that exists nowhere). */
function withRandomIds(vars: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!vars) return vars;
  const ids = new Set([s.childId, s.consentId, s.grantId, s.adviceId, s.requestId, s.flaggedId, s.preferenceId, s.budgetId]);
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' && ids.has(v) ? randomUUID() : v]));
}

const takesAnId = (c: Case) => Object.values(c.vars?.() ?? {}).some((v) => [s.childId, s.consentId, s.grantId, s.adviceId, s.requestId, s.flaggedId, s.preferenceId, s.budgetId].includes(v as string));

describe('cross-tenant suite', () => {
  it('has a case for every root query and mutation', () => {
    expect(rootFields.filter((f) => !CASES[f])).toEqual([]);
  });

  it.each(rootFields)('%s: a caller from another area gets a refusal or nothing of the child', async (field) => {
    const c = CASES[field]!;
    const result = await t.gql(c.outsider(), c.op, c.vars?.());
    if (!c.outsiderGetsEmpty) expect(codes(result).some((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND'), JSON.stringify(result.errors)).toBe(true);
    expectNoChildData(result);
  });

  it.each(rootFields)('%s: an outsider gets byte for byte the answer for an id that does not exist', async (field) => {
    const c = CASES[field]!;
    if (!takesAnId(c)) return;
    const outsider = c.outsider();
    const real = await t.gql(outsider, c.op, c.vars?.());
    const missing = await t.gql(outsider, c.op, withRandomIds(c.vars?.()));
    expect(JSON.stringify({ status: real.status, data: real.data, errors: real.errors })).toBe(JSON.stringify({ status: missing.status, data: missing.data, errors: missing.errors }));
  });

  it('compares hidden with missing for every operation that takes an id', () => {
    expect(rootFields.filter((f) => takesAnId(CASES[f]!)).sort()).toEqual([
      'accessLog', 'addCareTeamMember', 'advancePlan', 'breakGlass', 'child', 'commentOnPlan', 'contributeSection',
      'decidePersonalBudget', 'decidePreference', 'familyRequestAssessment', 'grantConsent', 'linkFamilyMember',
      'provideAdvice', 'recordCapacity', 'recordClockException', 'recordDispute', 'recordParentsInformed',
      'recordSafeguardingExemptionReview', 'recordSenSupport', 'recordSubjectAccessRequest', 'refuseConsent',
      'removeCareTeamMember', 'requestAdvice', 'requestAssessment', 'requestPersonalBudget', 'reviewBreakGlass',
      'reviewFlaggedRecord', 'reviewSenSupport', 'statePreference', 'subjectAccessExport', 'unlinkFamilyMember',
      'updateChildDetails', 'withdrawConsent',
    ]);
  });

  it.each(rootFields.filter((f) => !CASES[f]?.everyRole))('%s: a caller of the wrong role is refused', async (field) => {
    const c = CASES[field]!;
    const result = await t.gql(c.wrongRole(), c.op, c.vars?.());
    expect(codes(result).some((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND'), JSON.stringify(result.errors)).toBe(true);
    expectNoChildData(result);
  });
});
