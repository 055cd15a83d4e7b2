/**
 * Deterministic synthetic children (fixed PRNG seed, faker en_GB): valid NHS numbers and UPNs,
 * postcodes, localities, care teams, family links, plans at every stage, section B needs in England's
 * mix and section I placements. Inserted set-based in batches, so 100,000 children take seconds.
 */
import { sql } from 'drizzle-orm';
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { recordKey } from '../policies/disclosure/record-key.js';
import {
  areaLocalities,
  careTeamMembers,
  children,
  organisations,
  familyLinks,
  needs,
  placements,
  plans,
  sections,
  sectionEntries,
  sectionVersions,
} from '../schema/tables.js';
import type { Db } from '../src/platform/db/database.js';
import { addDays } from '../src/domain/statutory-clock.js';
import { DFE_LA_NUMBERS, nhsCheckDigit, upnCheckLetter } from '../src/domain/identifiers.js';
import type { NeedType, PlanStatus, SectionCode, SettingType } from '../src/domain/vocabulary.js';
import type { EthnicityCode } from '../src/domain/sen2/codes.js';
import { DEMO_ORGANISATIONS, DEMO_PARENT_SUB, syntheticArea, type DemoArea } from './demo-areas.js';

/**
 * Primary need shares of EHC plans in England (DfE "Education, health and care plans", 2024):
 * autism about a third, then SEMH, SLCN, MLD, SLD, …
 */
export const NEED_MIX: [NeedType, number][] = [
  ['ASD', 33], ['SEMH', 16], ['SLCN', 15], ['MLD', 9], ['SLD', 8], ['SPLD', 4],
  ['PD', 4], ['OTH', 4], ['PMLD', 2.5], ['HI', 2], ['VI', 1], ['MSI', 0.5],
];
export const STATUS_MIX: [PlanStatus, number][] = [
  ['FINAL', 74], ['ASSESSING', 10], ['DRAFT', 5], ['REQUESTED', 5], ['CEASED', 4], ['NOT_ASSESSED', 2],
];
export const SETTING_MIX: [SettingType, number][] = [
  ['MAINSTREAM', 40], ['SPECIAL', 33], ['RESOURCED_PROVISION', 6], ['FURTHER_EDUCATION', 11],
  ['EARLY_YEARS', 3], ['ALTERNATIVE_PROVISION', 2], ['ELECTIVE_HOME_EDUCATION', 2], ['OTHER_ARRANGEMENTS', 2], ['NEET', 1],
];

