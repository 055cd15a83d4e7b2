/**
 * Demo data for the reforms beyond the plan: school terms for each demo area; pupils on SEN support in
 * the demo schools (more than have plans, as nationally, where about four times as many children are on
 * SEN support as have plans: Code of Practice 6.44; 160 per area keeps the demo quick), with interventions,
 * termly reviews, some overdue and some whose parents have not been informed (CFA 2014 s.68); and
 * mediations and appeals at every stage (CFA 2014 ss.51–55). The local offer is seeded by local-offer.ts.
 * Deterministic (a fixed PRNG seed, stable ids, so the published numbers repeat); every person is invented; every dispute passes the process rules.
 */
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { and, eq, inArray } from 'drizzle-orm';
import { recordKey } from '../policies/disclosure/record-key.js';
import {
  areaTerms, careTeamMembers, children, disputes, familyLinks, plans, senSupport, senSupportInterventions, senSupportNeeds, senSupportReviews,
} from '../schema/tables.js';
import { checkDispute, type DisputeFacts } from '../src/domain/disputes.js';
import type { SenSupportNeedType, Term } from '../src/domain/sen-support.js';
import { addDays, addMonths } from '../src/domain/statutory-clock.js';
import { stableUuid } from '../src/domain/stable-uuid.js';
import type { Db } from '../src/platform/db/database.js';
import { DEMO_AREAS, DEMO_PARENT_SUB, DEMO_SCHOOLS, type DemoArea } from './demo-areas.js';

/** Pupils on SEN support added per demo area beyond the registry's children. */
export const SEN_SUPPORT_PUPILS_PER_AREA = 160;

const INTERVENTIONS: [string, string][] = [
  ['Small-group phonics, four times a week', 'Reads age-appropriate texts with 90% accuracy'],
  ['Speech and language programme delivered by a teaching assistant', 'Uses sentences of five or more words in class discussion'],
  ['Daily check-in with a key adult and a calm space', 'Fewer than two exits from class a week'],
  ['Precision teaching for number facts', 'Recalls number bonds to 20 without apparatus'],
  ['Social communication group (Lego therapy)', 'Takes turns in a structured group activity'],
  ['Touch-typing programme and a laptop for extended writing', 'Produces a page of independent writing in a lesson'],
  ['Visual timetable and now-and-next cards', 'Moves between activities with one prompt'],
  ['Fine motor skills group', 'Writes legibly on the line'],
];
const NOTES = ['Good progress; continue', 'Partly met: adjust the targets', 'Parents report better mornings', 'Move to a smaller group', 'Add an educational psychology consultation'];
const NEED_MIX: { value: SenSupportNeedType; weight: number }[] = [
  { value: 'SLCN', weight: 24 }, { value: 'SEMH', weight: 20 }, { value: 'MLD', weight: 14 }, { value: 'SPLD', weight: 13 },
  { value: 'ASD', weight: 10 }, { value: 'NSA', weight: 8 }, { value: 'PD', weight: 3 }, { value: 'HI', weight: 2 }, { value: 'VI', weight: 2 }, { value: 'OTH', weight: 4 },
];

/** An English school year's terms from its first September: autumn, spring and summer. */
export function schoolYearTerms(startYear: number): Term[] {
  return [
    { startsOn: `${startYear}-09-03`, endsOn: `${startYear}-12-19` },
    { startsOn: `${startYear + 1}-01-05`, endsOn: `${startYear + 1}-03-27` },
    { startsOn: `${startYear + 1}-04-13`, endsOn: `${startYear + 1}-07-22` },
  ];
}

interface Pupil {
  id: string;
  areaCode: string;
  schoolOrg: string;
}

export async function seedDemoReforms(db: Db, options: { disclosureKey: string; today?: string; seed?: number }): Promise<void> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(options.seed ?? 20140901);
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0);
  const terms = [...schoolYearTerms(year - 1), ...schoolYearTerms(year), ...schoolYearTerms(year + 1)];
  await db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.insert(areaTerms).values(DEMO_AREAS.flatMap((a) => terms.map((t) => ({ areaCode: a.code, ...t })))).onConflictDoNothing();
    const pupils = [...(await existingPupils(db)), ...(await newPupils(db, faker, options.disclosureKey, today))];
    await seedSenSupport(db, faker, pupils, today);
    await seedDisputes(db, faker, today);
  });
}

/** Children of the registry with a demo school on the care team and no final plan: on SEN support too. */
async function existingPupils(db: Db): Promise<Pupil[]> {
  const rows = await db
    .select({ id: children.id, areaCode: children.areaCode, schoolOrg: careTeamMembers.org, status: plans.status })
    .from(children)
    .innerJoin(careTeamMembers, and(eq(careTeamMembers.childId, children.id), inArray(careTeamMembers.org, DEMO_SCHOOLS.map((s) => s.org))))
    .leftJoin(plans, eq(plans.childId, children.id))
    .where(inArray(children.areaCode, DEMO_AREAS.map((a) => a.code)))
    .orderBy(children.createdAt, children.id);
  const seen = new Set<string>();
  return rows.filter((r) => r.status !== 'FINAL' && r.status !== 'DRAFT' && !seen.has(r.id) && seen.add(r.id));
}

