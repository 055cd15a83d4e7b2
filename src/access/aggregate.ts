/**
 * Commissioning aggregates as a named read of the data layer. A commissioner of the area asks; one SQL
 * statement computes true counts and cell keys over the base tables (no child record reaches Node);
 * the numbers leave only through the aggregate's disclosure control (policies/disclosure), and the
 * request is recorded against the area (no child is named, but the DPO can see who asked what).
 */
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

export async function releaseAggregate<Raw, Published>(data: ScopedData, def: AggregateDef<Raw, Published>): Promise<Published> {
  data.assertCan('aggregate.read', { areaCode: def.areaCode });
  const raw = await def.count(internalsOf(data).tx);
  data.noteAction({ areaCode: def.areaCode }, 'READ', 'STATUTORY', { flags: [`AGGREGATE:${def.name}`] });
  return def.protect(raw);
}
