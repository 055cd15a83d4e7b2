/**
 * The HTTP side of the error model (src/platform/errors.ts): every error the server answers outside
 * GraphQL execution (401, 413, 429, bad JSON, 500) is a GraphQL-shaped body with `extensions.code`.
 */
import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors.js';

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

/** The body of an error that stops a request before (or instead of) execution. */
export function errorBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, data?: null): string {
  return JSON.stringify({ ...(data === null ? { data: null } : {}), errors: [{ message, extensions: { code, ...extensions } }] });
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  send(res, status, errorBody(code, message), headers);
}
