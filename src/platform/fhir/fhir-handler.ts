/**
 * The thin HTTP side of the FHIR API: `GET /fhir/Consent`, `GET /fhir/AuditEvent` and `GET /fhir/metadata`.
 * It checks the method, the accepted format and the presence of a bearer token, parses the search,
 * hands the parsed query and the token to a {@link FhirSearchSource} (the data layer: it verifies the
 * token, decides, reads and records the audit events, all before it returns) and writes the result as
 * `application/fhir+json`. It reads no data itself and decides nothing about who may see what.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identifier, Resource } from 'fhir/r4.js';
import { bearerToken } from '../auth/verify-token.js';
import { capabilityStatement } from './capability-statement.js';
import {
  forbidden,
  internalError,
  invalidParameter,
  methodNotAllowed,
  notAcceptable,
  patientNotFound,
  rateLimited,
  unauthenticated,
  unknownPath,
  type FhirError,
} from './operation-outcome.js';
import type { AuditEventRecord, ConsentRecord, FhirAudience, FhirContext, FhirOrganisation, FhirPatient } from './records.js';
import { auditEventSearchBundle, consentSearchBundle, type SearchPage } from './search-bundle.js';
import { parseFhirSearch, type FhirSearchQuery, type FhirSearchResourceType } from './search-params.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Why the data layer answered no. Each becomes one fixed OperationOutcome. */
export type FhirSearchFailure =
  | { kind: 'unauthenticated' }
  | { kind: 'forbidden' }
  /** No such patient, or one the caller has no relationship with: one answer for both. */
  | { kind: 'not-found' }
  | { kind: 'invalid'; parameter: string; message: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number };

/** What the data layer returns for one search, after it has recorded the access. */
export type FhirSearchResult<R> =
  | {
      ok: true;
      patient: FhirPatient;
      page: SearchPage<R>;
      /** The organisation operating the hub for the child's area. */
      operator: FhirOrganisation;
      /** The request's instant, the one its access decisions used. */
      now: Date;
      /** `family` for FAMILY callers: no staff identifiers, no operation names. */
      audience: FhirAudience;
    }
  | { ok: false; failure: FhirSearchFailure };

/**
 * The functions the data layer supplies. Each verifies `bearerToken`, finds the child by NHS number
 * among those the caller may see, reads one page, records the access (every read audited, in the same
 * transaction) and commits before it returns. `requestId` is the request's id for the audit events.
 */
export interface FhirSearchSource {
  consents(query: FhirSearchQuery, bearerToken: string, requestId: string): Promise<FhirSearchResult<ConsentRecord>>;
  auditEvents(query: FhirSearchQuery, bearerToken: string, requestId: string): Promise<FhirSearchResult<AuditEventRecord>>;
}

export interface FhirHandlerOptions {
  /**
   * The public base of the FHIR API, absolute: `https://hub.example.org/fhir`. A function when it is
   * known only once the server listens (port 0 in tests). Never taken from the request's Host header,
   * which the client controls.
   */
  baseUrl: string | (() => string);
  source: FhirSearchSource;
  organisationIdentifier?: (code: string) => Identifier;
  /** Called with anything unexpected (a 500); the client sees only the request id. */
  onError?: (error: unknown, requestId: string) => void;
}

export type FhirHandler = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>;

/** True for every path the FHIR handler answers (the hub server routes these to it). */
export const isFhirPath = (path: string): boolean => path === '/fhir' || path.startsWith('/fhir/');

const ACCEPTABLE = new Set(['*/*', 'application/*', 'application/json', 'application/fhir+json', 'application/json+fhir']);

function acceptsJson(header: string | undefined): boolean {
  if (!header) return true;
  return header.split(',').some((part) => ACCEPTABLE.has(part.split(';')[0]!.trim().toLowerCase()));
}

/** `Prefer: handling=strict` (FHIR R4 search): unknown parameters are an error rather than ignored. */
function prefersStrict(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values.some((v) => v.split(',').some((p) => p.trim().toLowerCase() === 'handling=strict'));
}

function failureError(failure: FhirSearchFailure): FhirError {
  switch (failure.kind) {
    case 'unauthenticated':
      return unauthenticated();
    case 'forbidden':
      return forbidden();
    case 'not-found':
      return patientNotFound();
    case 'invalid':
      return invalidParameter(failure.parameter, failure.message);
    case 'rate-limited':
      return rateLimited(failure.retryAfterSeconds);
  }
}

function send(res: ServerResponse, status: number, resource: Resource, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(resource);
  res.writeHead(status, {
    'content-type': FHIR_JSON,
    'content-length': Buffer.byteLength(body),
    // Personal data: never stored by a browser or a proxy.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

const sendError = (res: ServerResponse, error: FhirError): void => send(res, error.status, error.outcome, error.headers);

export function createFhirHandler(options: FhirHandlerOptions): FhirHandler {
  const base = options.baseUrl;
  return async (req, res, requestId) => {
    try {
      const baseUrl = (typeof base === 'function' ? base() : base).replace(/\/+$/, '');
      const url = new URL(req.url ?? '/', 'http://fhir.invalid');
      const route = url.pathname.replace(/^\/fhir/, '').replace(/\/+$/, '');
      if (req.method !== 'GET') return sendError(res, methodNotAllowed());
      if (!acceptsJson(req.headers.accept)) return sendError(res, notAcceptable());
      if (route === '/metadata') return send(res, 200, capabilityStatement(baseUrl));
      const resourceType: FhirSearchResourceType | null = route === '/Consent' ? 'Consent' : route === '/AuditEvent' ? 'AuditEvent' : null;
      if (!resourceType) return sendError(res, unknownPath());

      const token = bearerToken(req.headers.authorization);
      if (!token) return sendError(res, unauthenticated());
      const parsed = parseFhirSearch(resourceType, url.searchParams, prefersStrict(req.headers.prefer));
      if (!parsed.ok) return sendError(res, parsed.error);
      const { query } = parsed;

      const context = (r: { operator: FhirOrganisation; now: Date; audience: FhirAudience }): FhirContext => ({
        baseUrl,
        operator: r.operator,
        now: r.now,
        audience: r.audience,
        ...(options.organisationIdentifier ? { organisationIdentifier: options.organisationIdentifier } : {}),
      });
      if (resourceType === 'Consent') {
        const result = await options.source.consents(query, token, requestId);
        if (!result.ok) return sendError(res, failureError(result.failure));
        return send(res, 200, consentSearchBundle(result.page, result.patient, query, context(result), requestId));
      }
      const result = await options.source.auditEvents(query, token, requestId);
      if (!result.ok) return sendError(res, failureError(result.failure));
      return send(res, 200, auditEventSearchBundle(result.page, result.patient, query, context(result), requestId));
    } catch (error) {
      options.onError?.(error, requestId);
      if (!res.headersSent) sendError(res, internalError(requestId));
      else res.end();
    }
  };
}
