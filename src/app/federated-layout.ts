/**
 * `npm run start:federated` (docs/federation.md): migrate and seed the one PostgreSQL database, start
 * each subgraph as its own process on loopback at SUBGRAPH_PORT_BASE + i, wait until each answers
 * /health, then serve the gateway on PORT. Stopping it stops the subgraphs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Config } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import { startGateway, type Gateway } from './gateway-server.js';
import { subgraphNames, subgraphPort } from './subgraphs.js';

const SUBGRAPH_ENTRY = fileURLToPath(new URL('../cli/subgraph.ts', import.meta.url));
/** Seven pools share the server's connections (PostgreSQL's default max_connections is 100). */
const SUBGRAPH_POOL_SIZE = 4;

export interface FederatedLayout {
  gateway: Gateway;
  subgraphs: { name: string; port: number; process: ChildProcess }[];
  close(): Promise<void>;
}

export async function startFederatedLayout(
  config: Config,
  log: Logger,
  prepare: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<void> = async () => {},
): Promise<FederatedLayout> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required: PGlite serves one process, the federated layout shares one PostgreSQL database');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await database.migrate();
    await prepare(database);
  } finally {
    await database.close();
  }
  // A fresh key per run unless one is configured: only this gateway's subgraphs trust it.
  const gatewaySecret = config.federation.gatewaySecret ?? randomBytes(32).toString('hex');
  const subgraphs = subgraphNames().map((name) => {
    const port = subgraphPort(name, config.federation.subgraphPortBase);
    const child = spawn(process.execPath, ['--no-warnings', '--import', '@swc-node/register/esm-register', SUBGRAPH_ENTRY], {
      env: {
        ...subgraphEnv(config),
        SUBGRAPH_NAME: name,
        PORT: String(port),
        GATEWAY_HS256_SECRET: gatewaySecret,
        DB_POOL_SIZE: process.env.SUBGRAPH_DB_POOL_SIZE ?? String(SUBGRAPH_POOL_SIZE),
        SEED: 'none',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return { name, port, process: child };
  });
  const stopSubgraphs = async () => {
    await Promise.all(
      subgraphs.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.process.exitCode !== null || s.process.signalCode !== null) return resolve();
            s.process.once('exit', () => resolve());
            s.process.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(subgraphs.map((s) => waitHealthy(s.name, s.port, s.process)));
    const gateway = await startGateway({ ...config, federation: { ...config.federation, gatewaySecret } }, log);
    log.info({ gateway: gateway.url, subgraphs: subgraphs.map((s) => `${s.name}:${s.port}`) }, 'federated layout serving');
    return {
      gateway,
      subgraphs,
      close: async () => {
        await gateway.close();
        await stopSubgraphs();
      },
    };
  } catch (error) {
    await stopSubgraphs();
    throw error;
  }
}

/**
 * The subgraph's environment: the process's (PATH and the like), then every setting from the parsed
 * config, so a subgraph decides exactly as the gateway's config says (tests build theirs in code).
 */
function subgraphEnv(config: Config): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: config.databaseUrl ?? undefined,
    AUTH_ISSUER: config.auth.issuer,
    AUTH_AUDIENCE: config.auth.audience,
    AUTH_JWKS_CACHE_SECONDS: String(config.auth.jwksCacheSeconds),
    DISCLOSURE_KEY: config.disclosureKey,
    BREAK_GLASS_HOURS: String(config.breakGlassHours),
    BULK_ACCESS_THRESHOLD: String(config.bulkAccessThreshold),
    LOG_LEVEL: config.logLevel,
    NODE_ENV: config.production ? 'production' : process.env.NODE_ENV,
  };
  // The public development secret is never passed on: a subgraph falls back to it only as the gateway did.
  if (config.auth.hs256Secret && !config.auth.usingDevelopmentSecret) env.AUTH_HS256_SECRET = config.auth.hs256Secret;
  else delete env.AUTH_HS256_SECRET;
  if (config.auth.jwksUrl) env.AUTH_JWKS_URL = config.auth.jwksUrl;
  else delete env.AUTH_JWKS_URL;
  return env;
}

/** Polls the subgraph's /health until it answers 200; fails at once if the process exits. */
async function waitHealthy(name: string, port: number, child: ChildProcess): Promise<void> {
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`subgraph ${name} exited (${code}) before it was healthy`))));
  const healthy = (async () => {
    for (;;) {
      if (child.exitCode !== null) return;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  await Promise.race([healthy, exited]);
}
