/**
 * A hub consent decision as a FHIR R4 Consent, shaped after IHE Privacy Consent on FHIR (PCF):
 * scope `patient-privacy`, category LOINC 59284-0, the patient by NHS number, the performer by role,
 * the operating organisation, the policy as URIs, and one provision saying permit (a grant) or deny (a
 * refusal) for the named recipients and data categories.
 *
 * Status. PCF and the R4 examples record a refusal as an *active* Consent whose provision is `deny`
 * (it is in force: it beats any grant); `rejected` would tell a reader the decision never took effect.
 * So: in force → `active` (permit or deny); withdrawn, expired, or given by a parent whose child has
 * since become the decision-maker → `inactive`, with the reason and withdrawal time as extensions.
 */
import type { CodeableConcept, Consent, ConsentProvisionActor, Extension, Reference, RelatedPerson } from 'fhir/r4.js';
import type { Agency } from '../../domain/vocabulary.js';
import {
  agencyCoding,
  agencyDisplay,
  categorySecurityLabels,
  CONSENT_INACTIVE_REASON_SYSTEM,
  CONSENT_POLICY_SYSTEM,
  defaultOrganisationIdentifier,
  EXT_CARE_TEAM_AGENCY,
  EXT_CONSENT_INACTIVE_REASON,
  EXT_CONSENT_RECORDED_FROM_PAPER,
  EXT_CONSENT_WITHDRAWN,
  nhsNumberIdentifier,
  STANDARD,
} from './code-systems.js';
import type { ConsentRecord, FhirContext, FhirPatient } from './records.js';

/** Why a consent no longer counts. */
export type ConsentInactiveReason = 'withdrawn' | 'expired' | 'holder-changed';

export type ConsentState = { status: 'active' } | { status: 'inactive'; reason: ConsentInactiveReason };

/**
 * Whether the consent counts at `now`, by the rule of policies/field-access.ts (rule 6): a withdrawal
 * or expiry takes effect from the instant it is recorded, and only the current holder's decisions
 * count. test/unit/fhir-consent-status.test.ts checks this against `decideFieldAccess` itself.
 */
export function consentState(record: ConsentRecord, patient: FhirPatient, now: Date): ConsentState {
  if (record.withdrawnAt !== null && record.withdrawnAt.getTime() <= now.getTime()) return { status: 'inactive', reason: 'withdrawn' };
  if (record.validUntil !== null && record.validUntil.getTime() <= now.getTime()) return { status: 'inactive', reason: 'expired' };
  if (record.givenBy !== patient.consentHolder) return { status: 'inactive', reason: 'holder-changed' };
  return { status: 'active' };
}

const INACTIVE_DISPLAY: Record<ConsentInactiveReason, string> = {
  withdrawn: 'Withdrawn by the consent holder',
  expired: 'Reached the end of the period it was given for',
  'holder-changed': 'Given by a parent; the young person decides now (CFA 2014 s.83(2))',
};

/** UK law behind every consent decision the hub records (Consent.policy, as PCF requires). */
const POLICIES = [
  { authority: 'https://www.legislation.gov.uk', uri: 'https://www.legislation.gov.uk/ukpga/2014/6/part/3' },
  { authority: 'https://www.legislation.gov.uk', uri: 'https://www.legislation.gov.uk/eur/2016/679/article/9' },
];

const POLICY_RULE: CodeableConcept = {
  coding: [{ system: CONSENT_POLICY_SYSTEM, code: 'ehc-sharing-beyond-assessment', display: 'Sharing EHC plan information beyond the statutory assessment' }],
  text:
    'Sharing of one agency\'s EHC plan information with another agency beyond the statutory assessment and plan, ' +
    'decided by the parent until the end of compulsory school age and by the young person after it ' +
    '(Children and Families Act 2014 Part 3, s.83(2); UK GDPR Art. 6 and 9; the common law duty of confidentiality).',
};

/** The contained RelatedPerson that stands for "the parent" without naming or identifying them. */
const PARENT_ID = 'parent';

