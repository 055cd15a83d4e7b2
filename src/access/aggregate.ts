/**
 * Commissioning aggregates as a named read of the data layer. A commissioner of the area asks; one SQL
 * statement computes true counts and cell keys over the base tables (no child record reaches Node);
 * the numbers leave only through the aggregate's disclosure control (policies/disclosure), and the
 * request is recorded against the area (no child is named, but the DPO can see who asked what).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ScopedData } from './scoped-data.js';

export interface AggregateDef<Raw, Published> {
  /** Recorded on the audit event (`AGGREGATE:<name>`). */
  name: string;
  areaCode: string;
  /** The statement: true counts and cell keys, never published as they are. */
  count: (db: Db) => Promise<Raw>;
  /** Disclosure control: the only way the numbers leave. */
  protect: (raw: Raw) => Published;
}

/**
 * The memory each hash join of an aggregate statement may use, for this transaction only. An area's
 * children, their sections and needs are joined by hash; at 500,000 children PostgreSQL's default
 * 4 MB splits each hash into batches written to temporary files, about a quarter of the statement's
 * time. 32 MB keeps them in memory (per hash node, times hash_mem_multiplier and the parallel workers).
 */
export const AGGREGATE_WORK_MEM = '32MB';

export async function releaseAggregate<Raw, Published>(data: ScopedData, def: AggregateDef<Raw, Published>): Promise<Published> {
  data.assertCan('aggregate.read', { areaCode: def.areaCode });
  const { tx } = internalsOf(data);
  // set_config(…, true) is SET LOCAL: it ends with the request's transaction.
  await tx.execute(sql`select set_config('work_mem', ${AGGREGATE_WORK_MEM}, true)`);
  const raw = await def.count(tx);
  data.noteAction({ areaCode: def.areaCode }, 'READ', 'STATUTORY', { flags: [`AGGREGATE:${def.name}`] });
  return def.protect(raw);
}
