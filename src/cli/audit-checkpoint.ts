/**
 * `npm run audit:checkpoint -- --out F`: verifies the audit chain, signs its head with AUDIT_SIGNING_KEY
 * (a generated key outside production), stores the checkpoint and writes every checkpoint so far to F as
 * JSON, for the council to publish outside the database (docs/audit.md, "Checkpoints"). Refuses (exit 1)
 * to sign a broken chain.
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
  if (!status.intact) {
    console.log(`audit chain BROKEN at event ${status.firstBrokenAt}: not signing it`);
    process.exitCode = 1;
  } else {
    const signed = await signChainHead(database.db, checkpointSigningKey(config.auditSigningKey));
    const all = await listCheckpoints(database.db);
    writeFileSync(values.out, `${JSON.stringify({ checkpoints: all }, null, 2)}\n`);
    console.log(signed ? `signed event ${signed.seq} (${signed.hash}); ${all.length} checkpoints written to ${values.out}` : `the chain is empty; ${all.length} checkpoints written to ${values.out}`);
  }
} finally {
  await database.close();
}
