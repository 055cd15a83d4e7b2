/**
 * One migrated PGlite database made once per `npm test` and loaded by every test hub. A bare
 * `PGlite.create` runs initdb inside WebAssembly (about 1.7 s here) and then the migrations; loading a
 * data-directory image skips both (about 0.5 s). `globalSetup` (vitest.config.ts) builds the image in
 * the main process and hands its path to the workers; each hub still runs `migrate()` on boot, which
 * finds every migration applied, so an image older than the migration folder fails loudly instead of
 * testing a stale schema. PostgreSQL runs (DATABASE_URL set) make no image.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The image's path, or null when the suite runs on PostgreSQL. */
    pgliteImage: string | null;
  }
}

/** Projects that share the image (integration, slow): it is built by the first and removed by the last. */
const shared = globalThis as { ehcTestImage?: { path: Promise<string>; users: number } };

/** vitest globalSetup: builds the image, provides its path, removes it when the run ends. */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteImage', null);
    return () => {};
  }
  shared.ehcTestImage ??= { path: buildImage(), users: 0 };
  const image = shared.ehcTestImage;
  image.users += 1;
  project.provide('pgliteImage', await image.path);
  return async () => {
    image.users -= 1;
    if (image.users === 0) rmSync(await image.path, { force: true });
  };
}

async function buildImage(): Promise<string> {
  const pglite = await PGlite.create('memory://');
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://', pglite });
  await database.migrate();
  const image = await pglite.dumpDataDir('none');
  await database.close();
  const path = join(tmpdir(), `ehc-hub-test-image-${process.pid}-${Date.now()}.tar`);
  writeFileSync(path, Buffer.from(await image.arrayBuffer()));
  return path;
}

let bytes: { path: string; data: Buffer } | null = null;

/** A fresh in-memory PGlite from the image (read from disk once per worker). */
export async function pgliteFromImage(path: string): Promise<PGlite> {
  if (bytes?.path !== path) bytes = { path, data: readFileSync(path) };
  // A plain Uint8Array view: Blob takes ArrayBuffer-backed views only (a Buffer may be SharedArrayBuffer-backed).
  return PGlite.create('memory://', { loadDataDir: new Blob([new Uint8Array(bytes.data)]) });
}
