/**
 * Issue 7 §4: property-based fuzzing of every mutation's input (fast-check). Arbitrary strings (huge,
 * unicode, control characters, SQL), wrong JSON types through variables, out-of-range integers and bad
 * dates, sent by actors of every kind. Whatever comes in: never a 5xx or INTERNAL_SERVER_ERROR, and a
 * refused request leaves the database exactly as it was (counted for this test's own child and area).
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { queryRows } from '../../src/platform/db/database.js';
import {
  AGENCIES, DATA_CATEGORIES, FAMILY_RELATIONSHIPS, NEED_TYPES, SECTION_CODES,
} from '../../src/domain/vocabulary.js';
import { PLAN_EVENT_TYPES } from '../../src/domain/plan-transitions.js';
import { childScenario, dpoOf, newAreaCode, practitioner } from '../support/factories.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const RUNS = 40;
/** resolvers/plan/plan.types.ts PHASE_TRANSFERS (not imported: that module needs reflect-metadata first). */
const PHASE_TRANSFERS = ['TO_SECONDARY', 'TO_POST_16', 'OTHER'] as const;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

// ---- arbitraries -------------------------------------------------------------------------------
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'a\u0000b', '\uFEFF', '\u202Egnp.exe', '💥'.repeat(40), 'Ω≈ç√∫', '\uD800', "'; drop table children; --",
  '<script>alert(1)</script>', '../../etc/passwd', '%s%n', '${7*7}', 'null', 'NaN', '-1', '1e309', 'E06000001', 'E06 000001',
  'DROP', '\n\r\t', 'ǅ', 'ﬁ', 'ẞ', 'x'.repeat(10_000),
);
const str = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.nat(300_000).map((n) => 'é'.repeat(n)) },
);
/** Anything JSON can carry: the wrong type for a String!, an Int, an enum, an input object. */
const wrongType = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const maybeWrong = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: wrongType });
const validDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const date = fc.oneof(
  { weight: 3, arbitrary: validDate },
  { weight: 2, arbitrary: fc.constantFrom('2015-02-30', '2015-13-01', '0000-01-01', '9999-12-31', '+275760-09-13', '2015-1-1', '2015/01/01', '20150101', '2015-01-01T00:00:00Z', '1899-12-31', '2100-01-01') },
  { weight: 1, arbitrary: str },
);
const dateTime = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2015-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '2020-01-01T25:00:00Z', 'yesterday', '1970-01-01T00:00:00+99:00'),
  str,
);
const int = fc.oneof(
  fc.integer({ min: -5, max: 20 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e20, 1.5, -0.5),
);
const enumOf = (values: readonly string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom('POLICE', 'a', '', 'DPO', 'education') });
const list = <T>(item: fc.Arbitrary<T>, maxLength = 6) => fc.oneof({ weight: 8, arbitrary: fc.array(item, { maxLength }) }, { weight: 1, arbitrary: fc.array(item, { minLength: 200, maxLength: 400 }) });

// ---- the harness ------------------------------------------------------------------------------
type Scenario = Awaited<ReturnType<typeof childScenario>> & { outsider: Actor };

async function scenario(): Promise<Scenario> {
  const s = await childScenario(t);
  return { ...s, outsider: practitioner('HEALTH') };
}

async function counts(s: Scenario): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, string | number>>(t.hub.database.db, sql`
    select
      (select count(*) from children where area_code = ${s.areaCode}) as children,
      (select count(*) from care_team_members where child_id = ${s.childId}) as care_team,
      (select count(*) from family_links where child_id = ${s.childId}) as family,
      (select count(*) from plans where child_id = ${s.childId}) as plans,
      (select count(*) from sections where child_id = ${s.childId}) as sections,
      (select count(*) from section_versions where child_id = ${s.childId}) as section_versions,
      (select count(*) from needs where child_id = ${s.childId}) as needs,
      (select count(*) from provisions where child_id = ${s.childId}) as provisions,
      (select count(*) from consents where child_id = ${s.childId}) as consents,
      (select count(*) from break_glass_grants where child_id = ${s.childId}) as break_glass,
      (select count(*) from local_offer_services where area_code = ${s.areaCode}) as local_offer`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

interface Outcome {
  status: number;
  errors: { message: string; extensions?: { code?: string } }[];
  data: unknown;
}

async function send(actor: Actor, query: string, variables: unknown): Promise<Outcome> {
  const token = await t.token(actor);
  const res = await t.post(JSON.stringify({ query, variables }), { authorization: `Bearer ${token}` });
  const text = await res.text();
  let json: { data?: unknown; errors?: Outcome['errors'] };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON answer ${res.status}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, errors: json.errors ?? [], data: json.data ?? null };
}

