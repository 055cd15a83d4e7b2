/**
 * vitest setupFiles: one fast-check seed per run, FC_SEED=<n> to replay it. fast-check names the seed
 * of a failing property in its own message; this prints it for every failing test, so a failure that
 * came from a property run inside a helper or a hook can be replayed too. A property that fixes its own
 * seed (`{ seed: ... }`) keeps it.
 */
import fc from 'fast-check';
import { beforeEach } from 'vitest';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`[property seed] FC_SEED=${seed} replays this run's properties`));
});
