/**
 * The audit module (DESIGN.md §4): who may read the access log and how much of it, the DPO's
 * chain check, break-glass review and the subject access export. Decisions here; SQL in audit.store.ts.
 *
 * - DPO: events about children of their areas, and events about no child; filter by child, actor,
 *   organisation, basis and time; newest first.
 * - FAMILY: events about a child they are linked to, and only that. In plain terms: for other people's
 *   events `actorSub` shows the organisation (FAMILY for family members), never a member of staff's
 *   identifier, and `operationName` (client-chosen text) is hidden. Their own events show their own sub.
 * - Reading a child's log is itself recorded: a READ of IDENTITY for each child whose events are returned
 *   (through ScopedData.release, so the basis is the reader's own: OVERSIGHT → STATUTORY, FAMILY → FAMILY).
 * - Everyone else is refused by the shield (FORBIDDEN).
 */
import { isUuid } from '../../src/domain/identifiers.js';
import type { ScopedData, VisibleChild } from '../../src/access/scoped-data.js';
import { IDENTITY_GUARD } from '../../src/access/scoped-data.js';
import { verifyAuditChain, type ChainStatus } from '../../src/audit/verify-chain.js';
import type { DataCategory, SectionCode } from '../../src/domain/vocabulary.js';
import { DATA_CATEGORIES } from '../../src/domain/vocabulary.js';
import { badInput, conflict, forbidden, notFound } from '../../src/platform/errors.js';
import { encodeCursor, pageSize, type Page } from '../../src/platform/graphql/connection.js';
import * as store from './audit.store.js';
import type { AccessEventType, AccessLogFilter, BreakGlassOutcome, BreakGlassReviewType } from './audit.types.js';

export const MAX_REVIEW_NOTE = 2000;

function decodeSeqCursor(after: string | null | undefined): number | null {
  if (after == null) return null;
  const key = Buffer.from(after, 'base64url').toString('utf8');
  if (!/^[1-9]\d{0,15}$/.test(key) || encodeCursor(key) !== after) throw badInput('after', 'is not a cursor this hub issued');
  return Number(key);
}

