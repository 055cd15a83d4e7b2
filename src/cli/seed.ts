/** `npm run seed -- --children N [--areas K]`: loads N deterministic synthetic children with a progress bar. */
import { SingleBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { countChildren, seedChildren } from '../../seeds/generate.js';
import { loadConfigOrExit } from '../platform/config.js';
import { openCliDatabase } from './open-cli-database.js';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
};

const opts = new Command('seed')
  .description('Load synthetic children (deterministic; never real people)')
  .requiredOption('--children <n>', 'how many children', positive)
  .option('--areas <k>', 'spread over this many areas (the first two are the demo areas)', positive, 2)
  .parse()
  .opts<{ children: number; areas: number }>();

const config = loadConfigOrExit();
const database = await openCliDatabase(config, 'stop the hub (Ctrl+C), seed, and start it again; a fresh DATA_DIR starts with demo data anyway.');
const bar = new SingleBar({ format: 'seeding [{bar}] {percentage}% | {value}/{total} children | {eta_formatted} left' }, Presets.shades_classic);
try {
  const startIndex = await countChildren(database.db);
  bar.start(opts.children, 0);
  await seedChildren(database.db, {
    children: opts.children,
    areas: opts.areas,
    disclosureKey: config.disclosureKey,
    startIndex,
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  console.log(`loaded ${opts.children} synthetic children over ${opts.areas} areas`);
} finally {
  await database.close();
}
