/**
 * Errors as FHIR R4 OperationOutcome resources, each with its HTTP status (FHIR RESTful API: a failed
 * search is a 4xx or 5xx with an OperationOutcome). Messages are fixed text: nothing from the request
 * is echoed back except the name of the parameter at fault.
 */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';

export interface FhirError {
  status: number;
  outcome: OperationOutcome;
  /** Extra response headers (WWW-Authenticate, Retry-After). */
  headers?: Record<string, string>;
}

type IssueCode = OperationOutcomeIssue['code'];

function outcome(code: IssueCode, diagnostics: string, expression?: string): OperationOutcome {
  const issue: OperationOutcomeIssue = { severity: 'error', code, diagnostics };
  if (expression) issue.expression = [expression];
  return { resourceType: 'OperationOutcome', issue: [issue] };
}

/** 400: a search parameter the hub cannot use, named in `expression`. */
export const invalidParameter = (parameter: string, diagnostics: string): FhirError => ({
  status: 400,
  outcome: outcome('invalid', `${parameter}: ${diagnostics}`, parameter),
});

/** 401: no token, or one that did not verify. One body for every reason, as the GraphQL endpoint does. */
export const unauthenticated = (): FhirError => ({
  status: 401,
  outcome: outcome('login', 'A valid bearer token is required'),
  headers: { 'www-authenticate': 'Bearer' },
});

/** 403: the caller's role may not use this endpoint at all (never for another area's child: that is 404). */
export const forbidden = (): FhirError => ({ status: 403, outcome: outcome('forbidden', 'This role may not use this endpoint') });

/**
 * 404: the same bytes for a patient who does not exist and one the caller may not see, so the answer
 * tells an outsider nothing (STYLE.md habit 4: another area's record is NOT_FOUND, never FORBIDDEN).
 */
export const patientNotFound = (): FhirError => ({ status: 404, outcome: outcome('not-found', 'No patient with that NHS number') });

/** 404 for a path the FHIR API does not serve. */
export const unknownPath = (): FhirError => ({ status: 404, outcome: outcome('not-found', 'This FHIR API serves only Consent and AuditEvent searches and metadata') });

export const methodNotAllowed = (): FhirError => ({
  status: 405,
  outcome: outcome('not-supported', 'Only GET is supported: this FHIR API is read-only'),
  headers: { allow: 'GET' },
});

export const notAcceptable = (): FhirError => ({ status: 406, outcome: outcome('not-supported', 'Only application/fhir+json is available') });

export const rateLimited = (retryAfterSeconds: number): FhirError => ({
  status: 429,
  outcome: outcome('throttled', 'Too many requests: slow down'),
  headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
});

/** 500: nothing about the cause, only the request id to quote to the operator. */
export const internalError = (requestId: string): FhirError => ({
  status: 500,
  outcome: outcome('exception', `Internal server error (request ${requestId})`),
});
