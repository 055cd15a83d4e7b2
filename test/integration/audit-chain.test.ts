/**
 * The audit chain: append-only in the database, tamper-evident, linear under concurrency.
 * Runs on a database of its own (tampering must not break other test files' chains).
 */
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/database.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import { childScenario, dpoOf, registerChild } from '../support/factories.js';
import { asSuperuserBypassingTriggers, startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';
import type { TestHub } from '../support/test-hub.js';

let iso: IsolatedHub;
let t: TestHub;
let scenario: Awaited<ReturnType<typeof childScenario>>;

beforeAll(async () => {
  iso = await startIsolatedHub();
  t = iso.t;
  scenario = await childScenario(t);
  for (const actor of [scenario.health, scenario.parent, scenario.coordinator]) {
    await t.gql(actor, `query($id: ID!) { child(id: $id) { givenName familyName } }`, { id: scenario.childId });
  }
});
afterAll(() => iso?.close());

const db = () => t.hub.database.db;
const count = async () => Number((await queryRows<{ n: string }>(db(), sql`select count(*) as n from audit_events`))[0]!.n);
const CHAIN_STATUS = `{ auditChainStatus { intact length firstBrokenAt } }`;

/**
 * The DPO's view of the chain. The hub verifies in the background (src/audit/chain-monitor.ts): let
 * any earlier run finish, ask (which starts a run over the chain as it is now), wait for it, ask again.
 */
async function statusViaApi() {
  await t.hub.chain.whenIdle();
  await t.gql(dpoOf(scenario.areaCode), CHAIN_STATUS);
  await t.hub.chain.whenIdle();
  return t.gql(dpoOf(scenario.areaCode), CHAIN_STATUS);
}

async function withBackup<T>(run: () => Promise<T>): Promise<T> {
  await db().execute(sql`drop table if exists audit_backup`);
  await db().execute(sql`create table audit_backup as select * from audit_events`);
  try {
    return await run();
  } finally {
    await asSuperuserBypassingTriggers(t, ['delete from audit_events', 'insert into audit_events select * from audit_backup']);
    await db().execute(sql`drop table audit_backup`);
  }
}

describe('append-only', () => {
  it('rejects UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const before = await count();
    expect(before).toBeGreaterThan(5);
    await expect(db().execute(sql`update audit_events set actor_org = 'X' where seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_events`)).rejects.toThrow();
    expect(await count()).toBe(before);
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });
});

describe('tampering is detected and named', () => {
  it('starts intact', async () => {
    const status = await verifyAuditChain(db());
    expect(status).toEqual({ intact: true, length: await count(), firstBrokenAt: null });
    const viaApi = await statusViaApi();
    expect(viaApi.data.auditChainStatus).toMatchObject({ intact: true, firstBrokenAt: null });
  });

  it('an altered event', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set actor_org = 'SOMEONE-ELSE' where seq = 3`]);
      expect(await verifyAuditChain(db())).toMatchObject({ intact: false, firstBrokenAt: 3 });
      const viaApi = await statusViaApi();
      expect(viaApi.data.auditChainStatus).toMatchObject({ intact: false, firstBrokenAt: 3 });
    });
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });

  it('an altered set-valued field (categories) and flags', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set flags = '{}', categories = '{IDENTITY,HEALTH}' where seq = 2`]);
      expect(await verifyAuditChain(db())).toMatchObject({ intact: false, firstBrokenAt: 2 });
    });
  });

  it('a deleted event (a gap in the sequence)', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`delete from audit_events where seq = 4`]);
      expect(await verifyAuditChain(db())).toMatchObject({ intact: false, firstBrokenAt: 4 });
    });
  });

  it('a removed tail is not detectable without an external anchor (documented limit)', async () => {
    await withBackup(async () => {
      const n = await count();
      await asSuperuserBypassingTriggers(t, [`delete from audit_events where seq = ${n}`]);
      // New appends chain onto the new head, so only a sequence or anchor check could tell: the chain
      // is consistent again. What the verifier must not do is report an earlier break.
      expect(await verifyAuditChain(db())).toMatchObject({ intact: true, length: n - 1 });
    });
  });

  it('re-ordered events', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [
        `update audit_events set seq = -6 where seq = 6`,
        `update audit_events set seq = 6 where seq = 5`,
        `update audit_events set seq = 5 where seq = -6`,
      ]);
      expect(await verifyAuditChain(db())).toMatchObject({ intact: false, firstBrokenAt: 5 });
    });
  });

  it('a forged event with a recomputed hash breaks the next link', async () => {
    await withBackup(async () => {
      await asSuperuserBypassingTriggers(t, [`update audit_events set hash = repeat('a', 64) where seq = 3`]);
      expect(await verifyAuditChain(db())).toMatchObject({ intact: false, firstBrokenAt: 3 });
    });
  });

  it('npm run audit:verify exits 1 naming the break (PostgreSQL: the CLI needs a shared database)', async () => {
    if (!iso.databaseUrl) return;
    const run = () => spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: iso.databaseUrl!, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
    });
    const ok = run();
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intact/);
    await withBackup(async () => {
      // Always a change, whatever basis event 7 happens to have been recorded with.
      await asSuperuserBypassingTriggers(t, [`update audit_events set basis = case when basis = 'STATUTORY' then 'OWNER' else 'STATUTORY' end where seq = 7`]);
      const broken = run();
      expect(broken.status).toBe(1);
      expect(broken.stdout).toMatch(/BROKEN at event 7/);
    });
  });
});

describe('concurrency', () => {
  it('50 parallel requests leave a linear, verifiable chain', async () => {
    const extra = await Promise.all([1, 2, 3].map(() => registerChild(t, scenario.coordinator)));
    const before = await count();
    const readers = [scenario.coordinator, scenario.health, scenario.social, scenario.parent];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      const actor = readers[i % readers.length]!;
      return i % 5 === 0
        ? t.gql(actor, `{ children(first: 10) { edges { node { id givenName } } } }`)
        : t.gql(actor, `query($id: ID!) { child(id: $id) { givenName dateOfBirth } }`, { id: i % 3 === 0 && actor === scenario.coordinator ? extra[i % 3]! : scenario.childId });
    }));
    for (const r of results) expect(r.status).toBe(200);
    const after = await count();
    expect(after - before).toBeGreaterThanOrEqual(50);
    const rows = await queryRows<{ seq: string | number; prev_hash: string; hash: string }>(db(), sql`select seq, prev_hash, hash from audit_events order by seq`);
    rows.forEach((row, i) => {
      expect(Number(row.seq)).toBe(i + 1);
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash);
    });
    expect(await verifyAuditChain(db())).toEqual({ intact: true, length: after, firstBrokenAt: null });
  });
});
