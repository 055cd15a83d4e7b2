/**
 * The per-actor budget (src/platform/http/rate-limit.ts): counted in memory without a shared store; with
 * one whose statements fail, the failure is reported and the same budget is counted in memory, so the
 * hub neither falls over nor lifts the limit. The shared store itself is exercised on PostgreSQL by
 * test/integration/hub-workers.test.ts (two processes, one budget).
 */
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createActorRateLimiter, pgPool } from '../../src/platform/http/rate-limit.js';

/** A pool whose every statement fails as an unreachable server's would. */
const unreachable = { unsafe: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })) } as unknown as postgres.Sql;

describe('per-actor rate limit', () => {
  it('allows the budget per actor per minute, then refuses with a retry time', async () => {
    const limit = createActorRateLimiter(3);
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limit('LA1|a'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(verdicts[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limit('LA1|b')).allowed).toBe(true);
  });

  it('counts in memory when the shared store fails, reporting each failure', async () => {
    const failures: unknown[] = [];
    const limit = createActorRateLimiter(2, { sql: unreachable, onError: (error) => failures.push(error) });
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push((await limit('LA1|a')).allowed);
    expect(verdicts).toEqual([true, true, false]);
    expect(failures).toHaveLength(3);
    expect(String(failures[0])).toMatch(/ECONNREFUSED/);
  });

  it('hands the library node-postgres shaped results from postgres.js', async () => {
    const rows = Object.assign([{ points: 1, expire: '1700000000000' }], { count: 1 });
    const calls: unknown[][] = [];
    const sql = { unsafe: (...args: unknown[]) => (calls.push(args), Promise.resolve(rows)) } as unknown as postgres.Sql;
    const result = await pgPool(sql).query({ text: 'select $1', values: ['k'] });
    expect(result).toEqual({ rows, rowCount: 1 });
    expect(calls).toEqual([['select $1', ['k'], { prepare: true }]]);
  });
});
