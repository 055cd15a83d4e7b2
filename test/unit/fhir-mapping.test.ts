/**
 * The FHIR R4 mappings (src/platform/fhir): every consent state, category, basis and action, checked
 * value by value and against the FHIR R4 JSON schema plus the R4 invariants (test/support/fhir-conformance.ts).
 */
import type { AuditEvent, Bundle, Consent, Identifier } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { ACCESS_BASES, AUDIT_ACTIONS, DATA_CATEGORIES, ROLES } from '../../src/domain/vocabulary.js';
import { FhirAudienceError, toFhirAuditEvent, toInstant } from '../../src/platform/fhir/audit-event-resource.js';
import {
  DATA_CATEGORY_SYSTEM,
  defaultOrganisationIdentifier,
  EXT_CARE_TEAM_AGENCY,
  EXT_CONSENT_INACTIVE_REASON,
  EXT_CONSENT_RECORDED_FROM_PAPER,
  EXT_CONSENT_WITHDRAWN,
  HUB_ORGANISATION_SYSTEM,
  HUB_STAFF_USER_SYSTEM,
  NHS_NUMBER_SYSTEM,
  ODS_ORGANISATION_SYSTEM,
  V3_ACT_REASON_SYSTEM,
  V3_CONFIDENTIALITY_SYSTEM,
} from '../../src/platform/fhir/code-systems.js';
import { toFhirConsent } from '../../src/platform/fhir/consent-resource.js';
import { toAuditEventRecord, toConsentRecord, type AuditEventRecord } from '../../src/platform/fhir/records.js';
import type { auditEvents, consents } from '../../schema/tables.js';
import { auditEventSearchBundle, consentSearchBundle } from '../../src/platform/fhir/search-bundle.js';
import { parseFhirSearch, type FhirSearchQuery } from '../../src/platform/fhir/search-params.js';
import { fhirProblems } from '../support/fhir-conformance.js';
import { auditRecord, BASE_URL, BEFORE, consentRecord, context, LATER, NOW, PATIENT } from '../support/fhir-fixtures.js';

const nhs: Identifier = { system: NHS_NUMBER_SYSTEM, value: '9449305552' };
const ext = (r: { extension?: { url: string }[] }, url: string) => r.extension?.find((e) => e.url === url);
const codes = (concepts: { coding?: { system?: string; code?: string }[] }[] | undefined, system: string) =>
  (concepts ?? []).flatMap((c) => c.coding ?? []).filter((c) => c.system === system).map((c) => c.code);

function conformant(resource: unknown, familyFacing = false): void {
  expect(fhirProblems(resource, { familyFacing })).toEqual([]);
}

function query(resourceType: 'Consent' | 'AuditEvent', search = 'patient=9449305552'): FhirSearchQuery {
  const parsed = parseFhirSearch(resourceType, new URLSearchParams(search));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.query;
}

describe('the conformance check itself', () => {
  it('catches what the schema catches and what only the invariants catch', () => {
    const good = toFhirConsent(consentRecord(), PATIENT, context());
    conformant(good);
    expect(fhirProblems({ ...good, status: 'withdrawn' }).join()).toMatch(/schema \/status/);
    expect(fhirProblems({ ...good, unknownElement: 1 }).join()).toMatch(/additional/);
    const { status: _status, ...noStatus } = good;
    expect(fhirProblems(noStatus).join()).toMatch(/status \(1\.\.1\) is required/);
    const { policy: _p, policyRule: _r, ...noPolicy } = good;
    expect(fhirProblems(noPolicy).join()).toMatch(/ppc-1/);
    expect(fhirProblems({ ...good, category: [] }).join()).toMatch(/category/);
    expect(fhirProblems({ ...good, patient: { identifier: { system: NHS_NUMBER_SYSTEM, value: '9449305553' } } }).join()).toMatch(/invalid NHS number/);
    expect(fhirProblems({ ...good, performer: [{ reference: '#nobody' }] }).join()).toMatch(/ref-1/);
    expect(fhirProblems({ ...good, dateTime: '2026-03-02T10:00' }).join()).toMatch(/schema \/dateTime/);
    expect(fhirProblems({ ...good, extension: [{ url: 'x' }] }).join()).toMatch(/ext-1/);
    const event = toFhirAuditEvent(auditRecord(), PATIENT, context());
    expect(fhirProblems({ ...event, outcome: '1' }).join()).toMatch(/schema \/outcome/);
    expect(fhirProblems({ ...event, agent: [{ ...event.agent[0], requestor: undefined }] }).join()).toMatch(/requestor/);
    const bundle = consentSearchBundle({ records: [consentRecord()], total: 1, nextCursor: null }, PATIENT, query('Consent'), context(), 'r1');
    conformant(bundle);
    const broken = { ...bundle, entry: [{ ...bundle.entry![0], resource: { ...good, status: 'withdrawn' } }] };
    expect(fhirProblems(broken).join()).toMatch(/schema \/entry\/0\/resource\/status/);
    expect(fhirProblems({ ...bundle, type: 'collection' }).join()).toMatch(/bdl-1/);
  });
});

