import type { Config } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';

/** Opens and migrates the configured database for a command-line tool (same rules as the server). */
export async function openCliDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  await database.migrate();
  return database;
}
