/**
 * `npm run local-offer:import -- --file feed.json --area E09000033 [--operator NAME]`: imports an Open
 * Referral UK feed (an HSDS 3 services page, or an array of services) into the area's local offer
 * (CFA 2014 s.30). Every record is validated first; any bad record is listed with its index and
 * reason and nothing is written (exit 1). Otherwise all records are written in one transaction,
 * idempotently by service id.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { isValidAreaCode } from '../domain/identifiers.js';
import { FeedShapeError, importLocalOfferFeed } from '../app/local-offer-import.js';
import { loadConfigOrExit } from '../platform/config.js';
import { openCliDatabase } from './open-cli-database.js';

const areaCode = (value: string) => {
  if (!isValidAreaCode(value)) throw new InvalidArgumentError('must be the ONS code of an English local authority, such as E09000033');
  return value;
};

const opts = new Command('local-offer:import')
  .description('Import an Open Referral UK (HSDS 3) services feed into an area\'s local offer')
  .requiredOption('--file <path>', 'the feed: an HSDS 3 services page ({ "contents": [...] }) or an array of services')
  .requiredOption('--area <code>', 'the ONS code of the area whose local offer it is', areaCode)
  .option('--operator <name>', 'who runs the import (recorded as the services\' last editor)', safeUser())
  .parse()
  .opts<{ file: string; area: string; operator: string }>();

let feed: unknown;
try {
  feed = JSON.parse(readFileSync(opts.file, 'utf8'));
} catch (error) {
  process.stderr.write(`cannot read ${opts.file} as JSON: ${(error as Error).message}\n`);
  process.exit(1);
}

const config = loadConfigOrExit();
const database = await openCliDatabase(config, "stop the hub (Ctrl+C), import, and start it again; or add services one at a time with the coordinator's upsertLocalOfferService.");
const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} services' }, Presets.shades_classic);
let exitCode = 0;
let started = false;
try {
  const result = await importLocalOfferFeed(database.db, {
    areaCode: opts.area,
    feed,
    operator: opts.operator,
    onProgress: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  });
  if (started) bar.stop();
  if (result.written) {
    console.log(`imported ${result.total} services into ${opts.area}: ${result.created} created, ${result.updated} updated`);
  } else {
    for (const p of result.problems) process.stderr.write(`record ${p.index}${p.id ? ` (${p.id})` : ''}: ${p.reason}\n`);
    process.stderr.write(`${result.problems.length} of ${result.total} records are not valid: nothing was imported\n`);
    exitCode = 1;
  }
} catch (error) {
  if (started) bar.stop();
  if (!(error instanceof FeedShapeError)) throw error;
  process.stderr.write(`${error.message}\n`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'operator';
  } catch {
    return 'operator';
  }
}
