/** `npm run audit:verify`: exit 0 with a one-line summary if the chain is intact, 1 naming the first break. */
import { verifyAuditChain } from '../audit/verify-chain.js';
import { loadConfigOrExit } from '../platform/config.js';
import { openCliDatabase } from './open-cli-database.js';

const config = loadConfigOrExit();
const database = await openCliDatabase(config, "ask the running hub: the DPO's auditChainStatus query (GraphiQL at /graphiql, or the DPO page /ui/dpo), or stop the hub and run this command again.");
try {
  const started = Date.now();
  const status = await verifyAuditChain(database.db);
  const ms = Date.now() - started;
  if (status.intact) {
    console.log(`audit chain intact: ${status.length} events verified in ${ms} ms`);
  } else {
    console.log(`audit chain BROKEN at event ${status.firstBrokenAt} (of ${status.length} examined)`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
