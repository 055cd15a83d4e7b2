/**
 * The command-line tools while the hub runs on the embedded database (which has one writer): a polite
 * refusal naming what to use instead, exit 1, no stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database.js';

let dataDir: string;
let held: Database;
beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'ehc-cli-')), 'data');
  held = await openDatabase({ databaseUrl: null, dataDir });
  await held.migrate();
});
afterAll(() => held?.close());

/** Runs a CLI without blocking this process (which must keep refreshing its lock on the directory). */
function run(script: string, ...args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', script, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stderr })));
}

describe('while npm start holds the embedded database (whatever the suite runs on: the tools are pointed at it)', () => {
  it.each([
    ['src/cli/audit-verify.ts', [], /auditChainStatus/],
    ['src/cli/sar.ts', ['--child', '00000000-0000-4000-8000-000000000001'], /subjectAccessExport/],
    ['src/cli/seed.ts', ['--children', '1'], /stop the hub/],
  ] as const)('%s refuses politely and says what to use', async (script, args, hint) => {
    const result = await run(script, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/The hub is running on the embedded database/);
    expect(result.stderr).toMatch(hint);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
