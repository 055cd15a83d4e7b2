/**
 * Guards of the plan process. The process (status, milestones, the statutory clock, clock exceptions)
 * is the council's record of its education function (CFA 2014 Part 3): EDUCATION, owned by the council
 * running it. An advice request is released under the same category, owned by the agency asked (reg 6),
 * so the practitioner asked reads it as its owner.
 */
import type { FieldGuard } from '../../src/access/guards.js';
import { guardType, loaded, relation, releasedWhole, value } from '../../src/access/guards.js';
import { isProcessOverdue } from '../../src/domain/process-deadlines.js';
import { addWeeks, computeStatutoryDeadlines, type StatutoryDeadlines } from '../../src/domain/statutory-clock.js';
import { adviceRequestRows, clockExceptionRows, toState, type AdviceEntryRow, type AdviceRequestRow, type PlanRow } from './plan.store.js';
import type { AdviceEntryType, AdviceRequestType, EhcPlanType } from './plan.types.js';

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
    deadlines = computeStatutoryDeadlines({
      requestReceivedOn: row.requestReceivedOn,
      draftIssuedOn: row.draftIssuedOn,
      finalIssuedOn: row.finalIssuedOn,
      lastReviewOn: row.lastReviewOn,
      amendmentProposedOn: row.amendmentProposedOn,
      phaseTransfer: row.phaseTransfer as never,
      phaseTransferYear: row.phaseTransferYear,
    });
    deadlinesCache.set(row, deadlines);
  }
  return deadlines;
}

const plan = (read: (row: PlanRow, today: string) => unknown) => value<PlanRow>(planGuard, (row, view) => read(row, view.today));
const advice = (read: (row: AdviceRequestRow, today: string) => unknown) => value<AdviceRequestRow>(adviceGuard, (row, view) => read(row, view.today));

/** reg 8(1): advice is due 6 weeks after the request. */
const adviceDueOn = (row: AdviceRequestRow) => addWeeks(row.requestedOn, 6);

export const planGuards = guardType<PlanRow, EhcPlanType>('EhcPlan', {
  status: plan((r) => r.status),
  requestReceivedOn: plan((r) => r.requestReceivedOn),
  decisionOn: plan((r) => r.decisionOn),
  draftIssuedOn: plan((r) => r.draftIssuedOn),
  finalIssuedOn: plan((r) => r.finalIssuedOn),
  lastReviewOn: plan((r) => r.lastReviewOn),
  ceasedOn: plan((r) => r.ceasedOn),
  ceasedReason: plan((r) => r.ceasedReason),
  decisionDue: plan((r) => deadlinesOf(r).decisionDue),
  notToIssueDue: plan((r) => deadlinesOf(r).notToIssueDue),
  finalPlanDue: plan((r) => deadlinesOf(r).finalPlanDue),
  draftCommentsCloseOn: plan((r) => deadlinesOf(r).draftCommentsCloseOn),
  nextReviewDue: plan((r) => deadlinesOf(r).nextReviewDue),
  amendmentDue: plan((r) => deadlinesOf(r).amendmentDue),
  phaseTransferDue: plan((r) => deadlinesOf(r).phaseTransferDue),
  overdue: loaded(planGuard, adviceRequestRows, (r, advice, view) => isProcessOverdue({ ...toState(r), adviceRequests: advice }, view.today)),
  clockExceptions: loaded(planGuard, clockExceptionRows, (_r, rows) => rows.map((e) => ({ reason: e.reason, fromOn: e.fromOn, toOn: e.toOn }))),
  adviceRequests: relation('the advice requests of the process, each under its own guard'),
});

export const adviceRequestGuards = guardType<AdviceRequestRow, AdviceRequestType>('AdviceRequest', {
  id: advice((r) => r.id),
  childId: advice((r) => r.childId),
  agency: advice((r) => r.agency),
  requestedOn: advice((r) => r.requestedOn),
  dueOn: advice((r) => adviceDueOn(r)),
  providedOn: advice((r) => r.providedOn),
  providedByOrg: advice((r) => r.providedByOrg),
  advice: relation("the advice given: entries under each one's category, owned by the organisation that gave it"),
  withheldAdvice: relation('counts of advice entries a consent could release'),
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
  guardType('Child', { plan: relation('the process under the plan guard: CONSENT_REQUIRED (whether or not one exists) when only a consent could release it') }),
  planGuards,
  adviceRequestGuards,
  releasedWhole('ClockException', 'EhcPlan.clockExceptions'),
];
