import { describe, expect, it } from 'vitest';
import {
  preferenceMet,
  validateAssessmentRequest,
  validateFamilyComment,
  validatePersonalBudgetDecision,
  validatePersonalBudgetRequest,
  validatePreferenceDecision,
  validatePreferenceStatement,
  type AssessmentRequestInput,
  type RightsProcess,
  type SettingPreference,
} from './family-rights.js';

// Dates below are worked by hand on a calendar; people and settings are synthetic.

const msgs = (problems: { field: string; message: string }[]) => problems.map((p) => `${p.field}: ${p.message}`);

describe('requesting an assessment (CFA 2014 s.36(1))', () => {
  // Born 2010-03-10: turns 16 on 2026-03-10; compulsory school age ends Friday 2026-06-26.
  const request = (extra: Partial<AssessmentRequestInput>): AssessmentRequestInput => ({
    source: 'YOUNG_PERSON_OR_PARENT',
    requestedBy: 'PARENT',
    dateOfBirth: '2010-03-10',
    receivedOn: '2026-06-26',
    today: '2026-07-01',
    ...extra,
  });

  it('lets the parent ask for a child, up to and including the last day of compulsory school age', () => {
    expect(validateAssessmentRequest(request({}))).toEqual([]);
    expect(msgs(validateAssessmentRequest(request({ requestedBy: 'YOUNG_PERSON' })))).toEqual([
      "requestedBy: before the end of compulsory school age the child's parent makes the request (CFA s.36(1))",
    ]);
  });

  it('lets the young person ask from the next day; the parent only for a young person lacking capacity (reg 64)', () => {
    expect(validateAssessmentRequest(request({ requestedBy: 'YOUNG_PERSON', receivedOn: '2026-06-27' }))).toEqual([]);
    expect(validateAssessmentRequest(request({ receivedOn: '2026-06-27' })).map((p) => p.field)).toEqual(['requestedBy']);
    expect(validateAssessmentRequest(request({ receivedOn: '2026-06-27', youngPersonLacksCapacity: true }))).toEqual([]);
  });

  it('is for those under 25: refused from the 25th birthday (2001-03-10 → 2026-03-10)', () => {
    const yp = { requestedBy: 'YOUNG_PERSON' as const, dateOfBirth: '2001-03-10', today: '2026-04-01' };
    expect(validateAssessmentRequest(request({ ...yp, receivedOn: '2026-03-09' }))).toEqual([]);
    expect(validateAssessmentRequest(request({ ...yp, receivedOn: '2026-03-10' })).map((p) => p.field)).toEqual(['receivedOn']);
  });

  it('takes a 29 February birthday as reached on 1 March in a common year', () => {
    const yp = { requestedBy: 'YOUNG_PERSON' as const, dateOfBirth: '2000-02-29', today: '2025-04-01' };
    expect(validateAssessmentRequest(request({ ...yp, receivedOn: '2025-02-28' }))).toEqual([]);
    expect(validateAssessmentRequest(request({ ...yp, receivedOn: '2025-03-01' })).map((p) => p.field)).toEqual(['receivedOn']);
  });

  it('records other sources without a family member, and refuses future or pre-birth dates', () => {
    expect(validateAssessmentRequest(request({ source: 'HEALTH', requestedBy: null }))).toEqual([]);
    expect(validateAssessmentRequest(request({ source: 'HEALTH' })).map((p) => p.field)).toEqual(['requestedBy']);
    expect(validateAssessmentRequest(request({ requestedBy: null })).map((p) => p.field)).toEqual(['requestedBy']);
    expect(validateAssessmentRequest(request({ receivedOn: '2026-06-21', today: '2026-06-20' })).map((p) => p.field)).toEqual(['receivedOn']);
    expect(validateAssessmentRequest(request({ source: 'OTHER', requestedBy: null, receivedOn: '2010-03-09' })).map((p) => p.field)).toEqual(['receivedOn']);
    expect(validateAssessmentRequest(request({ source: 'FRIEND' as never })).map((p) => p.field)).toEqual(['source']);
  });
});

