/** SQL for sections: appending a version is the only way a section changes. */
import { and, eq, sql } from 'drizzle-orm';
import { healthAgreements, needs, personalBudgets, placements, provisions, sectionEntries, sections, sectionVersions } from '../../schema/tables.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Agency, SectionCode } from '../../src/domain/vocabulary.js';
import type { NeedInput, PlacementInput, ProvisionInput } from './section.types.js';
import type { ValidBudget, ValidEntry } from './validate-contribution.js';

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
  placement: PlacementInput | null;
  personalBudget: ValidBudget | null;
  icbAgreed: boolean | null;
}

export class StaleVersionError extends Error {
  constructor(readonly current: number) {
    super(`stale version: current is ${current}`);
  }
}

/** The current version number (0 when the section has never been written). */
export async function currentVersion(tx: Db, childId: string, code: SectionCode): Promise<number> {
  const [row] = await tx
    .select({ version: sections.version })
    .from(sections)
    .where(and(eq(sections.childId, childId), eq(sections.code, code)));
  return row?.version ?? 0;
}

/**
 * Appends version N+1. The unique (child, code, version) key makes concurrent writers of the same
 * version collide in the database: exactly one insert succeeds, the others raise 23505 (CONFLICT).
 */
export async function appendSectionVersion(tx: Db, v: NewSectionVersion): Promise<number> {
  const current = await currentVersion(tx, v.childId, v.code);
  if (v.expectedVersion !== null && v.expectedVersion !== current) throw new StaleVersionError(current);
  const next = current + 1;
  const [version] = await tx
    .insert(sectionVersions)
    .values({ childId: v.childId, code: v.code, version: next, authorOrg: v.authorOrg, authorSub: v.authorSub })
    .returning({ id: sectionVersions.id });
  const versionId = version!.id;
  await tx
    .insert(sections)
    .values({ childId: v.childId, code: v.code, currentVersionId: versionId, version: next, agency: v.agency, authorOrg: v.authorOrg })
    .onConflictDoUpdate({
      target: [sections.childId, sections.code],
      set: { currentVersionId: versionId, version: next, authorOrg: v.authorOrg, updatedAt: sql`now()` },
    });
  await insertParts(tx, versionId, v);
  return next;
}

async function insertParts(tx: Db, versionId: string, v: NewSectionVersion): Promise<void> {
  await tx.insert(sectionEntries).values(v.entries.map((e, position) => ({ versionId, position, ...e })));
  if (v.needs.length) await tx.insert(needs).values(v.needs.map((n) => ({ versionId, childId: v.childId, type: n.type, rank: n.rank })));
  if (v.provisions.length) {
    await tx.insert(provisions).values(v.provisions.map((p) => ({
      versionId, childId: v.childId, code: v.code, provisionType: p.provisionType, description: p.description,
      providerOrg: p.providerOrg ?? null, quantity: p.quantity ?? null, unit: p.unit ?? null, frequency: p.frequency ?? null,
      annualCostPence: p.annualCostPence ?? null, startOn: p.startOn ?? null, endOn: p.endOn ?? null,
    })));
  }
  if (v.placement) await tx.insert(placements).values({ versionId, childId: v.childId, settingType: v.placement.settingType, urn: v.placement.urn ?? null, settingName: v.placement.settingName });
  if (v.personalBudget) await tx.insert(personalBudgets).values({ versionId, childId: v.childId, ...v.personalBudget });
  if (v.icbAgreed !== null) await tx.insert(healthAgreements).values({ versionId, agreedByIcb: v.icbAgreed });
}

/** True for a PostgreSQL unique violation (postgres.js and PGlite both expose `code`). */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
