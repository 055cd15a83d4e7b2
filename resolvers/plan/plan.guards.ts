/**
 * Guards of the plan process. The process (status, milestones, the statutory clock, clock exceptions)
 * is the council's record of its education function (CFA 2014 Part 3): EDUCATION, owned by the council
 * running it. An advice request is released under the same category, owned by the agency asked (reg 6),
 * so the practitioner asked reads it as its owner.
 */
import type { FieldGuard } from '../../src/access/guards.js';
import { guardType, loaded, relation, releasedWhole, value } from '../../src/access/guards.js';
import { toClockException, toPlanState } from '../../src/access/process-facts.js';
import { DEADLINE_BASIS, listOpenDeadlines, type Deadline } from '../../src/domain/process-deadlines.js';
import { ADVICE_WEEKS, addWeeks, computeStatutoryDeadlines, type StatutoryDeadlines } from '../../src/domain/statutory-clock.js';
import { exceptionQualifies } from '../../src/domain/timeliness.js';
import { preferenceMet } from '../../src/domain/family-rights.js';
import { SECTION_38_REQUESTABLE } from '../../src/domain/vocabulary.js';
import {
  episodeFactRows, namedSettingRows, processFactsOf, type AdviceEntryRow, type AdviceRequestRow, type BudgetRequestRow, type EpisodeFactsRow,
  type FamilyCommentRow, type PlanRow, type PreferenceRow,
} from './plan.store.js';
import type { AdviceEntryType, AdviceRequestType, DeadlineType, EhcPlanType, FamilyCommentType, PersonalBudgetRequestType, SettingPreferenceType } from './plan.types.js';

export const planGuard = (plan: Pick<PlanRow, 'councilOrg'>): FieldGuard => ({
  category: 'EDUCATION',
  owner: { agency: 'EDUCATION', org: plan.councilOrg ?? 'COUNCIL' },
});

/** An advice entry: its own category, in section K's appendices, owned by the organisation that gave it. */
export const adviceEntryGuard = (entry: AdviceEntryRow): FieldGuard => ({
  category: entry.category,
  section: 'K',
  owner: { agency: entry.agency, org: entry.providedByOrg },
});

export const adviceGuard = (advice: AdviceRequestRow): FieldGuard => ({
  category: 'EDUCATION',
  owner: { agency: advice.agency, org: null },
});

const deadlinesCache = new WeakMap<PlanRow, StatutoryDeadlines>();
function deadlinesOf(row: PlanRow): StatutoryDeadlines {
  let deadlines = deadlinesCache.get(row);
  if (!deadlines) {
    const state = toPlanState(row);
    deadlines = computeStatutoryDeadlines({
      requestReceivedOn: row.requestReceivedOn,
      draftIssuedOn: row.draftIssuedOn,
      finalIssuedOn: row.finalIssuedOn,
      lastReviewOn: row.lastReviewOn,
      amendmentProposedOn: row.amendmentProposedOn,
      phaseTransfer: state.phaseTransfer?.kind ?? null,
      phaseTransferYear: state.phaseTransfer?.year ?? null,
    });
    deadlinesCache.set(row, deadlines);
  }
  return deadlines;
}

/** The open deadlines of the episode on `today` (one computation per row and day, shared by three fields). */
const openCache = new WeakMap<PlanRow, { today: string; deadlines: Deadline[] }>();
function openDeadlines(row: PlanRow, facts: EpisodeFactsRow | undefined, today: string): Deadline[] {
  const hit = openCache.get(row);
  if (hit && hit.today === today) return hit.deadlines;
  const deadlines = listOpenDeadlines(processFactsOf(row, facts), today);
  openCache.set(row, { today, deadlines });
  return deadlines;
}

const toDeadlineType = (d: Deadline): DeadlineType => ({
  kind: d.kind,
  dueOn: d.dueOn,
  overdue: d.overdue,
  owedBy: d.owedBy,
  basis: DEADLINE_BASIS[d.kind],
  earliestFinalOn: d.earliestFinalOn ?? null,
  requestedOn: d.requestedOn ?? null,
  exceptionApplies: d.exceptionApplies === true,
});

