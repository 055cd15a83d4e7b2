/**
 * The audit hash chains (docs/audit.md, "The chains"): hash = sha256(prev_hash ‖ canonical JSON of the
 * event). Canonical JSON sorts keys and sorts the set-valued arrays so the same event always hashes the same.
 * One chain per area; the chain key and the position in it are hashed, so an event cannot be moved
 * between chains. Events recorded before there were chains form the legacy chain, hashed without them.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The one global chain every event went to before migration 0012; closed, verified by its old rule. */
export const LEGACY_CHAIN = 'all';
/** The chain of events that concern no area. Area codes are ONS codes (E06000001…), never this word. */
export const NO_AREA_CHAIN = 'national';

/** The chain an event belongs to: its area's. */
export function chainOf(areaCode: string | null | undefined): string {
  return areaCode ? areaCode : NO_AREA_CHAIN;
}

/** The hashed content of one event: every column but the hashes themselves. */
export interface ChainedEvent {
  /** The global order (access-log cursors); a sequence, so it may have gaps. */
  seq: number;
  /** The chain and the position in it (no gaps); absent on the legacy chain, hashed without them. */
  chain?: string;
  chainSeq?: number;
  id: string;
  at: string;
  requestId: string;
  actorSub: string;
  actorOrg: string;
  actorRole: string;
  childId: string | null;
  /** The area the event belongs to; absent on events recorded before areas were kept. */
  areaCode?: string | null;
  action: string;
  basis: string;
  categories: string[];
  sections: string[];
  operationName: string | null;
  flags: string[];
}

export function canonicalEvent(event: ChainedEvent): string {
  const fields: Record<string, unknown> = {
    action: event.action,
    actorOrg: event.actorOrg,
    actorRole: event.actorRole,
    actorSub: event.actorSub,
    // Only when present, so events recorded before areas were kept verify unchanged.
    ...(event.areaCode ? { areaCode: event.areaCode } : {}),
    at: event.at,
    basis: event.basis,
    categories: [...event.categories].sort(),
    ...(event.chain === undefined ? {} : { chain: event.chain, chainSeq: event.chainSeq }),
    childId: event.childId,
    flags: [...event.flags].sort(),
    id: event.id,
    operationName: event.operationName,
    requestId: event.requestId,
    sections: [...event.sections].sort(),
    seq: event.seq,
  };
  return JSON.stringify(fields);
}

export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalEvent(event)).digest('hex');
}
