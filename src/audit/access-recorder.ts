/**
 * Collects what one request released, withheld and wrote, one event per child per action per basis,
 * and appends them to the chain in a single multi-row INSERT inside the request's transaction, before
 * the response leaves (fail closed: if the append throws, the transaction rolls back and no data is sent).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { actorRecentReads, auditEvents } from '../../schema/tables.js';
import type { Actor } from '../domain/actor.js';
import { queryRows, type Db } from '../platform/db/database.js';
import type { AccessBasis, AuditAction, DataCategory, SectionCode } from '../domain/vocabulary.js';
import { chainHash, GENESIS_HASH, type ChainedEvent } from './hash-chain.js';

/** One advisory lock key serialises appends so the chain stays linear under concurrency. */
const AUDIT_APPEND_LOCK = 7201401;

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

  /** Appends every pending event to the chain. Must run inside the request's transaction. */
  async flush(tx: Db): Promise<number> {
    if (this.pending.size === 0) return 0;
    const pending = [...this.pending.values()];
    const readChildren = [...new Set(pending.filter((p) => p.action === 'READ' && p.childId).map((p) => p.childId!))];
    // Counted before the append lock is taken, so the lock is held only for the head read and the insert.
    const recentChildren = await distinctChildrenReadLastHour(tx, this.actor.sub, readChildren, this.bulkAccessThreshold);
    const head = await lockChainHead(tx);
    if (recentChildren > this.bulkAccessThreshold) {
      for (const p of pending) if (p.action === 'READ') p.flags.add(BULK_FLAG);
    }
    let prevHash = head.hash;
    const rows = pending.map((p, i) => {
      const event: ChainedEvent = {
        seq: head.seq + 1 + i,
        id: randomUUID(),
        at: head.now,
        requestId: this.requestId,
        actorSub: this.actor.sub,
        actorOrg: this.actor.org,
        actorRole: this.actor.role,
        childId: p.childId,
        areaCode: p.areaCode,
        action: p.action,
        basis: p.basis,
        categories: [...p.categories].sort(),
        sections: [...p.sections].sort(),
        operationName: this.operationName,
        flags: [...p.flags].sort(),
      };
      const hash = chainHash(prevHash, event);
      const row = { ...event, action: p.action, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await tx.insert(auditEvents).values(rows);
    this.pending.clear();
    return rows.length;
  }
}

/** ISO-8601 UTC with microseconds, formatted by the database so the verifier can reproduce it exactly. */
export const AUDIT_TIME_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

interface ChainHead {
  seq: number;
  hash: string;
  now: string;
}

/**
 * Distinct children the actor read in the last hour, this request's included (0 if it read none), for
 * the BULK flag. Reads are kept one row per actor and child (`actor_recent_reads`), and the count stops
 * at threshold + 1, so the cost does not grow with the audit log.
 */
async function distinctChildrenReadLastHour(tx: Db, actorSub: string, readChildren: string[], threshold: number): Promise<number> {
  if (readChildren.length === 0) return 0;
  // Sorted, so concurrent requests of one actor lock the same rows in the same order (no deadlock).
  const rows = [...readChildren].sort().map((childId) => ({ actorSub, childId, lastReadAt: sql`clock_timestamp()` }));
  await tx
    .insert(actorRecentReads)
    .values(rows as never)
    .onConflictDoUpdate({ target: [actorRecentReads.actorSub, actorRecentReads.childId], set: { lastReadAt: sql`excluded.last_read_at` } });
  if (readChildren.length > threshold) return readChildren.length;
  const [row] = await queryRows<{ n: string | number }>(
    tx,
    sql`select count(*) as n from (
          select 1 from ${actorRecentReads}
           where ${actorRecentReads.actorSub} = ${actorSub} and ${actorRecentReads.lastReadAt} > clock_timestamp() - interval '1 hour'
           limit ${threshold + 1}
        ) as recent`,
  );
  return Number(row?.n ?? 0);
}

/** Takes the append lock, then reads the chain head and the database clock in one statement. */
async function lockChainHead(tx: Db): Promise<ChainHead> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`);
  const [head] = await queryRows<{ seq: string | number | null; hash: string | null; now: string }>(
    tx,
    sql`select (select seq from ${auditEvents} order by seq desc limit 1) as seq,
               (select hash from ${auditEvents} order by seq desc limit 1) as hash,
               to_char(clock_timestamp() at time zone 'UTC', ${sql.raw(AUDIT_TIME_FORMAT)}) as now`,
  );
  return { seq: Number(head?.seq ?? 0), hash: head?.hash ?? GENESIS_HASH, now: head!.now };
}
