/**
 * Verifies the audit hash chains off the request path. A request never recomputes a chain: it asks
 * the monitor for the latest verification of the chains it covers (a DPO's: their areas' and the
 * legacy chain) and, when one of them has grown since, the monitor starts one run over every chain in
 * the background (outside any request transaction, in pages, so on the embedded database other users
 * wait at most one page). At most one run at a time per process; results are kept by the chain heads
 * they verified, so repeated questions cost nothing.
 */
import { sql } from 'drizzle-orm';
import { auditEvents } from '../../schema/tables.js';
import { queryRows, type Db } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import type { KeyObject } from 'node:crypto';
import { signChainHead } from './checkpoints.js';
import { LEGACY_CHAIN } from './hash-chain.js';
import { listChains, summarise, verifyOneChain, type ChainStatus, type OneChainStatus } from './verify-chain.js';

export interface OneChainReport extends OneChainStatus {
  /** The head (chain position) the verification reached. */
  verifiedUpTo: number;
}

export interface ChainReport extends Omit<ChainStatus, 'chains'> {
  /** The heads the verification reached, summed over the chains covered; 0 before the first run finished. */
  verifiedUpTo: number;
  /** When the reported verification finished; null while the first run is still going. */
  verifiedAt: Date | null;
  /** True when the report covers every chain covered as it stands now. */
  upToDate: boolean;
  chains: OneChainReport[];
}

/** Chain key → its head (chain_seq of its newest event). */
export type ChainHeads = ReadonlyMap<string, number>;

interface Verified {
  chains: Map<string, OneChainStatus & { head: number }>;
  at: Date;
}

export class ChainMonitor {
  #latest: Verified | null = null;
  #running: Promise<void> | null = null;
  #progress = 0;
  #stopping = false;
  /** The head last signed per chain, so a run signs only the chains that grew. */
  readonly #signed = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly log?: Logger,
    /** A verification older than this is run again even if no chain has grown (an old row may have been altered). */
    private readonly maxAgeMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
    /** When given, every intact chain a verification reached is signed at its head as a checkpoint (docs/audit.md). */
    private readonly signingKey: KeyObject | null = null,
  ) {}

  /** The latest verification of the chains in `heads` (read by the caller in its own transaction). */
  report(heads: ChainHeads): ChainReport {
    const latest = this.#latest;
    const current = (chain: string) => latest?.chains.get(chain)?.head ?? 0;
    const upToDate = [...heads].every(([chain, head]) => current(chain) === head);
    if (!latest || !upToDate || this.now() - latest.at.getTime() > this.maxAgeMs) this.#start();
    if (!latest) {
      return { ...summarise([]), length: this.#progress, verifiedUpTo: 0, verifiedAt: null, upToDate: false, chains: [] };
    }
    const chains = [...heads.keys()].flatMap((chain) => {
      const verified = latest.chains.get(chain);
      return verified ? [{ chain, intact: verified.intact, length: verified.length, firstBrokenAt: verified.firstBrokenAt, verifiedUpTo: verified.head }] : [];
    });
    const { chains: _statuses, ...summary } = summarise(chains);
    return { ...summary, verifiedUpTo: chains.reduce((n, c) => n + c.verifiedUpTo, 0), verifiedAt: latest.at, upToDate, chains };
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
      const heads = await chainHeads(this.db, await listChains(this.db));
      const verified: Verified['chains'] = new Map();
      this.#progress = 0;
      for (const [chain, head] of heads) {
        const before = this.#progress;
        const status = await verifyOneChain(this.db, chain, { onProgress: (n) => (this.#progress = before + n), shouldStop: () => this.#stopping });
        if (!status) return;
        verified.set(chain, { ...status, head });
        this.#progress = before + status.length;
      }
      this.#latest = { chains: verified, at: new Date() };
      await this.#sign(verified);
    } catch (error) {
      this.log?.error({ err: error }, 'audit chain verification failed');
    }
  }

  async #sign(verified: Verified['chains']): Promise<void> {
    if (!this.signingKey) return;
    for (const [chain, status] of verified) {
      if (!status.intact || status.length === 0 || this.#signed.get(chain) === status.length) continue;
      await signChainHead(this.db, this.signingKey, chain, status.length);
      this.#signed.set(chain, status.length);
    }
  }
}

/** The chains a DPO's status covers: their areas' and the legacy chain (which holds every area's older events). */
export function chainsOfAreas(areas: readonly string[]): string[] {
  return [...new Set([...areas, LEGACY_CHAIN])];
}

/**
 * Each chain's head (0 for a chain with no events yet, which is then left out), one index probe per
 * chain on (chain, chain_seq).
 */
export async function chainHeads(db: Db, chains: readonly string[]): Promise<Map<string, number>> {
  if (chains.length === 0) return new Map();
  const rows = await queryRows<{ chain: string; head: string | number | null }>(
    db,
    sql`select c.chain, (select max(e.chain_seq) from ${auditEvents} e where e.chain = c.chain) as head
          from unnest(${`{${chains.map((c) => JSON.stringify(c)).join(',')}}`}::text[]) as c(chain)`,
  );
  return new Map(rows.filter((r) => r.head !== null).map((r) => [r.chain, Number(r.head)]));
}