/** Pupils on SEN support only (no EHC process), registered by the council with a demo school on the care team. */
async function newPupils(db: Db, faker: Faker, disclosureKey: string, today: string): Promise<Pupil[]> {
  const pupils: Pupil[] = [];
  const rows: (typeof children.$inferInsert)[] = [];
  const team: (typeof careTeamMembers.$inferInsert)[] = [];
  const family: (typeof familyLinks.$inferInsert)[] = [];
  for (const area of DEMO_AREAS) {
    const schools = DEMO_SCHOOLS.filter((s) => s.areaCode === area.code);
    for (let i = 0; i < SEN_SUPPORT_PUPILS_PER_AREA; i++) {
      const id = stableUuid('demo-sen-support', area.code, 'pupil', String(i));
      const school = schools[i % schools.length]!;
      rows.push({
        id,
        givenName: faker.person.firstName(),
        familyName: faker.person.lastName(),
        dateOfBirth: addDays(today, -(faker.number.int({ min: 5, max: 15 }) * 365 + faker.number.int({ min: 1, max: 360 }))),
        locality: faker.helpers.arrayElement(area.localities).code,
        areaCode: area.code,
        recordKey: recordKey(disclosureKey, id),
        registeredBySub: `coordinator:seed-${area.senTeamOrg}`,
      });
      const addedBySub = `coordinator:seed-${area.senTeamOrg}`;
      team.push({ childId: id, org: area.senTeamOrg, agency: 'EDUCATION', addedBySub }, { childId: id, org: school.org, agency: 'EDUCATION', addedBySub });
      family.push({ childId: id, subject: `family:sen-support-${area.code}-${i}`, relationship: 'PARENT', linkedBySub: addedBySub });
      pupils.push({ id, areaCode: area.code, schoolOrg: school.org });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(children).values(rows.slice(i, i + 500));
  for (let i = 0; i < team.length; i += 500) await db.insert(careTeamMembers).values(team.slice(i, i + 500)).onConflictDoNothing();
  for (let i = 0; i < family.length; i += 500) await db.insert(familyLinks).values(family.slice(i, i + 500)).onConflictDoNothing();
  return pupils;
}

async function seedSenSupport(db: Db, faker: Faker, pupils: readonly Pupil[], today: string): Promise<void> {
  const heads: (typeof senSupport.$inferInsert)[] = [];
  const needs: (typeof senSupportNeeds.$inferInsert)[] = [];
  const interventions: (typeof senSupportInterventions.$inferInsert)[] = [];
  const reviews: (typeof senSupportReviews.$inferInsert)[] = [];
  for (const p of pupils) {
    const startedOn = addDays(today, -faker.number.int({ min: 20, max: 700 }));
    // About one in eight: the school has not yet recorded informing the parents (s.68), flagged.
    const informed = faker.number.float() < 0.88 ? addDays(startedOn, faker.number.int({ min: 0, max: 10 })) : null;
    heads.push({ childId: p.id, schoolOrg: p.schoolOrg, startedOn, parentsInformedOn: informed && informed <= today ? informed : null, recordedBySub: `practitioner:seed-${p.schoolOrg}` });
    const primary = faker.helpers.weightedArrayElement(NEED_MIX);
    const list = primary === 'NSA' ? [primary] : [...new Set([primary, ...(faker.number.float() < 0.35 ? [faker.helpers.weightedArrayElement(NEED_MIX.filter((n) => n.value !== 'NSA'))] : [])])];
    list.forEach((needType, i) => needs.push({ childId: p.id, rank: i + 1, needType }));
    faker.helpers.arrayElements(INTERVENTIONS, { min: 1, max: 3 }).forEach(([description, expectedOutcome], i) => interventions.push({ childId: p.id, position: i + 1, description, expectedOutcome }));
    // Termly reviews since the start; about one in six pupils has missed the latest one (overdue).
    const skipLast = faker.number.float() < 0.17;
    for (let heldOn = addMonths(startedOn, 3); heldOn <= today; heldOn = addMonths(heldOn, 4)) {
      if (skipLast && addMonths(heldOn, 8) > today) break;
      reviews.push({ childId: p.id, heldOn, outcomesMet: faker.number.float() < 0.55, note: faker.helpers.arrayElement(NOTES), schoolOrg: p.schoolOrg, recordedBySub: `practitioner:seed-${p.schoolOrg}` });
    }
  }
  for (let i = 0; i < heads.length; i += 500) await db.insert(senSupport).values(heads.slice(i, i + 500)).onConflictDoNothing();
  for (let i = 0; i < needs.length; i += 500) await db.insert(senSupportNeeds).values(needs.slice(i, i + 500)).onConflictDoNothing();
  for (let i = 0; i < interventions.length; i += 500) await db.insert(senSupportInterventions).values(interventions.slice(i, i + 500)).onConflictDoNothing();
  for (let i = 0; i < reviews.length; i += 500) await db.insert(senSupportReviews).values(reviews.slice(i, i + 500));
}

/** One dispute at each stage, as (days before today of the decision notice) → facts relative to it. */
function disputeStages(decisionOn: string, today: string): Omit<DisputeFacts, 'decision'>[] {
  const d = (n: number) => addDays(decisionOn, n);
  return [
    { kind: 'MEDIATION', decisionOn, mediationRequestedOn: d(10) },
    { kind: 'MEDIATION', decisionOn, mediationDeclinedOn: d(5), certificateIssuedOn: d(7), outcome: 'NOT_PURSUED', outcomeOn: d(5) },
    { kind: 'MEDIATION', decisionOn, mediationRequestedOn: d(8), mediationHeldOn: d(30), certificateIssuedOn: d(32), outcome: 'NOT_AGREED', outcomeOn: d(30) },
    { kind: 'MEDIATION', decisionOn, mediationRequestedOn: d(6), mediationHeldOn: d(28), certificateIssuedOn: d(30), outcome: 'AGREED', outcomeOn: d(28) },
    { kind: 'APPEAL', decisionOn, certificateIssuedOn: d(32), appealRegisteredOn: d(50), hearingOn: addDays(today, 40) },
    { kind: 'APPEAL', decisionOn, certificateIssuedOn: d(32), appealRegisteredOn: d(50), hearingOn: d(170), outcome: 'ALLOWED', outcomeOn: d(180) },
    { kind: 'APPEAL', decisionOn, certificateIssuedOn: d(32), appealRegisteredOn: d(55), hearingOn: d(175), outcome: 'DISMISSED', outcomeOn: d(182) },
    { kind: 'APPEAL', decisionOn, certificateIssuedOn: d(30), appealRegisteredOn: d(45), outcome: 'CONCEDED', outcomeOn: d(90) },
  ];
}

/** The order an allowed appeal about each decision leads to (SEND Regulations 2014 reg 43(2)). */
const ORDER_FOR: Record<DisputeFacts['decision'], DisputeFacts['order']> = {
  REFUSAL_TO_ASSESS: 'ASSESS', REFUSAL_TO_REASSESS: 'ASSESS', REFUSAL_TO_ISSUE: 'MAKE_PLAN', PLAN_CONTENTS: 'AMEND_CONTENTS',
  NAMED_SETTING: 'AMEND_SETTING', REFUSAL_TO_AMEND: 'AMEND_CONTENTS', CEASE: 'CONTINUE',
};

async function seedDisputes(db: Db, faker: Faker, today: string): Promise<void> {
  const rows: (typeof disputes.$inferInsert)[] = [];
  for (const area of DEMO_AREAS) {
    const candidates = await db
      .select({ id: children.id, status: plans.status })
      .from(children)
      .innerJoin(plans, eq(plans.childId, children.id))
      .where(eq(children.areaCode, area.code))
      .orderBy(children.createdAt, children.id);
    const demoChild = area === DEMO_AREAS[0]
      ? (await db.select({ childId: familyLinks.childId }).from(familyLinks).where(eq(familyLinks.subject, DEMO_PARENT_SUB)))[0]?.childId
      : undefined;
    candidates.slice(0, 40).forEach((c, i) => {
      const decision = decisionFor(c.status, faker);
      const stages = disputeStages(addDays(today, -faker.number.int({ min: 200, max: 500 })), today);
      const facts = { ...stages[i % stages.length]!, decision } as DisputeFacts;
      if (facts.kind === 'APPEAL' && decision === 'NAMED_SETTING' && i % 2 === 0) facts.certificateIssuedOn = null; // s.55(3): no certificate needed
      if (facts.outcome === 'ALLOWED') facts.order = ORDER_FOR[decision];
      rows.push(disputeRow(area, c.id, facts));
    });
    if (demoChild) {
      const decisionOn = addDays(today, -21);
      rows.push(disputeRow(area, demoChild, { kind: 'MEDIATION', decision: 'PLAN_CONTENTS', decisionOn, mediationRequestedOn: addDays(decisionOn, 9) }));
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(disputes).values(rows.slice(i, i + 500));
}

function decisionFor(status: string | null, faker: Faker): DisputeFacts['decision'] {
  switch (status) {
    case 'NOT_ASSESSED': return 'REFUSAL_TO_ASSESS';
    case 'CEASED': return 'CEASE';
    case 'ASSESSING': return 'REFUSAL_TO_ISSUE';
    default: return faker.helpers.arrayElement(['PLAN_CONTENTS', 'NAMED_SETTING', 'REFUSAL_TO_AMEND'] as const);
  }
}

function disputeRow(area: DemoArea, childId: string, facts: DisputeFacts): typeof disputes.$inferInsert {
  const problem = checkDispute(facts);
  if (problem) throw new Error(`demo dispute breaks the process rules: ${problem.field} ${problem.message}`);
  const { order, ...rest } = facts;
  return { ...rest, tribunalOrder: order ?? null, childId, councilOrg: area.senTeamOrg, recordedBySub: `coordinator:seed-${area.senTeamOrg}` };
}
