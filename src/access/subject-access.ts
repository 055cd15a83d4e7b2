/**
 * The subject access export (UK GDPR Art. 15) as a named read of the data layer: everything the hub
 * holds on one child, plus its access history, as one JSON document for the DPO of the child's area,
 * who answers the request (and redacts third-party data, Art. 15(4), before it leaves the council).
 * The DPO does not otherwise read section content (policies/field-access.ts rule 2); the export is the
 * one, recorded exception: an EXPORT event listing every category and section it included.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  adviceRequests, auditEvents, breakGlassGrants, careTeamMembers, children, clockExceptions, consents, disputes, familyComments,
  familyLinks, healthAgreements, needs, personalBudgetRequests, personalBudgets, placements, planEpisodes, plans, provisions,
  sectionEntries, sections, sectionVersions, senSupport, senSupportInterventions, senSupportNeeds, senSupportReviews,
  settingPreferences, subjectAccessRequests,
} from '../../schema/tables.js';
import { DATA_CATEGORIES, type DataCategory, type SectionCode } from '../domain/vocabulary.js';
import type { Db } from '../platform/db/database.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ChildRef } from './sealed.js';
import type { ScopedData } from './scoped-data.js';

/** No open subject access request for the child: an export answers one (record it first). */
export class NoOpenRequest extends Error {}
/** A second export in one operation (aliases): one child per operation. */
export class OneExportPerOperation extends Error {}

/**
 * The export document of one child, answering its oldest open request (marked answered in the same
 * transaction); recorded as EXPORT before it is returned. Safeguarding content is left out unless the
 * DPO decided, on the serious-harm test (DPA 2018 Sch. 3 Part 3), to release it for this request.
 */
export async function subjectAccessDocument(data: ScopedData, child: ChildRef): Promise<string> {
  const internals = internalsOf(data);
  if (internals.memo.has('subjectAccessExport')) throw new OneExportPerOperation();
  internals.memo.set('subjectAccessExport', true);
  const { tx } = internals;
  const [request] = await tx.select().from(subjectAccessRequests)
    .where(and(eq(subjectAccessRequests.childId, child.id), isNull(subjectAccessRequests.answeredAt)))
    .orderBy(asc(subjectAccessRequests.receivedOn), asc(subjectAccessRequests.createdAt)).limit(1);
  if (!request) throw new NoOpenRequest();
  const releaseSafeguarding = request.safeguardingDecision === 'RELEASE';
  const held = withoutSafeguarding(await everythingHeldOn(tx, child.id), releaseSafeguarding);
  await tx.update(subjectAccessRequests).set({ answeredAt: data.now, answeredBySub: data.actor.sub }).where(eq(subjectAccessRequests.id, request.id));
  const categories = new Set<DataCategory>(['IDENTITY']);
  const sectionCodes = new Set<SectionCode>();
  for (const v of held.versions) {
    sectionCodes.add(v.code);
    for (const e of v.entries) categories.add(e.category);
  }
  if (held.plan || held.senSupport || held.disputes.length > 0) categories.add('EDUCATION');
  if (held.personalBudgetRequests.length > 0) categories.add('FINANCIAL');
  data.noteAction(child, 'EXPORT', 'STATUTORY', {
    categories: DATA_CATEGORIES.filter((c) => categories.has(c)),
    sections: [...sectionCodes].sort(),
  });
  const { actor } = data;
  const document = {
    format: 'ehc-hub subject access export',
    version: 1,
    exportedAt: data.now.toISOString(),
    exportedBy: { sub: actor.sub, org: actor.org, role: actor.role },
    request: { id: request.id, receivedOn: request.receivedOn, dueOn: request.dueOn, requestedByRole: request.requestedByRole },
    safeguarding: releaseSafeguarding
      ? 'included: the data protection officer decided it can be released (DPA 2018 Sch. 3 Part 3)'
      : 'left out: exempt unless the data protection officer decides, on the serious-harm test (DPA 2018 Sch. 3 Part 3), to release it',
    childId: child.id,
    identity: held.child,
    careTeam: held.careTeam,
    familyLinks: held.family,
    plan: held.plan,
    endedEpisodes: held.endedEpisodes,
    settingPreferences: held.settingPreferences,
    familyComments: held.familyComments,
    personalBudgetRequests: held.personalBudgetRequests,
    clockExceptions: held.clockExceptions,
    adviceRequests: held.adviceRequests,
    senSupport: held.senSupport,
    disputes: held.disputes,
    sections: held.sectionHeads,
    sectionVersions: held.versions,
    consents: held.consents,
    breakGlassGrants: held.breakGlassGrants,
    accessHistory: held.accessHistory,
  };
  return JSON.stringify(document, null, 2);
}

type Held = Awaited<ReturnType<typeof everythingHeldOn>>;

/** The held record without safeguarding entries and without events recorded only about them. */
function withoutSafeguarding(held: Held, release: boolean): Held {
  if (release) return held;
  return {
    ...held,
    versions: held.versions.map((v) => ({ ...v, entries: v.entries.filter((e) => e.category !== 'SAFEGUARDING') })),
    accessHistory: held.accessHistory
      .filter((e) => !(e.categories.length > 0 && e.categories.every((c) => c === 'SAFEGUARDING')))
      .map((e) => ({ ...e, categories: e.categories.filter((c) => c !== 'SAFEGUARDING') })),
  };
}

/** Everything the hub holds on one child, for a subject access export (UK GDPR Art. 15). */
async function everythingHeldOn(tx: Db, childId: string) {
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
  const [support, supportNeeds, interventions, reviews, disputeRows, endedEpisodes, preferences, comments, budgetRequests] = await Promise.all([
    tx.select().from(senSupport).where(eq(senSupport.childId, childId)),
    tx.select().from(senSupportNeeds).where(eq(senSupportNeeds.childId, childId)).orderBy(asc(senSupportNeeds.rank)),
    tx.select().from(senSupportInterventions).where(eq(senSupportInterventions.childId, childId)).orderBy(asc(senSupportInterventions.position)),
    tx.select().from(senSupportReviews).where(eq(senSupportReviews.childId, childId)).orderBy(asc(senSupportReviews.heldOn)),
    tx.select().from(disputes).where(eq(disputes.childId, childId)).orderBy(asc(disputes.decisionOn), asc(disputes.createdAt)),
    tx.select().from(planEpisodes).where(eq(planEpisodes.childId, childId)).orderBy(asc(planEpisodes.episode)),
    tx.select().from(settingPreferences).where(eq(settingPreferences.childId, childId)).orderBy(asc(settingPreferences.createdAt)),
    tx.select().from(familyComments).where(eq(familyComments.childId, childId)).orderBy(asc(familyComments.createdAt)),
    tx.select().from(personalBudgetRequests).where(eq(personalBudgetRequests.childId, childId)).orderBy(asc(personalBudgetRequests.createdAt)),
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
    /** Ended episodes of the process, kept as they ended, and what the family asked of the council. */
    endedEpisodes,
    settingPreferences: preferences,
    familyComments: comments,
    personalBudgetRequests: budgetRequests,
    clockExceptions: clock,
    adviceRequests: advice,
    // SEN support (Code 6.44–6.72) and disputes (CFA 2014 ss.51–55) are held about the child too.
    senSupport: support[0]
      ? {
          ...support[0],
          needs: supportNeeds.map((n) => n.needType),
          interventions: interventions.map(({ childId: _c, ...x }) => x),
          reviews: reviews.map(({ childId: _c, ...r }) => r),
        }
      : null,
    disputes: disputeRows,
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
