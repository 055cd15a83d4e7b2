/**
 * The coordinator's next statutory deadline for a plan, in words. Uses `plan.deadlines` when the
 * API provides it (EhcPlan.deadlines: [{ kind, dueOn, overdue }]); otherwise derives it from the
 * dates every plan has. Pure (no DOM): unit-tested in test/unit/ui-plain-words.test.ts.
 */
import { humanise } from './plain-words.js';

export const DEADLINE_NAMES = {
  DECISION: 'Decide whether to assess (6 weeks)',
  DECISION_TO_ASSESS: 'Decide whether to assess (6 weeks)',
  NOT_TO_ISSUE: 'Decide whether to issue a plan (16 weeks)',
  FINAL_PLAN: 'Issue the final plan (20 weeks)',
  DRAFT_COMMENTS: 'Family’s comments on the draft close',
  ANNUAL_REVIEW: 'Annual review',
  REVIEW: 'Annual review',
  AMENDMENT: 'Finalise the amendment (8 weeks)',
  PHASE_TRANSFER: 'Phase transfer review',
  ADVICE: 'Advice due from an agency (6 weeks)',
};

/**
 * `{ kind, label, dueOn, overdue }` for the deadline that matters most now (an overdue one first,
 * then the earliest), or null when nothing is due (no plan, ceased, not assessed).
 */
export function nextDeadline(plan, today = new Date().toISOString().slice(0, 10)) {
  if (!plan) return null;
  if (Array.isArray(plan.deadlines)) {
    const open = plan.deadlines.filter((d) => d && d.dueOn);
    if (!open.length) return null;
    open.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
    const d = open[0];
    return { kind: d.kind, label: DEADLINE_NAMES[d.kind] ?? humanise(d.kind), dueOn: d.dueOn, overdue: !!d.overdue };
  }
  const pick = (kind, dueOn) => (dueOn ? { kind, label: DEADLINE_NAMES[kind], dueOn, overdue: !!plan.overdue || dueOn < today } : null);
  switch (plan.status) {
    case 'REQUESTED': return pick('DECISION', plan.decisionDue);
    case 'ASSESSING':
    case 'DRAFT': return pick('FINAL_PLAN', plan.finalPlanDue);
    case 'FINAL': return pick('ANNUAL_REVIEW', plan.nextReviewDue);
    default: return null;
  }
}

/** Overdue first, then by due date; children with nothing due last, by name. */
export function compareCaseloadRows(a, b) {
  const da = a.deadline;
  const db = b.deadline;
  if (!!da !== !!db) return da ? -1 : 1;
  if (da && db) {
    if (da.overdue !== db.overdue) return da.overdue ? -1 : 1;
    if (da.dueOn !== db.dueOn) return da.dueOn.localeCompare(db.dueOn);
  }
  return (a.name ?? '').localeCompare(b.name ?? '');
}
