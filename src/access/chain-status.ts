/**
 * The audit chains' status as a named read of the data layer: the heads of the chains the actor's
 * status covers (their areas' and the legacy chain, `chainsOfAreas`) are read in the request's
 * transaction, the verification itself is the chain monitor's (src/audit/chain-monitor.ts), off the
 * request path. Asked twice in one request (aliases), it is answered once.
 */
import { chainHeads, chainsOfAreas, type ChainReport } from '../audit/chain-monitor.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ScopedData } from './scoped-data.js';

export async function auditChainReport(data: ScopedData): Promise<ChainReport> {
  const internals = internalsOf(data);
  let report = internals.memo.get('chain') as Promise<ChainReport> | undefined;
  if (!report) {
    report = chainHeads(internals.tx, chainsOfAreas(data.actor.areas)).then((heads) => {
      if (!internals.chain) throw new Error('no chain monitor in this request scope');
      return internals.chain.report(heads);
    });
    internals.memo.set('chain', report);
  }
  return report;
}
