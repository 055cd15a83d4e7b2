/**
 * The demo record beyond the registry: every section A–K with realistic synthetic content, provision
 * and personal budgets, schools on care teams, consents (given, refused, withdrawn, expired, some
 * recorded on paper), break-glass with and without the DPO's review, a young person recorded as
 * lacking capacity, and an open subject access request — so every role sees what it may see.
 * Deterministic (a fixed PRNG seed over the children already seeded); every person is invented.
 */
import { randomUUID } from 'node:crypto';
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { and, eq, inArray } from 'drizzle-orm';
import {
  breakGlassGrants, capacityRecords, careTeamMembers, children, consents, familyLinks, healthAgreements, organisations, personalBudgets,
  plans, provisions, sectionEntries, sections, sectionVersions, subjectAccessRequests,
} from '../schema/tables.js';
import { consentHolderOn } from '../src/domain/consent-holder.js';
import { SECTIONS } from '../src/domain/sections.js';
import { addDays, addMonths } from '../src/domain/statutory-clock.js';
import type { DataCategory, PersonalBudgetForm, ProvisionType, SectionCode } from '../src/domain/vocabulary.js';
import type { Db } from '../src/platform/db/database.js';
import { DEMO_AREAS, DEMO_PARENT_SUB, DEMO_SCHOOLS, type DemoArea } from './demo-areas.js';

interface Child {
  id: string;
  areaCode: string;
  dateOfBirth: string;
  status: string | null;
  healthOrg: string | null;
  socialOrg: string | null;
  parentSub: string | null;
}

type Entry = { key: string; value: string; category?: DataCategory };
type Provision = { provisionType: ProvisionType; description: string; providerOrg?: string; quantity: number; unit: string; frequency: string; annualCostPence: number };

const VIEWS = ['I like trains and drawing', 'I want to go to the same secondary school as my friends', 'Loud rooms make me anxious', 'I am good at maths', 'I want to be a vet'];
const OUTCOMES = ['Reads simple sentences independently by the end of Year 3', 'Travels to college on public transport with a travel buddy', 'Uses a communication aid to ask for help in class', 'Takes part in PE with adapted equipment'];
const HEALTH = ['Autism diagnosed at 4 by the community paediatric team', 'Epilepsy, controlled with medication', 'Cerebral palsy affecting the left side', 'Moderate hearing loss, bilateral hearing aids'];
const SENSITIVE = ['CAMHS treatment for anxiety', 'Sexual health clinic follow-up', 'Genetic condition under investigation'];
const SOCIAL = ['Short breaks: two weekends a month', 'Carer assessment completed for mother', 'Direct payment for a personal assistant'];
const SAFEGUARDING = ['Section 47 enquiry opened after a disclosure at school', 'Child protection plan: neglect'];

export async function seedDemoRecords(db: Db, options: { today?: string; seed?: number } = {}): Promise<void> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(options.seed ?? 20141009);
  const areas = DEMO_AREAS.map((a) => a.code);
  const all = await demoChildren(db, areas);
  if (all.length === 0) return;
  await db.insert(organisations).values(DEMO_SCHOOLS.map((s) => ({ code: s.org, name: s.name, agency: 'EDUCATION' as const }))).onConflictDoNothing();
  const rows = emptyRows();
  for (const child of all) addRecord(rows, faker, child, areaOf(child.areaCode), today);
  addDemoCases(rows, all, today);
  await insert(db, rows);
}

function areaOf(code: string): DemoArea {
  return DEMO_AREAS.find((a) => a.code === code)!;
}

async function demoChildren(db: Db, areas: string[]): Promise<Child[]> {
  const base = await db.select({ id: children.id, areaCode: children.areaCode, dateOfBirth: children.dateOfBirth, status: plans.status })
    .from(children).leftJoin(plans, eq(plans.childId, children.id)).where(inArray(children.areaCode, areas)).orderBy(children.createdAt, children.id);
  const ids = base.map((c) => c.id);
  const team = ids.length ? await db.select().from(careTeamMembers).where(inArray(careTeamMembers.childId, ids)) : [];
  const parents = ids.length ? await db.select().from(familyLinks).where(and(inArray(familyLinks.childId, ids), eq(familyLinks.relationship, 'PARENT'))) : [];
  return base.map((c) => ({
    ...c,
    healthOrg: team.find((m) => m.childId === c.id && m.agency === 'HEALTH')?.org ?? null,
    socialOrg: team.find((m) => m.childId === c.id && m.agency === 'SOCIAL_CARE')?.org ?? null,
    parentSub: parents.find((p) => p.childId === c.id)?.subject ?? null,
  }));
}

