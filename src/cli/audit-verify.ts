/**
 * `npm run audit:verify [-- --checkpoint F]`: exit 0 with a one-line summary if every audit chain is
 * intact, 1 naming the first break of each broken chain. With a checkpoint file (`npm run
 * audit:checkpoint`), also 1 when a signed head of any chain is gone or changed: that chain's newest
 * events deleted, which the chain alone cannot show.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyCheckpoints, type Checkpoint } from '../audit/checkpoints.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { loadConfigOrExit } from '../platform/config.js';
import { openCliDatabase } from './open-cli-database.js';

const { values } = parseArgs({ options: { checkpoint: { type: 'string' } } });
const checkpoints = values.checkpoint ? (JSON.parse(readFileSync(values.checkpoint, 'utf8')) as { checkpoints: Checkpoint[] }).checkpoints : null;
const config = loadConfigOrExit();
const database = await openCliDatabase(config, "ask the running hub: the DPO's auditChainStatus query (GraphiQL at /graphiql, or the DPO page /ui/dpo), or stop the hub and run this command again.");
try {
  const started = Date.now();
  const status = await verifyAuditChain(database.db);
  const ms = Date.now() - started;
  if (status.intact) {
    console.log(`audit chain intact: ${status.length} events in ${status.chains.length} chains verified in ${ms} ms`);
  } else {
    for (const c of status.chains.filter((c) => !c.intact)) console.log(`audit chain ${c.chain} BROKEN at event ${c.firstBrokenAt} (of ${c.length} examined)`);
    process.exitCode = 1;
  }
  if (checkpoints) {
    const findings = await verifyCheckpoints(database.db, checkpoints);
    for (const f of findings) console.log(`checkpoint FAILED (${f.problem}): ${f.message}`);
    if (findings.length) process.exitCode = 1;
    else console.log(`${checkpoints.length} signed checkpoints hold`);
  }
} finally {
  await database.close();
}
