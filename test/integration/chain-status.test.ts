/**
 * The audit chains are verified off the request path: a DPO's `auditChainStatus` reads only the heads
 * of their areas' chains in its request, at most once however many aliases ask, and reports the latest
 * verification, which the chain monitor runs in the background when one of those chains has grown.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { childScenario, dpoOf, newAreaCode } from '../support/factories.js';
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

  it('costs one statement for the chains however many aliases ask, and runs one verification', async () => {
    const { t } = iso;
    const s = await childScenario(t);
    await t.gql(dpoOf(s.areaCode), STATUS);
    await t.hub.chain.whenIdle();
    // A DPO whose area's chain has not grown since the last verification: no run starts, so every
    // statement counted is the request's own: the heads read, the audit append.
    const quiet = dpoOf(newAreaCode());
    const before = t.hub.database.statements.count;
    let result = await t.gql(quiet, ALIASED);
    expect(t.hub.database.statements.count - before).toBeLessThanOrEqual(2);
    expect(result.errors).toBeUndefined();
    expect(new Set(Object.values(result.data).map((a) => JSON.stringify(a))).size).toBe(1);
    await t.hub.chain.whenIdle();
    // A DPO whose chain grew (a read of the child since): the 15 aliases start one background run, seen
    // as one listing of the chains.
    await t.gql(s.health, `query($id: ID!) { child(id: $id) { givenName } }`, { id: s.childId });
    const spy = vi.spyOn(t.hub.database.statements, 'logQuery');
    let seen: string[];
    try {
      result = await t.gql(dpoOf(s.areaCode), ALIASED);
      await t.hub.chain.whenIdle();
      // drizzle passes each statement's text to its logger.
      seen = (spy.mock.calls as unknown as [string][]).map(([query]) => query);
    } finally {
      spy.mockRestore();
    }
    expect(result.errors).toBeUndefined();
    const answers = Object.values(result.data) as any[];
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(seen.filter((q) => q.includes('with recursive c(chain)'))).toHaveLength(1);
    // The request's heads read, and the run's: two, however many aliases.
    expect(seen.filter((q) => q.includes('from unnest('))).toHaveLength(2);
  });

  it("finds an altered event in the DPO's area chain once the background verification has run; another area's stays intact", async () => {
    const { t } = iso;
    const s = await childScenario(t);
    const other = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    await asSuperuserBypassingTriggers(t, [`update audit_events set categories = array['HEALTH'] where chain = '${s.areaCode}' and chain_seq = 2`]);
    await t.gql(dpo, STATUS);
    await t.hub.chain.whenIdle();
    const status = await t.gql(dpo, `{ auditChainStatus { intact firstBrokenAt brokenChain chains { chain intact firstBrokenAt } } }`);
    expect(status.data.auditChainStatus).toEqual({
      intact: false, firstBrokenAt: 2, brokenChain: s.areaCode, chains: [{ chain: s.areaCode, intact: false, firstBrokenAt: 2 }],
    });
    const elsewhere = await t.gql(dpoOf(other.areaCode), `{ auditChainStatus { intact brokenChain chains { chain intact } } }`);
    expect(elsewhere.data.auditChainStatus).toEqual({ intact: true, brokenChain: null, chains: [{ chain: other.areaCode, intact: true }] });
  });
});
