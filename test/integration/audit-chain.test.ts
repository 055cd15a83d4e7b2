/**
 * The audit chains: one per area (docs/audit.md, "The chains"), append-only in the database,
 * tamper-evident within each chain, linear under concurrency, and independent of each other: a break
 * in one area's chain is named in that chain and leaves the other's intact, and an append to one area's
 * chain does not wait for another's. Runs on a database of its own (tampering must not break other test
 * files' chains). The legacy chain of events recorded before chains were per area: audit-legacy-chain.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/database.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import { childScenario, dpoOf, registerChild } from '../support/factories.js';
import { asSuperuserBypassingTriggers, startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';
import type { TestHub } from '../support/test-hub.js';

let iso: IsolatedHub;
let t: TestHub;
let a: Awaited<ReturnType<typeof childScenario>>;
let b: Awaited<ReturnType<typeof childScenario>>;

beforeAll(async () => {
  iso = await startIsolatedHub();
  t = iso.t;
  a = await childScenario(t);
  b = await childScenario(t);
  for (const s of [a, b]) {
    for (const actor of [s.health, s.parent, s.coordinator]) {
      await t.gql(actor, `query($id: ID!) { child(id: $id) { givenName familyName } }`, { id: s.childId });
    }
  }
});
afterAll(() => iso?.close());

const db = () => t.hub.database.db;
const count = async (chain?: string) =>
  Number((await queryRows<{ n: string }>(db(), sql`select count(*) as n from audit_events ${chain ? sql`where chain = ${chain}` : sql``}`))[0]!.n);
const CHAIN_STATUS = `{ auditChainStatus { intact length firstBrokenAt brokenChain } }`;
/** The status of one chain in the verifier's result. */
const chainOf = async (chain: string) => (await verifyAuditChain(db())).chains.find((c) => c.chain === chain);

/**
 * A DPO's view of their area's chain. The hub verifies in the background (src/audit/chain-monitor.ts):
 * let any earlier run finish, ask (which starts a run over the chains as they are now), wait, ask again.
 */
async function statusViaApi(areaCode: string) {
  await t.hub.chain.whenIdle();
  await t.gql(dpoOf(areaCode), CHAIN_STATUS);
  await t.hub.chain.whenIdle();
  return (await t.gql(dpoOf(areaCode), CHAIN_STATUS)).data.auditChainStatus;
}

/** Runs a tampering and puts the events and the writer's chain heads back as they were. */
async function withBackup<T>(run: () => Promise<T>): Promise<T> {
  await db().execute(sql`drop table if exists audit_backup`);
  await db().execute(sql`drop table if exists heads_backup`);
  await db().execute(sql`create table audit_backup as select * from audit_events`);
  await db().execute(sql`create table heads_backup as select * from audit_chain_heads`);
  try {
    return await run();
  } finally {
    await asSuperuserBypassingTriggers(t, [
      'delete from audit_events', 'insert into audit_events select * from audit_backup',
      'delete from audit_chain_heads', 'insert into audit_chain_heads select * from heads_backup',
    ]);
    await db().execute(sql`drop table audit_backup`);
    await db().execute(sql`drop table heads_backup`);
  }
}

/** Expects chain `broken` to break at `at` and the other area's chain to stay intact. */
async function expectBrokenIn(broken: string, at: number, intact: string) {
  const status = await verifyAuditChain(db());
  expect(status).toMatchObject({ intact: false, brokenChain: broken, firstBrokenAt: at });
  expect(status.chains.find((c) => c.chain === broken)).toMatchObject({ intact: false, firstBrokenAt: at });
  expect(status.chains.find((c) => c.chain === intact)).toEqual({ chain: intact, intact: true, length: await count(intact), firstBrokenAt: null });
}

