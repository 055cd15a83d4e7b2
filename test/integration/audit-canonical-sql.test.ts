/**
 * The audit writer builds each event's canonical JSON in SQL (migration 0014, `audit_append_request`,
 * strings by `to_json`) and the verifier in Node (`canonicalEvent`, JSON.stringify): the two must write
 * every string alike, or an event with an unusual actor, request id or operation name would fail
 * verification. Also the driver round trip of the parallel arrays the hub sends (null elements, quotes,
 * braces, commas) and the BULK flag the function adds. A database of its own (the whole of it is verified).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder, type AccessNote } from '../../src/audit/access-recorder.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import type { Actor } from '../../src/domain/actor.js';
import { queryRows, type Db } from '../../src/platform/db/database.js';
import { fixedStatement, runFixed } from '../../src/platform/db/fixed-statement.js';
import { startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';

let iso: IsolatedHub;
beforeAll(async () => {
  iso = await startIsolatedHub();
});
afterAll(() => iso?.close());
const db = () => iso.t.hub.database.db;

/** Every character JSON.stringify escapes, and those it leaves alone that an escaper might not. NUL is left out: PostgreSQL text cannot hold it. */
const AWKWARD = [
  '', '"', '\\', '\\"', '\\u0041', '/', '</script>', "it's", ' spaced ', 'a,b', '{x}', '{"a":1}', 'NULL', 'null',
  ...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)),
  '\u007f', '\u0080', '\u00ad', '\u2028', '\u2029', '\ufeff', '\uffff', 'Zoë', '☃', '😀', '👩‍👧', '𝄞',
];

/**
 * The stored bytes are compared rather than the text read back: PGlite's reader drops a leading U+FEFF
 * from a text value (its TextDecoder takes it for a byte order mark), though the value holds it.
 */
const TO_JSON = fixedStatement<{ j: string; utf8: string }>(
  "select to_json(x)::text as j, encode(convert_to(x, 'UTF8'), 'hex') as utf8 from unnest($1::text[]) with ordinality as u(x, i) order by i",
);

async function expectLikeJsonStringify(strings: string[]) {
  const rows = await runFixed(db(), TO_JSON, [strings]);
  expect(rows.map((r) => r.utf8)).toEqual(strings.map((s) => Buffer.from(s, 'utf8').toString('hex')));
  expect(rows.map((r) => r.j)).toEqual(strings.map((s) => JSON.stringify(s)));
}

describe('to_json(text) writes strings exactly as JSON.stringify', () => {
  it('for quotes, backslashes, every control character, separators, non-BMP characters and the rest', async () => {
    await expectLikeJsonStringify([...AWKWARD, AWKWARD.join('')]);
  });

  it('for any string without NUL (property)', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), (strings) => expectLikeJsonStringify(strings)), { numRuns: 60 });
  });
});

describe('the parameters audit_append_request takes', () => {
  it('null elements of text[] and uuid[] come back null, the strings "null" and "NULL" as strings', async () => {
    const id = randomUUID();
    const texts = fixedStatement<{ x: string | null; missing: boolean }>('select x, x is null as missing from unnest($1::text[]) with ordinality as u(x, i) order by i');
    expect(await runFixed(db(), texts, [[null, 'null', 'NULL', '', null, 'a"b']])).toEqual([
      { x: null, missing: true }, { x: 'null', missing: false }, { x: 'NULL', missing: false }, { x: '', missing: false }, { x: null, missing: true }, { x: 'a"b', missing: false },
    ]);
    const uuids = fixedStatement<{ x: string | null }>('select x::text as x from unnest($1::uuid[]) with ordinality as u(x, i) order by i');
    expect(await runFixed(db(), uuids, [[null, id, null]])).toEqual([{ x: null }, { x: id }, { x: null }]);
  });

  it('arrays of different lengths are refused', async () => {
    const call = fixedStatement(
      "select audit_append_request('r', 's', 'o', 'PRACTITIONER', null, 50, $1::text[], $2::uuid[], $1::text[], $3::text[], $3::text[], $3::text[], $3::text[], $3::text[])",
    );
    const refused = await db().transaction((tx) => runFixed(tx as unknown as Db, call, [['E06000001', 'E06000001'], [null, null], ['READ']])).then(() => null, (e: Error) => e);
    expect(String(refused?.message)).toMatch(/differ in length/);
  });

  it('a code holding a comma is refused before anything is sent', async () => {
    const recorder = new AccessRecorder(actor('practitioner:comma'), randomUUID(), 'Comma');
    recorder.note({ childId: null, areaCode: null, action: 'WRITE', basis: 'STATUTORY', flags: ['A,B'] });
    await expect(db().transaction((tx) => recorder.flush(tx as unknown as Db))).rejects.toThrow(/comma/);
  });
});

