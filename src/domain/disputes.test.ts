import { describe, expect, it } from 'vitest';
import { checkDispute, complianceSteps, disputeDates } from './disputes.js';

describe('the appeal deadline (Tribunal Procedure (HESC) Rules 2008 r.20(1)(c); Code 11.52)', () => {
  it('is 2 months after the decision notice when no certificate is needed', () => {
    // A decision notice of 14 October 2026 about the setting named only (CFA s.55(3)): 14 December 2026.
    expect(disputeDates({ kind: 'APPEAL', decision: 'NAMED_SETTING', decisionOn: '2026-10-14' }).appealDeadline).toBe('2026-12-14');
  });

  it('is 1 month after the mediation certificate when that is later', () => {
    // Decision 2 March 2026 (2 months: 2 May); certificate 20 April (1 month: 20 May): 20 May wins.
    expect(disputeDates({ kind: 'APPEAL', decision: 'REFUSAL_TO_ASSESS', decisionOn: '2026-03-02', certificateIssuedOn: '2026-04-20' }).appealDeadline).toBe('2026-05-20');
  });

  it('stays 2 months after the decision when the certificate comes early', () => {
    // Decision 2 March 2026 (2 May); certificate 10 March (10 April): 2 May wins.
    expect(disputeDates({ kind: 'APPEAL', decision: 'PLAN_CONTENTS', decisionOn: '2026-03-02', certificateIssuedOn: '2026-03-10' }).appealDeadline).toBe('2026-05-02');
  });

  it('ends on the last day of a shorter month', () => {
    // Decision 31 December 2026: 2 months is 28 February 2027 (there is no 31 February).
    expect(disputeDates({ kind: 'APPEAL', decision: 'CEASE', decisionOn: '2026-12-31' }).appealDeadline).toBe('2027-02-28');
  });

  it('says whether a registered appeal was in time', () => {
    const base = { kind: 'APPEAL' as const, decision: 'NAMED_SETTING' as const, decisionOn: '2026-10-14' };
    expect(disputeDates({ ...base, appealRegisteredOn: '2026-12-14' }).appealInTime).toBe(true);
    expect(disputeDates({ ...base, appealRegisteredOn: '2026-12-15' }).appealInTime).toBe(false);
    expect(disputeDates(base).appealInTime).toBeNull();
  });
});

describe('mediation (SEND Regulations 2014 Part 6)', () => {
  it('reg 33: the family contacts the mediation adviser within 2 months of the decision notice', () => {
    expect(disputeDates({ kind: 'MEDIATION', decision: 'REFUSAL_TO_ISSUE', decisionOn: '2026-06-15' }).mediationAdviserContactBy).toBe('2026-08-15');
  });

  it('reg 37: the council arranges mediation within 30 days of being told', () => {
    // Told on 1 December 2026: 31 December 2026.
    expect(disputeDates({ kind: 'MEDIATION', decision: 'PLAN_CONTENTS', decisionOn: '2026-11-20', mediationRequestedOn: '2026-12-01' }).mediationDueBy).toBe('2026-12-31');
  });

  it('reg 39: the certificate within 3 working days of the mediation; reg 34: of being told the family declines', () => {
    // Mediation on Wednesday 23 December 2026: Thursday 24, (Christmas, weekend, substitute Boxing Day 28), Tuesday 29, Wednesday 30.
    expect(disputeDates({ kind: 'MEDIATION', decision: 'PLAN_CONTENTS', decisionOn: '2026-11-20', mediationRequestedOn: '2026-12-01', mediationHeldOn: '2026-12-23' }).certificateDueBy).toBe('2026-12-30');
    // Declined on Thursday 2 April 2026: (Good Friday, weekend, Easter Monday) Tuesday 7, Wednesday 8, Thursday 9.
    expect(disputeDates({ kind: 'MEDIATION', decision: 'REFUSAL_TO_ASSESS', decisionOn: '2026-03-20', mediationDeclinedOn: '2026-04-02' }).certificateDueBy).toBe('2026-04-09');
  });
});

