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

/**
 * The legal status of a setting, as Get Information about Schools (GIAS) records an establishment's type
 * and as the SEN2 return and the "preference met" measure need it. CFA 2014 s.38(3) lists the kinds a
 * family may ask to have named, which binds the council to s.39 (see {@link SECTION_38_REQUESTABLE}).
 * Added beside {@link SETTING_TYPES}, never replacing it: the type says what kind of provision, the legal
 * status who runs it.
 */
export const SETTING_LEGAL_STATUSES = [
  /** Community, foundation or voluntary school, maintained special school, maintained nursery school (CFA 2014 s.83(2)). */
  'LA_MAINTAINED',
  /** Pupil referral unit: maintained by a council but not a "maintained school" (CFA 2014 s.83(2)), so outside s.38(3). */
  'PUPIL_REFERRAL_UNIT',
  /** Academy (converter or sponsored), including academy special schools and AP academies. */
  'ACADEMY',
  /** Free school: in law an academy (Academies Act 2010 s.1A), kept apart because DfE reports it apart. */
  'FREE_SCHOOL',
  /** Non-maintained special school approved under Education Act 1996 s.342. */
  'NON_MAINTAINED_SPECIAL',
  /** Independent school approved under CFA 2014 s.41 (the published list). */
  'INDEPENDENT_S41_APPROVED',
  /** Independent special school not on the s.41 list (registered under Education and Skills Act 2008 Part 4). */
  'INDEPENDENT_SPECIAL',
  /** Any other independent (mainstream) school not on the s.41 list. */
  'INDEPENDENT_OTHER',
  /** An institution in the further education sector: FE college or sixth form college (CFA 2014 s.83(2)). */
  'FE_COLLEGE',
  /** Specialist post-16 institution (independent), on the s.41 list or not: identified by UKPRN. */
  'SPECIALIST_POST_16',
  /** Private, voluntary or independent early years provider. */
  'EARLY_YEARS_PVI',
  /** No institution: elective home education, education otherwise than at school, NEET. */
  'NO_INSTITUTION',
] as const;
export type SettingLegalStatus = (typeof SETTING_LEGAL_STATUSES)[number];

/**
 * CFA 2014 s.38(3): the kinds of school or institution a family may ask the council to name, so that s.39
 * binds it (name it unless a s.39(4) ground applies). For any other kind the council must consider the
 * request but is not bound by s.39 (Education Act 1996 s.9 general principle).
 */
export const SECTION_38_REQUESTABLE: Readonly<Record<SettingLegalStatus, boolean>> = {
  LA_MAINTAINED: true, // s.38(3)(a), (b): maintained school or maintained nursery school
  PUPIL_REFERRAL_UNIT: false,
  ACADEMY: true, // s.38(3)(c)
  FREE_SCHOOL: true, // an academy in law: s.38(3)(c)
  NON_MAINTAINED_SPECIAL: true, // s.38(3)(e)
  INDEPENDENT_S41_APPROVED: true, // s.38(3)(f)
  INDEPENDENT_SPECIAL: false,
  INDEPENDENT_OTHER: false,
  FE_COLLEGE: true, // s.38(3)(d): institution within the further education sector
  SPECIALIST_POST_16: false, // s.38(3)(f) only when on the s.41 list: record it as INDEPENDENT_S41_APPROVED then
  EARLY_YEARS_PVI: false,
  NO_INSTITUTION: false,
};

/**
 * The SEN2 `SENSetting` codes, for a placement that has neither a URN nor a UKPRN (DfE SEN2 person-level
 * schema, `sensettingtype`): OLA other arranged by the local authority; EHE elective home education; EYP
 * early years provider without a URN; OPA other arranged by parents; OTH other (described in
 * SENSettingOther); NEET not in education, employment or training (16-25); NIEC and NIEO not in
 * education (docs/sen2.md records what could and could not be confirmed about these two).
 */
