import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import {
  DISPUTE_DECISIONS, DISPUTE_KINDS, DISPUTE_OUTCOMES, TRIBUNAL_ORDERS, type DisputeDecision, type DisputeKind, type DisputeOutcome, type TribunalOrder,
} from '../../src/domain/disputes.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const DisputeKindEnum = asEnum(DISPUTE_KINDS);
export const DisputeDecisionEnum = asEnum(DISPUTE_DECISIONS);
export const DisputeOutcomeEnum = asEnum(DISPUTE_OUTCOMES);
export const TribunalOrderEnum = asEnum(TRIBUNAL_ORDERS);
registerEnumType(DisputeKindEnum, { name: 'DisputeKind', description: 'Mediation (CFA 2014 ss.53–55) or an appeal to the First-tier Tribunal (s.51)' });
registerEnumType(DisputeDecisionEnum, { name: 'DisputeDecision', description: 'The decision disputed (CFA 2014 s.51(2))' });
registerEnumType(DisputeOutcomeEnum, { name: 'DisputeOutcome' });
registerEnumType(TribunalOrderEnum, { name: 'TribunalOrder', description: 'What the Tribunal ordered (SEND Regulations 2014 reg 43(2))' });

@ObjectType('ComplianceStep', { description: "A step the council owes after the Tribunal's order (reg 44(2))" })
export class ComplianceStepType {
  @Field(() => String) step!: string;
  @Field(() => DateScalar) dueOn!: string;
  @Field(() => String) basis!: string;
  @Field(() => Boolean, { description: 'Past its date (whether or not the step was taken: the plan record says what was)' }) passed!: boolean;
}

/** A mediation or an appeal about one decision, with the deadlines computed from its dates. */
@ObjectType('Dispute')
export class DisputeType {
  @Field(() => ID) id!: string;
  @Field(() => DisputeKindEnum) kind!: DisputeKind;
  @Field(() => DisputeDecisionEnum) decision!: DisputeDecision;
  @Field(() => DateScalar, { description: 'The date of the decision notice' }) decisionOn!: string;
  @Field(() => DateScalar, { nullable: true }) mediationRequestedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) mediationDeclinedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) mediationHeldOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The mediation certificate (CFA 2014 s.55(4), (5))' }) certificateIssuedOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) appealRegisteredOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) hearingOn!: string | null;
  @Field(() => DisputeOutcomeEnum, { nullable: true }) outcome!: DisputeOutcome | null;
  @Field(() => DateScalar, { nullable: true }) outcomeOn!: string | null;
  @Field(() => TribunalOrderEnum, { nullable: true }) order!: TribunalOrder | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 33: contact the mediation adviser within 2 months of the decision notice' }) mediationAdviserContactBy!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'reg 37: the council arranges mediation within 30 days of being told' }) mediationDueBy!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'regs 34, 39: the certificate within 3 working days' }) certificateDueBy!: string | null;
  @Field(() => DateScalar, { description: 'HESC Rules 2008 r.20: 2 months after the decision notice or 1 month after the certificate, whichever is later' })
  appealDeadline!: string;
  @Field(() => Boolean, { nullable: true, description: 'Whether the appeal was registered by the deadline (null until registered)' }) appealInTime!: boolean | null;
  @Field(() => [ComplianceStepType], { description: 'reg 44(2): what the council must do after the order, and by when' }) complianceSteps!: ComplianceStepType[];
}

@InputType('DisputeInput', { description: 'A whole dispute record: without id a new one; with id, that record replaced by what is given' })
export class DisputeInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => ID) childId!: string;
  @Field(() => DisputeKindEnum) kind!: DisputeKind;
  @Field(() => DisputeDecisionEnum) decision!: DisputeDecision;
  @Field(() => DateScalar) decisionOn!: string;
  @Field(() => DateScalar, { nullable: true }) mediationRequestedOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) mediationDeclinedOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) mediationHeldOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) certificateIssuedOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) appealRegisteredOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'May be a future date: the hearing listed' }) hearingOn?: string | null;
  @Field(() => DisputeOutcomeEnum, { nullable: true }) outcome?: DisputeOutcome | null;
  @Field(() => DateScalar, { nullable: true }) outcomeOn?: string | null;
  @Field(() => TribunalOrderEnum, { nullable: true }) order?: TribunalOrder | null;
}
