/**
 * Disputes: the council's coordinator records each mediation and appeal about a child's decisions as it
 * goes (CFA 2014 ss.51–55; SEND Regulations 2014 Parts 6 and 7). The rules of the process and its
 * deadlines are src/domain/disputes.ts; who may act is the action table's.
 */
import { randomUUID } from 'node:crypto';
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { checkDispute, type DisputeFacts } from '../../src/domain/disputes.js';
import { isIsoDate, isUuid } from '../../src/domain/identifiers.js';
import { badInput, notFound } from '../../src/platform/errors.js';
import { disputeGuard } from './disputes.guards.js';
import * as store from './disputes.store.js';
import type { DisputeInput } from './disputes.types.js';

export type SealedDispute = Sealed<store.DisputeRow>;

/** The child's disputes, oldest decision first; CONSENT_REQUIRED (whether or not there are any) when only a consent could release them. */
export async function disputesOf(data: ScopedData, child: ChildRef): Promise<SealedDispute[]> {
  data.assertReleasable(child, () => disputeGuard({ councilOrg: null }));
  return data.load(child, store.disputeRows);
}

const DATE_FIELDS = ['decisionOn', 'mediationRequestedOn', 'mediationDeclinedOn', 'mediationHeldOn', 'certificateIssuedOn', 'appealRegisteredOn', 'hearingOn', 'outcomeOn'] as const;

/** Records a dispute or replaces one, checked against the process; returns it. */
export async function recordDispute(data: ScopedData, input: DisputeInput): Promise<SealedDispute> {
  const child = await data.requireChild(input.childId);
  data.assertCan('dispute.record', { child });
  const facts: DisputeFacts = {
    kind: input.kind,
    decision: input.decision,
    decisionOn: input.decisionOn,
    mediationRequestedOn: input.mediationRequestedOn ?? null,
    mediationDeclinedOn: input.mediationDeclinedOn ?? null,
    mediationHeldOn: input.mediationHeldOn ?? null,
    certificateIssuedOn: input.certificateIssuedOn ?? null,
    appealRegisteredOn: input.appealRegisteredOn ?? null,
    hearingOn: input.hearingOn ?? null,
    outcome: input.outcome ?? null,
    outcomeOn: input.outcomeOn ?? null,
    order: input.order ?? null,
  };
  for (const f of DATE_FIELDS) {
    const date = facts[f];
    if (date === null || date === undefined) continue;
    if (!isIsoDate(date) || date < '1900-01-01' || date > '2100-12-31') throw badInput(f, 'must be a calendar date between 1900 and 2100');
    // Only a hearing is listed ahead; everything else is recorded once it has happened.
    if (f !== 'hearingOn' && date > data.today) throw badInput(f, 'must not be in the future');
  }
  const problem = checkDispute(facts);
  if (problem) throw badInput(problem.field, problem.message);
  const id = input.id ?? null;
  const notFoundDispute = () => notFound('dispute');
  if (id !== null && !isUuid(id)) throw notFoundDispute();
  const { order, ...rest } = facts;
  let saved: string;
  try {
    saved = await data.write(store.saveDispute, {
      id,
      newId: randomUUID(),
      values: { ...rest, tribunalOrder: order ?? null, childId: child.id, councilOrg: data.actor.org, recordedBySub: data.actor.sub },
    });
  } catch (error) {
    if (error instanceof store.UnknownDispute) throw notFoundDispute();
    throw error;
  }
  data.noteAction(child, 'WRITE', 'STATUTORY', { categories: ['EDUCATION'], flags: ['DISPUTE'] });
  data.forget(child);
  const rows = await disputesOf(data, await data.requireChild(child.id));
  return data.where(rows, (r) => r.id === saved)[0]!;
}
