/**
 * The federated layout's suite (`npm run test:federation`, `.ci/federation.sh`): the gateway and one
 * process per subgraph on PostgreSQL. Separate from `npm test` because it starts eight processes and
 * needs a PostgreSQL server whichever backend the main suite runs on. Same compiler settings as vitest.config.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) } },
  test: {
    include: ['test/federation/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
} as never);
