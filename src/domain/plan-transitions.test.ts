import { describe, expect, it } from 'vitest';
import { PLAN_STATUSES, type PlanStatus, type SectionCode } from './vocabulary.js';
import {
  ALLOWED_FROM,
  ALL_PLAN_EVENT_TYPES,
  PLAN_EVENT_TYPES,
  REVIEW_STEP_EVENT_TYPES,
  applyPlanTransition,
  checkAdviceRequest,
  startEpisode,
  type AdviceRequestFact,
  type AnyPlanEventType,
  type PlanEvent,
  type PlanState,
  type TransitionFacts,
} from './plan-transitions.js';
import { isProcessOverdue } from './process-deadlines.js';

// Expected dates below are worked by hand on a calendar, not produced by the code under test.

const COMPLETE: SectionCode[] = ['A', 'B', 'C', 'E', 'F', 'G', 'I', 'K'];

/** Facts under which every guard passes. */
function facts(overrides: Partial<TransitionFacts> = {}): TransitionFacts {
  return { presentSections: COMPLETE, hasPlacement: true, gHasProvision: true, gAgreedByIcb: true, adviceRequests: [], today: '2026-05-20', ...overrides };
}

/** A state of episode 1 for a request received on Monday 2026-01-05. */
const st = (status: PlanStatus, extra: Partial<PlanState> = {}): PlanState => ({ episode: 1, status, requestReceivedOn: '2026-01-05', ...extra });

const apply = (state: PlanState, type: AnyPlanEventType, f: Partial<TransitionFacts> = {}, payload: Omit<PlanEvent, 'type'> = {}) =>
  applyPlanTransition(Object.freeze({ ...state }), { type, ...payload }, facts(f));

