/** Synthetic records for the FHIR tests (no real people: 9449305552 is the NHS Data Dictionary example). */
import type { AuditEventRecord, ConsentRecord, FhirContext, FhirPatient } from '../../src/platform/fhir/records.js';

export const NOW = new Date('2026-03-02T10:00:00.000Z');
export const BEFORE = new Date('2026-01-15T09:30:00.000Z');
export const LATER = new Date('2026-09-01T00:00:00.000Z');
export const BASE_URL = 'https://hub.test/fhir';

export const PATIENT: FhirPatient = { nhsNumber: '9449305552', consentHolder: 'PARENT' };

export function context(overrides: Partial<FhirContext> = {}): FhirContext {
  return { baseUrl: BASE_URL, operator: { code: 'ZZ213', name: 'Westminster City Council' }, now: NOW, audience: 'staff', ...overrides };
}

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export function consentRecord(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: uuid(),
    kind: 'GRANT',
    categories: ['HEALTH'],
    granteeAgency: 'HEALTH',
    granteeOrg: null,
    givenBy: 'PARENT',
    recordedFromPaper: false,
    createdAt: BEFORE,
    validUntil: null,
    withdrawnAt: null,
    ...overrides,
  };
}

export function auditRecord(overrides: Partial<AuditEventRecord> = {}): AuditEventRecord {
  return {
    id: uuid(),
    at: '2026-03-01 09:30:00.123456+00',
    requestId: 'b0a1c2d3-0000-4000-8000-000000000001',
    actorSub: 'practitioner:rqm-0042',
    actorOrg: 'RQM',
    actorRole: 'PRACTITIONER',
    action: 'READ',
    basis: 'OWNER',
    categories: ['HEALTH'],
    sections: ['C'],
    operationName: 'ReadChild',
    flags: [],
    ...overrides,
  };
}
