/**
 * The audit chain is verified off the request path: a DPO's `auditChainStatus` reads only the chain
 * head in its request, at most once however many aliases ask, and reports the latest verification,
 * which the chain monitor runs in the background when the chain has grown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScenario, dpoOf } from '../support/factories.js';
import { asSuperuserBypassingTriggers, startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';

let iso: IsolatedHub;
beforeAll(async () => {
  iso = await startIsolatedHub();
});
afterAll(() => iso?.close());

const STATUS = `{ auditChainStatus { intact length firstBrokenAt verifiedUpTo upToDate } }`;
const ALIASED = `{ ${Array.from({ length: 15 }, (_, i) => `s${i}: auditChainStatus { intact length upToDate }`).join(' ')} }`;

describe('auditChainStatus', () => {
  it('reports the background verification, and is up to date once it has run', async () => {
    const { t } = iso;
    const s = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    await t.gql(dpo, STATUS);
    await t.hub.chain.whenIdle();
    const status = await t.gql(dpo, STATUS);
    expect(status.errors).toBeUndefined();
    // The status request itself appended events after the verification's head.
    expect(status.data.auditChainStatus).toMatchObject({ intact: true, firstBrokenAt: null });
    await t.hub.chain.whenIdle();
  });

  it('costs one statement for the chain however many aliases ask, and runs one verification', async () => {
    const { t } = iso;
    const s = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    await t.hub.chain.whenIdle();
    const before = t.hub.database.statements.count;
    const result = await t.gql(dpo, ALIASED);
    const statements = t.hub.database.statements.count - before;
    expect(result.errors).toBeUndefined();
    const answers = Object.values(result.data) as any[];
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // head read + audit append (+ its BULK bookkeeping), whatever the chain's length: no verification in the request.
    expect(statements).toBeLessThanOrEqual(6);
  });

  it('finds an altered event once the background verification has run', async () => {
    const { t } = iso;
    const s = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    await asSuperuserBypassingTriggers(t, [`update audit_events set categories = array['HEALTH'] where seq = 2`]);
    await t.gql(dpo, STATUS);
    await t.hub.chain.whenIdle();
    const status = await t.gql(dpo, STATUS);
    expect(status.data.auditChainStatus).toMatchObject({ intact: false, firstBrokenAt: 2 });
  });
});