const reasonOf = (result: ReturnType<typeof applyPlanTransition>): string => {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.state)}`);
  return result.reason;
};

const stateOf = (result: ReturnType<typeof applyPlanTransition>): PlanState => {
  if (!result.ok) throw new Error(`expected success, got: ${result.reason}`);
  return result.state;
};

/** The status each legal event leads to. */
const TARGET: Record<AnyPlanEventType, PlanStatus> = {
  DECIDE_TO_ASSESS: 'ASSESSING',
  DECIDE_NOT_TO_ASSESS: 'NOT_ASSESSED',
  ISSUE_DRAFT: 'DRAFT',
  DECIDE_NOT_TO_ISSUE: 'CEASED',
  FINALISE: 'FINAL',
  RECORD_REVIEW: 'FINAL',
  PROPOSE_AMENDMENT: 'FINAL',
  FINALISE_AMENDMENT: 'FINAL',
  CEASE: 'CEASED',
  SCHEDULE_REVIEW: 'FINAL',
  SEND_REVIEW_INVITATIONS: 'FINAL',
  CIRCULATE_REVIEW_ADVICE: 'FINAL',
  SEND_REVIEW_REPORT: 'FINAL',
  DECIDE_AFTER_REVIEW: 'FINAL',
};

/** The transition table written out by hand, independently of ALLOWED_FROM. */
const LEGAL = new Set([
  'REQUESTED:DECIDE_TO_ASSESS',
  'REQUESTED:DECIDE_NOT_TO_ASSESS',
  'ASSESSING:ISSUE_DRAFT',
  'ASSESSING:DECIDE_NOT_TO_ISSUE',
  'DRAFT:FINALISE',
  'FINAL:RECORD_REVIEW',
  'FINAL:PROPOSE_AMENDMENT',
  'FINAL:FINALISE_AMENDMENT',
  'FINAL:CEASE',
  'FINAL:SCHEDULE_REVIEW',
  'FINAL:SEND_REVIEW_INVITATIONS',
  'FINAL:CIRCULATE_REVIEW_ADVICE',
  'FINAL:SEND_REVIEW_REPORT',
  'FINAL:DECIDE_AFTER_REVIEW',
]);

/** A state in `status` that meets every guard of `event` on 2026-05-20, and the event's payload. */
function ready(status: PlanStatus, event: AnyPlanEventType): { state: PlanState; payload: Omit<PlanEvent, 'type'> } {
  const base = st(status, { draftIssuedOn: '2026-04-20', finalIssuedOn: status === 'FINAL' ? '2026-05-01' : null });
  const heldCycle = { meetingOn: '2026-05-15', invitationsSentOn: '2026-05-01', adviceCirculatedOn: '2026-05-01', heldOn: '2026-05-15' };
  switch (event) {
    case 'FINALISE_AMENDMENT':
      return { state: { ...base, amendmentProposedOn: '2026-05-01' }, payload: {} };
    case 'SCHEDULE_REVIEW':
      return { state: base, payload: { meetingOn: '2026-06-15' } };
    case 'SEND_REVIEW_INVITATIONS':
      return { state: { ...base, review: { meetingOn: '2026-06-15' } }, payload: {} };
    case 'CIRCULATE_REVIEW_ADVICE':
      return { state: { ...base, review: { meetingOn: '2026-06-15', invitationsSentOn: '2026-05-10' } }, payload: {} };
    case 'RECORD_REVIEW':
      return { state: { ...base, review: { meetingOn: '2026-05-20', invitationsSentOn: '2026-05-05', adviceCirculatedOn: '2026-05-06' } }, payload: {} };
    case 'SEND_REVIEW_REPORT':
      return { state: { ...base, review: heldCycle }, payload: {} };
    case 'DECIDE_AFTER_REVIEW':
      return { state: { ...base, review: { ...heldCycle, reportSentOn: '2026-05-18' } }, payload: { decision: 'MAINTAIN' } };
    default:
      return { state: base, payload: {} };
  }
}

describe('every status × event', () => {
  const pairs = PLAN_STATUSES.flatMap((status) => ALL_PLAN_EVENT_TYPES.map((event) => [status, event] as const));

  it('covers all 84 pairs, 14 of them legal, matching the exported table', () => {
    expect(pairs).toHaveLength(84);
    expect(pairs.filter(([s, e]) => ALLOWED_FROM[e].includes(s)).map(([s, e]) => `${s}:${e}`).sort()).toEqual([...LEGAL].sort());
  });

  it('lists the process events and the review steps, in that order', () => {
    expect([...PLAN_EVENT_TYPES]).toEqual([
      'DECIDE_TO_ASSESS',
      'DECIDE_NOT_TO_ASSESS',
      'ISSUE_DRAFT',
      'DECIDE_NOT_TO_ISSUE',
      'FINALISE',
      'RECORD_REVIEW',
      'PROPOSE_AMENDMENT',
      'FINALISE_AMENDMENT',
      'CEASE',
    ]);
    expect([...REVIEW_STEP_EVENT_TYPES]).toEqual(['SCHEDULE_REVIEW', 'SEND_REVIEW_INVITATIONS', 'CIRCULATE_REVIEW_ADVICE', 'SEND_REVIEW_REPORT', 'DECIDE_AFTER_REVIEW']);
  });

  it.each(pairs.filter(([s, e]) => LEGAL.has(`${s}:${e}`)))('%s + %s is allowed', (status, event) => {
    const { state, payload } = ready(status, event);
    expect(stateOf(apply(state, event, {}, payload)).status).toBe(TARGET[event]);
  });

  it.each(pairs.filter(([s, e]) => !LEGAL.has(`${s}:${e}`)))('%s + %s is refused, naming the status', (status, event) => {
    const { state, payload } = ready(status, event);
    const reason = reasonOf(apply(state, event, {}, payload));
    expect(reason).toMatch(/^cannot /);
    expect(reason).toContain(`the plan is ${status}`);
  });
});

describe('deciding whether to assess (CFA s.36(8), reg 5(1))', () => {
  it('moves a request to ASSESSING, recording the decision date, without touching the input', () => {
    const before: PlanState = Object.freeze(st('REQUESTED'));
    const result = applyPlanTransition(before, { type: 'DECIDE_TO_ASSESS' }, facts({ today: '2026-02-10' }));
    expect(stateOf(result)).toEqual(st('ASSESSING', { decisionOn: '2026-02-10' }));
    expect(before).toEqual(st('REQUESTED'));
  });

  it('ends a request as NOT_ASSESSED', () => {
    expect(stateOf(apply(st('REQUESTED'), 'DECIDE_NOT_TO_ASSESS', { today: '2026-02-10' }))).toEqual(st('NOT_ASSESSED', { decisionOn: '2026-02-10' }));
  });

  it('cannot decide twice', () => {
    expect(reasonOf(apply(st('ASSESSING'), 'DECIDE_TO_ASSESS'))).toBe(
      'cannot decide to assess: the plan is ASSESSING, and this needs a request still awaiting a decision (REQUESTED)',
    );
  });

  it('refuses a step dated before an earlier step of the process', () => {
    expect(reasonOf(apply(st('REQUESTED'), 'DECIDE_TO_ASSESS', { today: '2026-01-04' }))).toBe(
      'cannot decide to assess: 2026-01-04 is before 2026-01-05, an earlier step of this process',
    );
  });
});

describe('draft and decision not to issue', () => {
  it('refuses a draft before a decision to assess', () => {
    expect(reasonOf(apply(st('REQUESTED'), 'ISSUE_DRAFT'))).toBe(
      'cannot issue a draft: the plan is REQUESTED, and this needs a decision to assess first (ASSESSING)',
    );
  });

  it('records the draft date', () => {
    expect(stateOf(apply(st('ASSESSING'), 'ISSUE_DRAFT', { today: '2026-04-20' }))).toEqual(st('DRAFT', { draftIssuedOn: '2026-04-20' }));
  });

  it('models "not to issue" as CEASED with reason NOT_ISSUED, not NOT_ASSESSED (reg 10(1))', () => {
    expect(stateOf(apply(st('ASSESSING'), 'DECIDE_NOT_TO_ISSUE', { today: '2026-04-27' }))).toEqual(
      st('CEASED', { ceasedReason: 'NOT_ISSUED', ceasedOn: '2026-04-27' }),
    );
  });

  it('refuses "not to issue" once a draft is out', () => {
    expect(reasonOf(apply(st('DRAFT', { draftIssuedOn: '2026-04-20' }), 'DECIDE_NOT_TO_ISSUE'))).toContain('the plan is DRAFT');
  });
});

describe('FINALISE (CFA s.39/s.40, reg 12, reg 13)', () => {
  const draft = st('DRAFT', { draftIssuedOn: '2026-04-20' });

  it('issues the final plan and records the date', () => {
    expect(stateOf(apply(draft, 'FINALISE', { today: '2026-05-20' }))).toEqual({ ...draft, status: 'FINAL', finalIssuedOn: '2026-05-20' });
  });

  it('names every missing required section', () => {
    expect(reasonOf(apply(draft, 'FINALISE', { presentSections: ['A', 'B', 'F', 'K'], hasPlacement: false }))).toBe(
      'cannot finalise: sections E, I missing',
    );
    expect(reasonOf(apply(draft, 'FINALISE', { presentSections: ['E', 'F', 'I'] }))).toBe('cannot finalise: section B missing');
  });

  it('needs a placement in section I (reg 12(1)(i))', () => {
    expect(reasonOf(apply(draft, 'FINALISE', { hasPlacement: false }))).toBe(
      'cannot finalise: section I names no school, institution or type of setting',
    );
  });

  it('needs health provision in section G agreed by the ICB (reg 12(2))', () => {
    expect(reasonOf(apply(draft, 'FINALISE', { gHasProvision: true, gAgreedByIcb: false }))).toBe(
      'cannot finalise: section G health provision not agreed by the ICB',
    );
    expect(apply(draft, 'FINALISE', { gHasProvision: false, gAgreedByIcb: false }).ok).toBe(true);
  });

  it('waits out the family’s 15 days on the draft (reg 13(1)(a)): served Monday 2026-04-20, final from Tuesday 2026-05-05', () => {
    expect(reasonOf(apply(draft, 'FINALISE', { today: '2026-05-04' }))).toBe(
      "cannot finalise: the family's 15 days to comment on the draft have not ended (earliest 2026-05-05)",
    );
    expect(apply(draft, 'FINALISE', { today: '2026-05-05' }).ok).toBe(true);
  });

  it('is refused while requested advice is outstanding, naming the agency (reg 6(1))', () => {
    const advice: AdviceRequestFact[] = [
      { agency: 'SOCIAL_CARE', requestedOn: '2026-02-12', providedOn: '2026-03-20' },
      { agency: 'HEALTH', requestedOn: '2026-01-05', providedOn: null },
    ];
    expect(reasonOf(apply(draft, 'FINALISE', { adviceRequests: advice }))).toBe(
      'cannot finalise: advice from HEALTH requested on 2026-01-05 is still outstanding',
    );
    const answered = advice.map((a) => ({ ...a, providedOn: a.providedOn ?? '2026-04-01' }));
    expect(apply(draft, 'FINALISE', { adviceRequests: answered }).ok).toBe(true);
  });

  it('needs the draft date to know when comments close', () => {
    expect(reasonOf(apply(st('DRAFT'), 'FINALISE'))).toBe('cannot finalise: no draft issue date is recorded');
  });

  it('lists all problems at once', () => {
    const reason = reasonOf(
      apply(draft, 'FINALISE', {
        presentSections: ['B', 'F', 'I'],
        hasPlacement: false,
        gAgreedByIcb: false,
        adviceRequests: [{ agency: 'HEALTH', requestedOn: '2026-02-12' }],
        today: '2026-04-25',
      }),
    );
    expect(reason).toBe(
      'cannot finalise: section E missing; section I names no school, institution or type of setting; ' +
        'section G health provision not agreed by the ICB; advice from HEALTH requested on 2026-02-12 is still outstanding; ' +
        "the family's 15 days to comment on the draft have not ended (earliest 2026-05-05)",
    );
  });
});

describe('advice requests (reg 6(1), 8(1)): one open request per agency', () => {
  const assessing = st('ASSESSING', { decisionOn: '2026-02-10' });

  it('refuses asking the same agency again while its advice is outstanding', () => {
    const existing: AdviceRequestFact[] = [{ agency: 'HEALTH', requestedOn: '2026-02-12', providedOn: null }];
    expect(checkAdviceRequest(assessing, existing, 'HEALTH', '2026-03-01')).toEqual({
      ok: false,
      reason: 'cannot request advice: advice from HEALTH requested on 2026-02-12 is still outstanding: record it before asking again',
    });
    expect(checkAdviceRequest(assessing, existing, 'SOCIAL_CARE', '2026-03-01')).toEqual({ ok: true });
  });

  it('allows asking again once the earlier advice was given', () => {
    const existing: AdviceRequestFact[] = [{ agency: 'HEALTH', requestedOn: '2026-02-12', providedOn: '2026-03-20' }];
    expect(checkAdviceRequest(assessing, existing, 'HEALTH', '2026-03-21')).toEqual({ ok: true });
  });

  it('asks only during an assessment, and not before the decision to assess', () => {
    expect(checkAdviceRequest(st('DRAFT'), [], 'HEALTH', '2026-05-01')).toEqual({
      ok: false,
      reason: 'cannot request advice: the plan is DRAFT: advice is requested during an assessment (reg 6(1))',
    });
    expect(checkAdviceRequest(assessing, [], 'HEALTH', '2026-02-09')).toEqual({
      ok: false,
      reason: 'cannot request advice: 2026-02-09 is before the decision to assess (2026-02-10)',
    });
  });
});

describe('episodes: a new request after an ended process keeps the old one (CFA s.36(1))', () => {
  it('starts episode 1 for a first request', () => {
    expect(stateOf(startEpisode(null, '2026-01-05'))).toEqual({ episode: 1, status: 'REQUESTED', requestReceivedOn: '2026-01-05' });
  });

  it.each([
    ['a decision not to assess', st('NOT_ASSESSED', { decisionOn: '2026-02-10' })],
    ['a decision not to issue', st('CEASED', { decisionOn: '2026-02-10', ceasedReason: 'NOT_ISSUED', ceasedOn: '2026-04-27' })],
    ['a plan ceasing', st('CEASED', { finalIssuedOn: '2026-05-05', ceasedReason: 'CEASED_TO_MAINTAIN', ceasedOn: '2027-07-31' })],
  ])('starts the next episode after %s', (_what, previous) => {
    expect(stateOf(startEpisode(previous, '2027-09-06'))).toEqual({ episode: 2, status: 'REQUESTED', requestReceivedOn: '2027-09-06' });
  });

  it('numbers on from the last episode, and accepts a request on the day the last one ended', () => {
    const third = { ...st('CEASED', { ceasedReason: 'NOT_ISSUED' as const, ceasedOn: '2026-04-27' }), episode: 3 };
    expect(stateOf(startEpisode(third, '2026-04-27')).episode).toBe(4);
  });

  it('refuses a request dated before the last episode ended', () => {
    const ended = st('CEASED', { ceasedReason: 'NOT_ISSUED', ceasedOn: '2026-04-27' });
    expect(reasonOf(startEpisode(ended, '2026-04-26'))).toBe('cannot start a new request: 2026-04-26 is before episode 1 ended (2026-04-27)');
  });

  it.each(['REQUESTED', 'ASSESSING', 'DRAFT', 'FINAL'] as const)('refuses a new request while the process is %s', (status) => {
    expect(reasonOf(startEpisode(st(status), '2026-09-01'))).toBe(
      `cannot start a new request: episode 1 (received 2026-01-05) is ${status}; ` +
        'a new request starts a new episode only after a decision not to assess, a decision not to issue, or the plan ceasing',
    );
  });
});

describe('the review (CFA s.44, reg 20): set, invite, circulate advice, meet, report, decide', () => {
  const final = st('FINAL', { draftIssuedOn: '2026-04-20', finalIssuedOn: '2026-05-05' });

  it('runs each step in order, recording its date', () => {
    let s = stateOf(apply(final, 'SCHEDULE_REVIEW', { today: '2027-03-01' }, { meetingOn: '2027-04-12' }));
    expect(s.review).toEqual({ meetingOn: '2027-04-12' });
    s = stateOf(apply(s, 'SEND_REVIEW_INVITATIONS', { today: '2027-03-29' }));
    s = stateOf(apply(s, 'CIRCULATE_REVIEW_ADVICE', { today: '2027-03-29' }));
    s = stateOf(apply(s, 'RECORD_REVIEW', { today: '2027-04-12' }));
    expect(s.lastReviewOn).toBe('2027-04-12');
    s = stateOf(apply(s, 'SEND_REVIEW_REPORT', { today: '2027-04-26' }));
    expect(s.review).toEqual({ meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29', adviceCirculatedOn: '2027-03-29', heldOn: '2027-04-12', reportSentOn: '2027-04-26' });
    s = stateOf(apply(s, 'DECIDE_AFTER_REVIEW', { today: '2027-05-10' }, { decision: 'MAINTAIN' }));
    expect(s).toEqual({ ...final, lastReviewOn: '2027-04-12', review: null, lastReview: { heldOn: '2027-04-12', decision: 'MAINTAIN', decidedOn: '2027-05-10' } });
  });

  it('AMEND sends the proposed amendments with the decision (reg 20(10), 22(2)(a))', () => {
    const held = { ...final, lastReviewOn: '2027-04-12', review: { meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29', adviceCirculatedOn: '2027-03-29', heldOn: '2027-04-12', reportSentOn: '2027-04-26' } };
    const s = stateOf(apply(held, 'DECIDE_AFTER_REVIEW', { today: '2027-05-10' }, { decision: 'AMEND' }));
    expect(s).toMatchObject({ amendmentProposedOn: '2027-05-10', review: null, lastReview: { decision: 'AMEND' } });
    expect(reasonOf(apply({ ...held, amendmentProposedOn: '2027-04-01' }, 'DECIDE_AFTER_REVIEW', { today: '2027-05-10' }, { decision: 'AMEND' }))).toBe(
      'cannot decide after the review: amendments proposed on 2027-04-01 are not yet finalised',
    );
  });

  it('CEASE records the decision; the plan stays FINAL until the CEASE step (CFA s.45)', () => {
    const held = { ...final, review: { meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29', adviceCirculatedOn: '2027-03-29', heldOn: '2027-04-12', reportSentOn: '2027-04-26' } };
    expect(stateOf(apply(held, 'DECIDE_AFTER_REVIEW', { today: '2027-05-10' }, { decision: 'CEASE' })).status).toBe('FINAL');
  });

  it('refuses steps out of order, naming what is missing', () => {
    expect(reasonOf(apply(final, 'SEND_REVIEW_INVITATIONS', { today: '2027-03-01' }))).toBe(
      'cannot send the review invitations: no review meeting has been set (SCHEDULE_REVIEW)',
    );
    const set = { ...final, review: { meetingOn: '2027-04-12' } };
    expect(reasonOf(apply(set, 'CIRCULATE_REVIEW_ADVICE', { today: '2027-03-20' }))).toBe(
      'cannot circulate the review advice: the invitations have not been sent (reg 20(3)): advice is gathered from those invited',
    );
    expect(reasonOf(apply(set, 'RECORD_REVIEW', { today: '2027-04-12' }))).toBe(
      'cannot record the review meeting: the invitations have not been sent (reg 20(1), (3)); the advice gathered has not been circulated (reg 20(4))',
    );
    expect(reasonOf(apply(set, 'SEND_REVIEW_REPORT', { today: '2027-04-12' }))).toBe(
      'cannot send the review report: the review meeting set for 2027-04-12 has not been held',
    );
    const held = { ...final, review: { meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29', adviceCirculatedOn: '2027-03-29', heldOn: '2027-04-12' } };
    expect(reasonOf(apply(held, 'DECIDE_AFTER_REVIEW', { today: '2027-05-10' }))).toBe(
      'cannot decide after the review: the decision is needed: one of MAINTAIN, AMEND, CEASE; the review report has not been sent (reg 20(7), (8))',
    );
    expect(reasonOf(apply(held, 'SEND_REVIEW_INVITATIONS', { today: '2027-04-13' }))).toBe(
      'cannot send the review invitations: the review meeting was already held on 2027-04-12',
    );
  });

  it('sets one review at a time, never dated in the past, always with a date', () => {
    expect(reasonOf(apply(final, 'SCHEDULE_REVIEW', { today: '2027-03-01' }))).toBe(
      'cannot schedule a review meeting: the date of the review meeting is needed (YYYY-MM-DD)',
    );
    expect(reasonOf(apply(final, 'SCHEDULE_REVIEW', { today: '2027-03-01' }, { meetingOn: '2027-02-28' }))).toBe(
      'cannot schedule a review meeting: the meeting date 2027-02-28 is before today (2027-03-01)',
    );
    expect(reasonOf(apply({ ...final, review: { meetingOn: '2027-04-12' } }, 'SCHEDULE_REVIEW', { today: '2027-03-01' }, { meetingOn: '2027-04-19' }))).toBe(
      'cannot schedule a review meeting: a review meeting is already set for 2027-04-12',
    );
    const held = { ...final, review: { meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29', adviceCirculatedOn: '2027-03-29', heldOn: '2027-04-12' } };
    expect(reasonOf(apply(held, 'SCHEDULE_REVIEW', { today: '2027-05-01' }, { meetingOn: '2027-06-01' }))).toBe(
      "cannot schedule a review meeting: the review meeting held on 2027-04-12 still awaits the council's decision (reg 20(10))",
    );
  });
});

describe('a final plan: amendments, phase transfer, ceasing', () => {
  const final = st('FINAL', { draftIssuedOn: '2026-04-20', finalIssuedOn: '2026-05-20' });

  it('records a proposed amendment and stays FINAL (reg 22(2))', () => {
    expect(stateOf(apply(final, 'PROPOSE_AMENDMENT', { today: '2026-09-01' }))).toEqual({ ...final, amendmentProposedOn: '2026-09-01' });
  });

  it('refuses a second proposal while one is pending', () => {
    expect(reasonOf(apply({ ...final, amendmentProposedOn: '2026-09-01' }, 'PROPOSE_AMENDMENT', { today: '2026-09-02' }))).toBe(
      'cannot propose an amendment: amendments proposed on 2026-09-01 are not yet finalised',
    );
  });

  it('refuses to finalise an amendment nobody proposed', () => {
    expect(reasonOf(apply(final, 'FINALISE_AMENDMENT'))).toBe('cannot finalise the amendment: no amendment has been proposed');
  });

  it('finalises an amendment after the 15 days, clearing the proposal (reg 22(2)(c), (3))', () => {
    const amending = { ...final, amendmentProposedOn: '2026-09-01' };
    expect(reasonOf(apply(amending, 'FINALISE_AMENDMENT', { today: '2026-09-15' }))).toBe(
      "cannot finalise the amendment: the family's 15 days to comment on the proposed amendments have not ended (earliest 2026-09-16)",
    );
    expect(stateOf(apply(amending, 'FINALISE_AMENDMENT', { today: '2026-09-16' }))).toEqual({ ...final, amendmentProposedOn: null });
  });

  it('still lets a late amendment be issued: the 8 weeks are a deadline, not a bar', () => {
    expect(stateOf(apply({ ...final, amendmentProposedOn: '2026-09-01' }, 'FINALISE_AMENDMENT', { today: '2026-12-01' })).status).toBe('FINAL');
  });

  it('applies the final-plan content rules to the amended plan (reg 22(1))', () => {
    expect(reasonOf(apply({ ...final, amendmentProposedOn: '2026-09-01' }, 'FINALISE_AMENDMENT', { today: '2026-10-01', gAgreedByIcb: false }))).toBe(
      'cannot finalise the amendment: section G health provision not agreed by the ICB',
    );
  });

  describe('reg 18: the amended plan issued for a phase transfer completes it', () => {
    const transfer = { kind: 'TO_SECONDARY' as const, year: 2027 };

    it('counts an amendment finalised from 1 September of the year before the transfer', () => {
      const s = stateOf(apply({ ...final, phaseTransfer: transfer, amendmentProposedOn: '2026-10-01' }, 'FINALISE_AMENDMENT', { today: '2026-11-02' }));
      expect(s.phaseTransfer).toEqual({ ...transfer, amendedOn: '2026-11-02' });
    });

    it('does not count one finalised before the window (2026-08-31), unless the council says it is for the transfer', () => {
      const early = { ...final, phaseTransfer: transfer, amendmentProposedOn: '2026-08-01' };
      expect(stateOf(apply(early, 'FINALISE_AMENDMENT', { today: '2026-08-31' })).phaseTransfer).toEqual(transfer);
      expect(stateOf(apply(early, 'FINALISE_AMENDMENT', { today: '2026-08-31' }, { forPhaseTransfer: true })).phaseTransfer).toEqual({ ...transfer, amendedOn: '2026-08-31' });
    });

    it('does not count one the council says is not for the transfer, nor overwrite a transfer already done', () => {
      const s = { ...final, phaseTransfer: transfer, amendmentProposedOn: '2026-10-01' };
      expect(stateOf(apply(s, 'FINALISE_AMENDMENT', { today: '2026-11-02' }, { forPhaseTransfer: false })).phaseTransfer).toEqual(transfer);
      const done = { ...s, phaseTransfer: { ...transfer, amendedOn: '2026-10-01' } };
      expect(stateOf(apply(done, 'FINALISE_AMENDMENT', { today: '2026-11-02' })).phaseTransfer).toEqual({ ...transfer, amendedOn: '2026-10-01' });
    });
  });

  it('ceases a plan, dropping any pending amendment and review (CFA s.45)', () => {
    expect(stateOf(apply({ ...final, amendmentProposedOn: '2026-09-01', review: { meetingOn: '2027-04-12' } }, 'CEASE', { today: '2026-10-01' }))).toEqual({
      ...final,
      status: 'CEASED',
      ceasedReason: 'CEASED_TO_MAINTAIN',
      ceasedOn: '2026-10-01',
      amendmentProposedOn: null,
      review: null,
    });
  });

  it('cannot cease a plan that was never final', () => {
    expect(reasonOf(apply(st('DRAFT', { draftIssuedOn: '2026-04-20' }), 'CEASE'))).toBe(
      'cannot cease the plan: the plan is DRAFT, and this needs a final plan (FINAL)',
    );
  });
});

describe('bad input', () => {
  it('refuses an unknown event, including inherited property names', () => {
    const unknown = (type: string) => applyPlanTransition(st('REQUESTED'), { type: type as AnyPlanEventType }, facts());
    expect(reasonOf(unknown('APPROVE'))).toBe('unknown plan event: APPROVE');
    expect(reasonOf(unknown('toString'))).toBe('unknown plan event: toString');
  });

  it('throws on a today that is not an ISO date', () => {
    expect(() => apply(st('REQUESTED'), 'DECIDE_TO_ASSESS', { today: '20/05/2026' })).toThrow(RangeError);
  });
});

describe('a whole process, with the deadlines alongside', () => {
  it('runs request → advice → final → review steps → amendment → cease', () => {
    let state: PlanState = st('REQUESTED');
    let advice: AdviceRequestFact[] = [];
    /** Applies the event and says whether the process was overdue on the day it happened. */
    const step = (type: AnyPlanEventType, today: string, payload: Omit<PlanEvent, 'type'> = {}) => {
      const wasOverdue = isProcessOverdue({ ...state, adviceRequests: advice }, today);
      state = stateOf(applyPlanTransition(state, { type, ...payload }, facts({ today, adviceRequests: advice })));
      return wasOverdue;
    };
    expect(step('DECIDE_TO_ASSESS', '2026-02-10')).toBe(false); // decision due 2026-02-16
    advice = [{ agency: 'HEALTH', requestedOn: '2026-02-12', providedOn: null }]; // due 2026-03-26
    expect(isProcessOverdue({ ...state, adviceRequests: advice }, '2026-03-27')).toBe(true);
    advice = [{ agency: 'HEALTH', requestedOn: '2026-02-12', providedOn: '2026-03-27' }];
    expect(step('ISSUE_DRAFT', '2026-04-20')).toBe(false); // not-to-issue point 2026-04-27, final 2026-05-25
    expect(step('FINALISE', '2026-05-05')).toBe(false);
    expect(state.finalIssuedOn).toBe('2026-05-05'); // review due by 2027-05-04
    expect(step('SCHEDULE_REVIEW', '2027-03-01', { meetingOn: '2027-04-12' })).toBe(false);
    expect(step('SEND_REVIEW_INVITATIONS', '2027-03-29')).toBe(false); // due 2027-03-29, the day itself
    expect(step('CIRCULATE_REVIEW_ADVICE', '2027-03-30')).toBe(true); // advice was due 2027-03-29
    expect(step('RECORD_REVIEW', '2027-04-12')).toBe(false);
    expect(step('SEND_REVIEW_REPORT', '2027-04-26')).toBe(false); // due 2027-04-26
    expect(step('DECIDE_AFTER_REVIEW', '2027-05-10', { decision: 'AMEND' })).toBe(false); // due 2027-05-10
    expect(step('FINALISE_AMENDMENT', '2027-07-06')).toBe(true); // amendment was due 2027-07-05
    expect(state.amendmentProposedOn).toBeNull();
    expect(step('CEASE', '2028-03-01')).toBe(false); // next review due by 2028-04-11
    expect(state).toMatchObject({
      status: 'CEASED',
      ceasedReason: 'CEASED_TO_MAINTAIN',
      ceasedOn: '2028-03-01',
      lastReviewOn: '2027-04-12',
      lastReview: { heldOn: '2027-04-12', decision: 'AMEND', decidedOn: '2027-05-10' },
    });
  });
});