export interface SeedOptions {
  children: number;
  areas: number;
  /** Explicit areas (tests use fresh random ones); otherwise the demo areas, then synthetic ones. */
  areaList?: DemoArea[];
  disclosureKey: string;
  /** Reference date for ages and plan dates (default today), so output is stable within a day. */
  today?: string;
  seed?: number;
  /** Numbering for this run's children; a second run continues after the children already there. */
  startIndex?: number;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

type Rows = {
  children: (typeof children.$inferInsert)[];
  careTeam: (typeof careTeamMembers.$inferInsert)[];
  family: (typeof familyLinks.$inferInsert)[];
  plans: (typeof plans.$inferInsert)[];
  versions: (typeof sectionVersions.$inferInsert)[];
  heads: (typeof sections.$inferInsert)[];
  entries: (typeof sectionEntries.$inferInsert)[];
  needs: (typeof needs.$inferInsert)[];
  placements: (typeof placements.$inferInsert)[];
};

const emptyRows = (): Rows => ({ children: [], careTeam: [], family: [], plans: [], versions: [], heads: [], entries: [], needs: [], placements: [] });

/** How many children are registered already (a seed run continues from there). */
export async function countChildren(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(children);
  return Number(row?.n ?? 0);
}

export async function seedChildren(db: Db, options: SeedOptions): Promise<number> {
  const faker = new Faker({ locale: [en_GB, en, base] });
  const startIndex = options.startIndex ?? 0;
  faker.seed((options.seed ?? 20140313) + startIndex);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const areas = options.areaList ?? Array.from({ length: Math.max(1, options.areas) }, (_, i) => syntheticArea(i));
  const batchSize = options.batchSize ?? 1000;
  await registerAreas(db, areas);
  // One NHS number is one person (a unique index): draw around the numbers already registered.
  const usedNhsNumbers = new Set((await db.select({ n: children.nhsNumber }).from(children).where(sql`${children.nhsNumber} like '999%'`)).map((r) => r.n!));
  for (let start = 0; start < options.children; start += batchSize) {
    const rows = emptyRows();
    const end = Math.min(options.children, start + batchSize);
    for (let i = start; i < end; i++) {
      const index = startIndex + i;
      addChild(rows, faker, areas[index % areas.length]!, index, today, options.disclosureKey, usedNhsNumbers);
    }
    await insertRows(db, rows);
    options.onProgress?.(end, options.children);
  }
  return options.children;
}

function addChild(rows: Rows, faker: Faker, area: DemoArea, index: number, today: string, disclosureKey: string, usedNhsNumbers: Set<string>): void {
  const id = uuidFrom(faker);
  const sex = faker.helpers.arrayElement(['female', 'male'] as const);
  const ageYears = faker.helpers.weightedArrayElement([
    { value: faker.number.int({ min: 2, max: 4 }), weight: 6 },
    { value: faker.number.int({ min: 5, max: 10 }), weight: 38 },
    { value: faker.number.int({ min: 11, max: 15 }), weight: 34 },
    { value: faker.number.int({ min: 16, max: 19 }), weight: 18 },
    { value: faker.number.int({ min: 20, max: 24 }), weight: 4 },
  ]);
  const dateOfBirth = addDays(today, -(ageYears * 365 + faker.number.int({ min: 1, max: 360 })));
  const locality = faker.helpers.arrayElement(area.localities).code;
  rows.children.push({
    id,
    givenName: faker.person.firstName(sex),
    familyName: faker.person.lastName(),
    dateOfBirth,
    nhsNumber: syntheticNhsNumber(faker, usedNhsNumbers),
    upn: syntheticUpn(faker, area.code, dateOfBirth),
    postcode: `${faker.helpers.arrayElement(area.postcodeAreas)} ${faker.number.int({ min: 1, max: 9 })}${faker.string.fromCharacters('ABDEFGHJLNPQRSTUWXYZ', 2)}`,
    locality,
    // The sex the name was drawn for, as the DfE code.
    sex: sex === 'female' ? 'F' : 'M',
    ethnicity: ethnicityFor(id),
    areaCode: area.code,
    recordKey: recordKey(disclosureKey, id),
    registeredBySub: `coordinator:seed-${area.senTeamOrg}`,
  });
  const addedBySub = `coordinator:seed-${area.senTeamOrg}`;
  rows.careTeam.push({ childId: id, org: area.senTeamOrg, agency: 'EDUCATION', addedBySub });
  rows.careTeam.push({ childId: id, org: faker.helpers.arrayElement(area.healthOrgs), agency: 'HEALTH', addedBySub });
  if (faker.number.float() < 0.4) rows.careTeam.push({ childId: id, org: area.socialCareOrg, agency: 'SOCIAL_CARE', addedBySub });
  const parentSub = index === 0 ? DEMO_PARENT_SUB : `family:parent-${index}`;
  rows.family.push({ childId: id, subject: parentSub, relationship: 'PARENT', linkedBySub: addedBySub });
  if (ageYears >= 16) rows.family.push({ childId: id, subject: `family:young-person-${index}`, relationship: 'YOUNG_PERSON', linkedBySub: addedBySub });
  addPlan(rows, faker, area, id, today);
}

function addPlan(rows: Rows, faker: Faker, area: DemoArea, childId: string, today: string): void {
  const status = pick(faker, STATUS_MIX);
  const requestReceivedOn = addDays(today, -faker.number.int({ min: status === 'REQUESTED' ? 3 : 60, max: status === 'REQUESTED' ? 40 : 1400 }));
  const decided = status !== 'REQUESTED';
  const finalIssuedOn = status === 'FINAL' || status === 'CEASED' ? addDays(requestReceivedOn, 7 * faker.number.int({ min: 12, max: 30 })) : null;
  rows.plans.push({
    childId,
    councilOrg: area.senTeamOrg,
    status,
    requestReceivedOn,
    decisionOn: decided ? addDays(requestReceivedOn, 7 * faker.number.int({ min: 3, max: 7 })) : null,
    draftIssuedOn: status === 'DRAFT' || finalIssuedOn ? addDays(requestReceivedOn, 7 * 14) : null,
    finalIssuedOn,
    ceasedOn: status === 'CEASED' ? addDays(finalIssuedOn!, 365) : null,
    ceasedReason: status === 'CEASED' ? 'CEASED_TO_MAINTAIN' : null, // CFA s.45 (src/domain/plan-transitions.ts CeasedReason)
  });
  if (status === 'REQUESTED' || status === 'NOT_ASSESSED') return;
  const primary = pick(faker, NEED_MIX);
  const versionB = addVersion(rows, childId, 'B', area.senTeamOrg);
  rows.entries.push({ versionId: versionB, position: 0, key: 'summary', value: `Primary need ${primary}: ${faker.lorem.sentence()}`, category: 'EDUCATION' });
  rows.needs.push({ versionId: versionB, childId, type: primary, rank: 1 });
  if (faker.number.float() < 0.35) {
    const secondary = pick(faker, NEED_MIX.filter(([n]) => n !== primary));
    rows.needs.push({ versionId: versionB, childId, type: secondary, rank: 2 });
  }
  if (finalIssuedOn) {
    const versionI = addVersion(rows, childId, 'I', area.senTeamOrg);
    const settingType = pick(faker, SETTING_MIX);
    rows.entries.push({ versionId: versionI, position: 0, key: 'setting', value: `${faker.location.street()} ${settingType === 'SPECIAL' ? 'School' : 'Academy'}`, category: 'EDUCATION' });
    rows.placements.push({ versionId: versionI, childId, settingType, urn: String(faker.number.int({ min: 100000, max: 149999 })), settingName: `${faker.location.street()} School` });
  }
}

function addVersion(rows: Rows, childId: string, code: SectionCode, org: string): string {
  const id = randomUUIDLike(childId, code);
  rows.versions.push({ id, childId, code, version: 1, authorOrg: org, authorSub: `seed:${org}` });
  rows.heads.push({ childId, code, currentVersionId: id, version: 1, agency: 'EDUCATION', authorOrg: org });
  return id;
}

/** The areas' locality registers and organisations (idempotent). */
export async function registerAreas(db: Db, areas: readonly DemoArea[]): Promise<void> {
  const localities = areas.flatMap((a) => a.localities.map((l) => ({ areaCode: a.code, code: l.code, name: l.name })));
  if (localities.length) await db.insert(areaLocalities).values(localities).onConflictDoNothing();
  const known = new Map(DEMO_ORGANISATIONS.map((o) => [o.code, o]));
  const orgs = areas.flatMap((a) => [
    { code: a.senTeamOrg, name: `${a.name} SEN team`, agency: 'EDUCATION' as const },
    ...a.healthOrgs.map((code) => ({ code, name: `${a.name} NHS trust ${code}`, agency: 'HEALTH' as const })),
    { code: a.socialCareOrg, name: `${a.name} children's services`, agency: 'SOCIAL_CARE' as const },
  ].map((o) => known.get(o.code) ?? o));
  await db.insert(organisations).values(orgs).onConflictDoNothing();
}

async function insertRows(db: Db, rows: Rows): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(children).values(rows.children);
    await tx.insert(careTeamMembers).values(rows.careTeam);
    await tx.insert(familyLinks).values(rows.family);
    await tx.insert(plans).values(rows.plans);
    if (rows.versions.length === 0) return;
    await tx.insert(sectionVersions).values(rows.versions);
    await tx.insert(sections).values(rows.heads);
    await tx.insert(sectionEntries).values(rows.entries);
    if (rows.needs.length) await tx.insert(needs).values(rows.needs);
    if (rows.placements.length) await tx.insert(placements).values(rows.placements);
  });
}

