import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { ChildRef } from '../../src/access/sealed.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import { Child } from '../child/child.types.js';
import { EhcPlanType } from '../plan/plan.types.js';
import type { Sealed } from '../../src/access/sealed.js';
import * as senSupport from './sen-support.service.js';
import { SchoolTermInput, SchoolTermType, SenSupportInput, SenSupportReviewInput, SenSupportType } from './sen-support.types.js';

@Resolver(() => Child)
export class ChildSenSupportResolver {
  @FieldResolver(() => SenSupportType, { nullable: true, description: 'SEN support at school (Code of Practice 6.44–6.72), for a pupil without an EHC plan' })
  senSupport(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return senSupport.senSupportOf(ctx.data, child);
  }
}

@Resolver(() => EhcPlanType)
export class PlanSenSupportResolver {
  @FieldResolver(() => SenSupportType, { nullable: true, description: 'The SEN support the school provided, with its reviews: evidence for the assessment (Code 6.63, 9.14)' })
  senSupportEvidence(@Root() plan: Sealed<{ childId: string }>, @Ctx() ctx: RequestContext) {
    return senSupport.senSupportEvidence(ctx.data, plan);
  }
}

@Resolver()
export class SenSupportResolver {
  @Mutation(() => SenSupportType, { description: "Code 6.48: a school on the child's care team records the SEN support it provides" })
  recordSenSupport(@Arg('input', () => SenSupportInput) input: SenSupportInput, @Ctx() ctx: RequestContext) {
    return senSupport.recordSenSupport(ctx.data, input);
  }

  @Mutation(() => SenSupportType, { description: 'Code 6.65: the termly review of progress' })
  reviewSenSupport(@Arg('input', () => SenSupportReviewInput) input: SenSupportReviewInput, @Ctx() ctx: RequestContext) {
    return senSupport.reviewSenSupport(ctx.data, input);
  }

  @Mutation(() => SenSupportType, { description: 'CFA 2014 s.68(2): the school informed the parents that it makes special educational provision' })
  recordParentsInformed(@Arg('childId', () => ID) childId: string, @Arg('on', () => DateScalar) on: string, @Ctx() ctx: RequestContext) {
    return senSupport.recordParentsInformed(ctx.data, childId, on);
  }

  @Mutation(() => [SchoolTermType], { description: "Sets the area's school terms for the termly SEN support review (CASE_COORDINATOR of the area)" })
  recordTermDates(@Arg('areaCode', () => String) areaCode: string, @Arg('terms', () => [SchoolTermInput]) terms: SchoolTermInput[], @Ctx() ctx: RequestContext) {
    return senSupport.recordTermDates(ctx.data, areaCode, terms);
  }

  @Query(() => [SchoolTermType], { description: "The area's school terms" })
  termDates(@Arg('areaCode', () => String) areaCode: string, @Ctx() ctx: RequestContext) {
    return senSupport.termDates(ctx.data, areaCode);
  }
}
