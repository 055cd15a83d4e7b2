/**
 * The audit hash chain (docs/audit.md): hash = sha256(prev_hash ‖ canonical JSON of the event).
 * Canonical JSON sorts keys and sorts the set-valued arrays so the same event always hashes the same.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one event: every column but the hashes themselves. */
export interface ChainedEvent {
  seq: number;
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
