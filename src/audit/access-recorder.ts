/**
 * Collects what one request released, withheld and wrote, one event per child per action per basis,
 * and appends them to their areas' chains in one statement inside the request's transaction, before
 * the response leaves (fail closed: if the append throws, the transaction rolls back and no data is sent).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { actorRecentReads } from '../../schema/tables.js';
import type { Actor } from '../domain/actor.js';
import { queryRows, type Db } from '../platform/db/database.js';
import type { AccessBasis, AuditAction, DataCategory, SectionCode } from '../domain/vocabulary.js';
import { canonicalEvent, chainOf, type ChainedEvent } from './hash-chain.js';

/** docs/audit.md: an actor reading more than this many distinct children in an hour is flagged BULK. */
export const DEFAULT_BULK_ACCESS_THRESHOLD = 50;
export const BULK_FLAG = 'BULK';

export interface AccessNote {
  childId: string | null;
  /** The area the event belongs to: the child's, or for child-less events the area they concern. */
  areaCode: string | null;
  action: AuditAction;
  basis: AccessBasis;
  categories?: readonly DataCategory[];
  sections?: readonly SectionCode[];
  flags?: readonly string[];
}

interface PendingEvent {
  childId: string | null;
  areaCode: string | null;
  action: AuditAction;
  basis: AccessBasis;
  categories: Set<string>;
  sections: Set<string>;
  flags: Set<string>;
}

export class AccessRecorder {
  private readonly pending = new Map<string, PendingEvent>();

  constructor(
    private readonly actor: Actor,
    private readonly requestId: string,
    private operationName: string | null = null,
    /** config BULK_ACCESS_THRESHOLD (ScopedData.settings.bulkAccessThreshold). */
    private readonly bulkAccessThreshold: number = DEFAULT_BULK_ACCESS_THRESHOLD,
  ) {}

  setOperationName(name: string | null | undefined): void {
    this.operationName = name ?? null;
  }

  /** Adds to the request's events; repeated notes for one child, action and basis merge into one event. */
  note(n: AccessNote): void {
    const key = `${n.childId ?? ''}|${n.areaCode ?? ''}|${n.action}|${n.basis}`;
    let event = this.pending.get(key);
    if (!event) {
      event = { childId: n.childId, areaCode: n.areaCode, action: n.action, basis: n.basis, categories: new Set(), sections: new Set(), flags: new Set() };
      this.pending.set(key, event);
    }
    n.categories?.forEach((c) => event.categories.add(c));
    n.sections?.forEach((s) => event.sections.add(s));
    n.flags?.forEach((f) => event.flags.add(f));
    if (n.basis === 'BREAK_GLASS') event.flags.add('BREAK_GLASS');
  }

  get size(): number {
    return this.pending.size;
  }

  /**
   * Appends every pending event to its area's chain. Must run inside the request's transaction, as its
   * last statement: `audit_append` (migration 0012) locks only the chains appended to, until the commit.
   */
  async flush(tx: Db): Promise<number> {
    if (this.pending.size === 0) return 0;
    const pending = [...this.pending.values()];
    const readChildren = [...new Set(pending.filter((p) => p.action === 'READ' && p.childId).map((p) => p.childId!))];
    const recentChildren = await distinctChildrenReadLastHour(tx, this.actor.sub, readChildren, this.bulkAccessThreshold);
    if (recentChildren > this.bulkAccessThreshold) {
      for (const p of pending) if (p.action === 'READ') p.flags.add(BULK_FLAG);
    }
    const events = pending.map((p) => {
      const event: AppendedEvent = {
        id: randomUUID(),
        requestId: this.requestId,
        actorSub: this.actor.sub,
        actorOrg: this.actor.org,
        actorRole: this.actor.role,
        childId: p.childId,
        areaCode: p.areaCode,
        chain: chainOf(p.areaCode),
        action: p.action,
        basis: p.basis,
        categories: [...p.categories].sort(),
        sections: [...p.sections].sort(),
        operationName: this.operationName,
        flags: [...p.flags].sort(),
      };
      return { ...event, parts: canonicalParts(event) };
    });
    const [row] = await queryRows<{ n: number }>(tx, sql`select audit_append(${JSON.stringify(events)}::jsonb) as n`);
    this.pending.clear();
    return Number(row?.n ?? events.length);
  }
}

