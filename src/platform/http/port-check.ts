/**
 * `npm start` checks its port before it opens or seeds the database, so a busy port is one clear
 * line and a non-zero exit instead of an EADDRINUSE stack after minutes of work.
 */
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use: set PORT=<another port> (for example PORT=${port + 1} npm start), or stop the process using it`);
  }
}

/** Resolves when `port` can be bound (port 0, "any free port", always can); rejects with PortInUseError when it is taken. */
export function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}
