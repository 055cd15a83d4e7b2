/**
 * The one error model: a few typed errors mapped to `extensions.code`. Anything else
 * that reaches the client is masked as INTERNAL_SERVER_ERROR with the request id, and logged.
 */
import { GraphQLError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONSENT_REQUIRED',
  'BAD_USER_INPUT',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A deliberate, client-safe error. Its message and extensions reach the caller unchanged. */
export class HubError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** Another area's or tenant's record: same answer as a record that does not exist. */
export const notFound = (what = 'child') => new HubError('NOT_FOUND', `No ${what} with that id`);
export const forbidden = (message = 'Forbidden') => new HubError('FORBIDDEN', message);
export const conflict = (message: string) => new HubError('CONFLICT', message);
/** Bad input names the offending field so callers can fix it; nothing has been written. */
export const badInput = (field: string, message: string) =>
  new HubError('BAD_USER_INPUT', `${field}: ${message}`, { field });
