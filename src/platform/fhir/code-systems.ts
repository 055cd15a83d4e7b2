/**
 * The identifier systems and code systems the hub's FHIR R4 output uses, in one place, so that a
 * resource never spells a URI by hand. Standard systems first (NHS England, HL7, DICOM, LOINC, IHE),
 * then the hub's own, which live under {@link HUB_FHIR_BASE}. docs/fhir.md lists every code.
 */
import type { Coding, Identifier } from 'fhir/r4.js';
import { isValidNhsNumber } from '../../domain/identifiers.js';
import type { AccessBasis, Agency, AuditAction, DataCategory, Role, SectionCode } from '../../domain/vocabulary.js';

// ---------------------------------------------------------------------------------------------------
// Identifier systems
// ---------------------------------------------------------------------------------------------------

/** NHS England: the NHS number (NHS Data Dictionary), as UK Core and every NHS FHIR API name it. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
/** NHS England: Organisation Data Service (ODS) organisation codes. */
export const ODS_ORGANISATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/**
 * The namespace of the hub's own identifier and code systems. `.example` is reserved (RFC 2606): an
 * operator publishing this API names its own domain here before NHS systems pin the URIs.
 */
export const HUB_FHIR_BASE = 'https://ehc-hub.example/fhir';

/** Organisation codes that are not ODS codes: a council's DfE LA number (`LA213`), a school, a test org. */
export const HUB_ORGANISATION_SYSTEM = `${HUB_FHIR_BASE}/Id/organisation-code`;
/**
 * A member of staff's subject (`sub` claim). STAFF IDENTIFIER: only ever in staff-facing output; the
 * family-facing rendering never emits this system (docs/audit.md, "Views": a family sees organisations, never staff identifiers).
 */
export const HUB_STAFF_USER_SYSTEM = `${HUB_FHIR_BASE}/Id/staff-user`;

// ---------------------------------------------------------------------------------------------------
// Hub code systems
// ---------------------------------------------------------------------------------------------------

export const DATA_CATEGORY_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/data-category`;
export const ACCESS_BASIS_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/access-basis`;
export const AUDIT_ACTION_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/audit-action`;
export const HUB_ROLE_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/role`;
export const AGENCY_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/agency`;
export const CONSENT_POLICY_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/consent-policy`;
export const CONSENT_INACTIVE_REASON_SYSTEM = `${HUB_FHIR_BASE}/CodeSystem/consent-inactive-reason`;

/** Extensions the hub defines (simple, one value each). */
export const EXT_CONSENT_WITHDRAWN = `${HUB_FHIR_BASE}/StructureDefinition/consent-withdrawn`;
export const EXT_CONSENT_INACTIVE_REASON = `${HUB_FHIR_BASE}/StructureDefinition/consent-inactive-reason`;
export const EXT_CONSENT_RECORDED_FROM_PAPER = `${HUB_FHIR_BASE}/StructureDefinition/consent-recorded-from-paper`;
export const EXT_CARE_TEAM_AGENCY = `${HUB_FHIR_BASE}/StructureDefinition/care-team-agency`;

// ---------------------------------------------------------------------------------------------------
// Standard code systems
// ---------------------------------------------------------------------------------------------------

export const CONSENT_SCOPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/consentscope';
export const LOINC_SYSTEM = 'http://loinc.org';
export const V3_CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const V3_ACT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
export const V3_PARTICIPATION_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
export const V3_ROLE_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
export const DICOM_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';
export const RESTFUL_INTERACTION_SYSTEM = 'http://hl7.org/fhir/restful-interaction';
export const AUDIT_ENTITY_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
export const OBJECT_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/object-role';
export const SECURITY_SOURCE_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/security-source-type';
/** IHE Basic Audit Log Patterns (BALP): the entity type that carries a transport request id. */
export const BALP_ENTITY_TYPE_SYSTEM = 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType';

const coding = (system: string, code: string, display?: string): Coding => (display ? { system, code, display } : { system, code });

// ---------------------------------------------------------------------------------------------------
// Hub vocabularies as codings. Records over the typed unions: a new value fails to compile until it
// has a display here.
// ---------------------------------------------------------------------------------------------------

