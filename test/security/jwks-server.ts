/**
 * A local identity provider for the security suites: a JWKS endpoint on 127.0.0.1 (random port) whose
 * published keys a test can change mid-run (key rotation), and a signer for ES256/RS256 tokens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { Actor } from '../../src/domain/actor.js';

export type AsymmetricAlg = 'ES256' | 'RS256';

export interface SigningKey {
  kid: string;
  alg: AsymmetricAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

export async function newSigningKey(alg: AsymmetricAlg, kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

export interface JwksServer {
  url: string;
  /** The keys currently published; replace or mutate to rotate. */
  keys: SigningKey[];
  /** How many times the JWKS has been fetched. */
  fetches: number;
  close(): Promise<void>;
}

export async function startJwksServer(keys: SigningKey[]): Promise<JwksServer> {
  const state: JwksServer = { url: '', keys: [...keys], fetches: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    state.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: state.keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  state.close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

export const DEFAULT_ISSUER = 'ehc-hub-dev';
export const DEFAULT_AUDIENCE = 'ehc-hub';

export function claimsOf(actor: Actor): JWTPayload {
  const claims: JWTPayload = { sub: actor.sub, org: actor.org, role: actor.role, areas: actor.areas };
  if (actor.agency) claims.agency = actor.agency;
  return claims;
}

export interface TokenShape {
  /** Claims merged over the actor's (a key set to undefined is removed). */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  iss?: string;
  aud?: string;
  /** Seconds from now; null leaves exp out. Default one hour. */
  exp?: number | null;
  nbf?: number;
}

/** Signs a token for `actor` with an asymmetric key, shaped as the case needs. */
export async function signWith(key: SigningKey, actor: Actor, shape: TokenShape = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...claimsOf(actor), iss: shape.iss ?? DEFAULT_ISSUER, aud: shape.aud ?? DEFAULT_AUDIENCE, iat: now };
  if (shape.exp !== null) payload.exp = now + (shape.exp ?? 3600);
  if (shape.nbf !== undefined) payload.nbf = now + shape.nbf;
  for (const [k, v] of Object.entries(shape.claims ?? {})) {
    if (v === undefined) delete payload[k];
    else payload[k] = v;
  }
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...shape.header })
    .sign(key.privateKey);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`) carrying the actor's claims. */
export function unsignedToken(actor: Actor): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...claimsOf(actor), iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600 };
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
}
