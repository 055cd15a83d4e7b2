/**
 * The audit module: the access log (DPO and family views, src/access/access-log.ts), the chain's
 * status (verified off the request path), the break-glass review queue and the subject access
 * export. Who may ask is the action table's; what each sees is the data layer's named reads.
 */
import { randomUUID } from 'node:crypto';
import { readAccessLog } from '../../src/access/access-log.js';
import { breakGlassQueue } from '../../src/access/break-glass-queue.js';
import type { BreakGlassRow } from '../../src/access/child-record.js';
import { auditChainReport } from '../../src/access/chain-status.js';
import type { Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { flaggedQueue, subjectAccessQueue, type SubjectAccessRequestRow } from '../../src/access/review-queues.js';
import type { ChildRef } from '../../src/access/sealed.js';
import { NoOpenRequest, OneExportPerOperation, subjectAccessDocument } from '../../src/access/subject-access.js';
import { addMonths } from '../../src/domain/statutory-clock.js';
import { badInput, conflict, notFound } from '../../src/platform/errors.js';
import { encodeCursor, pageSize } from '../../src/platform/graphql/connection.js';
import * as store from './audit.store.js';
import type { AccessLogFilter, BreakGlassOutcome, FlaggedKind, SafeguardingDecision } from './audit.types.js';

export const MAX_REVIEW_NOTE = 2000;

function decodeSeqCursor(after: string | null | undefined): number | null {
  if (after == null) return null;
  const key = Buffer.from(after, 'base64url').toString('utf8');
  if (!/^[1-9]\d{0,15}$/.test(key) || encodeCursor(key) !== after) throw badInput('after', 'is not a cursor this hub issued');
  return Number(key);
}

export async function accessLog(data: ScopedData, filter: AccessLogFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
  data.assertCan('audit.log');
  const f = filter ?? {};
  if (f.from && f.to && f.from > f.to) throw badInput('filter.from', 'is after filter.to');
  // Families may not probe for individual members of staff.
  if (data.actor.role === 'FAMILY' && f.actorSub) throw badInput('filter.actorSub', 'is not available to families; filter by actorOrg');
  return readAccessLog(data, { ...f, beforeSeq: decodeSeqCursor(after), limit: pageSize(first) });
}

/** The latest verification of the chain; asking is itself recorded, against each of the DPO's areas. */
export function auditChainStatus(data: ScopedData) {
  data.assertCan('audit.chain');
  for (const areaCode of data.actor.areas) data.noteAction({ areaCode }, 'READ', 'STATUTORY', { flags: ['AUDIT_CHAIN_STATUS'] });
  return auditChainReport(data);
}

export function breakGlassReviews(data: ScopedData, pending: boolean | null | undefined): Promise<Sealed<BreakGlassRow>[]> {
  data.assertCan('breakGlass.queue');
  return breakGlassQueue(data, pending);
}

/** The DPO of the child's area records whether an emergency access was justified, once. */
export async function reviewBreakGlass(data: ScopedData, id: string, outcome: BreakGlassOutcome, note: string): Promise<Sealed<BreakGlassRow>> {
  const missing = () => notFound('break-glass grant');
  const child = await data.requireChildOf((db) => store.childOfGrant(db, id), missing);
  data.assertCan('breakGlass.review', { child });
  const text = reviewNote(note);
  const reviewed = await data.write(store.recordReview, { id, outcome, note: text, reviewedBySub: data.actor.sub });
  if (!reviewed) throw conflict('This break-glass access has already been reviewed');
  data.noteAction(child, 'REVIEW_BREAK_GLASS', 'STATUTORY', { categories: ['IDENTITY'], flags: ['BREAK_GLASS'] });
  data.forget(child);
  const fresh = await data.requireChild(child.id);
  return data.where(data.breakGlassGrantsOf(fresh), (g) => g.id === id)[0]!;
}

/**
 * UK GDPR Art. 15: everything held on the child plus its access history, for the DPO of its area,
 * answering an open request; one child per operation.
 */
export async function subjectAccessExport(data: ScopedData, childId: string): Promise<string> {
  const child = await data.requireChild(childId);
  data.assertCan('audit.export', { child });
  try {
    return await subjectAccessDocument(data, child);
  } catch (error) {
    if (error instanceof NoOpenRequest) throw badInput('childId', 'has no open subject access request: record the request first (recordSubjectAccessRequest)');
    if (error instanceof OneExportPerOperation) throw badInput('subjectAccessExport', 'one child per operation: send each export on its own');
    throw error;
  }
}

/** UK GDPR Art. 12(3): the answer is due one month after the request is received. */
export async function recordSubjectAccessRequest(data: ScopedData, childId: string, receivedOn: string): Promise<Sealed<SubjectAccessRequestRow>> {
  const child = await data.requireChild(childId);
  data.assertCan('subjectAccess.request', { child });
  if (receivedOn > data.today) throw badInput('receivedOn', 'is in the future');
  if (receivedOn < data.dateOfBirthOf(child)) throw badInput('receivedOn', 'is before the child was born');
  const id = randomUUID();
  await data.write(store.insertSubjectAccessRequest, {
    id, childId: child.id, requestedBySub: data.actor.sub, requestedByRole: data.actor.role, receivedOn, dueOn: addMonths(receivedOn, 1),
  });
  data.noteAction(child, 'WRITE', data.actor.role === 'FAMILY' ? 'FAMILY' : 'STATUTORY', { categories: ['IDENTITY'], flags: ['SUBJECT_ACCESS_REQUEST'] });
  return data.where(await data.load(child, store.subjectAccessRequestRows), (r) => r.id === id)[0]!;
}

export async function subjectAccessRequestsOf(data: ScopedData, child: ChildRef): Promise<Sealed<SubjectAccessRequestRow>[]> {
  return data.load(child, store.subjectAccessRequestRows);
}

/** The DPO's queue of requests in their areas, due date first. */
export function subjectAccessRequests(data: ScopedData, pending: boolean | null | undefined) {
  data.assertCan('flagged.queue');
  return subjectAccessQueue(data, pending);
}

/** DPA 2018 Sch. 3 Part 3: the DPO decides, on the serious-harm test, whether safeguarding content is released. */
export async function recordSafeguardingExemptionReview(data: ScopedData, requestId: string, decision: SafeguardingDecision, note: string): Promise<Sealed<SubjectAccessRequestRow>> {
  const missing = () => notFound('subject access request');
  const child = await data.requireChildOf((db) => store.childOfSubjectAccessRequest(db, requestId), missing);
  data.assertCan('subjectAccess.review', { child });
  const text = reviewNote(note);
  if (!(await data.write(store.recordSafeguardingDecision, { id: requestId, decision, note: text, reviewedBySub: data.actor.sub }))) {
    throw conflict('This request has been answered already');
  }
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['IDENTITY'], flags: [`SAFEGUARDING_EXEMPTION:${decision}`] });
  return data.where(await data.load(child, store.subjectAccessRequestRows), (r) => r.id === requestId)[0]!;
}

