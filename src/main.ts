/** `npm start`: migrate, seed demo data into an empty database, serve (HUB_WORKERS processes), and drain on SIGTERM. */
import 'reflect-metadata';
import { loadConfigOrExit } from './platform/config.js';
import { DataDirectoryLockedError } from './platform/db/data-dir-lock.js';
import { currentWorker, isClusterPrimary, runPrimary } from './app/cluster.js';
import { startHub } from './app/hub-server.js';
import { openDatabase, type Db } from './platform/db/database.js';
import { createUiRoutes } from './app/ui-routes.js';
import { assertPortFree, PortInUseError } from './platform/http/port-check.js';
import { createLogger } from './platform/logger.js';
import { DEMO_ACTORS, seedDemoIfEmpty } from '../seeds/demo.js';

const config = loadConfigOrExit();
const worker = currentWorker();
// First of all: a busy port is one line and exit 1, before the database is opened or seeded. (Workers
// share the primary's port: it checked.)
if (!worker) {
  await assertPortFree(config.port).catch((error: Error) => {
    process.stderr.write(`${error instanceof PortInUseError ? error.message : `ehc-hub could not start: ${error.message}`}\n`);
    process.exit(1);
  });
}
const log = createLogger(config.logLevel);
if (config.auth.usingDevelopmentSecret && !worker) {
  log.warn('AUTH_HS256_SECRET is not set: accepting tokens signed with the PUBLIC DEVELOPMENT SECRET. Never do this with real data.');
}

try {
  const started = Date.now();
  if (isClusterPrimary(config.workers)) {
    // Migrations and demo data once, before any worker serves (src/app/cluster.ts).
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
    await database.migrate();
    await seed(database.db);
    await database.close();
    runPrimary({ workers: config.workers, log, onReady: (port) => printWelcome(`http://localhost:${port}/graphql`, Date.now() - started) });
  } else {
    const hub = await startHub(config, { log, worker, ui: createUiRoutes(config, { demoActors: DEMO_ACTORS, log }) });
    if (!worker) await seed(hub.database.db);
    if (!worker) printWelcome(hub.url, Date.now() - started);
    const stop = async (signal: string) => {
      log.info({ signal, worker: worker?.id }, 'draining in-flight requests and closing the database');
      await hub.close();
      process.exit(0);
    };
    // SIGINT at a terminal reaches a worker and its primary (which forwards SIGTERM): drain once.
    let stopping: Promise<void> | null = null;
    process.once('SIGTERM', () => void (stopping ??= stop('SIGTERM')));
    process.once('SIGINT', () => void (stopping ??= stop('SIGINT')));
  }
} catch (error) {
  if (error instanceof DataDirectoryLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`ehc-hub could not start: ${(error as Error).message}\n`);
  }
  process.exit(1);
}

async function seed(db: Db): Promise<void> {
  if (config.seed !== 'demo') return;
  const seeded = await seedDemoIfEmpty(db, config.disclosureKey);
  if (seeded > 0) log.info({ children: seeded }, 'loaded synthetic demo data');
}

function printWelcome(url: string, ms: number): void {
  const base = url.replace(/\/graphql$/, '');
  const lines = [
    '',
    `ehc-hub is serving ${url} (${config.workers > 1 ? `${config.workers} worker processes, ` : ''}ready in ${ms} ms; GET /health for status)`,
    `Pages for each role: ${base}/ui/`,
    ...(config.production ? [] : [`GraphiQL with a demo-role picker: ${base}/graphiql`]),
    '',
    'Get a development token for the demo area, then send it as "Authorization: Bearer <token>":',
    ...DEMO_ACTORS.map((a) => `  ${a.label.padEnd(24)} npm run -s token -- ${a.args}`),
    '',
    `Example: curl -s ${url} -H "authorization: Bearer $(npm run -s token -- ${DEMO_ACTORS[0]!.args})" \\`,
    `          -H 'content-type: application/json' -d '{"query":"{ children(first: 3) { edges { node { id givenName familyName } } } }"}'`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
