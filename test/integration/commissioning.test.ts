/**
 * areaNeeds, areaTimeliness and areaProvision through GraphQL on a seeded area: who may ask, what bad
 * input gets, that the SQL counts what the contract says (checked against the rows themselves), that
 * one cell reached by different phrasings has one published value, and the published invariants.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKey, protectCount } from '../../policies/disclosure/index.js';
import { clockExceptions, personalBudgets, plans, provisions, sections, sectionVersions } from '../../schema/tables.js';
import { seedChildren } from '../../seeds/generate.js';
import { queryRows } from '../../src/platform/db/database.js';
import type { Actor } from '../../src/domain/actor.js';
import { commissionerOf, coordinatorOf, dpoOf, familyMember, newAreaCode, practitioner } from '../support/factories.js';
import { codes, type TestHub } from '../support/test-hub.js';
import {
  AREA_NEEDS, dimensionValue, insertPopulation, startIsolatedHub, type NeedTableResult, type PopulationChild,
} from './commissioning.support.js';

const WESTMINSTER = 'E09000033';
const BRISTOL = 'E06000023';
const AS_OF = '2025-06-01';

let t: TestHub;
let commissioner: Actor;
beforeAll(async () => {
  t = await startIsolatedHub();
  await seedChildren(t.hub.database.db, { children: 1200, areas: 2, disclosureKey: t.config.disclosureKey, today: AS_OF });
  commissioner = commissionerOf(WESTMINSTER);
}, 120_000);
afterAll(() => t?.close());

async function areaNeeds(actor: Actor, variables: Record<string, unknown>): Promise<NeedTableResult> {
  const result = await t.gql(actor, AREA_NEEDS, { area: WESTMINSTER, asOf: AS_OF, ...variables });
  expect(result.errors).toBeUndefined();
  return result.data.areaNeeds;
}

/** Every published number obeys the rules: null iff suppressed, never 1..7, 0 or a multiple of 5 ≥ 10. */
function expectProtected(n: { count: number | null; suppressed: boolean }) {
  if (n.suppressed) expect(n.count).toBeNull();
  else {
    expect(n.count).not.toBeNull();
    expect(n.count === 0 || (n.count! >= 10 && n.count! % 5 === 0)).toBe(true);
  }
}

type Row = PopulationChild & { recordKey: number };

/** The counted children of the seeded area, read directly (test only) to check the SQL against. */
async function countedRows(area: string): Promise<Row[]> {
  const rows = await queryRows<Record<string, any>>(t.hub.database.db, sql`
    select c.record_key, c.locality, c.date_of_birth::text as dob, n.type, p.status, pl.setting_type
    from children c
    join sections sb on sb.child_id = c.id and sb.code = 'B'
    join needs n on n.version_id = sb.current_version_id and n.rank = 1
    left join plans p on p.child_id = c.id
    left join sections si on si.child_id = c.id and si.code = 'I'
    left join placements pl on pl.version_id = si.current_version_id
    where c.area_code = ${area}`);
  return rows.map((r) => ({
    recordKey: Number(r.record_key), locality: r.locality, dateOfBirth: r.dob, need: r.type, status: r.status, setting: r.setting_type,
  }));
}

