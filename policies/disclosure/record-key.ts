/**
 * Cell-key record keys (ONS 2021 Census cell-key method, docs/disclosure-control.md).
 *
 * Every child carries a permanent record key in 0..255, stored in `children.record_key`. A cell's key
 * is derived from the keys of exactly the records counted in it, so the same set of children always
 * gets the same key, and therefore the same perturbation, however the query that reached the cell was
 * phrased. That is what stops an attacker averaging the noise away by repeating or rephrasing a query.
 *
 * The key is an HMAC of the child's id under a server secret (not a hash of the id alone): anyone who
 * knows an id but not the secret cannot compute the key, so they cannot predict or undo a perturbation.
 * Rotating the secret changes every published value and lets old and new releases be differenced, so
 * treat it as permanent.
 */
import { createHmac } from 'node:crypto';

/** Number of distinct record and cell keys: keys live in 0..255. */
export const KEY_SPACE = 256;

/**
 * SQL for a cell key over the rows of one group, as the aggregate statements must compute it:
 * the sum of the record keys of the rows counted in the cell, modulo 256; an empty cell has key 0.
 * `COALESCE` keeps the empty-cell rule (SUM over no rows is NULL in SQL); `SUM` of a smallint is a
 * bigint in Postgres, so the sum cannot overflow before the modulo.
 */
export const CELL_KEY_SQL = 'COALESCE(SUM(record_key), 0) % 256';

/**
 * A child's permanent record key.
 *
 * Rule in words: compute HMAC-SHA256 with the disclosure secret as key and the child's id (UTF-8) as
 * message, and take the first byte of the digest (which is the digest's leading value modulo 256).
 * The result is an integer in 0..255, uniformly distributed for a secret the attacker does not know.
 *
 * @param secret the server-side disclosure key (`DISCLOSURE_KEY`); must be non-empty
 * @param childId the child's permanent id (uuid)
 */
export function recordKey(secret: string, childId: string): number {
  if (secret.length === 0) throw new RangeError('recordKey: the disclosure secret must not be empty');
  return createHmac('sha256', secret).update(childId, 'utf8').digest()[0]!;
}

/**
 * A cell's key from the record keys of the children counted in it.
 *
 * Rule in words: add up the record keys of every record in the cell and take the remainder on
 * division by 256; an empty cell has key 0. The order of the records does not matter, so any query
 * reaching the same set of records gets the same key. In SQL this is {@link CELL_KEY_SQL}.
 */
export function cellKey(keys: readonly number[]): number {
  let sum = 0;
  for (const k of keys) {
    assertKey(k, 'record key');
    sum = (sum + k) % KEY_SPACE;
  }
  return sum;
}

/** Throws unless `k` is an integer key in 0..255; used on every key entering the disclosure core. */
export function assertKey(k: number, what = 'cell key'): void {
  if (!Number.isInteger(k) || k < 0 || k >= KEY_SPACE) {
    throw new RangeError(`${what} must be an integer in 0..${KEY_SPACE - 1}, got ${k}`);
  }
}