describe('stating a preferred setting (CFA 2014 s.38(2)(b), s.39)', () => {
  const draft: RightsProcess = { status: 'DRAFT', draftIssuedOn: '2026-04-20' }; // comments to 2026-05-04
  const academy: SettingPreference = { statedOn: '2026-05-04', settingName: 'Example Academy (synthetic)', legalStatus: 'ACADEMY', urn: '140010' };

  it('is recorded on a draft, saying whether within the 15 days and whether s.39 binds the council', () => {
    expect(validatePreferenceStatement(academy, draft)).toEqual({ ok: true, withinCommentPeriod: true, bindsCouncil: true });
    expect(validatePreferenceStatement({ ...academy, statedOn: '2026-05-05' }, draft)).toEqual({ ok: true, withinCommentPeriod: false, bindsCouncil: true });
    expect(validatePreferenceStatement({ ...academy, legalStatus: 'INDEPENDENT_SPECIAL' }, draft)).toEqual({ ok: true, withinCommentPeriod: true, bindsCouncil: false });
  });

  it('is recorded on proposed amendments too (reg 22(2)): proposed 2026-09-01, 15 days to 2026-09-15', () => {
    const amending: RightsProcess = { status: 'FINAL', amendmentProposedOn: '2026-09-01' };
    expect(validatePreferenceStatement({ ...academy, statedOn: '2026-09-15' }, amending)).toMatchObject({ ok: true, withinCommentPeriod: true });
    expect(validatePreferenceStatement({ ...academy, statedOn: '2026-09-16' }, amending)).toMatchObject({ ok: true, withinCommentPeriod: false });
  });

  it('is refused with no draft or proposal, before the draft, or without a name', () => {
    expect(validatePreferenceStatement(academy, { status: 'ASSESSING' })).toMatchObject({ ok: false, problems: [{ field: 'childId' }] });
    expect(validatePreferenceStatement({ ...academy, statedOn: '2026-04-19' }, draft)).toMatchObject({ ok: false, problems: [{ field: 'statedOn' }] });
    expect(validatePreferenceStatement({ ...academy, settingName: '  ', urn: '12345' }, draft)).toMatchObject({
      ok: false,
      problems: [{ field: 'settingName' }, { field: 'urn' }],
    });
  });

  describe('the council’s answer', () => {
    it('names a s.38(3) setting after consulting it (s.39(2))', () => {
      expect(validatePreferenceDecision(academy, { outcome: 'NAMED', consultedOn: '2026-05-06', decidedOn: '2026-05-08' })).toEqual([]);
      expect(msgs(validatePreferenceDecision(academy, { outcome: 'NAMED', decidedOn: '2026-05-08' }))).toEqual([
        'consultedOn: the council consults Example Academy (synthetic) before deciding (CFA s.39(2))',
      ]);
      expect(validatePreferenceDecision(academy, { outcome: 'NAMED', consultedOn: '2026-05-09', decidedOn: '2026-05-08' }).map((p) => p.field)).toEqual(['consultedOn']);
    });

    it('refuses a s.38(3) setting only on s.39(4) grounds, with reasons', () => {
      const refused = { outcome: 'REFUSED' as const, consultedOn: '2026-05-06', decidedOn: '2026-05-08', reasons: 'Places full in the year group; efficient use of resources' };
      expect(validatePreferenceDecision(academy, { ...refused, grounds: ['INCOMPATIBLE_WITH_EFFICIENT_USE_OF_RESOURCES'] })).toEqual([]);
      expect(validatePreferenceDecision(academy, { ...refused, grounds: [] }).map((p) => p.field)).toEqual(['grounds']);
      expect(validatePreferenceDecision(academy, { ...refused, grounds: ['TOO_FAR' as never] }).map((p) => p.field)).toEqual(['grounds']);
      const twice = ['UNSUITABLE_FOR_AGE_ABILITY_APTITUDE_OR_SEN', 'UNSUITABLE_FOR_AGE_ABILITY_APTITUDE_OR_SEN'] as const;
      expect(validatePreferenceDecision(academy, { ...refused, grounds: twice }).map((p) => p.field)).toEqual(['grounds']);
      expect(validatePreferenceDecision(academy, { ...refused, reasons: '', grounds: ['INCOMPATIBLE_WITH_EFFICIENT_EDUCATION_OF_OTHERS'] }).map((p) => p.field)).toEqual(['reasons']);
    });

    it('gives reasons but no s.39(4) ground for a setting outside s.38(3)', () => {
      const independent: SettingPreference = { ...academy, legalStatus: 'INDEPENDENT_OTHER', urn: '140011' };
      const refused = { outcome: 'REFUSED' as const, decidedOn: '2026-05-08', reasons: 'Needs can be met at the named maintained school' };
      expect(validatePreferenceDecision(independent, { ...refused, grounds: [] })).toEqual([]);
      expect(validatePreferenceDecision(independent, { ...refused, grounds: ['INCOMPATIBLE_WITH_EFFICIENT_USE_OF_RESOURCES'] }).map((p) => p.field)).toEqual(['grounds']);
    });

    it('is not dated before the preference', () => {
      expect(validatePreferenceDecision(academy, { outcome: 'NAMED', consultedOn: '2026-05-04', decidedOn: '2026-05-03' }).map((p) => p.field)).toEqual([
        'decidedOn',
        'consultedOn',
      ]);
    });
  });

  it('"preference met" compares identifiers', () => {
    expect(preferenceMet(academy, { urn: '140010' })).toBe(true);
    expect(preferenceMet(academy, { urn: '140012' })).toBe(false);
    expect(preferenceMet({ ukprn: '10012345' }, { ukprn: '10012345' })).toBe(true);
    expect(preferenceMet({ urn: null }, { urn: null })).toBe(false);
  });
});

