/**
 * SQL for the plan process. Each write locks the child's current episode, applies the pure rules of
 * src/domain (transitions, clock, exceptions, family rights) inside the request's transaction, and stores
 * the resulting state, so no service ever holds a raw row and two writers never both act on one state.
 */
import { and, eq, getTableColumns, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import {
  adviceEntries, adviceRequests, careTeamMembers, clockExceptions, familyComments, healthAgreements, personalBudgetRequests, placements, planEpisodes,
  plans, provisions, sections, settingPreferences,
} from '../../schema/tables.js';
import type { ChildRecord } from '../../src/access/child-record.js';
import { planStateColumns, toAdviceFact, toClockException, toPlanState } from '../../src/access/process-facts.js';
import { rowsDef } from '../../src/access/rows.js';
import {
  validateAssessmentRequest, validateFamilyComment, validatePersonalBudgetDecision, validatePersonalBudgetRequest, validatePreferenceDecision,
  validatePreferenceStatement, type PreferenceDecision, type RightsProblem,
} from '../../src/domain/family-rights.js';
import { ENDED_STATUSES, applyPlanTransition, checkAdviceRequest, isEpisodeOpen, startEpisode, type AnyPlanEventType, type PlanState } from '../../src/domain/plan-transitions.js';
import { assertIsoDate } from '../../src/domain/statutory-clock.js';
import { normaliseEvidenceNote, validateClockException } from '../../src/domain/timeliness.js';
import type {
  Agency, ClockExceptionReason, DataCategory, FamilyRelationship, PersonalBudgetDecision, PersonalBudgetForm, PhaseTransfer, RequestSource,
  ReviewDecision, SectionCode, SettingLegalStatus,
} from '../../src/domain/vocabulary.js';
import type { Db } from '../../src/platform/db/database.js';
import { fixedSelect, runFixed } from '../../src/platform/db/fixed-statement.js';

export type PlanRow = typeof plans.$inferSelect;
export type AdviceRequestRow = typeof adviceRequests.$inferSelect;
export type ClockExceptionRow = typeof clockExceptions.$inferSelect;

/** The key of one episode's rows: advice requests and clock exceptions belong to an episode. */
export const episodeKey = (row: { childId: string; episode: number }) => `${row.childId}|${row.episode}`;
const childIdsOf = (keys: readonly string[]) => [...new Set(keys.map((k) => k.split('|')[0]!))];

// The plan's rows are read on every page: fixed statements, prepared once per connection
// (src/platform/db/fixed-statement.ts), whatever the batch size.
const PLANS = fixedSelect<PlanRow>(getTableColumns(plans), 'from "plans" where "plans"."child_id" = any($1::uuid[])');
const ENDED_EPISODES = fixedSelect<PlanRow>(getTableColumns(planEpisodes), 'from "plan_episodes" where "plan_episodes"."child_id" = any($1::uuid[]) order by "plan_episodes"."episode" asc');
const ADVICE_REQUESTS = fixedSelect<AdviceRequestRow>(
  getTableColumns(adviceRequests),
  'from "advice_requests" where "advice_requests"."child_id" = any($1::uuid[]) order by "advice_requests"."requested_on", "advice_requests"."id"',
);
const APPENDICES = fixedSelect<AdviceRequestRow>(
  getTableColumns(adviceRequests),
  'from "advice_requests" where "advice_requests"."child_id" = any($1::uuid[]) and "advice_requests"."provided_on" is not null order by "advice_requests"."provided_on", "advice_requests"."id"',
);
const CLOCK_EXCEPTIONS = fixedSelect<ClockExceptionRow>(
  getTableColumns(clockExceptions),
  'from "clock_exceptions" where "clock_exceptions"."child_id" = any($1::uuid[]) order by "clock_exceptions"."from_on", "clock_exceptions"."id"',
);
const EPISODE_ADVICE = fixedSelect<AdviceRequestRow>(getTableColumns(adviceRequests), 'from "advice_requests" where "advice_requests"."child_id" = any($1::uuid[])');
const EPISODE_EXCEPTIONS = fixedSelect<ClockExceptionRow>(getTableColumns(clockExceptions), 'from "clock_exceptions" where "clock_exceptions"."child_id" = any($1::uuid[])');

export const planRows = rowsDef<ChildRecord, PlanRow>({
  name: 'plans',
  key: (child) => child.id,
  batch: (db, ids) => runFixed(db, PLANS, [ids]),
  keyOf: (row) => row.childId,
});

/** The child's ended episodes, oldest first (the current one is `planRows`). */
export const endedEpisodeRows = rowsDef<ChildRecord, PlanRow>({
  name: 'planEpisodes',
  key: (child) => child.id,
  batch: (db, ids) => runFixed(db, ENDED_EPISODES, [ids]),
  keyOf: (row) => row.childId,
});

export const adviceRequestRows = rowsDef<PlanRow, AdviceRequestRow>({
  name: 'adviceRequests',
  key: episodeKey,
  batch: (db, keys) => runFixed(db, ADVICE_REQUESTS, [childIdsOf(keys)]),
  keyOf: episodeKey,
});

/** The advice given for a child, as the appendices of its section K (reg 12(1)(k)): every episode's. */
export const appendixRows = rowsDef<{ childId: string; code: SectionCode }, AdviceRequestRow>({
  name: 'appendices',
  key: (head) => (head.code === 'K' ? head.childId : null),
  batch: (db, ids) => runFixed(db, APPENDICES, [ids]),
  keyOf: (row) => row.childId,
});

export const clockExceptionRows = rowsDef<PlanRow, ClockExceptionRow>({
  name: 'clockExceptions',
  key: episodeKey,
  batch: (db, keys) => runFixed(db, CLOCK_EXCEPTIONS, [childIdsOf(keys)]),
  keyOf: episodeKey,
});

/** What the deadlines of one episode need beyond its own columns: its advice requests and clock exceptions. */
export interface EpisodeFactsRow {
  key: string;
  advice: AdviceRequestRow[];
  exceptions: ClockExceptionRow[];
}

export const episodeFactRows = rowsDef<PlanRow, EpisodeFactsRow>({
  name: 'episodeFacts',
  key: episodeKey,
  batch: async (db, keys) => {
    const ids = childIdsOf(keys);
    const [advice, exceptions] = await Promise.all([
      runFixed(db, EPISODE_ADVICE, [ids]),
      runFixed(db, EPISODE_EXCEPTIONS, [ids]),
    ]);
    return keys.map((key) => ({
      key,
      advice: advice.filter((a) => episodeKey(a) === key),
      exceptions: exceptions.filter((e) => episodeKey(e) === key),
    }));
  },
  keyOf: (row) => row.key,
});

/** The episode's process facts for the deadlines (src/domain/process-deadlines.ts). */
export const processFactsOf = (row: PlanRow, facts: EpisodeFactsRow | undefined) => ({
  ...toPlanState(row),
  adviceRequests: (facts?.advice ?? []).map(toAdviceFact),
  clockExceptions: (facts?.exceptions ?? []).map(toClockException),
});

/** A step the rules refuse; `field` names the input to fix. Nothing has been written. */
export class PlanRefusal extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** A new request while the child's process is still open. */
export class ProcessAlreadyOpen extends Error {}

/** The plan changed between reading and writing (another request moved it on). */
export class PlanConflict extends Error {}

/** The current episode, locked for this transaction so that concurrent steps run one after the other. */
async function lockedPlan(db: Db, childId: string): Promise<PlanRow | null> {
  const [row] = await db.select().from(plans).where(eq(plans.childId, childId)).for('update');
  return row ?? null;
}

async function currentPlan(db: Db, childId: string): Promise<PlanRow> {
  const row = await lockedPlan(db, childId);
  if (!row) throw new PlanRefusal('childId', 'no assessment has been requested for this child');
  return row;
}

function notInFuture(field: string, on: string, today: string): void {
  assertIsoDate(on);
  if (on > today) throw new PlanRefusal(field, 'is in the future');
}

export interface StartArgs {
  childId: string;
  receivedOn: string;
  dateOfBirth: string;
  today: string;
  /** The council's SEN team; null for a request the family made (taken from the previous episode, or the first coordinator step). */
  councilOrg: string | null;
  source: RequestSource | null;
  requestedBy: FamilyRelationship | null;
  youngPersonLacksCapacity: boolean;
}

/**
 * CFA 2014 s.36(1): a request for assessment starts an episode. After an ended episode (not assessed, not
 * issued, ceased) the ended one is kept in `plan_episodes` as it was and the next one starts here
 * (src/domain/plan-transitions.ts `startEpisode`).
 */
export async function startPlan(db: Db, a: StartArgs): Promise<void> {
  const problems = validateAssessmentRequest({
    // Without a recorded source only the source-free checks apply (dates, age): the source stays unrecorded.
    source: a.source ?? 'OTHER',
    requestedBy: a.requestedBy,
    youngPersonLacksCapacity: a.youngPersonLacksCapacity,
    dateOfBirth: a.dateOfBirth,
    receivedOn: a.receivedOn,
    today: a.today,
  });
  if (problems.length > 0) throw new PlanRefusal(problems[0]!.field, problems.map((p) => `${p.field} ${p.message}`).join('; '));
  const previous = await lockedPlan(db, a.childId);
  const started = startEpisode(previous ? toPlanState(previous) : null, a.receivedOn);
  if (!started.ok) {
    if (previous && isEpisodeOpen(previous.status)) throw new ProcessAlreadyOpen(started.reason);
    throw new PlanRefusal('receivedOn', started.reason);
  }
  const columns = { ...planStateColumns(started.state), councilOrg: a.councilOrg ?? previous?.councilOrg ?? null, requestSource: a.source, requestedBy: a.requestedBy };
  if (!previous) {
    await db.insert(plans).values({ childId: a.childId, ...columns });
    return;
  }
  const { childId, ...ended } = previous;
  await db.insert(planEpisodes).values({ childId, ...ended });
  const updated = await db
    .update(plans)
    .set({ ...columns, phaseTransfer: null, phaseTransferYear: null, phaseTransferAmendedOn: null, updatedAt: sql`now()` })
    .where(and(eq(plans.childId, a.childId), eq(plans.episode, previous.episode)))
    .returning({ childId: plans.childId });
  if (updated.length === 0) throw new PlanConflict();
}

export interface AdvanceArgs {
  childId: string;
  event: AnyPlanEventType;
  on: string;
  today: string;
  /** The coordinator's SEN team: becomes the plan's owner if the family made the request. */
  councilOrg: string;
  phaseTransfer?: PhaseTransfer | null;
  phaseTransferYear?: number | null;
  meetingOn?: string | null;
  decision?: ReviewDecision | null;
  forPhaseTransfer?: boolean | null;
}

/** One step of the process, checked by the transition rules against the plan's current content and advice. */
export async function advancePlan(db: Db, a: AdvanceArgs): Promise<void> {
  const row = await currentPlan(db, a.childId);
  notInFuture('on', a.on, a.today);
  const advice = await db.select().from(adviceRequests).where(and(eq(adviceRequests.childId, a.childId), eq(adviceRequests.episode, row.episode)));
  const facts = { ...(await contentFacts(db, a.childId)), adviceRequests: advice.map(toAdviceFact), today: a.on };
  let state: PlanState = toPlanState(row);
  if (a.phaseTransfer !== undefined) {
    // reg 18: the transfer the plan must be amended for; setting a new one makes it owed again.
    if (a.phaseTransfer && (a.phaseTransferYear === null || a.phaseTransferYear === undefined)) throw new PlanRefusal('phaseTransferYear', 'is required with phaseTransfer');
    state = { ...state, phaseTransfer: a.phaseTransfer ? { kind: a.phaseTransfer, year: a.phaseTransferYear!, amendedOn: null } : null };
  }
  const event = {
    type: a.event,
    ...(a.meetingOn ? { meetingOn: a.meetingOn } : {}),
    ...(a.decision ? { decision: a.decision } : {}),
    ...(a.forPhaseTransfer !== null && a.forPhaseTransfer !== undefined ? { forPhaseTransfer: a.forPhaseTransfer } : {}),
  };
  const result = applyPlanTransition(state, event, facts);
  if (!result.ok) throw new PlanRefusal('event', result.reason);
  await db.update(plans).set({ ...planStateColumns(result.state), councilOrg: row.councilOrg ?? a.councilOrg, updatedAt: sql`now()` }).where(eq(plans.childId, a.childId));
}

/** What the plan's current sections say, for the finalisation checks of reg 12. */
async function contentFacts(db: Db, childId: string) {
  const heads = await db.select().from(sections).where(eq(sections.childId, childId));
  const head = (code: SectionCode) => heads.find((h) => h.code === code);
  const i = head('I');
  const g = head('G');
  const [placement, gProvision, gAgreement] = await Promise.all([
    i ? db.select().from(placements).where(eq(placements.versionId, i.currentVersionId)) : [],
    g ? db.select().from(provisions).where(eq(provisions.versionId, g.currentVersionId)) : [],
    g ? db.select().from(healthAgreements).where(eq(healthAgreements.versionId, g.currentVersionId)) : [],
  ]);
  return {
    presentSections: heads.map((h) => h.code),
    hasPlacement: placement.length > 0,
    gHasProvision: gProvision.length > 0,
    gAgreedByIcb: gAgreement[0]?.agreedByIcb === true,
  };
}

/**
 * reg 6(1): during the assessment the council asks an agency (optionally one organisation of it) for advice;
 * one open request per agency per episode (`checkAdviceRequest`, and a unique index for two writers at once).
 * Returns the request's id.
 */
export async function requestAdvice(db: Db, a: { childId: string; agency: Agency; org: string | null; requestedOn: string; today: string }): Promise<string> {
  const row = await currentPlan(db, a.childId);
  notInFuture('requestedOn', a.requestedOn, a.today);
  const existing = await db.select().from(adviceRequests).where(and(eq(adviceRequests.childId, a.childId), eq(adviceRequests.episode, row.episode)));
  const check = checkAdviceRequest(toPlanState(row), existing.map(toAdviceFact), a.agency, a.requestedOn);
  if (!check.ok) throw new PlanRefusal(check.reason.includes('still outstanding') ? 'agency' : 'requestedOn', check.reason);
  const [inserted] = await db
    .insert(adviceRequests)
    .values({ childId: a.childId, episode: row.episode, agency: a.agency, requestedOfOrg: a.org, requestedOn: a.requestedOn })
    .onConflictDoNothing()
    .returning({ id: adviceRequests.id });
  if (!inserted) throw new PlanRefusal('agency', `cannot request advice: advice from ${a.agency} is already requested and outstanding`);
  return inserted.id;
}

/**
 * reg 8: the agency asked gives its advice, once; the advice itself is kept as the giving
 * organisation's own appendix of section K (reg 12(1)(k)).
 */
export async function provideAdvice(
  db: Db,
  a: { id: string; agency: Agency | null; org: string; sub: string; providedOn: string; today: string; entries: { key: string; value: string; category: DataCategory }[] },
): Promise<void> {
  const [request] = await db.select().from(adviceRequests).where(eq(adviceRequests.id, a.id));
  if (!request || request.agency !== a.agency || (request.requestedOfOrg !== null && request.requestedOfOrg !== a.org)) throw new AdviceNotYours();
  notInFuture('providedOn', a.providedOn, a.today);
  if (a.providedOn < request.requestedOn) throw new PlanRefusal('providedOn', `is before ${request.requestedOn}, when the advice was requested`);
  const given = await db
    .update(adviceRequests)
    .set({ providedOn: a.providedOn, providedByOrg: a.org, providedBySub: a.sub })
    .where(and(eq(adviceRequests.id, a.id), isNull(adviceRequests.providedOn)))
    .returning({ id: adviceRequests.id });
  if (given.length === 0) throw new AdviceAlreadyGiven();
  await db.insert(adviceEntries).values(a.entries.map((e, position) => ({ adviceRequestId: a.id, childId: request.childId, position, ...e })));
}

/** The advice was given already (once per request). */
export class AdviceAlreadyGiven extends Error {}

/** An advice entry with the agency asked and the organisation that gave it (its owner). */
export type AdviceEntryRow = typeof adviceEntries.$inferSelect & { agency: Agency; providedByOrg: string | null };

/** The advice entries of a request, in batches. */
export const adviceEntryRows = rowsDef<AdviceRequestRow, AdviceEntryRow>({
  name: 'adviceEntries',
  key: (request) => (request.providedOn ? request.id : null),
  batch: (db, ids) =>
    db.select({ ...getTableColumns(adviceEntries), agency: adviceRequests.agency, providedByOrg: adviceRequests.providedByOrg })
      .from(adviceEntries)
      .innerJoin(adviceRequests, eq(adviceRequests.id, adviceEntries.adviceRequestId))
      .where(inArray(adviceEntries.adviceRequestId, [...ids]))
      .orderBy(adviceEntries.adviceRequestId, adviceEntries.position),
  keyOf: (row) => row.adviceRequestId,
});

/** The advice request is addressed to another agency or organisation. */
export class AdviceNotYours extends Error {}

/**
 * reg 5(4), 10(4), 13(3): a period in which the time limits did not bind the council, recorded against the
 * current episode with its evidence, under the rules of src/domain/timeliness.ts (4-week minimums, within
 * the process, never after it has ended, once the period is over).
 */
export async function recordClockException(
  db: Db,
  e: { childId: string; reason: ClockExceptionReason; fromOn: string; toOn: string; evidenceNote: string; recordedBySub: string; today: string },
): Promise<void> {
  const row = await currentPlan(db, e.childId);
  const exception = { reason: e.reason, fromOn: e.fromOn, toOn: e.toOn, evidenceNote: e.evidenceNote };
  const refusals = validateClockException(exception, { status: row.status, requestReceivedOn: row.requestReceivedOn }, e.today);
  if (refusals.length > 0) throw new PlanRefusal(refusals[0]!.field, refusals.map((r) => `${r.field} ${r.message}`).join('; '));
  await db.insert(clockExceptions).values({
    childId: e.childId, episode: row.episode, reason: e.reason, fromOn: e.fromOn, toOn: e.toOn,
    evidenceNote: normaliseEvidenceNote(e.evidenceNote), recordedBySub: e.recordedBySub,
  });
}

/** The child of an advice request, for the not-found answer. */
export async function childOfAdviceRequest(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: adviceRequests.childId }).from(adviceRequests).where(eq(adviceRequests.id, id));
  return row?.childId ?? null;
}