describe('rows to records', () => {
  it('a consents row (the table\'s own type) loses who recorded it and the evidence text', () => {
    const row: typeof consents.$inferSelect = {
      id: '00000000-0000-4000-8000-00000000c0de', childId: '00000000-0000-4000-8000-0000000000c1', kind: 'GRANT', categories: ['HEALTH'],
      granteeAgency: 'HEALTH', granteeOrg: null, givenBy: 'PARENT', grantedBySub: 'coordinator:la213-7', grantedByOrg: 'LA213', evidenceNote: 'Signed form, scanned 2026-01-15',
      validUntil: null, withdrawnAt: null, withdrawnBySub: null, createdAt: BEFORE, granteeSubject: null, withdrawalEvidenceNote: null,
      reviewOutcome: null, reviewNote: null, reviewedBySub: null, reviewedAt: null,
    };
    const record = toConsentRecord(row);
    expect(record).toEqual({ id: row.id, kind: 'GRANT', categories: ['HEALTH'], granteeAgency: 'HEALTH', granteeOrg: null, givenBy: 'PARENT', recordedFromPaper: true, createdAt: BEFORE, validUntil: null, withdrawnAt: null });
    const text = JSON.stringify(toFhirConsent(record, PATIENT, context()));
    expect(text).not.toContain('coordinator:la213-7');
    expect(text).not.toContain('scanned');
    expect(toConsentRecord({ ...row, evidenceNote: null }).recordedFromPaper).toBe(false);
  });

  it('an audit_events row (the table\'s own type) is checked against the vocabulary', () => {
    const row: typeof auditEvents.$inferSelect = {
      seq: 7, chain: 'E09000033', chainSeq: 3, id: '00000000-0000-4000-8000-0000000000e7', at: '2026-03-01 09:30:00.123456+00', requestId: 'r-7', actorSub: 'practitioner:rqm-0042',
      actorOrg: 'RQM', actorRole: 'PRACTITIONER', childId: '00000000-0000-4000-8000-0000000000c1', areaCode: 'E09000033', action: 'READ', basis: 'OWNER',
      categories: ['HEALTH'], sections: ['C'], operationName: null, flags: [], prevHash: 'aa', hash: 'bb',
    };
    conformant(toFhirAuditEvent(toAuditEventRecord(row), PATIENT, context()));
    expect(toAuditEventRecord(row, 'PARENT').actorRelationship).toBe('PARENT');
    expect(() => toAuditEventRecord({ ...row, action: 'DELETE' })).toThrow(/unknown action/);
    expect(() => toAuditEventRecord({ ...row, basis: 'MAGIC' })).toThrow(/unknown basis/);
    expect(() => toAuditEventRecord({ ...row, categories: ['GENETIC'] })).toThrow(/unknown category/);
    expect(() => toAuditEventRecord({ ...row, actorRole: 'ADMIN' })).toThrow(/unknown role/);
    expect(() => toAuditEventRecord({ ...row, sections: ['Z'] })).toThrow(/unknown section/);
  });
});