const plan = (read: (row: PlanRow, today: string) => unknown) => value<PlanRow>(planGuard, (row, view) => read(row, view.today));
const advice = (read: (row: AdviceRequestRow, today: string) => unknown) => value<AdviceRequestRow>(adviceGuard, (row, view) => read(row, view.today));
const withFacts = (read: (row: PlanRow, facts: EpisodeFactsRow | undefined, today: string) => unknown) =>
  loaded(planGuard, episodeFactRows, (row, rows, view) => read(row, rows[0], view.today));

/** reg 8(1): advice is due 6 weeks after the request. */
const adviceDueOn = (row: AdviceRequestRow) => addWeeks(row.requestedOn, ADVICE_WEEKS);

export const planGuards = guardType<PlanRow, EhcPlanType>('EhcPlan', {
  episode: plan((r) => r.episode),
  status: plan((r) => r.status),
  requestReceivedOn: plan((r) => r.requestReceivedOn),
  requestSource: plan((r) => r.requestSource),
  requestedBy: plan((r) => r.requestedBy),
  decisionOn: plan((r) => r.decisionOn),
  draftIssuedOn: plan((r) => r.draftIssuedOn),
  finalIssuedOn: plan((r) => r.finalIssuedOn),
  lastReviewOn: plan((r) => r.lastReviewOn),
  ceasedOn: plan((r) => r.ceasedOn),
  ceasedReason: plan((r) => r.ceasedReason),
  decisionDue: plan((r) => deadlinesOf(r).decisionDue),
  notToIssueDue: plan((r) => deadlinesOf(r).notToIssueDue),
  finalPlanDue: plan((r) => deadlinesOf(r).finalPlanDue),
  draftCommentsEndOn: plan((r) => deadlinesOf(r).draftCommentsEndOn),
  earliestFinalOn: plan((r) => deadlinesOf(r).earliestFinalOn),
  draftCommentsCloseOn: plan((r) => deadlinesOf(r).earliestFinalOn),
  nextReviewDue: plan((r) => deadlinesOf(r).nextReviewDue),
  amendmentDue: plan((r) => deadlinesOf(r).amendmentDue),
  phaseTransfer: plan((r) => toPlanState(r).phaseTransfer?.kind ?? null),
  phaseTransferYear: plan((r) => toPlanState(r).phaseTransfer?.year ?? null),
  phaseTransferDue: plan((r) => deadlinesOf(r).phaseTransferDue),
  phaseTransferAmendedOn: plan((r) => toPlanState(r).phaseTransfer?.amendedOn ?? null),
  review: plan((r) => toPlanState(r).review ?? null),
  lastReviewOutcome: plan((r) => toPlanState(r).lastReview ?? null),
  deadlines: withFacts((r, facts, today) => openDeadlines(r, facts, today).map(toDeadlineType)),
  nextDeadline: withFacts((r, facts, today) => {
    const next = openDeadlines(r, facts, today).find((d) => d.owedBy !== 'FAMILY');
    return next ? toDeadlineType(next) : null;
  }),
  overdue: withFacts((r, facts, today) => openDeadlines(r, facts, today).some((d) => d.overdue)),
  clockExceptions: withFacts((r, facts, today) =>
    (facts?.exceptions ?? []).map((e) => {
      const exception = toClockException(e);
      return { ...exception, qualifies: exceptionQualifies(exception, r.requestReceivedOn, r.finalIssuedOn ?? r.ceasedOn ?? today) };
    })),
  adviceRequests: relation('the advice requests of the episode, each under its own guard'),
  preferences: relation("the family's setting preferences of the episode, each under its own guard"),
  familyComments: relation("the family's comments of the episode, each under its own guard"),
  personalBudgetRequests: relation('the personal budget requests of the episode, each under the FINANCIAL guard'),
});

/** A budget request: section J's FINANCIAL category (reg 12(1)(j)), owned by the council. */
export const budgetGuard = (row: Pick<BudgetRequestRow, 'councilOrg'>): FieldGuard => ({ ...planGuard(row), category: 'FINANCIAL', section: 'J' });