/**
 * Children with advice requests of their current, open episode outstanding from the agency (to the
 * organisation, or to the agency at large), on the organisation's care teams. Advice is gathered for an
 * assessment (reg 6(1)): once the episode has ended (not issued, ceased) nothing is owed.
 */
export async function childrenAwaitingAdviceFrom(db: Db, agency: Agency, org: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ childId: adviceRequests.childId })
    .from(adviceRequests)
    .innerJoin(careTeamMembers, and(eq(careTeamMembers.childId, adviceRequests.childId), eq(careTeamMembers.org, org)))
    .innerJoin(plans, and(eq(plans.childId, adviceRequests.childId), eq(plans.episode, adviceRequests.episode), notInArray(plans.status, [...ENDED_STATUSES])))
    .where(and(eq(adviceRequests.agency, agency), isNull(adviceRequests.providedOn), or(isNull(adviceRequests.requestedOfOrg), eq(adviceRequests.requestedOfOrg, org))))
    .limit(500);
  return rows.map((r) => r.childId);
}


// ---------------------------------------------------------------------------------------------------
// Family rights (src/domain/family-rights.ts): preferences, comments, personal budgets, per episode
// ---------------------------------------------------------------------------------------------------

/** Each with the council running the process: the owner of the record, as for the plan itself. */
type WithCouncil = { councilOrg: string | null };
export type PreferenceRow = typeof settingPreferences.$inferSelect & WithCouncil;
export type FamilyCommentRow = typeof familyComments.$inferSelect & WithCouncil;
export type BudgetRequestRow = typeof personalBudgetRequests.$inferSelect & WithCouncil;