describe('who may ask', () => {
  const QUERY = { groupBy: ['PRIMARY_NEED'] };

  it('answers a commissioner of the area', async () => {
    const table = await areaNeeds(commissioner, QUERY);
    expect(table.areaCode).toBe(WESTMINSTER);
    expect(table.cells.length).toBeGreaterThan(3);
  });

  it('refuses a commissioner of another area, and other roles, with FORBIDDEN and no data', async () => {
    const others: Actor[] = [
      commissionerOf(BRISTOL),
      commissionerOf(newAreaCode()),
      coordinatorOf(WESTMINSTER),
      dpoOf(WESTMINSTER),
      practitioner('HEALTH'),
      familyMember(),
    ];
    for (const actor of others) {
      for (const [query, vars] of [
        [AREA_NEEDS, { area: WESTMINSTER, ...QUERY }],
        ['query($a: String!) { areaTimeliness(areaCode: $a, year: 2024) { percentage } }', { a: WESTMINSTER }],
        ['query($a: String!) { areaProvision(areaCode: $a) { areaCode } }', { a: WESTMINSTER }],
      ] as const) {
        const result = await t.gql(actor, query, vars);
        expect(codes(result)).toEqual(['FORBIDDEN']);
        expect(result.data).toBeNull();
      }
    }
  });

  it('keeps each area to its own commissioner: Bristol sees Bristol, not Westminster', async () => {
    const bristol = commissionerOf(BRISTOL);
    const own = await t.gql(bristol, AREA_NEEDS, { area: BRISTOL, ...QUERY, asOf: AS_OF });
    expect(own.errors).toBeUndefined();
    const west = await areaNeeds(commissioner, QUERY);
    const bristolRows = await countedRows(BRISTOL);
    expect(own.data.areaNeeds.total).toEqual(protectCount(bristolRows.length, cellKey(bristolRows.map((r) => r.recordKey))).count);
    expect(own.data.areaNeeds.areaCode).toBe(BRISTOL);
    expect(west.areaCode).toBe(WESTMINSTER);
  });

  it('answers unauthenticated callers 401', async () => {
    const res = await t.post(JSON.stringify({ query: AREA_NEEDS, variables: { area: WESTMINSTER, ...QUERY } }));
    expect(res.status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    ['no dimension', { groupBy: [] }],
    ['four dimensions', { groupBy: ['PRIMARY_NEED', 'AGE_BAND', 'LOCALITY', 'PLAN_STATUS'] }],
    ['a repeated dimension', { groupBy: ['LOCALITY', 'LOCALITY'] }],
    ['an empty filter list', { groupBy: ['LOCALITY'], filter: { locality: [] } }],
    ['an over-long locality', { groupBy: ['LOCALITY'], filter: { locality: ['x'.repeat(101)] } }],
    ['an unknown need', { groupBy: ['LOCALITY'], filter: { primaryNeed: ['NSA'] } }],
    ['an unknown dimension', { groupBy: ['POSTCODE'] }],
    ['a bad date', { groupBy: ['AGE_BAND'], asOf: '2025-02-30' }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, vars) => {
    const result = await t.gql(commissioner, AREA_NEEDS, { area: WESTMINSTER, ...vars });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data).toBeNull();
  });

  it('refuses an implausible timeliness year', async () => {
    const result = await t.gql(commissioner, 'query($a: String!) { areaTimeliness(areaCode: $a, year: 1999) { percentage } }', { a: WESTMINSTER });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('what areaNeeds counts', () => {
  it('matches the rows: every cell and the total are the protected true counts of exactly those children', async () => {
    const rows = await countedRows(WESTMINSTER);
    for (const groupBy of [['PRIMARY_NEED'], ['AGE_BAND', 'SETTING_TYPE'], ['LOCALITY', 'PLAN_STATUS', 'PRIMARY_NEED']]) {
      const table = await areaNeeds(commissioner, { groupBy });
      expect(table.disclosureControl.length).toBeGreaterThanOrEqual(5);
      expect({ count: table.total, suppressed: table.totalSuppressed }).toEqual(protectCount(rows.length, cellKey(rows.map((r) => r.recordKey))));
      const groups = new Map<string, Row[]>();
      for (const r of rows) {
        const key = JSON.stringify(groupBy.map((d) => dimensionValue(r, d, AS_OF)));
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      expect(new Set(table.cells.map((c) => JSON.stringify(c.key.map((k) => k.value))))).toEqual(new Set(groups.keys()));
      for (const cell of table.cells) {
        expect(cell.key.map((k) => k.dimension)).toEqual(groupBy);
        expectProtected(cell);
        const members = groups.get(JSON.stringify(cell.key.map((k) => k.value)))!;
        const expected = protectCount(members.length, cellKey(members.map((m) => m.recordKey)));
        // Either the plain protected count, or withheld by the small-group dominance rule.
        if (cell.suppressed && !expected.suppressed) expect(members.length).toBeLessThanOrEqual(10);
        else expect(cell).toMatchObject(expected);
      }
    }
  });

  it('counts children at every plan stage, with NONE for no placement, and only the current section B', async () => {
    const table = await areaNeeds(commissioner, { groupBy: ['PLAN_STATUS', 'SETTING_TYPE'] });
    const statuses = new Set(table.cells.map((c) => c.key[0]!.value));
    expect(statuses).toEqual(new Set(['ASSESSING', 'DRAFT', 'FINAL', 'CEASED']));
    expect(table.cells.some((c) => c.key[1]!.value === 'NONE')).toBe(true);
  });

  it('bands ages at asOf: the same children move up a band ten years later', async () => {
    const now = await areaNeeds(commissioner, { groupBy: ['AGE_BAND'] });
    const later = await areaNeeds(commissioner, { groupBy: ['AGE_BAND'], asOf: '2035-06-01' });
    expect(now.cells.map((c) => c.key[0]!.value)).toContain('UNDER_5');
    expect(later.cells.map((c) => c.key[0]!.value)).not.toContain('UNDER_5');
    expect(later.total).toBe(now.total);
  });
});

describe('one cell, one answer', () => {
  it('returns the same value for the same children whichever of three phrasings reaches them', async () => {
    const wide = await areaNeeds(commissioner, { groupBy: ['PRIMARY_NEED', 'LOCALITY'] });
    const largest = wide.cells.filter((c) => !c.suppressed).sort((a, b) => b.count! - a.count!)[0]!;
    const need = largest.key[0]!.value;
    const locality = largest.key[1]!.value;
    const swapped = await areaNeeds(commissioner, { groupBy: ['LOCALITY', 'PRIMARY_NEED'], filter: { primaryNeed: [need] } });
    const narrowed = await areaNeeds(commissioner, { groupBy: ['PRIMARY_NEED'], filter: { locality: [locality] } });
    const asTotal = await areaNeeds(commissioner, { groupBy: ['PLAN_STATUS'], filter: { locality: [locality], primaryNeed: [need] } });
    const again = await areaNeeds(commissioner, { groupBy: ['PRIMARY_NEED', 'LOCALITY'] });
    const find = (table: NeedTableResult, values: string[]) => table.cells.find((c) => JSON.stringify(c.key.map((k) => k.value)) === JSON.stringify(values));
    expect(largest.count).toBeGreaterThanOrEqual(10);
    expect(find(swapped, [locality, need])!.count).toBe(largest.count);
    expect(find(narrowed, [need])!.count).toBe(largest.count);
    expect(asTotal.total).toBe(largest.count);
    expect(find(again, [need, locality])!.count).toBe(largest.count);
  });

  it('gives the area total one value whatever the grouping', async () => {
    const totals = new Set<number | null>();
    for (const groupBy of [['PRIMARY_NEED'], ['AGE_BAND'], ['LOCALITY', 'SETTING_TYPE'], ['PLAN_STATUS', 'AGE_BAND', 'LOCALITY']]) {
      totals.add((await areaNeeds(commissioner, { groupBy })).total);
    }
    expect(totals.size).toBe(1);
  });
});

describe('small groups in a fresh area', () => {
  it('suppresses 1..7, shows true zeros by absence, and suppresses a small group that shares one trait', async () => {
    const area = newAreaCode();
    const child = (need: PopulationChild['need'], locality: string): PopulationChild => ({ need, locality, status: 'FINAL', setting: 'SPECIAL', dateOfBirth: '2015-03-01' });
    await insertPopulation(t.hub.database.db, area, [
      ...Array.from({ length: 3 }, () => child('ASD', 'North')),
      ...Array.from({ length: 30 }, () => child('SEMH', 'North')),
      ...Array.from({ length: 9 }, () => child('SLCN', 'South')), // all of South share SLCN: dominance
      ...Array.from({ length: 4 }, () => child(null, 'South')), // no section B: not counted
    ], t.config.disclosureKey);
    const result = await t.gql(commissionerOf(area), AREA_NEEDS, { area, groupBy: ['LOCALITY', 'PRIMARY_NEED'], asOf: AS_OF });
    expect(result.errors).toBeUndefined();
    const cells = Object.fromEntries((result.data.areaNeeds as NeedTableResult).cells.map((c) => [c.key.map((k) => k.value).join('/'), c]));
    expect(Object.keys(cells).sort()).toEqual(['North/ASD', 'North/SEMH', 'South/SLCN']);
    expect(cells['North/ASD']).toMatchObject({ count: null, suppressed: true });
    expect(cells['South/SLCN']).toMatchObject({ count: null, suppressed: true });
    expect(cells['North/SEMH']!.suppressed).toBe(false);
    expect(result.data.areaNeeds.totalSuppressed).toBe(false);
    expect(result.data.areaNeeds.total % 5).toBe(0);
  });

  it('gives each withheld cell its reason, one for both count rules so the reason leaks nothing', async () => {
    const area = newAreaCode();
    const child = (need: PopulationChild['need'], locality: string): PopulationChild => ({ need, locality, status: 'FINAL', setting: 'SPECIAL', dateOfBirth: '2015-03-01' });
    await insertPopulation(t.hub.database.db, area, [
      ...Array.from({ length: 3 }, () => child('ASD', 'North')), // 1..7
      ...Array.from({ length: 30 }, () => child('SEMH', 'North')),
      ...Array.from({ length: 9 }, () => child('SLCN', 'South')), // the whole of a small group
    ], t.config.disclosureKey);
    const result = await t.gql(commissionerOf(area), `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [LOCALITY, PRIMARY_NEED], asOf: "${AS_OF}") {
      cells { key { value } suppressed suppressedBecause } totalSuppressedBecause } }`, { a: area });
    const cells = Object.fromEntries(result.data.areaNeeds.cells.map((c: any) => [c.key.map((k: any) => k.value).join('/'), c.suppressedBecause]));
    expect(cells).toEqual({ 'North/ASD': 'SMALL_NUMBERS', 'South/SLCN': 'SMALL_NUMBERS', 'North/SEMH': null });
    expect(result.data.areaNeeds.totalSuppressedBecause).toBeNull();
  });
});

describe('areaTimeliness and areaProvision', () => {
  it('counts final plans issued in the year within 20 weeks, exceptions excluded, from protected counts', async () => {
    const area = newAreaCode();
    const base: PopulationChild = { need: 'ASD', locality: 'North', status: 'FINAL', setting: null, dateOfBirth: '2015-03-01' };
    const kids = await insertPopulation(t.hub.database.db, area, Array.from({ length: 60 }, () => base), t.config.disclosureKey);
    const db = t.hub.database.db;
    // 40 on time (issued after 19 weeks), 20 late (25 weeks); 10 of the late ones had a qualifying clock
    // exception (a closure of 28 days, 2024-03-01 to 2024-03-28, with evidence: reg 13(3)(a)); 5 more had a
    // 20-day closure, which is under the 4-week minimum and so still counts.
    for (const [i, k] of kids.entries()) {
      const onTime = i < 40;
      await db.update(plans).set({ requestReceivedOn: '2024-01-08', finalIssuedOn: onTime ? '2024-05-20' : '2024-07-01' }).where(sql`${plans.childId} = ${k.id}`);
      if (i >= 50) await db.insert(clockExceptions).values({ childId: k.id, reason: 'SETTING_CLOSED', fromOn: '2024-03-01', toOn: '2024-03-28', evidenceNote: 'School closure notice (synthetic)', recordedBySub: 'test' });
      else if (i >= 45) await db.insert(clockExceptions).values({ childId: k.id, reason: 'SETTING_CLOSED', fromOn: '2024-03-01', toOn: '2024-03-20', evidenceNote: 'Half-term (synthetic)', recordedBySub: 'test' });
    }
    const result = await t.gql(commissionerOf(area), `query($a: String!, $y: Int!) { areaTimeliness(areaCode: $a, year: $y) {
      areaCode year percentage disclosureControl issued { count suppressed } withinTwentyWeeks { count suppressed } } }`, { a: area, y: 2024 });
    expect(result.errors).toBeUndefined();
    const tl = result.data.areaTimeliness;
    const keysOf = (list: typeof kids) => cellKey(list.map((k) => k.recordKey));
    expect(tl.issued).toEqual(protectCount(50, keysOf(kids.slice(0, 50))));
    expect(tl.withinTwentyWeeks).toEqual(protectCount(40, keysOf(kids.slice(0, 40))));
    expect(tl.percentage).toBeCloseTo(Math.round((1000 * tl.withinTwentyWeeks.count) / tl.issued.count) / 10, 5);
    const other = await t.gql(commissionerOf(area), `query($a: String!) { areaTimeliness(areaCode: $a, year: 2023) { percentage issued { count suppressed } } }`, { a: area });
    expect(other.data.areaTimeliness).toEqual({ percentage: null, issued: { count: 0, suppressed: false } });
  });

  it('suppresses the percentage when either count is withheld', async () => {
    const area = newAreaCode();
    const kids = await insertPopulation(t.hub.database.db, area, Array.from({ length: 5 }, () => ({ need: 'ASD' as const, locality: 'North', status: 'FINAL' as const, setting: null, dateOfBirth: '2015-03-01' })), t.config.disclosureKey);
    for (const k of kids) await t.hub.database.db.update(plans).set({ finalIssuedOn: '2024-03-01' }).where(sql`${plans.childId} = ${k.id}`);
    const result = await t.gql(commissionerOf(area), `query($a: String!) { areaTimeliness(areaCode: $a, year: 2024) { percentage issued { count suppressed } withinTwentyWeeks { count suppressed } } }`, { a: area });
    expect(result.data.areaTimeliness).toEqual({ percentage: null, issued: { count: null, suppressed: true }, withinTwentyWeeks: { count: null, suppressed: true } });
  });

  it('counts provision per type and publishes budget sums only with 10+ contributors and no dominant one', async () => {
    const area = newAreaCode();
    const base: PopulationChild = { need: 'ASD', locality: 'North', status: 'FINAL', setting: 'MAINSTREAM', dateOfBirth: '2015-03-01' };
    const kids = await insertPopulation(t.hub.database.db, area, Array.from({ length: 40 }, () => base), t.config.disclosureKey);
    const db = t.hub.database.db;
    const version = async (childId: string, code: 'F' | 'J', version: number, current: boolean) => {
      const [v] = await db.insert(sectionVersions).values({ childId, code, version, authorOrg: 'LA1', authorSub: 'test' }).returning({ id: sectionVersions.id });
      if (current) {
        await db.insert(sections).values({ childId, code, currentVersionId: v!.id, version, agency: 'EDUCATION', authorOrg: 'LA1' })
          .onConflictDoUpdate({ target: [sections.childId, sections.code], set: { currentVersionId: v!.id, version } });
      }
      return v!.id;
    };
    for (const [i, k] of kids.entries()) {
      const old = await version(k.id, 'F', 1, true);
      await db.insert(provisions).values({ versionId: old, childId: k.id, code: 'F', provisionType: 'OCCUPATIONAL_THERAPY', description: 'superseded' });
      const f = await version(k.id, 'F', 2, true);
      await db.insert(provisions).values([
        { versionId: f, childId: k.id, code: 'F' as const, provisionType: 'SPEECH_AND_LANGUAGE_THERAPY' as const, description: 'weekly' },
        { versionId: f, childId: k.id, code: 'F' as const, provisionType: 'SPEECH_AND_LANGUAGE_THERAPY' as const, description: 'again: counted once' },
        ...(i < 3 ? [{ versionId: f, childId: k.id, code: 'F' as const, provisionType: 'TRANSPORT' as const, description: 'taxi' }] : []),
        ...(i < 12 ? [{ versionId: f, childId: k.id, code: 'F' as const, provisionType: 'PHYSIOTHERAPY' as const, description: 'past', endOn: '2020-01-01' }] : []),
      ]);
      if (i < 25) {
        const j = await version(k.id, 'J', 1, true);
        // 20 notional budgets of £1,000; 5 direct payments, one of them dominant.
        await db.insert(personalBudgets).values(i < 20
          ? { versionId: j, childId: k.id, form: 'NOTIONAL', educationPence: 60_000, healthPence: 40_000 }
          : { versionId: j, childId: k.id, form: 'DIRECT_PAYMENT', socialCarePence: i === 20 ? 5_000_000 : 10_000 });
      }
    }
    const result = await t.gql(commissionerOf(area), `query($a: String!) { areaProvision(areaCode: $a, asOf: "2025-06-01") { areaCode disclosureControl
      provision { provisionType children suppressed }
      personalBudgets { form children childrenSuppressed annualPence annualSuppressed } } }`, { a: area });
    expect(result.errors).toBeUndefined();
    const p = result.data.areaProvision;
    const byType = Object.fromEntries(p.provision.map((x: any) => [x.provisionType, x]));
    expect(Object.keys(byType).sort()).toEqual(['SPEECH_AND_LANGUAGE_THERAPY', 'TRANSPORT']);
    expect(byType.SPEECH_AND_LANGUAGE_THERAPY).toEqual({ provisionType: 'SPEECH_AND_LANGUAGE_THERAPY', ...toChildren(protectCount(40, cellKey(kids.map((k) => k.recordKey)))) });
    expect(byType.TRANSPORT).toMatchObject({ children: null, suppressed: true });
    const byForm = Object.fromEntries(p.personalBudgets.map((x: any) => [x.form, x]));
    expect(byForm.NOTIONAL).toMatchObject({ annualPence: 2_000_000, annualSuppressed: false, childrenSuppressed: false });
    expect(byForm.DIRECT_PAYMENT).toMatchObject({ children: null, childrenSuppressed: true, annualPence: null, annualSuppressed: true });
    expect(p.disclosureControl.join(' ')).toMatch(/dominance/);
  });
});

function toChildren(c: { count: number | null; suppressed: boolean }) {
  return { children: c.count, suppressed: c.suppressed };
}