const pref = (read: (row: PreferenceRow) => unknown) => value<PreferenceRow>(planGuard, read);
export const preferenceGuards = guardType<PreferenceRow, SettingPreferenceType>('SettingPreference', {
  id: pref((r) => r.id),
  episode: pref((r) => r.episode),
  statedOn: pref((r) => r.statedOn),
  settingName: pref((r) => r.settingName),
  legalStatus: pref((r) => r.legalStatus),
  urn: pref((r) => r.urn),
  ukprn: pref((r) => r.ukprn),
  withinCommentPeriod: pref((r) => r.withinCommentPeriod),
  bindsCouncil: pref((r) => SECTION_38_REQUESTABLE[r.legalStatus] === true),
  consultedOn: pref((r) => r.consultedOn),
  outcome: pref((r) => r.outcome),
  decidedOn: pref((r) => r.decidedOn),
  grounds: pref((r) => r.grounds),
  reasons: pref((r) => r.reasons),
  met: loaded(planGuard, namedSettingRows, (r, rows) => preferenceMet(r, rows[0] ?? {})),
});

const comment = (read: (row: FamilyCommentRow) => unknown) => value<FamilyCommentRow>(planGuard, read);
export const familyCommentGuards = guardType<FamilyCommentRow, FamilyCommentType>('FamilyComment', {
  id: comment((r) => r.id),
  episode: comment((r) => r.episode),
  servedOn: comment((r) => r.servedOn),
  receivedOn: comment((r) => r.receivedOn),
  text: comment((r) => r.text),
  withinStatutoryPeriod: comment((r) => r.withinStatutoryPeriod),
});

const budget = (read: (row: BudgetRequestRow) => unknown) => value<BudgetRequestRow>(budgetGuard, read);
export const budgetRequestGuards = guardType<BudgetRequestRow, PersonalBudgetRequestType>('PersonalBudgetRequest', {
  id: budget((r) => r.id),
  episode: budget((r) => r.episode),
  requestedOn: budget((r) => r.requestedOn),
  requestedBy: budget((r) => r.requestedBy),
  decision: budget((r) => r.decision),
  forms: budget((r) => r.forms),
  reasons: budget((r) => r.reasons),
  decidedOn: budget((r) => r.decidedOn),
});

export const adviceRequestGuards = guardType<AdviceRequestRow, AdviceRequestType>('AdviceRequest', {
  id: advice((r) => r.id),
  childId: advice((r) => r.childId),
  episode: advice((r) => r.episode),
  agency: advice((r) => r.agency),
  requestedOfOrg: advice((r) => r.requestedOfOrg),
  requestedOn: advice((r) => r.requestedOn),
  dueOn: advice((r) => adviceDueOn(r)),
  providedOn: advice((r) => r.providedOn),
  providedByOrg: advice((r) => r.providedByOrg),
  advice: relation("the advice given: entries under each one's category, owned by the organisation that gave it"),
  withheldAdvice: relation('counts of advice entries a consent could release'),
  child: relation('the child the advice is for, handed out (and recorded) by the data layer, each field under its own guard'),
  overdue: advice((r, today) => r.providedOn === null && today > adviceDueOn(r)),
});

const adviceEntry = (read: (e: AdviceEntryRow) => unknown) => value<AdviceEntryRow>(adviceEntryGuard, read);

export const adviceEntryGuards = guardType<AdviceEntryRow, AdviceEntryType>('AdviceEntry', {
  key: adviceEntry((e) => e.key),
  category: adviceEntry((e) => e.category),
  value: adviceEntry((e) => e.value),
});

export const planTypes = [
  adviceEntryGuards,
  guardType('Section', { appendices: relation("section K: the advice gathered (reg 12(1)(k)), each request under its guards") }),
  guardType('Child', {
    plan: relation('the current episode under the plan guard: CONSENT_REQUIRED (whether or not one exists) when only a consent could release it'),
    planHistory: relation('every episode, oldest first, each under the plan guard'),
  }),
  planGuards,
  adviceRequestGuards,
  preferenceGuards,
  familyCommentGuards,
  budgetRequestGuards,
  releasedWhole('ClockException', 'EhcPlan.clockExceptions'),
  releasedWhole('Deadline', 'EhcPlan.deadlines', 'EhcPlan.nextDeadline'),
  releasedWhole('ReviewCycle', 'EhcPlan.review'),
  releasedWhole('ReviewOutcome', 'EhcPlan.lastReviewOutcome'),
];