const episodeRows = <R extends { childId: string; episode: number }>(name: string, load: (db: Db, ids: string[]) => Promise<R[]>) =>
  rowsDef<PlanRow, R>({ name, key: episodeKey, batch: (db, keys) => load(db, childIdsOf(keys)), keyOf: episodeKey });

export const preferenceRows = episodeRows<PreferenceRow>('settingPreferences', (db, ids) =>
  db.select({ ...getTableColumns(settingPreferences), councilOrg: plans.councilOrg }).from(settingPreferences)
    .leftJoin(plans, eq(plans.childId, settingPreferences.childId))
    .where(inArray(settingPreferences.childId, ids)).orderBy(settingPreferences.statedOn, settingPreferences.createdAt, settingPreferences.id));
export const familyCommentRows = episodeRows<FamilyCommentRow>('familyComments', (db, ids) =>
  db.select({ ...getTableColumns(familyComments), councilOrg: plans.councilOrg }).from(familyComments)
    .leftJoin(plans, eq(plans.childId, familyComments.childId))
    .where(inArray(familyComments.childId, ids)).orderBy(familyComments.receivedOn, familyComments.createdAt, familyComments.id));
export const budgetRequestRows = episodeRows<BudgetRequestRow>('personalBudgetRequests', (db, ids) =>
  db.select({ ...getTableColumns(personalBudgetRequests), councilOrg: plans.councilOrg }).from(personalBudgetRequests)
    .leftJoin(plans, eq(plans.childId, personalBudgetRequests.childId))
    .where(inArray(personalBudgetRequests.childId, ids)).orderBy(personalBudgetRequests.requestedOn, personalBudgetRequests.createdAt, personalBudgetRequests.id));

