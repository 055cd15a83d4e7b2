/**
 * Search results as a FHIR R4 `searchset` Bundle: `total` (all matches, not just this page), one entry
 * per match with its `fullUrl` and `search.mode = match`, `link.self` with the parameters used and
 * `link.next` when there is another page.
 */
import type { AuditEvent, Bundle, BundleLink, Consent } from 'fhir/r4.js';
import { toFhirAuditEvent } from './audit-event-resource.js';
import { toFhirConsent } from './consent-resource.js';
import type { AuditEventRecord, ConsentRecord, FhirContext, FhirPatient } from './records.js';
import { searchUrl, type FhirSearchQuery } from './search-params.js';

export interface SearchPage<R> {
  records: readonly R[];
  /** Every match of the search, across pages. */
  total: number;
  /** The page token for the next page, or null on the last page. */
  nextCursor: string | null;
}

const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/** Wraps mapped resources; `bundleId` is the request id, so a bundle can be matched to its audit events. */
export function buildSearchBundle<T extends Consent | AuditEvent>(
  resources: readonly T[],
  page: { total: number; nextCursor: string | null },
  query: FhirSearchQuery,
  context: FhirContext,
  bundleId: string,
): Bundle<T> {
  if (resources.length > query.count) throw new RangeError(`a page of ${resources.length} for _count=${query.count}`);
  if (page.total < resources.length) throw new RangeError(`total ${page.total} is less than the ${resources.length} entries of this page`);
  const link: BundleLink[] = [{ relation: 'self', url: searchUrl(context.baseUrl, query) }];
  if (page.nextCursor) link.push({ relation: 'next', url: searchUrl(context.baseUrl, query, page.nextCursor) });
  return {
    resourceType: 'Bundle',
    // A gateway's request id may not fit FHIR's id rule ([A-Za-z0-9.-]{1,64}); then the bundle has none.
    ...(FHIR_ID.test(bundleId) ? { id: bundleId } : {}),
    meta: { lastUpdated: context.now.toISOString() },
    type: 'searchset',
    total: page.total,
    link,
    ...(resources.length > 0
      ? {
          entry: resources.map((resource) => ({
            fullUrl: `${context.baseUrl}/${resource.resourceType}/${resource.id}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }
      : {}),
  };
}

/** `GET /fhir/Consent?patient=…`: the child's consent decisions, as the data layer released them. */
export function consentSearchBundle(
  page: SearchPage<ConsentRecord>,
  patient: FhirPatient,
  query: FhirSearchQuery,
  context: FhirContext,
  bundleId: string,
): Bundle<Consent> {
  return buildSearchBundle(page.records.map((r) => toFhirConsent(r, patient, context)), page, query, context, bundleId);
}

/** `GET /fhir/AuditEvent?patient=…`: who accessed the child's record, when and on what basis. */
export function auditEventSearchBundle(
  page: SearchPage<AuditEventRecord>,
  patient: FhirPatient,
  query: FhirSearchQuery,
  context: FhirContext,
  bundleId: string,
): Bundle<AuditEvent> {
  return buildSearchBundle(page.records.map((r) => toFhirAuditEvent(r, patient, context)), page, query, context, bundleId);
}