/** Maps one consent record. The record must belong to `patient`; staff who recorded it are never named. */
export function toFhirConsent(record: ConsentRecord, patient: FhirPatient, context: FhirContext): Consent {
  const state = consentState(record, patient, context.now);
  const patientRef: Reference = { type: 'Patient', identifier: nhsNumberIdentifier(patient.nhsNumber) };
  const identify = context.organisationIdentifier ?? defaultOrganisationIdentifier;

  const contained: RelatedPerson[] = [];
  let performer: Reference;
  if (record.givenBy === 'PARENT') {
    contained.push({
      resourceType: 'RelatedPerson',
      id: PARENT_ID,
      patient: patientRef,
      relationship: [{ coding: [STANDARD.parent], text: 'Parent (a person with parental responsibility)' }],
    });
    performer = { reference: `#${PARENT_ID}`, type: 'RelatedPerson', display: 'Parent' };
  } else {
    performer = { ...patientRef, display: 'The young person' };
  }

  const extension: Extension[] = [];
  if (state.status === 'inactive') {
    extension.push({
      url: EXT_CONSENT_INACTIVE_REASON,
      valueCoding: { system: CONSENT_INACTIVE_REASON_SYSTEM, code: state.reason, display: INACTIVE_DISPLAY[state.reason] },
    });
  }
  // The withdrawal time, once it has taken effect (withdrawn after it expired: still the withdrawal time).
  if (record.withdrawnAt !== null && record.withdrawnAt.getTime() <= context.now.getTime()) {
    extension.push({ url: EXT_CONSENT_WITHDRAWN, valueDateTime: record.withdrawnAt.toISOString() });
  }
  if (record.recordedFromPaper) extension.push({ url: EXT_CONSENT_RECORDED_FROM_PAPER, valueBoolean: true });

  const actors: ConsentProvisionActor[] = [];
  if (record.granteeOrg !== null) {
    actors.push({
      role: { coding: [STANDARD.informationRecipient] },
      reference: { type: 'Organization', identifier: identify(record.granteeOrg) },
    });
  }
  if (record.granteeAgency !== null) actors.push({ role: { coding: [STANDARD.informationRecipient] }, reference: careTeamAgency(record.granteeAgency) });

  const resource: Consent = {
    resourceType: 'Consent',
    id: record.id,
    meta: { lastUpdated: (state.status === 'inactive' && state.reason === 'withdrawn' ? record.withdrawnAt! : record.createdAt).toISOString() },
    ...(contained.length > 0 ? { contained } : {}),
    ...(extension.length > 0 ? { extension } : {}),
    status: state.status,
    scope: { coding: [STANDARD.privacyScope] },
    category: [{ coding: [STANDARD.patientConsent] }],
    patient: patientRef,
    dateTime: record.createdAt.toISOString(),
    performer: [performer],
    organization: [{ type: 'Organization', identifier: identify(context.operator.code), display: context.operator.name }],
    policy: POLICIES.map((p) => ({ ...p })),
    policyRule: POLICY_RULE,
    provision: {
      type: record.kind === 'GRANT' ? 'permit' : 'deny',
      period: {
        start: record.createdAt.toISOString(),
        ...(record.validUntil !== null ? { end: record.validUntil.toISOString() } : {}),
      },
      ...(actors.length > 0 ? { actor: actors } : {}),
      ...(record.categories.length > 0 ? { securityLabel: categorySecurityLabels(record.categories) } : {}),
    },
  };
  return resource;
}

/**
 * A consent by agency names whichever organisation of that agency is on the child's care team
 * (policies/field-access.ts `namesActor`), so the recipient is the care team's agency, not one body.
 */
function careTeamAgency(agency: Agency): Reference {
  const concept: CodeableConcept = { coding: [agencyCoding(agency)] };
  return {
    type: 'CareTeam',
    display: `${agencyDisplay(agency)} organisations working with the child`,
    extension: [{ url: EXT_CARE_TEAM_AGENCY, valueCodeableConcept: concept }],
  };
}
