import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type {
  Agency, DataCategory, NeedType, PersonalBudgetForm, ProvisionType as ProvisionTypeCode, SectionCode, Sen2SettingCode, SettingLegalStatus, SettingType,
} from '../../src/domain/vocabulary.js';
import {
  AgencyEnum, DataCategoryEnum, NeedTypeEnum, PersonalBudgetFormEnum, ProvisionTypeEnum, SectionCodeEnum, Sen2SettingCodeEnum, SettingLegalStatusEnum,
  SettingTypeEnum,
} from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

@ObjectType('SectionEntry')
export class SectionEntryType {
  @Field(() => String) key!: string;
  @Field(() => DataCategoryEnum) category!: DataCategory;
  @Field(() => String, { nullable: true, description: 'Null with an error at its path if withheld (an entry listed is one you may read)' }) value!: string | null;
}

@ObjectType('SectionVersion')
export class SectionVersionType {
  @Field(() => Int) version!: number;
  @Field(() => String) authorOrg!: string;
  @Field(() => String, { description: "The author; a family reader sees the author's organisation instead of a member of staff" }) authorSub!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Need')
export class NeedGqlType {
  @Field(() => NeedTypeEnum) type!: NeedType;
  @Field(() => Int) rank!: number;
}

@ObjectType('Provision')
export class ProvisionType {
  @Field(() => ProvisionTypeEnum) provisionType!: ProvisionTypeCode;
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
  @Field(() => SettingLegalStatusEnum, { nullable: true, description: 'Null on placements recorded before it was asked' }) legalStatus!: SettingLegalStatus | null;
  @Field(() => String, { nullable: true }) ukprn!: string | null;
  @Field(() => Sen2SettingCodeEnum, { nullable: true }) sen2Setting!: Sen2SettingCode | null;
  @Field(() => String, { nullable: true }) sen2SettingOther!: string | null;
  @Field(() => Boolean) outOfArea!: boolean;
  @Field(() => Boolean) senUnit!: boolean;
  @Field(() => Boolean) resourcedProvision!: boolean;
}

@ObjectType('PersonalBudget')
export class PersonalBudgetType {
  @Field(() => PersonalBudgetFormEnum) form!: PersonalBudgetForm;
  @Field(() => Int) educationPence!: number;
  @Field(() => Int) healthPence!: number;
  @Field(() => Int) socialCarePence!: number;
}

/** One EHC plan section (reg 12). Every field is released by its guard (section.guards.ts). */
@ObjectType('Section')
export class SectionType {
  @Field(() => SectionCodeEnum) code!: SectionCode;
  @Field(() => Int) version!: number;
  @Field(() => AgencyEnum) agency!: Agency;
  @Field(() => String) authorOrg!: string;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => [NeedGqlType], { nullable: true, description: 'Section B only' }) needs!: NeedGqlType[] | null;
  @Field(() => [ProvisionType], { nullable: true, description: 'Sections F, G, H1, H2' }) provisions!: ProvisionType[] | null;
  @Field(() => PlacementType, { nullable: true, description: 'Section I only' }) placement!: PlacementType | null;
  @Field(() => PersonalBudgetType, { nullable: true, description: 'Section J only' }) personalBudget!: PersonalBudgetType | null;
  @Field(() => Boolean, { nullable: true, description: 'Section G only: agreed by the ICB (reg 12(2))' }) icbAgreed!: boolean | null;
  @Field(() => [SectionVersionType], { description: 'Every version, oldest first' }) history!: SectionVersionType[];
}

@ObjectType('WithheldEntries', { description: 'Entries you may not read but a consent could release: ask the family for it' })
export class WithheldEntriesType {
  @Field(() => SectionCodeEnum, { nullable: true }) section!: SectionCode | null;
  @Field(() => DataCategoryEnum) category!: DataCategory;
  @Field(() => Int) count!: number;
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
  @Field(() => ProvisionTypeEnum, { description: 'From a fixed list (OTHER for anything else): aggregates group on it' }) provisionType!: ProvisionTypeCode;
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
  @Field(() => SettingLegalStatusEnum, { nullable: true, description: 'Who runs it (GIAS); given, the whole description is checked (src/domain/settings.ts)' }) legalStatus?: SettingLegalStatus | null;
  @Field(() => String, { nullable: true, description: 'UKPRN (eight digits): colleges and specialist post-16 institutions' }) ukprn?: string | null;
  @Field(() => Sen2SettingCodeEnum, { nullable: true, description: 'SEN2 SENSetting, for a placement with neither URN nor UKPRN' }) sen2Setting?: Sen2SettingCode | null;
  @Field(() => String, { nullable: true, description: 'With sen2Setting OTH: what the arrangement is' }) sen2SettingOther?: string | null;
  @Field(() => Boolean, { nullable: true, description: "The setting is outside the council's area" }) outOfArea?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'An SEN unit within the setting' }) senUnit?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Resourced provision within the setting' }) resourcedProvision?: boolean | null;
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
