/**
 * `npm run sar -- --child ID [--out FILE] [--operator NAME]`: a subject access export (UK GDPR Art. 15)
 * of one child, the same JSON document as the DPO's `subjectAccessExport` query, written to stdout or FILE.
 * The export is audited like any other: an EXPORT event by the operator (`cli:<name>`, role DPO of the
 * child's area) is appended to the chain in the same transaction, or nothing is written out.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { exportSubjectAccess } from '../app/subject-access-command.js';
import { loadConfigOrExit } from '../platform/config.js';
import { HubError } from '../platform/errors.js';
import { openCliDatabase } from './open-cli-database.js';

const program = new Command('sar')
  .description('Export everything held on one child plus its access history, as JSON')
  .requiredOption('--child <id>', 'the child\'s id')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--operator <name>', 'who runs the export (recorded in the audit trail)', safeUser())
  .parse();
const opts = program.opts<{ child: string; out?: string; operator: string }>();

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const config = loadConfigOrExit();
const database = await openCliDatabase(config, "ask the running hub: the DPO's subjectAccessExport query (GraphiQL at /graphiql, or the DPO page /ui/dpo), or stop the hub and run this command again.");
try {
  const json = await exportSubjectAccess(config, database, opts.child, opts.operator);
  if (opts.out) {
    writeFileSync(opts.out, `${json}\n`, { mode: 0o600 });
    process.stderr.write(`subject access export of ${opts.child} written to ${opts.out}\n`);
  } else {
    process.stdout.write(`${json}\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof HubError ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
