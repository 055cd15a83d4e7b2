/**
 * Error masking (CONTRIBUTING.md): the hub's own errors keep their code and message; GraphQL
 * validation and coercion errors become BAD_USER_INPUT; anything else is an INTERNAL_SERVER_ERROR
 * carrying only the request id (the original is logged with the same id by the errors plugin).
 */
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { isQueryLimitMessage } from './query-limits.js';

const CLIENT_INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_FOUND']);
const KNOWN = new Set<string>(ERROR_CODES);
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables, error limit reached/;

/** True when an error is one we raised on purpose (or GraphQL's own input checking). */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  const code = (original instanceof GraphQLError ? original.extensions?.code : undefined) as string | undefined;
  return code !== undefined && code !== 'INTERNAL_SERVER_ERROR' && (KNOWN.has(code) || CLIENT_INPUT_CODES.has(code));
}

/**
 * The request each error arose in, for the masked error's `requestId`. Apollo calls the plugin's
 * didEncounterErrors (apollo.ts) with the request's context before it formats the same error objects.
 * A WeakMap rather than an AsyncLocalStorage: on Node 20 and 22 an active AsyncLocalStorage runs a
 * hook on every promise the process creates, about a tenth of a page request's CPU.
 */
const requestOfError = new WeakMap<object, string>();

export function rememberRequestOf(errors: readonly unknown[], requestId: string): void {
  for (const error of errors) if (typeof error === 'object' && error !== null) requestOfError.set(error, requestId);
}

export function formatHubError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
  if (code && CLIENT_INPUT_CODES.has(code) && isQueryLimitMessage(formatted.message)) {
    return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { ...extensions, code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode } };
  }
  // graphql-js stops coercing variables after 50 errors with a code-less error: still the client's input.
  if ((code && CLIENT_INPUT_CODES.has(code)) || TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode } };
  }
  if (isExpectedError(error)) return { ...formatted, extensions };
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode, requestId: typeof error === 'object' && error !== null ? requestOfError.get(error) : undefined },
  };
}
