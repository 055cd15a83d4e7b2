/**
 * Signed checkpoints of the audit chains (docs/audit.md, "Checkpoints"). A hash chain alone cannot
 * show that its newest events were deleted: what is left is a consistent, shorter chain. A checkpoint
 * is one chain's head (chain, position in it, hash, time) signed with the hub's Ed25519 key; exported
 * and published outside the database (`npm run audit:checkpoint -- --out F`, every chain's head), it lets
 * `npm run audit:verify -- --checkpoint F` tell that events up to that head existed and still do.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditCheckpoints, auditEvents } from '../../schema/tables.js';
import { queryRows, type Db } from '../platform/db/database.js';

export interface Checkpoint {
  /** The chain (audit_events.chain); checkpoints signed before per-area chains name the legacy chain 'all'. */
  chain: string;
  /** The head's position in its chain (audit_events.chain_seq). */
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
export async function signChainHead(db: Db, key: KeyObject, chain: string, upTo?: number): Promise<Checkpoint | null> {
  const [head] = await queryRows<{ chain_seq: string | number; hash: string }>(
    db,
    sql`select chain_seq, hash from ${auditEvents} where chain = ${chain} ${upTo === undefined ? sql`` : sql`and chain_seq <= ${upTo}`}
         order by chain_seq desc limit 1`,
  );
  if (!head) return null;
  const body = { chain, seq: Number(head.chain_seq), hash: head.hash, signedAt: new Date().toISOString() };
  const checkpoint: Checkpoint = {
    ...body,
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, checkpointPayload(body), key).toString('base64'),
  };
  await db.insert(auditCheckpoints).values(checkpoint);
  return checkpoint;
}

export async function listCheckpoints(db: Db): Promise<Checkpoint[]> {
  const rows = await db.select().from(auditCheckpoints).orderBy(auditCheckpoints.chain, auditCheckpoints.seq, auditCheckpoints.signedAt);
  return rows.map(({ chain, seq, hash, signedAt, publicKey, signature }) => ({ chain, seq, hash, signedAt, publicKey, signature }));
}

/**
 * Checks published checkpoints against the chains: each signature must verify with its public key (or
 * with `trustedPublicKey` when given, the key the council published), and the event at each signed
 * position of each signed chain must still be there with the signed hash. A chain shorter than its
 * checkpoint has lost its newest events. Returns one finding per checkpoint that fails; none when all hold.
 */
export async function verifyCheckpoints(db: Db, checkpoints: readonly Checkpoint[], trustedPublicKey?: string): Promise<CheckpointFinding[]> {
  const findings: CheckpointFinding[] = [];
  for (const c of checkpoints) {
    const checkpoint = { chain: c.chain, seq: c.seq, hash: c.hash, signedAt: c.signedAt };
    const finding = (problem: CheckpointFinding['problem'], message: string) => findings.push({ checkpoint, problem, message: `chain ${c.chain}: ${message}` });
    if (!signedBy(checkpoint, c.signature, trustedPublicKey ?? c.publicKey)) {
      finding('BAD_SIGNATURE', `checkpoint at event ${c.seq} is not signed by the key`);
      continue;
    }
    const [row] = await queryRows<{ head: string | number | null; hash: string | null }>(
      db,
      sql`select (select max(chain_seq) from ${auditEvents} where chain = ${c.chain}) as head,
                 (select hash from ${auditEvents} where chain = ${c.chain} and chain_seq = ${c.seq}) as hash`,
    );
    const head = Number(row?.head ?? 0);
    if (c.seq > head) finding('EVENTS_MISSING', `events ${head + 1} to ${c.seq} were signed on ${c.signedAt} but are no longer in the chain`);
    else if (!row?.hash) finding('EVENTS_MISSING', `event ${c.seq}, signed on ${c.signedAt}, is no longer in the chain`);
    else if (row.hash !== c.hash) finding('HASH_DIFFERS', `event ${c.seq} no longer has the hash signed on ${c.signedAt}`);
  }
  return findings;
}

function signedBy(checkpoint: Pick<Checkpoint, 'chain' | 'seq' | 'hash' | 'signedAt'>, signature: string, publicKey: string): boolean {
  try {
    return verify(null, checkpointPayload(checkpoint), createPublicKey(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
