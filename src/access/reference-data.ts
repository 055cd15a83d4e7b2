/**
 * Reference data as named reads of the data layer: an area's register of localities. No child is in
 * it, so it is released to anyone signed in; it is still read through the request's transaction.
 */
import { asc, eq } from 'drizzle-orm';
import { areaLocalities } from '../../schema/tables.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ScopedData } from './scoped-data.js';

export interface Locality {
  code: string;
  name: string;
}

export function registeredLocalities(data: ScopedData, areaCode: string): Promise<Locality[]> {
  return internalsOf(data).tx
    .select({ code: areaLocalities.code, name: areaLocalities.name })
    .from(areaLocalities)
    .where(eq(areaLocalities.areaCode, areaCode))
    .orderBy(asc(areaLocalities.code));
}
