import { describe, expect, it } from 'vitest';
import { DEADLINE_BASIS, DEADLINE_KINDS, isProcessOverdue, listOpenDeadlines, nextDeadline, type ProcessFacts } from './process-deadlines.js';
import type { PlanState } from './plan-transitions.js';
import type { PlanStatus } from './vocabulary.js';

// Expected dates below are worked by hand on a calendar, not produced by the code under test.

/** Episode 1 of a request received on Monday 2026-01-05. */
const p = (status: PlanStatus, extra: Partial<ProcessFacts> = {}): ProcessFacts => ({ episode: 1, status, requestReceivedOn: '2026-01-05', ...extra });
const kinds = (facts: ProcessFacts, today: string) => listOpenDeadlines(facts, today).map((d) => `${d.kind} ${d.dueOn}${d.overdue ? ' OVERDUE' : ''}`);

describe('the vocabulary', () => {
  it('names the provision behind every kind', () => {
    expect(Object.keys(DEADLINE_BASIS).sort()).toEqual([...DEADLINE_KINDS].sort());
    for (const basis of Object.values(DEADLINE_BASIS)) expect(basis).toMatch(/^(SEND Regulations 2014 reg \d+|CFA 2014 s\.44)/);
  });
});

describe('REQUESTED: the decision whether to assess (reg 5(1))', () => {
  it('is due 6 weeks after the request, overdue from the day after', () => {
    expect(listOpenDeadlines(p('REQUESTED'), '2026-02-16')).toEqual([{ kind: 'DECISION_TO_ASSESS', dueOn: '2026-02-16', overdue: false, owedBy: 'COUNCIL' }]);
    expect(kinds(p('REQUESTED'), '2026-02-17')).toEqual(['DECISION_TO_ASSESS 2026-02-16 OVERDUE']);
    expect(isProcessOverdue(p('REQUESTED'), '2026-02-17')).toBe(true);
  });

  it('stays on a Saturday: a request on Saturday 2026-01-03 is decided by Saturday 2026-02-14', () => {
    expect(kinds(p('REQUESTED', { requestReceivedOn: '2026-01-03' }), '2026-02-14')).toEqual(['DECISION_TO_ASSESS 2026-02-14']);
  });
});

describe('ASSESSING: advice per agency, the 16-week point, the final plan', () => {
  const assessing = p('ASSESSING', {
    decisionOn: '2026-02-10',
    adviceRequests: [
      { agency: 'HEALTH', requestedOn: '2026-02-12', providedOn: null }, // due 2026-03-26
      { agency: 'SOCIAL_CARE', requestedOn: '2026-02-20', providedOn: '2026-03-10' }, // met: not listed
    ],
  });

  it('lists each outstanding advice request against its agency (reg 8(1)), and only those', () => {
    expect(listOpenDeadlines(assessing, '2026-03-27')).toEqual([
      { kind: 'ADVICE', dueOn: '2026-03-26', overdue: true, owedBy: 'HEALTH', requestedOn: '2026-02-12' },
      { kind: 'NOT_TO_ISSUE', dueOn: '2026-04-27', overdue: false, owedBy: 'COUNCIL' },
      { kind: 'FINAL_PLAN', dueOn: '2026-05-25', overdue: false, owedBy: 'COUNCIL' },
    ]);
    expect(isProcessOverdue(assessing, '2026-03-27')).toBe(true);
    expect(isProcessOverdue(assessing, '2026-03-26')).toBe(false);
  });

  it('is overdue after week 16 without a decision whether to issue (reg 10(1))', () => {
    const noAdvice = p('ASSESSING', { decisionOn: '2026-02-10' });
    expect(kinds(noAdvice, '2026-04-28')).toEqual(['NOT_TO_ISSUE 2026-04-27 OVERDUE', 'FINAL_PLAN 2026-05-25']);
  });

  it('marks the limits a qualifying exception lifts (reg 10(4), 13(3)), still showing the lateness', () => {
    const closure = { reason: 'SETTING_CLOSED' as const, fromOn: '2026-03-02', toOn: '2026-03-29', evidenceNote: 'School closure notice (synthetic)' };
    const withException = p('ASSESSING', { decisionOn: '2026-02-10', clockExceptions: [closure] });
    expect(listOpenDeadlines(withException, '2026-05-26')).toEqual([
      { kind: 'NOT_TO_ISSUE', dueOn: '2026-04-27', overdue: true, owedBy: 'COUNCIL', exceptionApplies: true },
      { kind: 'FINAL_PLAN', dueOn: '2026-05-25', overdue: true, owedBy: 'COUNCIL', exceptionApplies: true },
    ]);
    const noEvidence = p('ASSESSING', { decisionOn: '2026-02-10', clockExceptions: [{ ...closure, evidenceNote: null }] });
    expect(listOpenDeadlines(noEvidence, '2026-05-26').some((d) => d.exceptionApplies)).toBe(false);
  });
});

