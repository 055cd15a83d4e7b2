/** Registers the shared vocabularies as GraphQL enums, so schema and code use one list each. */
import { registerEnumType } from 'type-graphql';
import * as v from '../../domain/vocabulary.js';
import { ETHNICITY_CODES, SEX_CODES } from '../../domain/sen2/codes.js';

function asEnum<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const AgencyEnum = asEnum(v.AGENCIES);
export const RoleEnum = asEnum(v.ROLES);
export const SectionCodeEnum = asEnum(v.SECTION_CODES);
export const DataCategoryEnum = asEnum(v.DATA_CATEGORIES);
export const NeedTypeEnum = asEnum(v.NEED_TYPES);
export const AccessBasisEnum = asEnum(v.ACCESS_BASES);
export const FamilyRelationshipEnum = asEnum(v.FAMILY_RELATIONSHIPS);
export const PlanStatusEnum = asEnum(v.PLAN_STATUSES);
export const SettingTypeEnum = asEnum(v.SETTING_TYPES);
export const PersonalBudgetFormEnum = asEnum(v.PERSONAL_BUDGET_FORMS);
export const ClockExceptionReasonEnum = asEnum(v.CLOCK_EXCEPTION_REASONS);
export const NeedDimensionEnum = asEnum(v.NEED_DIMENSIONS);
export const ProvisionTypeEnum = asEnum(v.PROVISION_TYPES);

registerEnumType(AgencyEnum, { name: 'Agency' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(SectionCodeEnum, { name: 'SectionCode' });
registerEnumType(DataCategoryEnum, { name: 'DataCategory' });
registerEnumType(NeedTypeEnum, { name: 'NeedType' });
registerEnumType(AccessBasisEnum, { name: 'AccessBasis' });
registerEnumType(FamilyRelationshipEnum, { name: 'FamilyRelationship' });
registerEnumType(PlanStatusEnum, { name: 'PlanStatus' });
registerEnumType(SettingTypeEnum, { name: 'SettingType' });
registerEnumType(PersonalBudgetFormEnum, { name: 'PersonalBudgetForm' });
registerEnumType(ClockExceptionReasonEnum, { name: 'ClockExceptionReason' });
registerEnumType(NeedDimensionEnum, { name: 'NeedDimension' });
registerEnumType(ProvisionTypeEnum, { name: 'ProvisionType', description: 'Provision types (OTHER for anything else); aggregates group on them' });

export const RequestSourceEnum = asEnum(v.REQUEST_SOURCES);
export const ReviewDecisionEnum = asEnum(v.REVIEW_DECISIONS);
export const SettingLegalStatusEnum = asEnum(v.SETTING_LEGAL_STATUSES);
export const SettingRefusalGroundEnum = asEnum(v.SETTING_REFUSAL_GROUNDS);
export const PersonalBudgetDecisionEnum = asEnum(v.PERSONAL_BUDGET_DECISIONS);
export const Sen2SettingCodeEnum = asEnum(v.SEN2_SETTING_CODES);
export const SexEnum = asEnum(SEX_CODES);
export const EthnicityEnum = asEnum(ETHNICITY_CODES);

registerEnumType(RequestSourceEnum, { name: 'RequestSource', description: 'Who asked for the assessment, in the groups of SEN2 RequestSource (CFA 2014 s.36(1))' });
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision', description: 'SEND Regulations 2014 reg 20(10): keep, amend or cease the plan after a review' });
registerEnumType(SettingLegalStatusEnum, { name: 'SettingLegalStatus', description: 'Who runs a setting, as GIAS records it (CFA 2014 s.38(3) decides which bind the council)' });
registerEnumType(SettingRefusalGroundEnum, { name: 'SettingRefusalGround', description: 'CFA 2014 s.39(4): the only grounds to refuse naming a requested s.38(3) setting' });
registerEnumType(PersonalBudgetDecisionEnum, { name: 'PersonalBudgetDecision' });
registerEnumType(SexEnum, { name: 'Sex', description: 'The DfE common basic data set Sex code the SEN2 return carries: M male, F female, U not known' });
registerEnumType(EthnicityEnum, { name: 'Ethnicity', description: 'The DfE main ethnicity codes the SEN2 return carries (the school census set); REFU refused, NOBT not yet obtained' });
registerEnumType(Sen2SettingCodeEnum, { name: 'Sen2SettingCode', description: 'SEN2 SENSetting, for a placement with neither URN nor UKPRN' });
