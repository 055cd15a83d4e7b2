/**
 * The hub's typed vocabularies, shared by the database schema, the GraphQL schema and the policies,
 * so that a typo in a role, agency, category or basis fails to compile (CONTRIBUTING.md).
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

/** Setting types as the DfE SEN2 return groups them (docs/domain.md). */
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

/** reg 18: plans of children moving between phases are reviewed and amended by a fixed date. */
export const PHASE_TRANSFERS = ['TO_SECONDARY', 'TO_POST_16', 'OTHER'] as const;
export type PhaseTransfer = (typeof PHASE_TRANSFERS)[number];

export const NEED_DIMENSIONS = ['PRIMARY_NEED', 'AGE_BAND', 'SETTING_TYPE', 'LOCALITY', 'PLAN_STATUS'] as const;
export type NeedDimension = (typeof NEED_DIMENSIONS)[number];

/**
 * DfE published age bands (0–25: CFA 2014 s.83(2), plans end at the 25th birthday), and one more for
 * a reference date so far ahead that a registered young person has passed 25 (src/domain/age-bands.ts).
 */
export const AGE_BANDS = ['UNDER_5', 'AGE_5_10', 'AGE_11_15', 'AGE_16_19', 'AGE_20_25', 'AGE_26_PLUS'] as const;
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

export const CONSENT_KINDS = ['GRANT', 'REFUSAL'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * Provision types (sections F, G, H1, H2), an enumerated list with an OTHER bucket: aggregates group on
 * this, and free text (which can name a child) is never a grouping key. Describe the detail in
 * the provision's `description`.
 */
export const PROVISION_TYPES = [
  'SPECIALIST_TEACHING',
  'TEACHING_ASSISTANT_SUPPORT',
  'SMALL_GROUP_TEACHING',
  'EDUCATIONAL_PSYCHOLOGY',
  'SPEECH_AND_LANGUAGE_THERAPY',
  'OCCUPATIONAL_THERAPY',
  'PHYSIOTHERAPY',
  'MENTAL_HEALTH_SUPPORT',
  'NURSING_CARE',
  'EQUIPMENT',
  'SHORT_BREAKS',
  'PERSONAL_CARE',
  'TRANSPORT',
  'SOCIAL_WORK_SUPPORT',
  'OTHER',
] as const;
export type ProvisionType = (typeof PROVISION_TYPES)[number];
