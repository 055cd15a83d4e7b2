/**
 * The one request-scope factory: the server, the command-line tools and the benchmarks all open a
 * request's data path here, so every path has the same access decision, audit recorder and fail-closed
 * commit. `inRequestScope` runs `work` in one transaction with a fresh scope, flushes the scope's audit
 * events in that transaction, and returns only once they are committed: if the append fails, the
 * transaction rolls back and the caller gets the error instead of the result (fail closed).
 */
import type { ChainMonitor } from '../audit/chain-monitor.js';
import { openScope } from '../access/scope.js';
import { flushScope } from '../access/scope.js';
import type { AccessSettings, ScopedData } from '../access/scoped-data.js';
import type { Actor } from '../domain/actor.js';
import type { Config } from '../platform/config.js';
import type { Database, Db } from '../platform/db/database.js';

export interface ScopeServices {
  database: Database;
  settings: AccessSettings;
  chain: ChainMonitor | null;
}

export function accessSettings(config: Config): AccessSettings {
  return { disclosureKey: config.disclosureKey, breakGlassHours: config.breakGlassHours, bulkAccessThreshold: config.bulkAccessThreshold };
}

export async function inRequestScope<T>(
  services: ScopeServices,
  request: { actor: Actor; requestId: string; operationName?: string | null },
  work: (data: ScopedData) => Promise<T>,
): Promise<T> {
  return services.database.db.transaction(async (tx) => {
    const data = openScope({ ...request, tx: tx as unknown as Db, settings: services.settings, chain: services.chain });
    const result = await work(data);
    await flushScope(data);
    return result;
  });
}
