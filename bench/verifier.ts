import { sql } from 'drizzle-orm';
import { auditChainHeads, auditEvents } from '../schema/tables.js';
import { chainHash, type ChainedEvent } from '../src/audit/hash-chain.js';
import { verifyAuditChain } from '../src/audit/verify-chain.js';
import { queryRows, type Database } from '../src/platform/db/database.js';
import { randomUUID } from 'node:crypto';

/** Appends `n` chained synthetic events set-based, then times the verifier against a plain scan. */
export async function benchVerifier(database: Database, n: number) {
  const db = database.db;
  const at = '2026-01-01T00:00:00.000000Z';
  const chain = 'E06999998';
  for (let start = 0; start < n; start += 1000) {
    // Same writer discipline as the hub (migration 0012): the chain's head row locked, read, moved on.
    await db.transaction(async (tx) => {
    await tx.execute(sql`insert into ${auditChainHeads} (chain, chain_seq, hash) values (${chain}, 0, repeat('0', 64)) on conflict do nothing`);
    const [head] = await queryRows<{ chain_seq: number | null; hash: string | null }>(tx as never, sql`select chain_seq::int, hash from ${auditChainHeads} where chain = ${chain} for update`);
    let chainSeq = head?.chain_seq ?? 0;
    let prevHash = head?.hash ?? '0'.repeat(64);
    const rows = [];
    const seqs = await queryRows<{ seq: string }>(tx as never, sql`select nextval('audit_events_seq') as seq from generate_series(1, ${Math.min(1000, n - start)})`);
    for (const { seq } of seqs) {
      chainSeq += 1;
      const event: ChainedEvent = {
        seq: Number(seq), chain, chainSeq, id: randomUUID(), at, requestId: `bench-${chainSeq}`, actorSub: 'bench', actorOrg: 'BENCH', actorRole: 'PRACTITIONER',
        childId: null, areaCode: chain, action: 'READ', basis: 'OWNER', categories: ['HEALTH'], sections: ['C'], operationName: 'Bench', flags: [],
      };
      const hash = chainHash(prevHash, event);
      rows.push({ ...event, chain, chainSeq, action: 'READ' as const, prevHash, hash });
      prevHash = hash;
    }
    await tx.insert(auditEvents).values(rows);
    await tx.execute(sql`update ${auditChainHeads} set chain_seq = ${chainSeq}, hash = ${prevHash} where chain = ${chain}`);
    });
  }
  let started = performance.now();
  await queryRows(db, sql`select * from ${auditEvents} order by seq`);
  const scanMs = performance.now() - started;
  started = performance.now();
  const status = await verifyAuditChain(db);
  const verifyMs = performance.now() - started;
  if (!status.intact) throw new Error(`chain broken at ${status.firstBrokenAt}`);
  return { events: status.length, verifyMs, scanMs };
}
