/**
 * SQL for sections. Appending a version is the only way a section changes; the row definitions load
 * heads, versions, entries and typed parts in batches for the data layer.
 */
import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  healthAgreements, needs, personalBudgets, placements, provisions, sectionEntries, sections, sectionVersions,
} from '../../schema/tables.js';
import type { ChildRecord } from '../../src/access/child-record.js';
import { rowsDef } from '../../src/access/rows.js';
import type { Db } from '../../src/platform/db/database.js';
import { fixedSelect, runFixed, type FixedStatement } from '../../src/platform/db/fixed-statement.js';
import type { Agency, SectionCode } from '../../src/domain/vocabulary.js';
import type { NeedInput, ProvisionInput } from './section.types.js';
import type { ValidBudget, ValidEntry, ValidPlacement } from './validate-contribution.js';

export type SectionHeadRow = typeof sections.$inferSelect;
export type SectionVersionRow = typeof sectionVersions.$inferSelect;
/** An entry with its section and the organisation that wrote its version (its owner). */
export type EntryRow = typeof sectionEntries.$inferSelect & { code: SectionCode; authorOrg: string };
export type NeedRow = typeof needs.$inferSelect;
export type ProvisionRow = typeof provisions.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;
export type BudgetRow = typeof personalBudgets.$inferSelect;
export type HealthAgreementRow = typeof healthAgreements.$inferSelect;

// The rows of a child's sections are read on every page: fixed statements, prepared once per
// connection (src/platform/db/fixed-statement.ts), whatever the batch size.
const SECTION_HEADS = fixedSelect<SectionHeadRow>(getTableColumns(sections), 'from "sections" where "sections"."child_id" = any($1::uuid[]) order by "sections"."code"');
const SECTION_VERSIONS = fixedSelect<SectionVersionRow>(
  getTableColumns(sectionVersions),
  'from "section_versions" where "section_versions"."child_id" = any($1::uuid[]) order by "section_versions"."code", "section_versions"."version"',
);
const ENTRIES = fixedSelect<EntryRow>(
  { ...getTableColumns(sectionEntries), code: sectionVersions.code, authorOrg: sectionVersions.authorOrg },
  'from "section_entries" inner join "section_versions" on "section_versions"."id" = "section_entries"."version_id" where "section_entries"."version_id" = any($1::uuid[]) order by "section_entries"."version_id", "section_entries"."position"',
);
/** One typed part of the current versions: `from <table> where version_id = any($1) [order by]`. */
const partOf = <T extends PgTable>(table: T, orderBy = '') => {
  const name = getTableName(table);
  return fixedSelect<T['$inferSelect']>(getTableColumns(table), `from "${name}" where "${name}"."version_id" = any($1::uuid[])${orderBy ? ` order by ${orderBy}` : ''}`);
};

export const sectionHeadRows = rowsDef<ChildRecord, SectionHeadRow>({
  name: 'sectionHeads',
  key: (child) => child.id,
  batch: (db, ids) => runFixed(db, SECTION_HEADS, [ids]),
  keyOf: (row) => row.childId,
});

const headKey = (head: SectionHeadRow) => `${head.childId}|${head.code}`;

export const sectionVersionRows = rowsDef<SectionHeadRow, SectionVersionRow>({
  name: 'sectionVersions',
  key: headKey,
  batch: (db, keys) => runFixed(db, SECTION_VERSIONS, [[...new Set(keys.map((k) => k.split('|')[0]!))]]),
  keyOf: (row) => `${row.childId}|${row.code}`,
});

export const entryRows = rowsDef<SectionHeadRow, EntryRow>({
  name: 'entries',
  key: (head) => head.currentVersionId,
  batch: (db, versionIds) => runFixed(db, ENTRIES, [versionIds]),
  keyOf: (row) => row.versionId,
});

