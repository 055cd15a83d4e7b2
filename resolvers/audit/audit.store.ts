/** SQL for the audit module: the access log, the break-glass review queue and the subject access export. */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  adviceRequests, auditEvents, breakGlassGrants, careTeamMembers, children, clockExceptions, consents, familyLinks,
  healthAgreements, needs, personalBudgets, placements, plans, provisions, sectionEntries, sections, sectionVersions,
} from '../../schema/tables.js';
import type { Db } from '../../src/platform/db/database.js';
import type { AccessBasis } from '../../src/domain/vocabulary.js';
import type { BreakGlassOutcome } from './audit.types.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type BreakGlassGrantRow = typeof breakGlassGrants.$inferSelect;

export interface AccessLogQuery {
  /** Children whose events may be read; `areas` widens it to every child of those areas. */
  childIds?: string[];
  areas?: string[];
  /** Area-wide readers (DPO) also see events about no child. */
  includeChildless?: boolean;
  actorSub?: string | null;
  actorOrg?: string | null;
  basis?: AccessBasis | null;
  from?: Date | null;
  to?: Date | null;
  /** Keyset: events older than this sequence number. */
  beforeSeq?: number | null;
  limit: number;
}

/** A page of events, newest first (by chain position). */
export async function accessLogPage(tx: Db, q: AccessLogQuery): Promise<AuditEventRow[]> {
  const scope: (SQL | undefined)[] = [];
  if (q.childIds) scope.push(q.childIds.length ? inArray(auditEvents.childId, q.childIds) : sql`false`);
  if (q.areas) {
    scope.push(q.areas.length
      ? inArray(auditEvents.childId, tx.select({ id: children.id }).from(children).where(inArray(children.areaCode, q.areas)))
      : sql`false`);
  }
  if (q.includeChildless) scope.push(isNull(auditEvents.childId));
  const where = and(
    or(...scope) ?? sql`false`,
    q.actorSub ? eq(auditEvents.actorSub, q.actorSub) : undefined,
    q.actorOrg ? eq(auditEvents.actorOrg, q.actorOrg) : undefined,
    q.basis ? eq(auditEvents.basis, q.basis) : undefined,
    q.from ? gte(auditEvents.at, q.from.toISOString()) : undefined,
    q.to ? lte(auditEvents.at, q.to.toISOString()) : undefined,
    q.beforeSeq != null ? lt(auditEvents.seq, q.beforeSeq) : undefined,
  );
  return tx.select().from(auditEvents).where(where).orderBy(desc(auditEvents.seq)).limit(q.limit);
}

/** Break-glass grants on children of the given areas, oldest first; `pending` keeps the unreviewed. */
export async function breakGlassGrantsInAreas(tx: Db, areas: string[], pending: boolean | null | undefined): Promise<BreakGlassGrantRow[]> {
  if (areas.length === 0) return [];
  return tx
    .select({ grant: breakGlassGrants })
    .from(breakGlassGrants)
    .innerJoin(children, eq(children.id, breakGlassGrants.childId))
    .where(and(
      inArray(children.areaCode, areas),
      pending === true ? isNull(breakGlassGrants.reviewOutcome) : pending === false ? sql`${breakGlassGrants.reviewOutcome} is not null` : undefined,
    ))
    .orderBy(asc(breakGlassGrants.createdAt), asc(breakGlassGrants.id))
    .then((rows) => rows.map((r) => r.grant));
}

export async function breakGlassGrant(tx: Db, id: string): Promise<BreakGlassGrantRow | null> {
  const [row] = await tx.select().from(breakGlassGrants).where(eq(breakGlassGrants.id, id)).limit(1);
  return row ?? null;
}

/** Records the review once: returns null if someone reviewed it first. */
export async function recordReview(
  tx: Db,
  id: string,
  review: { outcome: BreakGlassOutcome; note: string; reviewedBySub: string },
): Promise<BreakGlassGrantRow | null> {
  const [row] = await tx
    .update(breakGlassGrants)
    .set({ reviewOutcome: review.outcome, reviewNote: review.note, reviewedBySub: review.reviewedBySub, reviewedAt: sql`now()` })
    .where(and(eq(breakGlassGrants.id, id), isNull(breakGlassGrants.reviewOutcome)))
    .returning();
  return row ?? null;
}

