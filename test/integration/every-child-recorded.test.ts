/**
 * Every response that carries a child records at least an IDENTITY read of it, in the request's own
 * transaction: structure-only reads, list pages, mutation payloads and log pages included, and these
 * count towards the BULK flag. The property test generates random operations from the schema for every
 * role and checks that every child id in any response (cursors included) has an event of that request.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/tables.js';
import { buildGuardedSchema } from '../../src/app/build-schema.js';
import type { Actor } from '../../src/domain/actor.js';
import { childScenario, dpoOf, registerChild } from '../support/factories.js';
import { startTestHub, type GqlResult, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ BULK_ACCESS_THRESHOLD: '3' });
});
afterAll(() => t?.close());

const eventsOf = (requestId: string | null) => t.hub.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId ?? ''));

/** Child ids that appear anywhere in a response, directly or inside a Relay cursor. */
function childIdsIn(value: unknown, known: Set<string>, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (known.has(value)) found.add(value);
    const decoded = Buffer.from(value, 'base64url').toString('utf8');
    if (known.has(decoded)) found.add(decoded);
  } else if (Array.isArray(value)) value.forEach((v) => childIdsIn(v, known, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => childIdsIn(v, known, found));
  return found;
}

async function expectEveryChildRecorded(result: GqlResult, known: Set<string>, carried: string[] = []): Promise<number> {
  const ids = childIdsIn(result.data, known);
  // A child in the response without its id (`child(id) { givenName }`) is a child all the same.
  for (const id of carried) ids.add(id);
  const events = await eventsOf(result.requestId);
  for (const id of ids) {
    expect(events.some((e) => e.childId === id && e.action === 'READ'), `child ${id} in the response has no READ event`).toBe(true);
  }
  return ids.size;
}

describe('every child in a response is recorded', () => {
  it('for structure-only reads, list pages and mutation payloads', async () => {
    const s = await childScenario(t);
    const known = new Set([s.childId]);
    const probes: [Actor, string][] = [
      [s.coordinator, `query($c: ID!) { child(id: $c) { id } }`],
      [s.coordinator, `query($c: ID!) { child(id: $c) { areaCode } }`],
      [s.coordinator, `query($c: ID!) { child(id: $c) { __typename } }`],
      [s.health, `query($c: ID!) { child(id: $c) { sections { code } } }`],
      [s.health, `query($c: ID!) { child(id: $c) { sections { entries { key } } } }`],
      [s.parent, `{ children(first: 5) { edges { cursor } } }`],
      [s.parent, `{ children(first: 5) { pageInfo { endCursor } } }`],
      [s.coordinator, `mutation($c: ID!) { addCareTeamMember(childId: $c, org: "RX9", agency: HEALTH) { __typename } }`],
      [dpoOf(s.areaCode), `query($c: ID!) { accessLog(filter: { childId: $c }, first: 1) { edges { node { id } } } }`],
    ];
    for (const [actor, query] of probes) {
      const result = await t.gql(actor, query, { c: s.childId });
      expect(result.errors, query).toBeUndefined();
      const events = await eventsOf(result.requestId);
      expect(events.filter((e) => e.childId === s.childId && e.action === 'READ' && e.categories.includes('IDENTITY')), query).not.toHaveLength(0);
      await expectEveryChildRecorded(result, known);
    }
  });

  it('counts structure-only pages towards BULK', async () => {
    const s = await childScenario(t);
    for (let i = 0; i < 4; i++) await registerChild(t, s.coordinator);
    const result = await t.gql(s.coordinator, `{ children(first: 5) { edges { cursor } } }`);
    const events = await eventsOf(result.requestId);
    const reads = events.filter((e) => e.action === 'READ' && e.childId !== null);
    expect(reads.length).toBeGreaterThan(3);
    expect(reads.every((e) => e.flags.includes('BULK'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Random operations generated from the schema
// ---------------------------------------------------------------------------------------------------

const schema = buildGuardedSchema();
const ARGS: Record<string, string> = { section: '(code: C)', children: '(first: 10)', accessLog: '(first: 10)' };

/** A random selection set of `type`, at most `depth` deep, with arguments the hub accepts. */
function selection(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !a.type.toString().endsWith('!') || ARGS[f.name]));
  return fc.subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) }).chain((chosen) =>
    fc.tuple(...chosen.map((f) => {
      const named = getNamedType(f.type);
      const head = `${f.name}${f.args.length > 0 ? (ARGS[f.name] ?? '') : ''}`;
      if (!isObjectType(named)) return fc.constant(head);
      if (depth <= 0) return fc.constant(`${head} { __typename }`);
      return selection(named, depth - 1).map((inner) => `${head} { ${inner} }`);
    })).map((parts) => parts.join(' ')));
}

const ROOTS: Record<string, string> = {
  child: 'query($c: ID!) { child(id: $c) { SEL } }',
  children: '{ children(first: 10) { SEL } }',
  myAdviceRequests: '{ myAdviceRequests { SEL } }',
  accessLog: '{ accessLog(first: 10) { SEL } }',
  breakGlassReviews: '{ breakGlassReviews { SEL } }',
};

describe('property: random operations for every role record every child they return', () => {
  it('holds for 150 generated operations', async () => {
    const s = await childScenario(t);
    await t.gql(s.health, `mutation($c: ID!) { breakGlass(childId: $c, reason: "Seizure in clinic, need history") { id } }`, { c: s.childId });
    // An assessment with health advice outstanding, so that myAdviceRequests (and AdviceRequest.child) carry the child too.
    await t.gql(s.coordinator, `mutation($c: ID!) { requestAssessment(childId: $c, receivedOn: "2026-01-05") { status } }`, { c: s.childId });
    await t.gql(s.coordinator, `mutation($c: ID!) { advancePlan(childId: $c, event: DECIDE_TO_ASSESS, on: "2026-02-02") { status } }`, { c: s.childId });
    await t.gql(s.coordinator, `mutation($c: ID!) { requestAdvice(childId: $c, agency: HEALTH, requestedOn: "2026-02-03") { id } }`, { c: s.childId });
    const known = new Set([s.childId]);
    const actors: Actor[] = [s.coordinator, s.health, s.social, s.parent, dpoOf(s.areaCode)];
    const operation = fc.constantFrom(...Object.keys(ROOTS)).chain((root) => {
      const field = (schema.getQueryType()!.getFields())[root]!;
      const type = getNamedType(field.type) as GraphQLObjectType;
      return selection(type, 3).map((sel) => ROOTS[root]!.replace('SEL', sel));
    });
    let carriedAChild = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actors), operation, async (actor, op) => {
        const result = await t.gql(actor, op, { c: s.childId });
        expect((result.errors ?? []).filter((e) => e.extensions?.code === 'BAD_USER_INPUT'), op).toEqual([]);
        const carried = result.data?.child ? [s.childId] : [];
        if ((await expectEveryChildRecorded(result, known, carried)) > 0) carriedAChild += 1;
      }),
      { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20141006), verbose: true },
    );
    // The property is not vacuous: many generated responses did carry the child.
    expect(carriedAChild).toBeGreaterThan(38); // over a quarter of the runs
  });
});
