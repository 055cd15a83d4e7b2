import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SUPPRESSION_REASONS, type SuppressionReason } from '../../policies/disclosure/index.js';
import type { DisputeDecision, DisputeKind } from '../../src/domain/disputes.js';
import { DisputeDecisionEnum, DisputeKindEnum } from '../disputes/disputes.types.js';
import { SUPPORT_LEVELS, type SupportLevel } from '../../src/domain/sen-support.js';
import type { NeedDimension, NeedType, PersonalBudgetForm, PlanStatus, ProvisionType } from '../../src/domain/vocabulary.js';
import { NeedDimensionEnum, NeedTypeEnum, PersonalBudgetFormEnum, PlanStatusEnum, ProvisionTypeEnum } from '../../src/platform/graphql/enums.js';

const SUPPRESSION_REASON_VALUES = Object.keys(SUPPRESSION_REASONS) as SuppressionReason[];
export const SuppressionReasonEnum = Object.fromEntries(SUPPRESSION_REASON_VALUES.map((r) => [r, r])) as { [K in SuppressionReason]: K };
registerEnumType(SuppressionReasonEnum, {
  name: 'SuppressionReason',
  description: 'Why a number is withheld, in terms that leak nothing',
  valuesConfig: Object.fromEntries(SUPPRESSION_REASON_VALUES.map((r) => [r, { description: SUPPRESSION_REASONS[r] }])),
});

export const SupportLevelEnum = Object.fromEntries(SUPPORT_LEVELS.map((l) => [l, l])) as { [K in SupportLevel]: K };
registerEnumType(SupportLevelEnum, { name: 'SupportLevel', description: 'An EHC plan record, or SEN support at school without one (Code of Practice 6.44)' });

const because = { nullable: true, description: 'Why it is withheld (null when published)' } as const;

@ObjectType('DimensionValue', { description: 'One grouping value of a cell, e.g. PRIMARY_NEED = ASD' })
export class DimensionValue {
  @Field(() => NeedDimensionEnum) dimension!: NeedDimension;
  @Field(() => String) value!: string;
}

@ObjectType('NeedCell', { description: 'A protected count: null with suppressed true when withheld (never 0)' })
export class NeedCell {
  @Field(() => [DimensionValue]) key!: DimensionValue[];
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) suppressedBecause!: SuppressionReason | null;
}

@ObjectType('NeedTable', { description: 'Area-level need, with every number protected by disclosure control' })
export class NeedTable {
  @Field(() => String) areaCode!: string;
  @Field(() => [NeedCell]) cells!: NeedCell[];
  @Field(() => Int, { nullable: true, description: 'Null when withheld; protected independently of the cells' })
  total!: number | null;
  @Field(() => Boolean) totalSuppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) totalSuppressedBecause!: SuppressionReason | null;
  @Field(() => [String], { description: 'The disclosure-control rules every number here was published under' })
  disclosureControl!: string[];
}

@InputType('NeedFilter', { description: 'Allowed values only: a child is counted when it matches every listed field' })
export class NeedFilter {
  @Field(() => [String], { nullable: true }) locality?: string[] | null;
  @Field(() => [NeedTypeEnum], { nullable: true }) primaryNeed?: NeedType[] | null;
  @Field(() => [PlanStatusEnum], { nullable: true }) planStatus?: PlanStatus[] | null;
  @Field(() => [SupportLevelEnum], { nullable: true, description: 'EHC_PLAN, SEN_SUPPORT' }) supportLevel?: SupportLevel[] | null;
}

@ObjectType('ProtectedCount', { description: 'A protected count: null with suppressed true when withheld' })
export class ProtectedCountType {
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) suppressedBecause!: SuppressionReason | null;
}

@ObjectType('Timeliness', { description: 'Share of final plans issued within 20 weeks, excluding processes with clock exceptions' })
export class Timeliness {
  @Field(() => String) areaCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => ProtectedCountType, { description: 'Final plans issued in the year (exceptions excluded)' })
  issued!: ProtectedCountType;
  @Field(() => ProtectedCountType, { description: 'Of those, issued within 20 weeks of the request' })
  withinTwentyWeeks!: ProtectedCountType;
  @Field(() => Float, { nullable: true, description: 'Percentage from the protected counts; null if either is withheld or none were issued' })
  percentage!: number | null;
  @Field(() => SuppressionReasonEnum, because) percentageSuppressedBecause!: SuppressionReason | null;
  @Field(() => [String]) disclosureControl!: string[];
}

@ObjectType('ProvisionCount')
export class ProvisionCount {
  @Field(() => ProvisionTypeEnum) provisionType!: ProvisionType;
  @Field(() => Int, { nullable: true }) children!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) suppressedBecause!: SuppressionReason | null;
}

