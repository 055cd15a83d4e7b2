/**
 * The plain records the FHIR mappers take. The data layer fills them after its access decision and
 * audit (`toConsentRecord`, `toAuditEventRecord` from its rows); nothing here reads a database, a clock
 * or a token, so the same records always map to the same resources. Field names follow the hub's
 * tables (schema/tables.ts).
 */
import type { Identifier } from 'fhir/r4.js';
import { ACCESS_BASES, AUDIT_ACTIONS, DATA_CATEGORIES, ROLES, SECTION_CODES } from '../../domain/vocabulary.js';
import type { AccessBasis, Agency, AuditAction, ConsentKind, DataCategory, FamilyRelationship, Role, SectionCode } from '../../domain/vocabulary.js';

/** The child the search is about, as FHIR needs it: the NHS number and who decides for them today. */
export interface FhirPatient {
  /** Ten digits, no spaces (src/domain/identifiers.ts `isValidNhsNumber`). */
  nhsNumber: string;
  /**
   * Who decides for the child now (`currentConsentHolder` in policies/field-access.ts): a parent's
   * consent stops counting when the young person takes over (CFA 2014 s.83(2)), so it shows inactive.
   */
  consentHolder: FamilyRelationship;
}

/** One row of `consents`, less what must not leave: no `grantedBySub`, no evidence text. */
export interface ConsentRecord {
  id: string;
  kind: ConsentKind;
  categories: readonly DataCategory[];
  granteeAgency: Agency | null;
  granteeOrg: string | null;
  givenBy: FamilyRelationship;
  /** True when a coordinator recorded a consent given on paper (the row has an evidence note). */
  recordedFromPaper: boolean;
  createdAt: Date;
  validUntil: Date | null;
  withdrawnAt: Date | null;
}

/** One row of `audit_events` (the hash-chain columns are not needed). */
export interface AuditEventRecord {
  id: string;
  /** When the database recorded it (ISO 8601 instant, or a Date). */
  at: string | Date;
  /** The request id: one federated request is one set of events (issue 16). */
  requestId: string;
  actorSub: string;
  actorOrg: string;
  actorRole: Role;
  /**
   * For a FAMILY actor, whether they are the parent or the young person, when the data layer knows it
   * (family_links). Never required: without it the agent is "a family member".
   */
  actorRelationship?: FamilyRelationship | null;
  action: AuditAction;
  basis: AccessBasis;
  categories: readonly DataCategory[];
  sections: readonly SectionCode[];
  operationName: string | null;
  flags: readonly string[];
}

/** An organisation as the resources name it. */
export interface FhirOrganisation {
  /** The organisation's code: an ODS code for NHS bodies (and for the operator, its ODS code). */
  code: string;
  name: string;
}

/**
 * Who reads the output. `family`: no staff identifier (system HUB_STAFF_USER_SYSTEM), no client-chosen
 * operation names, and safeguarding activity must already have been left out by the data layer (the
 * mapper refuses it rather than drop it, so totals and pages stay honest).
 */
export type FhirAudience = 'staff' | 'family';

/** Everything a mapping needs beyond the records. */
export interface FhirContext {
  /** The public base of the FHIR API, absolute, without a trailing slash: `https://hub.example.org/fhir`. */
  baseUrl: string;
  /** The organisation operating the hub for this child's area: Consent.organization, AuditEvent.source. */
  operator: FhirOrganisation;
  /** The request's instant: consents are judged against it (one instant per request, as the access decision). */
  now: Date;
  audience: FhirAudience;
  /** How an organisation code becomes an identifier; `defaultOrganisationIdentifier` unless given. */
  organisationIdentifier?: (code: string) => Identifier;
}

/**
 * A `consents` row as the record: what must not leave (who recorded it, the evidence text) is dropped
 * here, once. Structural, so the data layer passes its row type as it is.
 */
export function toConsentRecord(row: {
  id: string;
  kind: ConsentKind;
  categories: readonly DataCategory[];
  granteeAgency: Agency | null;
  granteeOrg: string | null;
  givenBy: FamilyRelationship;
  evidenceNote: string | null;
  createdAt: Date;
  validUntil: Date | null;
  withdrawnAt: Date | null;
}): ConsentRecord {
  return {
    id: row.id,
    kind: row.kind,
    categories: row.categories,
    granteeAgency: row.granteeAgency,
    granteeOrg: row.granteeOrg,
    givenBy: row.givenBy,
    recordedFromPaper: row.evidenceNote !== null,
    createdAt: row.createdAt,
    validUntil: row.validUntil,
    withdrawnAt: row.withdrawnAt,
  };
}

const oneOf = <T extends string>(values: readonly T[], value: string, what: string): T => {
  if (!(values as readonly string[]).includes(value)) throw new RangeError(`audit row with unknown ${what} ${JSON.stringify(value)}`);
  return value as T;
};

/**
 * An `audit_events` row (its text columns) as the record, checking each code against the vocabulary:
 * an unknown one is a bug to fail on, not a code to pass to NHS systems.
 */
export function toAuditEventRecord(
  row: {
    id: string;
    at: string | Date;
    requestId: string;
    actorSub: string;
    actorOrg: string;
    actorRole: string;
    action: string;
    basis: string;
    categories: readonly string[];
    sections: readonly string[];
    operationName: string | null;
    flags: readonly string[];
  },
  actorRelationship: FamilyRelationship | null = null,
): AuditEventRecord {
  return {
    id: row.id,
    at: row.at,
    requestId: row.requestId,
    actorSub: row.actorSub,
    actorOrg: row.actorOrg,
    actorRole: oneOf(ROLES, row.actorRole, 'role'),
    actorRelationship,
    action: oneOf(AUDIT_ACTIONS, row.action, 'action'),
    basis: oneOf(ACCESS_BASES, row.basis, 'basis'),
    categories: row.categories.map((c) => oneOf(DATA_CATEGORIES, c, 'category')),
    sections: row.sections.map((s) => oneOf(SECTION_CODES, s, 'section')),
    operationName: row.operationName,
    flags: row.flags,
  };
}
