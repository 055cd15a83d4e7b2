/**
 * `HUB_WORKERS=N npm start` (N > 1, PostgreSQL only: config.ts): N hub processes on one port through
 * node:cluster. The primary serves nothing: it migrates and seeds once before forking (the callers'
 * `prepare`), forks the workers (each builds its own hub and listens on PORT; the primary hands out
 * connections round-robin), restarts a worker that dies with a growing delay, and on SIGTERM or SIGINT
 * asks every worker to drain and exits when they all have. Everything the processes must agree on is
 * in the database (ARCHITECTURE.md, "Scale-out").
 */
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../platform/logger.js';

/** A worker that served this long before dying starts the delays afresh: its crash is not a loop. */
const STABLE_MS = 60_000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** The wait before restarting a worker that died `crashesInARow` times without staying up STABLE_MS. */
export function restartDelayMs(crashesInARow: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, crashesInARow - 1));
}

export interface PrimaryOptions {
  workers: number;
  log: Logger;
  /** Once, when every worker first listens: the port they share. */
  onReady(port: number): void;
  now?: () => number;
}

interface Slot {
  worker: Worker | null;
  startedAt: number;
  crashesInARow: number;
  restart: NodeJS.Timeout | null;
}

/** Runs the primary until a stop signal; never resolves (the process exits when the workers have). */
export function runPrimary(options: PrimaryOptions): void {
  const { log } = options;
  const now = options.now ?? Date.now;
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({ worker: null, startedAt: 0, crashesInARow: 0, restart: null }));
  const listening = new Set<number>();
  let ready = false;
  let stopping = false;
  let failed = false;

  const fork = (index: number) => {
    const slot = slots[index]!;
    slot.restart = null;
    slot.startedAt = now();
    const worker = cluster.fork({ HUB_WORKER_SLOT: String(index) });
    slot.worker = worker;
    worker.on('online', () => log.info({ worker: worker.id, pid: worker.process.pid, slot: index }, 'hub worker started'));
    worker.on('listening', (address: AddressInfo) => {
      log.info({ worker: worker.id, pid: worker.process.pid, slot: index, port: address.port }, 'hub worker listening');
      listening.add(index);
      if (!ready && listening.size === slots.length) {
        ready = true;
        options.onReady(address.port);
      }
    });
    worker.on('exit', (code, signal) => {
      slot.worker = null;
      listening.delete(index);
      if (stopping) {
        // A worker still starting when the signal came dies of it: that is no failure of the drain.
        failed ||= code !== 0 && signal !== 'SIGTERM';
        return void exitWhenAllStopped();
      }
      slot.crashesInARow = now() - slot.startedAt >= STABLE_MS ? 1 : slot.crashesInARow + 1;
      const delay = restartDelayMs(slot.crashesInARow);
      log.error({ worker: worker.id, pid: worker.process.pid, slot: index, code, signal, restartInMs: delay }, 'hub worker died: restarting it');
      slot.restart = setTimeout(() => fork(index), delay);
    });
  };

  const exitWhenAllStopped = () => {
    if (slots.some((s) => s.worker)) return;
    log.info('every hub worker has stopped');
    process.exit(failed ? 1 : 0);
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'asking every hub worker to drain in-flight requests');
    for (const slot of slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.worker?.process.kill('SIGTERM');
    }
    exitWhenAllStopped();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < slots.length; i++) fork(i);
}

/** The worker's number for logs and the x-hub-worker header (restarted workers get new numbers). */
export function currentWorker(): { id: number } | undefined {
  return cluster.isWorker && cluster.worker ? { id: cluster.worker.id } : undefined;
}

export const isClusterPrimary = (workers: number) => workers > 1 && cluster.isPrimary;