describe('commenting on a draft (reg 13(1)(a)) or on proposed amendments (reg 22(2)(c))', () => {
  it.each([
    ['2026-02-20', '2026-03-06', '2026-03-07'], // Feb 20 + 14 = Mar 6
    ['2024-02-20', '2024-03-05', '2024-03-06'], // leap year: Feb 20 + 14 = Mar 5
  ])('a draft served %s takes comments within the 15 days to %s, later ones marked late (%s)', (served, last, late) => {
    const draft: RightsProcess = { status: 'DRAFT', draftIssuedOn: served };
    expect(validateFamilyComment(draft, last, 'We would like more speech and language therapy.')).toEqual({ ok: true, withinStatutoryPeriod: true, servedOn: served });
    expect(validateFamilyComment(draft, late, 'Late thoughts.')).toEqual({ ok: true, withinStatutoryPeriod: false, servedOn: served });
  });

  it('refuses empty comments, comments before the draft, and comments once the plan is final', () => {
    const draft: RightsProcess = { status: 'DRAFT', draftIssuedOn: '2026-02-20' };
    expect(validateFamilyComment(draft, '2026-02-25', ' ')).toMatchObject({ ok: false, problems: [{ field: 'text' }] });
    expect(validateFamilyComment(draft, '2026-02-19', 'x')).toMatchObject({ ok: false, problems: [{ field: 'receivedOn' }] });
    expect(validateFamilyComment({ status: 'FINAL' }, '2026-03-01', 'x')).toMatchObject({ ok: false, problems: [{ field: 'childId' }] });
    expect(validateFamilyComment(draft, '2026-02-25', 'x'.repeat(10_001))).toMatchObject({ ok: false, problems: [{ field: 'text' }] });
  });
});

describe('personal budgets (CFA 2014 s.49; Personal Budgets Regulations 2014)', () => {
  it('may be asked for once a plan is being prepared, or during a review or re-assessment (reg 4)', () => {
    expect(validatePersonalBudgetRequest({ status: 'DRAFT', draftIssuedOn: '2026-04-20' }, '2026-04-22', 'PARENT', null)).toEqual([]);
    expect(validatePersonalBudgetRequest({ status: 'FINAL', review: { meetingOn: '2027-04-12' } }, '2027-03-01', 'YOUNG_PERSON', null)).toEqual([]);
    expect(validatePersonalBudgetRequest({ status: 'FINAL', amendmentProposedOn: '2026-09-01' }, '2026-09-03', 'PARENT', null)).toEqual([]);
    expect(msgs(validatePersonalBudgetRequest({ status: 'FINAL' }, '2026-09-03', 'PARENT', null))).toEqual([
      'childId: a personal budget is asked for during a review or re-assessment of the plan (Personal Budgets Regulations 2014 reg 4)',
    ]);
    expect(validatePersonalBudgetRequest({ status: 'ASSESSING' }, '2026-03-01', 'PARENT', null).map((p) => p.field)).toEqual(['childId']);
  });

  it('one request at a time', () => {
    expect(msgs(validatePersonalBudgetRequest({ status: 'DRAFT', draftIssuedOn: '2026-04-20' }, '2026-04-25', 'PARENT', { requestedOn: '2026-04-22' }))).toEqual([
      "childId: a request made on 2026-04-22 is still awaiting the council's decision",
    ]);
  });

  it('is decided with reasons either way; an agreed budget says how it is held', () => {
    const base = { requestedOn: '2026-04-22', decidedOn: '2026-05-01', reasons: 'Therapy can be bought directly by the family' };
    expect(validatePersonalBudgetDecision({ ...base, decision: 'AGREED', forms: ['DIRECT_PAYMENT'] })).toEqual([]);
    expect(validatePersonalBudgetDecision({ ...base, decision: 'AGREED' }).map((p) => p.field)).toEqual(['forms']);
    expect(validatePersonalBudgetDecision({ ...base, decision: 'REFUSED', reasons: 'Provision is in a block contract that cannot be disaggregated' })).toEqual([]);
    expect(validatePersonalBudgetDecision({ ...base, decision: 'REFUSED', reasons: '' }).map((p) => p.field)).toEqual(['reasons']);
    expect(validatePersonalBudgetDecision({ ...base, decision: 'REFUSED', forms: ['NOTIONAL'] }).map((p) => p.field)).toEqual(['forms']);
    expect(validatePersonalBudgetDecision({ ...base, decision: 'AGREED', forms: ['NOTIONAL'], decidedOn: '2026-04-21' }).map((p) => p.field)).toEqual(['decidedOn']);
    expect(validatePersonalBudgetDecision({ ...base, decision: 'MAYBE' as never })).toEqual([{ field: 'decision', message: 'is AGREED or REFUSED, not MAYBE' }]);
  });
});
