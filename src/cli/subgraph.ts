/** One subgraph process of the federated layout (started by `npm run start:federated`, docs/federation.md). */
import 'reflect-metadata';
import { serveHub } from '../app/hub-server.js';
import { inRequestScope } from '../app/request-scope.js';
import { buildSubgraphExecutableSchema } from '../app/subgraphs.js';
import { loadConfigOrExit } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';

const name = process.env.SUBGRAPH_NAME ?? '';
const config = loadConfigOrExit();
const log = createLogger(config.logLevel).child({ subgraph: name });
const fail = (message: string): never => {
  process.stderr.write(`subgraph ${name || '(unnamed)'} could not start: ${message}\n`);
  process.exit(1);
};
if (!config.databaseUrl) fail('DATABASE_URL is required: PGlite serves one process, the subgraphs share one PostgreSQL database');
if (!config.federation.gatewaySecret) fail('GATEWAY_HS256_SECRET is required');

try {
  const schema = buildSubgraphExecutableSchema(name);
  // The launcher migrated the database before starting any subgraph.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  const hub = await serveHub(config, database, log, inRequestScope, undefined, { name, schema, gatewaySecret: config.federation.gatewaySecret! });
  log.info({ port: hub.port }, 'subgraph serving on loopback');
  const stop = async () => {
    await hub.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
} catch (error) {
  fail((error as Error).message);
}
