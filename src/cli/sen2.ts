/**
 * `npm run sen2 -- --area E09000033 --reference-date 2026-01-15 --out sen2.xml [--dmo Y --dco Y] [--operator NAME]`:
 * the DfE SEN2 person-level return of one area (docs/sen2.md), written to FILE. Every missing or
 * inconsistent item is listed against the child on stderr (and in FILE.issues.json), never dropped; the
 * counts the file carries are printed as JSON. The export is recorded in the audit trail as an EXPORT
 * on every child it carries, by the operator (`cli:<name>`), in the same transaction as the read.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { exportSen2 } from '../app/sen2-command.js';
import { DESIGNATED_OFFICER_CODES, type DesignatedOfficerCode } from '../domain/sen2/codes.js';
import { loadConfigOrExit } from '../platform/config.js';
import { HubError } from '../platform/errors.js';
import { openCliDatabase } from './open-cli-database.js';

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const program = new Command('sen2')
  .description('Write the DfE SEN2 person-level return of one area, validated, and record the export')
  .requiredOption('--area <code>', "the area's ONS code, e.g. E09000033")
  .requiredOption('--reference-date <date>', 'the census reference date in January of the collection year, e.g. 2026-01-15')
  .requiredOption('--out <file>', 'the XML file to write')
  .addOption(new Option('--dmo <code>', 'a designated medical officer: Y, N or R').choices([...DESIGNATED_OFFICER_CODES]))
  .addOption(new Option('--dco <code>', 'a designated clinical officer: Y, N or R').choices([...DESIGNATED_OFFICER_CODES]))
  .option('--operator <name>', 'who runs the export (recorded in the audit trail)', safeUser())
  .parse();
const opts = program.opts<{ area: string; referenceDate: string; out: string; dmo?: DesignatedOfficerCode; dco?: DesignatedOfficerCode; operator: string }>();

const config = loadConfigOrExit();
const database = await openCliDatabase(config, 'stop the hub and run this command again (the return reads the whole area in one transaction).');
try {
  const result = await exportSen2(config, database, { areaCode: opts.area, referenceDate: opts.referenceDate, operator: opts.operator, dmo: opts.dmo, dco: opts.dco });
  writeFileSync(opts.out, result.xml, { mode: 0o600 });
  writeFileSync(`${opts.out}.issues.json`, `${JSON.stringify({ issues: result.issues, outOfScope: result.outOfScope }, null, 2)}\n`, { mode: 0o600 });
  for (const i of result.issues) process.stderr.write(`${i.severity} ${i.childRef}${i.episode === null ? '' : ` episode ${i.episode}`} ${i.item}: ${i.message}\n`);
  process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  process.stderr.write(`SEN2 return for ${opts.area} written to ${opts.out}: ${result.summary.children.returned} children, ${result.summary.issues.errors} errors, ${result.summary.issues.warnings} warnings (listed in ${opts.out}.issues.json)\n`);
} catch (error) {
  process.stderr.write(`${error instanceof HubError ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
