/**
 * Throughput of a 50-child page with all sections through real HTTP servers, modes interleaved in
 * rounds so the machine's drift hits every mode alike: full enforcement (decisions + audit), the same
 * hub with the audit append left out, and (on PostgreSQL) the hand-written postgres.js baseline that
 * returns the same JSON (bench/handwritten.ts, checked equal before timing).
 *
 * The load generator (autocannon's CLI) runs in its own process, so this process's CPU time over a
 * run, divided by the requests served, is the server's CPU per request. Each round runs every mode
 * once for `seconds`, in a rotated order; results are the medians over rounds and the per-round ratios.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Actor } from '../src/domain/actor.js';
import type { Database } from '../src/platform/db/database.js';
import { serveHub, type Hub, type ScopeRunner } from '../src/app/hub-server.js';
import { inRequestScope } from '../src/app/request-scope.js';
import { createLogger } from '../src/platform/logger.js';
import { signDevelopmentToken } from '../src/platform/auth/sign-token.js';
import { benchConfig, BENCH_SECRET } from './bench-config.js';
import { withoutAudit } from './baselines.js';
import { checkSameJson, serveHandWritten } from './handwritten.js';

export const PAGE_QUERY = `query Page($first: Int) { children(first: $first) { edges { node {
  id givenName familyName dateOfBirth nhsNumber consents { id }
  plan { status overdue } sections { code version entries { key value } needs { type rank } placement { settingType } }
} } } }`;

export const CHILD_QUERY = `query One($id: ID!) { child(id: $id) {
  id givenName familyName dateOfBirth nhsNumber consents { id }
  plan { status overdue } sections { code version entries { key value } needs { type rank } placement { settingType } }
} }`;

export type Mode = 'full' | 'auditOff' | 'handWritten';
export const MODE_LABELS: Record<Mode, string> = { full: 'full enforcement + audit', auditOff: 'decisions, audit off', handWritten: 'hand-written postgres.js' };

export interface RunResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  non2xx: number;
}

export interface ModeSummary extends RunResult {
  mode: Mode;
  label: string;
  rounds: RunResult[];
}

export interface EnforcementResult {
  /** One child's record (`child(id:)`, same fields) at one connection, full enforcement. */
  child: RunResult;
  modes: Partial<Record<Mode, ModeSummary>>;
  /** Per round: full enforcement's req/s over the named baseline's. */
  ratios: { fullVsAuditOff: number[]; fullVsHandWritten: number[] };
}

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const run = promisify(execFile);

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One autocannon run in a child process; this process's CPU over the run is the server's. */
export async function loadOnce(target: Target, seconds: number, connections: number): Promise<RunResult> {
  const args = [AUTOCANNON, '-j', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-b', target.body];
  for (const [k, v] of Object.entries(target.headers)) args.push('-H', `${k}=${v}`);
  args.push(target.url);
  const cpuBefore = process.cpuUsage();
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const cpu = process.cpuUsage(cpuBefore);
  const r = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number };
  const served = Math.max(1, r.requests.total);
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / served,
    non2xx: r.non2xx,
  };
}

async function startHubWith(database: Database, runScope: ScopeRunner): Promise<Hub> {
  const config = benchConfig({ RATE_LIMIT_PER_MINUTE: '100000000', BULK_ACCESS_THRESHOLD: '100000000' });
  return serveHub(config, { ...database, close: async () => {} }, createLogger('silent'), runScope);
}

export interface EnforcementOptions {
  seconds: number;
  rounds: number;
  connections?: number;
  /** The PostgreSQL URL the hand-written baseline connects to (absent on PGlite: no baseline). */
  handWrittenUrl?: string | null;
  areaCode: string;
  log?: (message: string) => void;
}

export async function benchEnforcement(database: Database, actor: Actor, options: EnforcementOptions): Promise<EnforcementResult> {
  const log = options.log ?? (() => {});
  const connections = options.connections ?? 10;
  const config = benchConfig();
  const token = await signDevelopmentToken(actor, { secret: BENCH_SECRET, issuer: config.auth.issuer, audience: config.auth.audience });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const body = JSON.stringify({ query: PAGE_QUERY, variables: { first: 50 } });

  const full = await startHubWith(database, inRequestScope);
  const auditOff = await startHubWith(database, withoutAudit);
  const handWritten = options.handWrittenUrl ? await serveHandWritten(options.handWrittenUrl, options.areaCode) : null;
  try {
    if (handWritten) await checkSameJson(full.url, handWritten.url, headers, body);
    const targets: [Mode, Target][] = [
      ['full', { url: full.url, headers, body }],
      ['auditOff', { url: auditOff.url, headers, body }],
      ...(handWritten ? [['handWritten', { url: handWritten.url, headers, body }] as [Mode, Target]] : []),
    ];
    for (const [, target] of targets) await loadOnce(target, 1, connections); // warm-up, discarded
    const perRound = new Map<Mode, RunResult[]>(targets.map(([m]) => [m, []]));
    const ratios: EnforcementResult['ratios'] = { fullVsAuditOff: [], fullVsHandWritten: [] };
    for (let round = 0; round < options.rounds; round++) {
      const results = new Map<Mode, RunResult>();
      // Rotated so no mode always runs first (or right after another's garbage).
      for (let i = 0; i < targets.length; i++) {
        const [mode, target] = targets[(i + round) % targets.length]!;
        results.set(mode, await loadOnce(target, options.seconds, connections));
      }
      for (const [mode, r] of results) perRound.get(mode)!.push(r);
      const f = results.get('full')!.requestsPerSecond;
      ratios.fullVsAuditOff.push(f / results.get('auditOff')!.requestsPerSecond);
      if (results.has('handWritten')) ratios.fullVsHandWritten.push(f / results.get('handWritten')!.requestsPerSecond);
      log(`  round ${round + 1}: ${[...results].map(([m, r]) => `${m} ${r.requestsPerSecond.toFixed(0)} req/s p99 ${r.p99} ms`).join(', ')}`);
    }
    const modes: EnforcementResult['modes'] = {};
    for (const [mode, rounds] of perRound) {
      modes[mode] = {
        mode,
        label: MODE_LABELS[mode],
        rounds,
        requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
        cpuMsPerRequest: median(rounds.map((r) => r.cpuMsPerRequest)),
        non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
      };
    }
    const page = (await (await fetch(full.url, { method: 'POST', headers, body })).json()) as { data: { children: { edges: { node: { id: string } }[] } } };
    const childBody = JSON.stringify({ query: CHILD_QUERY, variables: { id: page.data.children.edges[0]!.node.id } });
    const child = await loadOnce({ url: full.url, headers, body: childBody }, options.seconds, 1);
    return { child, modes, ratios };
  } finally {
    await full.close();
    await auditOff.close();
    await handWritten?.close();
  }
}
