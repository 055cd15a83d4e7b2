/**
 * Code sets of the DfE SEN2 person-level return, as its XML schema enumerates them (the 2024 schema,
 * `SEN2_schema_2024.xsd`, with `RequestSource` added for the 2026 collection). docs/sen2.md gives each
 * source and what could not be confirmed.
 */
import type { NeedType, RequestSource } from '../vocabulary.js';

/** `RequestOutcome`: Y assessed, N not assessed, A decision yet to be made, W withdrawn before a decision, H historical. */
export const REQUEST_OUTCOME_CODES = ['Y', 'N', 'A', 'W', 'H'] as const;
export type RequestOutcomeCode = (typeof REQUEST_OUTCOME_CODES)[number];

/** `AssessmentOutcome`: Y plan to be issued, N not, A not yet decided, W withdrawn, H historical or transferred in. */
export const ASSESSMENT_OUTCOME_CODES = ['Y', 'N', 'A', 'W', 'H'] as const;
export type AssessmentOutcomeCode = (typeof ASSESSMENT_OUTCOME_CODES)[number];

/** `ReviewOutcome` (reg 20(10)): A amend, C cease, M maintain. */
export const REVIEW_OUTCOME_CODES = { MAINTAIN: 'M', AMEND: 'A', CEASE: 'C' } as const;

/** `RequestSource` (2026): 1 young person or parent, 2 education setting, 3 health, 4 social care, 5 other. */
export const REQUEST_SOURCE_CODES: Readonly<Record<RequestSource, '1' | '2' | '3' | '4' | '5'>> = {
  YOUNG_PERSON_OR_PARENT: '1',
  EDUCATION_SETTING: '2',
  HEALTH: '3',
  SOCIAL_CARE: '4',
  OTHER: '5',
};

/** `CeaseReason` 1-9. */
export const CEASE_REASON_CODES = {
  '1': 'Reached maximum age',
  '2': 'Ongoing educational or training needs being met without an EHC plan',
  '3': 'Moved on to higher education',
  '4': 'Moved on to paid employment, excluding apprenticeships',
  '5': 'Transferred to another LA',
  '6': 'Young person no longer wishes to engage in education',
  '7': 'Child or young person has moved abroad',
  '8': 'Child or young person deceased',
  '9': 'Other',
} as const;
export type Sen2CeaseReason = keyof typeof CEASE_REASON_CODES;

/** `PlanRes` / `Res`: residential placement, A 38 to 51 weeks, B 52 weeks. */
export const RESIDENTIAL_CODES = ['A', 'B'] as const;
export type ResidentialCode = (typeof RESIDENTIAL_CODES)[number];

/** `PlanWBP` / `WBP`: work-based provision, A apprenticeship, T traineeship, S supported internship. */
export const WORK_BASED_CODES = ['A', 'T', 'S'] as const;
export type WorkBasedCode = (typeof WORK_BASED_CODES)[number];

/** `DP`: direct payments for E education only, S social care only, H health only, I an integrated combination. */
export const DIRECT_PAYMENT_CODES = { EDUCATION: 'E', SOCIAL_CARE: 'S', HEALTH: 'H' } as const;
export type DirectPaymentPart = keyof typeof DIRECT_PAYMENT_CODES;

/** `Sex`. */
export const SEX_CODES = ['M', 'F', 'U'] as const;
export type SexCode = (typeof SEX_CODES)[number];

/** `Ethnicity`: the main DfE categories, with REFU refused and NOBT not yet obtained. */
export const ETHNICITY_CODES = [
  'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH',
  'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT',
] as const;
export type EthnicityCode = (typeof ETHNICITY_CODES)[number];

/** `UPNunknown`: why there is no UPN (UN1-UN10, reasons as the common basic data set defines them). */
export const UPN_UNKNOWN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7', 'UN8', 'UN9', 'UN10'] as const;
export type UpnUnknownCode = (typeof UPN_UNKNOWN_CODES)[number];

/** `DMO` / `DCO`: whether the LA has a designated medical / clinical officer: Y, N, or R. */
export const DESIGNATED_OFFICER_CODES = ['Y', 'N', 'R'] as const;
export type DesignatedOfficerCode = (typeof DESIGNATED_OFFICER_CODES)[number];

/** `SENtype`: the hub's need types are the SEN2 codes one for one. */
export const SEN_TYPE_CODES: Readonly<Record<NeedType, NeedType>> = {
  SPLD: 'SPLD',
  MLD: 'MLD',
  SLD: 'SLD',
  PMLD: 'PMLD',
  SEMH: 'SEMH',
  SLCN: 'SLCN',
  HI: 'HI',
  VI: 'VI',
  MSI: 'MSI',
  PD: 'PD',
  ASD: 'ASD',
  OTH: 'OTH',
};
