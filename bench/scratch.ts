/**
 * The benchmarks' scratch databases: PGlite in memory, or a fresh, uniquely named PostgreSQL database
 * (dropped by `drop`) when a server URL is given, migrated and seeded with the bench area's 500 children.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { seedChildren } from '../seeds/generate.js';

export const BENCH_AREA = {
  code: 'E06999001', name: 'Bench', senTeamOrg: 'LA999', healthOrgs: ['RB1'], socialCareOrg: 'SC999',
  localities: ['North', 'South', 'East', 'West'].map((name, i) => ({ code: `LB${i}`, name })), postcodeAreas: ['ZZ1'],
};

export interface Scratch {
  database: Database;
  /** The scratch PostgreSQL database's URL; null on PGlite. */
  url: string | null;
  drop: () => Promise<void>;
}

export async function scratchDatabase(url: string | null): Promise<Scratch> {
  if (!url) {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `ehc_bench_${randomUUID().slice(0, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: scratchUrl.toString(), dataDir: '', poolSize: 12 });
  return {
    database,
    url: scratchUrl.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function seededScratch(url: string | null): Promise<Scratch> {
  const scratch = await scratchDatabase(url);
  await scratch.database.migrate();
  await seedChildren(scratch.database.db, { children: 500, areas: 1, areaList: [BENCH_AREA], disclosureKey: 'bench-disclosure-key', seed: 7 });
  return scratch;
}
