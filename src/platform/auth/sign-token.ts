import { SignJWT } from 'jose';
import { FAMILY_ORG, type Actor } from '../../domain/actor.js';

export interface SignOptions {
  secret: string;
  issuer: string;
  audience: string;
  /** Lifetime in seconds (default 8 hours, a working day). */
  expiresIn?: number;
}

/** Signs an HS256 development token carrying the claims listed in README.md. */
export async function signDevelopmentToken(actor: Actor, options: SignOptions): Promise<string> {
  const claims: Record<string, unknown> = { role: actor.role, areas: actor.areas };
  // Family tokens from citizen identity providers carry no organisation.
  if (!(actor.role === 'FAMILY' && actor.org === FAMILY_ORG)) claims.org = actor.org;
  if (actor.agency) claims.agency = actor.agency;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 8 * 3600))
    .sign(new TextEncoder().encode(options.secret));
}
