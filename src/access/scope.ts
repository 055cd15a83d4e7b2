/**
 * Opening and closing a request scope. Only the composition root (src/app/request-scope.ts) calls
 * these: it opens one scope per request inside the request's transaction and flushes the scope's
 * audit events in that same transaction before the response leaves (fail closed).
 */
import type { Actor } from '../domain/actor.js';
import { AccessRecorder } from '../audit/access-recorder.js';
import type { ChainMonitor } from '../audit/chain-monitor.js';
import type { Db } from '../platform/db/database.js';
import { internalsOf } from './internal/scope-internals.js';
import { ScopedData, type AccessSettings } from './scoped-data.js';

export interface OpenScope {
  actor: Actor;
  requestId: string;
  tx: Db;
  settings: AccessSettings;
  chain?: ChainMonitor | null;
  operationName?: string | null;
  now?: Date;
}

export function openScope(o: OpenScope): ScopedData {
  const recorder = new AccessRecorder(o.actor, o.requestId, o.operationName ?? null, o.settings.bulkAccessThreshold);
  return new ScopedData({ actor: o.actor, requestId: o.requestId, tx: o.tx, recorder, settings: o.settings, chain: o.chain, now: o.now });
}

/** Names the operation on the scope's audit events (known once Apollo has resolved it). */
export function nameOperation(data: ScopedData, operationName: string | null | undefined): void {
  internalsOf(data).recorder.setOperationName(operationName);
}

/** Appends the scope's audit events in its transaction; throws (and so rolls back) if it cannot. */
export function flushScope(data: ScopedData): Promise<number> {
  const { recorder, tx } = internalsOf(data);
  return recorder.flush(tx);
}