/** Everything the hub holds on one child, for a subject access export (UK GDPR Art. 15). */
export async function everythingHeldOn(tx: Db, childId: string) {
  const [child] = await tx.select().from(children).where(eq(children.id, childId));
  const versions = await tx.select().from(sectionVersions).where(eq(sectionVersions.childId, childId))
    .orderBy(asc(sectionVersions.code), asc(sectionVersions.version));
  const versionIds = versions.map((v) => v.id);
  const byVersion = async <R extends { versionId: string }>(rows: Promise<R[]>) => {
    const grouped = new Map<string, R[]>();
    for (const row of await rows) grouped.set(row.versionId, [...(grouped.get(row.versionId) ?? []), row]);
    return grouped;
  };
  const none = versionIds.length === 0;
  const [entries, needRows, provisionRows, placementRows, budgetRows, agreementRows] = await Promise.all([
    byVersion(none ? Promise.resolve([]) : tx.select().from(sectionEntries).where(inArray(sectionEntries.versionId, versionIds)).orderBy(asc(sectionEntries.position))),
    byVersion(none ? Promise.resolve([]) : tx.select().from(needs).where(inArray(needs.versionId, versionIds)).orderBy(asc(needs.rank))),
    byVersion(none ? Promise.resolve([]) : tx.select().from(provisions).where(inArray(provisions.versionId, versionIds))),
    byVersion(none ? Promise.resolve([]) : tx.select().from(placements).where(inArray(placements.versionId, versionIds))),
    byVersion(none ? Promise.resolve([]) : tx.select().from(personalBudgets).where(inArray(personalBudgets.versionId, versionIds))),
    byVersion(none ? Promise.resolve([]) : tx.select().from(healthAgreements).where(inArray(healthAgreements.versionId, versionIds))),
  ]);
  const [careTeam, family, plan, clock, advice, heads, consentRows, grants, history] = await Promise.all([
    tx.select().from(careTeamMembers).where(eq(careTeamMembers.childId, childId)).orderBy(asc(careTeamMembers.createdAt)),
    tx.select().from(familyLinks).where(eq(familyLinks.childId, childId)).orderBy(asc(familyLinks.createdAt)),
    tx.select().from(plans).where(eq(plans.childId, childId)),
    tx.select().from(clockExceptions).where(eq(clockExceptions.childId, childId)).orderBy(asc(clockExceptions.fromOn)),
    tx.select().from(adviceRequests).where(eq(adviceRequests.childId, childId)).orderBy(asc(adviceRequests.requestedOn)),
    tx.select().from(sections).where(eq(sections.childId, childId)).orderBy(asc(sections.code)),
    tx.select().from(consents).where(eq(consents.childId, childId)).orderBy(asc(consents.createdAt)),
    tx.select().from(breakGlassGrants).where(eq(breakGlassGrants.childId, childId)).orderBy(asc(breakGlassGrants.createdAt)),
    tx.select().from(auditEvents).where(eq(auditEvents.childId, childId)).orderBy(asc(auditEvents.seq)),
  ]);
  return {
    child: child ?? null,
    careTeam,
    family,
    plan: plan[0] ?? null,
    clockExceptions: clock,
    adviceRequests: advice,
    sectionHeads: heads,
    versions: versions.map((v) => {
      const { id, ...rest } = v;
      return {
        id,
        ...rest,
        entries: (entries.get(id) ?? []).map(({ versionId: _v, ...e }) => e),
        needs: (needRows.get(id) ?? []).map(({ versionId: _v, childId: _c, ...n }) => n),
        provisions: (provisionRows.get(id) ?? []).map(({ versionId: _v, childId: _c, ...p }) => p),
        placement: placementRows.get(id)?.map(({ versionId: _v, childId: _c, ...p }) => p)[0] ?? null,
        personalBudget: budgetRows.get(id)?.map(({ versionId: _v, childId: _c, ...b }) => b)[0] ?? null,
        healthAgreement: agreementRows.get(id)?.map(({ versionId: _v, ...a }) => a)[0] ?? null,
      };
    }),
    consents: consentRows,
    breakGlassGrants: grants,
    accessHistory: history,
  };
}

/** The children a family member is linked to. */
export async function childrenLinkedTo(tx: Db, subject: string): Promise<string[]> {
  const rows = await tx.select({ id: familyLinks.childId }).from(familyLinks).where(eq(familyLinks.subject, subject));
  return rows.map((r) => r.id);
}
