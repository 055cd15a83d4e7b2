import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { ChildRef } from '../../src/access/sealed.js';
import type { PlanEventType } from '../../src/domain/plan-transitions.js';
import type { Agency, ClockExceptionReason, PhaseTransfer } from '../../src/domain/vocabulary.js';
import { AgencyEnum, ClockExceptionReasonEnum } from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import { Child } from '../child/child.types.js';
import { SectionEntryInput, SectionType, WithheldEntriesType } from '../sections/section.types.js';
import type { Sealed } from '../../src/access/sealed.js';
import type { SectionCode } from '../../src/domain/vocabulary.js';
import * as plans from './plan.service.js';
import { AdviceEntryType, AdviceRequestType, EhcPlanType, PhaseTransferEnum, PlanEventEnum } from './plan.types.js';

@Resolver(() => Child)
export class ChildPlanResolver {
  @FieldResolver(() => EhcPlanType, { nullable: true })
  plan(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return plans.planOf(ctx.data, child);
  }
}

@Resolver(() => EhcPlanType)
export class PlanResolver {
  @FieldResolver(() => [AdviceRequestType])
  adviceRequests(@Root() plan: plans.SealedPlan, @Ctx() ctx: RequestContext) {
    return plans.adviceRequestsOf(ctx.data, plan);
  }

  @Mutation(() => EhcPlanType, { description: 'CFA 2014 s.36(1): starts the statutory clock' })
  requestAssessment(@Arg('childId', () => ID) childId: string, @Arg('receivedOn', () => DateScalar) receivedOn: string, @Ctx() ctx: RequestContext) {
    return plans.requestAssessment(ctx.data, childId, receivedOn);
  }

  @Mutation(() => EhcPlanType, { description: 'One step of the process, taking effect on `on`' })
  advancePlan(
    @Arg('childId', () => ID) childId: string,
    @Arg('event', () => PlanEventEnum) event: PlanEventType,
    @Arg('on', () => DateScalar) on: string,
    @Ctx() ctx: RequestContext,
    @Arg('phaseTransfer', () => PhaseTransferEnum, { nullable: true }) phaseTransfer?: PhaseTransfer,
    @Arg('phaseTransferYear', () => Int, { nullable: true }) phaseTransferYear?: number,
  ) {
    return plans.advancePlan(ctx.data, childId, event, on, { phaseTransfer, phaseTransferYear });
  }

  @Mutation(() => AdviceRequestType, { description: 'reg 6(1): ask health or social care for advice' })
  requestAdvice(
    @Arg('childId', () => ID) childId: string,
    @Arg('agency', () => AgencyEnum) agency: Agency,
    @Arg('requestedOn', () => DateScalar) requestedOn: string,
    @Ctx() ctx: RequestContext,
  ) {
    return plans.requestAdvice(ctx.data, childId, agency, requestedOn);
  }

  @Mutation(() => AdviceRequestType, { description: 'reg 8: the agency asked gives its advice, kept as its own appendix of section K' })
  provideAdvice(
    @Arg('childId', () => ID) childId: string,
    @Arg('adviceRequestId', () => ID) adviceRequestId: string,
    @Arg('providedOn', () => DateScalar) providedOn: string,
    @Arg('advice', () => [SectionEntryInput], { description: "The advice itself; categories default to the agency's and may only be raised" }) advice: SectionEntryInput[],
    @Ctx() ctx: RequestContext,
  ) {
    return plans.provideAdvice(ctx.data, childId, adviceRequestId, providedOn, advice);
  }

  @Mutation(() => EhcPlanType, { description: 'reg 5(4), 10(4): excludes the process from the timeliness measure' })
  recordClockException(
    @Arg('childId', () => ID) childId: string,
    @Arg('reason', () => ClockExceptionReasonEnum) reason: ClockExceptionReason,
    @Arg('fromOn', () => DateScalar) fromOn: string,
    @Arg('toOn', () => DateScalar) toOn: string,
    @Ctx() ctx: RequestContext,
  ) {
    return plans.recordClockException(ctx.data, childId, reason, fromOn, toOn);
  }

  @Query(() => [AdviceRequestType], { description: "Outstanding advice requests to the caller's agency, due date first" })
  myAdviceRequests(@Ctx() ctx: RequestContext) {
    return plans.myAdviceRequests(ctx.data);
  }
}

@Resolver(() => AdviceRequestType)
export class AdviceRequestResolver {
  @FieldResolver(() => [AdviceEntryType], { description: 'The advice given that you may read' })
  async advice(@Root() request: plans.SealedAdvice, @Ctx() ctx: RequestContext) {
    return (await plans.adviceGivenIn(ctx.data, request)).released;
  }

  @FieldResolver(() => [WithheldEntriesType], { description: 'Advice entries a consent could release to you' })
  async withheldAdvice(@Root() request: plans.SealedAdvice, @Ctx() ctx: RequestContext) {
    return (await plans.adviceGivenIn(ctx.data, request)).withheld;
  }
}

@Resolver(() => SectionType)
export class SectionAppendicesResolver {
  @FieldResolver(() => [AdviceRequestType], { description: 'Section K: the advice gathered during the assessment (reg 12(1)(k))' })
  appendices(@Root() section: Sealed<{ childId: string; code: SectionCode }>, @Ctx() ctx: RequestContext) {
    return plans.appendicesOf(ctx.data, section);
  }
}
