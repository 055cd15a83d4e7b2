/**
 * `GET /fhir/metadata`: the FHIR R4 capabilities interaction. It states what this server does — search
 * Consent and AuditEvent by patient, JSON only, bearer tokens — so NHS systems can discover it.
 */
import type { CapabilityStatement } from 'fhir/r4.js';
import { NHS_NUMBER_SYSTEM } from './code-systems.js';
import { DEFAULT_COUNT, MAX_COUNT } from './search-params.js';

/** When this description last changed (CapabilityStatement.date is required; it is not the request time). */
const PUBLISHED = '2026-12-01';

const patientParam = {
  name: 'patient',
  definition: 'http://hl7.org/fhir/SearchParameter/clinical-patient',
  type: 'reference' as const,
  documentation:
    `Required, exactly one: the NHS number (\`patient=9449305552\`, spaces allowed) or ` +
    `\`patient:identifier=${NHS_NUMBER_SYSTEM}|9449305552\`. A patient who does not exist and one the caller ` +
    `may not see both get the same 404. \`_count\` 0 to ${MAX_COUNT} (default ${DEFAULT_COUNT}); pages follow the \`next\` link.`,
};

export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: PUBLISHED,
    publisher: 'ehc-hub',
    kind: 'instance',
    implementation: { description: 'EHC hub: consent decisions and access history for NHS systems (read-only)', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth', display: 'OAuth' }] }],
          description: 'A bearer token (JWT) with the hub\'s claims is required for every search; without one the answer is 401.',
        },
        resource: [
          { type: 'Consent', interaction: [{ code: 'search-type' }], searchParam: [patientParam] },
          {
            type: 'AuditEvent',
            interaction: [{ code: 'search-type' }],
            searchParam: [
              { ...patientParam, definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-patient' },
              {
                name: 'date',
                definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-date',
                type: 'date',
                documentation: 'When the event was recorded: prefixes eq, gt, ge, lt, le; at most a lower and an upper bound.',
              },
            ],
          },
        ],
      },
    ],
  };
}
