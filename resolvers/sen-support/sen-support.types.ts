import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { SEN_SUPPORT_NEED_TYPES, type SenSupportNeedType } from '../../src/domain/sen-support.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

export const SenSupportNeedTypeEnum = Object.fromEntries(SEN_SUPPORT_NEED_TYPES.map((n) => [n, n])) as { [K in SenSupportNeedType]: K };
registerEnumType(SenSupportNeedTypeEnum, {
  name: 'SenSupportNeedType',
  description: 'School census need types; NSA (no specialist assessment of type of need) is for SEN support only',
});

@ObjectType('SenSupportIntervention', { description: 'Code of Practice 6.48: what the school does and the outcome it expects' })
export class SenSupportInterventionType {
  @Field(() => String) description!: string;
  @Field(() => String) expectedOutcome!: string;
}

@ObjectType('SenSupportReview', { description: 'Code of Practice 6.65: a termly review of progress, with the parents' })
export class SenSupportReviewType {
  @Field(() => DateScalar) heldOn!: string;
  @Field(() => Boolean, { description: 'Whether the expected outcomes were met' }) outcomesMet!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
}

/** A pupil's SEN support (Code 6.44–6.72), owned by the school that provides it. */
@ObjectType('SenSupport')
export class SenSupportType {
  @Field(() => String, { description: 'The school providing the support (its organisation code)' }) schoolOrg!: string;
  @Field(() => DateScalar) startedOn!: string;
  @Field(() => [SenSupportNeedTypeEnum], { description: 'In rank order: the first is the primary need' }) needs!: SenSupportNeedType[];
  @Field(() => [SenSupportInterventionType]) interventions!: SenSupportInterventionType[];
  @Field(() => [SenSupportReviewType], { description: 'Oldest first' }) reviews!: SenSupportReviewType[];
  @Field(() => DateScalar, { description: "At most one term after the start or the last review (Code 6.65; the area's term dates)" }) nextReviewDue!: string;
  @Field(() => Boolean) overdue!: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'CFA 2014 s.68(2): when the school informed the parents' }) parentsInformedOn!: string | null;
  @Field(() => Boolean, { description: 'Flag: the school makes special educational provision and has not recorded informing the parents (s.68)' })
  parentsNotInformed!: boolean;
}

@ObjectType('SchoolTerm', { description: "One of an area's school terms" })
export class SchoolTermType {
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar) endsOn!: string;
}

@InputType('SenSupportInterventionInput')
export class SenSupportInterventionInput {
  @Field(() => String) description!: string;
  @Field(() => String) expectedOutcome!: string;
}

@InputType('SenSupportInput', { description: 'Records (or revises) the SEN support the school provides: the "plan" of assess, plan, do, review' })
export class SenSupportInput {
  @Field(() => ID) childId!: string;
  @Field(() => DateScalar) startedOn!: string;
  @Field(() => [SenSupportNeedTypeEnum], { description: 'In rank order, the primary need first' }) needs!: SenSupportNeedType[];
  @Field(() => [SenSupportInterventionInput]) interventions!: SenSupportInterventionInput[];
}

@InputType('SenSupportReviewInput')
export class SenSupportReviewInput {
  @Field(() => ID) childId!: string;
  @Field(() => DateScalar) heldOn!: string;
  @Field(() => Boolean) outcomesMet!: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType('SchoolTermInput')
export class SchoolTermInput {
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar) endsOn!: string;
}
