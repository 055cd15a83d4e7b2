/**
 * SQL for SEN support. Writes run only through ScopedData.write, inside the request's transaction; the
 * row definitions are loaded by the data layer and handed out sealed.
 */
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { areaTerms, plans, senSupport, senSupportInterventions, senSupportNeeds, senSupportReviews } from '../../schema/tables.js';
import type { ChildRecord } from '../../src/access/child-record.js';
import { rowsDef } from '../../src/access/rows.js';
import type { SenSupportNeedType, Term } from '../../src/domain/sen-support.js';
import type { Db } from '../../src/platform/db/database.js';

export interface SenSupportRow {
  childId: string;
  schoolOrg: string;
  startedOn: string;
  parentsInformedOn: string | null;
  needs: SenSupportNeedType[];
  lastReviewOn: string | null;
  /** The child's area's term dates, for the review date. */
  terms: Term[];
}
export type InterventionRow = typeof senSupportInterventions.$inferSelect;
export type ReviewRow = typeof senSupportReviews.$inferSelect;

/**
 * The outer row's child id, qualified: drizzle writes a single-table select's columns unqualified, and an
 * unqualified child_id inside a subquery would bind to the subquery's own table.
 */
const OUTER_CHILD = sql.raw('"sen_support"."child_id"');

/** The child's SEN support with its needs, last review and area terms: one statement for a batch of children. */
export const senSupportRows = rowsDef<ChildRecord, SenSupportRow>({
  name: 'senSupport',
  key: (child) => child.id,
  batch: async (db, ids) => {
    const rows = await db
      .select({
        ...getTableColumns(senSupport),
        needList: sql<string | null>`(select string_agg(n.need_type, ',' order by n.rank) from sen_support_needs n where n.child_id = ${OUTER_CHILD})`,
        lastReviewOn: sql<string | null>`(select max(r.held_on)::text from sen_support_reviews r where r.child_id = ${OUTER_CHILD})`,
        termList: sql<string | null>`(select string_agg(t.starts_on::text || '/' || t.ends_on::text, ',' order by t.starts_on)
          from area_terms t join children c on c.area_code = t.area_code where c.id = ${OUTER_CHILD})`,
      })
      .from(senSupport)
      .where(inArray(senSupport.childId, [...ids]));
    return rows.map((r) => ({
      childId: r.childId,
      schoolOrg: r.schoolOrg,
      startedOn: r.startedOn,
      parentsInformedOn: r.parentsInformedOn,
      needs: (r.needList ? r.needList.split(',') : []) as SenSupportNeedType[],
      lastReviewOn: r.lastReviewOn,
      terms: (r.termList ? r.termList.split(',') : []).map((t) => {
        const [startsOn, endsOn] = t.split('/');
        return { startsOn: startsOn!, endsOn: endsOn! };
      }),
    }));
  },
  keyOf: (row) => row.childId,
});

/** The same rows under a child's EHC process (keyed by the process's child): the evidence its request carries. */
export const senSupportOfPlanRows = rowsDef<{ childId: string }, SenSupportRow>({ ...senSupportRows, name: 'senSupportOfPlan', key: (plan) => plan.childId });

export const interventionRows = rowsDef<SenSupportRow, InterventionRow>({
  name: 'senSupportInterventions',
  key: (s) => s.childId,
  batch: (db, ids) => db.select().from(senSupportInterventions).where(inArray(senSupportInterventions.childId, [...ids])).orderBy(asc(senSupportInterventions.position)),
  keyOf: (row) => row.childId,
});

export const reviewRows = rowsDef<SenSupportRow, ReviewRow>({
  name: 'senSupportReviews',
  key: (s) => s.childId,
  batch: (db, ids) => db.select().from(senSupportReviews).where(inArray(senSupportReviews.childId, [...ids])).orderBy(asc(senSupportReviews.heldOn), asc(senSupportReviews.createdAt)),
  keyOf: (row) => row.childId,
});

/** A write the rules refuse; `field` names the input to fix. Nothing has been written. */
export class SenSupportRefusal extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export interface RecordSenSupport {
  childId: string;
  schoolOrg: string;
  startedOn: string;
  needs: readonly SenSupportNeedType[];
  interventions: readonly { description: string; expectedOutcome: string }[];
  recordedBySub: string;
}

