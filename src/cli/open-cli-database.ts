import type { Config } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { DataDirectoryLockedError } from '../platform/db/data-dir-lock.js';

/**
 * Opens and migrates the configured database for a command-line tool (same rules as the server). The
 * embedded database has one writer: while `npm start` holds it, a tool refuses politely and says what
 * to use instead (`whileRunning`), rather than printing a stack trace.
 */
export async function openCliDatabase(config: Config, whileRunning?: string): Promise<Database> {
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    await database.migrate();
    return database;
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    const lines = [
      `The hub is running on the embedded database in ${config.dataDir}, and only one process may open it at a time.`,
      whileRunning ? `While it runs: ${whileRunning}` : 'Stop the hub (Ctrl+C) and run this command again.',
      'Or run the hub on PostgreSQL (DATABASE_URL), which any number of processes can share.',
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exit(1);
  }
}
