/**
 * Test support for the commissioning suites: an isolated hub (on PostgreSQL its own scratch database,
 * dropped afterwards, because seeded demo areas are fixed and the shared test database is used by
 * other files in parallel) and a set-based writer of synthetic populations into any area.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { recordKey } from '../../policies/disclosure/record-key.js';
import { children, needs, placements, plans, sections, sectionVersions } from '../../schema/tables.js';
import type { Db } from '../../src/platform/db/database.js';
import type { NeedType, PlanStatus, SettingType } from '../../src/domain/vocabulary.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

/** A hub on its own database: in-memory PGlite, or a scratch PostgreSQL database when DATABASE_URL is set. */
export async function startIsolatedHub(): Promise<TestHub> {
  const url = process.env.DATABASE_URL;
  if (!url) return startTestHub();
  const name = `ehc_c_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  try {
    const t = await startTestHub({ DATABASE_URL: scratch.toString() });
    return {
      ...t,
      async close() {
        await t.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      },
    };
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    throw error;
  }
}

/** One synthetic child as the aggregate sees it. */
export interface PopulationChild {
  need: NeedType | null; // null: no section B yet (not counted)
  locality: string | null;
  status: PlanStatus | null; // null: no plan row
  setting: SettingType | null; // null: no section I placement
  dateOfBirth: string;
}

export interface InsertedChild extends PopulationChild {
  id: string;
  recordKey: number;
}

/** Inserts a population into `areaCode` set-based (one transaction), returning ids and record keys. */
export async function insertPopulation(db: Db, areaCode: string, population: readonly PopulationChild[], disclosureKey: string): Promise<InsertedChild[]> {
  const inserted = population.map((p) => {
    const id = randomUUID();
    return { ...p, id, recordKey: recordKey(disclosureKey, id) };
  });
  if (inserted.length === 0) return inserted;
  await db.transaction(async (tx) => {
    await tx.insert(children).values(inserted.map((c) => ({
      id: c.id, givenName: 'Synthetic', familyName: 'Child', dateOfBirth: c.dateOfBirth, locality: c.locality,
      areaCode, recordKey: c.recordKey, registeredBySub: 'test:commissioning',
    })));
    const withPlan = inserted.filter((c) => c.status);
    if (withPlan.length) {
      await tx.insert(plans).values(withPlan.map((c) => ({ childId: c.id, status: c.status!, requestReceivedOn: '2024-01-10' })));
    }
    const versions: (typeof sectionVersions.$inferInsert)[] = [];
    const heads: (typeof sections.$inferInsert)[] = [];
    const needRows: (typeof needs.$inferInsert)[] = [];
    const placementRows: (typeof placements.$inferInsert)[] = [];
    for (const c of inserted) {
      if (c.need) {
        // An older version with another need, so only the current version may count.
        const old = randomUUID();
        const current = randomUUID();
        versions.push({ id: old, childId: c.id, code: 'B', version: 1, authorOrg: 'LA1', authorSub: 'test' });
        versions.push({ id: current, childId: c.id, code: 'B', version: 2, authorOrg: 'LA1', authorSub: 'test' });
        heads.push({ childId: c.id, code: 'B', currentVersionId: current, version: 2, agency: 'EDUCATION', authorOrg: 'LA1' });
        needRows.push({ versionId: old, childId: c.id, type: c.need === 'OTH' ? 'ASD' : 'OTH', rank: 1 });
        needRows.push({ versionId: current, childId: c.id, type: c.need, rank: 1 });
        needRows.push({ versionId: current, childId: c.id, type: c.need === 'HI' ? 'VI' : 'HI', rank: 2 });
      }
      if (c.setting) {
        const v = randomUUID();
        versions.push({ id: v, childId: c.id, code: 'I', version: 1, authorOrg: 'LA1', authorSub: 'test' });
        heads.push({ childId: c.id, code: 'I', currentVersionId: v, version: 1, agency: 'EDUCATION', authorOrg: 'LA1' });
        placementRows.push({ versionId: v, childId: c.id, settingType: c.setting, settingName: 'Synthetic School' });
      }
    }
    if (versions.length) await tx.insert(sectionVersions).values(versions);
    if (heads.length) await tx.insert(sections).values(heads);
    if (needRows.length) await tx.insert(needs).values(needRows);
    if (placementRows.length) await tx.insert(placements).values(placementRows);
  });
  return inserted;
}

export const AREA_NEEDS = /* GraphQL */ `
  query AreaNeeds($area: String!, $groupBy: [NeedDimension!]!, $filter: NeedFilter, $asOf: Date) {
    areaNeeds(areaCode: $area, groupBy: $groupBy, filter: $filter, asOf: $asOf) {
      areaCode total totalSuppressed disclosureControl
      cells { key { dimension value } count suppressed }
    }
  }`;

export interface NeedCellResult {
  key: { dimension: string; value: string }[];
  count: number | null;
  suppressed: boolean;
}
export interface NeedTableResult {
  areaCode: string;
  total: number | null;
  totalSuppressed: boolean;
  disclosureControl: string[];
  cells: NeedCellResult[];
}

/** DfE age band at `asOf` (the reference implementation the SQL is checked against). */
export function ageBand(dateOfBirth: string, asOf: string): string {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  const age = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
  if (age < 5) return 'UNDER_5';
  if (age <= 10) return 'AGE_5_10';
  if (age <= 15) return 'AGE_11_15';
  if (age <= 19) return 'AGE_16_19';
  if (age <= 25) return 'AGE_20_25';
  return 'AGE_26_PLUS';
}

/** The value of a dimension for one child, as areaNeeds defines it. */
export function dimensionValue(c: PopulationChild, dimension: string, asOf: string): string {
  switch (dimension) {
    case 'PRIMARY_NEED': return c.need!;
    case 'AGE_BAND': return ageBand(c.dateOfBirth, asOf);
    case 'SETTING_TYPE': return c.setting ?? 'NONE';
    case 'LOCALITY': return c.locality ?? 'UNKNOWN';
    case 'PLAN_STATUS': return c.status ?? 'NONE';
    // Every child of these populations has a primary need in section B: counted at the EHC plan level.
    case 'SUPPORT_LEVEL': return 'EHC_PLAN';
    default: throw new Error(`unknown dimension ${dimension}`);
  }
}
