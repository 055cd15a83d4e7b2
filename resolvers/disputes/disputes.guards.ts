/**
 * Guards of disputes. A mediation or an appeal is about the council's decision under CFA 2014 Part 3: its
 * EDUCATION record, owned by the council party to it. The coordinator reads it on the statutory basis and
 * the family as its own record; anyone else only with the family's consent (policies/field-access.ts).
 */
import type { FieldGuard } from '../../src/access/guards.js';
import { guardType, relation, releasedWhole, value } from '../../src/access/guards.js';
import { disputeDates, type DisputeDates, type DisputeFacts } from '../../src/domain/disputes.js';
import type { DisputeRow } from './disputes.store.js';
import type { DisputeType } from './disputes.types.js';

/** `councilOrg: null` before the rows are known: the council's record, never owned by another organisation. */
export const disputeGuard = (row: { councilOrg: string | null }): FieldGuard => ({
  category: 'EDUCATION',
  owner: { agency: 'EDUCATION', org: row.councilOrg ?? 'COUNCIL' },
});

export const factsOf = (r: DisputeRow): DisputeFacts => ({
  kind: r.kind as DisputeFacts['kind'],
  decision: r.decision as DisputeFacts['decision'],
  decisionOn: r.decisionOn,
  mediationRequestedOn: r.mediationRequestedOn,
  mediationDeclinedOn: r.mediationDeclinedOn,
  mediationHeldOn: r.mediationHeldOn,
  certificateIssuedOn: r.certificateIssuedOn,
  appealRegisteredOn: r.appealRegisteredOn,
  hearingOn: r.hearingOn,
  outcome: r.outcome as DisputeFacts['outcome'],
  outcomeOn: r.outcomeOn,
  order: r.tribunalOrder as DisputeFacts['order'],
});

const cache = new WeakMap<DisputeRow, DisputeDates>();
function datesOf(r: DisputeRow): DisputeDates {
  let d = cache.get(r);
  if (!d) {
    d = disputeDates(factsOf(r));
    cache.set(r, d);
  }
  return d;
}

const field = (read: (r: DisputeRow, today: string) => unknown) => value<DisputeRow>(disputeGuard, (r, view) => read(r, view.today));

export const disputeGuards = guardType<DisputeRow, DisputeType>('Dispute', {
  id: field((r) => r.id),
  kind: field((r) => r.kind),
  decision: field((r) => r.decision),
  decisionOn: field((r) => r.decisionOn),
  mediationRequestedOn: field((r) => r.mediationRequestedOn),
  mediationDeclinedOn: field((r) => r.mediationDeclinedOn),
  mediationHeldOn: field((r) => r.mediationHeldOn),
  certificateIssuedOn: field((r) => r.certificateIssuedOn),
  appealRegisteredOn: field((r) => r.appealRegisteredOn),
  hearingOn: field((r) => r.hearingOn),
  outcome: field((r) => r.outcome),
  outcomeOn: field((r) => r.outcomeOn),
  order: field((r) => r.tribunalOrder),
  mediationAdviserContactBy: field((r) => datesOf(r).mediationAdviserContactBy),
  mediationDueBy: field((r) => datesOf(r).mediationDueBy),
  certificateDueBy: field((r) => datesOf(r).certificateDueBy),
  appealDeadline: field((r) => datesOf(r).appealDeadline),
  appealInTime: field((r) => datesOf(r).appealInTime),
  complianceSteps: field((r, today) => datesOf(r).compliance.map((s) => ({ ...s, passed: today > s.dueOn }))),
});

export const disputeTypes = [
  guardType('Child', { disputes: relation("the child's mediations and appeals under the dispute guard: CONSENT_REQUIRED (whether or not there are any) when only a consent could release them") }),
  disputeGuards,
  releasedWhole('ComplianceStep', 'Dispute.complianceSteps'),
];