describe('DRAFT: the family’s 15 days, named so a caseworker reads them right (reg 13(1)(a))', () => {
  const draft = p('DRAFT', { decisionOn: '2026-02-10', draftIssuedOn: '2026-04-20' });

  it('shows the last day to comment and the earliest day for the final plan; never overdue', () => {
    expect(listOpenDeadlines(draft, '2026-05-04')).toEqual([
      { kind: 'DRAFT_COMMENTS', dueOn: '2026-05-04', overdue: false, owedBy: 'FAMILY', earliestFinalOn: '2026-05-05' },
      { kind: 'FINAL_PLAN', dueOn: '2026-05-25', overdue: false, owedBy: 'COUNCIL' },
    ]);
  });

  it('drops the comment period once it is over', () => {
    expect(kinds(draft, '2026-05-05')).toEqual(['FINAL_PLAN 2026-05-25']);
    expect(kinds(draft, '2026-05-26')).toEqual(['FINAL_PLAN 2026-05-25 OVERDUE']);
  });

  it('gives the council’s next step, not the family’s period, as the next deadline', () => {
    expect(nextDeadline(draft, '2026-05-04')).toEqual({ kind: 'FINAL_PLAN', dueOn: '2026-05-25', overdue: false, owedBy: 'COUNCIL' });
  });
});

describe('FINAL: the annual review (CFA s.44(1)) on the day before the anniversary', () => {
  it('is due by 2027-05-04 for a plan made on 2026-05-05, overdue on the anniversary', () => {
    const final = p('FINAL', { finalIssuedOn: '2026-05-05' });
    expect(kinds(final, '2027-05-04')).toEqual(['ANNUAL_REVIEW 2027-05-04']);
    expect(kinds(final, '2027-05-05')).toEqual(['ANNUAL_REVIEW 2027-05-04 OVERDUE']);
  });

  it('runs to the end of February for a plan made on 29 February 2024', () => {
    const leap = p('FINAL', { requestReceivedOn: '2023-10-02', finalIssuedOn: '2024-02-29' });
    expect(kinds(leap, '2025-02-28')).toEqual(['ANNUAL_REVIEW 2025-02-28']);
    expect(kinds(leap, '2025-03-01')).toEqual(['ANNUAL_REVIEW 2025-02-28 OVERDUE']);
  });

  it('runs from the last review meeting', () => {
    expect(kinds(p('FINAL', { finalIssuedOn: '2026-05-05', lastReviewOn: '2027-04-12' }), '2027-06-01')).toEqual(['ANNUAL_REVIEW 2028-04-11']);
  });
});