/**
 * One property: for arbitrary (actor, variables), the answer is never a server error, and when it is a
 * refusal (any error) the counted rows are unchanged.
 */
async function fuzz(query: string, variables: (s: Scenario) => fc.Arbitrary<unknown>, actors: (s: Scenario) => Actor[]) {
  const s = await scenario();
  let accepted = 0;
  let refused = 0;
  const tally = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actors(s)), variables(s), async (actor, vars) => {
      const before = await counts(s);
      const outcome = await send(actor, query, vars);
      expect(outcome.status, JSON.stringify(outcome.errors)).toBeLessThan(500);
      expect(outcome.errors.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      for (const e of outcome.errors) expect(e.extensions?.code, e.message).toBeTruthy();
      if (process.env.FUZZ_STATS) tally.set(outcome.errors[0]?.extensions?.code ?? 'OK', (tally.get(outcome.errors[0]?.extensions?.code ?? 'OK') ?? 0) + 1);
      if (outcome.errors.length > 0) {
        refused += 1;
        expect(outcome.data === null || Object.values(outcome.data as object).every((v) => v === null)).toBe(true);
        expect(await counts(s)).toEqual(before);
      } else {
        accepted += 1;
      }
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  if (process.env.FUZZ_STATS) process.stderr.write(`FUZZ ${query.slice(0, 40)} ${JSON.stringify(Object.fromEntries(tally))}\n`);
  expect(refused).toBeGreaterThan(0);
  return { accepted, refused };
}

const childIdOf = (s: Scenario) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(s.childId) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: str }, { weight: 1, arbitrary: wrongType });

// ---- one property per mutation ------------------------------------------------------------------
/**
 * A valid input with, three times in four, one field replaced by a hostile value, so requests get past
 * GraphQL coercion into the service's own checks (and, when accepted, into the database).
 */
function corrupt<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>, hostile: Record<string, fc.Arbitrary<unknown>>) {
  const keys = Object.keys(hostile);
  return fc.tuple(valid, fc.nat(keys.length * 4 - 1), fc.tuple(...keys.map((k) => hostile[k]!))).map(([base, pick, bad]) => {
    if (pick >= keys.length * 3) return base;
    const i = pick % keys.length;
    return { ...base, [keys[i]!]: bad[i] };
  });
}

const name = fc.oneof(fc.constantFrom('Ada', 'Zoë', 'O\'Brien', 'Nguyễn', '李', 'Anne-Marie'), fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }));
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }));
const hostileString = fc.oneof(str, wrongType);
const sectionKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,20}$/);

