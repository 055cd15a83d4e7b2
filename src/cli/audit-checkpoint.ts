/**
 * `npm run audit:checkpoint -- --out F`: verifies every audit chain, signs each intact chain's head with
 * AUDIT_SIGNING_KEY (a generated key outside production), stores the checkpoints and writes every
 * checkpoint so far to F as JSON, for the council to publish outside the database (docs/audit.md,
 * "Checkpoints"). Refuses to sign a broken chain (exit 1), but still signs and exports the intact ones.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkpointSigningKey, listCheckpoints, signChainHead } from '../audit/checkpoints.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { loadConfigOrExit } from '../platform/config.js';
import { openCliDatabase } from './open-cli-database.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  process.stderr.write('usage: npm run audit:checkpoint -- --out <file.json>\n');
  process.exit(2);
}
const config = loadConfigOrExit();
const database = await openCliDatabase(config);
try {
  const status = await verifyAuditChain(database.db);
  const key = checkpointSigningKey(config.auditSigningKey);
  let signed = 0;
  for (const chain of status.chains) {
    if (!chain.intact) {
      console.log(`audit chain ${chain.chain} BROKEN at event ${chain.firstBrokenAt}: not signing it`);
      process.exitCode = 1;
      continue;
    }
    const checkpoint = await signChainHead(database.db, key, chain.chain, chain.length);
    if (checkpoint) signed += 1;
  }
  const all = await listCheckpoints(database.db);
  writeFileSync(values.out, `${JSON.stringify({ checkpoints: all }, null, 2)}\n`);
  console.log(`signed the heads of ${signed} chains; ${all.length} checkpoints written to ${values.out}`);
} finally {
  await database.close();
}
