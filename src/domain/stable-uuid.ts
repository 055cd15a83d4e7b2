/**
 * Name-based UUIDs (RFC 9562 §5.5, version 5: SHA-1 of a namespace and a name), so that reference
 * data (taxonomy terms, demo services) and derived records (an ORUK attribute linking a service to
 * a term) keep the same id on every server and in every run.
 */
import { createHash } from 'node:crypto';

/** The hub's own namespace for name-based ids (itself a fixed random UUID). */
export const HUB_UUID_NAMESPACE = '6f1c1c2e-8a51-4b7e-9d0c-3c1f0c9e5a41';

/**
 * The version 5 UUID of `parts` joined with `/` in the hub's namespace.
 * @example stableUuid('taxonomy', 'sen2-need') // always the same id
 */
export function stableUuid(...parts: string[]): string {
  const namespace = Buffer.from(HUB_UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(parts.join('/')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
