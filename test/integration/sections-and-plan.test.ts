import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/statutory-clock.js';
import { childScenario, familyMember, practitioner } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { code version agency authorOrg entries { key category value } } }`;
const SECTION = `query($id: ID!, $code: SectionCode!) { child(id: $id) { section(code: $code) { code version entries { key category value } needs { type rank } history { version authorOrg } } } }`;
const PLAN = `plan { status requestReceivedOn decisionDue finalPlanDue draftCommentsCloseOn nextReviewDue overdue }`;
const today = new Date().toISOString().slice(0, 10);
const entry = (value = 'text', extra: Record<string, unknown> = {}) => [{ key: 'summary', value, ...extra }];

describe('section ownership (issue 3 §1)', () => {
  it('lets each agency write only its own sections, and family only section A', async () => {
    const s = await childScenario(t);
    const teacher = practitioner('EDUCATION');
    const ok = async (actor: any, code: string, more: Record<string, unknown> = {}) => {
      const r = await t.gql(actor, CONTRIBUTE, { input: { childId: s.childId, code, entries: entry(), ...more } });
      expect(r.errors).toBeUndefined();
      return r.data.contributeSection;
    };
    expect((await ok(s.health, 'C')).agency).toBe('HEALTH');
    await ok(s.social, 'D');
    await ok(s.coordinator, 'B', { needs: [{ type: 'ASD', rank: 1 }] });
    await ok(s.parent, 'A');
    const refused: [any, string, string][] = [
      [s.health, 'D', 'FORBIDDEN'],
      [s.social, 'C', 'FORBIDDEN'],
      [s.coordinator, 'C', 'FORBIDDEN'],
      [s.parent, 'B', 'FORBIDDEN'],
      [teacher, 'F', 'NOT_FOUND'], // not on the care team: the child does not exist for them
      [familyMember(), 'A', 'NOT_FOUND'],
    ];
    for (const [actor, code, expected] of refused) {
      const r = await t.gql(actor, CONTRIBUTE, { input: { childId: s.childId, code, entries: entry() } });
      expect(codes(r), `${actor.role}/${actor.agency} writing ${code}`).toEqual([expected]);
    }
  });
});

describe('entry categories (issue 3 §2)', () => {
  it('defaults by section, allows raising within the agency, refuses lowering or moving', async () => {
    const s = await childScenario(t);
    const raised = await t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', entries: [{ key: 'a', value: 'x' }, { key: 'b', value: 'y', category: 'HEALTH_SENSITIVE' }] } });
    expect(raised.data.contributeSection.entries.map((e: any) => e.category)).toEqual(['HEALTH', 'HEALTH_SENSITIVE']);
    for (const category of ['EDUCATION', 'SOCIAL_CARE', 'SAFEGUARDING', 'IDENTITY']) {
      const r = await t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', entries: entry('x', { category }) } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const safeguarding = await t.gql(s.social, CONTRIBUTE, { input: { childId: s.childId, code: 'D', entries: entry('x', { category: 'SAFEGUARDING' }) } });
    expect(safeguarding.data.contributeSection.entries[0].category).toBe('SAFEGUARDING');
  });
});

describe('bad input writes nothing (issue 3 bad input)', () => {
  it('refuses empty entries, oversize values, bad needs, bad URN and H1 for over-18s; version unchanged', async () => {
    const s = await childScenario(t);
    const adult = await childScenario(t, { dateOfBirth: '2006-01-01' });
    const cases: [any, Record<string, unknown>][] = [
      [s.coordinator, { code: 'B', entries: [], needs: [{ type: 'ASD', rank: 1 }] }],
      [s.coordinator, { code: 'B', entries: entry('x'.repeat(20_001)), needs: [{ type: 'ASD', rank: 1 }] }],
      [s.coordinator, { code: 'B', entries: [{ key: '', value: 'x' }], needs: [{ type: 'ASD', rank: 1 }] }],
      [s.coordinator, { code: 'B', entries: entry() }],
      [s.coordinator, { code: 'B', entries: entry(), needs: [{ type: 'ASD', rank: 1 }, { type: 'MLD', rank: 1 }] }],
      [s.coordinator, { code: 'B', entries: entry(), needs: [{ type: 'ASD', rank: 3 }] }],
      [s.coordinator, { code: 'I', entries: entry(), placement: { settingType: 'SPECIAL', urn: '12345', settingName: 'X' } }],
      [s.coordinator, { code: 'E', entries: entry(), needs: [{ type: 'ASD', rank: 1 }] }],
      [s.health, { code: 'G', entries: entry(), provisions: [{ provisionType: 'SPEECH_AND_LANGUAGE_THERAPY', description: 'x', startOn: '2026-05-01', endOn: '2026-04-01' }] }],
    ];
    for (const [actor, input] of cases) {
      const r = await t.gql(actor, CONTRIBUTE, { input: { childId: s.childId, ...input } });
      expect(codes(r), JSON.stringify(input).slice(0, 120)).toEqual(['BAD_USER_INPUT']);
    }
    const h1 = await t.gql(adult.social, CONTRIBUTE, { input: { childId: adult.childId, code: 'H1', entries: entry() } });
    expect(codes(h1)).toEqual(['BAD_USER_INPUT']);
    const unknownCode = await t.gql(s.coordinator, `mutation { contributeSection(input: { childId: "${s.childId}", code: Z, entries: [{ key: "a", value: "b" }] }) { code } }`);
    expect(codes(unknownCode)).toEqual(['BAD_USER_INPUT']);
    const after = await t.gql(s.coordinator, `query($id: ID!) { child(id: $id) { sections { code } } }`, { id: s.childId });
    expect(after.data.child.sections).toEqual([]);
  });
});

describe('versions and concurrency (issue 3 §4)', () => {
  it('appends versions with history and refuses a stale expectedVersion with CONFLICT', async () => {
    const s = await childScenario(t);
    const write = (expectedVersion: number | null, value: string) =>
      t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', expectedVersion, entries: entry(value) } });
    expect((await write(0, 'v1')).data.contributeSection.version).toBe(1);
    expect((await write(1, 'v2')).data.contributeSection.version).toBe(2);
    expect(codes(await write(1, 'stale'))).toEqual(['CONFLICT']);
    const read = await t.gql(s.health, SECTION, { id: s.childId, code: 'C' });
    expect(read.data.child.section.version).toBe(2);
    expect(read.data.child.section.entries[0].value).toBe('v2');
    expect(read.data.child.section.history.map((h: any) => h.version)).toEqual([1, 2]);
  });

  it('lets exactly one of 8 concurrent writers of the same version win', async () => {
    const s = await childScenario(t);
    await t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', entries: entry('v1') } });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', expectedVersion: 1, entries: entry(`writer ${i}`) } })),
    );
    const winners = results.filter((r) => r.data?.contributeSection);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => codes(r)[0] === 'CONFLICT')).toHaveLength(7);
    const read = await t.gql(s.health, SECTION, { id: s.childId, code: 'C' });
    expect(read.data.child.section.version).toBe(2);
    expect(read.data.child.section.history).toHaveLength(2);
  });
});

describe('plan lifecycle and clock (issue 3 §5)', () => {
  const advance = (actor: any, childId: string, event: string, on: string) =>
    t.gql(actor, `mutation($c: ID!, $e: PlanEvent!, $on: Date!) { advancePlan(childId: $c, event: $e, on: $on) { status finalIssuedOn } }`, { c: childId, e: event, on });

  it('runs request → assess → draft → final, refusing illegal steps with reasons', async () => {
    const s = await childScenario(t);
    const received = addDays(today, -120);
    const requested = await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status decisionDue finalPlanDue } }`, { c: s.childId, d: received });
    expect(requested.data.requestAssessment).toEqual({ status: 'REQUESTED', decisionDue: addDays(received, 42), finalPlanDue: addDays(received, 140) });
    expect(codes(await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: s.childId, d: received }))).toEqual(['CONFLICT']);

    const early = await advance(s.coordinator, s.childId, 'ISSUE_DRAFT', addDays(received, 30));
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.message).toMatch(/decision to assess/);
    expect(codes(await advance(s.coordinator, s.childId, 'DECIDE_TO_ASSESS', addDays(received, -1)))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await advance(s.health, s.childId, 'DECIDE_TO_ASSESS', addDays(received, 30)))).toEqual(['FORBIDDEN']);
    expect((await advance(s.coordinator, s.childId, 'DECIDE_TO_ASSESS', addDays(received, 30))).data.advancePlan.status).toBe('ASSESSING');

    const advice = await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAdvice(childId: $c, agency: HEALTH, requestedOn: $d) { id dueOn overdue } }`, { c: s.childId, d: addDays(received, 31) });
    expect(advice.data.requestAdvice.dueOn).toBe(addDays(received, 31 + 42));
    const mine = await t.gql(s.health, `{ myAdviceRequests { id childId dueOn overdue } }`);
    expect(mine.data.myAdviceRequests.map((a: any) => a.childId)).toContain(s.childId);

    const draftOn = addDays(received, 60);
    expect((await advance(s.coordinator, s.childId, 'ISSUE_DRAFT', draftOn)).data.advancePlan.status).toBe('DRAFT');
    const missing = await advance(s.coordinator, s.childId, 'FINALISE', addDays(draftOn, 20));
    expect(missing.errors![0]!.message).toMatch(/sections B, E, F, I missing/);

    const write = (code: string, more: Record<string, unknown> = {}) => t.gql(s.coordinator, CONTRIBUTE, { input: { childId: s.childId, code, entries: entry(), ...more } });
    await write('B', { needs: [{ type: 'SLCN', rank: 1 }, { type: 'ASD', rank: 2 }] });
    await write('E');
    await write('F', { provisions: [{ provisionType: 'TEACHING_ASSISTANT_SUPPORT', description: '1:1 support', quantity: 10, unit: 'HOURS', frequency: 'PER_WEEK', annualCostPence: 1200000 }] });
    await write('I', { placement: { settingType: 'MAINSTREAM', urn: '100001', settingName: 'Example Primary' } });
    const tooSoon = await advance(s.coordinator, s.childId, 'FINALISE', addDays(draftOn, 10));
    expect(tooSoon.errors![0]!.message).toMatch(/15 days/);
    // reg 6(1): the health advice asked for is still outstanding, so the plan cannot be finalised yet.
    const awaitingAdvice = await advance(s.coordinator, s.childId, 'FINALISE', addDays(draftOn, 20));
    expect(awaitingAdvice.errors![0]!.message).toContain(`advice from HEALTH requested on ${addDays(received, 31)} is still outstanding`);
    const given = await t.gql(s.health, `mutation($c: ID!, $a: ID!, $d: Date!) { provideAdvice(childId: $c, adviceRequestId: $a, providedOn: $d, advice: [{ key: "health.advice", value: "Needs speech and language therapy" }]) { id } }`, { c: s.childId, a: advice.data.requestAdvice.id, d: addDays(draftOn, 19) });
    expect(given.errors).toBeUndefined();
    const final = await advance(s.coordinator, s.childId, 'FINALISE', addDays(draftOn, 20));
    expect(final.data.advancePlan).toEqual({ status: 'FINAL', finalIssuedOn: addDays(draftOn, 20) });
    const plan = await t.gql(s.parent, `query($id: ID!) { child(id: $id) { ${PLAN} } }`, { id: s.childId });
    expect(plan.data.child.plan.status).toBe('FINAL');
    expect(plan.data.child.plan.overdue).toBe(false);
    // The process is the council's EDUCATION record: another agency reads it only with the family's consent.
    expect(codes(await t.gql(s.health, `query($id: ID!) { child(id: $id) { ${PLAN} } }`, { id: s.childId }))).toEqual(['CONSENT_REQUIRED']);
  });

  it('refuses G provision not agreed by the ICB at finalisation (reg 12(2))', async () => {
    const s = await childScenario(t);
    const received = addDays(today, -100);
    await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: s.childId, d: received });
    await advance(s.coordinator, s.childId, 'DECIDE_TO_ASSESS', addDays(received, 20));
    await advance(s.coordinator, s.childId, 'ISSUE_DRAFT', addDays(received, 40));
    for (const code of ['B', 'E', 'F', 'I']) {
      const more = code === 'B' ? { needs: [{ type: 'PD', rank: 1 }] } : code === 'I' ? { placement: { settingType: 'SPECIAL', settingName: 'X School' } } : {};
      await t.gql(s.coordinator, CONTRIBUTE, { input: { childId: s.childId, code, entries: entry(), ...more } });
    }
    await t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'G', entries: entry(), icbAgreed: false, provisions: [{ provisionType: 'PHYSIOTHERAPY', description: 'weekly physiotherapy' }] } });
    const refused = await advance(s.coordinator, s.childId, 'FINALISE', addDays(received, 60));
    expect(refused.errors![0]!.message).toMatch(/ICB/);
    await t.gql(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'G', entries: entry(), icbAgreed: true, provisions: [{ provisionType: 'PHYSIOTHERAPY', description: 'weekly physiotherapy' }] } });
    expect((await advance(s.coordinator, s.childId, 'FINALISE', addDays(received, 60))).data.advancePlan.status).toBe('FINAL');
  });

  it('reports overdue when the decision is late', async () => {
    const s = await childScenario(t);
    await t.gql(s.coordinator, `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`, { c: s.childId, d: addDays(today, -50) });
    const plan = await t.gql(s.coordinator, `query($id: ID!) { child(id: $id) { ${PLAN} } }`, { id: s.childId });
    expect(plan.data.child.plan.overdue).toBe(true);
  });
});