describe("the council's compliance after an order (SEND Regulations 2014 reg 44(2))", () => {
  // An order on Monday 1 June 2026.
  it('assess: notify in 2 weeks, a decision not to issue in 10, the final plan in 14', () => {
    expect(complianceSteps('ASSESS', '2026-06-01').map((s) => s.dueOn)).toEqual(['2026-06-15', '2026-08-10', '2026-09-07']);
  });
  it('make a plan: the draft in 5 weeks, the final in 11', () => {
    expect(complianceSteps('MAKE_PLAN', '2026-06-01').map((s) => s.dueOn)).toEqual(['2026-07-06', '2026-08-17']);
  });
  it('reconsider in 2 weeks; amend contents in 5; amend the setting in 2', () => {
    expect(complianceSteps('RECONSIDER', '2026-06-01')[0]!.dueOn).toBe('2026-06-15');
    expect(complianceSteps('AMEND_CONTENTS', '2026-06-01')[0]!.dueOn).toBe('2026-07-06');
    expect(complianceSteps('AMEND_SETTING', '2026-06-01')[0]!.dueOn).toBe('2026-06-15');
  });
  it('cease or continue immediately; continue and amend: the amended plan in 5 weeks', () => {
    expect(complianceSteps('CEASE', '2026-06-01')[0]!.dueOn).toBe('2026-06-01');
    expect(complianceSteps('CONTINUE', '2026-06-01')[0]!.dueOn).toBe('2026-06-01');
    expect(complianceSteps('CONTINUE_AND_AMEND', '2026-06-01').map((s) => s.dueOn)).toEqual(['2026-06-01', '2026-07-06']);
  });
  it('are listed on an appeal with an order and its date', () => {
    const d = disputeDates({ kind: 'APPEAL', decision: 'REFUSAL_TO_ASSESS', decisionOn: '2026-01-05', certificateIssuedOn: '2026-02-01', appealRegisteredOn: '2026-02-20', hearingOn: '2026-05-20', outcome: 'ALLOWED', outcomeOn: '2026-06-01', order: 'ASSESS' });
    expect(d.compliance.map((s) => s.dueOn)).toEqual(['2026-06-15', '2026-08-10', '2026-09-07']);
  });
});

describe('a dispute record follows the process', () => {
  const appeal = { kind: 'APPEAL' as const, decision: 'PLAN_CONTENTS' as const, decisionOn: '2026-03-02' };
  it('accepts a whole appeal and refuses stages out of order', () => {
    expect(checkDispute({ ...appeal, certificateIssuedOn: '2026-03-20', appealRegisteredOn: '2026-04-01', hearingOn: '2026-07-01', outcome: 'ALLOWED', outcomeOn: '2026-07-08', order: 'AMEND_CONTENTS' })).toBeNull();
    expect(checkDispute({ ...appeal, certificateIssuedOn: '2026-03-01' })?.field).toBe('certificateIssuedOn');
    expect(checkDispute({ ...appeal, appealRegisteredOn: '2026-04-01' })?.field).toBe('certificateIssuedOn');
    expect(checkDispute({ ...appeal, decision: 'NAMED_SETTING', appealRegisteredOn: '2026-04-01' })).toBeNull();
    expect(checkDispute({ ...appeal, hearingOn: '2026-07-01' })?.field).toBe('hearingOn');
    expect(checkDispute({ ...appeal, certificateIssuedOn: '2026-03-20', appealRegisteredOn: '2026-04-01', outcome: 'DISMISSED', outcomeOn: '2026-07-08', order: 'AMEND_CONTENTS' })?.field).toBe('order');
    expect(checkDispute({ ...appeal, certificateIssuedOn: '2026-03-20', appealRegisteredOn: '2026-04-01', outcome: 'AGREED', outcomeOn: '2026-07-08' })?.field).toBe('outcome');
    expect(checkDispute({ ...appeal, mediationHeldOn: '2026-03-20' })?.field).toBe('mediationHeldOn');
  });
  it('keeps mediation and appeal stages apart', () => {
    const mediation = { kind: 'MEDIATION' as const, decision: 'CEASE' as const, decisionOn: '2026-03-02' };
    expect(checkDispute({ ...mediation, mediationRequestedOn: '2026-03-10', mediationHeldOn: '2026-04-01', certificateIssuedOn: '2026-04-03', outcome: 'NOT_AGREED', outcomeOn: '2026-04-01' })).toBeNull();
    expect(checkDispute({ ...mediation, hearingOn: '2026-07-01' })?.field).toBe('hearingOn');
    expect(checkDispute({ ...mediation, mediationDeclinedOn: '2026-03-05', mediationHeldOn: '2026-04-01' })?.field).toBe('mediationHeldOn');
    expect(checkDispute({ ...mediation, outcome: 'NOT_AGREED' })?.field).toBe('outcomeOn');
  });
});
