/** SQL for an area's register of localities. */

import { areaLocalities } from '../../schema/tables.js';
import type { Db } from '../../src/platform/db/database.js';

/** Adds localities, renaming ones already registered (codes are permanent). Returns how many were given. */
export async function registerLocalities(db: Db, a: { areaCode: string; localities: { code: string; name: string }[] }): Promise<number> {
  for (const l of a.localities) {
    await db.insert(areaLocalities).values({ areaCode: a.areaCode, ...l }).onConflictDoUpdate({ target: [areaLocalities.areaCode, areaLocalities.code], set: { name: l.name } });
  }
  return a.localities.length;
}
