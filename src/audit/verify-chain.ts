/**
 * Recomputes the audit hash chain (docs/audit.md). Detects an altered event (hash mismatch), a deleted
 * one (a gap in `seq`) and a re-ordered one (prev_hash not the previous event's hash), and names the
 * first broken sequence number. Reads in keyset pages so 100,000s of events stay in bounded memory.
 */
import { sql } from 'drizzle-orm';
import { auditEvents } from '../../schema/tables.js';
import { queryRows, type Db } from '../platform/db/database.js';
import { AUDIT_TIME_FORMAT } from './access-recorder.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';

export interface ChainStatus {
  intact: boolean;
  length: number;
  firstBrokenAt: number | null;
}

interface StoredEvent {
  seq: string | number;
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
  onProgress?: (checked: number) => void;
  /** Checked between pages: a stopped run returns null. */
  shouldStop?: () => boolean;
}

export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<ChainStatus> {
  const status = await verifyAuditChainUnlessStopped(db, options);
  return status ?? { intact: true, length: 0, firstBrokenAt: null };
}

export async function verifyAuditChainUnlessStopped(db: Db, { onProgress, shouldStop }: VerifyOptions = {}): Promise<ChainStatus | null> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let length = 0;
  for (;;) {
    const rows = await queryRows<StoredEvent>(
      db,
      sql`select seq, id, to_char(at at time zone 'UTC', ${sql.raw(AUDIT_TIME_FORMAT)}) as at, request_id, actor_sub,
                 actor_org, actor_role, child_id, area_code, action, basis, categories, sections, operation_name, flags, prev_hash, hash
          from ${auditEvents} where seq >= ${expectedSeq} order by seq limit ${PAGE}`,
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq || row.prev_hash !== prevHash || recompute(row, seq) !== row.hash) {
        return { intact: false, length: length + (rows.length - rows.indexOf(row)), firstBrokenAt: expectedSeq };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      length += 1;
    }
    onProgress?.(length);
    if (rows.length < PAGE) return { intact: true, length, firstBrokenAt: null };
    if (shouldStop?.()) return null;
  }
}

function recompute(row: StoredEvent, seq: number): string {
  return chainHash(row.prev_hash, {
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
  });
}
