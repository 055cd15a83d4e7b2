/**
 * The named read behind `children(first, after, filter, orderBy)`: the children the actor may see
 * (visibility.ts, in SQL), narrowed by identity and process filters, counted, and ordered by id (keyset),
 * by name, or by the next statutory deadline (the caseload). Deadline filters and the deadline order use
 * the one deadline rule (src/domain/process-deadlines.ts) over the facts of process-facts.ts, never a
 * second SQL copy of it. Ids leave here only to be confirmed and handed out (recorded) by ScopedData.
 */
import { and, asc, count, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { children } from '../../schema/tables.js';
import type { Actor } from '../domain/actor.js';
import { listOpenDeadlines, type ProcessFacts } from '../domain/process-deadlines.js';
import { addDays } from '../domain/statutory-clock.js';
import type { PlanStatus } from '../domain/vocabulary.js';
import type { Db } from '../platform/db/database.js';
import { loadProcessFacts } from './process-facts.js';
import { visibleTo } from './visibility.js';

export const CHILD_ORDERS = ['ID', 'NAME', 'NEXT_DEADLINE'] as const;
export type ChildOrder = (typeof CHILD_ORDERS)[number];

/** What a caseworker searches by; every value already normalised by the caller (the NHS number's ten digits). */
export interface ChildListFilter {
  nhsNumber?: string | null;
  upn?: string | null;
  /** Words each matching the start of the given or the family name, case-insensitive. */
  name?: string | null;
  dateOfBirth?: string | null;
  locality?: string | null;
  planStatus?: readonly PlanStatus[] | null;
  /** Whether any open deadline of the current episode is overdue. */
  overdue?: boolean | null;
  /** The next deadline owed by the council or an agency falls within this many days from today (overdue ones included). */
  dueWithinDays?: number | null;
}

export interface ChildListQuery {
  /** ID order: the last id of the previous page (keyset). Other orders: the number of children already listed. */
  after: string | null;
  limit: number;
  filter?: ChildListFilter;
  order?: ChildOrder;
  today: string;
}

export interface ChildListPage {
  ids: string[];
  /** The key to continue after the last id (the id itself, or a position). */
  keys: string[];
  hasNextPage: boolean;
  /**
   * How many match (all pages), counted only when asked for: a list page that does not select
   * `totalCount` costs no count statement (the hot path stays one keyset query).
   */
  totalCount: () => Promise<number>;
}

/**
 * The most children a deadline filter or the caseload order ranks in one request. Above it the caller is
 * asked to narrow the search (by locality, status): the ranking needs every candidate's process facts.
 */
export const MAX_RANKED_CHILDREN = 20_000;

/** The search would rank more children than {@link MAX_RANKED_CHILDREN}. */
export class TooManyToRank extends Error {}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(filter: ChildListFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (filter.nhsNumber) parts.push(eq(children.nhsNumber, filter.nhsNumber));
  if (filter.upn) parts.push(eq(children.upn, filter.upn));
  if (filter.dateOfBirth) parts.push(eq(children.dateOfBirth, filter.dateOfBirth));
  if (filter.locality) parts.push(eq(children.locality, filter.locality));
  for (const word of (filter.name ?? '').trim().split(/\s+/).filter(Boolean)) {
    const prefix = `${escapeLike(word)}%`;
    parts.push(or(sql`${children.givenName} ilike ${prefix}`, sql`${children.familyName} ilike ${prefix}`, sql`${children.familyName} ilike ${`% ${escapeLike(word)}%`}`));
  }
  if (filter.planStatus && filter.planStatus.length > 0) {
    const statuses = sql.join(filter.planStatus.map((st) => sql`${st}`), sql`, `);
    parts.push(sql`exists (select 1 from plans p where p.child_id = ${children.id} and p.status in (${statuses}))`);
  }
  return and(...parts);
}

const needsDeadlines = (q: ChildListQuery) =>
  q.order === 'NEXT_DEADLINE' || (q.filter?.overdue !== null && q.filter?.overdue !== undefined) || (q.filter?.dueWithinDays !== null && q.filter?.dueWithinDays !== undefined);

/** The next open deadline owed by the council or an agency (the family's comment periods are theirs, not owed). */
function nextDueOn(facts: ProcessFacts | undefined, today: string): { dueOn: string | null; overdue: boolean } {
  if (!facts) return { dueOn: null, overdue: false };
  const open = listOpenDeadlines(facts, today);
  return { dueOn: open.find((d) => d.owedBy !== 'FAMILY')?.dueOn ?? null, overdue: open.some((d) => d.overdue) };
}

function position(after: string | null): number {
  if (after === null) return 0;
  const n = Number(after);
  if (!Number.isInteger(n) || n < 0) throw new RangeError('not a position cursor');
  return n;
}

/** One page of the visible children matching the filter, with the total that match. */
export async function listChildIds(db: Db, actor: Actor, q: ChildListQuery): Promise<ChildListPage> {
  const where = and(visibleTo(actor), filterSql(q.filter ?? {}));
  if (needsDeadlines(q)) return rankByDeadline(db, where, q);
  const totalCount = async () => Number((await db.select({ n: count() }).from(children).where(where))[0]?.n ?? 0);
  if ((q.order ?? 'ID') === 'ID') {
    const rows = await db.select({ id: children.id }).from(children).where(and(where, q.after ? gt(children.id, q.after) : undefined)).orderBy(asc(children.id)).limit(q.limit + 1);
    const ids = rows.slice(0, q.limit).map((r) => r.id);
    return { ids, keys: ids, hasNextPage: rows.length > q.limit, totalCount };
  }
  const from = position(q.after);
  const rows = await db
    .select({ id: children.id })
    .from(children)
    .where(where)
    .orderBy(sql`lower(${children.familyName})`, sql`lower(${children.givenName})`, asc(children.id))
    .offset(from)
    .limit(q.limit + 1);
  const ids = rows.slice(0, q.limit).map((r) => r.id);
  return { ids, keys: ids.map((_, i) => String(from + i + 1)), hasNextPage: rows.length > q.limit, totalCount };
}

/**
 * Deadline filters and the caseload order: every candidate's current episode through the deadline rule,
 * then filtered and sorted (next due date first; no open deadline last; id breaks ties), then paged.
 */
async function rankByDeadline(db: Db, where: SQL | undefined, q: ChildListQuery): Promise<ChildListPage> {
  const candidates = await db
    .select({ id: children.id, name: sql<string>`lower(${children.familyName}) || ' ' || lower(${children.givenName})` })
    .from(children)
    .where(where)
    .orderBy(asc(children.id))
    .limit(MAX_RANKED_CHILDREN + 1);
  if (candidates.length > MAX_RANKED_CHILDREN) throw new TooManyToRank();
  const facts = await loadProcessFacts(db, candidates.map((c) => c.id));
  const horizon = q.filter?.dueWithinDays !== null && q.filter?.dueWithinDays !== undefined ? addDays(q.today, q.filter.dueWithinDays) : null;
  const ranked = candidates
    .map((c) => ({ id: c.id, name: c.name, ...nextDueOn(facts.get(c.id), q.today) }))
    .filter((c) => q.filter?.overdue === null || q.filter?.overdue === undefined || c.overdue === q.filter.overdue)
    .filter((c) => horizon === null || (c.dueOn !== null && c.dueOn <= horizon));
  if (q.order === 'NAME') ranked.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  if (q.order === 'NEXT_DEADLINE') ranked.sort((a, b) => (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') || a.id.localeCompare(b.id));
  const from = (q.order ?? 'ID') === 'ID' ? (q.after ? ranked.findIndex((c) => c.id > q.after!) : 0) : position(q.after);
  const start = from < 0 ? ranked.length : from;
  const page = ranked.slice(start, start + q.limit);
  const ids = page.map((c) => c.id);
  const keys = (q.order ?? 'ID') === 'ID' ? ids : ids.map((_, i) => String(start + i + 1));
  return { ids, keys, hasNextPage: start + q.limit < ranked.length, totalCount: async () => ranked.length };
}
