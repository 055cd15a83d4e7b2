/**
 * The gateway's signature on each subgraph request (docs/federation.md): a short-lived HS256 token,
 * signed with the gateway's own key (GATEWAY_HS256_SECRET, never the user-token key), for one subgraph
 * (`aud`), carrying the client request's id (`rid`) so that every subgraph records its audit events
 * under it. A subgraph refuses any request without a valid one, even with a valid user token: its
 * port is not an API, and the gateway's limits, rate limit and request id must not be skipped.
 */
import { jwtVerify, SignJWT } from 'jose';

export const GATEWAY_TOKEN_HEADER = 'x-ehc-gateway';
const ISSUER = 'ehc-hub-gateway';
/** Long enough for one query plan's calls, short enough that a captured token is soon worthless. */
export const GATEWAY_TOKEN_SECONDS = 60;
const CLOCK_TOLERANCE_SECONDS = 5;

const audience = (subgraph: string) => `ehc-hub-subgraph:${subgraph}`;
const key = (secret: string) => new TextEncoder().encode(secret);

export async function signGatewayToken(secret: string, subgraph: string, requestId: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ rid: requestId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(audience(subgraph))
    .setIssuedAt(iat)
    .setExpirationTime(iat + GATEWAY_TOKEN_SECONDS)
    .sign(key(secret));
}

/** The client request's id when the token is the gateway's for this subgraph and current; otherwise null. */
export async function verifyGatewayToken(secret: string, subgraph: string, token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: audience(subgraph),
      requiredClaims: ['exp', 'iat', 'rid'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: GATEWAY_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS,
    });
    return typeof payload.rid === 'string' && /^[0-9a-f-]{36}$/.test(payload.rid) ? payload.rid : null;
  } catch {
    return null;
  }
}