/** The setting named in the current section I (URN, UKPRN), for "preference met". */
export type NamedSettingRow = { childId: string; urn: string | null; ukprn: string | null };
export const namedSettingRows = rowsDef<PreferenceRow, NamedSettingRow>({
  name: 'namedSettings',
  key: (pref) => pref.childId,
  batch: (db, ids) =>
    db.select({ childId: placements.childId, urn: placements.urn, ukprn: placements.ukprn })
      .from(placements)
      .innerJoin(sections, and(eq(sections.currentVersionId, placements.versionId), eq(sections.code, 'I')))
      .where(inArray(placements.childId, [...ids])),
  keyOf: (row) => row.childId,
});

const rightsProblem = (problems: readonly RightsProblem[]) => new PlanRefusal(problems[0]!.field, problems.map((p) => `${p.field} ${p.message}`).join('; '));

/** CFA s.38(2)(b): the family asks for a setting to be named, on a draft or on proposed amendments. Returns the id. */
export async function statePreference(
  db: Db,
  a: { childId: string; statedOn: string; statedBySub: string; settingName: string; legalStatus: SettingLegalStatus; urn: string | null; ukprn: string | null },
): Promise<string> {
  const row = await currentPlan(db, a.childId);
  const pref = { statedOn: a.statedOn, settingName: a.settingName.trim(), legalStatus: a.legalStatus, urn: a.urn, ukprn: a.ukprn };
  const checked = validatePreferenceStatement(pref, toPlanState(row));
  if (!checked.ok) throw rightsProblem(checked.problems);
  const [inserted] = await db
    .insert(settingPreferences)
    .values({ childId: a.childId, episode: row.episode, statedBySub: a.statedBySub, withinCommentPeriod: checked.withinCommentPeriod, ...pref })
    .returning({ id: settingPreferences.id });
  return inserted!.id;
}

