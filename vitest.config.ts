import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three projects (CONTRIBUTING.md, "Tests"): `npm test` runs all three on whichever database
 * DATABASE_URL names (embedded PGlite when unset); `--project unit` and friends run one layer.
 *  - unit: pure code, no database, no server: one shared worker (isolate: false), seconds.
 *  - integration: one real hub per file on a real database; PGlite hubs start from one migrated image
 *    made once per run (test/support/pglite-image.ts).
 *  - slow: spawned servers, fault injection, load, the Monte-Carlo attack and scale checks.
 */
const SLOW = [
  'test/security/faults.test.ts',
  'test/security/load.test.ts',
  'test/integration/busy-port.test.ts',
  'test/integration/cli-while-running.test.ts',
  'test/integration/hub-workers.test.ts',
  'policies/disclosure/differencing-attack.test.ts',
  'test/integration/commissioning.property.test.ts',
];
const UNIT = ['src/**/*.test.ts', 'policies/**/*.test.ts', 'test/unit/**/*.test.ts'];
const IMAGE = ['test/support/pglite-image.ts'];
const INTEGRATION = ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'];

export default defineConfig({
  // Oxc must emit legacy decorators with metadata for type-graphql (docs/stack-notes.md).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // One copy of graphql: Vite would pick graphql's ESM build for our code while type-graphql and
    // Apollo (loaded by Node) get the CommonJS one, and the two copies' classes do not match.
    alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    // The browser suite drives Chromium: its own config (vitest.browser.config.ts, `npm run test:browser`).
    // The federated layout starts eight processes on PostgreSQL: its own config (vitest.federation.config.ts).
    exclude: ['test/browser/**', 'test/federation/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/property-seed.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, exclude: [...SLOW, 'test/browser/**'], isolate: false } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: [...SLOW, 'test/browser/**'], isolate: false, globalSetup: IMAGE } },
      { extends: true, test: { name: 'slow', include: SLOW, globalSetup: IMAGE } },
    ],
  },
} as never);