describe('append-only', () => {
  it('rejects UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const before = await count();
    expect(before).toBeGreaterThan(10);
    await expect(db().execute(sql`update audit_events set actor_org = 'X' where chain = ${a.areaCode} and chain_seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`update audit_events set chain = ${b.areaCode} where chain = ${a.areaCode} and chain_seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_events where chain = ${a.areaCode} and chain_seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_events`)).rejects.toThrow();
    expect(await count()).toBe(before);
    // The writer's heads are the chains' heads.
    const heads = await queryRows<{ n: string }>(db(), sql`select count(*) as n from audit_chain_heads h
      where h.chain_seq <> (select max(chain_seq) from audit_events e where e.chain = h.chain)
         or h.hash <> (select hash from audit_events e where e.chain = h.chain and e.chain_seq = h.chain_seq)`);
    expect(Number(heads[0]!.n)).toBe(0);
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });
});

describe('one chain per area', () => {
  it("every event is in its area's chain, numbered 1, 2, 3… and linked within it", async () => {
    const rows = await queryRows<{ chain: string; chain_seq: string; area_code: string | null; prev_hash: string; hash: string }>(
      db(), sql`select chain, chain_seq, area_code, prev_hash, hash from audit_events order by chain, chain_seq`);
    const byChain = new Map<string, typeof rows>();
    for (const row of rows) byChain.set(row.chain, [...(byChain.get(row.chain) ?? []), row]);
    expect([...byChain.keys()]).toEqual(expect.arrayContaining([a.areaCode, b.areaCode]));
    for (const [chain, events] of byChain) {
      events.forEach((row, i) => {
        expect(row.area_code ?? 'national').toBe(chain);
        expect(Number(row.chain_seq)).toBe(i + 1);
        expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : events[i - 1]!.hash);
      });
    }
  });

  it('starts intact, each chain on its own', async () => {
    const status = await verifyAuditChain(db());
    expect(status).toMatchObject({ intact: true, length: await count(), firstBrokenAt: null, brokenChain: null });
    for (const area of [a.areaCode, b.areaCode]) {
      expect(status.chains.find((c) => c.chain === area)).toEqual({ chain: area, intact: true, length: await count(area), firstBrokenAt: null });
    }
    expect(status.chains.reduce((n, c) => n + c.length, 0)).toBe(status.length);
    expect(await statusViaApi(a.areaCode)).toMatchObject({ intact: true, firstBrokenAt: null, brokenChain: null });
  });

  it('a request spanning two areas (a DPO of both) appends to both chains, each intact', async () => {
    const before = [await count(a.areaCode), await count(b.areaCode)];
    const both = { ...dpoOf(a.areaCode), areas: [a.areaCode, b.areaCode] };
    const result = await t.gql(both, `{ auditChainStatus { intact } }`);
    expect(result.errors).toBeUndefined();
    expect([await count(a.areaCode), await count(b.areaCode)]).toEqual([before[0]! + 1, before[1]! + 1]);
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true });
  });

  it('a gap in the global seq (a rolled-back request) is no break: deletion is checked per chain', async () => {
    await db().execute(sql`select nextval('audit_events_seq')`);
    await t.gql(a.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: a.childId });
    const seqs = (await queryRows<{ seq: string }>(db(), sql`select seq from audit_events order by seq`)).map((r) => Number(r.seq));
    expect(seqs.at(-1)! - seqs[0]! + 1).toBeGreaterThan(seqs.length);
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true, length: seqs.length });
  });
});

describe('tampering is detected and named in the right chain', () => {
  it('an altered event', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set actor_org = 'SOMEONE-ELSE' where chain = '${a.areaCode}' and chain_seq = 3`]);
      await expectBrokenIn(a.areaCode, 3, b.areaCode);
      expect(await statusViaApi(a.areaCode)).toMatchObject({ intact: false, firstBrokenAt: 3, brokenChain: a.areaCode });
      expect(await statusViaApi(b.areaCode)).toMatchObject({ intact: true, firstBrokenAt: null, brokenChain: null });
    });
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });

  it('an altered set-valued field (categories) and flags', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set flags = '{}', categories = '{IDENTITY,HEALTH}' where chain = '${b.areaCode}' and chain_seq = 2`]);
      await expectBrokenIn(b.areaCode, 2, a.areaCode);
    });
  });

  it('a deleted event (a gap in the chain)', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`delete from audit_events where chain = '${a.areaCode}' and chain_seq = 4`]);
      await expectBrokenIn(a.areaCode, 4, b.areaCode);
    });
  });

  it("a removed tail is not detectable without an external anchor (documented limit; checkpoints) until the chain's next event", async () => {
    await withBackup(async () => {
      const n = await count(a.areaCode);
      await asSuperuserBypassingTriggers(t, [`delete from audit_events where chain = '${a.areaCode}' and chain_seq = ${n}`]);
      expect(await chainOf(a.areaCode)).toEqual({ chain: a.areaCode, intact: true, length: n - 1, firstBrokenAt: null });
      // The writer still holds the deleted head: the next event is numbered after it, leaving a gap.
      await t.gql(a.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: a.childId });
      expect(await chainOf(a.areaCode)).toMatchObject({ intact: false, firstBrokenAt: n });
    });
  });

  it("a writer's head moved by hand makes the next event break its chain", async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_chain_heads set hash = repeat('b', 64) where chain = '${b.areaCode}'`]);
      const n = await count(b.areaCode);
      await t.gql(b.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: b.childId });
      await expectBrokenIn(b.areaCode, n + 1, a.areaCode);
    });
  });

  it('re-ordered events within a chain', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [
        `update audit_events set chain_seq = -6 where chain = '${a.areaCode}' and chain_seq = 6`,
        `update audit_events set chain_seq = 6 where chain = '${a.areaCode}' and chain_seq = 5`,
        `update audit_events set chain_seq = 5 where chain = '${a.areaCode}' and chain_seq = -6`,
      ]);
      await expectBrokenIn(a.areaCode, 5, b.areaCode);
    });
  });

  it('a re-ordered global seq (the access-log order) is detected: seq is hashed too', async () => {
    await withBackup(async () => {
      const [x, y] = await queryRows<{ seq: string }>(db(), sql`select seq from audit_events where chain = ${b.areaCode} and chain_seq in (2, 3) order by chain_seq`);
      await asSuperuserBypassingTriggers(t, [
        `update audit_events set seq = -1 where seq = ${x!.seq}`,
        `update audit_events set seq = ${x!.seq} where seq = ${y!.seq}`,
        `update audit_events set seq = ${y!.seq} where seq = -1`,
      ]);
      await expectBrokenIn(b.areaCode, 2, a.areaCode);
    });
  });

  it('an event moved to another chain breaks both: a gap in its own, a foreign hash in the other', async () => {
    await withBackup(async () => {
      const [head] = await queryRows<{ chain_seq: string; hash: string }>(db(), sql`select chain_seq, hash from audit_events where chain = ${b.areaCode} order by chain_seq desc limit 1`);
      const into = Number(head!.chain_seq) + 1;
      // Even relinked onto the other chain's head and relabelled with its area.
      await asSuperuserBypassingTriggers(t, [
        `update audit_events set chain = '${b.areaCode}', area_code = '${b.areaCode}', chain_seq = ${into}, prev_hash = '${head!.hash}' where chain = '${a.areaCode}' and chain_seq = 3`,
      ]);
      const status = await verifyAuditChain(db());
      expect(status.chains.find((c) => c.chain === a.areaCode)).toMatchObject({ intact: false, firstBrokenAt: 3 });
      expect(status.chains.find((c) => c.chain === b.areaCode)).toMatchObject({ intact: false, firstBrokenAt: into });
    });
  });

  it("an event relabelled with another area but left in its chain is detected (an area's events are its chain's)", async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set area_code = '${b.areaCode}' where chain = '${a.areaCode}' and chain_seq = 2`]);
      await expectBrokenIn(a.areaCode, 2, b.areaCode);
    });
  });

  it('a forged event with a recomputed hash breaks the next link', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set hash = repeat('a', 64) where chain = '${b.areaCode}' and chain_seq = 3`]);
      await expectBrokenIn(b.areaCode, 3, a.areaCode);
    });
  });

  it('npm run audit:verify exits 1 naming the chain and the break (PostgreSQL: the CLI needs a shared database)', async () => {
    if (!iso.databaseUrl) return;
    const run = () => spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: iso.databaseUrl!, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
    });
    const ok = run();
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intact: \d+ events in \d+ chains/);
    await withBackup(async () => {
      // Always a change, whatever basis event 7 happens to have been recorded with.
      await asSuperuserBypassingTriggers(t, [`update audit_events set basis = case when basis = 'STATUTORY' then 'OWNER' else 'STATUTORY' end where chain = '${a.areaCode}' and chain_seq = 7`]);
      const broken = run();
      expect(broken.status).toBe(1);
      expect(broken.stdout).toContain(`audit chain ${a.areaCode} BROKEN at event 7`);
      expect(broken.stdout).not.toContain(`audit chain ${b.areaCode} BROKEN`);
    });
  });
});

