/**
 * The hub's typed vocabularies, shared by the database schema, the GraphQL schema and the policies,
 * so that a typo in a role, agency, category or basis fails to compile (STYLE.md habit 3).
 */

export const AGENCIES = ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'] as const;
export type Agency = (typeof AGENCIES)[number];

export const ROLES = ['PRACTITIONER', 'CASE_COORDINATOR', 'FAMILY', 'COMMISSIONER', 'DPO'] as const;
export type Role = (typeof ROLES)[number];

/** EHC plan sections, SEND Regulations 2014 reg 12 and Code of Practice 9.62. */
export const SECTION_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;
export type SectionCode = (typeof SECTION_CODES)[number];

export const DATA_CATEGORIES = [
  'IDENTITY',
  'VIEWS',
  'EDUCATION',
  'HEALTH',
  'HEALTH_SENSITIVE',
  'SOCIAL_CARE',
  'SAFEGUARDING',
  'FINANCIAL',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** SEN2 / school census primary need codes (NSA is for SEN support only, so not on an EHC plan). */
export const NEED_TYPES = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH'] as const;
export type NeedType = (typeof NEED_TYPES)[number];

export const ACCESS_BASES = ['OWNER', 'STATUTORY', 'FAMILY', 'CONSENT', 'BREAK_GLASS', 'DENIED'] as const;
export type AccessBasis = (typeof ACCESS_BASES)[number];

export const FAMILY_RELATIONSHIPS = ['PARENT', 'YOUNG_PERSON'] as const;
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number];

export const PLAN_STATUSES = ['REQUESTED', 'ASSESSING', 'NOT_ASSESSED', 'DRAFT', 'FINAL', 'CEASED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Setting types as the DfE SEN2 return groups them (DESIGN.md §1). */
export const SETTING_TYPES = [
  'MAINSTREAM',
  'RESOURCED_PROVISION',
  'SPECIAL',
  'ALTERNATIVE_PROVISION',
  'FURTHER_EDUCATION',
  'EARLY_YEARS',
  'ELECTIVE_HOME_EDUCATION',
  'OTHER_ARRANGEMENTS',
  'NEET',
] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export const PERSONAL_BUDGET_FORMS = ['DIRECT_PAYMENT', 'NOTIONAL', 'THIRD_PARTY', 'MIXED'] as const;
export type PersonalBudgetForm = (typeof PERSONAL_BUDGET_FORMS)[number];

/** reg 10(4) / reg 5(4): circumstances in which the 20-week clock does not count against the council. */
export const CLOCK_EXCEPTION_REASONS = ['SETTING_CLOSED', 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', 'FAMILY_ABSENT_FROM_AREA'] as const;
export type ClockExceptionReason = (typeof CLOCK_EXCEPTION_REASONS)[number];

export const NEED_DIMENSIONS = ['PRIMARY_NEED', 'AGE_BAND', 'SETTING_TYPE', 'LOCALITY', 'PLAN_STATUS'] as const;
export type NeedDimension = (typeof NEED_DIMENSIONS)[number];

/** DfE published age bands. */
export const AGE_BANDS = ['UNDER_5', 'AGE_5_10', 'AGE_11_15', 'AGE_16_19', 'AGE_20_25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AUDIT_ACTIONS = [
  'READ',
  'WRITE',
  'REGISTER',
  'GRANT_CONSENT',
  'REFUSE_CONSENT',
  'WITHDRAW_CONSENT',
  'BREAK_GLASS',
  'REVIEW_BREAK_GLASS',
  'EXPORT',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** HSDS 3 service.status (Open Referral HSDS 3.0 schema/service.json). */
export const LOCAL_OFFER_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type LocalOfferServiceStatus = (typeof LOCAL_OFFER_SERVICE_STATUSES)[number];

export const CONSENT_KINDS = ['GRANT', 'REFUSAL'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** Which agency owns each section (DESIGN.md §1). A is the family's views, recorded by the council. */
export const SECTION_OWNER: Record<SectionCode, Agency> = {
  A: 'EDUCATION',
  B: 'EDUCATION',
  C: 'HEALTH',
  D: 'SOCIAL_CARE',
  E: 'EDUCATION',
  F: 'EDUCATION',
  G: 'HEALTH',
  H1: 'SOCIAL_CARE',
  H2: 'SOCIAL_CARE',
  I: 'EDUCATION',
  J: 'EDUCATION',
  K: 'EDUCATION',
};

/** The category an entry gets when its author names none. */
export const SECTION_DEFAULT_CATEGORY: Record<SectionCode, DataCategory> = {
  A: 'VIEWS',
  B: 'EDUCATION',
  C: 'HEALTH',
  D: 'SOCIAL_CARE',
  E: 'EDUCATION',
  F: 'EDUCATION',
  G: 'HEALTH',
  H1: 'SOCIAL_CARE',
  H2: 'SOCIAL_CARE',
  I: 'EDUCATION',
  J: 'FINANCIAL',
  K: 'EDUCATION',
};