export const SEN2_SETTING_CODES = ['OLA', 'EHE', 'EYP', 'OPA', 'OTH', 'NEET', 'NIEC', 'NIEO'] as const;
export type Sen2SettingCode = (typeof SEN2_SETTING_CODES)[number];

/**
 * CFA 2014 s.39(4): the only grounds on which a council may refuse to name a s.38(3) setting the family
 * asked for: (a) unsuitable for the age, ability, aptitude or SEN of the child or young person; (b)(i)
 * incompatible with the provision of efficient education for others; (b)(ii) incompatible with the
 * efficient use of resources.
 */
export const SETTING_REFUSAL_GROUNDS = [
  'UNSUITABLE_FOR_AGE_ABILITY_APTITUDE_OR_SEN',
  'INCOMPATIBLE_WITH_EFFICIENT_EDUCATION_OF_OTHERS',
  'INCOMPATIBLE_WITH_EFFICIENT_USE_OF_RESOURCES',
] as const;
export type SettingRefusalGround = (typeof SETTING_REFUSAL_GROUNDS)[number];

/**
 * Who asked for the EHC needs assessment, in the five groups of the SEN2 `RequestSource` item (codes 1–5,
 * from the 2026 collection). CFA 2014 s.36(1) gives the right to request to the parent, the young person
 * and a school or post-16 institution; anyone else (health, social care) brings the child to the council's
 * attention under s.24, which SEN2 counts as a request too.
 */
export const REQUEST_SOURCES = ['YOUNG_PERSON_OR_PARENT', 'EDUCATION_SETTING', 'HEALTH', 'SOCIAL_CARE', 'OTHER'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** SEND Regulations 2014 reg 20(10): after a review meeting the council keeps, amends or ceases the plan. */
export const REVIEW_DECISIONS = ['MAINTAIN', 'AMEND', 'CEASE'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Personal Budgets Regulations 2014: the council agrees to prepare a personal budget, or refuses with reasons. */
export const PERSONAL_BUDGET_DECISIONS = ['AGREED', 'REFUSED'] as const;
export type PersonalBudgetDecision = (typeof PERSONAL_BUDGET_DECISIONS)[number];

export const PERSONAL_BUDGET_FORMS = ['DIRECT_PAYMENT', 'NOTIONAL', 'THIRD_PARTY', 'MIXED'] as const;
export type PersonalBudgetForm = (typeof PERSONAL_BUDGET_FORMS)[number];

/**
 * reg 5(4), 10(4), 13(3): circumstances in which a time limit does not bind the council. A setting closure
 * and the family's absence from the area count only for a continuous period of not less than 4 weeks;
 * exceptional personal circumstances have no minimum (see src/domain/timeliness.ts).
 */
export const CLOCK_EXCEPTION_REASONS = ['SETTING_CLOSED', 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', 'FAMILY_ABSENT_FROM_AREA'] as const;
export type ClockExceptionReason = (typeof CLOCK_EXCEPTION_REASONS)[number];

/** reg 18: plans of children moving between phases are reviewed and amended by a fixed date. */
export const PHASE_TRANSFERS = ['TO_SECONDARY', 'TO_POST_16', 'OTHER'] as const;
export type PhaseTransfer = (typeof PHASE_TRANSFERS)[number];

/**
 * The dimensions of commissioning tables. SUPPORT_LEVEL splits children with an EHC plan record (a primary
 * need in section B) from pupils on SEN support without one (src/domain/sen-support.ts, Code 6.44).
 */
export const NEED_DIMENSIONS = ['PRIMARY_NEED', 'AGE_BAND', 'SETTING_TYPE', 'LOCALITY', 'PLAN_STATUS', 'SUPPORT_LEVEL'] as const;
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
  'REVIEW_RECORD',
  'EXPORT',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** HSDS 3 service.status (Open Referral HSDS 3.0 schema/service.json). */
export const LOCAL_OFFER_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type LocalOfferServiceStatus = (typeof LOCAL_OFFER_SERVICE_STATUSES)[number];

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
