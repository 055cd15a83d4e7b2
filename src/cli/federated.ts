/** `npm run start:federated`: the gateway on PORT and one process per subgraph (docs/federation.md). */
import 'reflect-metadata';
import { startFederatedLayout } from '../app/federated-layout.js';
import { loadConfigOrExit } from '../platform/config.js';
import { assertPortFree } from '../platform/http/port-check.js';
import { createLogger } from '../platform/logger.js';
import { seedDemoIfEmpty } from '../../seeds/demo.js';

const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
try {
  await assertPortFree(config.port);
  const started = Date.now();
  const layout = await startFederatedLayout(config, log, async (database) => {
    if (config.seed !== 'demo') return;
    const seeded = await seedDemoIfEmpty(database.db, config.disclosureKey);
    if (seeded > 0) log.info({ children: seeded }, 'loaded synthetic demo data');
  });
  process.stdout.write(`\nehc-hub (federated: gateway + ${layout.subgraphs.length} subgraphs) is serving ${layout.gateway.url} (ready in ${Date.now() - started} ms)\n`);
  const stop = async (signal: string) => {
    log.info({ signal }, 'draining in-flight requests and stopping the subgraphs');
    await layout.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  process.stderr.write(`ehc-hub (federated) could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
