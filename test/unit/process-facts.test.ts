/**
 * The stored episode and the pure state agree both ways (src/access/process-facts.ts): every column a
 * transition can change is written back, so a step that ends something (a review decided, a transfer
 * done) clears or sets exactly what the rules say.
 */
import { describe, expect, it } from 'vitest';
import { planStateColumns, toPlanState, type EpisodeRow } from '../../src/access/process-facts.js';
import type { PlanState } from '../../src/domain/plan-transitions.js';

const row = (over: Partial<EpisodeRow>): EpisodeRow => ({
  childId: '00000000-0000-4000-8000-000000000001', episode: 2, status: 'FINAL', councilOrg: 'LA213', requestReceivedOn: '2024-01-10',
  requestSource: 'EDUCATION_SETTING', requestedBy: null, decisionOn: '2024-02-01', draftIssuedOn: '2024-04-01', finalIssuedOn: '2024-04-16',
  lastReviewOn: null, amendmentProposedOn: null, ceasedOn: null, ceasedReason: null, phaseTransfer: null, phaseTransferYear: null,
  phaseTransferAmendedOn: null, reviewMeetingOn: null, reviewInvitationsSentOn: null, reviewAdviceCirculatedOn: null, reviewHeldOn: null,
  reviewReportSentOn: null, lastReviewHeldOn: null, lastReviewDecision: null, lastReviewDecidedOn: null, updatedAt: new Date(0), ...over,
});

describe('process facts', () => {
  it('reads the review cycle, the last outcome and the phase transfer from their columns', () => {
    const state = toPlanState(row({
      reviewMeetingOn: '2025-03-20', reviewInvitationsSentOn: '2025-03-05', phaseTransfer: 'TO_POST_16', phaseTransferYear: 2026, phaseTransferAmendedOn: '2026-03-02',
      lastReviewHeldOn: '2024-03-21', lastReviewDecision: 'MAINTAIN', lastReviewDecidedOn: '2024-04-02',
    }));
    expect(state).toMatchObject({
      episode: 2,
      review: { meetingOn: '2025-03-20', invitationsSentOn: '2025-03-05', adviceCirculatedOn: null, heldOn: null, reportSentOn: null },
      lastReview: { heldOn: '2024-03-21', decision: 'MAINTAIN', decidedOn: '2024-04-02' },
      phaseTransfer: { kind: 'TO_POST_16', year: 2026, amendedOn: '2026-03-02' },
    });
  });

  it('writes back every column, clearing the review once it is decided', () => {
    const decided: PlanState = { ...toPlanState(row({ reviewMeetingOn: '2025-03-20', reviewHeldOn: '2025-03-20' })), review: null, lastReview: { heldOn: '2025-03-20', decision: 'AMEND', decidedOn: '2025-04-10' }, amendmentProposedOn: '2025-04-10' };
    expect(planStateColumns(decided)).toMatchObject({ reviewMeetingOn: null, reviewHeldOn: null, lastReviewDecision: 'AMEND', lastReviewDecidedOn: '2025-04-10', amendmentProposedOn: '2025-04-10', episode: 2 });
    const roundTrip = toPlanState({ ...row({}), ...planStateColumns(toPlanState(row({ phaseTransfer: 'TO_SECONDARY', phaseTransferYear: 2025 }))) } as EpisodeRow);
    expect(roundTrip.phaseTransfer).toEqual({ kind: 'TO_SECONDARY', year: 2025, amendedOn: null });
  });
});
