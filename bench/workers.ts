/**
 * `workers_2_vs_1` (issue 14): the hub as `npm start` child processes with HUB_WORKERS=1 and
 * HUB_WORKERS=2 on the bench's scratch PostgreSQL database, the same 50-child page at 10 connections
 * (autocannon), modes interleaved in rounds; the ratio is the median of per-round req/s ratios. Both
 * servers share the one rate limit table (an upsert per request), as a deployment would. PostgreSQL only:
 * the embedded database serves one process. The load generator and PostgreSQL share the machine's
 * cores with the workers, so on a 2-core machine the ratio says more about that than about the hub.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../src/domain/actor.js';
import { signDevelopmentToken } from '../src/platform/auth/sign-token.js';
import { benchConfig, BENCH_SECRET } from './bench-config.js';
import { loadOnce, median, PAGE_QUERY, type RunResult, type Target } from './enforcement.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WorkersResult {
  one: RunResult[];
  two: RunResult[];
  /** Per round: HUB_WORKERS=2 req/s over HUB_WORKERS=1 req/s. */
  ratios: number[];
  ratio: number;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** A free port: BENCH_WORKERS_PORT (and the next one) when given, else the system's pick. */
async function freePort(offset: number): Promise<number> {
  if (process.env.BENCH_WORKERS_PORT) return Number(process.env.BENCH_WORKERS_PORT) + offset;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(databaseUrl: string, workers: number, port: number): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=64', '--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, HUB_WORKERS: String(workers), PORT: String(port),
      SEED: 'none', LOG_LEVEL: 'warn', AUTH_HS256_SECRET: BENCH_SECRET, RATE_LIMIT_PER_MINUTE: '100000000', BULK_ACCESS_THRESHOLD: '100000000', DB_POOL_SIZE: '8',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (/is serving/.test(out)) resolve();
      else if (child.exitCode !== null) reject(new Error(`HUB_WORKERS=${workers} did not start: ${err}`));
      else return;
      clearInterval(check);
    }, 100);
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function benchWorkers(databaseUrl: string, actor: Actor, options: { seconds: number; rounds: number; log?: (m: string) => void }): Promise<WorkersResult> {
  const log = options.log ?? (() => {});
  const config = benchConfig();
  const token = await signDevelopmentToken(actor, { secret: BENCH_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const body = JSON.stringify({ query: PAGE_QUERY, variables: { first: 50 } });
  const one = await startServer(databaseUrl, 1, await freePort(0));
  const two = await startServer(databaseUrl, 2, await freePort(1)).catch(async (error) => {
    await one.stop();
    throw error;
  });
  try {
    const targets: [1 | 2, Target][] = [[1, { url: one.url, headers, body }], [2, { url: two.url, headers, body }]];
    for (const [, target] of targets) {
      const page = (await (await fetch(target.url, { method: 'POST', headers, body })).json()) as { data?: { children: { edges: unknown[] } } };
      if (page.data?.children.edges.length !== 50) throw new Error(`expected a 50-child page from ${target.url}: ${JSON.stringify(page).slice(0, 300)}`);
      await loadOnce(target, 1, 10); // warm-up, discarded
    }
    const result: WorkersResult = { one: [], two: [], ratios: [], ratio: NaN };
    for (let round = 0; round < options.rounds; round++) {
      const got = new Map<1 | 2, RunResult>();
      for (let i = 0; i < targets.length; i++) {
        const [workers, target] = targets[(i + round) % targets.length]!;
        got.set(workers, await loadOnce(target, options.seconds, 10));
      }
      result.one.push(got.get(1)!);
      result.two.push(got.get(2)!);
      result.ratios.push(got.get(2)!.requestsPerSecond / got.get(1)!.requestsPerSecond);
      log(`  round ${round + 1}: 1 worker ${got.get(1)!.requestsPerSecond.toFixed(0)} req/s p99 ${got.get(1)!.p99} ms, 2 workers ${got.get(2)!.requestsPerSecond.toFixed(0)} req/s p99 ${got.get(2)!.p99} ms`);
    }
    result.ratio = median(result.ratios);
    return result;
  } finally {
    await one.stop();
    await two.stop();
  }
}
