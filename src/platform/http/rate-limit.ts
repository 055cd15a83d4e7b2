/**
 * A per-actor request budget (issue 7): one compromised client cannot bulk-read an area.
 *
 * One process (the embedded database): counted in memory. On PostgreSQL the budget is counted in the
 * `rate_limits` table (made by our migrations, schema/tables.ts), so every hub process on that database
 * (HUB_WORKERS, replicas on other machines) spends one budget: the (N+1)th request in a minute is 429
 * whichever process serves it. rate-limiter-flexible's RateLimiterPostgres does one atomic upsert per
 * request; it runs over our postgres.js pool through a two-line adapter (`pgPool`).
 *
 * When the store fails (the database unreachable, a lock timeout) the limiter must not take the hub
 * down, nor open the door: the failure is logged and an in-memory limiter of the same budget decides
 * that request, so each process still limits on its own (at worst N × the budget across N processes
 * while the store fails), and the request goes on to its transaction, which fails cleanly (500, no
 * data) if the database is really gone. Failing closed instead would turn a store hiccup into a 429
 * for every user; failing open would lift the limit exactly when something is wrong.
 */
import type postgres from 'postgres';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** The table and key prefix the shared store uses; the table is `rateLimits` in schema/tables.ts. */
export const RATE_LIMIT_TABLE = 'rate_limits';

export type ActorRateLimiter = (actorKey: string) => Promise<RateLimitVerdict>;

export interface SharedStore {
  /** The PostgreSQL pool every hub process on the database uses. */
  sql: postgres.Sql;
  onError(error: unknown): void;
}

/** `shared` null: counted in this process (the embedded database, one process). */
export function createActorRateLimiter(perMinute: number, shared: SharedStore | null = null): ActorRateLimiter {
  const memory = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const store = shared
    ? new RateLimiterPostgres({
        storeClient: pgPool(shared.sql),
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        points: perMinute,
        duration: 60,
        // An actor over budget is refused from memory for the rest of its minute: a flooding client
        // costs this process no statement per refused request.
        inMemoryBlockOnConsumed: perMinute + 1,
      })
    : null;
  return async (actorKey) => {
    if (!store) return consume(memory, actorKey);
    try {
      return await consume(store, actorKey);
    } catch (error) {
      shared!.onError(error);
      return consume(memory, actorKey);
    }
  };
}

/** A verdict from one limiter; anything but a refusal (a store error) is thrown. */
async function consume(limiter: RateLimiterMemory | RateLimiterPostgres, actorKey: string): Promise<RateLimitVerdict> {
  try {
    await limiter.consume(actorKey);
    return { allowed: true, retryAfterSeconds: 0 };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}

/**
 * What RateLimiterPostgres calls on a `pool` (node-postgres' shape): `query({ text, values })` resolving
 * to `{ rows, rowCount }`. postgres.js's `unsafe` runs the library's fixed statements with bound values.
 */
export function pgPool(sql: postgres.Sql) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await sql.unsafe(q.text, (q.values ?? []) as postgres.ParameterOrJSON<never>[], { prepare: true });
      return { rows, rowCount: rows.count };
    },
  };
}