export async function accessLog(
  data: ScopedData,
  filter: AccessLogFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<AccessEventType>> {
  const { actor } = data;
  const size = pageSize(first);
  const beforeSeq = decodeSeqCursor(after);
  const f = filter ?? {};
  if (f.from && f.to && f.from > f.to) throw badInput('filter.from', 'is after filter.to');
  const common = { actorOrg: f.actorOrg, basis: f.basis, from: f.from, to: f.to, beforeSeq, limit: size + 1 };

  let query: store.AccessLogQuery;
  if (actor.role === 'DPO') {
    query = f.childId
      ? { ...common, actorSub: f.actorSub, childIds: [(await data.requireChild(f.childId)).id] }
      : { ...common, actorSub: f.actorSub, areas: actor.areas, includeChildless: true };
  } else if (actor.role === 'FAMILY') {
    // Families may not probe for individual members of staff.
    if (f.actorSub) throw badInput('filter.actorSub', 'is not available to families; filter by actorOrg');
    const linked = f.childId
      ? [(await data.requireChild(f.childId)).id]
      : (await store.childrenLinkedTo(data.tx, actor.sub));
    query = { ...common, childIds: linked };
  } else {
    throw forbidden('Only a data protection officer or the child\'s family may read the access log');
  }

  const rows = await store.accessLogPage(data.tx, query);
  const page = rows.slice(0, size);
  // Reading a child's access history is itself an access to the child: note it with the reader's basis.
  const childIds = [...new Set(page.map((r) => r.childId).filter((id): id is string => id !== null))];
  const visible = await data.visibleChildren(childIds);
  await Promise.all(visible.map((c) => data.release(c, IDENTITY_GUARD, true)));
  const family = actor.role === 'FAMILY';
  const edges = page.map((row) => ({ node: toAccessEvent(row, family ? actor.sub : null), cursor: encodeCursor(String(row.seq)) }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The stored row as the reader may see it (`familyReader`: the family member's own sub, else null). */
export function toAccessEvent(row: store.AuditEventRow, familyReader: string | null): AccessEventType {
  const plain = familyReader !== null;
  return {
    seq: row.seq,
    id: row.id,
    at: new Date(row.at),
    actorSub: plain && row.actorSub !== familyReader ? row.actorOrg : row.actorSub,
    actorOrg: row.actorOrg,
    actorRole: row.actorRole,
    childId: row.childId,
    action: row.action,
    basis: row.basis as AccessEventType['basis'],
    categories: row.categories as DataCategory[],
    sections: row.sections as SectionCode[],
    flags: row.flags,
    operationName: plain ? null : row.operationName,
  };
}

/** Recomputes the whole chain (DPO). */
export function auditChainStatus(data: ScopedData): Promise<ChainStatus> {
  if (data.actor.role !== 'DPO') throw forbidden();
  return verifyAuditChain(data.tx);
}

/** Break-glass grants on children of the DPO's areas, oldest first. Reading the reasons is recorded. */
export async function breakGlassReviews(data: ScopedData, pending: boolean | null | undefined): Promise<BreakGlassReviewType[]> {
  if (data.actor.role !== 'DPO') throw forbidden();
  const rows = await store.breakGlassGrantsInAreas(data.tx, data.actor.areas, pending);
  const visible = await data.visibleChildren([...new Set(rows.map((r) => r.childId))]);
  const seen = new Set(visible.map((c) => c.id));
  await Promise.all(visible.map((c) => data.release(c, IDENTITY_GUARD, true)));
  return rows.filter((r) => seen.has(r.childId)).map(toReview);
}

/** The DPO of the child's area records whether an emergency access was justified, once. */
export async function reviewBreakGlass(data: ScopedData, id: string, outcome: BreakGlassOutcome, note: string): Promise<BreakGlassReviewType> {
  if (data.actor.role !== 'DPO') throw forbidden();
  const text = note.trim();
  if (!text) throw badInput('note', 'must not be empty');
  if (text.length > MAX_REVIEW_NOTE) throw badInput('note', `must be at most ${MAX_REVIEW_NOTE} characters`);
  const grant = isUuid(id) ? await store.breakGlassGrant(data.tx, id) : null;
  if (!grant) throw notFound('break-glass grant');
  let child: VisibleChild;
  try {
    child = await data.requireChild(grant.childId);
  } catch {
    throw notFound('break-glass grant');
  }
  const reviewed = await data.write((tx) => store.recordReview(tx, grant.id, { outcome, note: text, reviewedBySub: data.actor.sub }));
  if (!reviewed) throw conflict('This break-glass access has already been reviewed');
  data.noteAction(child.id, 'REVIEW_BREAK_GLASS', 'STATUTORY', { categories: ['IDENTITY'], flags: ['BREAK_GLASS'] });
  return toReview(reviewed);
}

function toReview(row: store.BreakGlassGrantRow): BreakGlassReviewType {
  return {
    id: row.id,
    childId: row.childId,
    actorSub: row.actorSub,
    actorOrg: row.actorOrg,
    reason: row.reason,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    outcome: (row.reviewOutcome as BreakGlassOutcome | null) ?? null,
    note: row.reviewNote,
    reviewedBySub: row.reviewedBySub,
    reviewedAt: row.reviewedAt,
  };
}

/**
 * Subject access export (UK GDPR Art. 15): everything held on the child plus its access history, as one
 * JSON document, for the DPO of the child's area, who answers the request (and redacts third-party data,
 * Art. 15(4), before it leaves the council). The DPO does not otherwise read section content (field
 * rule 2); the export is the one, recorded exception: an EXPORT event listing every category and section
 * included, on the STATUTORY basis.
 */
export async function subjectAccessExport(data: ScopedData, childId: string): Promise<string> {
  if (data.actor.role !== 'DPO') throw forbidden('Only the data protection officer of the child\'s area may export a child\'s record');
  const child = await data.requireChild(childId);
  const held = await store.everythingHeldOn(data.tx, child.id);
  const categories = new Set<DataCategory>(['IDENTITY']);
  const sectionCodes = new Set<SectionCode>();
  for (const v of held.versions) {
    sectionCodes.add(v.code);
    for (const e of v.entries) categories.add(e.category);
  }
  if (held.plan) categories.add('EDUCATION');
  data.noteAction(child.id, 'EXPORT', 'STATUTORY', {
    categories: DATA_CATEGORIES.filter((c) => categories.has(c)),
    sections: [...sectionCodes].sort(),
  });
  const document = {
    format: 'ehc-hub subject access export',
    version: 1,
    exportedAt: data.now.toISOString(),
    exportedBy: { sub: data.actor.sub, org: data.actor.org, role: data.actor.role },
    childId: child.id,
    identity: held.child,
    careTeam: held.careTeam,
    familyLinks: held.family,
    plan: held.plan,
    clockExceptions: held.clockExceptions,
    adviceRequests: held.adviceRequests,
    sections: held.sectionHeads,
    sectionVersions: held.versions,
    consents: held.consents,
    breakGlassGrants: held.breakGlassGrants,
    accessHistory: held.accessHistory,
  };
  return JSON.stringify(document, null, 2);
}
