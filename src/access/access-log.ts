/**
 * The access log as a named read of the data layer, with its two views:
 * - a data protection officer sees the events of their areas (UK GDPR Art. 38–39), child-less ones
 *   included, filtered by child, actor, organisation, basis and time;
 * - a family sees the events about a child they are linked to, in plain terms: no safeguarding
 *   activity (a parent may be the subject of a concern: Working Together to Safeguard Children 2023),
 *   organisations instead of staff identifiers, no client-chosen operation names.
 * Reading a child's log is itself an access to the child: each child in a page is recorded (hand-out).
 */
import { and, desc, eq, getTableColumns, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { auditEvents, familyLinks, organisations } from '../../schema/tables.js';
import type { AccessBasis } from '../domain/vocabulary.js';
import { forbidden } from '../platform/errors.js';
import type { Db } from '../platform/db/database.js';
import { encodeCursor, type Page } from '../platform/graphql/connection.js';
import { Parcel } from './internal/parcel.js';
import { internalsOf } from './internal/scope-internals.js';
import type { Sealed } from './sealed.js';
import type { ScopedData } from './scoped-data.js';

export type AuditEventRow = typeof auditEvents.$inferSelect & { actorOrgName: string | null };

/** An event as this reader may see it (the view applied by the AccessEvent guards). */
export interface AccessEventView {
  row: AuditEventRow;
  /** Set for a family reader: their own subject (their own events keep it). */
  familyReader: string | null;
}

export interface AccessLogQuery {
  childId?: string | null;
  actorSub?: string | null;
  actorOrg?: string | null;
  basis?: AccessBasis | null;
  from?: Date | null;
  to?: Date | null;
  /** Keyset: events older than this sequence number. */
  beforeSeq: number | null;
  limit: number;
}

/** Events recorded only about safeguarding content: never shown to a family. */
export const ONLY_SAFEGUARDING = sql`(${auditEvents.categories} <@ array['SAFEGUARDING']::text[] and cardinality(${auditEvents.categories}) > 0)`;

export async function readAccessLog(data: ScopedData, q: AccessLogQuery): Promise<Page<Sealed<AccessEventView>>> {
  const { tx } = internalsOf(data);
  const { actor } = data;
  const family = actor.role === 'FAMILY';
  let scope: SQL;
  if (q.childId) {
    // Outsiders and unknown ids get the same NOT_FOUND; the read itself is recorded.
    const child = await data.requireChild(q.childId);
    // After the end of compulsory school age the log is the young person's (CFA 2014 s.83(2)).
    if (family && !data.decidesFor(child)) throw forbidden('The young person decides who sees their record now: ask them to share it with you');
    scope = eq(auditEvents.childId, child.id);
  } else if (family) {
    const linked = await tx.select({ id: familyLinks.childId }).from(familyLinks).where(eq(familyLinks.subject, actor.sub));
    const decided = (await data.childrenByIds(linked.map((l) => l.id))).filter((c) => data.decidesFor(c)).map((c) => c.id);
    scope = decided.length ? inArray(auditEvents.childId, decided) : sql`false`;
  } else {
    scope = actor.areas.length ? inArray(auditEvents.areaCode, actor.areas) : sql`false`;
  }
  const rows = await page(tx, and(
    scope,
    family ? sql`not ${ONLY_SAFEGUARDING}` : undefined,
    q.actorSub ? eq(auditEvents.actorSub, q.actorSub) : undefined,
    q.actorOrg ? eq(auditEvents.actorOrg, q.actorOrg) : undefined,
    q.basis ? eq(auditEvents.basis, q.basis) : undefined,
    q.from ? gte(auditEvents.at, q.from.toISOString()) : undefined,
    q.to ? lte(auditEvents.at, q.to.toISOString()) : undefined,
    q.beforeSeq != null ? lt(auditEvents.seq, q.beforeSeq) : undefined,
  )!, q.limit + 1);
  const shown = rows.slice(0, q.limit);
  await data.childrenByIds(shown.map((r) => r.childId).filter((id): id is string => id !== null));
  const familyReader = family ? actor.sub : null;
  const edges = shown.map((row) => ({
    node: new Parcel<AccessEventView>(null, { row, familyReader }) as unknown as Sealed<AccessEventView>,
    cursor: encodeCursor(String(row.seq)),
  }));
  return { edges, pageInfo: { hasNextPage: rows.length > q.limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

function page(db: Db, where: SQL, limit: number): Promise<AuditEventRow[]> {
  return db
    .select({ ...getTableColumns(auditEvents), actorOrgName: organisations.name })
    .from(auditEvents)
    .leftJoin(organisations, eq(organisations.code, auditEvents.actorOrg))
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}
