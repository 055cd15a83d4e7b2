/**
 * `npm start` on a port already in use: one clear line naming the port and PORT, exit 1, and
 * nothing opened or seeded (the data directory is never created).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('prints one line and exits 1 before opening the database', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, resolve));
  const port = (taken.address() as AddressInfo).port;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'ehc-busy-')), 'data');
  try {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', SEED: 'demo', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`port ${port} is in use: set PORT=<another port> (for example PORT=${port + 1} npm start), or stop the process using it\n`);
    expect(existsSync(dataDir)).toBe(false);
  } finally {
    await new Promise((r) => taken.close(r));
  }
});
