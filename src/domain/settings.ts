/**
 * A school, college or other setting as section I of the plan names it (reg 12(1)(i)) and as the DfE SEN2
 * return and commissioning need it: the kind of provision ({@link SettingType}), who runs it
 * ({@link SettingLegalStatus}), its identifier (a GIAS URN or a UKRLP UKPRN; a SEN2 `SENSetting` code when
 * it has neither) and whether it lies outside the council's area.
 */
import { isValidUkprn, isValidUrn } from './identifiers.js';
import {
  SEN2_SETTING_CODES,
  SETTING_LEGAL_STATUSES,
  SETTING_TYPES,
  type Sen2SettingCode,
  type SettingLegalStatus,
  type SettingType,
} from './vocabulary.js';

export interface SettingDescription {
  settingType: SettingType;
  legalStatus: SettingLegalStatus;
  /** GIAS Unique Reference Number, six digits. */
  urn?: string | null;
  /** UK Provider Reference Number, eight digits: FE colleges and specialist post-16 institutions. */
  ukprn?: string | null;
  /** For a placement with neither URN nor UKPRN: the SEN2 `SENSetting` code. */
  sen2Setting?: Sen2SettingCode | null;
  /** With `sen2Setting` OTH: what the arrangement is (SEN2 `SENSettingOther`). */
  sen2SettingOther?: string | null;
  /** The setting lies outside the area of the council that maintains the plan. */
  outOfArea: boolean;
  /** A special educational needs unit within the setting (SEN2 `SENunitIndicator`). */
  senUnit?: boolean;
  /** Resourced provision within the setting (SEN2 `ResourcedProvisionIndicator`). */
  resourcedProvision?: boolean;
}

/** Who runs a setting, for "independent placements" and similar reporting. */
export type SettingSector = 'STATE' | 'NON_MAINTAINED' | 'INDEPENDENT' | 'NONE';

export const SETTING_SECTOR: Readonly<Record<SettingLegalStatus, SettingSector>> = {
  LA_MAINTAINED: 'STATE',
  PUPIL_REFERRAL_UNIT: 'STATE',
  ACADEMY: 'STATE',
  FREE_SCHOOL: 'STATE',
  FE_COLLEGE: 'STATE',
  NON_MAINTAINED_SPECIAL: 'NON_MAINTAINED',
  INDEPENDENT_S41_APPROVED: 'INDEPENDENT',
  INDEPENDENT_SPECIAL: 'INDEPENDENT',
  INDEPENDENT_OTHER: 'INDEPENDENT',
  SPECIALIST_POST_16: 'INDEPENDENT',
  EARLY_YEARS_PVI: 'INDEPENDENT',
  NO_INSTITUTION: 'NONE',
};

/** Schools registered with GIAS, which therefore have a URN. */
const NEEDS_URN: readonly SettingLegalStatus[] = [
  'LA_MAINTAINED',
  'PUPIL_REFERRAL_UNIT',
  'ACADEMY',
  'FREE_SCHOOL',
  'NON_MAINTAINED_SPECIAL',
  'INDEPENDENT_S41_APPROVED',
  'INDEPENDENT_SPECIAL',
  'INDEPENDENT_OTHER',
];
/** Post-16 providers on the UK Register of Learning Providers, which therefore have a UKPRN. */
const NEEDS_UKPRN: readonly SettingLegalStatus[] = ['FE_COLLEGE', 'SPECIALIST_POST_16'];

/** The SEN2 codes that fit each setting type without an institution. */
const CODES_FOR_TYPE: Partial<Record<SettingType, readonly Sen2SettingCode[]>> = {
  ELECTIVE_HOME_EDUCATION: ['EHE'],
  NEET: ['NEET'],
  EARLY_YEARS: ['EYP'],
  OTHER_ARRANGEMENTS: ['OLA', 'OPA', 'OTH', 'NIEC', 'NIEO'],
};

/** Setting types that are never an institution. */
const NO_INSTITUTION_TYPES: readonly SettingType[] = ['ELECTIVE_HOME_EDUCATION', 'NEET', 'OTHER_ARRANGEMENTS'];

