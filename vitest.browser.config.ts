/**
 * The browser suite (`npm run test:browser`): the real hub on demo data, driven by Debian's Chromium
 * through playwright-core. Separate from `npm test` because it needs /usr/bin/chromium
 * (`apt-get install -y chromium`) and takes longer. Same compiler settings as vitest.config.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) } },
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
} as never);
