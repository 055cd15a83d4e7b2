/** `npm run schema:emit` writes schema/schema.graphql; `npm run schema:check` fails when it is stale. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printHubSdl } from '../app/build-schema.js';

const file = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const sdl = printHubSdl();

if (process.argv.includes('--write')) {
  writeFileSync(file, sdl);
  console.log(`wrote ${file}`);
} else {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (committed !== sdl) {
    console.error('schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is current');
}
