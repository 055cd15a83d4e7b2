/**
 * The DfE SEN2 return's input as a named read of the data layer: every child of one area with every
 * episode of its EHC process (current and ended), the episode's clock exceptions, the current section B
 * needs, section I setting and section J budget, as the plain records src/domain/sen2 derives the return
 * from (docs/sen2.md maps each item). Each child is handed out to the reader (an IDENTITY read) and the
 * export is recorded as EXPORT on every child it carries, in the same transaction as the read.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { children, clockExceptions, needs, personalBudgets, placements, planEpisodes, plans, sections } from '../../schema/tables.js';
import type { CeasedReason } from '../domain/plan-transitions.js';
import { sectionsWithPart } from '../domain/sections.js';
import type { Sen2ChildRecord, Sen2EpisodeRecord, Sen2PlacementRecord } from '../domain/sen2/index.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ScopedData } from './scoped-data.js';

type PlanRow = typeof plans.$inferSelect;
type PlacementRow = typeof placements.$inferSelect;

/** The section codes carrying a typed part, from the section registry. */
const codesOf = (part: Parameters<typeof sectionsWithPart>[0]) => sectionsWithPart(part);

function placementRecord(p: PlacementRow): Sen2PlacementRecord | null {
  // Placements recorded before the legal status was asked cannot be described to SEN2: the validator names them.
  if (!p.legalStatus) return null;
  return {
    rank: 1, settingType: p.settingType, legalStatus: p.legalStatus, urn: p.urn, ukprn: p.ukprn, sen2Setting: p.sen2Setting,
    sen2SettingOther: p.sen2SettingOther, outOfArea: p.outOfArea, senUnit: p.senUnit, resourcedProvision: p.resourcedProvision,
  };
}

/** Every child of `areaCode` the reader may see, as SEN2 input records, the export recorded on each. */
export async function sen2Records(data: ScopedData, areaCode: string): Promise<Sen2ChildRecord[]> {
  data.assertCan('sen2.export', { areaCode });
  const { tx } = internalsOf(data);
  const ids = (await tx.select({ id: children.id }).from(children).where(eq(children.areaCode, areaCode)).orderBy(asc(children.id))).map((r) => r.id);
  const handedOut = await data.childrenByIds(ids);
  const visible = handedOut.map((c) => c.id);
  if (visible.length === 0) return [];
  const [rows, current, ended, exceptions, heads] = await Promise.all([
    tx.select().from(children).where(inArray(children.id, visible)),
    tx.select().from(plans).where(inArray(plans.childId, visible)),
    tx.select().from(planEpisodes).where(inArray(planEpisodes.childId, visible)),
    tx.select().from(clockExceptions).where(inArray(clockExceptions.childId, visible)),
    tx.select().from(sections).where(inArray(sections.childId, visible)),
  ]);
  const versionOf = (childId: string, part: Parameters<typeof sectionsWithPart>[0]) =>
    heads.find((h) => h.childId === childId && codesOf(part).includes(h.code))?.currentVersionId ?? null;
  const versions = (part: Parameters<typeof sectionsWithPart>[0]) => visible.map((id) => versionOf(id, part)).filter((v): v is string => v !== null);
  const [needRows, placementRows, budgetRows] = await Promise.all([
    versions('needs').length ? tx.select().from(needs).where(inArray(needs.versionId, versions('needs'))) : [],
    versions('placement').length ? tx.select().from(placements).where(inArray(placements.versionId, versions('placement'))) : [],
    versions('personalBudget').length ? tx.select().from(personalBudgets).where(inArray(personalBudgets.versionId, versions('personalBudget'))) : [],
  ]);

  const episodeRecord = (row: PlanRow, isCurrent: boolean): Sen2EpisodeRecord => {
    const childId = row.childId;
    const placement = isCurrent ? placementRows.find((p) => p.versionId === versionOf(childId, 'placement')) : undefined;
    const described = placement ? placementRecord(placement) : null;
    const budget = isCurrent ? budgetRows.find((b) => b.versionId === versionOf(childId, 'personalBudget')) : undefined;
    const review = row.lastReviewHeldOn
      ? { meetingOn: row.lastReviewHeldOn, decision: row.lastReviewDecision, decidedOn: row.lastReviewDecidedOn }
      : row.reviewHeldOn ? { meetingOn: row.reviewHeldOn, decision: null, decidedOn: null } : null;
    return {
      episode: row.episode,
      status: row.status,
      requestReceivedOn: row.requestReceivedOn,
      requestSource: row.requestSource,
      decisionOn: row.decisionOn,
      draftIssuedOn: row.draftIssuedOn,
      finalIssuedOn: row.finalIssuedOn,
      ceasedOn: row.ceasedOn,
      ceasedReason: row.ceasedReason as CeasedReason | null,
      clockExceptions: exceptions
        .filter((e) => e.childId === childId && e.episode === row.episode)
        .map((e) => ({ reason: e.reason, fromOn: e.fromOn, toOn: e.toOn, evidenceNote: e.evidenceNote })),
      // The hub keeps the setting currently named in section I; it stands for the one named in the plan.
      namedPlacements: described ? [described] : [],
      placements: described && row.status === 'FINAL' ? [described] : [],
      needs: isCurrent ? needRows.filter((n) => n.versionId === versionOf(childId, 'needs')).map((n) => ({ type: n.type, rank: n.rank })) : [],
      personalBudget: budget ? { forms: [budget.form] } : null,
      lastReview: review,
    };
  };

  const out: Sen2ChildRecord[] = [];
  for (const child of handedOut) {
    const row = rows.find((r) => r.id === child.id)!;
    const episodes = [
      ...ended.filter((e) => e.childId === child.id).map((e) => episodeRecord(e, false)),
      ...current.filter((p) => p.childId === child.id).map((p) => episodeRecord(p, true)),
    ];
    data.noteAction(child, 'EXPORT', 'STATUTORY', { categories: ['IDENTITY', 'EDUCATION'], sections: ['B', 'I', 'J'], flags: ['SEN2'] });
    out.push({
      childRef: child.id,
      surname: row.familyName,
      forename: row.givenName,
      dateOfBirth: row.dateOfBirth,
      postcode: row.postcode,
      upn: row.upn,
      sex: row.sex,
      ethnicity: row.ethnicity,
      episodes: episodes.sort((a, b) => a.episode - b.episode),
    });
  }
  return out;
}


