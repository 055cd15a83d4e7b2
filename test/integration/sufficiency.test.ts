/**
 * Need against supply (issue 13 item 4): areaSufficiency sets the protected need of each cell beside the
 * local offer's services and places for the same need type and locality; the need is protected first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissionerOf, coordinatorOf, newAreaCode } from '../support/factories.js';
import { codes, type TestHub } from '../support/test-hub.js';
import { insertPopulation, startIsolatedHub, type PopulationChild } from './commissioning.support.js';

let t: TestHub;
beforeAll(async () => {
  t = await startIsolatedHub();
});
afterAll(() => t?.close());

const NORTH = 'E05000101';
const SOUTH = 'E05000102';
const SUFFICIENCY = `query($a: String!, $g: [NeedDimension!]!) { areaSufficiency(areaCode: $a, groupBy: $g) {
  cells { key { dimension value } need needSuppressed needSuppressedBecause services capacity areaWideCapacity servicesWithoutCapacity gap } csv disclosureControl } }`;
const NEEDS = `query($a: String!, $g: [NeedDimension!]!) { areaNeeds(areaCode: $a, groupBy: $g) { cells { key { value } count suppressed } } }`;

async function area(): Promise<string> {
  const areaCode = newAreaCode();
  const coordinator = coordinatorOf(areaCode);
  await t.gql(coordinator, `mutation($a: String!) { registerLocalities(areaCode: $a, localities: [{ code: "${NORTH}", name: "North" }, { code: "${SOUTH}", name: "South" }]) { code } }`, { a: areaCode });
  const service = async (name: string, needTypes: string[], locality: string | null, capacity: number | null) => {
    const r = await t.gql(coordinator, `mutation($i: LocalOfferServiceInput!) { upsertLocalOfferService(input: $i) { id } }`, {
      i: { areaCode, name, description: `${name} for children and young people`, organizationName: 'Example Trust', needTypes, locality, capacity },
    });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  };
  await service('Autism outreach North', ['ASD'], NORTH, 12);
  await service('Autism family line', ['ASD', 'SLCN'], null, 5);
  await service('Wellbeing group South', ['SEMH'], SOUTH, 4);
  await service('Drop-in South', ['SEMH'], SOUTH, null);
  const child = (locality: string): PopulationChild => ({ need: 'ASD', locality, status: 'FINAL', setting: null, dateOfBirth: '2015-01-01' });
  await insertPopulation(t.hub.database.db, areaCode, [...Array.from({ length: 30 }, () => child(NORTH)), ...Array.from({ length: 3 }, () => child(SOUTH))], t.config.disclosureKey);
  return areaCode;
}

describe('areaSufficiency', () => {
  it('sets protected need beside local and area-wide capacity per need type and locality', async () => {
    const a = await area();
    const commissioner = commissionerOf(a);
    const result = await t.gql(commissioner, SUFFICIENCY, { a, g: ['PRIMARY_NEED', 'LOCALITY'] });
    expect(result.errors).toBeUndefined();
    const needs = (await t.gql(commissioner, NEEDS, { a, g: ['PRIMARY_NEED', 'LOCALITY'] })).data.areaNeeds.cells;
    const northNeed = needs.find((c: { key: { value: string }[] }) => c.key[1]!.value === NORTH);
    const cells = result.data.areaSufficiency.cells;
    const key = (need: string, locality: string) => [{ dimension: 'PRIMARY_NEED', value: need }, { dimension: 'LOCALITY', value: locality }];
    expect(cells).toEqual([
      // 30 children: the same protected count areaNeeds publishes; 12 local places and 5 area-wide.
      { key: key('ASD', NORTH), need: northNeed.count, needSuppressed: false, needSuppressedBecause: null, services: 2, capacity: 17, areaWideCapacity: 5, servicesWithoutCapacity: 0, gap: northNeed.count - 17 },
      // 3 children: withheld, so no gap either.
      { key: key('ASD', SOUTH), need: null, needSuppressed: true, needSuppressedBecause: 'SMALL_NUMBERS', services: 1, capacity: 5, areaWideCapacity: 5, servicesWithoutCapacity: 0, gap: null },
      // Services and no children: a need of 0, supply to spare.
      { key: key('SEMH', SOUTH), need: 0, needSuppressed: false, needSuppressedBecause: null, services: 2, capacity: 4, areaWideCapacity: 0, servicesWithoutCapacity: 1, gap: -4 },
    ]);
    expect(northNeed.count).toBeGreaterThanOrEqual(25);
    expect(result.data.areaSufficiency.disclosureControl).toContain('need protected before it is set beside the local offer');
  });

  it('counts each service once per need type when not split by locality', async () => {
    const a = await area();
    const result = await t.gql(commissionerOf(a), SUFFICIENCY, { a, g: ['PRIMARY_NEED'] });
    const byNeed = Object.fromEntries(result.data.areaSufficiency.cells.map((c: { key: { value: string }[]; services: number; capacity: number }) => [c.key[0]!.value, [c.services, c.capacity]]));
    expect(byNeed).toEqual({ ASD: [2, 17], SEMH: [2, 4], SLCN: [1, 5] });
  });

  it('downloads as CSV with one line per cell', async () => {
    const a = await area();
    const result = await t.gql(commissionerOf(a), SUFFICIENCY, { a, g: ['PRIMARY_NEED', 'LOCALITY'] });
    const lines = result.data.areaSufficiency.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('primary_need,locality,need,need_withheld_because,services,capacity,area_wide_capacity,services_without_capacity,gap');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(`ASD,${SOUTH},,SMALL_NUMBERS,1,5,5,0,`);
    expect(lines[3]).toBe(`SEMH,${SOUTH},0,,2,4,0,1,-4`);
  });

  it('matches on need type and locality only, and only for a commissioner of the area', async () => {
    const a = await area();
    expect(codes(await t.gql(commissionerOf(a), SUFFICIENCY, { a, g: ['AGE_BAND'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(commissionerOf(newAreaCode()), SUFFICIENCY, { a, g: ['PRIMARY_NEED'] }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(coordinatorOf(a), SUFFICIENCY, { a, g: ['PRIMARY_NEED'] }))).toEqual(['FORBIDDEN']);
  });
});
