/**
 * Disagreement resolution over the council's decisions: mediation and appeals to the First-tier Tribunal
 * (Special Educational Needs and Disability). Pure rules over ISO dates.
 *
 * Sources: Children and Families Act 2014 (CFA) ss.51–55; SEND Regulations 2014 (SI 2014/1530, "reg")
 * Part 6 (mediation, regs 32–42) and Part 7 (appeals, regs 43–45); the Tribunal Procedure (First-tier
 * Tribunal) (Health, Education and Social Care Chamber) Rules 2008 r.20; SEND Code of Practice 11.13–11.56.
 */
import { addDays, addMonths, addWeeks, assertIsoDate } from './statutory-clock.js';
import { addWorkingDays } from './working-days.js';

export const DISPUTE_KINDS = ['MEDIATION', 'APPEAL'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

/** CFA 2014 s.51(2): the decisions a family may appeal (and so take to mediation first, s.55). */
export const DISPUTE_DECISIONS = [
  'REFUSAL_TO_ASSESS', // s.51(2)(a)
  'REFUSAL_TO_ISSUE', // s.51(2)(b)
  'PLAN_CONTENTS', // s.51(2)(c): the needs, the provision, the school named or its type
  'NAMED_SETTING', // s.51(2)(c)(iii), (iv): the setting named, its type, or that none is named
  'REFUSAL_TO_REASSESS', // s.51(2)(d)
  'REFUSAL_TO_AMEND', // s.51(2)(e): not to amend after a review or reassessment
  'CEASE', // s.51(2)(f)
] as const;
export type DisputeDecision = (typeof DISPUTE_DECISIONS)[number];

/**
 * CFA 2014 s.55(3): an appeal only about the school or other institution named (or its type, or that none
 * is named) needs no mediation certificate.
 */
export const needsMediationCertificate = (decision: DisputeDecision): boolean => decision !== 'NAMED_SETTING';

export const DISPUTE_OUTCOMES = [
  'AGREED', // mediation: agreement reached (reg 42 applies)
  'NOT_AGREED', // mediation: no agreement; certificate issued (reg 39)
  'NOT_PURSUED', // mediation: the family decided not to mediate (reg 34)
  'WITHDRAWN',
  'CONCEDED', // appeal: the council did not oppose (reg 45)
  'ALLOWED', // appeal: decided for the family, in whole or in part, with an order
  'DISMISSED',
] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
export const MEDIATION_OUTCOMES: readonly DisputeOutcome[] = ['AGREED', 'NOT_AGREED', 'NOT_PURSUED', 'WITHDRAWN'];
export const APPEAL_OUTCOMES: readonly DisputeOutcome[] = ['CONCEDED', 'ALLOWED', 'DISMISSED', 'WITHDRAWN'];

/** reg 43(2): what the Tribunal may order; each has its compliance period in reg 44(2). */
export const TRIBUNAL_ORDERS = [
  'ASSESS', // reg 43(2)(b): make an assessment or reassessment
  'MAKE_PLAN', // reg 43(2)(c): make and maintain a plan
  'RECONSIDER', // reg 43(2)(d): remit the case to the council to reconsider
  'AMEND_CONTENTS', // amend the needs or provision
  'AMEND_SETTING', // amend the name or type of the school or other institution
  'CONTINUE', // continue to maintain the plan (a cessation appeal allowed)
  'CONTINUE_AND_AMEND',
  'CEASE', // an appeal against cessation dismissed
] as const;
export type TribunalOrder = (typeof TRIBUNAL_ORDERS)[number];

/** One step the council owes after an order, and its basis. */
export interface ComplianceStep {
  step: string;
  dueOn: string;
  basis: string;
}

/**
 * reg 44(2): the council's compliance periods, counted from the date of the order (calendar weeks; a step
 * due "immediately" is due on the day of the order).
 */
export function complianceSteps(order: TribunalOrder, orderOn: string): ComplianceStep[] {
  assertIsoDate(orderOn);
  const weeks = (n: number) => addWeeks(orderOn, n);
  switch (order) {
    case 'CEASE':
      return [{ step: 'Cease to maintain the plan', dueOn: orderOn, basis: 'SEND Regulations 2014 reg 44(2)(a): immediately' }];
    case 'ASSESS':
      return [
        { step: 'Notify the family that the council will make the assessment', dueOn: weeks(2), basis: 'reg 44(2)(b): within 2 weeks of the order' },
        { step: 'Notify a decision not to issue a plan, with reasons', dueOn: weeks(10), basis: 'reg 44(2)(b)(i): within 10 weeks of the order' },
        { step: 'Issue the final plan, if one is to be made', dueOn: weeks(14), basis: 'reg 44(2)(b)(ii): within 14 weeks of the order' },
      ];
    case 'MAKE_PLAN':
      return [
        { step: 'Issue a draft plan', dueOn: weeks(5), basis: 'reg 44(2)(c)(i): within 5 weeks of the order' },
        { step: 'Issue the final plan', dueOn: weeks(11), basis: 'reg 44(2)(c)(ii): within 11 weeks of the order' },
      ];
    case 'RECONSIDER':
      return [{ step: 'Reconsider and notify the decision', dueOn: weeks(2), basis: 'reg 44(2)(d): within 2 weeks of the order' }];
    case 'AMEND_CONTENTS':
      return [{ step: 'Issue the amended plan', dueOn: weeks(5), basis: 'reg 44(2)(e): within 5 weeks of the order' }];
    case 'AMEND_SETTING':
      return [{ step: 'Issue the amended plan naming the school or institution', dueOn: weeks(2), basis: 'reg 44(2)(f): within 2 weeks of the order' }];
    case 'CONTINUE':
      return [{ step: 'Continue to maintain the plan', dueOn: orderOn, basis: 'reg 44(2)(g): immediately' }];
    case 'CONTINUE_AND_AMEND':
      return [
        { step: 'Continue to maintain the plan', dueOn: orderOn, basis: 'reg 44(2)(h): immediately' },
        { step: 'Issue the amended plan', dueOn: weeks(5), basis: 'reg 44(2)(h): within 5 weeks of the order' },
      ];
  }
}

/** What is recorded of a dispute: the decision notice and each stage as it happens. */
export interface DisputeFacts {
  kind: DisputeKind;
  decision: DisputeDecision;
  /** The date the council's decision notice was sent. */
  decisionOn: string;
  /** Mediation: the family told the council it wishes to mediate (reg 37). */
  mediationRequestedOn?: string | null;
  /** Mediation: the family told the mediation adviser it does not wish to mediate (reg 34). */
  mediationDeclinedOn?: string | null;
  mediationHeldOn?: string | null;
  /** The mediation certificate (s.55(4), (5)): on a mediation record, or the one an appeal relies on. */
  certificateIssuedOn?: string | null;
  appealRegisteredOn?: string | null;
  hearingOn?: string | null;
  outcome?: DisputeOutcome | null;
  outcomeOn?: string | null;
  order?: TribunalOrder | null;
}

export interface DisputeDates {
  /** reg 33: the family contacts the mediation adviser within 2 months of the decision notice. */
  mediationAdviserContactBy: string | null;
  /** reg 37(1): the council arranges mediation within 30 days of being told the family wishes it. */
  mediationDueBy: string | null;
  /** reg 34(1) (declined) or reg 39(1) (after mediation): the certificate within 3 working days. */
  certificateDueBy: string | null;
  /**
   * Tribunal Procedure (HESC) Rules 2008 r.20(1)(c) (Code 11.52): 2 months after the decision notice or
   * 1 month after the mediation certificate, whichever is later.
   */
  appealDeadline: string;
  /** Whether a registered appeal was in time (null before one is registered). */
  appealInTime: boolean | null;
  compliance: ComplianceStep[];
}

const laterOf = (a: string, b: string) => (a >= b ? a : b);

export function disputeDates(d: DisputeFacts): DisputeDates {
  assertIsoDate(d.decisionOn);
  const twoMonths = addMonths(d.decisionOn, 2);
  const appealDeadline = d.certificateIssuedOn ? laterOf(twoMonths, addMonths(d.certificateIssuedOn, 1)) : twoMonths;
  const mediation = d.kind === 'MEDIATION';
  let certificateDueBy: string | null = null;
  if (mediation && d.mediationHeldOn) certificateDueBy = addWorkingDays(d.mediationHeldOn, 3);
  else if (mediation && d.mediationDeclinedOn) certificateDueBy = addWorkingDays(d.mediationDeclinedOn, 3);
  return {
    mediationAdviserContactBy: mediation ? twoMonths : null,
    mediationDueBy: mediation && d.mediationRequestedOn ? addDays(d.mediationRequestedOn, 30) : null,
    certificateDueBy,
    appealDeadline,
    appealInTime: d.kind === 'APPEAL' && d.appealRegisteredOn ? d.appealRegisteredOn <= appealDeadline : null,
    compliance: d.kind === 'APPEAL' && d.order && d.outcomeOn ? complianceSteps(d.order, d.outcomeOn) : [],
  };
}

/**
 * The dates recorded must follow the process: every stage on or after the decision, a hearing and an
 * outcome after registration, an order only with an ALLOWED or DISMISSED appeal (CEASE only on a
 * dismissed cessation appeal). Returns the field at fault and why, or null.
 */
export function checkDispute(d: DisputeFacts): { field: string; message: string } | null {
  const stages: [keyof DisputeFacts, string | null | undefined][] = [
    ['mediationRequestedOn', d.mediationRequestedOn], ['mediationDeclinedOn', d.mediationDeclinedOn], ['mediationHeldOn', d.mediationHeldOn],
    ['certificateIssuedOn', d.certificateIssuedOn], ['appealRegisteredOn', d.appealRegisteredOn], ['hearingOn', d.hearingOn], ['outcomeOn', d.outcomeOn],
  ];
  for (const [field, date] of stages) if (date && date < d.decisionOn) return { field, message: `must be on or after the decision notice (${d.decisionOn})` };
  const mediationOnly = ['mediationRequestedOn', 'mediationDeclinedOn', 'mediationHeldOn'] as const;
  if (d.kind === 'APPEAL') {
    for (const f of mediationOnly) if (d[f]) return { field: f, message: 'belongs to a MEDIATION record' };
    if (d.hearingOn && !d.appealRegisteredOn) return { field: 'hearingOn', message: 'an appeal is registered before its hearing' };
    if (d.hearingOn && d.appealRegisteredOn && d.hearingOn < d.appealRegisteredOn) return { field: 'hearingOn', message: 'must be on or after the appeal was registered' };
    if (d.outcome && !d.appealRegisteredOn) return { field: 'outcome', message: 'an appeal has an outcome only once registered' };
    if (d.outcome && !APPEAL_OUTCOMES.includes(d.outcome)) return { field: 'outcome', message: `an appeal ends ${APPEAL_OUTCOMES.join(', ')}` };
    if (d.certificateIssuedOn && d.appealRegisteredOn && d.appealRegisteredOn < d.certificateIssuedOn) return { field: 'appealRegisteredOn', message: 'must be on or after the mediation certificate' };
    if (!d.certificateIssuedOn && d.appealRegisteredOn && needsMediationCertificate(d.decision)) {
      return { field: 'certificateIssuedOn', message: 'CFA 2014 s.55(3): an appeal needs a mediation certificate unless it is only about the setting named' };
    }
    if (d.order && d.outcome !== 'ALLOWED' && !(d.order === 'CEASE' && d.outcome === 'DISMISSED')) {
      return { field: 'order', message: 'an order follows an ALLOWED appeal (or CEASE a dismissed cessation appeal)' };
    }
    if (d.order === 'CEASE' && d.decision !== 'CEASE') return { field: 'order', message: 'CEASE follows only an appeal against a decision to cease' };
  } else {
    for (const f of ['appealRegisteredOn', 'hearingOn', 'order'] as const) if (d[f]) return { field: f, message: 'belongs to an APPEAL record' };
    if (d.outcome && !MEDIATION_OUTCOMES.includes(d.outcome)) return { field: 'outcome', message: `a mediation ends ${MEDIATION_OUTCOMES.join(', ')}` };
    if (d.mediationHeldOn && d.mediationDeclinedOn) return { field: 'mediationHeldOn', message: 'a mediation the family declined was not held' };
    if (d.mediationHeldOn && d.mediationRequestedOn && d.mediationHeldOn < d.mediationRequestedOn) return { field: 'mediationHeldOn', message: 'must be on or after the family asked for mediation' };
  }
  if (d.outcome && !d.outcomeOn) return { field: 'outcomeOn', message: 'give the date of the outcome' };
  if (d.outcomeOn && !d.outcome) return { field: 'outcome', message: 'give the outcome for its date' };
  return null;
}