function emptyRows() {
  return {
    team: [] as (typeof careTeamMembers.$inferInsert)[],
    versions: [] as (typeof sectionVersions.$inferInsert)[],
    heads: [] as (typeof sections.$inferInsert)[],
    entries: [] as (typeof sectionEntries.$inferInsert)[],
    provisions: [] as (typeof provisions.$inferInsert)[],
    agreements: [] as (typeof healthAgreements.$inferInsert)[],
    budgets: [] as (typeof personalBudgets.$inferInsert)[],
    consents: [] as (typeof consents.$inferInsert)[],
    grants: [] as (typeof breakGlassGrants.$inferInsert)[],
    capacity: [] as (typeof capacityRecords.$inferInsert)[],
    requests: [] as (typeof subjectAccessRequests.$inferInsert)[],
    family: [] as (typeof familyLinks.$inferInsert)[],
  };
}
type Rows = ReturnType<typeof emptyRows>;

/** One version of a section, with its entries (and typed parts via `more`). */
function section(rows: Rows, child: Child, code: SectionCode, authorOrg: string, entries: Entry[], more: (versionId: string) => void = () => {}): void {
  const id = randomUUID();
  rows.versions.push({ id, childId: child.id, code, version: 1, authorOrg, authorSub: `seed:${authorOrg}` });
  rows.heads.push({ childId: child.id, code, currentVersionId: id, version: 1, agency: SECTIONS[code].agency, authorOrg });
  entries.forEach((e, position) => rows.entries.push({ versionId: id, position, key: e.key, value: e.value, category: e.category ?? SECTIONS[code].defaultCategory }));
  more(id);
}

function provision(rows: Rows, child: Child, code: SectionCode, versionId: string, p: Provision): void {
  rows.provisions.push({ versionId, childId: child.id, code, ...p, providerOrg: p.providerOrg ?? null });
}

