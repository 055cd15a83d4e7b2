/**
 * Issue 7 §1: token verification against a local JWKS (ES256, RS256) and the HS256 test secret.
 * Every refusal is the same 401 body, so a caller learns nothing about which check failed.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_SECONDS, createTokenVerifier, JWKS_COOLDOWN_MS } from '../../src/platform/auth/verify-token.js';
import { coordinatorOf, newAreaCode, practitioner } from '../support/factories.js';
import { startTestHub, TEST_SECRET, type TestHub } from '../support/test-hub.js';
import { newSigningKey, signWith, startJwksServer, unsignedToken, type JwksServer, type SigningKey } from './jwks-server.js';

const JWKS_CACHE_SECONDS = 2;
let t: TestHub;
let idp: JwksServer;
let es: SigningKey;
let rs: SigningKey;
const refusalBodies = new Set<string>();

beforeAll(async () => {
  [es, rs] = await Promise.all([newSigningKey('ES256', 'es-1'), newSigningKey('RS256', 'rs-1')]);
  idp = await startJwksServer([es, rs]);
  t = await startTestHub({ AUTH_JWKS_URL: idp.url, AUTH_JWKS_CACHE_SECONDS: String(JWKS_CACHE_SECONDS) });
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

async function call(token: string | null): Promise<{ status: number; body: string }> {
  const res = await t.post(JSON.stringify({ query: '{ me { sub role } }' }), token ? { authorization: `Bearer ${token}` } : {});
  return { status: res.status, body: await res.text() };
}

async function expectAccepted(token: string, sub: string) {
  const { status, body } = await call(token);
  expect(status, body).toBe(200);
  expect(JSON.parse(body).data.me.sub).toBe(sub);
}

async function expectRefused(token: string | null) {
  const { status, body } = await call(token);
  expect(status, body).toBe(401);
  refusalBodies.add(body);
}

const now = () => Math.floor(Date.now() / 1000);
const actor = () => coordinatorOf(newAreaCode());

/** Replaces one character in the middle of a base64url segment with a different one. */
function flipChar(segment: string): string {
  const i = Math.floor(segment.length / 2);
  return segment.slice(0, i) + (segment[i] === 'A' ? 'B' : 'A') + segment.slice(i + 1);
}

describe('valid tokens', () => {
  it('accepts ES256 and RS256 tokens from the JWKS and the HS256 test secret', async () => {
    const a = actor();
    await expectAccepted(await signWith(es, a), a.sub);
    await expectAccepted(await signWith(rs, a), a.sub);
    await expectAccepted(await t.token(a), a.sub);
  });

  it('tolerates 30 s of clock skew on exp and nbf', async () => {
    const a = actor();
    await expectAccepted(await signWith(es, a, { exp: -10 }), a.sub);
    await expectAccepted(await signWith(rs, a, { nbf: 10 }), a.sub);
  });
});

