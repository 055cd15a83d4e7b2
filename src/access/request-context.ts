import type { Actor } from '../auth/actor.js';
import type { Logger } from '../logger.js';
import type { ScopedData } from './scoped-data.js';

/** What every resolver gets: who is asking, the request id, and the one data path. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  data: ScopedData;
  log: Logger;
}
