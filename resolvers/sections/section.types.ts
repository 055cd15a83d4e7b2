import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Agency, DataCategory, NeedType, PersonalBudgetForm, SectionCode, SettingType } from '../../src/domain/vocabulary.js';
import {
  AgencyEnum, DataCategoryEnum, NeedTypeEnum, PersonalBudgetFormEnum, SectionCodeEnum, SettingTypeEnum,
} from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

/** One EHC plan section (reg 12). Values resolve through ScopedData.release in section.resolver.ts. */
@ObjectType('Section')
export class SectionType {
  @Field(() => SectionCodeEnum) code!: SectionCode;
  @Field(() => Int) version!: number;
  @Field(() => AgencyEnum) agency!: Agency;
  @Field(() => String) authorOrg!: string;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('SectionEntry')
export class SectionEntryType {
  @Field(() => String) key!: string;
  @Field(() => DataCategoryEnum) category!: DataCategory;
}

@ObjectType('SectionVersion')
export class SectionVersionType {
  @Field(() => Int) version!: number;
  @Field(() => String) authorOrg!: string;
  @Field(() => String) authorSub!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Need')
export class NeedGqlType {
  @Field(() => NeedTypeEnum) type!: NeedType;
  @Field(() => Int) rank!: number;
}

@ObjectType('Provision')
export class ProvisionType {
  @Field(() => String) provisionType!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) providerOrg!: string | null;
  @Field(() => Int, { nullable: true }) quantity!: number | null;
  @Field(() => String, { nullable: true }) unit!: string | null;
  @Field(() => String, { nullable: true }) frequency!: string | null;
  @Field(() => Int, { nullable: true, description: 'Annual cost in pence' }) annualCostPence!: number | null;
  @Field(() => DateScalar, { nullable: true }) startOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) endOn!: string | null;
}

@ObjectType('Placement')
export class PlacementType {
  @Field(() => SettingTypeEnum) settingType!: SettingType;
  @Field(() => String, { nullable: true }) urn!: string | null;
  @Field(() => String) settingName!: string;
}

@ObjectType('PersonalBudget')
export class PersonalBudgetType {
  @Field(() => PersonalBudgetFormEnum) form!: PersonalBudgetForm;
  @Field(() => Int) educationPence!: number;
  @Field(() => Int) healthPence!: number;
  @Field(() => Int) socialCarePence!: number;
}

@InputType()
export class SectionEntryInput {
  @Field(() => String) key!: string;
  @Field(() => String) value!: string;
  @Field(() => DataCategoryEnum, { nullable: true, description: 'Defaults by section; may only be raised' }) category?: DataCategory | null;
}

@InputType()
export class NeedInput {
  @Field(() => NeedTypeEnum) type!: NeedType;
  @Field(() => Int) rank!: number;
}

@InputType()
export class ProvisionInput {
  @Field(() => String, { description: 'e.g. SPEECH_AND_LANGUAGE_THERAPY, TEACHING_ASSISTANT, SHORT_BREAKS' }) provisionType!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) providerOrg?: string | null;
  @Field(() => Int, { nullable: true }) quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'e.g. HOURS, SESSIONS' }) unit?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. PER_WEEK, PER_TERM' }) frequency?: string | null;
  @Field(() => Int, { nullable: true }) annualCostPence?: number | null;
  @Field(() => DateScalar, { nullable: true }) startOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) endOn?: string | null;
}

@InputType()
export class PlacementInput {
  @Field(() => SettingTypeEnum) settingType!: SettingType;
  @Field(() => String, { nullable: true, description: '6-digit school URN' }) urn?: string | null;
  @Field(() => String) settingName!: string;
}

@InputType()
export class PersonalBudgetInput {
  @Field(() => PersonalBudgetFormEnum) form!: PersonalBudgetForm;
  @Field(() => Int, { nullable: true }) educationPence?: number | null;
  @Field(() => Int, { nullable: true }) healthPence?: number | null;
  @Field(() => Int, { nullable: true }) socialCarePence?: number | null;
}

@InputType()
export class ContributeSectionInput {
  @Field(() => ID) childId!: string;
  @Field(() => SectionCodeEnum) code!: SectionCode;
  @Field(() => Int, { nullable: true, description: 'The version you edited; a stale one is CONFLICT' }) expectedVersion?: number | null;
  @Field(() => [SectionEntryInput]) entries!: SectionEntryInput[];
  @Field(() => [NeedInput], { nullable: true, description: 'Section B only' }) needs?: NeedInput[] | null;
  @Field(() => [ProvisionInput], { nullable: true, description: 'Sections F, G, H1, H2' }) provisions?: ProvisionInput[] | null;
  @Field(() => PlacementInput, { nullable: true, description: 'Section I only' }) placement?: PlacementInput | null;
  @Field(() => PersonalBudgetInput, { nullable: true, description: 'Section J only' }) personalBudget?: PersonalBudgetInput | null;
  @Field(() => Boolean, { nullable: true, description: 'Section G only: agreed by the ICB (reg 12(2))' }) icbAgreed?: boolean | null;
}