const byVersion = <R extends { versionId: string }>(name: string, statement: FixedStatement<R>) =>
  rowsDef<SectionHeadRow, R>({ name, key: (head) => head.currentVersionId, batch: (db: Db, ids) => runFixed(db, statement, [ids]), keyOf: (row) => row.versionId });

export const needRows = byVersion('needs', partOf(needs, '"needs"."rank"'));
export const provisionRows = byVersion('provisions', partOf(provisions, '"provisions"."id"'));
export const placementRows = byVersion('placements', partOf(placements));
export const budgetRows = byVersion('budgets', partOf(personalBudgets));
export const healthAgreementRows = byVersion('healthAgreements', partOf(healthAgreements));

export interface NewSectionVersion {
  childId: string;
  code: SectionCode;
  agency: Agency;
  authorOrg: string;
  authorSub: string;
  expectedVersion: number | null;
  entries: ValidEntry[];
  needs: NeedInput[];
  provisions: ProvisionInput[];
  placement: ValidPlacement | null;
  personalBudget: ValidBudget | null;
  icbAgreed: boolean | null;
}

export class StaleVersionError extends Error {
  constructor(readonly current: number) {
    super(`stale version: current is ${current}`);
  }
}

/** The current version number (0 when the section has never been written). */
async function currentVersion(db: Db, childId: string, code: SectionCode): Promise<number> {
  const [row] = await db.select({ version: sections.version }).from(sections).where(and(eq(sections.childId, childId), eq(sections.code, code)));
  return row?.version ?? 0;
}

/**
 * Appends version N+1 and returns N+1. The unique (child, code, version) key makes concurrent writers
 * of the same version collide in the database: exactly one insert succeeds, the others raise 23505.
 */
export async function appendSectionVersion(db: Db, v: NewSectionVersion): Promise<number> {
  const current = await currentVersion(db, v.childId, v.code);
  if (v.expectedVersion !== null && v.expectedVersion !== current) throw new StaleVersionError(current);
  const next = current + 1;
  const [version] = await db
    .insert(sectionVersions)
    .values({ childId: v.childId, code: v.code, version: next, authorOrg: v.authorOrg, authorSub: v.authorSub })
    .returning({ id: sectionVersions.id });
  const versionId = version!.id;
  await db
    .insert(sections)
    .values({ childId: v.childId, code: v.code, currentVersionId: versionId, version: next, agency: v.agency, authorOrg: v.authorOrg })
    .onConflictDoUpdate({
      target: [sections.childId, sections.code],
      set: { currentVersionId: versionId, version: next, authorOrg: v.authorOrg, updatedAt: sql`now()` },
    });
  await insertParts(db, versionId, v);
  return next;
}

async function insertParts(db: Db, versionId: string, v: NewSectionVersion): Promise<void> {
  await db.insert(sectionEntries).values(v.entries.map((e, position) => ({ versionId, position, ...e })));
  if (v.needs.length) await db.insert(needs).values(v.needs.map((n) => ({ versionId, childId: v.childId, type: n.type, rank: n.rank })));
  if (v.provisions.length) {
    await db.insert(provisions).values(v.provisions.map((p) => ({
      versionId, childId: v.childId, code: v.code, provisionType: p.provisionType, description: p.description,
      providerOrg: p.providerOrg ?? null, quantity: p.quantity ?? null, unit: p.unit ?? null, frequency: p.frequency ?? null,
      annualCostPence: p.annualCostPence ?? null, startOn: p.startOn ?? null, endOn: p.endOn ?? null,
    })));
  }
  if (v.placement) await db.insert(placements).values({ versionId, childId: v.childId, ...v.placement });
  if (v.personalBudget) await db.insert(personalBudgets).values({ versionId, childId: v.childId, ...v.personalBudget });
  if (v.icbAgreed !== null) await db.insert(healthAgreements).values({ versionId, agreedByIcb: v.icbAgreed });
}

export { isUniqueViolation } from '../../src/platform/db/database.js';
