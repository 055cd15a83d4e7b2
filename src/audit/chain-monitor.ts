/**
 * Verifies the audit hash chain off the request path. A request never recomputes the chain: it asks
 * the monitor for the latest verification and, when the chain has grown since, the monitor starts
 * one run in the background (outside any request transaction, in pages, so on the embedded database
 * other users wait at most one page). At most one run at a time per process; results are kept by the
 * chain head they verified, so repeated questions cost nothing.
 */
import { sql } from 'drizzle-orm';
import { auditEvents } from '../../schema/tables.js';
import type { Db } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import type { KeyObject } from 'node:crypto';
import { signChainHead } from './checkpoints.js';
import { verifyAuditChainUnlessStopped, type ChainStatus } from './verify-chain.js';

export interface ChainReport extends ChainStatus {
  /** The head (sequence number) the verification reached; 0 before the first run finished. */
  verifiedUpTo: number;
  /** When the reported verification finished; null while the first run is still going. */
  verifiedAt: Date | null;
  /** True when the report covers the chain as it stands now. */
  upToDate: boolean;
}

export class ChainMonitor {
  #latest: (ChainStatus & { head: number; at: Date }) | null = null;
  #running: Promise<void> | null = null;
  #progress = 0;
  #stopping = false;

  constructor(
    private readonly db: Db,
    private readonly log?: Logger,
    /** A verification older than this is run again even if the chain has not grown (an old row may have been altered). */
    private readonly maxAgeMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
    /** When given, every intact verification signs the head it verified as a checkpoint (docs/audit.md). */
    private readonly signingKey: KeyObject | null = null,
  ) {}

  /** The latest verification against the chain head `head` (read by the caller in its own transaction). */
  report(head: number): ChainReport {
    const latest = this.#latest;
    if (!latest || latest.head !== head || this.now() - latest.at.getTime() > this.maxAgeMs) this.#start();
    if (!latest) return { intact: true, length: this.#progress, firstBrokenAt: null, verifiedUpTo: 0, verifiedAt: null, upToDate: false };
    return {
      intact: latest.intact,
      length: latest.length,
      firstBrokenAt: latest.firstBrokenAt,
      verifiedUpTo: latest.head,
      verifiedAt: latest.at,
      upToDate: latest.head === head,
    };
  }

  /** Resolves when no verification is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops after the current page; the hub calls this before closing the database. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.whenIdle();
  }

  #start(): void {
    if (this.#running || this.#stopping) return;
    this.#running = this.#run().finally(() => {
      this.#running = null;
    });
  }

  async #run(): Promise<void> {
    try {
      const head = await chainHead(this.db);
      this.#progress = 0;
      const status = await verifyAuditChainUnlessStopped(this.db, {
        onProgress: (checked) => (this.#progress = checked),
        shouldStop: () => this.#stopping,
      });
      if (status) this.#latest = { ...status, head, at: new Date() };
      if (status?.intact && status.length > 0 && this.signingKey) await signChainHead(this.db, this.signingKey, status.length);
    } catch (error) {
      this.log?.error({ err: error }, 'audit chain verification failed');
    }
  }
}

/** The newest sequence number of the chain (0 when empty). */
export async function chainHead(db: Db): Promise<number> {
  const [row] = await db.select({ head: sql<number>`coalesce(max(${auditEvents.seq}), 0)::int` }).from(auditEvents);
  return Number(row?.head ?? 0);
}
