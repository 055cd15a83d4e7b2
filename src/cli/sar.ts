/**
 * `npm run sar -- --child ID [--out FILE] [--operator NAME]`: a subject access export (UK GDPR Art. 15)
 * of one child, the same JSON document as the DPO's `subjectAccessExport` query, written to stdout or FILE.
 * The export is audited like any other: an EXPORT event by the operator (`cli:<name>`, role DPO of the
 * child's area) is appended to the chain in the same transaction, or nothing is written out.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { eq } from 'drizzle-orm';
import { Command } from 'commander';
import { children } from '../../schema/tables.js';
import { subjectAccessExport } from '../../resolvers/audit/audit.service.js';
import { ScopedData } from '../access/scoped-data.js';
import type { Actor } from '../domain/actor.js';
import { AccessRecorder } from '../audit/access-recorder.js';
import { loadConfigOrExit } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
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
const database = await openCliDatabase(config);
try {
  const json = await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [row] = await db.select({ areaCode: children.areaCode }).from(children).where(eq(children.id, opts.child)).limit(1)
      .catch(() => []);
    if (!row) throw new HubError('NOT_FOUND', 'No child with that id');
    const actor: Actor = { sub: `cli:${opts.operator}`, org: 'HUB-OPERATOR', agency: null, role: 'DPO', areas: [row.areaCode] };
    const requestId = randomUUID();
    const recorder = new AccessRecorder(actor, requestId, 'sar-cli', config.bulkAccessThreshold);
    const data = new ScopedData(actor, requestId, db, recorder, {
      disclosureKey: config.disclosureKey,
      breakGlassHours: config.breakGlassHours,
      bulkAccessThreshold: config.bulkAccessThreshold,
    });
    const document = await subjectAccessExport(data, opts.child);
    await recorder.flush(db);
    return document;
  });
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