function addRecord(rows: Rows, faker: Faker, child: Child, area: DemoArea, today: string): void {
  const council = area.senTeamOrg;
  const planned = child.status === 'FINAL' || child.status === 'DRAFT' || child.status === 'CEASED';
  const school = DEMO_SCHOOLS.find((s) => s.areaCode === child.areaCode && faker.number.float() < 0.5);
  if (school) rows.team.push({ childId: child.id, org: school.org, agency: 'EDUCATION', addedBySub: `coordinator:seed-${council}` });
  if (faker.number.float() < 0.9) {
    section(rows, child, 'A', council, [{ key: 'child.views', value: faker.helpers.arrayElement(VIEWS) }, { key: 'parent.views', value: 'We want a plan that follows him into secondary school' }]);
  }
  if (!planned) return;
  section(rows, child, 'E', council, [{ key: 'outcome.1', value: faker.helpers.arrayElement(OUTCOMES) }]);
  section(rows, child, 'F', council, [{ key: 'summary', value: 'Small-group teaching and speech and language therapy' }], (v) => {
    provision(rows, child, 'F', v, { provisionType: 'TEACHING_ASSISTANT_SUPPORT', description: 'One-to-one support in literacy lessons', quantity: 10, unit: 'HOURS', frequency: 'PER_WEEK', annualCostPence: faker.number.int({ min: 6, max: 14 }) * 100_000 });
    if (faker.number.float() < 0.6) provision(rows, child, 'F', v, { provisionType: 'SPEECH_AND_LANGUAGE_THERAPY', description: 'Speech and language therapy, direct and through school staff', quantity: 6, unit: 'SESSIONS', frequency: 'PER_TERM', annualCostPence: 240_000 });
  });
  section(rows, child, 'K', council, [{ key: 'advice.list', value: 'Educational psychology report; school report; paediatric advice' }]);
  if (child.healthOrg && faker.number.float() < 0.75) {
    const sensitive = faker.number.float() < 0.2 ? [{ key: 'sensitive.note', value: faker.helpers.arrayElement(SENSITIVE), category: 'HEALTH_SENSITIVE' as const }] : [];
    section(rows, child, 'C', child.healthOrg, [{ key: 'diagnosis', value: faker.helpers.arrayElement(HEALTH) }, ...sensitive]);
    section(rows, child, 'G', child.healthOrg, [{ key: 'health.provision', value: 'Physiotherapy programme delivered at school' }], (v) => {
      provision(rows, child, 'G', v, { provisionType: 'PHYSIOTHERAPY', description: 'Physiotherapy review and programme', providerOrg: child.healthOrg!, quantity: 4, unit: 'SESSIONS', frequency: 'PER_TERM', annualCostPence: 180_000 });
      rows.agreements.push({ versionId: v, agreedByIcb: true, agreedOn: addDays(today, -60) });
    });
  }
  if (child.socialOrg && faker.number.float() < 0.8) {
    const concern = faker.number.float() < 0.08 ? [{ key: 'safeguarding.concern', value: faker.helpers.arrayElement(SAFEGUARDING), category: 'SAFEGUARDING' as const }] : [];
    section(rows, child, 'D', child.socialOrg, [{ key: 'needs', value: faker.helpers.arrayElement(SOCIAL) }, ...concern]);
    section(rows, child, 'H2', child.socialOrg, [{ key: 'short.breaks', value: 'Overnight short breaks, 24 nights a year' }], (v) => {
      provision(rows, child, 'H2', v, { provisionType: 'SHORT_BREAKS', description: 'Overnight short breaks', providerOrg: child.socialOrg!, quantity: 24, unit: 'NIGHTS', frequency: 'PER_YEAR', annualCostPence: 720_000 });
    });
  }
  if (child.status === 'FINAL' && faker.number.float() < 0.18) {
    const form = faker.helpers.weightedArrayElement<PersonalBudgetForm>([{ value: 'DIRECT_PAYMENT', weight: 5 }, { value: 'NOTIONAL', weight: 3 }, { value: 'MIXED', weight: 1 }, { value: 'THIRD_PARTY', weight: 1 }]);
    const education = faker.number.int({ min: 10, max: 60 }) * 10_000;
    section(rows, child, 'J', council, [{ key: 'budget', value: `Personal budget: ${form.toLowerCase().replace('_', ' ')}` }], (v) => {
      rows.budgets.push({ versionId: v, childId: child.id, form, educationPence: education, healthPence: 0, socialCarePence: child.socialOrg ? 250_000 : 0 });
    });
  }
  addConsents(rows, faker, child, school?.org ?? null, today);
}

