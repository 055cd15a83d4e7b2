import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { ChildRef } from '../../src/access/sealed.js';
import type { AnyPlanEventType } from '../../src/domain/plan-transitions.js';
import type {
  Agency, ClockExceptionReason, FamilyRelationship, PersonalBudgetDecision, PersonalBudgetForm, PhaseTransfer, RequestSource, ReviewDecision,
} from '../../src/domain/vocabulary.js';
import {
  AgencyEnum, ClockExceptionReasonEnum, FamilyRelationshipEnum, PersonalBudgetDecisionEnum, PersonalBudgetFormEnum, RequestSourceEnum, ReviewDecisionEnum,
} from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import { Child } from '../child/child.types.js';
import { SectionEntryInput, SectionType, WithheldEntriesType } from '../sections/section.types.js';
import type { Sealed } from '../../src/access/sealed.js';
import type { SectionCode } from '../../src/domain/vocabulary.js';
import * as plans from './plan.service.js';
import {
  AdviceEntryType, AdviceRequestType, DecidePreferenceInput, EhcPlanType, FamilyCommentType, PersonalBudgetRequestType, PhaseTransferEnum, PlanEventEnum,
  SettingPreferenceType, StatePreferenceInput,
} from './plan.types.js';

@Resolver(() => Child)
export class ChildPlanResolver {
  @FieldResolver(() => EhcPlanType, { nullable: true })
  plan(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return plans.planOf(ctx.data, child);
  }

  @FieldResolver(() => [EhcPlanType], { description: 'Every episode of the process, oldest first, the current one last; ended ones stay as they ended' })
  planHistory(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return plans.planHistoryOf(ctx.data, child);
  }
}

@Resolver(() => EhcPlanType)
export class PlanResolver {
  @FieldResolver(() => [AdviceRequestType])
  adviceRequests(@Root() plan: plans.SealedPlan, @Ctx() ctx: RequestContext) {
    return plans.adviceRequestsOf(ctx.data, plan);
  }

  @FieldResolver(() => [SettingPreferenceType], { description: "CFA 2014 s.38(2)(b): the family's preferences for the setting, and the council's answers" })
  preferences(@Root() plan: plans.SealedPlan, @Ctx() ctx: RequestContext) {
    return plans.preferencesOf(ctx.data, plan);
  }

  @FieldResolver(() => [FamilyCommentType], { description: "The family's comments on the draft and on proposed amendments" })
  familyComments(@Root() plan: plans.SealedPlan, @Ctx() ctx: RequestContext) {
    return plans.familyCommentsOf(ctx.data, plan);
  }

  @FieldResolver(() => [PersonalBudgetRequestType], { description: 'CFA 2014 s.49: requests for a personal budget you may see (FINANCIAL)' })
  personalBudgetRequests(@Root() plan: plans.SealedPlan, @Ctx() ctx: RequestContext) {
    return plans.budgetRequestsOf(ctx.data, plan);
  }

  @Mutation(() => EhcPlanType, { description: 'CFA 2014 s.36(1): the parent or young person requests an EHC needs assessment (received today)' })
  familyRequestAssessment(@Arg('childId', () => ID) childId: string, @Ctx() ctx: RequestContext) {
    return plans.familyRequestAssessment(ctx.data, childId);
  }

  @Mutation(() => EhcPlanType, { description: 'CFA 2014 s.38(2)(b): the family asks for a school or institution to be named, on a draft or proposed amendments' })
  statePreference(@Arg('input', () => StatePreferenceInput) input: StatePreferenceInput, @Ctx() ctx: RequestContext) {
    return plans.statePreference(ctx.data, input);
  }

  @Mutation(() => EhcPlanType, { description: 'CFA 2014 s.39: the council names the setting, or refuses on s.39(4) grounds with reasons' })
  decidePreference(@Arg('input', () => DecidePreferenceInput) input: DecidePreferenceInput, @Ctx() ctx: RequestContext) {
    return plans.decidePreference(ctx.data, input);
  }

  @Mutation(() => EhcPlanType, { description: "reg 13(1)(a), 22(2)(c): the family's comments on the draft or proposed amendments (marked late after 15 days)" })
  commentOnPlan(@Arg('childId', () => ID) childId: string, @Arg('text', () => String) text: string, @Ctx() ctx: RequestContext) {
    return plans.commentOnPlan(ctx.data, childId, text);
  }

  @Mutation(() => EhcPlanType, { description: 'CFA 2014 s.49: the family asks for a personal budget (a draft issued, or during a review)' })
  requestPersonalBudget(@Arg('childId', () => ID) childId: string, @Ctx() ctx: RequestContext) {
    return plans.requestPersonalBudget(ctx.data, childId);
  }

