/**
 * A hub audit event as a FHIR R4 AuditEvent, in the shapes of the IHE Basic Audit Log Patterns (BALP)
 * Read / Create / Update profiles with a Patient: the user agent (requestor, `IRCP` for a read, `AUT` for
 * a write), the hub as the server agent and observer, the patient entity by NHS number, a data entity
 * carrying the categories as security labels and the sections as details, and the request id as BALP's
 * `XrequestId` entity so that one (federated) request reads as one set of events.
 *
 * One deliberate difference: BALP fixes `type` to `rest` (a FHIR RESTful interaction). The events were
 * GraphQL operations, so `type` is DICOM 110110 "Patient Record" (110106 "Export" for a subject access
 * export), and `subtype` gives the nearest RESTful interaction beside the hub's own action code. The
 * resources therefore do not claim the BALP profiles in `meta.profile`.
 */
import type { AuditEvent, AuditEventAgent, AuditEventEntity, AuditEventEntityDetail, CodeableConcept, Coding, Reference } from 'fhir/r4.js';
import type { AuditAction } from '../../domain/vocabulary.js';
import {
  actionCoding,
  basisCoding,
  categorySecurityLabels,
  defaultOrganisationIdentifier,
  HUB_STAFF_USER_SYSTEM,
  nhsNumberIdentifier,
  NON_ORGANISATION_CODES,
  purposeCoding,
  restfulInteraction,
  roleCoding,
  STANDARD,
  type PurposeOfUse,
} from './code-systems.js';
import type { AuditEventRecord, FhirContext, FhirPatient } from './records.js';

/** A record that the audience may not be shown reached the mapper: a bug in the caller, so fail closed. */
export class FhirAudienceError extends Error {}

interface ActionShape {
  action: NonNullable<AuditEvent['action']>;
  interaction: 'read' | 'create' | 'update' | null;
  /** The user wrote something: BALP's Create/Update user type (author) and the hub as destination. */
  writes: boolean;
  type: Coding;
}

/** Every hub action (a new one fails to compile until it is placed here). */
const ACTION_SHAPES: Record<AuditAction, ActionShape> = {
  READ: { action: 'R', interaction: 'read', writes: false, type: STANDARD.patientRecord },
  WRITE: { action: 'U', interaction: 'update', writes: true, type: STANDARD.patientRecord },
  REGISTER: { action: 'C', interaction: 'create', writes: true, type: STANDARD.patientRecord },
  GRANT_CONSENT: { action: 'C', interaction: 'create', writes: true, type: STANDARD.patientRecord },
  REFUSE_CONSENT: { action: 'C', interaction: 'create', writes: true, type: STANDARD.patientRecord },
  WITHDRAW_CONSENT: { action: 'U', interaction: 'update', writes: true, type: STANDARD.patientRecord },
  // The emergency override itself: executed, not a RESTful interaction.
  BREAK_GLASS: { action: 'E', interaction: null, writes: true, type: STANDARD.patientRecord },
  REVIEW_BREAK_GLASS: { action: 'U', interaction: 'update', writes: true, type: STANDARD.patientRecord },
  REVIEW_RECORD: { action: 'U', interaction: 'update', writes: true, type: STANDARD.patientRecord },
  // A subject access export (UK GDPR Art. 15): the record read out for disclosure.
  EXPORT: { action: 'R', interaction: null, writes: false, type: STANDARD.exportEvent },
};

/**
 * HL7 v3 PurposeOfUse for a basis, where one fits. OWNER: the agency's own provision (TREAT).
 * STATUTORY: the coordinator running the multi-agency plan (COC); for a DPO, oversight (HCOMPL).
 * Public-health codes (PUBHLTH) are about populations and would misdescribe a child's plan.
 * FAMILY: requested by the family (FAMRQT) or the young person themselves (PATRQT). CONSENT: another
 * agency coordinating its provision (COC). BREAK_GLASS: emergency treatment (ETREAT) and BTG. DENIED:
 * nothing was released, so no purpose.
 */
function purposesOf(record: AuditEventRecord): PurposeOfUse[] {
  switch (record.basis) {
    case 'OWNER':
      return ['TREAT'];
    case 'STATUTORY':
      return record.actorRole === 'DPO' ? ['HCOMPL'] : ['COC'];
    case 'FAMILY':
      if (record.actorRelationship === 'YOUNG_PERSON') return ['PATRQT'];
      return record.actorRelationship === 'PARENT' ? ['FAMRQT'] : [];
    case 'CONSENT':
      return ['COC'];
    case 'BREAK_GLASS':
      return ['ETREAT', 'BTG'];
    case 'DENIED':
      return [];
  }
}

/** The hub as a device: the server agent and the observer (the hub records every event itself). */
const hubDevice = (context: FhirContext): Reference => ({ type: 'Device', display: `EHC hub operated by ${context.operator.name}` });

