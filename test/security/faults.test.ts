/**
 * Issue 7 §5: faults. The hub's PostgreSQL connections killed mid-request (pg_terminate_backend): the
 * request in flight fails cleanly, the next one succeeds, /health stays up. PostgreSQL unreachable at
 * start: a clear message and a non-zero exit, no hang. SIGTERM: in-flight requests drain, exit 0.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { signDevelopmentToken } from '../../src/platform/auth/sign-token.js';
import { DEVELOPMENT_HS256_SECRET } from '../../src/platform/config.js';
import { coordinatorOf, newAreaCode } from '../support/factories.js';
import { sleep, spawnNode, waitFor, type Spawned } from '../support/spawned-node.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const DATABASE_URL = process.env.DATABASE_URL;

function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe('a dropped database connection fails the request, not the server', () => {
  // Currently reports an unhandled TypeError from postgres.js 3.4.9 (connection.js nextWrite on a null
  // socket after the ROLLBACK of a terminated transaction: porsager/postgres#1154, #1208, fix in PR #1209).
  // In `npm start` that exception would crash the server: the driver needs patching; see SECURITY.md.
  it.skipIf(!DATABASE_URL)('survives pg_terminate_backend of every hub connection mid-request', async () => {
    const appName = `ehc-hub-test-${randomBytes(4).toString('hex')}`;
    const t: TestHub = await startTestHub({ DATABASE_URL: withApplicationName(DATABASE_URL!, appName) });
    cleanups.push(() => t.close());
    const admin = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 5 }));
    const health = () => fetch(t.url.replace('/graphql', '/health')).then((r) => r.status);

    // A request that stays in flight: the audit append for this actor sleeps inside the transaction.
    const slow = { ...coordinatorOf(newAreaCode()), sub: `fault-slow:${randomUUID()}` };
    const suffix = randomBytes(6).toString('hex');
    await admin.unsafe(`create function fault_sleep_${suffix}() returns trigger language plpgsql as $$
      begin perform pg_sleep(3); return new; end $$`);
    await admin.unsafe(`create trigger fault_sleep_trigger_${suffix} before insert on audit_events for each row
      when (new.actor_sub = '${slow.sub}') execute function fault_sleep_${suffix}()`);
    cleanups.push(async () => {
      await admin.unsafe(`drop trigger if exists fault_sleep_trigger_${suffix} on audit_events`);
      await admin.unsafe(`drop function if exists fault_sleep_${suffix}()`);
    });

    expect(await health()).toBe(200);
    const register = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
    const input = { givenName: 'Fault', familyName: 'Tolerant', dateOfBirth: '2015-04-01', areaCode: slow.areas[0] };
    const inFlight = t.gql(slow, register, { input });
    await sleep(700);
    const killed = await admin`
      select pg_terminate_backend(pid) as killed from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and application_name = ${appName}`;
    expect(killed.length).toBeGreaterThan(0);

    const failed = await inFlight;
    expect(failed.status).toBe(500);
    expect(failed.data).toBeNull();
    expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(failed.errors)).not.toMatch(/terminat|postgres|57P01/i);
    // Nothing of the failed request survived.
    const [{ n }] = await admin`select count(*)::int as n from children where area_code = ${slow.areas[0]!}`;
    expect(n).toBe(0);

    expect(await health()).toBe(200);
    const next = coordinatorOf(newAreaCode());
    const ok = await t.gql(next, register, { input: { ...input, areaCode: next.areas[0] } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.registerChild.id).toBeTruthy();

    // Kill them again while idle: the next request and /health still succeed.
    await admin`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and application_name = ${appName}`;
    await sleep(100);
    expect(await health()).toBe(200);
    const again = await t.gql(next, '{ children(first: 5) { edges { node { id } } } }');
    expect(again.status).toBe(200);
    expect(again.data.children.edges).toHaveLength(1);
  });
});

// ---- spawned servers ------------------------------------------------------------------------------
const spawnHub = (env: Record<string, string>) => spawnNode(['src/main.ts'], env, (kill) => cleanups.push(kill));

describe('start-up and shutdown', () => {
  it('exits non-zero with a clear message when PostgreSQL is unreachable', async () => {
    const hub = spawnHub({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', PORT: '0' });
    const timeout = sleep(20_000).then(() => 'timeout' as const);
    const result = await Promise.race([hub.exited, timeout]);
    expect(result, `stdout: ${hub.stdout()}\nstderr: ${hub.stderr()}`).not.toBe('timeout');
    const { code, ms } = result as Awaited<Spawned['exited']>;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(ms).toBeLessThan(15_000);
    expect(hub.stderr()).toMatch(/could not start/i);
    expect(hub.stderr()).toMatch(/ECONNREFUSED|connect|127\.0\.0\.1:1/i);
    expect(hub.stdout()).not.toMatch(/is serving/);
  }, 30_000);

  it('drains an in-flight request on SIGTERM, closes the database and exits 0', async () => {
    const port = randomInt(20_000, 60_000);
    const appName = `ehc-hub-drain-${randomBytes(4).toString('hex')}`;
    const env: Record<string, string> = { PORT: String(port) };
    if (DATABASE_URL) env.DATABASE_URL = withApplicationName(DATABASE_URL, appName);
    else env.DATA_DIR = 'memory://';
    const hub = spawnHub(env);
    await waitFor(() => /is serving/.test(hub.stdout()) || hub.child.exitCode !== null, 25_000, 'the hub to start');
    expect(hub.child.exitCode, hub.stderr()).toBeNull();
    // Warm up, so the partial request below is surely being read when SIGTERM arrives.
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const actor = coordinatorOf(newAreaCode());
    const token = await signDevelopmentToken(actor, { secret: DEVELOPMENT_HS256_SECRET, issuer: 'ehc-hub-dev', audience: 'ehc-hub' });
    const body = JSON.stringify({ query: '{ me { sub } }' });
    // Send the headers and half the body, SIGTERM, then the rest: the request is in flight throughout.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      void sleep(1_000).then(() => {
        hub.child.kill('SIGTERM');
        return sleep(700);
      }).then(() => req.end(body.slice(10)));
    });
    const res = await answer.catch((error: Error) => {
      throw new Error(`${error.message} at ${Date.now()}\nexit: ${JSON.stringify([hub.child.exitCode, hub.child.signalCode])}\nstdout: ${hub.stdout()}\nstderr: ${hub.stderr()}`);
    });
    expect(res.status, `${res.text}\n${hub.stdout().slice(-3000)}`).toBe(200);
    expect(JSON.parse(res.text).data.me.sub).toBe(actor.sub);

    const exit = await Promise.race([hub.exited, sleep(15_000).then(() => null)]);
    expect(exit, hub.stderr()).not.toBeNull();
    expect(exit!.code).toBe(0);
    expect(hub.stdout()).toMatch(/draining/);
    // New connections are refused after the drain.
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    if (DATABASE_URL) {
      const admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        const left = await admin`select count(*)::int as n from pg_stat_activity where application_name = ${appName}`;
        expect(left[0]!.n).toBe(0); // the database was closed
      } finally {
        await admin.end({ timeout: 5 });
      }
    }
  }, 45_000);
});
