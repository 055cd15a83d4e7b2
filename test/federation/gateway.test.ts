/**
 * The federated layout end to end (docs/federation.md): the monolith and the gateway with its seven
 * subgraph processes on one fresh PostgreSQL database. The same operations sent to both answer the same
 * data and leave the same audit record set, every event of a federated request carrying the gateway's
 * one request id; subgraphs answer only calls the gateway signed.
 *
 * Needs PostgreSQL (PGlite serves one process): DATABASE_URL, or the local server CI starts.
 * FEDERATION_PORT_BASE sets the first subgraph port (default 5151; one consecutive port per subgraph).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/tables.js';
import { startFederatedLayout, type FederatedLayout } from '../../src/app/federated-layout.js';
import { subgraphNames } from '../../src/app/subgraphs.js';
import type { Actor } from '../../src/domain/actor.js';
import { GATEWAY_TOKEN_HEADER, signGatewayToken } from '../../src/platform/auth/gateway-token.js';
import { createLogger } from '../../src/platform/logger.js';
import { childScenario, dpoOf } from '../support/factories.js';
import { startTestHub, testConfig, type GqlResult, type TestHub } from '../support/test-hub.js';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORT_BASE = Number(process.env.FEDERATION_PORT_BASE ?? 5151);
const GATEWAY_SECRET = randomBytes(32).toString('hex');
const dbName = `ehc_fed_${randomBytes(6).toString('hex')}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const dbUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

let mono: TestHub;
let layout: FederatedLayout;

beforeAll(async () => {
  await admin.unsafe(`create database ${dbName}`);
  mono = await startTestHub({ DATABASE_URL: dbUrl });
  const config = testConfig({ DATABASE_URL: dbUrl, PORT: '0', SUBGRAPH_PORT_BASE: String(PORT_BASE), GATEWAY_HS256_SECRET: GATEWAY_SECRET });
  layout = await startFederatedLayout(config, createLogger('silent'));
}, 240_000);

afterAll(async () => {
  await layout?.close();
  await mono?.close();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end({ timeout: 5 });
});

async function viaGateway<T = any>(actor: Actor | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor) headers.authorization = `Bearer ${await mono.token(actor)}`;
  const res = await fetch(layout.gateway.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { data?: unknown; errors?: GqlResult['errors'] };
  return { status: res.status, requestId: res.headers.get('x-request-id'), data: (json.data ?? null) as never, errors: json.errors };
}

/**
 * A request's audit record set as the DPO reads it: per child, action and basis, the categories,
 * sections and flags recorded, whichever subgraph's transaction recorded them.
 */
async function recordSet(requestId: string | null) {
  const rows = await mono.hub.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId ?? ''));
  const merged = new Map<string, { categories: Set<string>; sections: Set<string>; flags: Set<string> }>();
  for (const row of rows) {
    const key = `${row.childId ?? '-'}|${row.areaCode ?? '-'}|${row.action}|${row.basis}|${row.actorSub}`;
    const entry = merged.get(key) ?? { categories: new Set(), sections: new Set(), flags: new Set() };
    row.categories.forEach((c: string) => entry.categories.add(c));
    row.sections.forEach((s: string) => entry.sections.add(s));
    row.flags.forEach((f: string) => entry.flags.add(f));
    merged.set(key, entry);
  }
  return Object.fromEntries([...merged].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { categories: [...v.categories].sort(), sections: [...v.sections].sort(), flags: [...v.flags].sort() }]));
}

const CONTRIBUTE = `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { code version entries { key category value } } }`;
const READ = `query($id: ID!) { child(id: $id) {
  id givenName familyName areaCode careTeam { org agency }
  sections { code version entries { key category value } withheld { category count } }
  withheld { section category count }
  plan { status requestReceivedOn decisionDue }
  consents { id active givenBy }
} }`;

