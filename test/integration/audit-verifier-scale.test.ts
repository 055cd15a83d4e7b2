/**
 * The verifier over more than one of its 5,000-row pages (src/audit/verify-chain.ts). Seeds a valid
 * area chain, and a short second one, with set-based multi-row INSERTs (hashes computed here, not through HTTP) on a database of its
 * own. 5,001 events by default, so the page boundary is crossed; the cost at scale (issue 5: "the
 * verifier's time for 100,000 events") is measured by `npm run bench` (bench/verifier.ts), or here
 * with AUDIT_VERIFY_EVENTS=100000.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../schema/tables.js';
import { chainHash, GENESIS_HASH, type ChainedEvent } from '../../src/audit/hash-chain.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import { startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';

const N = Number(process.env.AUDIT_VERIFY_EVENTS ?? 5_001);
const BATCH = 2_000;
let iso: IsolatedHub;

beforeAll(async () => {
  iso = await startIsolatedHub();
});
afterAll(() => iso?.close());

it(`verifies a chain of ${N} events`, async () => {
  const db = iso.t.hub.database.db;
  const childIds = Array.from({ length: 500 }, () => randomUUID());
  const base = Date.UTC(2025, 0, 1);
  const seedStarted = performance.now();
  // One long chain crossing the page boundary, one short one: each verified on its own.
  const chains = [{ chain: 'E06000101', events: N }, { chain: 'E06000102', events: 7 }];
  let seq = 0;
  for (const { chain, events } of chains) {
    let prevHash = GENESIS_HASH;
    for (let start = 1; start <= events; start += BATCH) {
      const rows = [];
      for (let chainSeq = start; chainSeq < Math.min(start + BATCH, events + 1); chainSeq++) {
        seq += 1;
        const at = `${new Date(base + seq * 1000).toISOString().slice(0, 19)}.${String(seq % 1_000_000).padStart(6, '0')}Z`;
        const event: ChainedEvent = {
          seq, chain, chainSeq, id: randomUUID(), at, requestId: randomUUID(), actorSub: `practitioner:${seq % 97}`, actorOrg: `RX${seq % 13}`,
          actorRole: 'PRACTITIONER', childId: childIds[seq % childIds.length]!, areaCode: chain, action: 'READ', basis: seq % 7 === 0 ? 'CONSENT' : 'STATUTORY',
          categories: seq % 3 === 0 ? ['HEALTH', 'IDENTITY'] : ['IDENTITY'], sections: seq % 3 === 0 ? ['C'] : [],
          operationName: seq % 5 === 0 ? null : 'ChildPage', flags: seq % 101 === 0 ? ['BREAK_GLASS'] : [],
        };
        const hash = chainHash(prevHash, event);
        rows.push({ ...event, chain, chainSeq, action: 'READ' as const, prevHash, hash });
        prevHash = hash;
      }
      await db.insert(auditEvents).values(rows);
    }
  }
  const seedMs = performance.now() - seedStarted;
  const started = performance.now();
  const status = await verifyAuditChain(db);
  const ms = performance.now() - started;
  console.log(`[audit verifier] ${iso.t.hub.database.backend}: ${N} events verified in ${ms.toFixed(0)} ms (${(N / (ms / 1000)).toFixed(0)} events/s); seeded in ${seedMs.toFixed(0)} ms`);
  expect(status).toEqual({
    intact: true, length: N + 7, firstBrokenAt: null, brokenChain: null,
    chains: chains.map(({ chain, events }) => ({ chain, intact: true, length: events, firstBrokenAt: null })),
  });
}, 600_000);
