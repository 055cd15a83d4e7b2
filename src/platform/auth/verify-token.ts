/**
 * Token verification with jose. Accepted: HS256 with the configured secret (development and tests),
 * ES256/RS256 with keys from AUTH_JWKS_URL. The algorithm chooses the key source, so an HS256 token can
 * never be checked against a public key (algorithm confusion), and `alg: none` is never accepted.
 */
import { decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config.js';
import type { Actor } from '../../domain/actor.js';
import { actorFromClaims } from './claims.js';
import { createCachedJwks, type JwksOptions } from './jwks.js';

const ASYMMETRIC_ALGORITHMS = ['ES256', 'RS256'];
/** Tolerated clock skew between the issuer and the hub. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export type TokenVerifier = (token: string) => Promise<Actor | null>;

/** A re-fetch for an unknown kid at most this often. */
export const JWKS_COOLDOWN_MS = 1_000;

/** What a test may drive: the clock (expiry and the key cache) and the JWKS fetch. */
export type VerifierClock = Pick<JwksOptions, 'now' | 'fetchJwks'>;

export function createTokenVerifier(auth: Config['auth'], clock: VerifierClock = {}): TokenVerifier {
  const now = clock.now ?? Date.now;
  const secret = auth.hs256Secret ? new TextEncoder().encode(auth.hs256Secret) : null;
  const jwks: JWTVerifyGetKey | null = auth.jwksUrl
    ? createCachedJwks(new URL(auth.jwksUrl), { cooldownMs: JWKS_COOLDOWN_MS, cacheMaxAgeMs: auth.jwksCacheSeconds * 1_000, now, fetchJwks: clock.fetchJwks })
    : null;
  const common = {
    issuer: auth.issuer,
    audience: auth.audience,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };

  return async (token) => {
    const options = { ...common, currentDate: new Date(now()) };
    try {
      const { alg } = decodeProtectedHeader(token);
      if (alg === 'HS256' && secret) {
        const { payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
        return actorFromClaims(payload);
      }
      if (alg && ASYMMETRIC_ALGORITHMS.includes(alg) && jwks) {
        const { payload } = await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC_ALGORITHMS });
        return actorFromClaims(payload);
      }
      return null;
    } catch {
      // Every failure reads the same to the caller: no oracle for which check failed.
      return null;
    }
  };
}

/** Extracts the bearer token from an Authorization header value. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(header ?? '');
  return match ? match[1]! : null;
}
