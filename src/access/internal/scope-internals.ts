/**
 * The request's transaction and recorder, reachable only from src/access (the layer check forbids any
 * other importer): named reads (access log, aggregates, exports) and the request scope use them; no
 * service ever receives the transaction.
 */
import type { AccessRecorder } from '../../audit/access-recorder.js';
import type { ChainMonitor } from '../../audit/chain-monitor.js';
import type { Db } from '../../platform/db/database.js';

interface Internals {
  tx: Db;
  recorder: AccessRecorder;
  chain: ChainMonitor | null;
  /** Named reads already done in this request (a chain report, say), so aliases cost nothing. */
  memo: Map<string, unknown>;
}

const internals = new WeakMap<object, Internals>();

export function bindInternals(scope: object, value: Internals): void {
  internals.set(scope, value);
}

export function internalsOf(scope: object): Internals {
  const found = internals.get(scope);
  if (!found) throw new Error('not a request scope');
  return found;
}