/** An event as the hub sends it to `audit_append`: all but the values assigned under the chain's lock. */
export type AppendedEvent = Omit<ChainedEvent, 'seq' | 'at' | 'chainSeq'> & { chain: string };

const AT_MARK = '@';

/**
 * The event's canonical JSON (hash-chain.ts) in three parts around the values assigned under the chain's
 * lock: the first runs up to `"at":`, the second from after the time to `"chainSeq":`, the third from
 * after the chain position to `"seq":` (seq sorts last). The database hashes
 * prev_hash ‖ p0 ‖ "<at>" ‖ p1 ‖ <chainSeq> ‖ p2 ‖ <seq> ‖ "}", exactly what `chainHash` hashes.
 */
export function canonicalParts(event: AppendedEvent): [string, string, string] {
  const text = canonicalEvent({ ...event, at: AT_MARK, chainSeq: 0, seq: 0 });
  // String values escape their quotes, so these can only match the keys themselves.
  const atMarker = `"at":${JSON.stringify(AT_MARK)}`;
  const chainSeqKey = ',"chainSeq":';
  const at = text.indexOf(atMarker);
  const chainSeq = text.indexOf(`${chainSeqKey}0,`);
  if (at < 0 || chainSeq < at || !text.endsWith(',"seq":0}')) throw new Error('canonical event layout changed: audit_append would hash differently');
  const afterChainSeq = chainSeq + chainSeqKey.length;
  return [text.slice(0, at + '"at":'.length), text.slice(at + atMarker.length, afterChainSeq), text.slice(afterChainSeq + 1, -'0}'.length)];
}

/** ISO-8601 UTC with microseconds, formatted by the database so the verifier can reproduce it exactly. */
export const AUDIT_TIME_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** How stale an actor's row for a child may get before a read refreshes it (docs/audit.md, "BULK"). */
const REFRESH_AFTER = '1 minute';

/**
 * Distinct children the actor read in the last hour, this request's included (0 if it read none), for
 * the BULK flag, in one statement. Reads are kept one row per actor and child (`actor_recent_reads`), and
 * a read refreshes its row only when the row is more than a minute old: concurrent requests of one actor
 * over the same children then read those rows instead of queueing on their row locks until each other's
 * commit. The window is therefore the last hour to the minute. The count stops at threshold + 1, so the
 * cost does not grow with the audit log.
 */
async function distinctChildrenReadLastHour(tx: Db, actorSub: string, readChildren: string[], threshold: number): Promise<number> {
  if (readChildren.length === 0) return 0;
  // Sorted, so concurrent requests of one actor that do refresh lock the same rows in the same order (no deadlock).
  const ids = `{${[...readChildren].sort().join(',')}}`;
  const [row] = await queryRows<{ n: string | number }>(
    tx,
    sql`with mine as (select unnest(${ids}::uuid[]) as child_id),
         refreshed as (
           insert into ${actorRecentReads} (actor_sub, child_id, last_read_at)
           select ${actorSub}, m.child_id, clock_timestamp() from mine m
            where not exists (select 1 from ${actorRecentReads} r
                               where r.actor_sub = ${actorSub} and r.child_id = m.child_id
                                 and r.last_read_at > clock_timestamp() - ${REFRESH_AFTER}::interval)
            order by m.child_id
           on conflict (actor_sub, child_id) do update set last_read_at = excluded.last_read_at
           returning 1)
        select (select count(*) from mine) + (select count(*) from (
          select 1 from ${actorRecentReads} r
           where r.actor_sub = ${actorSub} and r.last_read_at > clock_timestamp() - interval '1 hour'
             and r.child_id <> all(${ids}::uuid[])
           limit ${threshold + 1}) as others) as n`,
  );
  return Number(row?.n ?? 0);
}
