/**
 * Recomputes the audit hash chains (docs/audit.md, "The chains"), one chain at a time. In each it
 * detects an altered event (hash mismatch), a deleted one (a gap in `chain_seq`), a re-ordered one
 * (prev_hash not the previous event's hash) and one moved from another chain (its hash covers the chain
 * it was appended to, and its area must be the chain's), and names the first broken position. Reads in
 * keyset pages per chain, so 100,000s of events stay in bounded memory.
 */
import { sql } from 'drizzle-orm';
import { auditEvents } from '../../schema/tables.js';
import { queryRows, type Db } from '../platform/db/database.js';
import { AUDIT_TIME_FORMAT } from './access-recorder.js';
import { chainHash, chainOf, GENESIS_HASH, LEGACY_CHAIN, type ChainedEvent } from './hash-chain.js';

/** One chain's verification. */
export interface OneChainStatus {
  chain: string;
  intact: boolean;
  /** Events examined. */
  length: number;
  /** The chain position (chain_seq) of the first broken event. */
  firstBrokenAt: number | null;
}

/** Every chain's verification, summed up: intact when all are; the first broken chain is named. */
export interface ChainStatus {
  intact: boolean;
  length: number;
  firstBrokenAt: number | null;
  brokenChain: string | null;
  chains: OneChainStatus[];
}

interface StoredEvent {
  seq: string | number;
  chain_seq: string | number;
  id: string;
  at: string;
  request_id: string;
  actor_sub: string;
  actor_org: string;
  actor_role: string;
  child_id: string | null;
  area_code: string | null;
  action: string;
  basis: string;
  categories: string[];
  sections: string[];
  operation_name: string | null;
  flags: string[];
  prev_hash: string;
  hash: string;
}

const PAGE = 5000;

export interface VerifyOptions {
  /** Events checked so far, over all chains. */
  onProgress?: (checked: number) => void;
  /** Checked between pages: a stopped run returns null. */
  shouldStop?: () => boolean;
}

export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<ChainStatus> {
  const status = await verifyAuditChainUnlessStopped(db, options);
  return status ?? summarise([]);
}

/** Every chain, in the order `listChains` gives. */
export async function verifyAuditChainUnlessStopped(db: Db, { onProgress, shouldStop }: VerifyOptions = {}): Promise<ChainStatus | null> {
  const chains: OneChainStatus[] = [];
  let checked = 0;
  for (const chain of await listChains(db)) {
    const status = await verifyOneChain(db, chain, { onProgress: (n) => onProgress?.(checked + n), shouldStop });
    if (!status) return null;
    chains.push(status);
    checked += status.length;
  }
  return summarise(chains);
}

export function summarise(chains: OneChainStatus[]): ChainStatus {
  const broken = chains.find((c) => !c.intact) ?? null;
  return {
    intact: !broken,
    length: chains.reduce((n, c) => n + c.length, 0),
    firstBrokenAt: broken?.firstBrokenAt ?? null,
    brokenChain: broken?.chain ?? null,
    chains,
  };
}

/**
 * The chains that have events, in the database's order of their keys. A skip scan over the unique
 * index (chain, chain_seq): one index probe per chain, however many events each holds.
 */
export async function listChains(db: Db): Promise<string[]> {
  const rows = await queryRows<{ chain: string }>(
    db,
    sql`with recursive c(chain) as (
          select min(chain) from ${auditEvents}
          union all
          select (select min(e.chain) from ${auditEvents} e where e.chain > c.chain) from c where c.chain is not null)
        select chain from c where chain is not null`,
  );
  return rows.map((r) => r.chain);
}

export async function verifyOneChain(db: Db, chain: string, { onProgress, shouldStop }: VerifyOptions = {}): Promise<OneChainStatus | null> {
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let length = 0;
  for (;;) {
    const rows = await queryRows<StoredEvent>(
      db,
      sql`select seq, chain_seq, id, to_char(at at time zone 'UTC', ${sql.raw(AUDIT_TIME_FORMAT)}) as at, request_id, actor_sub,
                 actor_org, actor_role, child_id, area_code, action, basis, categories, sections, operation_name, flags, prev_hash, hash
          from ${auditEvents} where chain = ${chain} and chain_seq >= ${expected} order by chain_seq limit ${PAGE}`,
    );
    for (const [i, row] of rows.entries()) {
      if (Number(row.chain_seq) !== expected || row.prev_hash !== prevHash || !holds(chain, row)) {
        return { chain, intact: false, length: length + (rows.length - i), firstBrokenAt: expected };
      }
      prevHash = row.hash;
      expected += 1;
      length += 1;
    }
    onProgress?.(length);
    if (rows.length < PAGE) return { chain, intact: true, length, firstBrokenAt: null };
    if (shouldStop?.()) return null;
  }
}

/**
 * The event's hash by its chain's rule. The legacy chain (every event recorded before migration 0012)
 * was hashed without chain fields, and its position is its global `seq`.
 */
function holds(chain: string, row: StoredEvent): boolean {
  const seq = Number(row.seq);
  const event: ChainedEvent = {
    seq,
    id: row.id,
    at: row.at,
    requestId: row.request_id,
    actorSub: row.actor_sub,
    actorOrg: row.actor_org,
    actorRole: row.actor_role,
    childId: row.child_id,
    areaCode: row.area_code,
    action: row.action,
    basis: row.basis,
    categories: row.categories,
    sections: row.sections,
    operationName: row.operation_name,
    flags: row.flags,
  };
  if (chain === LEGACY_CHAIN) return seq === Number(row.chain_seq) && chainHash(row.prev_hash, event) === row.hash;
  if (chainOf(row.area_code) !== chain) return false;
  return chainHash(row.prev_hash, { ...event, chain, chainSeq: Number(row.chain_seq) }) === row.hash;
}
