import { describe, expect, it } from 'vitest';
import { PLAN_STATUSES, type PlanStatus, type SectionCode } from './vocabulary.js';
import {
  ALLOWED_FROM,
  PLAN_EVENT_TYPES,
  applyPlanTransition,
  type PlanEventType,
  type PlanState,
  type TransitionFacts,
} from './plan-transitions.js';
import { computeStatutoryDeadlines, isOverdue } from './statutory-clock.js';

const COMPLETE: SectionCode[] = ['A', 'B', 'C', 'E', 'F', 'G', 'I', 'K'];

/** Facts under which every guard passes. */
function facts(overrides: Partial<TransitionFacts> = {}): TransitionFacts {
  return { presentSections: COMPLETE, hasPlacement: true, gHasProvision: true, gAgreedByIcb: true, today: '2026-05-20', ...overrides };
}

const apply = (state: PlanState, type: PlanEventType, f: Partial<TransitionFacts> = {}) =>
  applyPlanTransition(Object.freeze({ ...state }), { type }, facts(f));

const reasonOf = (result: ReturnType<typeof applyPlanTransition>): string => {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.state)}`);
  return result.reason;
};

const stateOf = (result: ReturnType<typeof applyPlanTransition>): PlanState => {
  if (!result.ok) throw new Error(`expected success, got: ${result.reason}`);
  return result.state;
};

/** The status each legal event leads to. */
const TARGET: Record<PlanEventType, PlanStatus> = {
  DECIDE_TO_ASSESS: 'ASSESSING',
  DECIDE_NOT_TO_ASSESS: 'NOT_ASSESSED',
  ISSUE_DRAFT: 'DRAFT',
  DECIDE_NOT_TO_ISSUE: 'CEASED',
  FINALISE: 'FINAL',
  RECORD_REVIEW: 'FINAL',
  PROPOSE_AMENDMENT: 'FINAL',
  FINALISE_AMENDMENT: 'FINAL',
  CEASE: 'CEASED',
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
]);

/** A state in `status` that meets every date guard of `event` on 2026-05-20. */
function readyState(status: PlanStatus, event: PlanEventType): PlanState {
  return {
    status,
    draftIssuedOn: '2026-04-20',
    finalIssuedOn: status === 'FINAL' ? '2026-05-01' : null,
    amendmentProposedOn: event === 'FINALISE_AMENDMENT' ? '2026-05-01' : null,
  };
}

describe('every status × event', () => {
  const pairs = PLAN_STATUSES.flatMap((status) => PLAN_EVENT_TYPES.map((event) => [status, event] as const));

  it('covers all 54 pairs, 9 of them legal, matching the exported table', () => {
    expect(pairs).toHaveLength(54);
    expect(pairs.filter(([s, e]) => ALLOWED_FROM[e].includes(s)).map(([s, e]) => `${s}:${e}`).sort()).toEqual([...LEGAL].sort());
  });

  it.each(pairs.filter(([s, e]) => LEGAL.has(`${s}:${e}`)))('%s + %s is allowed', (status, event) => {
    expect(stateOf(apply(readyState(status, event), event)).status).toBe(TARGET[event]);
  });

  it.each(pairs.filter(([s, e]) => !LEGAL.has(`${s}:${e}`)))('%s + %s is refused, naming the status', (status, event) => {
    const reason = reasonOf(apply(readyState(status, event), event));
    expect(reason).toMatch(/^cannot /);
    expect(reason).toContain(`the plan is ${status}`);
  });
});

describe('deciding whether to assess (CFA s.36(8), reg 5(1))', () => {
  it('moves a request to ASSESSING without touching the input', () => {
    const before: PlanState = Object.freeze({ status: 'REQUESTED' });
    const result = applyPlanTransition(before, { type: 'DECIDE_TO_ASSESS' }, facts());
    expect(stateOf(result)).toEqual({ status: 'ASSESSING' });
    expect(before).toEqual({ status: 'REQUESTED' });
  });

  it('ends a request as NOT_ASSESSED', () => {
    expect(stateOf(apply({ status: 'REQUESTED' }, 'DECIDE_NOT_TO_ASSESS'))).toEqual({ status: 'NOT_ASSESSED' });
  });

  it('cannot decide twice', () => {
    expect(reasonOf(apply({ status: 'ASSESSING' }, 'DECIDE_TO_ASSESS'))).toBe(
      'cannot decide to assess: the plan is ASSESSING, and this needs a request still awaiting a decision (REQUESTED)',
    );
  });
});

describe('draft and decision not to issue', () => {
  it('refuses a draft before a decision to assess', () => {
    expect(reasonOf(apply({ status: 'REQUESTED' }, 'ISSUE_DRAFT'))).toBe(
      'cannot issue a draft: the plan is REQUESTED, and this needs a decision to assess first (ASSESSING)',
    );
  });

  it('records the draft date', () => {
    expect(stateOf(apply({ status: 'ASSESSING' }, 'ISSUE_DRAFT', { today: '2026-04-20' }))).toEqual({
      status: 'DRAFT',
      draftIssuedOn: '2026-04-20',
    });
  });

  it('models "not to issue" as CEASED with reason NOT_ISSUED, not NOT_ASSESSED (reg 10(1))', () => {
    expect(stateOf(apply({ status: 'ASSESSING' }, 'DECIDE_NOT_TO_ISSUE'))).toEqual({ status: 'CEASED', ceasedReason: 'NOT_ISSUED' });
  });

  it('refuses "not to issue" once a draft is out', () => {
    expect(reasonOf(apply({ status: 'DRAFT', draftIssuedOn: '2026-04-20' }, 'DECIDE_NOT_TO_ISSUE'))).toContain('the plan is DRAFT');
  });
});

describe('FINALISE (CFA s.39/s.40, reg 12, reg 13)', () => {
  const draft: PlanState = { status: 'DRAFT', draftIssuedOn: '2026-04-20' };

  it('issues the final plan and records the date', () => {
    expect(stateOf(apply(draft, 'FINALISE', { today: '2026-05-20' }))).toEqual({
      status: 'FINAL',
      draftIssuedOn: '2026-04-20',
      finalIssuedOn: '2026-05-20',
    });
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

  it('waits out the family’s 15 days on the draft (reg 13(1)(a))', () => {
    expect(reasonOf(apply(draft, 'FINALISE', { today: '2026-05-04' }))).toBe(
      "cannot finalise: the family's 15 days to comment on the draft have not ended (earliest 2026-05-05)",
    );
    expect(apply(draft, 'FINALISE', { today: '2026-05-05' }).ok).toBe(true);
  });

  it('needs the draft date to know when comments close', () => {
    expect(reasonOf(apply({ status: 'DRAFT' }, 'FINALISE'))).toBe('cannot finalise: no draft issue date is recorded');
  });

  it('lists all problems at once', () => {
    const reason = reasonOf(
      apply(draft, 'FINALISE', { presentSections: ['B', 'F', 'I'], hasPlacement: false, gAgreedByIcb: false, today: '2026-04-25' }),
    );
    expect(reason).toBe(
      'cannot finalise: section E missing; section I names no school, institution or type of setting; ' +
        "section G health provision not agreed by the ICB; the family's 15 days to comment on the draft have not ended (earliest 2026-05-05)",
    );
  });
});

describe('a final plan: reviews, amendments, ceasing', () => {
  const final: PlanState = { status: 'FINAL', draftIssuedOn: '2026-04-20', finalIssuedOn: '2026-05-20' };

  it('records a review and stays FINAL (CFA s.44(1))', () => {
    expect(stateOf(apply(final, 'RECORD_REVIEW', { today: '2027-04-10' }))).toEqual({ ...final, lastReviewOn: '2027-04-10' });
  });

  it('records a proposed amendment and stays FINAL (reg 22(2))', () => {
    expect(stateOf(apply(final, 'PROPOSE_AMENDMENT', { today: '2026-09-01' }))).toEqual({ ...final, amendmentProposedOn: '2026-09-01' });
  });

  it('refuses a second proposal while one is pending', () => {
    expect(reasonOf(apply({ ...final, amendmentProposedOn: '2026-09-01' }, 'PROPOSE_AMENDMENT'))).toBe(
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
    const amending = { ...final, amendmentProposedOn: '2026-09-01' };
    expect(stateOf(apply(amending, 'FINALISE_AMENDMENT', { today: '2026-12-01' })).status).toBe('FINAL');
  });

  it('applies the final-plan content rules to the amended plan (reg 22(1))', () => {
    const amending = { ...final, amendmentProposedOn: '2026-09-01' };
    expect(reasonOf(apply(amending, 'FINALISE_AMENDMENT', { today: '2026-10-01', gAgreedByIcb: false }))).toBe(
      'cannot finalise the amendment: section G health provision not agreed by the ICB',
    );
  });

  it('ceases a plan, dropping any pending amendment (CFA s.45)', () => {
    expect(stateOf(apply({ ...final, amendmentProposedOn: '2026-09-01' }, 'CEASE'))).toEqual({
      ...final,
      status: 'CEASED',
      ceasedReason: 'CEASED_TO_MAINTAIN',
      amendmentProposedOn: null,
    });
  });

  it('cannot cease a plan that was never final', () => {
    expect(reasonOf(apply({ status: 'DRAFT', draftIssuedOn: '2026-04-20' }, 'CEASE'))).toBe(
      'cannot cease the plan: the plan is DRAFT, and this needs a final plan (FINAL)',
    );
  });
});

describe('bad input', () => {
  it('refuses an unknown event, including inherited property names', () => {
    const unknown = (type: string) => applyPlanTransition({ status: 'REQUESTED' }, { type: type as PlanEventType }, facts());
    expect(reasonOf(unknown('APPROVE'))).toBe('unknown plan event: APPROVE');
    expect(reasonOf(unknown('toString'))).toBe('unknown plan event: toString');
  });

  it('throws on a today that is not an ISO date', () => {
    expect(() => apply({ status: 'REQUESTED' }, 'DECIDE_TO_ASSESS', { today: '20/05/2026' })).toThrow(RangeError);
  });
});

describe('a whole process, with the clock alongside', () => {
  it('runs request → final → review → amendment → cease', () => {
    const requestReceivedOn = '2026-01-05';
    let state: PlanState = { status: 'REQUESTED' };
    /** Applies the event and says whether the plan was overdue on the day it happened. */
    const step = (type: PlanEventType, today: string) => {
      const wasOverdue = isOverdue(computeStatutoryDeadlines({ requestReceivedOn, ...state }), state, today);
      state = stateOf(applyPlanTransition(state, { type }, facts({ today })));
      return wasOverdue;
    };
    expect(step('DECIDE_TO_ASSESS', '2026-02-10')).toBe(false); // decision due 2026-02-16
    expect(step('ISSUE_DRAFT', '2026-04-20')).toBe(false); // final plan due 2026-05-25
    expect(step('FINALISE', '2026-05-05')).toBe(false);
    expect(state.finalIssuedOn).toBe('2026-05-05');
    expect(step('RECORD_REVIEW', '2027-04-10')).toBe(false); // review due 2027-05-05
    expect(step('PROPOSE_AMENDMENT', '2027-05-01')).toBe(false); // next review due 2028-04-10
    expect(step('FINALISE_AMENDMENT', '2027-06-27')).toBe(true); // amendment was due 2027-06-26
    expect(state.amendmentProposedOn).toBeNull();
    expect(step('CEASE', '2028-03-01')).toBe(false);
    expect(state).toMatchObject({ status: 'CEASED', ceasedReason: 'CEASED_TO_MAINTAIN', lastReviewOn: '2027-04-10' });
  });
});
