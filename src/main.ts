/** `npm start`: migrate, seed demo data into an empty database, serve, and drain on SIGTERM. */
import 'reflect-metadata';
import { loadConfigOrExit } from './platform/config.js';
import { DataDirectoryLockedError } from './platform/db/data-dir-lock.js';
import { startHub } from './app/hub-server.js';
import { createUiRoutes } from './app/ui-routes.js';
import { assertPortFree, PortInUseError } from './platform/http/port-check.js';
import { createLogger } from './platform/logger.js';
import { DEMO_ACTORS, seedDemoIfEmpty } from '../seeds/demo.js';

const config = loadConfigOrExit();
// First of all: a busy port is one line and exit 1, before the database is opened or seeded.
await assertPortFree(config.port).catch((error: Error) => {
  process.stderr.write(`${error instanceof PortInUseError ? error.message : `ehc-hub could not start: ${error.message}`}\n`);
  process.exit(1);
});
const log = createLogger(config.logLevel);
if (config.auth.usingDevelopmentSecret) {
  log.warn('AUTH_HS256_SECRET is not set: accepting tokens signed with the PUBLIC DEVELOPMENT SECRET. Never do this with real data.');
}

try {
  const started = Date.now();
  const hub = await startHub(config, { log, ui: createUiRoutes(config, { demoActors: DEMO_ACTORS, log }) });
  if (config.seed === 'demo') {
    const seeded = await seedDemoIfEmpty(hub.database.db, config.disclosureKey);
    if (seeded > 0) log.info({ children: seeded }, 'loaded synthetic demo data');
  }
  printWelcome(hub.url, Date.now() - started);
  const stop = async (signal: string) => {
    log.info({ signal }, 'draining in-flight requests and closing the database');
    await hub.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof DataDirectoryLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`ehc-hub could not start: ${(error as Error).message}\n`);
  }
  process.exit(1);
}

function printWelcome(url: string, ms: number): void {
  const base = url.replace(/\/graphql$/, '');
  const lines = [
    '',
    `ehc-hub is serving ${url} (ready in ${ms} ms; GET /health for status)`,
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
