/**
 * The audit module: the access log (DPO and family views, src/access/access-log.ts), the chain's
 * status (verified off the request path), the break-glass review queue and the subject access
 * export. Who may ask is the action table's; what each sees is the data layer's named reads.
 */
import { readAccessLog } from '../../src/access/access-log.js';
import { breakGlassQueue } from '../../src/access/break-glass-queue.js';
import type { BreakGlassRow } from '../../src/access/child-record.js';
import { auditChainReport } from '../../src/access/chain-status.js';
import type { Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { subjectAccessDocument } from '../../src/access/subject-access.js';
import { badInput, conflict, notFound } from '../../src/platform/errors.js';
import { encodeCursor, pageSize } from '../../src/platform/graphql/connection.js';
import * as store from './audit.store.js';
import type { AccessLogFilter, BreakGlassOutcome } from './audit.types.js';

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
  const text = note.trim();
  if (!text) throw badInput('note', 'must not be empty');
  if (text.length > MAX_REVIEW_NOTE) throw badInput('note', `must be at most ${MAX_REVIEW_NOTE} characters`);
  const reviewed = await data.write(store.recordReview, { id, outcome, note: text, reviewedBySub: data.actor.sub });
  if (!reviewed) throw conflict('This break-glass access has already been reviewed');
  data.noteAction(child, 'REVIEW_BREAK_GLASS', 'STATUTORY', { categories: ['IDENTITY'], flags: ['BREAK_GLASS'] });
  data.forget(child);
  const fresh = await data.requireChild(child.id);
  return data.where(data.breakGlassGrantsOf(fresh), (g) => g.id === id)[0]!;
}

/** UK GDPR Art. 15: everything held on the child plus its access history, for the DPO of its area. */
export async function subjectAccessExport(data: ScopedData, childId: string): Promise<string> {
  const child = await data.requireChild(childId);
  data.assertCan('audit.export', { child });
  return subjectAccessDocument(data, child);
}