export const SETTING_OTHER_MAX_LENGTH = 200;

export interface SettingProblem {
  field: keyof SettingDescription;
  message: string;
}

/**
 * Every inconsistency in a setting description (empty when it is whole): identifiers in their shapes, the
 * identifier its legal status implies, a SEN2 code exactly when there is no identifier, and a type and
 * legal status that fit together.
 */
export function validateSetting(s: SettingDescription): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (field: keyof SettingDescription, message: string) => problems.push({ field, message });
  if (!SETTING_TYPES.includes(s.settingType)) add('settingType', `is not a setting type: ${String(s.settingType)}`);
  if (!SETTING_LEGAL_STATUSES.includes(s.legalStatus)) add('legalStatus', `is not a legal status: ${String(s.legalStatus)}`);
  if (problems.length > 0) return problems;
  if (typeof s.outOfArea !== 'boolean') add('outOfArea', 'must say whether the setting is outside the area');

  const urn = s.urn ?? null;
  const ukprn = s.ukprn ?? null;
  if (urn !== null && !isValidUrn(urn)) add('urn', 'must be six digits (a GIAS URN)');
  if (ukprn !== null && !isValidUkprn(ukprn)) add('ukprn', 'must be eight digits starting with 1 (a UKPRN)');
  if (NEEDS_URN.includes(s.legalStatus) && urn === null) add('urn', `is required for a ${s.legalStatus} setting (every school in GIAS has one)`);
  if (NEEDS_UKPRN.includes(s.legalStatus) && ukprn === null) add('ukprn', `is required for a ${s.legalStatus} setting`);
  if (s.legalStatus === 'NO_INSTITUTION' && (urn !== null || ukprn !== null)) add('legalStatus', 'is NO_INSTITUTION but a URN or UKPRN is given');

  const code = s.sen2Setting ?? null;
  const identified = urn !== null || ukprn !== null;
  if (code !== null && !SEN2_SETTING_CODES.includes(code)) add('sen2Setting', `is not a SEN2 setting code: ${String(code)}`);
  else if (code !== null && identified) add('sen2Setting', 'is only for a placement without a URN or UKPRN');
  else if (code === null && !identified) add('sen2Setting', 'is required for a placement without a URN or UKPRN');
  else if (code !== null && CODES_FOR_TYPE[s.settingType] && !CODES_FOR_TYPE[s.settingType]!.includes(code)) {
    add('sen2Setting', `${code} does not fit ${s.settingType} (expected ${CODES_FOR_TYPE[s.settingType]!.join(' or ')})`);
  }
  const other = (s.sen2SettingOther ?? '').trim();
  if (code === 'OTH' && !identified && other.length === 0) add('sen2SettingOther', 'is required with OTH: say what the arrangement is');
  if (other.length > SETTING_OTHER_MAX_LENGTH) add('sen2SettingOther', `is at most ${SETTING_OTHER_MAX_LENGTH} characters`);

  if (NO_INSTITUTION_TYPES.includes(s.settingType) && s.legalStatus !== 'NO_INSTITUTION') {
    add('legalStatus', `${s.settingType} is not an institution: use NO_INSTITUTION`);
  }
  if (!NO_INSTITUTION_TYPES.includes(s.settingType) && s.settingType !== 'EARLY_YEARS' && s.legalStatus === 'NO_INSTITUTION') {
    add('legalStatus', `a ${s.settingType} placement is an institution`);
  }
  if (s.settingType === 'FURTHER_EDUCATION' && (s.legalStatus === 'EARLY_YEARS_PVI' || s.legalStatus === 'PUPIL_REFERRAL_UNIT')) {
    add('legalStatus', `${s.legalStatus} does not provide further education`);
  }
  if (s.settingType === 'RESOURCED_PROVISION' && !s.senUnit && !s.resourcedProvision) {
    add('resourcedProvision', 'a RESOURCED_PROVISION placement is in an SEN unit or resourced provision: say which');
  }
  return problems;
}