/**
 * Roughly England's pupil mix by DfE main ethnicity code (per mille), with a few refused and not yet
 * obtained, so the SEN2 return carries realistic codes and the odd NOBT.
 */
const ETHNICITY_MIX: [EthnicityCode, number][] = [
  ['WBRI', 630], ['WIRI', 3], ['WIRT', 1], ['WOTH', 60], ['WROM', 5], ['MWBC', 15], ['MWBA', 8], ['MWAS', 18], ['MOTH', 22],
  ['AIND', 35], ['APKN', 45], ['ABAN', 20], ['AOTH', 20], ['BCRB', 10], ['BAFR', 40], ['BOTH', 6], ['CHNE', 8], ['OOTH', 22],
  ['REFU', 10], ['NOBT', 22],
];

/**
 * The ethnicity of a seeded child, derived from its id (already drawn) rather than from the PRNG, so
 * adding it left every other seeded value, and the tests that read them, as they were.
 */
export function ethnicityFor(id: string): EthnicityCode {
  let point = Number.parseInt(id.replace(/-/g, '').slice(-8), 16) % ETHNICITY_MIX.reduce((n, [, w]) => n + w, 0);
  for (const [code, weight] of ETHNICITY_MIX) {
    if (point < weight) return code;
    point -= weight;
  }
  return 'NOBT';
}

