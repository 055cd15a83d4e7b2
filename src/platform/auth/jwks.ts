/**
 * The identity provider's published keys (AUTH_JWKS_URL), cached with an injectable clock and fetch.
 *
 * Same rules as jose's remote key set: keys are trusted for `cacheMaxAgeMs` after a fetch (a key the
 * provider removed stops working once that passes); a token naming a kid the cache lacks triggers a
 * re-fetch, at most once per `cooldownMs`, so a stream of unknown kids cannot make the hub hammer the
 * provider. The clock and the fetch are parameters so rotation can be tested without waiting.
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface JwksOptions {
  cacheMaxAgeMs: number;
  cooldownMs: number;
  /** Milliseconds since the epoch; `Date.now` unless a test drives time. */
  now?: () => number;
  fetchJwks?: (url: URL) => Promise<unknown>;
}

const FETCH_TIMEOUT_MS = 5_000;

/** GET the key set: 200 and JSON or an error (redirects are not followed: the URL is configuration). */
export async function fetchJwksOverHttp(url: URL): Promise<unknown> {
  const response = await fetch(url, {
    redirect: 'manual',
    headers: { accept: 'application/json, application/jwk-set+json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (response.status !== 200) throw new errors.JOSEError(`JWKS answered ${response.status}`);
  return response.json();
}

export function createCachedJwks(url: URL, options: JwksOptions): JWTVerifyGetKey {
  const now = options.now ?? Date.now;
  const fetchJwks = options.fetchJwks ?? fetchJwksOverHttp;
  let local: JWTVerifyGetKey | null = null;
  let fetchedAt = -Infinity;
  let pending: Promise<void> | null = null;

  // Concurrent requests share one fetch; a failed fetch keeps the previous keys (and their age).
  const reload = () =>
    (pending ??= (async () => {
      try {
        // createLocalJWKSet refuses anything that is not a JWK set.
        local = createLocalJWKSet((await fetchJwks(url)) as JSONWebKeySet);
        fetchedAt = now();
      } finally {
        pending = null;
      }
    })());

  return async (header, token) => {
    if (!local || now() >= fetchedAt + options.cacheMaxAgeMs) await reload();
    try {
      return await local!(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey && now() >= fetchedAt + options.cooldownMs) {
        await reload();
        return local!(header, token);
      }
      throw error;
    }
  };
}