/**
 * Records or revises the pupil's SEN support. A pupil with a final EHC plan is not on SEN support (Code
 * 6.44; CFA 2014 s.68 concerns pupils with no plan). A record taken over by another school (the pupil moved)
 * starts its own s.68 duty: the parents must be informed again by the new school.
 */
export async function recordSenSupport(db: Db, r: RecordSenSupport): Promise<void> {
  const [plan] = await db.select({ status: plans.status }).from(plans).where(eq(plans.childId, r.childId));
  if (plan?.status === 'FINAL') throw new SenSupportRefusal('childId', 'this child has an EHC plan: its provision is in sections F, G, H1 and H2, not SEN support');
  const [existing] = await db.select({ schoolOrg: senSupport.schoolOrg }).from(senSupport).where(eq(senSupport.childId, r.childId));
  const sameSchool = existing?.schoolOrg === r.schoolOrg;
  await db
    .insert(senSupport)
    .values({ childId: r.childId, schoolOrg: r.schoolOrg, startedOn: r.startedOn, recordedBySub: r.recordedBySub })
    .onConflictDoUpdate({
      target: senSupport.childId,
      set: {
        schoolOrg: r.schoolOrg,
        startedOn: r.startedOn,
        recordedBySub: r.recordedBySub,
        updatedAt: sql`now()`,
        ...(sameSchool ? {} : { parentsInformedOn: null }),
      },
    });
  await db.delete(senSupportNeeds).where(eq(senSupportNeeds.childId, r.childId));
  await db.insert(senSupportNeeds).values(r.needs.map((needType, i) => ({ childId: r.childId, rank: i + 1, needType })));
  await db.delete(senSupportInterventions).where(eq(senSupportInterventions.childId, r.childId));
  await db.insert(senSupportInterventions).values(r.interventions.map((x, i) => ({ childId: r.childId, position: i + 1, ...x })));
}

async function currentSchool(db: Db, childId: string, schoolOrg: string): Promise<{ startedOn: string }> {
  const [row] = await db.select({ schoolOrg: senSupport.schoolOrg, startedOn: senSupport.startedOn }).from(senSupport).where(eq(senSupport.childId, childId));
  if (!row) throw new SenSupportRefusal('childId', 'no SEN support is recorded for this pupil: record it first');
  if (row.schoolOrg !== schoolOrg) throw new SenSupportRefusal('childId', "another school provides this pupil's SEN support: record your own support first");
  return row;
}

export async function reviewSenSupport(db: Db, r: { childId: string; schoolOrg: string; heldOn: string; outcomesMet: boolean; note: string | null; recordedBySub: string }): Promise<void> {
  const { startedOn } = await currentSchool(db, r.childId, r.schoolOrg);
  if (r.heldOn < startedOn) throw new SenSupportRefusal('heldOn', `must be on or after the start of support (${startedOn})`);
  await db.insert(senSupportReviews).values(r);
}

export async function recordParentsInformed(db: Db, r: { childId: string; schoolOrg: string; on: string }): Promise<void> {
  await currentSchool(db, r.childId, r.schoolOrg);
  await db.update(senSupport).set({ parentsInformedOn: r.on, updatedAt: sql`now()` }).where(and(eq(senSupport.childId, r.childId), eq(senSupport.schoolOrg, r.schoolOrg)));
}

/** Replaces the area's terms within the span the new list covers, keeping terms outside it. */
export async function recordTermDates(db: Db, a: { areaCode: string; terms: readonly Term[] }): Promise<number> {
  const from = a.terms.map((t) => t.startsOn).sort()[0]!;
  const to = a.terms.map((t) => t.endsOn).sort().at(-1)!;
  await db.delete(areaTerms).where(and(eq(areaTerms.areaCode, a.areaCode), sql`${areaTerms.endsOn} >= ${from}::date`, sql`${areaTerms.startsOn} <= ${to}::date`));
  await db.insert(areaTerms).values(a.terms.map((t) => ({ areaCode: a.areaCode, ...t })));
  return a.terms.length;
}

/** An area's term dates: reference data (no child), read through ScopedData.readPublic. */
export function termDates(db: Db, areaCode: string): Promise<Term[]> {
  return db.select({ startsOn: areaTerms.startsOn, endsOn: areaTerms.endsOn }).from(areaTerms).where(eq(areaTerms.areaCode, areaCode)).orderBy(asc(areaTerms.startsOn));
}