describe('concurrency', () => {
  it('50 parallel requests of two areas leave each chain linear and verifiable', async () => {
    const extra = await Promise.all([1, 2, 3].map(() => registerChild(t, a.coordinator)));
    const before = await count();
    const readers = [a.coordinator, a.health, b.social, a.parent, b.health, b.coordinator];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      const actor = readers[i % readers.length]!;
      const own = [b.social, b.health, b.coordinator].includes(actor) ? b : a;
      return i % 5 === 0
        ? t.gql(actor, `{ children(first: 10) { edges { node { id givenName } } } }`)
        : t.gql(actor, `query($id: ID!) { child(id: $id) { givenName dateOfBirth } }`, { id: i % 3 === 0 && actor === a.coordinator ? extra[i % 3]! : own.childId });
    }));
    for (const r of results) expect(r.status).toBe(200);
    const after = await count();
    expect(after - before).toBeGreaterThanOrEqual(50);
    for (const area of [a.areaCode, b.areaCode]) {
      const rows = await queryRows<{ chain_seq: string; prev_hash: string; hash: string }>(db(), sql`select chain_seq, prev_hash, hash from audit_events where chain = ${area} order by chain_seq`);
      rows.forEach((row, i) => {
        expect(Number(row.chain_seq)).toBe(i + 1);
        if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash);
      });
    }
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true, length: after, firstBrokenAt: null });
  });
});

