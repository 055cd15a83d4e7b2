/**
 * The audit chain's status as a named read of the data layer: the chain head is read in the request's
 * transaction, the verification itself is the chain monitor's (src/audit/chain-monitor.ts), off the
 * request path. Asked twice in one request (aliases), it is answered once.
 */
import { chainHead, type ChainReport } from '../audit/chain-monitor.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ScopedData } from './scoped-data.js';

export async function auditChainReport(data: ScopedData): Promise<ChainReport> {
  const internals = internalsOf(data);
  let report = internals.memo.get('chain') as Promise<ChainReport> | undefined;
  if (!report) {
    report = chainHead(internals.tx).then((head) => {
      if (!internals.chain) throw new Error('no chain monitor in this request scope');
      return internals.chain.report(head);
    });
    internals.memo.set('chain', report);
  }
  return report;
}
