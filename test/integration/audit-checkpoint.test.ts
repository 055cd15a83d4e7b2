/**
 * Signed checkpoints (docs/audit.md, "Checkpoints"): a published, signed chain head shows what the
 * chain alone cannot, that its newest events were deleted. Runs on a database of its own (it deletes
 * audit events as a superuser).
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointSigningKey, listCheckpoints, signChainHead, verifyCheckpoints, type Checkpoint } from '../../src/audit/checkpoints.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import { queryRows } from '../../src/platform/db/database.js';
import { childScenario, dpoOf } from '../support/factories.js';
import { asSuperuserBypassingTriggers, startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';
import type { TestHub } from '../support/test-hub.js';

const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let iso: IsolatedHub;
let t: TestHub;
let scenario: Awaited<ReturnType<typeof childScenario>>;

beforeAll(async () => {
  iso = await startIsolatedHub({ AUDIT_SIGNING_KEY: pem });
  t = iso.t;
  scenario = await childScenario(t);
  await t.gql(scenario.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: scenario.childId });
});
afterAll(() => iso?.close());

const db = () => t.hub.database.db;
const head = async () => Number((await queryRows<{ n: string }>(db(), sql`select max(seq) as n from audit_events`))[0]!.n);

describe('signed checkpoints', () => {
  it('the hub signs the head each intact verification reached, with its configured key', async () => {
    await t.hub.chain.whenIdle();
    await t.gql(dpoOf(scenario.areaCode), `{ auditChainStatus { intact } }`);
    await t.hub.chain.whenIdle();
    const stored = await listCheckpoints(db());
    expect(stored.length).toBeGreaterThan(0);
    const key = checkpointSigningKey(pem);
    const publicKey = stored[0]!.publicKey;
    expect(publicKey).toContain('BEGIN PUBLIC KEY');
    expect(await verifyCheckpoints(db(), stored, publicKey)).toEqual([]);
    expect(key.asymmetricKeyType).toBe('ed25519');
  });

  it('a checkpoint with a changed value or signed by another key is refused', async () => {
    const signed = (await signChainHead(db(), checkpointSigningKey(pem)))!;
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const [moved] = await verifyCheckpoints(db(), [{ ...signed, seq: signed.seq - 1 }]);
    expect(moved).toMatchObject({ problem: 'BAD_SIGNATURE' });
    const [foreign] = await verifyCheckpoints(db(), [signed], other);
    expect(foreign).toMatchObject({ problem: 'BAD_SIGNATURE' });
  });

  it('npm run audit:checkpoint exports, and audit:verify --checkpoint fails once signed events are gone (PostgreSQL: the CLI needs a shared database)', async () => {
    if (!iso.databaseUrl) return;
    const file = join(mkdtempSync(join(tmpdir(), 'ehc-checkpoint-')), 'checkpoints.json');
    const env = { ...process.env, DATABASE_URL: iso.databaseUrl, LOG_LEVEL: 'silent', AUDIT_SIGNING_KEY: pem };
    const cli = (script: string, args: string[]) =>
      spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', script, ...args], { env, encoding: 'utf8', timeout: 60_000 });
    await t.gql(scenario.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: scenario.childId });
    const exported = cli('src/cli/audit-checkpoint.ts', ['--out', file]);
    expect(exported.status).toBe(0);
    const { checkpoints } = JSON.parse(readFileSync(file, 'utf8')) as { checkpoints: Checkpoint[] };
    const n = await head();
    expect(checkpoints.map((c) => c.seq)).toContain(n);
    expect(cli('src/cli/audit-verify.ts', ['--checkpoint', file]).status).toBe(0);
    await asSuperuserBypassingTriggers(t, [`delete from audit_events where seq = ${n}`]);
    const broken = cli('src/cli/audit-verify.ts', ['--checkpoint', file]);
    expect(broken.stdout).toMatch(/audit chain intact/);
    expect(broken.stdout).toMatch(new RegExp(`checkpoint FAILED \\(EVENTS_MISSING\\): events ${n} to ${n}`));
    expect(broken.status).toBe(1);
  });
  it('deleting the newest events leaves an intact chain, but not past a published checkpoint', async () => {
    const signed = (await signChainHead(db(), checkpointSigningKey(pem)))!;
    const published: Checkpoint[] = JSON.parse(JSON.stringify([signed]));
    const n = await head();
    expect(signed.seq).toBe(n);
    await asSuperuserBypassingTriggers(t, [`delete from audit_events where seq >= ${n - 1}`]);
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true, length: n - 2 });
    const [finding] = await verifyCheckpoints(db(), published, signed.publicKey);
    expect(finding).toMatchObject({ problem: 'EVENTS_MISSING', checkpoint: { seq: n } });
    expect(finding!.message).toContain(`events ${n - 1} to ${n}`);
  });

});
