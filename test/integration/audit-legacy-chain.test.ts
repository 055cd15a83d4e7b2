/**
 * Migration 0012 (docs/audit.md, "The chains"): events recorded in the one global chain before chains
 * were per area become the legacy chain 'all' and still verify by the rule they were hashed with; new
 * events go to their areas' chains; the append-only triggers stay on. A database of its own, migrated
 * to 0011 first, given events by the old `audit_append` (migration 0010), then migrated to the end:
 * PGlite in memory, or a scratch PostgreSQL database when DATABASE_URL is set.
 */
import { randomBytes, randomUUID, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/audit/access-recorder.js';
import { signChainHead, verifyCheckpoints } from '../../src/audit/checkpoints.js';
import { canonicalEvent, LEGACY_CHAIN, type ChainedEvent } from '../../src/audit/hash-chain.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import { MIGRATIONS_FOLDER, queryRows, type Db } from '../../src/platform/db/database.js';

const LEGACY_EVENTS = 6;
const AREA = 'E06000911';
let db: Db;
let close: () => Promise<void>;
let migrateTo: (folder: string) => Promise<void>;
let folders: string;

/** The migrations folder as it was before per-area chains: 0000 to 0011. */
function migrationsUpTo(last: string): string {
  const folder = join(folders, 'before');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag.startsWith(last)) + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

beforeAll(async () => {
  folders = mkdtempSync(join(tmpdir(), 'ehc-legacy-chain-'));
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `ehc_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    db = drizzlePostgres(client) as unknown as Db;
    migrateTo = (folder) => migratePostgres(drizzlePostgres(client), { migrationsFolder: folder });
    close = async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  } else {
    const client = await PGlite.create('memory://');
    db = drizzlePglite(client) as unknown as Db;
    migrateTo = (folder) => migratePglite(drizzlePglite(client), { migrationsFolder: folder });
    close = () => client.close();
  }
  await migrateTo(migrationsUpTo('0011_'));
  // Recorded the old way: one global chain, the canonical JSON in two parts around `at` and `seq`.
  for (let i = 0; i < LEGACY_EVENTS; i++) {
    const event: Omit<ChainedEvent, 'seq' | 'at'> = {
      id: randomUUID(), requestId: `legacy-${i}`, actorSub: 'practitioner:legacy', actorOrg: 'RX1', actorRole: 'PRACTITIONER', childId: null,
      areaCode: i % 2 ? AREA : 'E06000912', action: 'WRITE', basis: 'STATUTORY', categories: ['IDENTITY'], sections: [], operationName: 'Old', flags: [],
    };
    const text = canonicalEvent({ ...event, at: '@', seq: 0 });
    const at = text.indexOf('"at":"@"');
    const parts = { ...event, pre: text.slice(0, at + 5), mid: text.slice(at + 8, -2) };
    await db.execute(sql`select audit_append(${JSON.stringify([parts])}::jsonb)`);
  }
  await migrateTo(MIGRATIONS_FOLDER);
}, 240_000);
afterAll(async () => {
  await close?.();
  if (folders) rmSync(folders, { recursive: true, force: true });
});

const tamper = async (statement: string) => {
  await db.execute(sql`alter table audit_events disable trigger user`);
  try {
    await db.execute(sql.raw(statement));
  } finally {
    await db.execute(sql`alter table audit_events enable trigger user`);
  }
};

describe('the legacy chain', () => {
  it("keeps every event recorded before, as chain 'all' numbered by its old seq, and verifies it by the old rule", async () => {
    const rows = await queryRows<{ seq: string; chain: string; chain_seq: string }>(db, sql`select seq, chain, chain_seq from audit_events order by seq`);
    expect(rows.map((r) => [Number(r.seq), r.chain, Number(r.chain_seq)])).toEqual(Array.from({ length: LEGACY_EVENTS }, (_, i) => [i + 1, LEGACY_CHAIN, i + 1]));
    expect(await verifyAuditChain(db)).toEqual({
      intact: true, length: LEGACY_EVENTS, firstBrokenAt: null, brokenChain: null,
      chains: [{ chain: LEGACY_CHAIN, intact: true, length: LEGACY_EVENTS, firstBrokenAt: null }],
    });
  });

  it('the append-only triggers are still on', async () => {
    await expect(db.execute(sql`update audit_events set actor_org = 'X' where seq = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
  });

  it("new events go to their areas' chains after the legacy events' seq; the legacy chain is closed", async () => {
    const recorder = new AccessRecorder({ sub: 'coordinator:new', org: 'LA1', agency: null, role: 'CASE_COORDINATOR', areas: [AREA] }, 'new-1', 'New');
    recorder.note({ childId: null, areaCode: AREA, action: 'WRITE', basis: 'STATUTORY', categories: ['IDENTITY'] });
    recorder.note({ childId: null, areaCode: null, action: 'WRITE', basis: 'STATUTORY' });
    await db.transaction((tx) => recorder.flush(tx as unknown as Db));
    const rows = await queryRows<{ seq: string; chain: string; chain_seq: string }>(db, sql`select seq, chain, chain_seq from audit_events where seq > ${LEGACY_EVENTS} order by chain`);
    expect(rows.map((r) => [r.chain, Number(r.chain_seq)])).toEqual([[AREA, 1], ['national', 1]]);
    expect(rows.every((r) => Number(r.seq) > LEGACY_EVENTS)).toBe(true);
    const status = await verifyAuditChain(db);
    expect(status).toMatchObject({ intact: true, length: LEGACY_EVENTS + 2 });
    expect(status.chains.map((c) => c.chain).sort()).toEqual([AREA, LEGACY_CHAIN, 'national'].sort());
    const refused = await db
      .execute(sql`select audit_append_request('closed', 'test:legacy', 'LA1', 'CASE_COORDINATOR', 'Closed', 50, array[${LEGACY_CHAIN}]::text[],
        array[null]::uuid[], array[${AREA}]::text[], array['WRITE'], array['STATUTORY'], array[''], array[''], array[''])`)
      .then(() => null, (e: Error) => e);
    expect(String((refused?.cause as Error | undefined)?.message ?? refused?.message)).toMatch(/closed legacy chain/);
  });

  it("a checkpoint of the legacy chain holds, and tampering with it is named in chain 'all' only", async () => {
    const key = generateKeyPairSync('ed25519').privateKey;
    const signed = (await signChainHead(db, key, LEGACY_CHAIN))!;
    expect(signed).toMatchObject({ chain: LEGACY_CHAIN, seq: LEGACY_EVENTS });
    expect(await verifyCheckpoints(db, [signed])).toEqual([]);
    await tamper(`update audit_events set actor_org = 'SOMEONE-ELSE' where seq = 2`);
    const status = await verifyAuditChain(db);
    expect(status).toMatchObject({ intact: false, brokenChain: LEGACY_CHAIN, firstBrokenAt: 2 });
    expect(status.chains.filter((c) => !c.intact).map((c) => c.chain)).toEqual([LEGACY_CHAIN]);
    await tamper(`update audit_events set actor_org = 'RX1' where seq = 2`);
    expect((await verifyAuditChain(db)).intact).toBe(true);
    // A legacy event renumbered in the chain (its old rule numbers it by seq): a gap where it was.
    await tamper(`update audit_events set chain_seq = 99 where seq = ${LEGACY_EVENTS}`);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: false, brokenChain: LEGACY_CHAIN, firstBrokenAt: LEGACY_EVENTS });
    expect(await verifyCheckpoints(db, [signed])).toMatchObject([{ problem: 'EVENTS_MISSING' }]);
  });
});
