/**
 * Row definitions: how a module loads the rows it needs about a child, in batches. A module declares
 * one `RowsDef` per kind of row (beside its store); the data layer keeps one DataLoader per definition
 * per request and hands the rows out sealed (`ScopedData.load`), so a 100-child page costs the same
 * number of statements as a 5-child page and no row leaves without its field guards.
 */
import type { Db } from '../platform/db/database.js';

export interface RowsDef<P, R> {
  /** For logs and the statement-count tests. */
  readonly name: string;
  /** The batch key taken from the parent row (a child id, a version id); null means no rows. */
  readonly key: (parent: P) => string | null;
  /** One statement for a batch of keys. */
  readonly batch: (db: Db, keys: readonly string[]) => Promise<R[]>;
  /** Which key a returned row belongs to. */
  readonly keyOf: (row: R) => string;
}

export const rowsDef = <P, R>(def: RowsDef<P, R>): RowsDef<P, R> => def;
