import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ChildRef } from '../../src/access/sealed.js';
import { Child } from '../child/child.types.js';
import type { RequestContext } from '../../src/access/request-context.js';
import * as audit from './audit.service.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import {
  AccessEventConnection, AccessLogFilter, AuditChainStatusType, BreakGlassOutcomeEnum, BreakGlassReviewType, FlaggedKindEnum, FlaggedRecordType,
  SafeguardingDecisionEnum, SubjectAccessRequestType, type BreakGlassOutcome, type FlaggedKind, type SafeguardingDecision,
} from './audit.types.js';

@Resolver()
export class AuditResolver {
  @Query(() => AccessEventConnection, { description: 'DPO: events of their areas; FAMILY: their own child\'s, in plain terms. Newest first.' })
  accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter?: AccessLogFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return audit.accessLog(ctx.data, filter, first, after);
  }

  @Query(() => AuditChainStatusType, { description: 'DPO: the latest verification of the audit hash chain (run in the background when the chain has grown)' })
  auditChainStatus(@Ctx() ctx: RequestContext) {
    return audit.auditChainStatus(ctx.data);
  }

  @Query(() => [BreakGlassReviewType], { description: 'DPO: break-glass accesses on children of their areas; pending = not yet reviewed' })
  breakGlassReviews(@Ctx() ctx: RequestContext, @Arg('pending', () => Boolean, { nullable: true }) pending?: boolean) {
    return audit.breakGlassReviews(ctx.data, pending);
  }

  @Mutation(() => BreakGlassReviewType, { description: 'DPO of the child\'s area: records whether a break-glass access was justified (once)' })
  reviewBreakGlass(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => BreakGlassOutcomeEnum) outcome: BreakGlassOutcome,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: RequestContext,
  ) {
    return audit.reviewBreakGlass(ctx.data, id, outcome, note);
  }

  @Mutation(() => SubjectAccessRequestType, { description: "UK GDPR Art. 15: the family's request (or the DPO recording one made to the council); due one month after receipt" })
  recordSubjectAccessRequest(@Arg('childId', () => ID) childId: string, @Arg('receivedOn', () => DateScalar) receivedOn: string, @Ctx() ctx: RequestContext) {
    return audit.recordSubjectAccessRequest(ctx.data, childId, receivedOn);
  }

  @Mutation(() => SubjectAccessRequestType, { description: 'DPO of the child\'s area: whether safeguarding content may be released in the export (DPA 2018 Sch. 3 Part 3, serious-harm test)' })
  recordSafeguardingExemptionReview(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('decision', () => SafeguardingDecisionEnum) decision: SafeguardingDecision,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: RequestContext,
  ) {
    return audit.recordSafeguardingExemptionReview(ctx.data, requestId, decision, note);
  }

  @Query(() => [SubjectAccessRequestType], { description: 'DPO: subject access requests of their areas, due date first; pending = not yet answered' })
  subjectAccessRequests(@Ctx() ctx: RequestContext, @Arg('pending', () => Boolean, { nullable: true }) pending?: boolean) {
    return audit.subjectAccessRequests(ctx.data, pending);
  }

  @Query(() => [FlaggedRecordType], { description: 'DPO: consents, withdrawals and capacity records made on paper evidence in their areas; pending = not yet reviewed' })
  flaggedRecords(@Ctx() ctx: RequestContext, @Arg('pending', () => Boolean, { nullable: true }) pending?: boolean) {
    return audit.flaggedRecords(ctx.data, pending);
  }

  @Mutation(() => FlaggedRecordType, { description: 'DPO of the child\'s area: records whether a record made on paper evidence was justified (once)' })
  reviewFlaggedRecord(
    @Arg('kind', () => FlaggedKindEnum) kind: FlaggedKind,
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => BreakGlassOutcomeEnum) outcome: BreakGlassOutcome,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: RequestContext,
  ) {
    return audit.reviewFlaggedRecord(ctx.data, kind, id, outcome, note);
  }

  @Query(() => String, { description: 'DPO of the child\'s area: everything held on the child plus its access history, as JSON, answering an open subject access request; one per operation (audited as EXPORT)' })
  subjectAccessExport(@Arg('childId', () => ID) childId: string, @Ctx() ctx: RequestContext) {
    return audit.subjectAccessExport(ctx.data, childId);
  }
}

@Resolver(() => Child)
export class ChildSubjectAccessResolver {
  @FieldResolver(() => [SubjectAccessRequestType], { description: "The child's subject access requests and where they stand" })
  subjectAccessRequests(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return audit.subjectAccessRequestsOf(ctx.data, child);
  }
}
