/**
 * Guards of the audit views. Both are rows a named read of the data layer already scoped to this
 * reader (src/access/access-log.ts, break-glass-queue.ts): the access log's family view hides
 * safeguarding activity, staff identifiers and client-chosen operation names; the review queue is
 * the DPO's own.
 */
import type { AccessEventView } from '../../src/access/access-log.js';
import type { BreakGlassRow } from '../../src/access/child-record.js';
import { guardType, identity, publicType, relation, view } from '../../src/access/guards.js';
import type { FlaggedRecordRow, SubjectAccessRequestRow } from '../../src/access/review-queues.js';
import type { AccessEventType, BreakGlassReviewType, FlaggedRecordType, SubjectAccessRequestType } from './audit.types.js';

const LOG_VIEW = "the access log view of this reader (the DPO's areas, or the family's own child in plain terms)";
const logView = (read: (e: AccessEventView) => unknown) => view<AccessEventView>(LOG_VIEW, read);
/** Safeguarding activity never reaches a family: a parent may be the subject of a concern. */
const plainCategories = (e: AccessEventView) => (e.familyReader ? e.row.categories.filter((c) => c !== 'SAFEGUARDING') : e.row.categories);
/** Families see organisations, never the identifiers of individual staff (their own events keep their own). */
const actorSub = (e: AccessEventView) => (e.familyReader && e.row.actorSub !== e.familyReader ? e.row.actorOrg : e.row.actorSub);

export const accessEventGuards = guardType<AccessEventView, AccessEventType>('AccessEvent', {
  id: logView((e) => e.row.id),
  at: logView((e) => new Date(e.row.at)),
  actorSub: logView(actorSub),
  actorOrg: logView((e) => e.row.actorOrg),
  actorOrgName: logView((e) => e.row.actorOrgName ?? e.row.actorOrg),
  actorRole: logView((e) => e.row.actorRole),
  childId: logView((e) => e.row.childId),
  areaCode: logView((e) => e.row.areaCode),
  action: logView((e) => e.row.action),
  basis: logView((e) => e.row.basis),
  categories: logView(plainCategories),
  sections: logView((e) => e.row.sections),
  requestId: logView((e) => e.row.requestId),
  flags: logView((e) => e.row.flags),
  operationName: logView((e) => (e.familyReader ? null : e.row.operationName)),
});

const QUEUE_VIEW = "the DPO's break-glass review queue for their areas";
const queue = (read: (g: BreakGlassRow) => unknown) => view<BreakGlassRow>(QUEUE_VIEW, read);

export const breakGlassReviewGuards = guardType<BreakGlassRow, BreakGlassReviewType>('BreakGlassReview', {
  id: queue((g) => g.id),
  childId: queue((g) => g.childId),
  actorSub: queue((g) => g.actorSub),
  actorOrg: queue((g) => g.actorOrg),
  reason: queue((g) => g.reason),
  createdAt: queue((g) => g.createdAt),
  expiresAt: queue((g) => g.expiresAt),
  outcome: queue((g) => g.reviewOutcome),
  note: queue((g) => g.reviewNote),
  reviewedBySub: queue((g) => g.reviewedBySub),
  reviewedAt: queue((g) => g.reviewedAt),
});

const sar = (read: (r: SubjectAccessRequestRow, today: string) => unknown) => identity<SubjectAccessRequestRow>((r, view) => read(r, view.today));

/** A subject access request is about the child's own data: everyone with a relationship may see where it stands. */
export const subjectAccessRequestGuards = guardType<SubjectAccessRequestRow, SubjectAccessRequestType>('SubjectAccessRequest', {
  id: sar((r) => r.id),
  childId: sar((r) => r.childId),
  receivedOn: sar((r) => r.receivedOn),
  dueOn: sar((r) => r.dueOn),
  overdue: sar((r, today) => r.answeredAt === null && today > r.dueOn),
  requestedByRole: sar((r) => r.requestedByRole),
  safeguardingDecision: sar((r) => r.safeguardingDecision),
  answeredAt: sar((r) => r.answeredAt),
});

const FLAGGED_VIEW = "the DPO's queue of records made on paper evidence, for their areas";
const flagged = (read: (r: FlaggedRecordRow) => unknown) => view<FlaggedRecordRow>(FLAGGED_VIEW, read);

export const flaggedRecordGuards = guardType<FlaggedRecordRow, FlaggedRecordType>('FlaggedRecord', {
  id: flagged((r) => r.id),
  kind: flagged((r) => r.kind),
  childId: flagged((r) => r.childId),
  recordedBySub: flagged((r) => r.recordedBySub),
  recordedByOrg: flagged((r) => r.recordedByOrg),
  evidenceNote: flagged((r) => r.evidenceNote),
  createdAt: flagged((r) => r.createdAt),
  outcome: flagged((r) => r.reviewOutcome),
  note: flagged((r) => r.reviewNote),
  reviewedBySub: flagged((r) => r.reviewedBySub),
  reviewedAt: flagged((r) => r.reviewedAt),
});

export const auditTypes = [
  guardType('Child', { subjectAccessRequests: relation("the child's subject access requests, each under its guards") }),
  subjectAccessRequestGuards,
  flaggedRecordGuards,
  accessEventGuards,
  breakGlassReviewGuards,
  publicType('AccessEventConnection', 'Relay structure over guarded events'),
  publicType('AccessEventEdge', 'Relay structure: the cursor is the global event order (seq), not a position in a chain'),
  publicType('AuditChainStatus', 'the state of the audit chains: no child data'),
  publicType('AuditChain', "one chain's state: its key (an area code) and counts, no child data"),
];
