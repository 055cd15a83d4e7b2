/** The benchmarks' own configuration and actors (they share nothing with the test suite). */
import type { Actor } from '../src/domain/actor.js';
import { parseConfig, type Config } from '../src/platform/config.js';

export const BENCH_SECRET = 'bench-secret-that-is-at-least-32-characters-long';

export function benchConfig(env: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    PORT: '0',
    DATA_DIR: 'memory://',
    SEED: 'none',
    LOG_LEVEL: 'silent',
    AUTH_HS256_SECRET: BENCH_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000000',
    BULK_ACCESS_THRESHOLD: '100000000',
    DB_POOL_SIZE: '12',
    ...env,
  });
}

export const benchCoordinator = (areaCode: string, org: string): Actor => ({
  sub: 'coordinator:bench', org, agency: 'EDUCATION', role: 'CASE_COORDINATOR', areas: [areaCode],
});