function addConsents(rows: Rows, faker: Faker, child: Child, schoolOrg: string | null, today: string): void {
  if (!child.parentSub) return;
  const holder = consentHolderOn(child.dateOfBirth, today);
  if (holder !== 'PARENT') return;
  const roll = faker.number.float();
  const base = { childId: child.id, givenBy: 'PARENT' as const, grantedBySub: child.parentSub, grantedByOrg: 'FAMILY' };
  if (roll < 0.35 && schoolOrg) rows.consents.push({ ...base, kind: 'GRANT', categories: ['EDUCATION', 'HEALTH'], granteeOrg: schoolOrg });
  else if (roll < 0.5) rows.consents.push({ ...base, kind: 'GRANT', categories: ['EDUCATION'], granteeAgency: 'HEALTH' });
  else if (roll < 0.56) rows.consents.push({ ...base, kind: 'REFUSAL', categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE' });
  else if (roll < 0.6) rows.consents.push({ ...base, kind: 'GRANT', categories: ['SOCIAL_CARE'], granteeAgency: 'HEALTH', withdrawnAt: new Date(`${addDays(today, -20)}T10:00:00Z`), withdrawnBySub: child.parentSub });
  else if (roll < 0.63) rows.consents.push({ ...base, kind: 'GRANT', categories: ['HEALTH'], granteeAgency: 'EDUCATION', validUntil: new Date(`${addDays(today, -5)}T00:00:00Z`) });
}

/** The named cases each demo role's walk-through uses. */
function addDemoCases(rows: Rows, all: Child[], today: string): void {
  const westminster = all.filter((c) => c.areaCode === DEMO_AREAS[0]!.code);
  const demoChild = all.find((c) => c.parentSub === DEMO_PARENT_SUB);
  const council = DEMO_AREAS[0]!.senTeamOrg;
  if (demoChild) {
    rows.requests.push({ childId: demoChild.id, requestedBySub: DEMO_PARENT_SUB, requestedByRole: 'FAMILY', receivedOn: addDays(today, -10), dueOn: addMonths(addDays(today, -10), 1) });
    rows.consents.push({ childId: demoChild.id, kind: 'GRANT', categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE', givenBy: 'PARENT', grantedBySub: DEMO_PARENT_SUB, grantedByOrg: 'FAMILY' });
  }
  const withHealth = westminster.filter((c) => c.healthOrg === 'RQM' && c.id !== demoChild?.id).slice(0, 3);
  withHealth.forEach((c, i) => {
    rows.grants.push({
      childId: c.id, actorSub: 'practitioner:demo-health', actorOrg: 'RQM', reason: ['Collapsed at school: emergency admission, needed the full history', 'Seizure in clinic out of hours, family unreachable', 'Safeguarding disclosure in A&E at night'][i]!,
      expiresAt: new Date(`${addDays(today, -1 - i)}T12:00:00Z`),
      ...(i === 0 ? { reviewOutcome: 'JUSTIFIED', reviewNote: 'Emergency admission; access proportionate', reviewedBySub: 'dpo:demo', reviewedAt: new Date(`${today}T08:00:00Z`) } : {}),
    });
  });
  const paper = westminster.filter((c) => c.parentSub && consentHolderOn(c.dateOfBirth, today) === 'PARENT').slice(5, 7);
  for (const c of paper) {
    rows.consents.push({ childId: c.id, kind: 'GRANT', categories: ['HEALTH'], granteeAgency: 'SOCIAL_CARE', givenBy: 'PARENT', grantedBySub: 'coordinator:demo', grantedByOrg: council, evidenceNote: `Signed consent form SF-${c.id.slice(0, 4)} received ${addDays(today, -14)}` });
  }
  const young = westminster.find((c) => consentHolderOn(c.dateOfBirth, today) === 'YOUNG_PERSON');
  if (young) {
    rows.family.push({ childId: young.id, subject: `family:young-person-demo`, relationship: 'YOUNG_PERSON', linkedBySub: 'coordinator:demo' });
    rows.capacity.push({ childId: young.id, lacksCapacity: true, evidenceNote: `Mental capacity assessment by the community learning disability team, ${addDays(today, -30)}`, recordedBySub: 'coordinator:demo', recordedByOrg: council });
  }
}

async function insert(db: Db, rows: Rows): Promise<void> {
  await db.transaction(async (tx) => {
    const batches = async <T>(table: Parameters<typeof tx.insert>[0], values: T[]) => {
      for (let i = 0; i < values.length; i += 1000) await tx.insert(table).values(values.slice(i, i + 1000) as never).onConflictDoNothing();
    };
    await batches(careTeamMembers, rows.team);
    await batches(familyLinks, rows.family);
    // A seeded section already there (B, I from the registry seed) keeps its version: these are new codes.
    await batches(sectionVersions, rows.versions);
    await batches(sections, rows.heads);
    await batches(sectionEntries, rows.entries);
    await batches(provisions, rows.provisions);
    await batches(healthAgreements, rows.agreements);
    await batches(personalBudgets, rows.budgets);
    await batches(consents, rows.consents);
    await batches(breakGlassGrants, rows.grants);
    await batches(capacityRecords, rows.capacity);
    await batches(subjectAccessRequests, rows.requests);
  });
}