/** The child of a preference, for the not-found answer. */
export async function childOfPreference(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: settingPreferences.childId }).from(settingPreferences).where(eq(settingPreferences.id, id));
  return row?.childId ?? null;
}

/** CFA s.39: the council consults the setting and names it, or refuses on s.39(4) grounds with reasons; once. */
export async function decidePreference(
  db: Db,
  a: { id: string; decision: PreferenceDecision; decidedBySub: string; today: string },
): Promise<void> {
  const [pref] = await db.select().from(settingPreferences).where(eq(settingPreferences.id, a.id)).for('update');
  if (!pref) throw new PlanRefusal('preferenceId', 'no such preference');
  if (pref.outcome) throw new PlanRefusal('preferenceId', `the council already decided on ${pref.decidedOn}: ${pref.outcome}`);
  notInFuture('decidedOn', a.decision.decidedOn, a.today);
  const problems = validatePreferenceDecision(pref, a.decision);
  if (problems.length > 0) throw rightsProblem(problems);
  const refused = a.decision.outcome === 'REFUSED' ? a.decision : null;
  await db
    .update(settingPreferences)
    .set({
      outcome: a.decision.outcome, decidedOn: a.decision.decidedOn, consultedOn: a.decision.consultedOn ?? null,
      grounds: refused ? [...refused.grounds] : [], reasons: refused ? refused.reasons.trim() : null, decidedBySub: a.decidedBySub,
    })
    .where(eq(settingPreferences.id, a.id));
}

