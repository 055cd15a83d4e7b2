import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ALL_PLAN_EVENT_TYPES, type AnyPlanEventType } from '../../src/domain/plan-transitions.js';
import { DEADLINE_KINDS, type DeadlineKind } from '../../src/domain/process-deadlines.js';
import {
  PHASE_TRANSFERS, type Agency, type ClockExceptionReason, type DataCategory, type FamilyRelationship, type PhaseTransfer, type PlanStatus,
  type PersonalBudgetDecision, type PersonalBudgetForm, type RequestSource, type ReviewDecision, type SettingLegalStatus, type SettingRefusalGround,
} from '../../src/domain/vocabulary.js';
import {
  AgencyEnum, ClockExceptionReasonEnum, DataCategoryEnum, FamilyRelationshipEnum, PersonalBudgetDecisionEnum, PersonalBudgetFormEnum, PlanStatusEnum,
  RequestSourceEnum, ReviewDecisionEnum, SettingLegalStatusEnum, SettingRefusalGroundEnum,
} from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

export const PlanEventEnum = Object.fromEntries(ALL_PLAN_EVENT_TYPES.map((e) => [e, e])) as { [K in AnyPlanEventType]: K };
registerEnumType(PlanEventEnum, {
  name: 'PlanEvent',
  description: 'A step in the EHC process (CFA 2014 Part 3, SEND Regulations 2014), the annual review steps of reg 20 included',
});

export const PhaseTransferEnum = Object.fromEntries(PHASE_TRANSFERS.map((e) => [e, e])) as { [K in PhaseTransfer]: K };
registerEnumType(PhaseTransferEnum, { name: 'PhaseTransfer' });

export const DeadlineKindEnum = Object.fromEntries(DEADLINE_KINDS.map((e) => [e, e])) as { [K in DeadlineKind]: K };
registerEnumType(DeadlineKindEnum, { name: 'DeadlineKind', description: 'What a statutory deadline is (src/domain/process-deadlines.ts)' });

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
  @Field(() => Int, { description: 'The episode of the process the advice is for' }) episode!: number;
  @Field(() => AgencyEnum) agency!: Agency;
  @Field(() => String, { nullable: true, description: 'The organisation asked; null when the agency at large was asked' }) requestedOfOrg!: string | null;
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
  @Field(() => String, { description: 'What shows the circumstance (required since reg 5(4), 10(4), 13(3) are checked)' }) evidenceNote!: string;
  @Field(() => Boolean, { description: 'Meets the rules (4-week minimum, evidence, within the process) and so takes the process out of the 20-week measure' }) qualifies!: boolean;
}

@ObjectType('Deadline', { description: 'One open statutory deadline of the process' })
export class DeadlineType {
  @Field(() => DeadlineKindEnum) kind!: DeadlineKind;
  @Field(() => DateScalar, { description: 'The last day on which the step is on time' }) dueOn!: string;
  @Field(() => Boolean, { description: 'Today is after dueOn and the step is still owed (never for the family\'s comment periods)' }) overdue!: boolean;
  @Field(() => String, { description: 'COUNCIL, FAMILY, or the agency asked for advice' }) owedBy!: string;
  @Field(() => String, { description: 'The provision that sets it' }) basis!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Comment periods: the first day the plan may be issued' }) earliestFinalOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'ADVICE: the day the agency was asked' }) requestedOn!: string | null;
  @Field(() => Boolean, { description: 'A qualifying clock exception is recorded (reg 5(4), 10(4), 13(3)): the limit does not bind' }) exceptionApplies!: boolean;
}

@ObjectType('ReviewCycle', { description: 'The annual review in progress (CFA 2014 s.44; reg 20)' })
export class ReviewCycleType {
  @Field(() => DateScalar) meetingOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'reg 20(3)' }) invitationsSentOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 20(4)' }) adviceCirculatedOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The meeting was held' }) heldOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 20(7), (8)' }) reportSentOn!: string | null;
}

