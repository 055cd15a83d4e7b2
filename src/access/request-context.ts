import type { Actor } from '../domain/actor.js';
import type { Logger } from '../platform/logger.js';
import type { ScopedData } from './scoped-data.js';

/** What every resolver gets: who is asking, the request id, and the one data path. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  data: ScopedData;
  log: Logger;
}