describe('Consent', () => {
  it('a parent\'s grant to an agency: active, permit, PCF shape, the parent by role only', () => {
    const record = consentRecord({ categories: ['HEALTH', 'HEALTH_SENSITIVE'], validUntil: LATER });
    const c = toFhirConsent(record, PATIENT, context());
    conformant(c);
    expect(c).toMatchObject({
      resourceType: 'Consent',
      id: record.id,
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { type: 'Patient', identifier: nhs },
      dateTime: BEFORE.toISOString(),
      performer: [{ reference: '#parent', type: 'RelatedPerson' }],
      contained: [{ resourceType: 'RelatedPerson', id: 'parent', patient: { identifier: nhs }, relationship: [{ coding: [{ code: 'PRN' }] }] }],
      organization: [{ identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'ZZ213' }, display: 'Westminster City Council' }],
      provision: { type: 'permit', period: { start: BEFORE.toISOString(), end: LATER.toISOString() } },
    });
    expect(c.policy?.map((p) => p.uri)).toEqual([
      'https://www.legislation.gov.uk/ukpga/2014/6/part/3',
      'https://www.legislation.gov.uk/eur/2016/679/article/9',
    ]);
    expect(c.policyRule?.text).toMatch(/s\.83\(2\)/);
    const [actor] = c.provision!.actor!;
    expect(actor!.role.coding).toEqual([expect.objectContaining({ code: 'IRCP' })]);
    expect(actor!.reference).toMatchObject({ type: 'CareTeam' });
    expect(actor!.reference.extension?.[0]).toMatchObject({ url: EXT_CARE_TEAM_AGENCY, valueCodeableConcept: { coding: [{ code: 'HEALTH' }] } });
    expect(c.provision!.securityLabel).toEqual([
      expect.objectContaining({ system: DATA_CATEGORY_SYSTEM, code: 'HEALTH' }),
      expect.objectContaining({ system: DATA_CATEGORY_SYSTEM, code: 'HEALTH_SENSITIVE' }),
      expect.objectContaining({ system: V3_CONFIDENTIALITY_SYSTEM, code: 'R' }),
    ]);
    expect(c.extension).toBeUndefined();
  });

  it('a young person\'s grant to an organisation: the performer is the patient, the recipient an ODS code', () => {
    const c = toFhirConsent(consentRecord({ givenBy: 'YOUNG_PERSON', granteeAgency: null, granteeOrg: 'RQM' }), { ...PATIENT, consentHolder: 'YOUNG_PERSON' }, context());
    conformant(c);
    expect(c.status).toBe('active');
    expect(c.contained).toBeUndefined();
    expect(c.performer).toEqual([{ type: 'Patient', identifier: nhs, display: 'The young person' }]);
    expect(c.provision!.actor).toEqual([
      { role: { coding: [expect.objectContaining({ code: 'IRCP' })] }, reference: { type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RQM' } } },
    ]);
  });

  it('a consent naming both an organisation and an agency has both as recipients', () => {
    const c = toFhirConsent(consentRecord({ granteeOrg: 'RQM', granteeAgency: 'SOCIAL_CARE' }), PATIENT, context());
    conformant(c);
    expect(c.provision!.actor!.map((a) => a.reference.type)).toEqual(['Organization', 'CareTeam']);
  });

  it('a refusal in force is active with a deny provision (not "rejected": it beats any grant)', () => {
    const c = toFhirConsent(consentRecord({ kind: 'REFUSAL', categories: ['SOCIAL_CARE'] }), PATIENT, context());
    conformant(c);
    expect(c.status).toBe('active');
    expect(c.provision!.type).toBe('deny');
  });

  it('a withdrawn consent is inactive and carries the withdrawal time', () => {
    const withdrawnAt = new Date('2026-02-20T12:00:00.000Z');
    const c = toFhirConsent(consentRecord({ validUntil: LATER, withdrawnAt }), PATIENT, context());
    conformant(c);
    expect(c.status).toBe('inactive');
    expect(ext(c, EXT_CONSENT_WITHDRAWN)).toEqual({ url: EXT_CONSENT_WITHDRAWN, valueDateTime: withdrawnAt.toISOString() });
    expect(ext(c, EXT_CONSENT_INACTIVE_REASON)).toMatchObject({ valueCoding: { code: 'withdrawn' } });
    expect(c.meta?.lastUpdated).toBe(withdrawnAt.toISOString());
    expect(c.provision!.period!.end).toBe(LATER.toISOString()); // what was agreed stays visible
  });

  it('a withdrawal takes effect at its instant: at now inactive, a millisecond later still active', () => {
    expect(toFhirConsent(consentRecord({ withdrawnAt: NOW }), PATIENT, context()).status).toBe('inactive');
    const c = toFhirConsent(consentRecord({ withdrawnAt: new Date(NOW.getTime() + 1) }), PATIENT, context());
    expect(c.status).toBe('active');
    expect(ext(c, EXT_CONSENT_WITHDRAWN)).toBeUndefined();
  });

  it('an expired consent is inactive, with the period end showing when', () => {
    const validUntil = new Date('2026-03-01T00:00:00.000Z');
    const c = toFhirConsent(consentRecord({ validUntil }), PATIENT, context());
    conformant(c);
    expect(c.status).toBe('inactive');
    expect(ext(c, EXT_CONSENT_INACTIVE_REASON)).toMatchObject({ valueCoding: { code: 'expired' } });
    expect(c.provision!.period).toEqual({ start: BEFORE.toISOString(), end: validUntil.toISOString() });
    expect(toFhirConsent(consentRecord({ validUntil: NOW }), PATIENT, context()).status).toBe('inactive');
  });

  it('a parent\'s consent lapses when the young person becomes the decision-maker (CFA 2014 s.83(2))', () => {
    const c = toFhirConsent(consentRecord({ givenBy: 'PARENT' }), { ...PATIENT, consentHolder: 'YOUNG_PERSON' }, context());
    conformant(c);
    expect(c.status).toBe('inactive');
    expect(ext(c, EXT_CONSENT_INACTIVE_REASON)).toMatchObject({ valueCoding: { code: 'holder-changed' } });
  });

  it('a paper consent says so, and never names the coordinator who recorded it', () => {
    const c = toFhirConsent(consentRecord({ recordedFromPaper: true }), PATIENT, context());
    conformant(c);
    expect(ext(c, EXT_CONSENT_RECORDED_FROM_PAPER)).toEqual({ url: EXT_CONSENT_RECORDED_FROM_PAPER, valueBoolean: true });
    expect(JSON.stringify(c)).not.toContain(HUB_STAFF_USER_SYSTEM);
  });

  it.each(DATA_CATEGORIES)('category %s becomes a security label (with its v3 confidentiality where one fits)', (category) => {
    const c = toFhirConsent(consentRecord({ categories: [category] }), PATIENT, context());
    conformant(c);
    const labels = c.provision!.securityLabel!;
    expect(labels[0]).toMatchObject({ system: DATA_CATEGORY_SYSTEM, code: category });
    const expected = category === 'HEALTH_SENSITIVE' ? ['R'] : category === 'SAFEGUARDING' ? ['V'] : [];
    expect(labels.filter((l) => l.system === V3_CONFIDENTIALITY_SYSTEM).map((l) => l.code)).toEqual(expected);
  });

  it('an NHS number that fails its check digit never leaves: the mapping throws', () => {
    expect(() => toFhirConsent(consentRecord(), { ...PATIENT, nhsNumber: '9449305553' }, context())).toThrow(RangeError);
    expect(() => toFhirAuditEvent(auditRecord(), { ...PATIENT, nhsNumber: '944930555' }, context())).toThrow(RangeError);
  });

  it('organisation codes: ODS shapes as ODS, council and made-up codes under the hub system, or the operator\'s own lookup', () => {
    expect(defaultOrganisationIdentifier('RQM')).toEqual({ system: ODS_ORGANISATION_SYSTEM, value: 'RQM' });
    expect(defaultOrganisationIdentifier('8HK49')).toEqual({ system: ODS_ORGANISATION_SYSTEM, value: '8HK49' });
    expect(defaultOrganisationIdentifier('LA213')).toEqual({ system: HUB_ORGANISATION_SYSTEM, value: 'LA213' });
    expect(defaultOrganisationIdentifier('ICB-NWL')).toEqual({ system: HUB_ORGANISATION_SYSTEM, value: 'ICB-NWL' });
    const lookup = (code: string): Identifier => ({ system: ODS_ORGANISATION_SYSTEM, value: code === 'LA213' ? '713' : code });
    const c = toFhirConsent(consentRecord({ granteeAgency: null, granteeOrg: 'LA213' }), PATIENT, context({ organisationIdentifier: lookup }));
    expect(c.provision!.actor![0]!.reference.identifier).toEqual({ system: ODS_ORGANISATION_SYSTEM, value: '713' });
  });

  it('a searchset of every state validates, with total, fullUrl, search.mode and link.self', () => {
    const records = [
      consentRecord(),
      consentRecord({ kind: 'REFUSAL' }),
      consentRecord({ withdrawnAt: BEFORE }),
      consentRecord({ validUntil: BEFORE }),
      consentRecord({ givenBy: 'YOUNG_PERSON' }),
    ];
    const q = query('Consent', 'patient=9449305552&_count=5');
    const bundle: Bundle<Consent> = consentSearchBundle({ records, total: 7, nextCursor: 'c2' }, PATIENT, q, context(), 'req-1');
    conformant(bundle);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', id: 'req-1', type: 'searchset', total: 7 });
    expect(bundle.link).toEqual([
      { relation: 'self', url: `${BASE_URL}/Consent?patient=9449305552&_count=5` },
      { relation: 'next', url: `${BASE_URL}/Consent?patient=9449305552&_count=5&_cursor=c2` },
    ]);
    expect(bundle.entry!.map((e) => e.search)).toEqual(records.map(() => ({ mode: 'match' })));
    expect(bundle.entry!.map((e) => e.fullUrl)).toEqual(records.map((r) => `${BASE_URL}/Consent/${r.id}`));
    expect(bundle.entry!.map((e) => e.resource!.status)).toEqual(['active', 'active', 'inactive', 'inactive', 'inactive']);
  });
});

/** One row per basis with an actor that gets it, and the HL7 v3 PurposeOfUse codes it must carry. */
const BASIS_CASES: { name: string; record: Partial<AuditEventRecord>; purposes: string[] }[] = [
  { name: 'OWNER (a health practitioner on section C)', record: { basis: 'OWNER' }, purposes: ['TREAT'] },
  { name: 'STATUTORY (the coordinator)', record: { basis: 'STATUTORY', actorRole: 'CASE_COORDINATOR', actorOrg: 'LA213', sections: ['B'], categories: ['EDUCATION'] }, purposes: ['COC'] },
  { name: 'STATUTORY (the DPO)', record: { basis: 'STATUTORY', actorRole: 'DPO', actorOrg: 'LA213', sections: [], categories: ['IDENTITY'] }, purposes: ['HCOMPL'] },
  { name: 'FAMILY (the parent)', record: { basis: 'FAMILY', actorRole: 'FAMILY', actorOrg: 'FAMILY', actorSub: 'family:p1', actorRelationship: 'PARENT' }, purposes: ['FAMRQT'] },
  { name: 'FAMILY (the young person)', record: { basis: 'FAMILY', actorRole: 'FAMILY', actorOrg: 'FAMILY', actorSub: 'family:yp', actorRelationship: 'YOUNG_PERSON' }, purposes: ['PATRQT'] },
  { name: 'FAMILY (relationship unknown)', record: { basis: 'FAMILY', actorRole: 'FAMILY', actorOrg: 'FAMILY', actorSub: 'family:x' }, purposes: [] },
  { name: 'CONSENT (social care reading health)', record: { basis: 'CONSENT', actorOrg: 'SC123', sections: ['C'] }, purposes: ['COC'] },
  { name: 'BREAK_GLASS', record: { basis: 'BREAK_GLASS', flags: ['BREAK_GLASS'], categories: ['SAFEGUARDING'], sections: ['D'] }, purposes: ['ETREAT', 'BTG'] },
  { name: 'DENIED', record: { basis: 'DENIED', categories: ['HEALTH_SENSITIVE'] }, purposes: [] },
];

describe('AuditEvent', () => {
  it('the guard table covers every basis', () => {
    expect(new Set(BASIS_CASES.map((c) => c.record.basis))).toEqual(new Set(ACCESS_BASES));
  });

  it.each(BASIS_CASES)('basis $name: hub code and HL7 v3 PurposeOfUse', ({ record: overrides, purposes }) => {
    const e = toFhirAuditEvent(auditRecord(overrides), PATIENT, context());
    conformant(e);
    expect(e.purposeOfEvent![0]!.coding).toEqual([expect.objectContaining({ code: overrides.basis })]);
    expect(codes(e.purposeOfEvent, V3_ACT_REASON_SYSTEM)).toEqual(purposes);
    expect(e.outcome).toBe(overrides.basis === 'DENIED' ? '4' : '0');
    expect(e.outcomeDesc === undefined).toBe(overrides.basis !== 'DENIED');
  });

  it('a read in the BALP shape: user, organisation, hub; patient, data and request id entities', () => {
    const record = auditRecord({ categories: ['HEALTH', 'HEALTH_SENSITIVE'], sections: ['G', 'C', 'C'], flags: ['BULK'] });
    const e = toFhirAuditEvent(record, PATIENT, context());
    conformant(e);
    expect(e).toMatchObject({
      resourceType: 'AuditEvent',
      id: record.id,
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }, { code: 'READ' }],
      action: 'R',
      recorded: '2026-03-01T09:30:00.123Z',
      source: { site: 'Westminster City Council', observer: { type: 'Device' }, type: [{ code: '4' }] },
    });
    expect(e.agent).toEqual([
      {
        type: { coding: [expect.objectContaining({ code: 'IRCP' })] },
        role: [{ coding: [expect.objectContaining({ code: 'PRACTITIONER' })] }],
        who: { identifier: { system: HUB_STAFF_USER_SYSTEM, value: 'practitioner:rqm-0042' } },
        requestor: true,
      },
      { type: { coding: [expect.objectContaining({ code: 'RESP' })] }, who: { type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RQM' } }, requestor: false },
      { type: { coding: [expect.objectContaining({ code: '110153' })] }, who: expect.objectContaining({ type: 'Device' }), requestor: false },
    ]);
    const [patient, data, transaction] = e.entity!;
    expect(patient).toMatchObject({ what: { type: 'Patient', identifier: nhs }, type: { code: '1' }, role: { code: '1' } });
    expect(data).toMatchObject({ what: { display: 'EHC plan sections C, G' }, type: { code: '2' }, role: { code: '4' } });
    expect(data!.securityLabel!.map((l) => l.code)).toEqual(['HEALTH', 'HEALTH_SENSITIVE', 'R']);
    expect(data!.detail).toEqual([
      { type: 'ehc-plan-section', valueString: 'C' },
      { type: 'ehc-plan-section', valueString: 'G' },
      { type: 'flag', valueString: 'BULK' },
      { type: 'graphql-operation', valueString: 'ReadChild' },
    ]);
    expect(transaction).toEqual({
      what: { identifier: { value: record.requestId } },
      type: { system: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType', code: 'XrequestId' },
    });
  });

  const ACTIONS: Record<(typeof AUDIT_ACTIONS)[number], { action: string; interaction: string | null; author: boolean; type: string }> = {
    READ: { action: 'R', interaction: 'read', author: false, type: '110110' },
    WRITE: { action: 'U', interaction: 'update', author: true, type: '110110' },
    REGISTER: { action: 'C', interaction: 'create', author: true, type: '110110' },
    GRANT_CONSENT: { action: 'C', interaction: 'create', author: true, type: '110110' },
    REFUSE_CONSENT: { action: 'C', interaction: 'create', author: true, type: '110110' },
    WITHDRAW_CONSENT: { action: 'U', interaction: 'update', author: true, type: '110110' },
    BREAK_GLASS: { action: 'E', interaction: null, author: true, type: '110110' },
    REVIEW_BREAK_GLASS: { action: 'U', interaction: 'update', author: true, type: '110110' },
    REVIEW_RECORD: { action: 'U', interaction: 'update', author: true, type: '110110' },
    EXPORT: { action: 'R', interaction: null, author: false, type: '110106' },
  };

  it.each(AUDIT_ACTIONS)('action %s: type, action code, subtype, user and hub roles', (action) => {
    const expected = ACTIONS[action];
    const e = toFhirAuditEvent(auditRecord({ action }), PATIENT, context());
    conformant(e);
    expect(e.type.code).toBe(expected.type);
    expect(e.action).toBe(expected.action);
    expect(e.subtype!.map((s) => s.code)).toEqual([...(expected.interaction ? [expected.interaction] : []), action]);
    expect(e.agent[0]!.type!.coding![0]!.code).toBe(expected.author ? 'AUT' : 'IRCP');
    expect(e.agent.at(-1)!.type!.coding![0]!.code).toBe(expected.author ? '110152' : '110153');
  });

  it.each(DATA_CATEGORIES)('category %s becomes a security label on the data entity', (category) => {
    const e = toFhirAuditEvent(auditRecord({ categories: [category] }), PATIENT, context());
    conformant(e);
    expect(e.entity![1]!.securityLabel![0]).toMatchObject({ system: DATA_CATEGORY_SYSTEM, code: category });
  });

  it.each(ROLES)('role %s maps, for staff and (but for safeguarding) for the family', (role) => {
    const record = auditRecord({ actorRole: role, actorOrg: role === 'FAMILY' ? 'FAMILY' : 'LA213' });
    conformant(toFhirAuditEvent(record, PATIENT, context()));
    conformant(toFhirAuditEvent(record, PATIENT, context({ audience: 'family' })), true);
  });

  it('family-facing: no staff identifier, no operation name; a family member is never identified by login', () => {
    const staff = toFhirAuditEvent(auditRecord(), PATIENT, context({ audience: 'family' }));
    conformant(staff, true);
    expect(staff.agent[0]!.who).toEqual({ display: 'A member of staff' });
    expect(JSON.stringify(staff)).not.toContain('practitioner:rqm-0042');
    expect(JSON.stringify(staff)).not.toContain('ReadChild');
    expect(staff.agent[1]!.who!.identifier).toEqual({ system: ODS_ORGANISATION_SYSTEM, value: 'RQM' }); // organisations are shown

    for (const audience of ['staff', 'family'] as const) {
      const parent = toFhirAuditEvent(auditRecord({ actorRole: 'FAMILY', actorOrg: 'FAMILY', actorSub: 'family:p1', actorRelationship: 'PARENT', basis: 'FAMILY' }), PATIENT, context({ audience }));
      expect(parent.agent[0]!.who).toEqual({ type: 'RelatedPerson', display: 'Parent' });
      expect(parent.agent.map((a) => a.type!.coding![0]!.code)).toEqual(['IRCP', '110153']); // no organisation agent
      expect(JSON.stringify(parent)).not.toContain('family:p1');
      const yp = toFhirAuditEvent(auditRecord({ actorRole: 'FAMILY', actorOrg: 'FAMILY', actorRelationship: 'YOUNG_PERSON', basis: 'FAMILY' }), PATIENT, context({ audience }));
      expect(yp.agent[0]!.who).toEqual({ type: 'Patient', identifier: nhs, display: 'The young person' });
    }
  });

  it('family-facing: safeguarding activity must have been left out by the data layer, else the mapping refuses', () => {
    const record = auditRecord({ basis: 'OWNER', actorOrg: 'SC123', categories: ['SOCIAL_CARE', 'SAFEGUARDING'], sections: ['D'] });
    expect(() => toFhirAuditEvent(record, PATIENT, context({ audience: 'family' }))).toThrow(FhirAudienceError);
    conformant(toFhirAuditEvent(record, PATIENT, context()));
  });

  it('a subject access export by the operator\'s tooling is an Export by the operator organisation', () => {
    const e = toFhirAuditEvent(auditRecord({ action: 'EXPORT', actorSub: 'cli:dpo-ops', actorOrg: 'HUB-OPERATOR', actorRole: 'DPO', basis: 'STATUTORY' }), PATIENT, context());
    conformant(e);
    expect(e.agent[1]!.who).toEqual({ type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'ZZ213' }, display: 'Westminster City Council' });
  });

  it('one request is one set: every event of a request carries the same request id entity', () => {
    const requestId = 'gateway-7f3a';
    const events = [auditRecord({ requestId }), auditRecord({ requestId, basis: 'DENIED', categories: ['HEALTH_SENSITIVE'] }), auditRecord({ requestId, action: 'WRITE' })];
    const ids = events.map((r) => toFhirAuditEvent(r, PATIENT, context()).entity!.find((x) => x.type?.code === 'XrequestId')!.what!.identifier!.value);
    expect(ids).toEqual([requestId, requestId, requestId]);
  });

  it('recorded is a FHIR instant from a Date or a PostgreSQL timestamp; no offset is refused', () => {
    expect(toInstant(NOW)).toBe('2026-03-02T10:00:00.000Z');
    expect(toInstant('2026-03-01 09:30:00.123456+00')).toBe('2026-03-01T09:30:00.123Z');
    expect(toInstant('2026-03-01 10:30:00+01')).toBe('2026-03-01T09:30:00.000Z');
    expect(toInstant('2026-03-01T09:30:00+0530')).toBe('2026-03-01T04:00:00.000Z');
    expect(() => toInstant('2026-03-01 09:30:00')).toThrow(RangeError);
    expect(() => toInstant('yesterday')).toThrow(RangeError);
  });

  it('a searchset of mixed events validates, and pages follow the date window', () => {
    const records = BASIS_CASES.map((c) => auditRecord(c.record));
    const q = query('AuditEvent', 'patient=9449305552&date=ge2026-03&date=lt2026-04-01&_count=20');
    const bundle: Bundle<AuditEvent> = auditEventSearchBundle({ records, total: records.length, nextCursor: null }, PATIENT, q, context(), 'b0a1c2d3-0000-4000-8000-000000000001');
    conformant(bundle);
    expect(bundle.total).toBe(records.length);
    expect(bundle.link).toEqual([
      { relation: 'self', url: `${BASE_URL}/AuditEvent?patient=9449305552&date=ge2026-03-01T00%3A00%3A00.000Z&date=lt2026-04-01T00%3A00%3A00.000Z&_count=20` },
    ]);
  });

  it('_count=0 gives the total alone; a request id that is no FHIR id leaves the bundle without one', () => {
    const bundle = auditEventSearchBundle({ records: [], total: 12, nextCursor: null }, PATIENT, query('AuditEvent', 'patient=9449305552&_count=0'), context(), 'gw:1/2');
    conformant(bundle);
    expect(bundle).toMatchObject({ type: 'searchset', total: 12 });
    expect(bundle.entry).toBeUndefined();
    expect(bundle.id).toBeUndefined();
  });

  it('a page larger than _count, or a total below the page, is a data-layer bug and throws', () => {
    const q = query('AuditEvent', 'patient=9449305552&_count=1');
    expect(() => auditEventSearchBundle({ records: [auditRecord(), auditRecord()], total: 2, nextCursor: null }, PATIENT, q, context(), 'r')).toThrow(RangeError);
    expect(() => auditEventSearchBundle({ records: [auditRecord()], total: 0, nextCursor: null }, PATIENT, q, context(), 'r')).toThrow(RangeError);
  });
});
