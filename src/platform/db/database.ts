/**
 * Database clients: embedded PGlite (default, `DATA_DIR`) or PostgreSQL through postgres.js
 * (`DATABASE_URL`). Both expose the same drizzle API; one migration folder serves both.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger as DrizzleLogger } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as tables from '../../../schema/tables.js';
import { lockDataDirectory } from './data-dir-lock.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof tables>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../schema/migrations', import.meta.url));

/** Counts every SQL statement drizzle sends: used by the N+1 test and the benchmarks. */
export class StatementCounter implements DrizzleLogger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
}

export interface Database {
  db: Db;
  backend: 'pglite' | 'postgres';
  /** The postgres.js pool itself (PostgreSQL only): the shared rate limiter's store (src/platform/http/rate-limit.ts). */
  postgres: postgres.Sql | null;
  statements: StatementCounter;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 10 });
  const statements = new StatementCounter();
  const db = drizzlePostgres(client, { schema: tables, logger: statements }) as unknown as Db;
  return {
    db,
    backend: 'postgres',
    postgres: client,
    statements,
    migrate: () => migratePostgresOnce(url),
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Applies migrations on one dedicated connection holding a session advisory lock, so concurrent
 * migrators (parallel test workers, rolling restarts) take turns instead of racing.
 */
async function migratePostgresOnce(url: string): Promise<void> {
  const one = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await one`select pg_advisory_lock(7201400)`;
    await migratePostgres(drizzlePostgres(one), { migrationsFolder: MIGRATIONS_FOLDER });
    await one`select pg_advisory_unlock(7201400)`;
  } finally {
    await one.end({ timeout: 5 });
  }
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir.startsWith('memory://');
  const release = options.pglite || inMemory ? async () => {} : await prepareDataDirectory(options.dataDir);
  const client = options.pglite ?? (await PGlite.create(inMemory ? options.dataDir : options.dataDir));
  const statements = new StatementCounter();
  const db = drizzlePglite(client, { schema: tables, logger: statements }) as unknown as Db;
  return {
    db,
    backend: 'pglite',
    postgres: null,
    statements,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      await release();
    },
  };
}

async function prepareDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  return lockDataDirectory(dataDir);
}

/** Row arrays from raw SQL on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** True for a PostgreSQL unique violation (postgres.js and PGlite both expose `code`). */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