@ObjectType('ReviewOutcome', { description: 'The last completed review and the council\'s reg 20(10) decision' })
export class ReviewOutcomeType {
  @Field(() => DateScalar) heldOn!: string;
  @Field(() => ReviewDecisionEnum) decision!: ReviewDecision;
  @Field(() => DateScalar) decidedOn!: string;
}

/** One episode of a child's EHC process and its statutory clock, computed from the recorded milestones. */
@ObjectType('EhcPlan')
export class EhcPlanType {
  @Field(() => Int, { description: '1 for the first request; a request after an ended episode starts the next' }) episode!: number;
  @Field(() => PlanStatusEnum) status!: PlanStatus;
  @Field(() => DateScalar) requestReceivedOn!: string;
  @Field(() => RequestSourceEnum, { nullable: true }) requestSource!: RequestSource | null;
  @Field(() => FamilyRelationshipEnum, { nullable: true, description: 'For a request by the family' }) requestedBy!: FamilyRelationship | null;
  @Field(() => DateScalar, { nullable: true }) decisionOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) draftIssuedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) finalIssuedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) lastReviewOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) ceasedOn!: string | null;
  @Field(() => String, { nullable: true }) ceasedReason!: string | null;
  @Field(() => DateScalar, { description: 'reg 5(1): 6 weeks' }) decisionDue!: string;
  @Field(() => DateScalar, { description: 'reg 10(1): 16 weeks' }) notToIssueDue!: string;
  @Field(() => DateScalar, { description: 'reg 13(2): 20 weeks' }) finalPlanDue!: string;
  @Field(() => DateScalar, { nullable: true, description: "reg 13(1)(a): the last day of the family's 15 days to comment on the draft" }) draftCommentsEndOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 13(1)(a): the first day the final plan may be issued (the day after the 15 days)' }) earliestFinalOn!: string | null;
  @Field(() => DateScalar, { nullable: true, deprecationReason: 'Reads as the last day to comment but is the day after: use earliestFinalOn (or draftCommentsEndOn)' }) draftCommentsCloseOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'CFA s.44(1): the last day of the 12 months starting with the plan or the last review' }) nextReviewDue!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 22(3): 8 weeks after proposed amendments' }) amendmentDue!: string | null;
  @Field(() => PhaseTransferEnum, { nullable: true }) phaseTransfer!: PhaseTransfer | null;
  @Field(() => Int, { nullable: true }) phaseTransferYear!: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 18(1): 15 February, or 31 March for post-16' }) phaseTransferDue!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 18: the day the amended plan for the transfer was issued (the deadline is then met)' }) phaseTransferAmendedOn!: string | null;
  @Field(() => ReviewCycleType, { nullable: true }) review!: ReviewCycleType | null;
  @Field(() => ReviewOutcomeType, { nullable: true }) lastReviewOutcome!: ReviewOutcomeType | null;
  @Field(() => [DeadlineType], { description: 'Every open deadline, earliest first' }) deadlines!: DeadlineType[];
  @Field(() => DeadlineType, { nullable: true, description: 'The first open deadline owed by the council or an agency' }) nextDeadline!: DeadlineType | null;
  @Field(() => Boolean, { description: 'Any open deadline is overdue (see deadlines for which)' }) overdue!: boolean;
  @Field(() => [ClockExceptionType]) clockExceptions!: ClockExceptionType[];
}

