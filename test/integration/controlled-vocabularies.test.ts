/**
 * Aggregate keys come from controlled vocabularies, never free text written about a child: a child's
 * locality must be a code of its area's register (by code or by name), and provision types come from a
 * fixed list with an OTHER bucket.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children } from '../../schema/tables.js';
import { coordinatorOf, newAreaCode } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const REGISTER_LOCALITIES = `mutation($a: String!, $l: [LocalityInput!]!) { registerLocalities(areaCode: $a, localities: $l) { code name } }`;
const REGISTER = `mutation($i: RegisterChildInput!) { registerChild(input: $i) { id locality } }`;
const child = (areaCode: string, locality: string) => ({ i: { givenName: 'Ann', familyName: 'Example', dateOfBirth: '2016-01-01', areaCode, locality } });

async function countIn(areaCode: string): Promise<number> {
  const [row] = await t.hub.database.db.select({ n: sql<number>`count(*)::int` }).from(children).where(eq(children.areaCode, areaCode));
  return Number(row!.n);
}

describe('localities', () => {
  it('are codes of the area register; a locality given by name is stored as its code', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const registered = await t.gql(coordinator, REGISTER_LOCALITIES, { a: area, l: [{ code: 'E05000123', name: 'Riverside' }, { code: 'E02000456', name: 'Hill Top' }] });
    expect(registered.data.registerLocalities).toEqual([{ code: 'E02000456', name: 'Hill Top' }, { code: 'E05000123', name: 'Riverside' }]);
    expect((await t.gql(coordinator, REGISTER, child(area, 'E05000123'))).data.registerChild.locality).toBe('E05000123');
    expect((await t.gql(coordinator, REGISTER, child(area, 'hill top'))).data.registerChild.locality).toBe('E02000456');
  });

  it('refuse free text, writing nothing', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    await t.gql(coordinator, REGISTER_LOCALITIES, { a: area, l: [{ code: 'E05000123', name: 'Riverside' }] });
    const result = await t.gql(coordinator, REGISTER, child(area, 'Home of Jane Doe, 12 Acacia Avenue'));
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions?.field).toBe('locality');
    expect(await countIn(area)).toBe(0);
  });

  it('are kept by the area coordinator only, with well-formed ONS codes', async () => {
    const area = newAreaCode();
    expect(codes(await t.gql(coordinatorOf(newAreaCode()), REGISTER_LOCALITIES, { a: area, l: [{ code: 'E05000123', name: 'Riverside' }] }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(coordinatorOf(area), REGISTER_LOCALITIES, { a: area, l: [{ code: 'Jane Doe', name: 'Riverside' }] }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('provision types', () => {
  it('are an enumerated list: free text is refused before anything runs', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const id = (await t.gql(coordinator, REGISTER, { i: { givenName: 'A', familyName: 'B', dateOfBirth: '2016-01-01', areaCode: area } })).data.registerChild.id;
    const result = await t.gql(coordinator, `mutation($c: ID!) { contributeSection(input: { childId: $c, code: F, entries: [{ key: "k", value: "v" }],
      provisions: [{ provisionType: "Jane Doe's taxi", description: "to school" }] }) { version } }`, { c: id });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    const ok = await t.gql(coordinator, `mutation($c: ID!) { contributeSection(input: { childId: $c, code: F, entries: [{ key: "k", value: "v" }],
      provisions: [{ provisionType: TRANSPORT, description: "to school" }] }) { provisions { provisionType } } }`, { c: id });
    expect(ok.data.contributeSection.provisions).toEqual([{ provisionType: 'TRANSPORT' }]);
  });
});
