/**
 * The statutory process through the public API, right to the day, on the real database (PGlite, or the
 * PostgreSQL of DATABASE_URL): episodes (a request after an ended process starts the next and keeps the
 * old one), one open advice request per agency, clock exceptions under reg 5(4), 10(4), 13(3), the annual
 * review's steps (CFA s.44(1), reg 20) and the phase transfer (reg 18), and the 20-week measure's SQL
 * against the hand-worked TIMELINESS_CASES. Every date below was counted on a calendar.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelinessCounts } from '../../resolvers/commissioning/commissioning.store.js';
import { clockExceptions, planEpisodes, plans } from '../../schema/tables.js';
import { TIMELINESS_CASES } from '../../src/domain/timeliness-cases.js';
import { childScenario, newAreaCode } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';
import { insertPopulation } from './commissioning.support.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const PLAN_FIELDS = `episode status requestReceivedOn decisionOn finalIssuedOn ceasedReason nextReviewDue phaseTransferDue phaseTransferAmendedOn overdue
  review { meetingOn invitationsSentOn adviceCirculatedOn heldOn reportSentOn }
  lastReviewOutcome { heldOn decision decidedOn }
  deadlines { kind dueOn overdue owedBy exceptionApplies }
  clockExceptions { reason fromOn toOn evidenceNote qualifies }`;
const ADVANCE = `mutation($c: ID!, $e: PlanEvent!, $on: Date!, $m: Date, $d: ReviewDecision, $pt: PhaseTransfer, $py: Int, $fpt: Boolean) {
  advancePlan(childId: $c, event: $e, on: $on, meetingOn: $m, decision: $d, phaseTransfer: $pt, phaseTransferYear: $py, forPhaseTransfer: $fpt) { ${PLAN_FIELDS} } }`;
const REQUEST = `mutation($c: ID!, $d: Date!, $s: RequestSource) { requestAssessment(childId: $c, receivedOn: $d, source: $s) { episode status requestReceivedOn requestSource } }`;
const EXCEPTION = `mutation($c: ID!, $r: ClockExceptionReason!, $f: Date!, $to: Date!, $n: String!) {
  recordClockException(childId: $c, reason: $r, fromOn: $f, toOn: $to, evidenceNote: $n) { ${PLAN_FIELDS} } }`;
const ADVICE = `mutation($c: ID!, $a: Agency!, $d: Date!) { requestAdvice(childId: $c, agency: $a, requestedOn: $d) { id episode agency dueOn } }`;
const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { version } }`;

type Scenario = Awaited<ReturnType<typeof childScenario>>;
const advance = (s: Scenario, event: string, on: string, more: Record<string, unknown> = {}) => t.gql(s.coordinator, ADVANCE, { c: s.childId, e: event, on, ...more });
const planOf = async (s: Scenario) => (await t.gql(s.coordinator, `query($id: ID!) { child(id: $id) { plan { ${PLAN_FIELDS} } planHistory { episode status ceasedReason requestReceivedOn } } }`, { id: s.childId })).data.child;

async function writeFinalSections(s: Scenario): Promise<void> {
  const entries = [{ key: 'summary', value: 'text' }];
  const write = async (code: string, more: Record<string, unknown> = {}) => {
    const r = await t.gql(s.coordinator, CONTRIBUTE, { input: { childId: s.childId, code, entries, ...more } });
    expect(r.errors).toBeUndefined();
  };
  await write('B', { needs: [{ type: 'SLCN', rank: 1 }] });
  await write('E');
  await write('F', { provisions: [{ provisionType: 'TEACHING_ASSISTANT_SUPPORT', description: '1:1 support', quantity: 10, unit: 'HOURS', frequency: 'PER_WEEK' }] });
  await write('I', { placement: { settingType: 'MAINSTREAM', urn: '100001', settingName: 'Example Primary' } });
}

describe('episodes: a new request after an ended process starts the next and keeps the old one', () => {
  it('keeps each ended episode as it ended, with its own advice and exceptions', async () => {
    const s = await childScenario(t);
    expect((await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2024-01-10', s: 'YOUNG_PERSON_OR_PARENT' })).errors?.[0]?.message).toMatch(/requestedBy/);
    const first = await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2024-01-10', s: 'EDUCATION_SETTING' });
    expect(first.data.requestAssessment).toEqual({ episode: 1, status: 'REQUESTED', requestReceivedOn: '2024-01-10', requestSource: 'EDUCATION_SETTING' });
    expect((await advance(s, 'DECIDE_NOT_TO_ASSESS', '2024-02-01')).data.advancePlan.status).toBe('NOT_ASSESSED');
    // startEpisode: a new request is dated on or after the day the last episode ended.
    const early = await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2024-01-31' });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    const second = await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2024-06-03' });
    expect(second.data.requestAssessment).toMatchObject({ episode: 2, status: 'REQUESTED', requestSource: null });
    // While episode 2 is open a second request is a conflict, naming the open one.
    const again = await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2024-06-04' });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toMatch(/episode 2 \(received 2024-06-03\) is REQUESTED/);

    // reg 5(4)(c): 10 days' absence is under the 4-week minimum; (a) with no evidence is refused too.
    const short = await t.gql(s.coordinator, EXCEPTION, { c: s.childId, r: 'FAMILY_ABSENT_FROM_AREA', f: '2024-06-10', to: '2024-06-19', n: 'Family notice' });
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    expect(short.errors![0]!.message).toMatch(/10 days.*not less than 4 weeks \(28 days/);
    const noEvidence = await t.gql(s.coordinator, EXCEPTION, { c: s.childId, r: 'SETTING_CLOSED', f: '2024-07-22', to: '2024-08-18', n: '   ' });
    expect(codes(noEvidence)).toEqual(['BAD_USER_INPUT']);
    expect(noEvidence.errors![0]!.extensions!.field).toBe('evidenceNote');
    // Mon 22 July to Sun 18 August 2024: exactly 28 days, both ends included.
    const closed = await t.gql(s.coordinator, EXCEPTION, { c: s.childId, r: 'SETTING_CLOSED', f: '2024-07-22', to: '2024-08-18', n: '  Summer closure letter, ref. SYN-7  ' });
    expect(closed.errors).toBeUndefined();
    expect(closed.data.recordClockException.clockExceptions).toEqual([
      { reason: 'SETTING_CLOSED', fromOn: '2024-07-22', toOn: '2024-08-18', evidenceNote: 'Summer closure letter, ref. SYN-7', qualifies: true },
    ]);
    expect(closed.data.recordClockException.deadlines).toEqual([
      // reg 5(1): 2024-06-03 + 6 weeks = 2024-07-15; the exception applies (reg 5(4)) but lateness still shows.
      { kind: 'DECISION_TO_ASSESS', dueOn: '2024-07-15', overdue: true, owedBy: 'COUNCIL', exceptionApplies: true },
    ]);

    expect((await advance(s, 'DECIDE_TO_ASSESS', '2024-08-20')).data.advancePlan.status).toBe('ASSESSING');
    const health = await t.gql(s.coordinator, ADVICE, { c: s.childId, a: 'HEALTH', d: '2024-08-21' });
    expect(health.data.requestAdvice).toMatchObject({ episode: 2, agency: 'HEALTH', dueOn: '2024-10-02' });
    // One open request per agency: a second names the first.
    const twice = await t.gql(s.coordinator, ADVICE, { c: s.childId, a: 'HEALTH', d: '2024-08-22' });
    expect(codes(twice)).toEqual(['BAD_USER_INPUT']);
    expect(twice.errors![0]!.message).toContain('advice from HEALTH requested on 2024-08-21 is still outstanding');
    expect((await t.gql(s.coordinator, ADVICE, { c: s.childId, a: 'SOCIAL_CARE', d: '2024-08-22' })).errors).toBeUndefined();
    const mine = async () => (await t.gql(s.health, `{ myAdviceRequests { childId episode child { givenName } } }`)).data.myAdviceRequests;
    expect(await mine()).toEqual([{ childId: s.childId, episode: 2, child: { givenName: 'Test' } }]);

    // reg 10(1): no plan after the assessment; the episode ends CEASED (NOT_ISSUED), and with it the exceptions.
    expect((await advance(s, 'DECIDE_NOT_TO_ISSUE', '2024-10-01')).data.advancePlan).toMatchObject({ status: 'CEASED', ceasedReason: 'NOT_ISSUED', deadlines: [] });
    const after = await t.gql(s.coordinator, EXCEPTION, { c: s.childId, r: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', f: '2024-09-02', to: '2024-09-03', n: 'GP letter' });
    expect(codes(after)).toEqual(['BAD_USER_INPUT']);
    expect(after.errors![0]!.message).toMatch(/never after it has ended/);
    // The ended episode's unanswered advice leaves the practitioner's worklist.
    expect(await mine()).toEqual([]);

    expect((await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2025-01-06', s: 'HEALTH' })).data.requestAssessment.episode).toBe(3);
    const child = await planOf(s);
    expect(child.planHistory).toEqual([
      { episode: 1, status: 'NOT_ASSESSED', ceasedReason: null, requestReceivedOn: '2024-01-10' },
      { episode: 2, status: 'CEASED', ceasedReason: 'NOT_ISSUED', requestReceivedOn: '2024-06-03' },
      { episode: 3, status: 'REQUESTED', ceasedReason: null, requestReceivedOn: '2025-01-06' },
    ]);
    // Episode 3 starts with no exceptions: episode 2's stay with it.
    expect(child.plan.clockExceptions).toEqual([]);
    const rows = await t.hub.database.db.select().from(planEpisodes).where(sql`${planEpisodes.childId} = ${s.childId}`);
    expect(rows.map((r) => [r.episode, r.status, r.decisionOn])).toEqual([[1, 'NOT_ASSESSED', '2024-02-01'], [2, 'CEASED', '2024-08-20']]);
  });
});

describe('the annual review (CFA s.44(1), reg 20) and the phase transfer (reg 18)', () => {
  it('lists each open deadline by kind, takes the review steps in order and completes the transfer with the amended plan', async () => {
    const s = await childScenario(t);
    await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2024-01-10' });
    await advance(s, 'DECIDE_TO_ASSESS', '2024-02-01');
    await advance(s, 'ISSUE_DRAFT', '2024-04-01');
    await writeFinalSections(s);
    // reg 13(1)(a): 15 days beginning with 1 April end on 15 April; the plan may be final from 16 April.
    expect(codes(await advance(s, 'FINALISE', '2024-04-15'))).toEqual(['BAD_USER_INPUT']);
    const final = (await advance(s, 'FINALISE', '2024-04-16')).data.advancePlan;
    // s.44(1): 12 months starting with 16 April 2024 end on 15 April 2025 (not on the anniversary).
    expect(final).toMatchObject({ status: 'FINAL', finalIssuedOn: '2024-04-16', nextReviewDue: '2025-04-15' });
    expect(final.deadlines).toEqual([{ kind: 'ANNUAL_REVIEW', dueOn: '2025-04-15', overdue: true, owedBy: 'COUNCIL', exceptionApplies: false }]);
    // reg 13(3): no exception once the plan is final.
    expect(codes(await t.gql(s.coordinator, EXCEPTION, { c: s.childId, r: 'SETTING_CLOSED', f: '2024-02-05', to: '2024-03-03', n: 'Closure letter' }))).toEqual(['BAD_USER_INPUT']);

    // The meeting is set for Thu 20 March 2025 with a transfer to secondary in September 2025 (due 15 Feb 2025).
    expect(codes(await advance(s, 'SCHEDULE_REVIEW', '2025-03-01', { m: '2025-02-28' }))).toEqual(['BAD_USER_INPUT']);
    const set = (await advance(s, 'SCHEDULE_REVIEW', '2025-03-01', { m: '2025-03-20', pt: 'TO_SECONDARY', py: 2025 })).data.advancePlan;
    expect(set.review).toEqual({ meetingOn: '2025-03-20', invitationsSentOn: null, adviceCirculatedOn: null, heldOn: null, reportSentOn: null });
    expect(set.deadlines.map((d: any) => [d.kind, d.dueOn, d.overdue])).toEqual([
      ['PHASE_TRANSFER', '2025-02-15', true],
      // reg 20(3), (4): two weeks before 20 March is 6 March.
      ['REVIEW_INVITATIONS', '2025-03-06', true],
      ['REVIEW_ADVICE', '2025-03-06', true],
      ['ANNUAL_REVIEW', '2025-04-15', true],
    ]);
    expect(codes(await advance(s, 'RECORD_REVIEW', '2025-03-20'))).toEqual(['BAD_USER_INPUT']);
    await advance(s, 'SEND_REVIEW_INVITATIONS', '2025-03-05');
    await advance(s, 'CIRCULATE_REVIEW_ADVICE', '2025-03-06');
    const held = (await advance(s, 'RECORD_REVIEW', '2025-03-20')).data.advancePlan;
    // s.44(1) runs again from the meeting: 12 months starting with 20 March 2025 end on 19 March 2026.
    expect(held.nextReviewDue).toBe('2026-03-19');
    expect(held.deadlines.map((d: any) => [d.kind, d.dueOn])).toEqual([
      ['PHASE_TRANSFER', '2025-02-15'],
      ['REVIEW_REPORT', '2025-04-03'], // reg 20(7): two weeks after the meeting
      ['REVIEW_DECISION', '2025-04-17'], // reg 20(10): four weeks after the meeting
      ['ANNUAL_REVIEW', '2026-03-19'],
    ]);
    expect(codes(await advance(s, 'DECIDE_AFTER_REVIEW', '2025-04-01', { d: 'AMEND' }))).toEqual(['BAD_USER_INPUT']);
    await advance(s, 'SEND_REVIEW_REPORT', '2025-04-01');
    const decided = (await advance(s, 'DECIDE_AFTER_REVIEW', '2025-04-10', { d: 'AMEND' })).data.advancePlan;
    expect(decided.review).toBeNull();
    expect(decided.lastReviewOutcome).toEqual({ heldOn: '2025-03-20', decision: 'AMEND', decidedOn: '2025-04-10' });
    expect(decided.deadlines.map((d: any) => [d.kind, d.dueOn, d.owedBy])).toEqual([
      ['PHASE_TRANSFER', '2025-02-15', 'COUNCIL'],
      // reg 22(2)(c): 15 days beginning with 10 April end on 24 April; reg 22(3): 8 weeks to 5 June.
      ['AMENDMENT', '2025-06-05', 'COUNCIL'],
      ['ANNUAL_REVIEW', '2026-03-19', 'COUNCIL'],
    ]);
    expect(codes(await advance(s, 'FINALISE_AMENDMENT', '2025-04-24'))).toEqual(['BAD_USER_INPUT']);
    // The amended plan is issued in the transfer's school year (from 1 September 2024): the transfer is done, late.
    const amended = (await advance(s, 'FINALISE_AMENDMENT', '2025-04-25')).data.advancePlan;
    expect(amended).toMatchObject({ phaseTransferDue: '2025-02-15', phaseTransferAmendedOn: '2025-04-25' });
    expect(amended.deadlines.map((d: any) => [d.kind, d.dueOn, d.overdue])).toEqual([['ANNUAL_REVIEW', '2026-03-19', true]]);
    expect(amended.overdue).toBe(true);
  });
});

describe('month ends, leap days and weekends, counted on a calendar', () => {
  it('keeps a Saturday deadline on the Saturday and ends s.44 periods and reg 20 steps on the right day', async () => {
    const s = await childScenario(t);
    // reg 5(1): Saturday 1 April 2023 + 6 weeks = Saturday 13 May 2023 (calendar days, no roll-over).
    const requested = await t.gql(s.coordinator, `mutation($c: ID!) { requestAssessment(childId: $c, receivedOn: "2023-04-01") { decisionDue finalPlanDue deadlines { kind dueOn } } }`, { c: s.childId });
    expect(requested.data.requestAssessment).toEqual({ decisionDue: '2023-05-13', finalPlanDue: '2023-08-19', deadlines: [{ kind: 'DECISION_TO_ASSESS', dueOn: '2023-05-13' }] });
    await advance(s, 'DECIDE_TO_ASSESS', '2023-04-20');
    await advance(s, 'ISSUE_DRAFT', '2023-08-16');
    await writeFinalSections(s);
    // reg 13(1)(a): 15 days beginning with Wed 16 August end on Wed 30 August; final from the 31st.
    const final = (await advance(s, 'FINALISE', '2023-08-31')).data.advancePlan;
    // s.44(1): 12 months starting with 31 August 2023 end on 30 August 2024.
    expect(final.nextReviewDue).toBe('2024-08-30');
    await advance(s, 'SCHEDULE_REVIEW', '2024-01-10', { m: '2024-01-31' });
    await advance(s, 'SEND_REVIEW_INVITATIONS', '2024-01-16');
    await advance(s, 'CIRCULATE_REVIEW_ADVICE', '2024-01-17');
    const held = (await advance(s, 'RECORD_REVIEW', '2024-01-31')).data.advancePlan;
    // From Wed 31 January 2024: report by 14 February; decision within 4 weeks, 28 February (2024 has a 29th:
    // 28 days, not "the end of the month"); the next review within 12 months starting with 31 January, by 30 January 2025.
    expect(held.deadlines.map((d: any) => [d.kind, d.dueOn])).toEqual([
      ['REVIEW_REPORT', '2024-02-14'],
      ['REVIEW_DECISION', '2024-02-28'],
      ['ANNUAL_REVIEW', '2025-01-30'],
    ]);
  });

  it('gives a plan made on 29 February 2024 until 28 February 2025 for its review (s.44(1))', async () => {
    const s = await childScenario(t);
    await t.gql(s.coordinator, REQUEST, { c: s.childId, d: '2023-10-02' });
    await advance(s, 'DECIDE_TO_ASSESS', '2023-10-16');
    await advance(s, 'ISSUE_DRAFT', '2024-02-14');
    await writeFinalSections(s);
    // 15 days beginning with 14 February 2024 end on the 28th; the 29th is the first day the plan may be final.
    expect(codes(await advance(s, 'FINALISE', '2024-02-28'))).toEqual(['BAD_USER_INPUT']);
    const final = (await advance(s, 'FINALISE', '2024-02-29')).data.advancePlan;
    expect(final).toMatchObject({ finalIssuedOn: '2024-02-29', nextReviewDue: '2025-02-28' });
  });
});

describe('the 20-week measure in SQL agrees with the hand-worked cases (reg 13(2), (3))', () => {
  it.each(TIMELINESS_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const db = t.hub.database.db;
    const area = newAreaCode();
    const [kid] = await insertPopulation(db, area, [{ need: 'ASD', locality: 'North', status: 'FINAL', setting: null, dateOfBirth: '2015-03-01' }], t.config.disclosureKey);
    await db.update(plans).set({ requestReceivedOn: c.requestReceivedOn, finalIssuedOn: c.finalIssuedOn }).where(sql`${plans.childId} = ${kid!.id}`);
    for (const e of c.exceptions) await db.insert(clockExceptions).values({ childId: kid!.id, reason: e.reason, fromOn: e.fromOn, toOn: e.toOn, evidenceNote: (e.evidenceNote ?? '').trim(), recordedBySub: 'test' });
    const year = c.finalIssuedOn.slice(0, 4);
    const counts = await timelinessCounts(db, area, `${year}-01-01`, `${Number(year) + 1}-01-01`);
    expect({ issued: counts.issued.count, within: counts.within.count }).toEqual({ issued: c.counted ? 1 : 0, within: c.counted && c.withinTwentyWeeks ? 1 : 0 });
  });

  it('counts a final plan of an ended episode, and only that episode\'s exceptions', async () => {
    const db = t.hub.database.db;
    const area = newAreaCode();
    const [kid] = await insertPopulation(db, area, [{ need: 'ASD', locality: 'North', status: 'REQUESTED', setting: null, dateOfBirth: '2015-03-01' }], t.config.disclosureKey);
    await db.update(plans).set({ episode: 2, requestReceivedOn: '2025-06-02' }).where(sql`${plans.childId} = ${kid!.id}`);
    // Episode 1: requested Mon 2024-01-08, final Mon 2024-05-20 (19 weeks), ceased 2025-03-03.
    await db.insert(planEpisodes).values({ childId: kid!.id, episode: 1, status: 'CEASED', requestReceivedOn: '2024-01-08', finalIssuedOn: '2024-05-20', ceasedOn: '2025-03-03', ceasedReason: 'CEASED_TO_MAINTAIN' });
    // A qualifying exception of episode 2 does not take episode 1 out of the measure.
    await db.insert(clockExceptions).values({ childId: kid!.id, episode: 2, reason: 'SETTING_CLOSED', fromOn: '2024-02-05', toOn: '2024-03-03', evidenceNote: 'Closure letter', recordedBySub: 'test' });
    const counts = await timelinessCounts(db, area, '2024-01-01', '2025-01-01');
    expect({ issued: counts.issued.count, within: counts.within.count }).toEqual({ issued: 1, within: 1 });
  });
});