@ObjectType('SettingPreference', { description: "CFA 2014 s.38(2)(b): the family's request that a school or institution be named, and the council's answer (s.39)" })
export class SettingPreferenceType {
  @Field(() => ID) id!: string;
  @Field(() => Int) episode!: number;
  @Field(() => DateScalar) statedOn!: string;
  @Field(() => String) settingName!: string;
  @Field(() => SettingLegalStatusEnum) legalStatus!: SettingLegalStatus;
  @Field(() => String, { nullable: true }) urn!: string | null;
  @Field(() => String, { nullable: true }) ukprn!: string | null;
  @Field(() => Boolean, { description: "Stated within the family's 15 days (reg 13(1)(a), 22(2)(c)); later ones are still considered" }) withinCommentPeriod!: boolean;
  @Field(() => Boolean, { description: 'A CFA s.38(3) kind of setting: the council names it unless a s.39(4) ground applies' }) bindsCouncil!: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'CFA s.39(2): the council consulted the setting' }) consultedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'NAMED or REFUSED; null while the council has not decided' }) outcome!: string | null;
  @Field(() => DateScalar, { nullable: true }) decidedOn!: string | null;
  @Field(() => [SettingRefusalGroundEnum], { description: 'CFA s.39(4) grounds of a refusal' }) grounds!: SettingRefusalGround[];
  @Field(() => String, { nullable: true }) reasons!: string | null;
  @Field(() => Boolean, { description: 'The setting named in section I is the one asked for (same URN or UKPRN)' }) met!: boolean;
}

@ObjectType('FamilyComment', { description: 'The family\'s comments on a draft (reg 13(1)(a)) or on proposed amendments (reg 22(2)(c))' })
export class FamilyCommentType {
  @Field(() => ID) id!: string;
  @Field(() => Int) episode!: number;
  @Field(() => DateScalar, { description: 'The day the draft or proposal commented on was served' }) servedOn!: string;
  @Field(() => DateScalar) receivedOn!: string;
  @Field(() => String) text!: string;
  @Field(() => Boolean, { description: 'Within the 15 days beginning with the day it was served' }) withinStatutoryPeriod!: boolean;
}

@ObjectType('PersonalBudgetRequest', { description: 'CFA 2014 s.49: a request for a personal budget and the council\'s decision with reasons' })
export class PersonalBudgetRequestType {
  @Field(() => ID) id!: string;
  @Field(() => Int) episode!: number;
  @Field(() => DateScalar) requestedOn!: string;
  @Field(() => FamilyRelationshipEnum) requestedBy!: FamilyRelationship;
  @Field(() => PersonalBudgetDecisionEnum, { nullable: true }) decision!: PersonalBudgetDecision | null;
  @Field(() => [PersonalBudgetFormEnum]) forms!: PersonalBudgetForm[];
  @Field(() => String, { nullable: true }) reasons!: string | null;
  @Field(() => DateScalar, { nullable: true }) decidedOn!: string | null;
}

export const PreferenceOutcomeEnum = { NAMED: 'NAMED', REFUSED: 'REFUSED' } as const;
registerEnumType(PreferenceOutcomeEnum, { name: 'PreferenceOutcome', description: 'CFA 2014 s.39: the council names the setting, or refuses (s.39(4))' });

@InputType('StatePreferenceInput')
export class StatePreferenceInput {
  @Field(() => ID) childId!: string;
  @Field(() => String) settingName!: string;
  @Field(() => SettingLegalStatusEnum) legalStatus!: SettingLegalStatus;
  @Field(() => String, { nullable: true, description: 'GIAS URN (six digits)' }) urn?: string | null;
  @Field(() => String, { nullable: true, description: 'UKPRN (eight digits), for a college' }) ukprn?: string | null;
}

@InputType('DecidePreferenceInput')
export class DecidePreferenceInput {
  @Field(() => ID) preferenceId!: string;
  @Field(() => PreferenceOutcomeEnum) outcome!: 'NAMED' | 'REFUSED';
  @Field(() => DateScalar) decidedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'CFA s.39(2): required for a s.38(3) setting' }) consultedOn?: string | null;
  @Field(() => [SettingRefusalGroundEnum], { nullable: true, description: 'CFA s.39(4): at least one when refusing a s.38(3) setting' }) grounds?: SettingRefusalGround[] | null;
  @Field(() => String, { nullable: true, description: 'Required when refusing' }) reasons?: string | null;
}