/** The DPO's queue of records made on paper evidence (consents, withdrawals, capacity), oldest first. */
export function flaggedRecords(data: ScopedData, pending: boolean | null | undefined) {
  data.assertCan('flagged.queue');
  return flaggedQueue(data, pending);
}

/** The DPO of the child's area records whether a record made on paper evidence was justified, once. */
export async function reviewFlaggedRecord(data: ScopedData, kind: FlaggedKind, id: string, outcome: BreakGlassOutcome, note: string) {
  const missing = () => notFound('flagged record');
  const child = await data.requireChildOf((db) => store.childOfFlagged(db, { kind, id }), missing);
  data.assertCan('flagged.review', { child });
  const text = reviewNote(note);
  if (!(await data.write(store.reviewFlagged, { kind, id, outcome, note: text, reviewedBySub: data.actor.sub }))) throw conflict('This record has already been reviewed');
  data.noteAction(child, 'REVIEW_RECORD', 'STATUTORY', { categories: ['IDENTITY'], flags: [kind] });
  const [row] = data.where(await flaggedQueue(data, false), (r) => r.id === id && r.kind === kind);
  return row!;
}

function reviewNote(note: string): string {
  const text = note.trim();
  if (!text) throw badInput('note', 'must not be empty');
  if (text.length > MAX_REVIEW_NOTE) throw badInput('note', `must be at most ${MAX_REVIEW_NOTE} characters`);
  return text;
}
