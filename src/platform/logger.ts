import { pino, type Logger } from 'pino';

/** JSON logs (pino); request-scoped children carry the request id. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'ehc-hub' }, redact: ['req.headers.authorization'] });
}
export type { Logger };