describe('the federated layout (issue 16)', () => {
  it('answers the same data as the monolith and leaves the same audit record set under one request id', async () => {
    const s = await childScenario(mono);
    const health = await viaGateway(s.health, CONTRIBUTE, { input: { childId: s.childId, code: 'C', entries: [{ key: 'diagnosis', value: 'asthma' }] } });
    expect(health.errors).toBeUndefined();
    expect(health.data.contributeSection).toMatchObject({ code: 'C', version: 1 });
    await viaGateway(s.coordinator, `mutation($c: ID!, $on: Date!) { requestAssessment(childId: $c, receivedOn: $on) { status } }`, { c: s.childId, on: '2026-01-05' });

    for (const actor of [s.coordinator, s.health, s.social, s.parent]) {
      const monolith = await mono.gql(actor, READ, { id: s.childId });
      const federated = await viaGateway(actor, READ, { id: s.childId });
      expect(federated.status).toBe(200);
      expect(federated.data).toEqual(monolith.data);
      expect((federated.errors ?? []).map((e) => [e.path, e.extensions?.code])).toEqual((monolith.errors ?? []).map((e) => [e.path, e.extensions?.code]));
      expect(federated.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const [a, b] = [await recordSet(monolith.requestId), await recordSet(federated.requestId)];
      expect(Object.keys(b).length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
  });

  it('records a federated request spread over several subgraphs as one request for the DPO', async () => {
    const s = await childScenario(mono);
    const read = await viaGateway(s.coordinator, READ, { id: s.childId });
    const rows = await mono.hub.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, read.requestId!));
    // The children, sections, plan and consent subgraphs each recorded under the gateway's id.
    expect(rows.length).toBeGreaterThan(1);
    const dpo = dpoOf(s.areaCode);
    const log = await viaGateway(dpo, `query($c: ID) { accessLog(filter: { childId: $c }, first: 50) { edges { node { childId action requestId } } } }`, { c: s.childId });
    expect(log.errors).toBeUndefined();
    const ids = new Set(log.data.accessLog.edges.filter((e: any) => e.node.requestId === read.requestId).map((e: any) => e.node.requestId));
    expect([...ids]).toEqual([read.requestId]);
  });

  it('refuses without a token at the gateway, and another area reads as not found', async () => {
    const s = await childScenario(mono);
    const anonymous = await viaGateway(null, READ, { id: s.childId });
    expect(anonymous.status).toBe(401);
    const other = await childScenario(mono);
    const monolith = await mono.gql(other.coordinator, READ, { id: s.childId });
    const federated = await viaGateway(other.coordinator, READ, { id: s.childId });
    expect(federated.data).toEqual(monolith.data);
    expect((federated.errors ?? []).map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('subgraphs refuse direct calls, even with a valid user token, and tokens signed for another subgraph or with another key', async () => {
    const s = await childScenario(mono);
    const bearer = `Bearer ${await mono.token(s.coordinator)}`;
    const body = JSON.stringify({ query: `{ _service { sdl } }` });
    const call = (port: number, extra: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer, ...extra }, body });
    const rid = '00000000-0000-4000-8000-000000000000';
    for (const sub of layout.subgraphs) {
      expect((await call(sub.port)).status, sub.name).toBe(403);
    }
    const plan = layout.subgraphs.find((x) => x.name === 'plan')!;
    expect((await call(plan.port, { [GATEWAY_TOKEN_HEADER]: await signGatewayToken(GATEWAY_SECRET, 'children', rid) })).status).toBe(403);
    expect((await call(plan.port, { [GATEWAY_TOKEN_HEADER]: await signGatewayToken(randomBytes(32).toString('hex'), 'plan', rid) })).status).toBe(403);
    expect((await call(plan.port, { [GATEWAY_TOKEN_HEADER]: await signGatewayToken(GATEWAY_SECRET, 'plan', rid, Date.now() - 10 * 60_000) })).status).toBe(403);
    // Signed by the gateway but without the user's token: the subgraph still verifies the user itself.
    const unsigned = await fetch(`http://127.0.0.1:${plan.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_TOKEN_HEADER]: await signGatewayToken(GATEWAY_SECRET, 'plan', rid) },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(layout.subgraphs.map((x) => x.name)).toEqual(subgraphNames());
  });
});