  @Mutation(() => EhcPlanType, { description: "The council's decision on a personal budget request, with reasons" })
  decidePersonalBudget(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('decision', () => PersonalBudgetDecisionEnum) decision: PersonalBudgetDecision,
    @Arg('decidedOn', () => DateScalar) decidedOn: string,
    @Arg('reasons', () => String) reasons: string,
    @Ctx() ctx: RequestContext,
    @Arg('forms', () => [PersonalBudgetFormEnum], { nullable: true, description: 'How an agreed budget is held' }) forms?: PersonalBudgetForm[],
  ) {
    return plans.decidePersonalBudget(ctx.data, requestId, decision, decidedOn, forms ?? [], reasons);
  }

  @Mutation(() => EhcPlanType, { description: 'CFA 2014 s.36(1): starts the statutory clock; after an ended episode, the next episode' })
  requestAssessment(
    @Arg('childId', () => ID) childId: string,
    @Arg('receivedOn', () => DateScalar) receivedOn: string,
    @Ctx() ctx: RequestContext,
    @Arg('source', () => RequestSourceEnum, { nullable: true, description: 'Who asked (SEN2 RequestSource)' }) source?: RequestSource,
    @Arg('requestedBy', () => FamilyRelationshipEnum, { nullable: true, description: 'With source YOUNG_PERSON_OR_PARENT: the parent or the young person' }) requestedBy?: FamilyRelationship,
  ) {
    return plans.requestAssessment(ctx.data, childId, receivedOn, { source, requestedBy });
  }

  @Mutation(() => EhcPlanType, { description: 'One step of the process, taking effect on `on`' })
  advancePlan(
    @Arg('childId', () => ID) childId: string,
    @Arg('event', () => PlanEventEnum) event: AnyPlanEventType,
    @Arg('on', () => DateScalar) on: string,
    @Ctx() ctx: RequestContext,
    @Arg('phaseTransfer', () => PhaseTransferEnum, { nullable: true }) phaseTransfer?: PhaseTransfer,
    @Arg('phaseTransferYear', () => Int, { nullable: true }) phaseTransferYear?: number,
    @Arg('meetingOn', () => DateScalar, { nullable: true, description: 'SCHEDULE_REVIEW: the date of the review meeting' }) meetingOn?: string,
    @Arg('decision', () => ReviewDecisionEnum, { nullable: true, description: 'DECIDE_AFTER_REVIEW: reg 20(10)' }) decision?: ReviewDecision,
    @Arg('forPhaseTransfer', () => Boolean, { nullable: true, description: 'FINALISE_AMENDMENT: this is (or is not) the amendment for the phase transfer (reg 18)' }) forPhaseTransfer?: boolean,
  ) {
    return plans.advancePlan(ctx.data, childId, event, on, { phaseTransfer, phaseTransferYear, meetingOn, decision, forPhaseTransfer });
  }

  @Mutation(() => AdviceRequestType, { description: 'reg 6(1): ask health or social care for advice' })
  requestAdvice(
    @Arg('childId', () => ID) childId: string,
    @Arg('agency', () => AgencyEnum) agency: Agency,
    @Arg('requestedOn', () => DateScalar) requestedOn: string,
    @Ctx() ctx: RequestContext,
    @Arg('org', () => String, { nullable: true, description: "One organisation of the agency on the child's care team" }) org?: string,
  ) {
    return plans.requestAdvice(ctx.data, childId, agency, requestedOn, org);
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

  @Mutation(() => EhcPlanType, {
    description: 'reg 5(4), 10(4), 13(3): a period in which the time limits did not bind (closure and absence: at least 4 weeks), with its evidence, while the assessment runs',
  })
  recordClockException(
    @Arg('childId', () => ID) childId: string,
    @Arg('reason', () => ClockExceptionReasonEnum) reason: ClockExceptionReason,
    @Arg('fromOn', () => DateScalar) fromOn: string,
    @Arg('toOn', () => DateScalar) toOn: string,
    @Arg('evidenceNote', () => String, { description: 'What shows the circumstance: a letter, a notice, a reference' }) evidenceNote: string,
    @Ctx() ctx: RequestContext,
  ) {
    return plans.recordClockException(ctx.data, childId, reason, fromOn, toOn, evidenceNote);
  }

  @Query(() => [AdviceRequestType], { description: "Outstanding advice requests to the caller's agency, due date first" })
  myAdviceRequests(@Ctx() ctx: RequestContext) {
    return plans.myAdviceRequests(ctx.data);
  }
}

@Resolver(() => AdviceRequestType)
export class AdviceRequestResolver {
  @FieldResolver(() => Child, { description: 'The child the advice is for, each field under its own guard' })
  child(@Root() request: plans.SealedAdvice, @Ctx() ctx: RequestContext) {
    return plans.childOfAdvice(ctx.data, request);
  }

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