@ObjectType('PersonalBudgetGroup')
export class PersonalBudgetGroup {
  @Field(() => PersonalBudgetFormEnum) form!: PersonalBudgetForm;
  @Field(() => Int, { nullable: true }) children!: number | null;
  @Field(() => Boolean) childrenSuppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) childrenSuppressedBecause!: SuppressionReason | null;
  @Field(() => Float, { nullable: true, description: 'Sum of annual amounts in pence, rounded to the nearest pound; null when withheld' })
  annualPence!: number | null;
  @Field(() => Boolean) annualSuppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) annualSuppressedBecause!: SuppressionReason | null;
}

@ObjectType('AreaProvision')
export class AreaProvision {
  @Field(() => String) areaCode!: string;
  @Field(() => [ProvisionCount]) provision!: ProvisionCount[];
  @Field(() => [PersonalBudgetGroup]) personalBudgets!: PersonalBudgetGroup[];
  @Field(() => [String]) disclosureControl!: string[];
}

@ObjectType('SchoolSenSupportOutcomes', { description: "One school's pupils on SEN support and the outcomes met at their last review, every number protected" })
export class SchoolSenSupportOutcomes {
  @Field(() => String, { description: 'The school (organisation code)' }) schoolOrg!: string;
  @Field(() => String, { nullable: true, description: 'Its name in the organisation register' }) schoolName!: string | null;
  @Field(() => ProtectedCountType) pupils!: ProtectedCountType;
  @Field(() => ProtectedCountType, { description: 'Pupils the school has reviewed at least once' }) reviewed!: ProtectedCountType;
  @Field(() => ProtectedCountType, { description: 'Of those, whose expected outcomes were met at the last review' }) outcomesMet!: ProtectedCountType;
  @Field(() => Float, { nullable: true, description: 'outcomesMet as a percentage of reviewed, from the protected counts; null when either is withheld' })
  percentage!: number | null;
  @Field(() => SuppressionReasonEnum, because) percentageSuppressedBecause!: SuppressionReason | null;
}

@ObjectType('AreaSenSupportOutcomes')
export class AreaSenSupportOutcomes {
  @Field(() => String) areaCode!: string;
  @Field(() => [SchoolSenSupportOutcomes]) schools!: SchoolSenSupportOutcomes[];
  @Field(() => [String]) disclosureControl!: string[];
}

@ObjectType('DisputeCell', { description: 'Disputes of one kind, about one decision, with one outcome: a protected count' })
export class DisputeCell {
  @Field(() => DisputeKindEnum) kind!: DisputeKind;
  @Field(() => DisputeDecisionEnum) decision!: DisputeDecision;
  @Field(() => String, { description: 'A DisputeOutcome, or OPEN while there is none' }) outcome!: string;
  @Field(() => Int, { nullable: true }) count!: number | null;
  @Field(() => Boolean) suppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) suppressedBecause!: SuppressionReason | null;
}

@ObjectType('DisputeTable', { description: 'Mediations and appeals whose decision notice fell in the year, every number protected' })
export class DisputeTable {
  @Field(() => String) areaCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => [DisputeCell]) cells!: DisputeCell[];
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field(() => Boolean) totalSuppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) totalSuppressedBecause!: SuppressionReason | null;
  @Field(() => [String]) disclosureControl!: string[];
}

@ObjectType('SufficiencyCell', { description: 'Need (protected) beside the local offer for the same need type and locality' })
export class SufficiencyCell {
  @Field(() => [DimensionValue]) key!: DimensionValue[];
  @Field(() => Int, { nullable: true, description: 'Children and young people with this need here (areaNeeds, protected); 0 where there are none' }) need!: number | null;
  @Field(() => Boolean) needSuppressed!: boolean;
  @Field(() => SuppressionReasonEnum, because) needSuppressedBecause!: SuppressionReason | null;
  @Field(() => Int, { description: 'Active local-offer services for this need here (area-wide ones included)' }) services!: number;
  @Field(() => Int, { description: 'Places those services offer (area-wide ones included; services without a stated capacity add none)' }) capacity!: number;
  @Field(() => Int, { description: 'Of the capacity, places of services open to the whole area: they appear in every locality, so do not add them up across localities' })
  areaWideCapacity!: number;
  @Field(() => Int, { description: 'Services that state no capacity' }) servicesWithoutCapacity!: number;
  @Field(() => Int, { nullable: true, description: 'need − capacity: positive where demand outstrips supply; null when the need is withheld' }) gap!: number | null;
}

@ObjectType('SufficiencyTable', { description: 'Need against supply: protected need per cell, joined to the local offer only after protection' })
export class SufficiencyTable {
  @Field(() => String) areaCode!: string;
  @Field(() => [SufficiencyCell]) cells!: SufficiencyCell[];
  @Field(() => String, { description: 'The same table as CSV (RFC 4180), for download' }) csv!: string;
  @Field(() => [String]) disclosureControl!: string[];
}
