/**
 * `npm run schema:emit` writes the committed SDL: the monolith's `schema/schema.graphql`, each
 * Federation 2 subgraph's `schema/subgraphs/<name>.graphql` and the composed `schema/supergraph.graphql`
 * (docs/federation.md). `npm run schema:check` fails when any of them is stale, missing or extra.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printHubSdl } from '../app/build-schema.js';
import { composeSupergraph, printSubgraphSdl, subgraphNames, subgraphUrl, DEFAULT_SUBGRAPH_PORT_BASE } from '../app/subgraphs.js';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));
const subgraphDir = `${schemaDir}subgraphs/`;

const wanted = new Map<string, string>([
  [`${schemaDir}schema.graphql`, printHubSdl()],
  ...subgraphNames().map((name) => [`${subgraphDir}${name}.graphql`, printSubgraphSdl(name)] as [string, string]),
  [`${schemaDir}supergraph.graphql`, composeSupergraph((name) => subgraphUrl(name, DEFAULT_SUBGRAPH_PORT_BASE))],
]);

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};
const existingSubgraphFiles = (): string[] => {
  try {
    return readdirSync(subgraphDir).filter((f) => f.endsWith('.graphql')).map((f) => `${subgraphDir}${f}`);
  } catch {
    return [];
  }
};
const relative = (file: string) => file.slice(schemaDir.length - 'schema/'.length);

if (process.argv.includes('--write')) {
  mkdirSync(subgraphDir, { recursive: true });
  for (const file of existingSubgraphFiles()) if (!wanted.has(file)) rmSync(file);
  for (const [file, sdl] of wanted) {
    writeFileSync(file, sdl);
    console.log(`wrote ${relative(file)}`);
  }
} else {
  const stale = [...wanted].filter(([file, sdl]) => read(file) !== sdl).map(([file]) => relative(file));
  const extra = existingSubgraphFiles().filter((file) => !wanted.has(file)).map(relative);
  if (stale.length > 0 || extra.length > 0) {
    console.error(`stale: ${[...stale, ...extra.map((f) => `${f} (no such subgraph)`)].join(', ')}: run \`npm run schema:emit\` and commit the result.`);
    process.exit(1);
  }
  console.log(`schema/schema.graphql, ${subgraphNames().length} subgraphs and schema/supergraph.graphql are current`);
}
