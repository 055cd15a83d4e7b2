/** Loads the demo data set into an empty database (`npm start` with SEED=demo). */
import type { Db } from '../src/platform/db/database.js';
import { seedDemoProcess } from './demo-process.js';
import { seedDemoRecords } from './demo-records.js';
import { seedDemoReforms } from './demo-reforms.js';
import { countChildren, seedChildren } from './generate.js';
import { seedDemoLocalOfferIfEmpty } from './local-offer.js';

export { DEMO_ACTORS, DEMO_AREAS, DEMO_PARENT_SUB } from './demo-areas.js';

export const DEMO_CHILDREN = 200;

/**
 * Seeds about 200 children over the two demo areas when the registry is empty, and the demo local
 * offer (a few dozen services) when there is none, with SEN support pupils, term dates and disputes
 * (demo-reforms.ts); returns how many children it loaded.
 */
export async function seedDemoIfEmpty(db: Db, disclosureKey: string): Promise<number> {
  await seedDemoLocalOfferIfEmpty(db);
  if ((await countChildren(db)) > 0) return 0;
  const seeded = await seedChildren(db, { children: DEMO_CHILDREN, areas: 2, disclosureKey });
  await seedDemoRecords(db);
  await seedDemoReforms(db, { disclosureKey });
  await seedDemoProcess(db);
  return seeded;
}
