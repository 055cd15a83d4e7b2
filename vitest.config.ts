import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Oxc must emit legacy decorators with metadata for type-graphql (docs/stack-notes.md).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // One copy of graphql: Vite would pick graphql's ESM build for our code while type-graphql and
    // Apollo (loaded by Node) get the CommonJS one, and the two copies' classes do not match.
    alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'policies/**/*.test.ts', 'src/**/*.test.ts'],
    // The browser suite drives Chromium: its own config (vitest.browser.config.ts, `npm run test:browser`).
    // The federated layout starts eight processes on PostgreSQL: its own config (vitest.federation.config.ts).
    exclude: ['test/browser/**', 'test/federation/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
} as never);
