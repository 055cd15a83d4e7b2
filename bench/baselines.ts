/**
 * Baselines measured in the same run as the real thing, composed here: the hub itself has no switch
 * that turns its audit trail off.
 */
import { openScope } from '../src/access/scope.js';
import type { ScopeRunner } from '../src/app/hub-server.js';
import type { Db } from '../src/platform/db/database.js';

/** The hub's request scope with its audit append left out: the cost of the audit trail is what this saves. */
export const withoutAudit: ScopeRunner = (services, request, work) =>
  services.database.db.transaction((tx) => work(openScope({ ...request, tx: tx as unknown as Db, settings: services.settings, chain: services.chain })));
