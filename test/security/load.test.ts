/**
 * Issue 7 §6: load. 200 concurrent mixed requests are all answered without a 5xx; a per-actor rate limit
 * (RATE_LIMIT_PER_MINUTE) turns one actor's 21st request into 429 with Retry-After, leaving others alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { commissionerOf, coordinatorOf, dpoOf, familyMember, practitioner } from '../support/factories.js';
import { seededArea } from '../support/seeded-area.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let limited: TestHub;
beforeAll(async () => {
  [t, limited] = await Promise.all([startTestHub(), startTestHub({ RATE_LIMIT_PER_MINUTE: '20' })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), limited?.close()]);
});

async function postAs(hub: TestHub, actor: Actor, query: string, variables: Record<string, unknown> = {}) {
  const token = await hub.token(actor);
  const res = await hub.post(JSON.stringify({ query, variables }), { authorization: `Bearer ${token}` });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

describe('200 concurrent requests', () => {
  it('answers every one without a 5xx', async () => {
    const { area, coordinator } = await seededArea(t, 40);
    const list = await t.gql(coordinator, '{ children(first: 40) { edges { node { id } } } }');
    const ids: string[] = list.data.children.edges.map((e: any) => e.node.id);
    expect(ids.length).toBeGreaterThan(0);
    const commissioner = commissionerOf(area.code);
    const dpo = dpoOf(area.code);
    const outsider = practitioner('HEALTH');
    const parent = familyMember();

    const shapes: [Actor, string, Record<string, unknown>][] = [
      [coordinator, '{ children(first: 20) { edges { node { id givenName familyName dateOfBirth plan { status } } } pageInfo { hasNextPage } } }', {}],
      [coordinator, 'query($id: ID!) { child(id: $id) { id givenName nhsNumber sections { code version entries { key value } } consents { id } } }', {}],
      [commissioner, 'query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED]) { total cells { count suppressed } } }', { a: area.code }],
      [dpo, '{ accessLog(first: 10) { edges { node { action basis } } } }', {}],
      [outsider, 'query($id: ID!) { child(id: $id) { id } }', {}],
      [parent, '{ me { sub role } }', {}],
      [coordinator, '{ auditChainStatus { intact } }', {}], // forbidden for a coordinator: still a clean answer
    ];
    // Sign tokens first so the burst is the requests alone.
    const tokens = new Map(await Promise.all([...new Set(shapes.map((s) => s[0]))].map(async (a) => [a, await t.token(a)] as const)));
    const requests = Array.from({ length: 200 }, (_, i) => {
      const [actor, query, vars] = shapes[i % shapes.length]!;
      const variables = { ...vars, ...(query.includes('$id') ? { id: ids[i % ids.length] } : {}) };
      return t.post(JSON.stringify({ query, variables }), { authorization: `Bearer ${tokens.get(actor)}` })
        .then(async (res) => ({ status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] } }));
    });
    const results = await Promise.all(requests);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const internal = results.flatMap((r) => r.body.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    expect(internal).toEqual([]);
    const health = await fetch(t.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });
});

describe('per-actor rate limit', () => {
  it('refuses the 21st request of one actor with 429 and Retry-After; another actor is unaffected', async () => {
    const noisy = coordinatorOf('E06000001');
    const quiet = coordinatorOf('E06000001', noisy.org); // same organisation, different subject
    for (let i = 0; i < 20; i++) {
      const ok = await postAs(limited, noisy, '{ me { sub } }');
      expect(ok.status, `request ${i + 1}`).toBe(200);
    }
    const refused = await postAs(limited, noisy, '{ me { sub } }');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.retryAfter);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.text).not.toContain('"data"');

    const other = await postAs(limited, quiet, '{ me { sub } }');
    expect(other.status).toBe(200);
    expect(JSON.parse(other.text).data.me.sub).toBe(quiet.sub);
  });

  it('counts every request, including refused and concurrent ones, against the budget', async () => {
    const burst = coordinatorOf('E06000002');
    const token = await limited.token(burst);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => limited.post(JSON.stringify({ query: '{ me { sub } }' }), { authorization: `Bearer ${token}` })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});