describe('FINAL: the review meeting steps (reg 20)', () => {
  const final = { finalIssuedOn: '2026-05-05' };

  it('owes the invitations and the advice two weeks before the meeting', () => {
    const set = p('FINAL', { ...final, review: { meetingOn: '2027-04-12' } });
    expect(kinds(set, '2027-03-30')).toEqual(['REVIEW_INVITATIONS 2027-03-29 OVERDUE', 'REVIEW_ADVICE 2027-03-29 OVERDUE', 'ANNUAL_REVIEW 2027-05-04']);
    const invited = p('FINAL', { ...final, review: { meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29' } });
    expect(kinds(invited, '2027-03-29')).toEqual(['REVIEW_ADVICE 2027-03-29', 'ANNUAL_REVIEW 2027-05-04']);
  });

  it('owes the report within two weeks and the decision within 4 weeks of the meeting', () => {
    const held = p('FINAL', {
      ...final,
      lastReviewOn: '2027-04-12',
      review: { meetingOn: '2027-04-12', invitationsSentOn: '2027-03-29', adviceCirculatedOn: '2027-03-29', heldOn: '2027-04-12' },
    });
    expect(kinds(held, '2027-04-27')).toEqual(['REVIEW_REPORT 2027-04-26 OVERDUE', 'REVIEW_DECISION 2027-05-10', 'ANNUAL_REVIEW 2028-04-11']);
    const reported = { ...held, review: { ...held.review!, reportSentOn: '2027-04-26' } };
    expect(kinds(reported, '2027-05-11')).toEqual(['REVIEW_DECISION 2027-05-10 OVERDUE', 'ANNUAL_REVIEW 2028-04-11']);
  });
});

describe('FINAL: amendments (reg 22) and phase transfers (reg 18)', () => {
  it('shows the family’s 15 days and the 8 weeks of a proposed amendment', () => {
    const amending = p('FINAL', { finalIssuedOn: '2026-05-20', amendmentProposedOn: '2026-09-01' });
    expect(listOpenDeadlines(amending, '2026-09-15')).toEqual([
      { kind: 'AMENDMENT_COMMENTS', dueOn: '2026-09-15', overdue: false, owedBy: 'FAMILY', earliestFinalOn: '2026-09-16' },
      { kind: 'AMENDMENT', dueOn: '2026-10-27', overdue: false, owedBy: 'COUNCIL' },
      { kind: 'ANNUAL_REVIEW', dueOn: '2027-05-19', overdue: false, owedBy: 'COUNCIL' },
    ]);
    expect(kinds(amending, '2026-10-28')).toEqual(['AMENDMENT 2026-10-27 OVERDUE', 'ANNUAL_REVIEW 2027-05-19']);
  });

  it('is owed by 31 March into post-16, by 15 February otherwise, and done once the amended plan is issued', () => {
    const post16: PlanState = p('FINAL', { finalIssuedOn: '2026-05-20', lastReviewOn: '2027-03-01', phaseTransfer: { kind: 'TO_POST_16', year: 2027 } });
    expect(kinds(post16, '2027-04-01')).toEqual(['PHASE_TRANSFER 2027-03-31 OVERDUE', 'ANNUAL_REVIEW 2028-02-29']);
    expect(isProcessOverdue(post16, '2027-04-01')).toBe(true);
    const done = { ...post16, phaseTransfer: { kind: 'TO_POST_16' as const, year: 2027, amendedOn: '2027-03-15' } };
    expect(kinds(done, '2027-04-01')).toEqual(['ANNUAL_REVIEW 2028-02-29']);
    const secondary = p('FINAL', { finalIssuedOn: '2027-06-01', phaseTransfer: { kind: 'TO_SECONDARY', year: 2028 } });
    expect(kinds(secondary, '2028-02-15')).toEqual(['PHASE_TRANSFER 2028-02-15', 'ANNUAL_REVIEW 2028-05-31']);
  });
});

describe('ended episodes', () => {
  it.each([
    p('NOT_ASSESSED', { decisionOn: '2026-02-10' }),
    p('CEASED', { ceasedReason: 'NOT_ISSUED', ceasedOn: '2026-04-27', adviceRequests: [{ agency: 'HEALTH', requestedOn: '2026-02-12' }] }),
    p('CEASED', { finalIssuedOn: '2026-05-05', ceasedReason: 'CEASED_TO_MAINTAIN', ceasedOn: '2027-07-31' }),
  ])('have no open deadline and are never overdue (%#)', (facts) => {
    expect(listOpenDeadlines(facts, '2040-01-01')).toEqual([]);
    expect(isProcessOverdue(facts, '2040-01-01')).toBe(false);
    expect(nextDeadline(facts, '2040-01-01')).toBeNull();
  });

  it('throws on a today that is not a real date', () => {
    expect(() => listOpenDeadlines(p('REQUESTED'), '2026-02-30')).toThrow(RangeError);
  });
});