/** reg 13(1)(a), reg 22(2)(c): the family's comments on the draft or on proposed amendments, marked late if after 15 days. */
export async function commentOnPlan(db: Db, a: { childId: string; receivedOn: string; text: string; madeBySub: string }): Promise<void> {
  const row = await currentPlan(db, a.childId);
  const checked = validateFamilyComment(toPlanState(row), a.receivedOn, a.text);
  if (!checked.ok) throw rightsProblem(checked.problems);
  await db.insert(familyComments).values({
    childId: a.childId, episode: row.episode, servedOn: checked.servedOn, receivedOn: a.receivedOn, text: a.text.trim(),
    withinStatutoryPeriod: checked.withinStatutoryPeriod, madeBySub: a.madeBySub,
  });
}

/** CFA s.49; Personal Budgets Regulations 2014 reg 4: a request for a personal budget, one awaiting a decision at a time. */
export async function requestPersonalBudget(db: Db, a: { childId: string; requestedOn: string; requestedBy: FamilyRelationship; requestedBySub: string }): Promise<string> {
  const row = await currentPlan(db, a.childId);
  const [open] = await db.select().from(personalBudgetRequests).where(and(eq(personalBudgetRequests.childId, a.childId), isNull(personalBudgetRequests.decision)));
  const problems = validatePersonalBudgetRequest(toPlanState(row), a.requestedOn, a.requestedBy, open ?? null);
  if (problems.length > 0) throw rightsProblem(problems);
  const [inserted] = await db
    .insert(personalBudgetRequests)
    .values({ childId: a.childId, episode: row.episode, requestedOn: a.requestedOn, requestedBy: a.requestedBy, requestedBySub: a.requestedBySub })
    .onConflictDoNothing()
    .returning({ id: personalBudgetRequests.id });
  if (!inserted) throw new PlanRefusal('childId', 'a request is already awaiting the council\'s decision');
  return inserted.id;
}

