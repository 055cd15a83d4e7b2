/**
 * One episode of a child's EHC process as the pure rules see it (src/domain/plan-transitions.ts,
 * process-deadlines.ts): the stored columns mapped to a `PlanState` and back, and the facts the deadlines
 * need (advice requests and clock exceptions of the same episode), loaded for many children at once.
 * Said once here so that the plan module's writes, its guards and the children list's deadline filters
 * and ordering read the same state.
 */
import { and, inArray, sql } from 'drizzle-orm';
import { adviceRequests, clockExceptions, plans } from '../../schema/tables.js';
import type { AdviceRequestFact, CeasedReason, PlanState } from '../domain/plan-transitions.js';
import type { ProcessFacts } from '../domain/process-deadlines.js';
import type { PhaseTransfer } from '../domain/vocabulary.js';
import type { Db } from '../platform/db/database.js';

export type EpisodeRow = typeof plans.$inferSelect;
type ExceptionRow = typeof clockExceptions.$inferSelect;
type AdviceRow = typeof adviceRequests.$inferSelect;

/** The stored episode as the transitions and deadlines see it. */
export function toPlanState(row: EpisodeRow): PlanState {
  return {
    episode: row.episode,
    status: row.status,
    requestReceivedOn: row.requestReceivedOn,
    decisionOn: row.decisionOn,
    draftIssuedOn: row.draftIssuedOn,
    finalIssuedOn: row.finalIssuedOn,
    lastReviewOn: row.lastReviewOn,
    amendmentProposedOn: row.amendmentProposedOn,
    ceasedOn: row.ceasedOn,
    ceasedReason: row.ceasedReason as CeasedReason | null,
    review: row.reviewMeetingOn
      ? {
          meetingOn: row.reviewMeetingOn,
          invitationsSentOn: row.reviewInvitationsSentOn,
          adviceCirculatedOn: row.reviewAdviceCirculatedOn,
          heldOn: row.reviewHeldOn,
          reportSentOn: row.reviewReportSentOn,
        }
      : null,
    lastReview:
      row.lastReviewHeldOn && row.lastReviewDecision && row.lastReviewDecidedOn
        ? { heldOn: row.lastReviewHeldOn, decision: row.lastReviewDecision, decidedOn: row.lastReviewDecidedOn }
        : null,
    phaseTransfer:
      row.phaseTransfer && row.phaseTransferYear
        ? { kind: row.phaseTransfer as PhaseTransfer, year: row.phaseTransferYear, amendedOn: row.phaseTransferAmendedOn }
        : null,
  };
}

/** The columns that store `state` (every one, so a step can clear what it ends). */
export function planStateColumns(state: PlanState) {
  const r = state.review ?? null;
  return {
    episode: state.episode,
    status: state.status,
    requestReceivedOn: state.requestReceivedOn,
    decisionOn: state.decisionOn ?? null,
    draftIssuedOn: state.draftIssuedOn ?? null,
    finalIssuedOn: state.finalIssuedOn ?? null,
    lastReviewOn: state.lastReviewOn ?? null,
    amendmentProposedOn: state.amendmentProposedOn ?? null,
    ceasedOn: state.ceasedOn ?? null,
    ceasedReason: state.ceasedReason ?? null,
    reviewMeetingOn: r?.meetingOn ?? null,
    reviewInvitationsSentOn: r?.invitationsSentOn ?? null,
    reviewAdviceCirculatedOn: r?.adviceCirculatedOn ?? null,
    reviewHeldOn: r?.heldOn ?? null,
    reviewReportSentOn: r?.reportSentOn ?? null,
    lastReviewHeldOn: state.lastReview?.heldOn ?? null,
    lastReviewDecision: state.lastReview?.decision ?? null,
    lastReviewDecidedOn: state.lastReview?.decidedOn ?? null,
    phaseTransfer: state.phaseTransfer?.kind ?? null,
    phaseTransferYear: state.phaseTransfer?.year ?? null,
    phaseTransferAmendedOn: state.phaseTransfer?.amendedOn ?? null,
  };
}

/** A stored exception as the timeliness rules see it. */
export const toClockException = (e: ExceptionRow) => ({ reason: e.reason, fromOn: e.fromOn, toOn: e.toOn, evidenceNote: e.evidenceNote });
/** A stored advice request as the transitions see it. */
export const toAdviceFact = (r: AdviceRow): AdviceRequestFact => ({ agency: r.agency, requestedOn: r.requestedOn, providedOn: r.providedOn });

/** The episode's own rows among rows of several episodes. */
export const ofEpisode = <R extends { episode: number }>(rows: readonly R[], episode: number): R[] => rows.filter((r) => r.episode === episode);

/** The current episode's facts for each of `childIds` that has a process: three statements for any number of children. */
export async function loadProcessFacts(db: Db, childIds: readonly string[]): Promise<Map<string, ProcessFacts>> {
  const ids = [...new Set(childIds)];
  const out = new Map<string, ProcessFacts>();
  if (ids.length === 0) return out;
  const [planRows, adviceRows, exceptionRows] = await Promise.all([
    db.select().from(plans).where(inArray(plans.childId, ids)),
    db.select().from(adviceRequests).where(and(inArray(adviceRequests.childId, ids), sql`${adviceRequests.episode} = (select p.episode from plans p where p.child_id = ${adviceRequests.childId})`)),
    db.select().from(clockExceptions).where(and(inArray(clockExceptions.childId, ids), sql`${clockExceptions.episode} = (select p.episode from plans p where p.child_id = ${clockExceptions.childId})`)),
  ]);
  for (const row of planRows) out.set(row.childId, { ...toPlanState(row), adviceRequests: [], clockExceptions: [] });
  for (const a of adviceRows) (out.get(a.childId)?.adviceRequests as AdviceRequestFact[] | undefined)?.push(toAdviceFact(a));
  for (const e of exceptionRows) (out.get(e.childId)?.clockExceptions as ReturnType<typeof toClockException>[] | undefined)?.push(toClockException(e));
  return out;
}
