/**
 * Guards of SEN support. The record is the school's (CFA 2014 s.66: the school uses its best endeavours
 * to secure the provision): EDUCATION, owned by the school that provides it. The school reads it as its
 * owner, the council's coordinator on the statutory basis, the family as its own record; anyone else on
 * the care team only with the family's consent (policies/field-access.ts).
 */
import type { FieldGuard } from '../../src/access/guards.js';
import { guardType, loaded, publicType, relation, releasedWhole, value } from '../../src/access/guards.js';
import { isReviewOverdue, senSupportReviewDue } from '../../src/domain/sen-support.js';
import { interventionRows, reviewRows, type SenSupportRow } from './sen-support.store.js';
import type { SenSupportType } from './sen-support.types.js';

/** `schoolOrg: null` before the row is known: any school on the care team may learn whether there is one. */
export const senSupportGuard = (row: { schoolOrg: string | null }): FieldGuard => ({
  category: 'EDUCATION',
  owner: { agency: 'EDUCATION', org: row.schoolOrg },
});

const dueOf = (r: SenSupportRow) => senSupportReviewDue(r.lastReviewOn ?? r.startedOn, r.terms);
const field = (read: (row: SenSupportRow, today: string) => unknown) => value<SenSupportRow>(senSupportGuard, (row, view) => read(row, view.today));

export const senSupportGuards = guardType<SenSupportRow, SenSupportType>('SenSupport', {
  schoolOrg: field((r) => r.schoolOrg),
  startedOn: field((r) => r.startedOn),
  needs: field((r) => r.needs),
  interventions: loaded(senSupportGuard, interventionRows, (_r, rows) => rows.map((x) => ({ description: x.description, expectedOutcome: x.expectedOutcome }))),
  reviews: loaded(senSupportGuard, reviewRows, (_r, rows) => rows.map((x) => ({ heldOn: x.heldOn, outcomesMet: x.outcomesMet, note: x.note }))),
  nextReviewDue: field((r) => dueOf(r)),
  overdue: field((r, today) => isReviewOverdue(dueOf(r), today)),
  parentsInformedOn: field((r) => r.parentsInformedOn),
  parentsNotInformed: field((r) => r.parentsInformedOn === null),
});

export const senSupportTypes = [
  guardType('Child', { senSupport: relation('the SEN support record under its guard: CONSENT_REQUIRED (whether or not there is one) when only a consent could release it') }),
  guardType('EhcPlan', { senSupportEvidence: relation('the SEN support record of the child whose process this is, under its guard') }),
  senSupportGuards,
  releasedWhole('SenSupportIntervention', 'SenSupport.interventions'),
  releasedWhole('SenSupportReview', 'SenSupport.reviews'),
  publicType('SchoolTerm', "an area's school term dates: reference data, no child"),
];