describe('fuzzed mutations: never a server error, never a partial write', () => {
  it('registerChild', async () => {
    await fuzz(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id givenName nhsNumber } }`,
      (s) => fc.record({
        input: corrupt(
          fc.record({
            givenName: name, familyName: name, areaCode: fc.constant(s.areaCode),
            dateOfBirth: fc.date({ min: new Date('2004-01-01'), max: new Date('2023-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            nhsNumber: fc.constantFrom(null, '9449305552', '9434765919'), upn: fc.constantFrom(null, 'B801200005001'),
            postcode: fc.constantFrom(null, 'SW1A 1AA', 'sw1a1aa'), locality: fc.option(text),
          }),
          {
            givenName: hostileString, familyName: hostileString, dateOfBirth: fc.oneof(date, wrongType), areaCode: fc.oneof(str, fc.constant(newAreaCode())),
            nhsNumber: fc.oneof(fc.stringMatching(/^\d{10}$/), str), upn: str, postcode: str, locality: hostileString,
          },
        ),
      }),
      (s) => [s.coordinator, s.coordinator, s.coordinator, s.health, s.parent],
    );
  });

  it('contributeSection', async () => {
    const entry = fc.record({ key: sectionKey, value: text });
    const hostileEntry = fc.record({ key: fc.oneof(sectionKey, str), value: fc.oneof(text, str), category: fc.option(enumOf(DATA_CATEGORIES)) }, { requiredKeys: ['key', 'value'] });
    const need = fc.record({ type: enumOf(NEED_TYPES), rank: int });
    const provision = fc.record({
      provisionType: fc.oneof(fc.constantFrom('SPEECH_AND_LANGUAGE_THERAPY', 'TEACHING_ASSISTANT_SUPPORT'), str), description: fc.oneof(text, str),
      quantity: fc.option(int), annualCostPence: fc.option(int), startOn: fc.option(date), endOn: fc.option(date),
    });
    await fuzz(
      `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { code version entries { key value } } }`,
      (s) => fc.record({
        input: corrupt(
          fc.record({
            childId: fc.constant(s.childId), code: fc.constantFrom('C', 'G'),
            entries: fc.uniqueArray(entry, { minLength: 1, maxLength: 4, selector: (e) => e.key }),
          }),
          {
            childId: childIdOf(s), code: enumOf(SECTION_CODES), expectedVersion: int,
            entries: fc.oneof(list(hostileEntry), wrongType), needs: list(need), provisions: list(provision, 3),
          },
        ),
      }),
      (s) => [s.health, s.health, s.health, s.social, s.coordinator, s.outsider, s.parent],
    );
  });

  it('grantConsent', async () => {
    await fuzz(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id categories validUntil } }`,
      (s) => fc.record({
        input: corrupt(
          fc.record({
            childId: fc.constant(s.childId), categories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES), { minLength: 1, maxLength: 3 }),
            granteeAgency: fc.constantFrom('HEALTH', 'SOCIAL_CARE', 'EDUCATION'),
          }),
          {
            childId: childIdOf(s), categories: fc.oneof(list(enumOf(DATA_CATEGORIES)), wrongType), granteeAgency: enumOf(AGENCIES),
            granteeOrg: hostileString, validUntil: dateTime, evidenceNote: hostileString,
          },
        ),
      }),
      (s) => [s.parent, s.parent, s.parent, s.coordinator, s.health],
    );
  });

  it('upsertLocalOfferService', async () => {
    await fuzz(
      `mutation($input: LocalOfferServiceInput!) { upsertLocalOfferService(input: $input) { id name needTypes } }`,
      (s) => fc.record({
        input: corrupt(
          fc.record({
            areaCode: fc.constant(s.areaCode), name: text, description: text, organizationName: name,
            needTypes: fc.uniqueArray(fc.constantFrom(...NEED_TYPES), { minLength: 1, maxLength: 4 }),
            minimumAge: fc.option(fc.integer({ min: 0, max: 10 })), maximumAge: fc.option(fc.integer({ min: 11, max: 25 })),
            locality: fc.option(fc.stringMatching(/^[A-Z0-9]{1,20}$/)), capacity: fc.option(fc.nat(500)),
          }),
          {
            id: fc.oneof(fc.uuid(), str, wrongType), areaCode: fc.oneof(str, fc.constant(newAreaCode())), name: hostileString, description: hostileString,
            organizationName: hostileString, needTypes: fc.oneof(list(enumOf(NEED_TYPES)), wrongType), minimumAge: int, maximumAge: int,
            locality: hostileString, capacity: int,
          },
        ),
      }),
      (s) => [s.coordinator, s.coordinator, s.coordinator, s.health, s.parent],
    );
  });

  it('requestAssessment', async () => {
    await fuzz(
      `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status requestReceivedOn decisionDue } }`,
      (s) => corrupt(fc.record({ c: fc.constant(s.childId), d: validDate }), { c: childIdOf(s), d: fc.oneof(date, wrongType) }),
      (s) => [s.coordinator, s.coordinator, s.health],
    );
  });

  it('advancePlan', async () => {
    const s0 = await scenario();
    await send(s0.coordinator, `mutation($c: ID!) { requestAssessment(childId: $c, receivedOn: "2024-01-10") { status } }`, { c: s0.childId });
    await fuzz(
      `mutation($c: ID!, $e: PlanEvent!, $on: Date!, $p: PhaseTransfer, $y: Int) { advancePlan(childId: $c, event: $e, on: $on, phaseTransfer: $p, phaseTransferYear: $y) { status } }`,
      (s) => corrupt(
        fc.record({ c: fc.constant(s0.childId), e: fc.constantFrom(...PLAN_EVENT_TYPES), on: validDate }),
        { c: childIdOf(s), e: enumOf(PLAN_EVENT_TYPES), on: fc.oneof(date, wrongType), p: enumOf(PHASE_TRANSFERS), y: int },
      ),
      (s) => [s0.coordinator, s0.coordinator, s0.coordinator, s.coordinator, s.health],
    );
  });

  it('addCareTeamMember', async () => {
    await fuzz(
      `mutation($c: ID!, $o: String!, $a: Agency!) { addCareTeamMember(childId: $c, org: $o, agency: $a) { id } }`,
      (s) => corrupt(
        fc.record({ c: fc.constant(s.childId), o: fc.stringMatching(/^[A-Z0-9]{3,8}$/), a: fc.constantFrom(...AGENCIES) }),
        { c: childIdOf(s), o: hostileString, a: fc.oneof(enumOf(AGENCIES), wrongType) },
      ),
      (s) => [s.coordinator, s.coordinator, s.coordinator, s.health, s.parent],
    );
  });

  it('linkFamilyMember', async () => {
    await fuzz(
      `mutation($c: ID!, $s: String!, $r: FamilyRelationship!) { linkFamilyMember(childId: $c, subject: $s, relationship: $r) { id } }`,
      (s) => corrupt(
        fc.record({ c: fc.constant(s.childId), s: fc.uuid().map((u) => `family:${u}`), r: fc.constantFrom(...FAMILY_RELATIONSHIPS) }),
        { c: childIdOf(s), s: hostileString, r: fc.oneof(enumOf(FAMILY_RELATIONSHIPS), wrongType) },
      ),
      (s) => [s.coordinator, s.coordinator, s.coordinator, s.parent, s.social],
    );
  });

  it('breakGlass', async () => {
    await fuzz(
      `mutation($c: ID!, $r: String!) { breakGlass(childId: $c, reason: $r) { id expiresAt } }`,
      (s) => corrupt(
        fc.record({ c: fc.constant(s.childId), r: fc.constantFrom('Child admitted to A&E unconscious; allergy history needed', 'Safeguarding strategy meeting called at short notice') }),
        { c: childIdOf(s), r: hostileString },
      ),
      (s) => [s.outsider, s.outsider, s.outsider, s.health, s.coordinator],
    );
  });
});

