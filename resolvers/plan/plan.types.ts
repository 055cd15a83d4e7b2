import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PLAN_EVENT_TYPES, type PlanEventType } from '../../src/domain/plan-transitions.js';
import { PHASE_TRANSFERS, type Agency, type ClockExceptionReason, type DataCategory, type PhaseTransfer, type PlanStatus } from '../../src/domain/vocabulary.js';
import { AgencyEnum, ClockExceptionReasonEnum, DataCategoryEnum, PlanStatusEnum } from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

export const PlanEventEnum = Object.fromEntries(PLAN_EVENT_TYPES.map((e) => [e, e])) as { [K in PlanEventType]: K };
registerEnumType(PlanEventEnum, { name: 'PlanEvent', description: 'A step in the EHC process (CFA 2014 Part 3, SEND Regulations 2014)' });

export const PhaseTransferEnum = Object.fromEntries(PHASE_TRANSFERS.map((e) => [e, e])) as { [K in PhaseTransfer]: K };
registerEnumType(PhaseTransferEnum, { name: 'PhaseTransfer' });

@ObjectType('AdviceEntry', { description: 'One entry of the advice an agency or setting gave: an appendix of section K' })
export class AdviceEntryType {
  @Field(() => String) key!: string;
  @Field(() => DataCategoryEnum) category!: DataCategory;
  @Field(() => String, { nullable: true }) value!: string | null;
}

@ObjectType('AdviceRequest')
export class AdviceRequestType {
  @Field(() => ID) id!: string;
  @Field(() => ID) childId!: string;
  @Field(() => AgencyEnum) agency!: Agency;
  @Field(() => DateScalar) requestedOn!: string;
  @Field(() => DateScalar, { description: 'reg 8(1): 6 weeks from the request' }) dueOn!: string;
  @Field(() => DateScalar, { nullable: true }) providedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'The organisation that gave the advice' }) providedByOrg!: string | null;
  @Field(() => Boolean) overdue!: boolean;
}

@ObjectType('ClockException')
export class ClockExceptionType {
  @Field(() => ClockExceptionReasonEnum) reason!: ClockExceptionReason;
  @Field(() => DateScalar) fromOn!: string;
  @Field(() => DateScalar) toOn!: string;
}

/** The EHC process of one child and its statutory clock, computed from the recorded milestones. */
@ObjectType('EhcPlan')
export class EhcPlanType {
  @Field(() => PlanStatusEnum) status!: PlanStatus;
  @Field(() => DateScalar) requestReceivedOn!: string;
  @Field(() => DateScalar, { nullable: true }) decisionOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) draftIssuedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) finalIssuedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) lastReviewOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) ceasedOn!: string | null;
  @Field(() => String, { nullable: true }) ceasedReason!: string | null;
  @Field(() => DateScalar, { description: 'reg 5(1): 6 weeks' }) decisionDue!: string;
  @Field(() => DateScalar, { description: 'reg 10(1): 16 weeks' }) notToIssueDue!: string;
  @Field(() => DateScalar, { description: 'reg 13(2): 20 weeks' }) finalPlanDue!: string;
  @Field(() => DateScalar, { nullable: true, description: 'reg 13(1)(a): first day after the 15-day comment period' }) draftCommentsCloseOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'CFA s.44: 12 months after the plan or last review' }) nextReviewDue!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 22(3): 8 weeks after proposed amendments' }) amendmentDue!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 18(1): 15 February, or 31 March for post-16' }) phaseTransferDue!: string | null;
  @Field(() => Boolean) overdue!: boolean;
  @Field(() => [ClockExceptionType]) clockExceptions!: ClockExceptionType[];
}