const CATEGORY_DISPLAY: Record<DataCategory, string> = {
  IDENTITY: 'Identity (name, date of birth, identifiers, address)',
  VIEWS: "Views, interests and aspirations (EHC plan section A)",
  EDUCATION: 'Education',
  HEALTH: 'Health',
  HEALTH_SENSITIVE: 'Sensitive health information',
  SOCIAL_CARE: 'Social care',
  SAFEGUARDING: 'Safeguarding',
  FINANCIAL: 'Financial (personal budget)',
};

/**
 * HL7 v3 Confidentiality where a hub category has a natural level. Only the raised levels are stated:
 * labelling every other category N ("normal") would turn a consent for EDUCATION into one that
 * appears to cover all normal-level data.
 */
const CATEGORY_CONFIDENTIALITY: Partial<Record<DataCategory, 'R' | 'V'>> = {
  HEALTH_SENSITIVE: 'R',
  SAFEGUARDING: 'V',
};
const CONFIDENTIALITY_DISPLAY = { R: 'restricted', V: 'very restricted' } as const;

/** The data categories as security labels: the hub coding for each, then the v3 confidentiality levels they imply. */
export function categorySecurityLabels(categories: readonly DataCategory[]): Coding[] {
  const unique = [...new Set(categories)].sort();
  const labels = unique.map((c) => coding(DATA_CATEGORY_SYSTEM, c, CATEGORY_DISPLAY[c]));
  const levels = [...new Set(unique.map((c) => CATEGORY_CONFIDENTIALITY[c]).filter((l) => l !== undefined))].sort();
  return [...labels, ...levels.map((l) => coding(V3_CONFIDENTIALITY_SYSTEM, l, CONFIDENTIALITY_DISPLAY[l]))];
}

const BASIS_DISPLAY: Record<AccessBasis, string> = {
  OWNER: 'The agency that owns the section',
  STATUTORY: 'Statutory EHC assessment and plan (public task)',
  FAMILY: 'The family reading their own record',
  CONSENT: "With the consent of the parent or young person",
  BREAK_GLASS: 'Emergency (break-glass) access',
  DENIED: 'Refused: no basis to release',
};
export const basisCoding = (basis: AccessBasis): Coding => coding(ACCESS_BASIS_SYSTEM, basis, BASIS_DISPLAY[basis]);

const ACTION_DISPLAY: Record<AuditAction, string> = {
  READ: 'Read',
  WRITE: 'Write a section',
  REGISTER: 'Register a child',
  GRANT_CONSENT: 'Record a consent',
  REFUSE_CONSENT: 'Record a refusal',
  WITHDRAW_CONSENT: 'Withdraw a consent',
  BREAK_GLASS: 'Break-glass access granted',
  REVIEW_BREAK_GLASS: 'Break-glass access reviewed',
  REVIEW_RECORD: 'Record made on paper evidence reviewed',
  EXPORT: 'Subject access export',
};
export const actionCoding = (action: AuditAction): Coding => coding(AUDIT_ACTION_SYSTEM, action, ACTION_DISPLAY[action]);

const ROLE_DISPLAY: Record<Role, string> = {
  PRACTITIONER: 'Practitioner',
  CASE_COORDINATOR: 'Case coordinator (council SEN team)',
  FAMILY: 'Family (parent or young person)',
  COMMISSIONER: 'Commissioner',
  DPO: 'Data protection officer',
};
export const roleCoding = (role: Role): Coding => coding(HUB_ROLE_SYSTEM, role, ROLE_DISPLAY[role]);

const AGENCY_DISPLAY: Record<Agency, string> = { EDUCATION: 'Education', HEALTH: 'Health', SOCIAL_CARE: 'Social care' };
export const agencyCoding = (agency: Agency): Coding => coding(AGENCY_SYSTEM, agency, AGENCY_DISPLAY[agency]);
export const agencyDisplay = (agency: Agency): string => AGENCY_DISPLAY[agency];

/** EHC plan sections (SEND Regulations 2014 reg 12), named as the Code of Practice 9.62 does. */
export const SECTION_DISPLAY: Record<SectionCode, string> = {
  A: 'A: views, interests and aspirations',
  B: 'B: special educational needs',
  C: 'C: health care needs',
  D: 'D: social care needs',
  E: 'E: outcomes',
  F: 'F: special educational provision',
  G: 'G: health provision',
  H1: 'H1: social care provision (CSDPA 1970 s.2)',
  H2: 'H2: other social care provision',
  I: 'I: placement',
  J: 'J: personal budget',
  K: 'K: advice and information',
};

