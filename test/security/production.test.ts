/**
 * Issue 7 §3: production mode. A hub booted with NODE_ENV=production, a JWKS and no HS256 secret:
 * introspection, suggestions, stack traces, landing page and CSRF-able requests are all refused, unknown
 * errors are masked with a request id and logged (JSON, with that id), and HS256 tokens are refused.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { ConfigError, parseConfig } from '../../src/platform/config.js';
import { formatHubError, rememberRequestOf } from '../../src/platform/graphql/format-error.js';
import { startHub, type Hub } from '../../src/app/hub-server.js';
import { coordinatorOf, newAreaCode } from '../support/factories.js';
import { TEST_SECRET, testConfig } from '../support/test-hub.js';
import { newSigningKey, signWith, startJwksServer, type JwksServer, type SigningKey } from './jwks-server.js';

let hub: Hub;
let idp: JwksServer;
let key: SigningKey;
const logLines: string[] = [];

beforeAll(async () => {
  key = await newSigningKey('ES256', 'prod-1');
  idp = await startJwksServer([key]);
  const config = testConfig({
    NODE_ENV: 'production',
    AUTH_JWKS_URL: idp.url,
    DISCLOSURE_KEY: 'production-disclosure-key-for-tests',
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUTH_HS256_SECRET: undefined,
    LOG_LEVEL: 'info',
  });
  expect(config.production).toBe(true);
  expect(config.auth.hs256Secret).toBeNull();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  hub = await startHub(config, { log: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await hub?.close();
  await idp?.close();
});

interface Raw {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

async function post(actor: Actor | string | null, body: unknown, headers: Record<string, string> = {}): Promise<Raw> {
  const token = actor === null ? null : typeof actor === 'string' ? actor : await signWith(key, actor);
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json, headers: res.headers };
}

const errorCodes = (r: Raw) => (r.json?.errors ?? []).map((e: any) => e.extensions?.code);
const actor = () => coordinatorOf(newAreaCode());

describe('configuration', () => {
  it('refuses AUTH_HS256_SECRET when NODE_ENV=production, naming it', () => {
    const env = { NODE_ENV: 'production', AUTH_JWKS_URL: idp.url, DISCLOSURE_KEY: 'k'.repeat(20), AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    expect(() => parseConfig({ ...env, AUTH_HS256_SECRET: TEST_SECRET })).toThrow(ConfigError);
    expect(() => parseConfig({ ...env, AUTH_HS256_SECRET: TEST_SECRET })).toThrow(/AUTH_HS256_SECRET/);
    expect(parseConfig(env).auth.hs256Secret).toBeNull();
  });
});

describe('a production hub', () => {
  it('accepts ES256 tokens from the JWKS', async () => {
    const a = actor();
    const r = await post(a, { query: '{ me { sub } }' });
    expect(r.status).toBe(200);
    expect(r.json.data.me.sub).toBe(a.sub);
  });

  it('refuses HS256 tokens, even ones signed with the development or test secret', async () => {
    const { signDevelopmentToken } = await import('../../src/platform/auth/sign-token.js');
    const { DEVELOPMENT_HS256_SECRET } = await import('../../src/platform/config.js');
    for (const secret of [TEST_SECRET, DEVELOPMENT_HS256_SECRET]) {
      const token = await signDevelopmentToken(actor(), { secret, issuer: 'ehc-hub-dev', audience: 'ehc-hub' });
      const r = await post(token, { query: '{ me { sub } }' });
      expect(r.status).toBe(401);
    }
  });

  it('refuses introspection', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Child") { fields { name } } }']) {
      const r = await post(actor(), { query });
      expect(r.json.data ?? null).toBeNull();
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.text).toMatch(/introspection/i);
      expect(r.text).not.toContain('nhsNumber');
    }
  });

  it('gives no "Did you mean" suggestions', async () => {
    for (const query of ['{ me { su } }', '{ chidren(first: 1) { edges { node { id } } } }', '{ child(id: "x") { givenNam } }']) {
      const r = await post(actor(), { query });
      expect(errorCodes(r).length).toBeGreaterThan(0);
      expect(r.text).not.toMatch(/did you mean/i);
      expect(r.text).not.toMatch(/givenName|children|"sub"/);
    }
  });

  it('sends no stack traces', async () => {
    const cases = [
      { query: '{ me { ' },
      { query: 'query($id: ID!) { child(id: $id) { id } }', variables: { id: 42.5 } },
      { query: '{ child(id: "00000000-0000-4000-8000-000000000000") { id } }' },
      { query: '{ children(first: 1000) { edges { cursor } } }' },
    ];
    for (const body of cases) {
      const r = await post(actor(), body);
      expect(errorCodes(r).length).toBeGreaterThan(0);
      for (const e of r.json.errors) expect(e.extensions?.stacktrace).toBeUndefined();
      expect(r.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
    }
  });

  it('has no landing page', async () => {
    const token = await signWith(key, actor());
    const res = await fetch(hub.url, { headers: { accept: 'text/html', authorization: `Bearer ${token}` } });
    const text = await res.text();
    expect(text).not.toMatch(/<html|apollo sandbox|embeddable/i);
  });

  it('prevents CSRF: a text/plain POST and a simple GET are refused with 400', async () => {
    const a = actor();
    const plain = await post(a, JSON.stringify({ query: '{ me { sub } }' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.text).not.toContain(a.sub);
    const form = await post(a, 'query=%7B%20me%20%7B%20sub%20%7D%20%7D', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    const token = await signWith(key, a);
    const get = await fetch(`${hub.url}?query=${encodeURIComponent('{ me { sub } }')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).not.toContain(a.sub);
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR with a request id, and logs the original with it', async () => {
    // Make the audit append fail for this actor only (the PostgreSQL database is shared).
    const a = { ...actor(), sub: `prod-fault:${randomUUID()}` };
    const suffix = randomBytes(6).toString('hex');
    const db = hub.database.db;
    await db.execute(sql.raw(`create function prod_fail_${suffix}() returns trigger language plpgsql as $$
      begin raise exception 'secret internals: relation prod_fail_${suffix} exploded'; end $$`));
    await db.execute(sql.raw(`create trigger prod_fail_trigger_${suffix} before insert on audit_events for each row
      when (new.actor_sub = '${a.sub}') execute function prod_fail_${suffix}()`));
    try {
      const r = await post(a, {
        query: 'mutation($input: RegisterChildInput!) { registerChild(input: $input) { id givenName } }',
        variables: { input: { givenName: 'Prudence', familyName: 'Fault', dateOfBirth: '2015-04-01', areaCode: a.areas[0] } },
      });
      expect(r.status).toBe(500);
      expect(r.json.data).toBeNull();
      expect(r.json.errors).toHaveLength(1);
      const [error] = r.json.errors;
      expect(error.message).toBe('Internal server error');
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const requestId = error.extensions.requestId;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.get('x-request-id')).toBe(requestId);
      expect(r.text).not.toMatch(/secret internals|exploded|prod_fail|stack|Prudence/i);
      const logged = logLines.map((l) => JSON.parse(l)).filter((l) => l.requestId === requestId);
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(logged)).toContain('secret internals');
      expect(logged.every((l) => typeof l.level === 'number' && typeof l.msg === 'string')).toBe(true);
    } finally {
      await db.execute(sql.raw(`drop trigger if exists prod_fail_trigger_${suffix} on audit_events`));
      await db.execute(sql.raw(`drop function if exists prod_fail_${suffix}()`));
    }
  });
});

describe('formatHubError', () => {
  it('masks an unknown resolver error, keeping only the request id and path', () => {
    const original = new Error('relation "children" does not exist at /srv/app/store.ts:42');
    // The hub's Apollo plugin remembers each error's request before Apollo formats it.
    const error = new GraphQLError(original.message, { originalError: original });
    rememberRequestOf([error], 'req-123');
    const formatted = formatHubError(
      { message: original.message, path: ['child'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x'] } },
      error,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['child'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' } });
  });

  it('keeps a deliberate error but drops its stack trace', async () => {
    const { notFound } = await import('../../src/platform/errors.js');
    const error = notFound();
    const formatted = formatHubError({ message: error.message, extensions: { code: 'NOT_FOUND', stacktrace: ['at y'] } }, error);
    expect(formatted).toEqual({ message: error.message, extensions: { code: 'NOT_FOUND' } });
  });
});
