/**
 * Signed checkpoints of the audit chain (docs/audit.md, "Checkpoints"). The hash chain alone cannot
 * show that its newest events were deleted: what is left is a consistent, shorter chain. A checkpoint
 * is the head (chain, sequence number, hash, time) signed with the hub's Ed25519 key; exported and
 * published outside the database (`npm run audit:checkpoint -- --out F`), it lets
 * `npm run audit:verify -- --checkpoint F` tell that events up to that head existed and still do.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditCheckpoints, auditEvents } from '../../schema/tables.js';
import { queryRows, type Db } from '../platform/db/database.js';

/** There is one chain today; the name is in the signed payload so per-area chains can sign their own. */
export const WHOLE_CHAIN = 'all';

export interface Checkpoint {
  chain: string;
  seq: number;
  hash: string;
  signedAt: string;
  publicKey: string;
  signature: string;
}

export interface CheckpointFinding {
  checkpoint: Pick<Checkpoint, 'chain' | 'seq' | 'hash' | 'signedAt'>;
  problem: 'BAD_SIGNATURE' | 'EVENTS_MISSING' | 'HASH_DIFFERS';
  message: string;
}

let developmentKey: KeyObject | null = null;

/**
 * The signing key: AUDIT_SIGNING_KEY (required in production, config.ts), or outside production a key
 * generated once per process. Checkpoints carry their public key, so either verifies later.
 */
export function checkpointSigningKey(pem: string | null): KeyObject {
  if (pem) return createPrivateKey(pem);
  developmentKey ??= generateKeyPairSync('ed25519').privateKey;
  return developmentKey;
}

/** The exact bytes signed: fixed key order, so any verifier can rebuild them from the four values. */
export function checkpointPayload(c: Pick<Checkpoint, 'chain' | 'seq' | 'hash' | 'signedAt'>): Buffer {
  return Buffer.from(JSON.stringify({ chain: c.chain, seq: c.seq, hash: c.hash, signedAt: c.signedAt }), 'utf8');
}

/**
 * Signs the chain's head (or its last event at or before `upTo`, the head a verification reached) and
 * stores the checkpoint; null when there is no such event.
 */
export async function signChainHead(db: Db, key: KeyObject, upTo?: number): Promise<Checkpoint | null> {
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    db,
    sql`select seq, hash from ${auditEvents} ${upTo === undefined ? sql`` : sql`where seq <= ${upTo}`} order by seq desc limit 1`,
  );
  if (!head) return null;
  const body = { chain: WHOLE_CHAIN, seq: Number(head.seq), hash: head.hash, signedAt: new Date().toISOString() };
  const checkpoint: Checkpoint = {
    ...body,
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, checkpointPayload(body), key).toString('base64'),
  };
  await db.insert(auditCheckpoints).values(checkpoint);
  return checkpoint;
}

export async function listCheckpoints(db: Db): Promise<Checkpoint[]> {
  const rows = await db.select().from(auditCheckpoints).orderBy(auditCheckpoints.seq, auditCheckpoints.signedAt);
  return rows.map(({ chain, seq, hash, signedAt, publicKey, signature }) => ({ chain, seq, hash, signedAt, publicKey, signature }));
}

/**
 * Checks published checkpoints against the chain: each signature must verify with its public key (or
 * with `trustedPublicKey` when given, the key the council published), and the event at each signed
 * sequence number must still be there with the signed hash. A chain shorter than a checkpoint has lost
 * its newest events. Returns one finding per checkpoint that fails; none when all hold.
 */
export async function verifyCheckpoints(db: Db, checkpoints: readonly Checkpoint[], trustedPublicKey?: string): Promise<CheckpointFinding[]> {
  const findings: CheckpointFinding[] = [];
  const [head] = await queryRows<{ seq: string | number | null }>(db, sql`select max(seq) as seq from ${auditEvents}`);
  const headSeq = Number(head?.seq ?? 0);
  for (const c of checkpoints) {
    const checkpoint = { chain: c.chain, seq: c.seq, hash: c.hash, signedAt: c.signedAt };
    let signed = false;
    try {
      signed = verify(null, checkpointPayload(checkpoint), createPublicKey(trustedPublicKey ?? c.publicKey), Buffer.from(c.signature, 'base64'));
    } catch {
      signed = false;
    }
    if (!signed) {
      findings.push({ checkpoint, problem: 'BAD_SIGNATURE', message: `checkpoint at event ${c.seq} is not signed by the key` });
      continue;
    }
    if (c.seq > headSeq) {
      findings.push({ checkpoint, problem: 'EVENTS_MISSING', message: `events ${headSeq + 1} to ${c.seq} were signed on ${c.signedAt} but are no longer in the chain` });
      continue;
    }
    const [event] = await queryRows<{ hash: string }>(db, sql`select hash from ${auditEvents} where seq = ${c.seq}`);
    if (!event) findings.push({ checkpoint, problem: 'EVENTS_MISSING', message: `event ${c.seq}, signed on ${c.signedAt}, is no longer in the chain` });
    else if (event.hash !== c.hash) findings.push({ checkpoint, problem: 'HASH_DIFFERS', message: `event ${c.seq} no longer has the hash signed on ${c.signedAt}` });
  }
  return findings;
}
