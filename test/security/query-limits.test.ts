/**
 * Issue 7 §2: query shapes. Each graphql-armor limit is probed at the limit (answered) and one past it
 * (QUERY_TOO_COMPLEX, no data); plus cyclic fragments, a fragment fan-out, batching, page size, body size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { QUERY_LIMITS } from '../../src/platform/graphql/query-limits.js';
import { MAX_DRAIN_BYTES } from '../../src/platform/http/read-body.js';
import { coordinatorOf, newAreaCode } from '../support/factories.js';
import { codes, startTestHub, type GqlResult, type TestHub } from '../support/test-hub.js';

let t: TestHub;
let coordinator: Actor;
beforeAll(async () => {
  t = await startTestHub();
  coordinator = coordinatorOf(newAreaCode());
});
afterAll(() => t?.close());

const ask = (query: string, variables?: Record<string, unknown>) => t.gql(coordinator, query, variables);

function expectAnswered(result: GqlResult) {
  expect(result.status, JSON.stringify(result.errors)).toBe(200);
  expect(result.errors).toBeUndefined();
  expect(result.data).not.toBeNull();
}

function expectTooComplex(result: GqlResult, pattern: RegExp) {
  expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(result.errors![0]!.message).toMatch(pattern);
  expect(result.data ?? null).toBeNull();
}

const repeat = (n: number, text: string) => Array.from({ length: n }, (_, i) => text.replaceAll('#', String(i))).join(' ');

describe('graphql-armor limits: at the limit answered, one past refused', () => {
  it(`aliases: ${QUERY_LIMITS.maxAliases} ok, ${QUERY_LIMITS.maxAliases + 1} refused`, async () => {
    const aliases = (n: number) => `{ ${repeat(n, 'a#: me { sub }')} }`;
    expectAnswered(await ask(aliases(QUERY_LIMITS.maxAliases)));
    expectTooComplex(await ask(aliases(QUERY_LIMITS.maxAliases + 1)), /aliases limit of 15 exceeded/i);
  });

  it(`depth: ${QUERY_LIMITS.maxDepth} ok, ${QUERY_LIMITS.maxDepth + 1} refused`, async () => {
    // __type (1) → ofType × k → name (leaf): depth k + 2.
    const deep = (depth: number) => {
      const k = depth - 2;
      return `{ __type(name: "Query") { ${'ofType { '.repeat(k)}name${' }'.repeat(k)} } }`;
    };
    expectAnswered(await ask(deep(QUERY_LIMITS.maxDepth)));
    expectTooComplex(await ask(deep(QUERY_LIMITS.maxDepth + 1)), /depth limit of 12 exceeded/i);
  });

  it('depth counts through fragments too', async () => {
    const k = QUERY_LIMITS.maxDepth - 1; // __type + k ofType + name = depth 13 through the fragment
    const query = `{ __type(name: "Query") { ...T } } fragment T on __Type { ${'ofType { '.repeat(k)}name${' }'.repeat(k)} }`;
    expectTooComplex(await ask(query), /depth limit/i);
  });

  it(`tokens: ${QUERY_LIMITS.maxTokens} ok, ${QUERY_LIMITS.maxTokens + 1} refused`, async () => {
    // Many small operations (graphql-js would itself abort thousands of duplicate fields in one
    // selection set): `query Qi { __typename }` is 5 tokens; one more __typename makes 5001.
    const ops = QUERY_LIMITS.maxTokens / 5;
    const document = (extra: number) =>
      Array.from({ length: ops }, (_, i) => `query Q${i} { __typename${i === ops - 1 ? ' __typename'.repeat(extra) : ''} }`).join('\n');
    const token = await t.token(coordinator);
    const send = async (query: string): Promise<GqlResult> => {
      const res = await t.post(JSON.stringify({ query, operationName: 'Q0' }), { authorization: `Bearer ${token}` });
      const json = (await res.json()) as { data?: unknown; errors?: GqlResult['errors'] };
      return { status: res.status, requestId: res.headers.get('x-request-id'), data: json.data ?? null, errors: json.errors };
    };
    expectAnswered(await send(document(0)));
    expectTooComplex(await send(document(1)), /token limit of 5000 exceeded/i);
  });

  it(`directives: ${QUERY_LIMITS.maxDirectives} ok, ${QUERY_LIMITS.maxDirectives + 1} refused`, async () => {
    const directives = (n: number) => `{ me { ${'sub @include(if: true) '.repeat(n)}} }`;
    expectAnswered(await ask(directives(QUERY_LIMITS.maxDirectives)));
    expectTooComplex(await ask(directives(QUERY_LIMITS.maxDirectives + 1)), /directives limit of 20 exceeded/i);
  });

  it(`cost: ${QUERY_LIMITS.maxCost} ok, ${QUERY_LIMITS.maxCost + 1} refused`, async () => {
    // children(first: 100) { __typename } costs (2 + 1.5 × 1) × 100 = 350; a root __typename costs 1.
    const page = 'children(first: 100) { __typename }';
    const cost = (n: number) => `{ ${repeat(Math.floor(n / 350), page)} ${'__typename '.repeat(n % 350)}}`;
    expect(QUERY_LIMITS.maxCost % 350).toBe(100); // 14 pages + 100 leaves = 5000
    expectAnswered(await ask(cost(QUERY_LIMITS.maxCost)));
    expectTooComplex(await ask(cost(QUERY_LIMITS.maxCost + 1)), /cost limit of 5000 exceeded/i);
  });
});

describe('fragments', () => {
  it('refuses cyclic fragments as BAD_USER_INPUT', async () => {
    const result = await ask(`{ me { ...A } } fragment A on Actor { sub ...B } fragment B on Actor { org ...A }`);
    expect(codes(result)).toContain('BAD_USER_INPUT');
    expect(result.errors!.some((e) => /cannot spread fragment/i.test(e.message))).toBe(true);
    expect(result.data ?? null).toBeNull();
  });

  /**
   * Statements the database saw for one request. A fan-out must be refused before execution: it costs
   * exactly what a plainly over-limit query costs (no resolver ran, nothing was read).
   */
  async function statementsFor(query: string): Promise<{ result: GqlResult; statements: number }> {
    const before = t.hub.database.statements.count;
    const result = await ask(query);
    return { result, statements: t.hub.database.statements.count - before };
  }
  const overLimit = () => statementsFor(`{ ${repeat(QUERY_LIMITS.maxAliases + 1, 'a#: me { sub }')} }`);

  it('refuses a fragment fan-out (10 levels × 3 spreads) before execution', async () => {
    const levels = 10;
    const fragments = [`fragment F0 on Actor { sub org role }`];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Actor { ...F${i - 1} ...F${i - 1} ...F${i - 1} }`);
    const query = `{ me { ...F${levels} } } ${fragments.join(' ')}`;
    const { result, statements } = await statementsFor(query);
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.data ?? null).toBeNull();
    expect(statements).toBe((await overLimit()).statements);
  });

  it('refuses a fan-out through list fields as well (4 spreads × 8 levels), before execution', async () => {
    const fragments = [`fragment G0 on Query { me { sub } }`];
    for (let i = 1; i <= 8; i++) fragments.push(`fragment G${i} on Query { ...G${i - 1} ...G${i - 1} ...G${i - 1} ...G${i - 1} }`);
    const { result, statements } = await statementsFor(`{ ...G8 } ${fragments.join(' ')}`);
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.data ?? null).toBeNull();
    expect(statements).toBe((await overLimit()).statements);
  });
});

describe('transport limits', () => {
  it('refuses batched HTTP requests (a JSON array body)', async () => {
    const token = await t.token(coordinator);
    const res = await t.post(JSON.stringify([{ query: '{ me { sub } }' }, { query: '{ me { org } }' }]), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(/batch/i);
    expect(text).not.toContain(coordinator.sub);
  });

  it('caps first at 100', async () => {
    const list = `query($first: Int) { children(first: $first) { edges { node { id } } } }`;
    expectAnswered(await ask(list, { first: 100 }));
    for (const first of [101, 100_000, -1]) {
      const result = await ask(list, { first });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message).toContain('first');
    }
    expect(codes(await ask(`{ children(first: 101) { edges { node { id } } } }`))).toContain('BAD_USER_INPUT');
  });

  it('answers a body just under 1 MB and refuses one over it with 413', async () => {
    const token = await t.token(coordinator);
    const headers = { authorization: `Bearer ${token}` };
    const envelope = (pad: number) => JSON.stringify({ query: '{ me { sub } }', variables: { pad: 'x'.repeat(pad) } });
    const overhead = envelope(0).length;
    const under = await t.post(envelope(1024 * 1024 - overhead), headers);
    expect(under.status).toBe(200);
    const over = await t.post(envelope(1024 * 1024 - overhead + 1), headers);
    expect(over.status).toBe(413);
    const chunked = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: new Blob([envelope(2 * 1024 * 1024)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413); // no content-length: refused while streaming
  });

  // Past 1 MB the hub keeps nothing but reads the request to its end (up to MAX_DRAIN_BYTES) before
  // answering, so the client is never cut off mid-send (that was EPIPE on Node 24, above) and reads the 413.
  it('an oversize body up to the drain bound is read to its end and answered 413', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await t.token(coordinator)}` };
    const text = 'x'.repeat(MAX_DRAIN_BYTES);
    for (const body of [text, new Blob([text]).stream()]) {
      const res = await fetch(t.url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('past the drain bound the hub stops reading: a 413 or a closed connection (RFC 9110 §15.5.14), and it keeps serving', async () => {
    const token = await t.token(coordinator);
    const outcome = await t
      .post('x'.repeat(MAX_DRAIN_BYTES + 1), { authorization: `Bearer ${token}` })
      .then((res) => res.status, (error: { cause?: { code?: string } }) => error.cause?.code);
    expect([413, 'EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain(outcome);
    expectAnswered(await ask('{ me { sub } }'));
  });
});
