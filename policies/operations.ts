/**
 * Every root field of the API and the action it performs (actions.ts). The operation-level shield
 * (shield.ts) is generated from this table; a root field missing here is denied before it runs, and
 * the cross-tenant suite fails until it has a case.
 */
import type { Action } from './actions.js';

export interface Operation {
  action: Action;
  /** Where the request names the area it acts in (checked before execution when the action needs it). */
  area?: (args: Record<string, any>) => unknown;
}

export const OPERATIONS: { Query: Readonly<Record<string, Operation>>; Mutation: Readonly<Record<string, Operation>> } = {
  Query: {
    me: { action: 'me.read' },
    child: { action: 'child.read' },
    children: { action: 'child.read' },
    myAdviceRequests: { action: 'advice.list' },
    areaNeeds: { action: 'aggregate.read', area: (a) => a.areaCode },
    areaTimeliness: { action: 'aggregate.read', area: (a) => a.areaCode },
    areaProvision: { action: 'aggregate.read', area: (a) => a.areaCode },
    areaDisputes: { action: 'aggregate.read', area: (a) => a.areaCode },
    areaSufficiency: { action: 'aggregate.read', area: (a) => a.areaCode },
    areaSenSupportOutcomes: { action: 'aggregate.read', area: (a) => a.areaCode },
    accessLog: { action: 'audit.log' },
    auditChainStatus: { action: 'audit.chain' },
    breakGlassReviews: { action: 'breakGlass.queue' },
    subjectAccessExport: { action: 'audit.export' },
    localities: { action: 'area.read' },
    subjectAccessRequests: { action: 'flagged.queue' },
    flaggedRecords: { action: 'flagged.queue' },
    termDates: { action: 'area.read' },
  },
  Mutation: {
    registerChild: { action: 'child.register', area: (a) => a.input?.areaCode },
    updateChildDetails: { action: 'child.updateDetails' },
    addCareTeamMember: { action: 'careTeam.manage' },
    linkFamilyMember: { action: 'family.link' },
    removeCareTeamMember: { action: 'careTeam.manage' },
    unlinkFamilyMember: { action: 'family.link' },
    recordCapacity: { action: 'capacity.record' },
    contributeSection: { action: 'section.write' },
    requestAssessment: { action: 'plan.manage' },
    advancePlan: { action: 'plan.manage' },
    requestAdvice: { action: 'plan.manage' },
    recordClockException: { action: 'plan.manage' },
    familyRequestAssessment: { action: 'family.request' },
    statePreference: { action: 'family.request' },
    decidePreference: { action: 'plan.manage' },
    commentOnPlan: { action: 'family.request' },
    requestPersonalBudget: { action: 'family.request' },
    decidePersonalBudget: { action: 'plan.manage' },
    provideAdvice: { action: 'advice.provide' },
    grantConsent: { action: 'consent.record' },
    refuseConsent: { action: 'consent.record' },
    withdrawConsent: { action: 'consent.withdraw' },
    breakGlass: { action: 'breakGlass.open' },
    reviewBreakGlass: { action: 'breakGlass.review' },
    registerLocalities: { action: 'area.manage', area: (a) => a.areaCode },
    upsertLocalOfferService: { action: 'localOffer.manage', area: (a) => a.input?.areaCode },
    recordSubjectAccessRequest: { action: 'subjectAccess.request' },
    recordSafeguardingExemptionReview: { action: 'subjectAccess.review' },
    reviewFlaggedRecord: { action: 'flagged.review' },
    recordSenSupport: { action: 'senSupport.record' },
    reviewSenSupport: { action: 'senSupport.record' },
    recordParentsInformed: { action: 'senSupport.record' },
    recordDispute: { action: 'dispute.record' },
    recordTermDates: { action: 'area.manage', area: (a) => a.areaCode },
  },
};
