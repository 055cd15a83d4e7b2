/**
 * `PROFILE_OUT=FILE node --max-semi-space-size=64 --import @swc-node/register/esm-register bench/profile.ts` (as `npm start`):
 * one hub (full enforcement, or audit off with PROFILE_MODE=auditOff) serving the bench page
 * (bench/enforcement.ts PAGE_QUERY, 50 children) under autocannon for PROFILE_SECONDS, on a scratch
 * database seeded as `npm run bench` seeds it (PostgreSQL when DATABASE_URL is set, else PGlite).
 * autocannon runs in its own process, and the CPU profile (V8's sampling profiler, through the
 * inspector) covers the load window only, so it is the server's alone, without seeding or start-up;
 * `node bench/profile-top.mjs FILE` prints its top self-time entries. PROFILE_CONNECTIONS (default 10) sets
 * autocannon's connections: 1 gives a profile of one request at a time, without queueing.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serveHub } from '../src/app/hub-server.js';
import { inRequestScope } from '../src/app/request-scope.js';
import { createLogger } from '../src/platform/logger.js';
import { signDevelopmentToken } from '../src/platform/auth/sign-token.js';
import { BENCH_AREA, seededScratch } from './scratch.js';
import { benchConfig, benchCoordinator, BENCH_SECRET } from './bench-config.js';
import { withoutAudit } from './baselines.js';
import { PAGE_QUERY } from './enforcement.js';

const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const port = process.env.PROFILE_PORT ?? '48201';
const AREA = BENCH_AREA;
const scratch = await seededScratch(process.env.DATABASE_URL ?? null);
const { database } = scratch;
try {
  const config = benchConfig({ PORT: port });
  const hub = await serveHub(config, { ...database, close: async () => {} }, createLogger('silent'), process.env.PROFILE_MODE === 'auditOff' ? withoutAudit : inRequestScope);
  const actor = benchCoordinator(AREA.code, AREA.senTeamOrg);
  const token = await signDevelopmentToken(actor, { secret: BENCH_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
  const body = JSON.stringify({ query: PAGE_QUERY, variables: { first: 50 } });
  const autocannon = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
  const args = [autocannon, '-j', '-c', process.env.PROFILE_CONNECTIONS ?? '10', '-d', String(seconds), '-m', 'POST', '-b', body, '-H', 'content-type=application/json', '-H', `authorization=Bearer ${token}`, hub.url];
  const out = process.env.PROFILE_OUT;
  const session = new Session();
  if (out) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    // Collected objects too: what drives the collector is the volume allocated, not what stays alive.
    if (process.env.PROFILE_HEAP) await session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  }
  const cpu = process.cpuUsage();
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const used = process.cpuUsage(cpu);
  if (out) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
    if (process.env.PROFILE_HEAP) writeFileSync(process.env.PROFILE_HEAP, JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
    session.disconnect();
  }
  const r = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number };
  console.log(`${database.backend}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, CPU ${((used.user + used.system) / 1000 / Math.max(1, r.requests.total)).toFixed(1)} ms/req, non-2xx ${r.non2xx}`);
  await hub.close();
} finally {
  await scratch.drop();
}