// ---------------------------------------------------------------------------------------------------
// Standard codings used by the mappers
// ---------------------------------------------------------------------------------------------------

export const STANDARD = {
  privacyScope: coding(CONSENT_SCOPE_SYSTEM, 'patient-privacy', 'Privacy Consent'),
  /** LOINC 59284-0 "Patient Consent": the category IHE Privacy Consent on FHIR (PCF) uses on every consent. */
  patientConsent: coding(LOINC_SYSTEM, '59284-0', 'Patient Consent'),
  informationRecipient: coding(V3_PARTICIPATION_TYPE_SYSTEM, 'IRCP', 'information recipient'),
  author: coding(V3_PARTICIPATION_TYPE_SYSTEM, 'AUT', 'author (originator)'),
  responsibleParty: coding(V3_PARTICIPATION_TYPE_SYSTEM, 'RESP', 'responsible party'),
  parent: coding(V3_ROLE_CODE_SYSTEM, 'PRN', 'parent'),
  patientRecord: coding(DICOM_SYSTEM, '110110', 'Patient Record'),
  exportEvent: coding(DICOM_SYSTEM, '110106', 'Export'),
  sourceRole: coding(DICOM_SYSTEM, '110153', 'Source Role ID'),
  destinationRole: coding(DICOM_SYSTEM, '110152', 'Destination Role ID'),
  person: coding(AUDIT_ENTITY_TYPE_SYSTEM, '1', 'Person'),
  systemObject: coding(AUDIT_ENTITY_TYPE_SYSTEM, '2', 'System Object'),
  patientRole: coding(OBJECT_ROLE_SYSTEM, '1', 'Patient'),
  domainResourceRole: coding(OBJECT_ROLE_SYSTEM, '4', 'Domain Resource'),
  applicationServer: coding(SECURITY_SOURCE_TYPE_SYSTEM, '4', 'Application Server'),
  requestId: coding(BALP_ENTITY_TYPE_SYSTEM, 'XrequestId'),
} as const;

export const restfulInteraction = (code: 'read' | 'create' | 'update'): Coding => coding(RESTFUL_INTERACTION_SYSTEM, code, code);

const PURPOSE_DISPLAY = {
  TREAT: 'treatment',
  COC: 'coordination of care',
  HCOMPL: 'health compliance',
  FAMRQT: 'family requested',
  PATRQT: 'patient requested',
  ETREAT: 'emergency treatment',
  BTG: 'break the glass',
} as const;
export type PurposeOfUse = keyof typeof PURPOSE_DISPLAY;
export const purposeCoding = (code: PurposeOfUse): Coding => coding(V3_ACT_REASON_SYSTEM, code, PURPOSE_DISPLAY[code]);

/** The NHS number identifier; a value that fails the modulus 11 check is a data-layer bug and throws. */
export function nhsNumberIdentifier(nhsNumber: string): Identifier {
  if (!isValidNhsNumber(nhsNumber)) throw new RangeError('not a valid NHS number');
  return { system: NHS_NUMBER_SYSTEM, value: nhsNumber };
}

/** Codes the hub treats as pseudo-organisations: they never become an organisation identifier. */
export const NON_ORGANISATION_CODES: ReadonlySet<string> = new Set(['FAMILY', 'HUB-OPERATOR']);

/**
 * The default reading of a hub organisation code (src/domain/actor.ts: "ODS code for NHS bodies,
 * council or school code otherwise"): the hub's council codes (`LA` and the DfE number) and anything
 * that is not an ODS shape (3 to 6 capitals and digits, no punctuation) go under the hub's own system.
 * An operator with an organisation register should pass its own lookup instead.
 */
export function defaultOrganisationIdentifier(code: string): Identifier {
  const ods = /^[A-Z0-9]{3,6}$/.test(code) && !/^LA[0-9]{3}$/.test(code);
  return { system: ods ? ODS_ORGANISATION_SYSTEM : HUB_ORGANISATION_SYSTEM, value: code };
}