function userReference(record: AuditEventRecord, patient: FhirPatient, context: FhirContext): Reference {
  if (record.actorRole === 'FAMILY') {
    // A family member's own login subject is personal data of no use to an NHS system: never emitted.
    if (record.actorRelationship === 'YOUNG_PERSON') return { type: 'Patient', identifier: nhsNumberIdentifier(patient.nhsNumber), display: 'The young person' };
    if (record.actorRelationship === 'PARENT') return { type: 'RelatedPerson', display: 'Parent' };
    return { display: 'A family member' };
  }
  // STAFF IDENTIFIER: only in staff-facing output (docs/audit.md, "Views": a family sees organisations, never staff identifiers).
  if (context.audience === 'staff') return { identifier: { system: HUB_STAFF_USER_SYSTEM, value: record.actorSub } };
  return { display: 'A member of staff' };
}

function organisationAgent(record: AuditEventRecord, context: FhirContext): AuditEventAgent | null {
  if (record.actorRole === 'FAMILY' || record.actorOrg === 'FAMILY') return null;
  const identify = context.organisationIdentifier ?? defaultOrganisationIdentifier;
  // The operator's own tooling (subject access exports from the command line) acts for the operator.
  const who: Reference = NON_ORGANISATION_CODES.has(record.actorOrg)
    ? { type: 'Organization', identifier: identify(context.operator.code), display: context.operator.name }
    : { type: 'Organization', identifier: identify(record.actorOrg) };
  return { type: { coding: [STANDARD.responsibleParty] }, who, requestor: false };
}

function dataEntity(record: AuditEventRecord, context: FhirContext): AuditEventEntity {
  const sections = [...new Set(record.sections)].sort();
  const detail: AuditEventEntityDetail[] = [
    ...sections.map((s) => ({ type: 'ehc-plan-section', valueString: s })),
    ...[...new Set(record.flags)].sort().map((f) => ({ type: 'flag', valueString: f })),
  ];
  // Client-chosen text: staff only, as the GraphQL access log shows it (resolvers/audit/audit.service.ts).
  if (context.audience === 'staff' && record.operationName) detail.push({ type: 'graphql-operation', valueString: record.operationName });
  return {
    what: { display: sections.length === 0 ? 'EHC record' : `EHC plan section${sections.length > 1 ? 's' : ''} ${sections.join(', ')}` },
    type: STANDARD.systemObject,
    role: STANDARD.domainResourceRole,
    ...(record.categories.length > 0 ? { securityLabel: categorySecurityLabels(record.categories) } : {}),
    ...(detail.length > 0 ? { detail } : {}),
  };
}

/**
 * Maps one audit event about `patient`. For the family audience the caller must already have left out
 * safeguarding activity (docs/audit.md, "Views"); a record that still carries it throws {@link FhirAudienceError}.
 */
export function toFhirAuditEvent(record: AuditEventRecord, patient: FhirPatient, context: FhirContext): AuditEvent {
  if (context.audience === 'family' && record.categories.includes('SAFEGUARDING')) {
    throw new FhirAudienceError('Safeguarding activity reached a family-facing audit rendering');
  }
  const shape = ACTION_SHAPES[record.action];
  const denied = record.basis === 'DENIED';
  const purposes: CodeableConcept[] = [{ coding: [basisCoding(record.basis)] }, ...purposesOf(record).map((p) => ({ coding: [purposeCoding(p)] }))];

  const agents: AuditEventAgent[] = [
    {
      type: { coding: [shape.writes ? STANDARD.author : STANDARD.informationRecipient] },
      role: [{ coding: [roleCoding(record.actorRole)] }],
      who: userReference(record, patient, context),
      requestor: true,
    },
  ];
  const org = organisationAgent(record, context);
  if (org) agents.push(org);
  agents.push({ type: { coding: [shape.writes ? STANDARD.destinationRole : STANDARD.sourceRole] }, who: hubDevice(context), requestor: false });

  return {
    resourceType: 'AuditEvent',
    id: record.id,
    type: shape.type,
    subtype: [...(shape.interaction ? [restfulInteraction(shape.interaction)] : []), actionCoding(record.action)],
    action: shape.action,
    recorded: toInstant(record.at),
    // R4 AuditEvent.outcome: 0 success, 4 minor failure (the request was served, these categories were not).
    outcome: denied ? '4' : '0',
    ...(denied ? { outcomeDesc: 'Withheld: the caller had no basis to receive these categories' } : {}),
    purposeOfEvent: purposes,
    agent: agents,
    source: { site: context.operator.name, observer: hubDevice(context), type: [STANDARD.applicationServer] },
    entity: [
      { what: { type: 'Patient', identifier: nhsNumberIdentifier(patient.nhsNumber) }, type: STANDARD.person, role: STANDARD.patientRole },
      dataEntity(record, context),
      { what: { identifier: { value: record.requestId } }, type: STANDARD.requestId },
    ],
  };
}

/**
 * A FHIR `instant` from a Date or a database timestamp string (PostgreSQL prints
 * `2026-03-01 09:30:00.123456+00`). Precision beyond milliseconds is dropped.
 */
export function toInstant(at: string | Date): string {
  let date: Date;
  if (at instanceof Date) {
    date = at;
  } else {
    const iso = at.trim().replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    // A timestamp without an offset would be read in the server's time zone: refuse it.
    const strict = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(iso);
    date = strict ? new Date(iso) : new Date(Number.NaN);
  }
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${JSON.stringify(at)}`);
  return date.toISOString();
}
