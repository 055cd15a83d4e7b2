/**
 * The FHIR API's data source (src/platform/fhir/fhir-handler.ts `FhirSearchSource`): the same door as
 * POST /graphql (the user's token, the per-actor rate limit), then one request scope (one transaction,
 * the audit events appended before it commits, fail closed) running the data layer's named read
 * (src/access/fhir-export.ts). Refusals become the handler's fixed OperationOutcomes.
 */
import { fhirAuditEvents, fhirConsents, type FhirRead } from '../access/fhir-export.js';
import type { ScopedData } from '../access/scoped-data.js';
import type { Actor } from '../domain/actor.js';
import type { TokenVerifier } from '../platform/auth/verify-token.js';
import { HubError } from '../platform/errors.js';
import type { FhirSearchResult, FhirSearchSource } from '../platform/fhir/fhir-handler.js';
import type { FhirSearchQuery } from '../platform/fhir/search-params.js';
import type { createActorRateLimiter } from '../platform/http/rate-limit.js';
import type { inRequestScope, ScopeServices } from './request-scope.js';

export interface FhirSourceDeps {
  services: ScopeServices;
  verify: TokenVerifier;
  rateLimit: ReturnType<typeof createActorRateLimiter>;
  runScope: typeof inRequestScope;
}

export function createFhirSource(deps: FhirSourceDeps): FhirSearchSource {
  const search = async <R>(read: (data: ScopedData, q: FhirSearchQuery) => Promise<FhirRead<R>>, operationName: string, query: FhirSearchQuery, token: string, requestId: string): Promise<FhirSearchResult<R>> => {
    const actor: Actor | null = await deps.verify(token);
    if (!actor) return { ok: false, failure: { kind: 'unauthenticated' } };
    const budget = await deps.rateLimit(`${actor.org}|${actor.sub}`);
    if (!budget.allowed) return { ok: false, failure: { kind: 'rate-limited', retryAfterSeconds: budget.retryAfterSeconds } };
    // A refusal is thrown inside the scope, so its DENIED event (if the data layer noted one) commits with it.
    const outcome = await deps.runScope(deps.services, { actor, requestId, operationName }, async (data) => {
      try {
        return { ok: true as const, read: await read(data, query) };
      } catch (error) {
        if (error instanceof HubError) return { ok: false as const, error };
        throw error;
      }
    });
    if (outcome.ok) return { ok: true, ...outcome.read };
    switch (outcome.error.code) {
      case 'NOT_FOUND':
        return { ok: false, failure: { kind: 'not-found' } };
      case 'BAD_USER_INPUT':
        return { ok: false, failure: { kind: 'invalid', parameter: String(outcome.error.extensions.field ?? '_cursor'), message: outcome.error.message } };
      default:
        return { ok: false, failure: { kind: 'forbidden' } };
    }
  };
  return {
    consents: (query, token, requestId) => search(fhirConsents, 'fhir:Consent', query, token, requestId),
    auditEvents: (query, token, requestId) => search(fhirAuditEvents, 'fhir:AuditEvent', query, token, requestId),
  };
}