/** The child of a personal budget request, for the not-found answer. */
export async function childOfBudgetRequest(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ childId: personalBudgetRequests.childId }).from(personalBudgetRequests).where(eq(personalBudgetRequests.id, id));
  return row?.childId ?? null;
}

/** The council's decision on a personal budget request, with its reasons (and how an agreed budget is held). */
export async function decidePersonalBudget(
  db: Db,
  a: { id: string; decision: PersonalBudgetDecision; decidedOn: string; forms: PersonalBudgetForm[]; reasons: string; decidedBySub: string; today: string },
): Promise<void> {
  const [request] = await db.select().from(personalBudgetRequests).where(eq(personalBudgetRequests.id, a.id)).for('update');
  if (!request) throw new PlanRefusal('requestId', 'no such request');
  if (request.decision) throw new PlanRefusal('requestId', `the council already decided on ${request.decidedOn}: ${request.decision}`);
  notInFuture('decidedOn', a.decidedOn, a.today);
  const problems = validatePersonalBudgetDecision({ requestedOn: request.requestedOn, decision: a.decision, decidedOn: a.decidedOn, forms: a.forms, reasons: a.reasons });
  if (problems.length > 0) throw rightsProblem(problems);
  await db
    .update(personalBudgetRequests)
    .set({ decision: a.decision, decidedOn: a.decidedOn, forms: a.forms, reasons: a.reasons.trim(), decidedBySub: a.decidedBySub })
    .where(eq(personalBudgetRequests.id, a.id));
}
