/**
 * Fixed statements for the hot read path: SQL text built once at module load, run with parameters as
 * a prepared statement, on PGlite and PostgreSQL through one function (`runFixed`).
 *
 * Why not drizzle's query builder there: building a select per batch walks the column objects and
 * calls `is()` per column and parameter, and drizzle sends every statement unnamed (postgres.js
 * `unsafe(..., { prepare: false })`), so each one costs a Parse + Describe round trip before its
 * Bind + Execute. A fixed text with `= any($1::uuid[])` is the same whatever the batch size, so
 * postgres.js prepares it once per connection (its statement cache is keyed by text and types) and
 * every later run is one Bind + Execute.
 *
 * Named prepared statements are safe here: the hub talks to PostgreSQL directly (no transaction-mode
 * pooler in front, which would hand a prepared name to another backend), the select lists name their
 * columns (a migration adding a column does not change a cached plan's result type), and the texts
 * are a closed set (no cache growth).
 *
 * Rows come back in exactly the shape drizzle's `select()` gives: the same keys in the same order,
 * each value through the column's own `mapFromDriverValue` (timestamps to Date, and so on), so the
 * sealed layer and the audit see no difference.
 */
import { Column, getTableName, type AnyColumn } from 'drizzle-orm';
import { types } from '@electric-sql/pglite';
import type { Db } from './database.js';

export interface FixedStatement<R> {
  /** The SQL text, fixed for the life of the process. */
  readonly text: string;
  /** Maps one driver row to the row drizzle's select would give, in place. */
  readonly decode: (row: Record<string, unknown>) => R;
}

/** Columns to select, by the key each gets in the row (`getTableColumns(table)`, plus joined ones). */
export type SelectedColumns = Readonly<Record<string, AnyColumn>>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `select <columns aliased to their keys> <rest>`: `rest` is the fixed `from … where … order by …`,
 * its parameters `$1`, `$2`, … (an id list as `= any($1::uuid[])`).
 */
export function fixedSelect<R>(columns: SelectedColumns, rest: string): FixedStatement<R> {
  const entries = Object.entries(columns);
  const list = entries.map(([key, column]) => `${quote(getTableName(column.table))}.${quote(column.name)} as ${quote(key)}`).join(', ');
  // Only the columns whose driver value drizzle maps (timestamps, json): the rest are left as they come.
  const mapped = entries
    .filter(([, column]) => column.mapFromDriverValue !== Column.prototype.mapFromDriverValue)
    .map(([key, column]) => [key, column] as const);
  return {
    text: `select ${list} ${rest}`,
    decode: (row) => {
      for (const [key, column] of mapped) {
        const value = row[key];
        if (value !== null && value !== undefined) row[key] = column.mapFromDriverValue(value);
      }
      return row as R;
    },
  };
}

/**
 * A fixed statement whose rows are used as the driver gives them (a function call returning a
 * number, say): no column needs drizzle's mapping. `text` names its parameters `$1`, `$2`, … with casts.
 */
export function fixedStatement<R>(text: string): FixedStatement<R> {
  return { text, decode: (row) => row as R };
}

/** The driver values drizzle's PGlite session asks for (timestamps and dates as text), so the decoders agree. */
const PGLITE_PARSERS = {
  [types.TIMESTAMP]: (value: string) => value,
  [types.TIMESTAMPTZ]: (value: string) => value,
  [types.INTERVAL]: (value: string) => value,
  [types.DATE]: (value: string) => value,
  1231: (value: string) => value,
  1115: (value: string) => value,
  1185: (value: string) => value,
  1187: (value: string) => value,
  1182: (value: string) => value,
};
const PGLITE_OPTIONS = { rowMode: 'object' as const, parsers: PGLITE_PARSERS };

interface PostgresJsClient {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<Record<string, unknown>[]>;
}
interface PgliteClient {
  query(text: string, params: unknown[], options: typeof PGLITE_OPTIONS): Promise<{ rows: Record<string, unknown>[] }>;
}
/** What drizzle's session holds (its driver client and the logger that counts statements). */
interface DrizzleSession {
  client: PostgresJsClient | PgliteClient;
  logger: { logQuery(text: string, params: unknown[]): void };
}

/**
 * Runs a fixed statement on the database or transaction `db` (PostgreSQL: prepared, on the
 * transaction's connection; PGlite: its extended-protocol query) and returns the decoded rows.
 * Counted like every drizzle statement (`StatementCounter`).
 */
export async function runFixed<R>(db: Db, statement: FixedStatement<R>, params: unknown[]): Promise<R[]> {
  const session = (db as unknown as { session: DrizzleSession }).session;
  session.logger.logQuery(statement.text, params);
  const client = session.client;
  const rows = 'unsafe' in client
    ? await client.unsafe(statement.text, params, { prepare: true })
    : (await client.query(statement.text, params, PGLITE_OPTIONS)).rows;
  const out = new Array<R>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = statement.decode(rows[i]!);
  return out;
}