describe('characters PostgreSQL cannot store', () => {
  it('refuses a NUL byte in any text field as bad input, writing nothing', async () => {
    const s = await scenario();
    const cases: [Actor, string, Record<string, unknown>][] = [
      [s.coordinator, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
        { input: { givenName: 'A\u0000da', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: s.areaCode } }],
      [s.coordinator, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
        { input: { givenName: 'Ada', familyName: 'B', dateOfBirth: '2015-01-01', areaCode: s.areaCode, locality: 'North\u0000' } }],
      [s.health, `mutation($input: ContributeSectionInput!) { contributeSection(input: $input) { version } }`,
        { input: { childId: s.childId, code: 'C', entries: [{ key: 'summary', value: 'x\u0000y' }] } }],
      [s.parent, `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
        { input: { childId: s.childId, categories: ['HEALTH'], granteeOrg: 'R\u0000QM' } }],
      [s.coordinator, `mutation($c: ID!, $o: String!) { addCareTeamMember(childId: $c, org: $o, agency: HEALTH) { id } }`, { c: s.childId, o: 'RQ\u0000M' }],
      [s.coordinator, `mutation($c: ID!, $s: String!) { linkFamilyMember(childId: $c, subject: $s, relationship: PARENT) { id } }`, { c: s.childId, s: 'family:\u0000' }],
      [s.outsider, `mutation($c: ID!, $r: String!) { breakGlass(childId: $c, reason: $r) { id } }`, { c: s.childId, r: 'Emergency admission, allergy history\u0000 needed' }],
      // A GraphQL string literal escape, decoded by the parser, and a read's filter.
      [s.coordinator, `mutation { registerChild(input: { givenName: "A\\u0000da", familyName: "B", dateOfBirth: "2015-01-01", areaCode: "${s.areaCode}" }) { id } }`, {}],
      [s.coordinator, `mutation { registerChild(input: { givenName: "A\\u{0}da", familyName: "B", dateOfBirth: "2015-01-01", areaCode: "${s.areaCode}" }) { id } }`, {}],
      [dpoOf(s.areaCode), `query($s: String) { accessLog(filter: { actorSub: $s }, first: 5) { edges { node { id } } } }`, { s: 'x\u0000' }],
    ];
    for (const [actor, query, variables] of cases) {
      const before = await counts(s);
      const outcome = await send(actor, query, variables);
      expect(outcome.status, JSON.stringify(outcome.errors)).toBeLessThan(500);
      expect(outcome.errors.map((e) => e.extensions?.code), `${query} ${JSON.stringify(outcome.errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
      expect(outcome.errors.length, query).toBeGreaterThan(0);
      expect(await counts(s)).toEqual(before);
    }
  });
});
