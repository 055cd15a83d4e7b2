/**
 * Signed checkpoints (docs/audit.md, "Checkpoints"): a published, signed head of each area's chain
 * shows what the chain alone cannot, that its newest events were deleted. Runs on a database of its own
 * (it deletes audit events as a superuser).
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
let other: Awaited<ReturnType<typeof childScenario>>;

beforeAll(async () => {
  iso = await startIsolatedHub({ AUDIT_SIGNING_KEY: pem });
  t = iso.t;
  scenario = await childScenario(t);
  other = await childScenario(t);
  await t.gql(scenario.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: scenario.childId });
});
afterAll(() => iso?.close());

const db = () => t.hub.database.db;
/** The head (chain_seq of the newest event) of one area's chain. */
const head = async (chain: string) => Number((await queryRows<{ n: string }>(db(), sql`select max(chain_seq) as n from audit_events where chain = ${chain}`))[0]!.n);

describe('signed checkpoints', () => {
  it('the hub signs the head of every chain each intact verification reached, with its configured key', async () => {
    await t.hub.chain.whenIdle();
    await t.gql(dpoOf(scenario.areaCode), `{ auditChainStatus { intact } }`);
    await t.hub.chain.whenIdle();
    const stored = await listCheckpoints(db());
    expect(new Set(stored.map((c) => c.chain))).toEqual(new Set([scenario.areaCode, other.areaCode]));
    const key = checkpointSigningKey(pem);
    const publicKey = stored[0]!.publicKey;
    expect(publicKey).toContain('BEGIN PUBLIC KEY');
    expect(await verifyCheckpoints(db(), stored, publicKey)).toEqual([]);
    expect(key.asymmetricKeyType).toBe('ed25519');
  });

  it('a checkpoint with a changed value or signed by another key is refused', async () => {
    const signed = (await signChainHead(db(), checkpointSigningKey(pem), scenario.areaCode))!;
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const [moved] = await verifyCheckpoints(db(), [{ ...signed, seq: signed.seq - 1 }]);
    expect(moved).toMatchObject({ problem: 'BAD_SIGNATURE' });
    // The chain is in the signed payload: one area's head cannot be passed off as another's.
    const [elsewhere] = await verifyCheckpoints(db(), [{ ...signed, chain: other.areaCode }]);
    expect(elsewhere).toMatchObject({ problem: 'BAD_SIGNATURE' });
    const [foreign] = await verifyCheckpoints(db(), [signed], otherKey);
    expect(foreign).toMatchObject({ problem: 'BAD_SIGNATURE' });
  });

  it("npm run audit:checkpoint exports every chain's head, and audit:verify --checkpoint fails once signed events of any chain are gone (PostgreSQL: the CLI needs a shared database)", async () => {
    if (!iso.databaseUrl) return;
    const file = join(mkdtempSync(join(tmpdir(), 'ehc-checkpoint-')), 'checkpoints.json');
    const env = { ...process.env, DATABASE_URL: iso.databaseUrl, LOG_LEVEL: 'silent', AUDIT_SIGNING_KEY: pem };
    const cli = (script: string, args: string[]) =>
      spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', script, ...args], { env, encoding: 'utf8', timeout: 60_000 });
    await t.gql(scenario.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: scenario.childId });
    const exported = cli('src/cli/audit-checkpoint.ts', ['--out', file]);
    expect(exported.status).toBe(0);
    const { checkpoints } = JSON.parse(readFileSync(file, 'utf8')) as { checkpoints: Checkpoint[] };
    const n = await head(scenario.areaCode);
    const m = await head(other.areaCode);
    expect(checkpoints.filter((c) => c.chain === scenario.areaCode).map((c) => c.seq)).toContain(n);
    expect(checkpoints.filter((c) => c.chain === other.areaCode).map((c) => c.seq)).toContain(m);
    expect(cli('src/cli/audit-verify.ts', ['--checkpoint', file]).status).toBe(0);
    // The newest event of the other area's chain (not the one the DPO was asking about) goes.
    await asSuperuserBypassingTriggers(t, [`delete from audit_events where chain = '${other.areaCode}' and chain_seq = ${m}`]);
    const broken = cli('src/cli/audit-verify.ts', ['--checkpoint', file]);
    expect(broken.stdout).toMatch(/audit chain intact/);
    expect(broken.stdout).toContain(`checkpoint FAILED (EVENTS_MISSING): chain ${other.areaCode}: events ${m} to ${m}`);
    expect(broken.stdout).not.toContain(`chain ${scenario.areaCode}:`);
    expect(broken.status).toBe(1);
  });
  it('deleting the newest events leaves an intact chain, but not past a published checkpoint', async () => {
    const key = checkpointSigningKey(pem);
    const signed = (await signChainHead(db(), key, scenario.areaCode))!;
    const untouched = (await signChainHead(db(), key, other.areaCode))!;
    const published: Checkpoint[] = JSON.parse(JSON.stringify([signed, untouched]));
    const n = await head(scenario.areaCode);
    expect(signed.seq).toBe(n);
    const total = (await verifyAuditChain(db())).length;
    await asSuperuserBypassingTriggers(t, [`delete from audit_events where chain = '${scenario.areaCode}' and chain_seq >= ${n - 1}`]);
    const status = await verifyAuditChain(db());
    expect(status).toMatchObject({ intact: true, length: total - 2 });
    expect(status.chains.find((c) => c.chain === scenario.areaCode)).toMatchObject({ intact: true, length: n - 2 });
    const findings = await verifyCheckpoints(db(), published, signed.publicKey);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ problem: 'EVENTS_MISSING', checkpoint: { chain: scenario.areaCode, seq: n } });
    expect(findings[0]!.message).toContain(`events ${n - 1} to ${n}`);
  });

});