const actor = (sub: string): Actor => ({ sub, org: 'RX1', agency: null, role: 'PRACTITIONER', areas: ['E06000921'] });

interface StoredRow {
  actor_sub: string;
  request_id: string;
  operation_name: string | null;
  child_id: string | null;
  area_code: string | null;
  chain: string;
  action: string;
  flags: string[];
  categories: string[];
}
const stored = (requestId: string) =>
  queryRows<StoredRow>(db(), sql`select actor_sub, request_id, operation_name, child_id, area_code, chain, action, flags, categories
                                   from audit_events where request_id = ${requestId} order by chain, chain_seq`);

async function append(who: Actor, requestId: string, operationName: string | null, notes: AccessNote[], threshold?: number) {
  const recorder = new AccessRecorder(who, requestId, operationName, threshold);
  for (const n of notes) recorder.note(n);
  return db().transaction((tx) => recorder.flush(tx as unknown as Db));
}

describe('events appended by audit_append_request verify', () => {
  it('with an actor, request id and operation name made of awkward characters, and events with no child or no area', async () => {
    const awkward = AWKWARD.join('');
    const requestId = `${randomUUID()}${awkward}`;
    const child = randomUUID();
    const notes: AccessNote[] = [
      { childId: child, areaCode: 'E06000921', action: 'READ', basis: 'CONSENT', categories: ['IDENTITY', 'HEALTH'], sections: ['C', 'B'] },
      { childId: null, areaCode: null, action: 'WRITE', basis: 'STATUTORY', flags: ['TERM_DATES'] },
      { childId: null, areaCode: '', action: 'WRITE', basis: 'OWNER' },
    ];
    expect(await append(actor(`family:${awkward}`), requestId, `"at":"@","chainSeq":0,"seq":0}${awkward}`, notes)).toBe(3);
    const rows = await stored(requestId);
    expect(rows).toEqual([
      { actor_sub: `family:${awkward}`, request_id: requestId, operation_name: `"at":"@","chainSeq":0,"seq":0}${awkward}`, child_id: child, area_code: 'E06000921',
        chain: 'E06000921', action: 'READ', flags: [], categories: ['HEALTH', 'IDENTITY'] },
      { actor_sub: `family:${awkward}`, request_id: requestId, operation_name: expect.any(String), child_id: null, area_code: null,
        chain: 'national', action: 'WRITE', flags: ['TERM_DATES'], categories: [] },
      { actor_sub: `family:${awkward}`, request_id: requestId, operation_name: expect.any(String), child_id: null, area_code: '',
        chain: 'national', action: 'WRITE', flags: [], categories: [] },
    ]);
    const none = randomUUID();
    await append(actor(awkward), none, null, [{ childId: null, areaCode: 'E06000921', action: 'WRITE', basis: 'STATUTORY' }]);
    expect((await stored(none))[0]).toMatchObject({ operation_name: null });
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true, firstBrokenAt: null });
  });

  it("over the threshold every READ event gets BULK once, at its place in the sorted flags; other actions don't", async () => {
    const requestId = randomUUID();
    const [c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID()];
    await append(actor('practitioner:bulk'), requestId, 'Bulk', [
      { childId: c1, areaCode: 'E06000921', action: 'READ', basis: 'BREAK_GLASS', flags: ['AGGREGATE:x', 'ZONE'] },
      { childId: c2, areaCode: 'E06000921', action: 'READ', basis: 'CONSENT', flags: ['BULK'] },
      { childId: c3, areaCode: 'E06000921', action: 'READ', basis: 'OWNER' },
      { childId: c1, areaCode: 'E06000921', action: 'WRITE', basis: 'OWNER', flags: ['ZONE'] },
    ], 2);
    expect((await stored(requestId)).map((r) => [r.action, r.flags])).toEqual([
      ['READ', ['AGGREGATE:x', 'BREAK_GLASS', 'BULK', 'ZONE']],
      ['READ', ['BULK']],
      ['READ', ['BULK']],
      ['WRITE', ['ZONE']],
    ]);
    // Another actor reading as many stays under: the count is per actor.
    const other = randomUUID();
    await append(actor('practitioner:few'), other, 'Few', [{ childId: c1, areaCode: 'E06000921', action: 'READ', basis: 'OWNER' }], 2);
    expect((await stored(other)).map((r) => r.flags)).toEqual([[]]);
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true, firstBrokenAt: null });
  });
});
