/**
 * A hub on a database of its own, for tests that tamper with the audit chain or need to see the whole
 * of it: a fresh in-memory PGlite by default (every test hub is fresh anyway), or, when DATABASE_URL is
 * set, a fresh PostgreSQL database created on that server and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '../../src/platform/db/database.js';
import { startTestHub, type TestHub } from './test-hub.js';

export interface IsolatedHub {
  t: TestHub;
  /** The isolated database's URL (PostgreSQL only). */
  databaseUrl: string | null;
  close(): Promise<void>;
}

export async function startIsolatedHub(env: Record<string, string | undefined> = {}): Promise<IsolatedHub> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const t = await startTestHub(env);
    return { t, databaseUrl: null, close: () => t.close() };
  }
  const name = `ehc_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const t = await startTestHub({ ...env, DATABASE_URL: url.toString() });
  return {
    t,
    databaseUrl: url.toString(),
    async close() {
      try {
        await t.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/**
 * Runs statements as a superuser bypassing the append-only triggers, as an attacker with database
 * access would: `session_replication_role = replica` on PostgreSQL, disabled user triggers on PGlite.
 */
export async function asSuperuserBypassingTriggers(t: TestHub, statements: string[]): Promise<void> {
  const db = t.hub.database.db;
  if (t.hub.database.backend === 'postgres') {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const s of statements) await tx.execute(sql.raw(s));
    });
    return;
  }
  await db.execute(sql`alter table audit_events disable trigger user`);
  try {
    for (const s of statements) await db.execute(sql.raw(s));
  } finally {
    await db.execute(sql`alter table audit_events enable trigger user`);
  }
}

export type { Db };
