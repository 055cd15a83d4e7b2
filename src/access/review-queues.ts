/**
 * The DPO's review queues as named reads of the data layer (UK GDPR Art. 38–39: the DPO monitors
 * processing in their areas): subject access requests with their due dates, and the records a
 * coordinator made on paper evidence (consents, withdrawals, capacity) that are flagged for review.
 * Reading them is an access to each child, recorded on hand-out.
 */
import { and, asc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { capacityRecords, children, consents, subjectAccessRequests } from '../../schema/tables.js';
import { Parcel } from './internal/parcel.js';
import { internalsOf } from './internal/scope-internals.js';
import type { Sealed } from './sealed.js';
import type { ScopedData } from './scoped-data.js';

export type SubjectAccessRequestRow = typeof subjectAccessRequests.$inferSelect;

/** A record made on paper evidence, flagged for the DPO's review. */
export interface FlaggedRecordRow {
  id: string;
  kind: 'PAPER_CONSENT' | 'CAPACITY';
  childId: string;
  recordedBySub: string;
  recordedByOrg: string | null;
  evidenceNote: string;
  createdAt: Date;
  reviewOutcome: string | null;
  reviewNote: string | null;
  reviewedBySub: string | null;
  reviewedAt: Date | null;
}

const MAX_QUEUE = 500;

/** Seals rows under the children of the actor's areas that it may see (the others are left out). */
async function sealForVisibleChildren<R extends { childId: string }>(data: ScopedData, rows: R[]): Promise<Sealed<R>[]> {
  const visible = await data.childrenByIds(rows.map((r) => r.childId));
  const records = new Map(visible.map((c) => [c.id, Parcel.open(c as unknown as Parcel<import('./child-record.js').ChildRecord>)]));
  return rows.filter((r) => records.has(r.childId)).map((r) => new Parcel<R>(records.get(r.childId)!, r) as unknown as Sealed<R>);
}

export async function subjectAccessQueue(data: ScopedData, pending: boolean | null | undefined): Promise<Sealed<SubjectAccessRequestRow>[]> {
  const { tx } = internalsOf(data);
  if (data.actor.areas.length === 0) return [];
  const rows = await tx
    .select({ request: subjectAccessRequests })
    .from(subjectAccessRequests)
    .innerJoin(children, eq(children.id, subjectAccessRequests.childId))
    .where(and(
      inArray(children.areaCode, data.actor.areas),
      pending === true ? isNull(subjectAccessRequests.answeredAt) : pending === false ? isNotNull(subjectAccessRequests.answeredAt) : undefined,
    ))
    .orderBy(asc(subjectAccessRequests.dueOn), asc(subjectAccessRequests.id))
    .limit(MAX_QUEUE);
  return sealForVisibleChildren(data, rows.map((r) => r.request));
}

export async function flaggedQueue(data: ScopedData, pending: boolean | null | undefined): Promise<Sealed<FlaggedRecordRow>[]> {
  const { tx } = internalsOf(data);
  if (data.actor.areas.length === 0) return [];
  const inAreas = inArray(children.areaCode, data.actor.areas);
  const paperConsents = await tx
    .select({ c: consents })
    .from(consents)
    .innerJoin(children, eq(children.id, consents.childId))
    .where(and(inAreas, or(isNotNull(consents.evidenceNote), isNotNull(consents.withdrawalEvidenceNote)),
      pending === true ? isNull(consents.reviewOutcome) : pending === false ? isNotNull(consents.reviewOutcome) : undefined))
    .limit(MAX_QUEUE);
  const capacity = await tx
    .select({ c: capacityRecords })
    .from(capacityRecords)
    .innerJoin(children, eq(children.id, capacityRecords.childId))
    .where(and(inAreas, pending === true ? isNull(capacityRecords.reviewOutcome) : pending === false ? isNotNull(capacityRecords.reviewOutcome) : undefined))
    .limit(MAX_QUEUE);
  const rows: FlaggedRecordRow[] = [
    ...paperConsents.map(({ c }) => ({
      id: c.id, kind: 'PAPER_CONSENT' as const, childId: c.childId, recordedBySub: c.withdrawalEvidenceNote ? c.withdrawnBySub! : c.grantedBySub,
      recordedByOrg: c.grantedByOrg, evidenceNote: c.withdrawalEvidenceNote ?? c.evidenceNote!, createdAt: c.withdrawnAt ?? c.createdAt,
      reviewOutcome: c.reviewOutcome, reviewNote: c.reviewNote, reviewedBySub: c.reviewedBySub, reviewedAt: c.reviewedAt,
    })),
    ...capacity.map(({ c }) => ({
      id: c.id, kind: 'CAPACITY' as const, childId: c.childId, recordedBySub: c.recordedBySub, recordedByOrg: c.recordedByOrg,
      evidenceNote: c.evidenceNote, createdAt: c.createdAt,
      reviewOutcome: c.reviewOutcome, reviewNote: c.reviewNote, reviewedBySub: c.reviewedBySub, reviewedAt: c.reviewedAt,
    })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return sealForVisibleChildren(data, rows);
}