describe('appends of different areas do not wait for each other (PostgreSQL: two connections)', () => {
  it("a request holding one area's chain open does not block another area's append; the same area's does wait (audit_append_request)", async () => {
    if (!iso.databaseUrl) return;
    const client = postgres(iso.databaseUrl, { max: 2, onnotice: () => {} });
    // One child-less WRITE event per area given.
    const append = (on: postgres.ReservedSql, ...areas: string[]) =>
      on`select audit_append_request(${randomUUID()}, 'test:append', 'TEST', 'PRACTITIONER', 'LockTest', 50, ${areas}::text[],
           array_fill(null::uuid, array[${areas.length}::int]), ${areas}::text[], array_fill('WRITE'::text, array[${areas.length}::int]),
           array_fill('STATUTORY'::text, array[${areas.length}::int]), array_fill(''::text, array[${areas.length}::int]),
           array_fill(''::text, array[${areas.length}::int]), array_fill(''::text, array[${areas.length}::int])) as n`;
    const holder = await client.reserve();
    const other = await client.reserve();
    try {
      await holder`begin`;
      expect((await append(holder, a.areaCode, b.areaCode))[0]!.n).toBe(2);
      for (const area of [a.areaCode, b.areaCode]) {
        await expect(other`select 1 from audit_chain_heads where chain = ${area} for update nowait`).rejects.toMatchObject({ code: '55P03' });
      }
      await other`set lock_timeout = '50ms'`;
      const third = `E07${String(Date.now()).slice(-6)}`;
      await other`begin`;
      expect((await append(other, third))[0]!.n).toBe(1);
      await other`commit`;
      await expect(append(other, b.areaCode)).rejects.toMatchObject({ code: '55P03' });
      await holder`commit`;
      expect((await append(other, b.areaCode))[0]!.n).toBe(1);
      await expect(append(other, 'all')).rejects.toThrow(/closed legacy chain/);
    } finally {
      holder.release();
      other.release();
      await client.end({ timeout: 5 });
    }
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true });
  });
});
