/**
 * PGlite does not lock its directory, and two processes writing one data directory corrupt it
 * (docs/stack-notes.md). The hub takes an exclusive lock and a second opener exits with a clear message.
 */
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirectoryLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already open in another ehc-hub process. ` +
        'Stop that process, or start this one with another DATA_DIR (or DATABASE_URL).',
    );
  }
}

/** Locks `dataDir`; resolves to the release function. A crashed holder's lock goes stale after 10 s. */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'ehc-hub.lock'),
      stale: 10_000,
      update: 2_000,
      onCompromised: (error) => {
        // Losing the lock means another process may be writing: stop rather than corrupt the data.
        process.stderr.write(`ehc-hub lost the lock on ${dataDir}: ${error.message}\n`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirectoryLockedError(dataDir);
    throw error;
  }
}