describe('refused tokens: one uniform 401', () => {
  it('refuses a missing and a malformed token', async () => {
    await expectRefused(null);
    await expectRefused('not-a-token');
  });

  it('refuses alg none (unsigned)', async () => {
    await expectRefused(unsignedToken(actor()));
  });

  it('refuses HS256 signed with the RSA public key as secret (algorithm confusion)', async () => {
    const a = actor();
    for (const key of [rs, es]) {
      const token = await new SignJWT({ org: a.org, role: a.role, agency: a.agency, areas: a.areas })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
        .setSubject(a.sub).setIssuer('ehc-hub-dev').setAudience('ehc-hub').setIssuedAt().setExpirationTime('1h')
        .sign(new TextEncoder().encode(key.publicPem));
      await expectRefused(token);
    }
  });

  it('refuses a token whose header names an algorithm other than its key', async () => {
    const a = actor();
    const token = await signWith(es, a);
    const [, payload, signature] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: es.kid })).toString('base64url');
    await expectRefused(`${header}.${payload}.${signature}`);
  });

  it('refuses a tampered payload and a tampered signature', async () => {
    const a = practitioner('HEALTH');
    for (const key of [es, rs]) {
      const token = await signWith(key, a);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const elevated = Buffer.from(JSON.stringify({ ...claims, role: 'DPO', areas: ['E09000033'] })).toString('base64url');
      await expectRefused(`${header}.${elevated}.${signature}`);
      await expectRefused(`${header}.${payload}.${flipChar(signature)}`);
    }
    const hs = (await t.token(a)).split('.') as [string, string, string];
    await expectRefused(`${hs[0]}.${hs[1]}.${flipChar(hs[2])}`);
  });

  it('refuses a wrong issuer, a wrong audience and a missing exp', async () => {
    const a = actor();
    await expectRefused(await signWith(es, a, { iss: 'https://evil.example' }));
    await expectRefused(await signWith(rs, a, { aud: 'another-service' }));
    await expectRefused(await signWith(es, a, { exp: null }));
    const hsNoExp = await new SignJWT({ org: a.org, role: a.role, agency: a.agency, areas: a.areas })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(a.sub).setIssuer('ehc-hub-dev').setAudience('ehc-hub')
      .sign(new TextEncoder().encode(TEST_SECRET));
    await expectRefused(hsNoExp);
  });

  it('refuses a token expired beyond the tolerance and one not valid until beyond it', async () => {
    const a = actor();
    await expectRefused(await signWith(es, a, { exp: -60 }));
    await expectRefused(await signWith(rs, a, { nbf: 60 }));
    await expectRefused(await t.token(a, -60));
  });

  it('refuses an unknown kid and a key the JWKS does not publish', async () => {
    const a = actor();
    const stranger = await newSigningKey('ES256', 'stranger');
    await expectRefused(await signWith(stranger, a));
    await expectRefused(await signWith(stranger, a, { header: { kid: es.kid } })); // right kid, wrong key
  });

  it('refuses claims of the wrong shape', async () => {
    const a = practitioner('HEALTH');
    await expectRefused(await signWith(es, a, { claims: { role: 'ADMIN' } }));
    await expectRefused(await signWith(es, a, { claims: { agency: undefined } }));
    await expectRefused(await signWith(rs, a, { claims: { agency: 'POLICE' } }));
    await expectRefused(await signWith(rs, a, { claims: { sub: undefined } }));
    await expectRefused(await signWith(es, a, { claims: { areas: ['not-an-area'] } }));
    await expectRefused(await signWith(rs, a, { claims: { org: 42 } }));
  });

  it('answers every refusal with one identical body', async () => {
    expect(refusalBodies.size).toBe(1);
    const [body] = [...refusalBodies];
    expect(JSON.parse(body!).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('key rotation (the verifier the hub uses, on a clock the test drives)', () => {
  it('accepts a newly published kid after the cooldown, and the old one until the cache expires', async () => {
    const a = actor();
    let time = Date.now();
    const verify = createTokenVerifier(t.config.auth, { now: () => time });
    const subOf = async (token: string) => (await verify(token))?.sub ?? null;
    const fetched = idp.fetches;

    expect(await subOf(await signWith(es, a))).toBe(a.sub);
    expect(idp.fetches).toBe(fetched + 1); // the first token fetches the JWKS

    const next = await newSigningKey('ES256', 'es-2');
    idp.keys.push(next);
    time += JWKS_COOLDOWN_MS - 1;
    expect(await subOf(await signWith(next, a))).toBeNull(); // within the cooldown: no re-fetch
    expect(idp.fetches).toBe(fetched + 1);
    time += 1;
    expect(await subOf(await signWith(next, a))).toBe(a.sub); // unknown kid past the cooldown: one re-fetch
    expect(idp.fetches).toBe(fetched + 2);
    const refetchedAt = time;
    expect(await subOf(await signWith(es, a))).toBe(a.sub);

    idp.keys = idp.keys.filter((k) => k.kid !== es.kid);
    time = refetchedAt + JWKS_CACHE_SECONDS * 1000 - 1;
    expect(await subOf(await signWith(es, a))).toBe(a.sub); // removed, but still cached
    expect(idp.fetches).toBe(fetched + 2);
    time = refetchedAt + JWKS_CACHE_SECONDS * 1000;
    expect(await subOf(await signWith(es, a))).toBeNull(); // the cache expired: re-fetched, es is gone
    expect(idp.fetches).toBe(fetched + 3);
    expect(await subOf(await signWith(next, a))).toBe(a.sub);
    expect(await subOf(await signWith(rs, a))).toBe(a.sub);
    expect(idp.fetches).toBe(fetched + 3);
  });

  it('judges expiry by the same clock', async () => {
    const a = actor();
    let time = Date.now();
    const verify = createTokenVerifier(t.config.auth, { now: () => time });
    const token = await signWith(rs, a, { exp: 60 }); // rs: the test above removed es from the JWKS
    expect((await verify(token))?.sub).toBe(a.sub);
    time += (60 + CLOCK_TOLERANCE_SECONDS) * 1000 + 1000;
    expect(await verify(token)).toBeNull();
  });
});