function pick<T>(faker: Faker, mix: [T, number][]): T {
  return faker.helpers.weightedArrayElement(mix.map(([value, weight]) => ({ value, weight })));
}

/** A version id derived from the child id, so seeds stay deterministic. */
function randomUUIDLike(childId: string, code: SectionCode): string {
  const suffix = code.padEnd(2, '0').split('').map((c) => c.charCodeAt(0).toString(16)).join('');
  return `${childId.slice(0, 24)}${suffix.padStart(12, 'a').slice(-12)}`;
}

function uuidFrom(faker: Faker): string {
  return faker.string.uuid();
}

function syntheticNhsNumber(faker: Faker, used: Set<string>): string {
  // The 999 range is reserved for test numbers, so no synthetic number can be a real person's.
  let first9 = '';
  for (;;) {
    first9 = `999${faker.string.numeric(6)}`;
    if (nhsCheckDigit(first9) !== null) break;
  }
  // Taken already, or in 9990… (left to the tests' registrations, test/support/factories.ts): step to the
  // next free valid number without drawing again, so the rest of the seeded data stays as it was.
  for (let n = Number(first9); ; n = n >= 999_999_999 ? 999_100_000 : n + 1) {
    // The whole 9990… block is skipped at once (the same number as stepping through it, 100,000 times faster).
    if (n < 999_100_000) n = 999_100_000;
    const stem = String(n);
    const check = nhsCheckDigit(stem);
    if (check === null || stem.startsWith('9990') || used.has(`${stem}${check}`)) continue;
    used.add(`${stem}${check}`);
    return `${stem}${check}`;
  }
}

function syntheticUpn(faker: Faker, areaCode: string, dateOfBirth: string): string {
  const la = DFE_LA_NUMBERS[areaCode] ?? '999';
  const year = String((Number(dateOfBirth.slice(0, 4)) + 4) % 100).padStart(2, '0');
  const last12 = `${la}${faker.string.numeric(4)}${year}${faker.string.numeric(3)}`;
  return `${upnCheckLetter(last12)}${last12}`;
}
