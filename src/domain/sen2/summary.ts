/**
 * Counts of what a SEN2 return carries, as a plain object, so they can be checked against the hub's own
 * queries (docs/sen2.md says which query each count should agree with, and where the definitions differ).
 */
import { NEED_TYPES, SETTING_LEGAL_STATUSES, type NeedType } from '../vocabulary.js';
import { ASSESSMENT_OUTCOME_CODES, CEASE_REASON_CODES, REQUEST_OUTCOME_CODES, REQUEST_SOURCE_CODES, type Sen2CeaseReason } from './codes.js';
import type { Sen2Derivation } from './derive.js';

type Counts<K extends string> = Record<K, number>;

export interface Sen2Summary {
  year: number;
  referenceDate: string;
  collectionPeriod: { from: string; to: string };
  children: { considered: number; returned: number; outOfScope: number };
  requests: {
    /** `Requests` elements in the file (one per episode in scope). */
    returned: number;
    /** Requests received in the collection period. */
    receivedInPeriod: number;
    /** Of those received in the period, by `RequestSource` code (NOT_RECORDED when missing). */
    bySource: Counts<'1' | '2' | '3' | '4' | '5' | 'NOT_RECORDED'>;
    byOutcome: Counts<(typeof REQUEST_OUTCOME_CODES)[number]>;
  };
  assessments: {
    byOutcome: Counts<(typeof ASSESSMENT_OUTCOME_CODES)[number]>;
    /** Final plans first issued in the collection period. */
    plansIssuedInPeriod: number;
    /** The published measure, same rule as the hub's (timeliness.ts): counted excludes qualifying exceptions. */
    timeliness: { counted: number; withinTwentyWeeks: number; issuedWithinTwentyWeeksIncludingExceptions: number };
  };
  activePlans: {
    total: number;
    byPrimaryNeed: Counts<NeedType | 'NOT_RECORDED'>;
    /** By the legal status of the main (rank 1) placement. */
    byLegalStatus: Counts<(typeof SETTING_LEGAL_STATUSES)[number] | 'NOT_RECORDED'>;
    outOfArea: number;
  };
  ceasedInPeriod: { total: number; byReason: Counts<Sen2CeaseReason | 'NOT_RECORDED'> };
  issues: { errors: number; warnings: number; childrenWithErrors: number };
}

const zeros = <K extends string>(keys: readonly K[]): Counts<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

/** Counts over the derived return: every number describes what the file says. */
export function summariseSen2(d: Sen2Derivation): Sen2Summary {
  const sources = [...Object.values(REQUEST_SOURCE_CODES), 'NOT_RECORDED'] as const;
  const s: Sen2Summary = {
    year: d.header.year,
    referenceDate: d.header.referenceDate,
    collectionPeriod: d.period,
    children: { considered: d.childrenConsidered, returned: d.persons.length, outOfScope: d.outOfScope.length },
    requests: { returned: 0, receivedInPeriod: 0, bySource: zeros(sources), byOutcome: zeros(REQUEST_OUTCOME_CODES) },
    assessments: { byOutcome: zeros(ASSESSMENT_OUTCOME_CODES), plansIssuedInPeriod: 0, timeliness: { counted: 0, withinTwentyWeeks: 0, issuedWithinTwentyWeeksIncludingExceptions: 0 } },
    activePlans: { total: 0, byPrimaryNeed: zeros([...NEED_TYPES, 'NOT_RECORDED']), byLegalStatus: zeros([...SETTING_LEGAL_STATUSES, 'NOT_RECORDED']), outOfArea: 0 },
    ceasedInPeriod: { total: 0, byReason: zeros([...(Object.keys(CEASE_REASON_CODES) as Sen2CeaseReason[]), 'NOT_RECORDED']) },
    issues: {
      errors: d.issues.filter((i) => i.severity === 'ERROR').length,
      warnings: d.issues.filter((i) => i.severity === 'WARNING').length,
      childrenWithErrors: new Set(d.issues.filter((i) => i.severity === 'ERROR' && i.childRef !== 'HEADER').map((i) => i.childRef)).size,
    },
  };
  for (const p of d.persons) {
    for (const r of p.requests) {
      const f = r.facts;
      s.requests.returned += 1;
      s.requests.byOutcome[r.outcome] += 1;
      if (f.receivedInPeriod) {
        s.requests.receivedInPeriod += 1;
        s.requests.bySource[(r.requestSource ?? 'NOT_RECORDED') as keyof Sen2Summary['requests']['bySource']] += 1;
      }
      if (r.assessment) s.assessments.byOutcome[r.assessment.outcome] += 1;
      if (f.finalIssuedInPeriod) s.assessments.plansIssuedInPeriod += 1;
      if (f.timeliness) {
        if (f.timeliness.withinTwentyWeeks) s.assessments.timeliness.issuedWithinTwentyWeeksIncludingExceptions += 1;
        if (f.timeliness.counted) {
          s.assessments.timeliness.counted += 1;
          if (f.timeliness.withinTwentyWeeks) s.assessments.timeliness.withinTwentyWeeks += 1;
        }
      }
      if (f.activeOnReferenceDate) {
        s.activePlans.total += 1;
        s.activePlans.byPrimaryNeed[f.primaryNeed ?? 'NOT_RECORDED'] += 1;
        const status = (f.mainPlacement?.legalStatus ?? 'NOT_RECORDED') as keyof Sen2Summary['activePlans']['byLegalStatus'];
        if (Object.hasOwn(s.activePlans.byLegalStatus, status)) s.activePlans.byLegalStatus[status] += 1;
        if (f.mainPlacement?.outOfArea) s.activePlans.outOfArea += 1;
      }
      if (f.ceasedInPeriod) {
        s.ceasedInPeriod.total += 1;
        s.ceasedInPeriod.byReason[r.assessment?.namedPlan?.ceaseReason ?? 'NOT_RECORDED'] += 1;
      }
    }
  }
  return s;
}
