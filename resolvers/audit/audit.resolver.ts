import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import * as audit from './audit.service.js';
import {
  AccessEventConnection, AccessLogFilter, AuditChainStatusType, BreakGlassOutcomeEnum, BreakGlassReviewType, type BreakGlassOutcome,
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

  @Query(() => String, { description: 'DPO of the child\'s area: everything held on the child plus its access history, as JSON (audited as EXPORT)' })
  subjectAccessExport(@Arg('childId', () => ID) childId: string, @Ctx() ctx: RequestContext) {
    return audit.subjectAccessExport(ctx.data, childId);
  }
}
