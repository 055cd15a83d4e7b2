import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_HS256_SECRET, parseConfig } from '../../src/platform/config.js';

const AUDIT_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('config', () => {
  it('applies the documented defaults (README.md)', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: null, dataDir: './data', seed: 'demo', production: false });
    expect(config.auth).toMatchObject({ hs256Secret: DEVELOPMENT_HS256_SECRET, usingDevelopmentSecret: true, issuer: 'ehc-hub-dev', audience: 'ehc-hub' });
  });

  it('reports every problem at once', () => {
    try {
      parseConfig({ PORT: 'eighty', SEED: 'lots', DATABASE_URL: 'mysql://x', AUTH_HS256_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const field of ['PORT', 'SEED', 'DATABASE_URL', 'AUTH_HS256_SECRET']) expect(problems).toContain(field);
    }
  });

  it('accepts only development, test or production as NODE_ENV, naming it otherwise', () => {
    for (const value of ['Production', 'prod', 'staging', ' production']) {
      expect(() => parseConfig({ NODE_ENV: value }), value).toThrow(/NODE_ENV/);
    }
    for (const value of ['development', 'test']) expect(parseConfig({ NODE_ENV: value }).production).toBe(false);
  });

  it('uses the public development secret only when no JWKS and no secret are configured, outside production', () => {
    expect(parseConfig({}).auth.usingDevelopmentSecret).toBe(true);
    const withJwks = parseConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks', DISCLOSURE_KEY: 'k'.repeat(20) });
    expect(withJwks.auth).toMatchObject({ hs256Secret: null, usingDevelopmentSecret: false });
    const withSecret = parseConfig({ AUTH_HS256_SECRET: 's'.repeat(40) });
    expect(withSecret.auth).toMatchObject({ hs256Secret: 's'.repeat(40), usingDevelopmentSecret: false });
  });

  it('refuses an HS256 secret in production and requires JWKS and a disclosure key there', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', AUTH_HS256_SECRET: 'x'.repeat(40), AUTH_JWKS_URL: 'https://idp/jwks', DISCLOSURE_KEY: 'k'.repeat(20) })).toThrow(/AUTH_HS256_SECRET/);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL/);
    const prod = parseConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', DISCLOSURE_KEY: 'k'.repeat(20), AUDIT_SIGNING_KEY });
    expect(prod.auth.hs256Secret).toBeNull();
    expect(prod.production).toBe(true);
  });

  it('requires an Ed25519 PKCS#8 audit signing key in production, and accepts it with escaped newlines', () => {
    const env = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', DISCLOSURE_KEY: 'k'.repeat(20) };
    expect(() => parseConfig(env)).toThrow(/AUDIT_SIGNING_KEY/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parseConfig({ ...env, AUDIT_SIGNING_KEY: rsa })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(parseConfig({ ...env, AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY.replace(/\n/g, '\\n') }).auditSigningKey).toBe(AUDIT_SIGNING_KEY);
    expect(parseConfig({}).auditSigningKey).toBeNull();
  });

  it('runs one process by default and accepts HUB_WORKERS from 1 to 64 on PostgreSQL, naming any other value', () => {
    const pg = 'postgres://postgres@127.0.0.1:5432/x';
    expect(parseConfig({}).workers).toBe(1);
    expect(parseConfig({ HUB_WORKERS: '1' }).workers).toBe(1);
    expect(parseConfig({ HUB_WORKERS: '2', DATABASE_URL: pg }).workers).toBe(2);
    expect(parseConfig({ HUB_WORKERS: '64', DATABASE_URL: pg }).workers).toBe(64);
    for (const value of ['0', '-1', '1.5', 'two', '65']) {
      try {
        parseConfig({ HUB_WORKERS: value, DATABASE_URL: pg });
        expect.unreachable(value);
      } catch (error) {
        expect((error as ConfigError).problems, value).toEqual(['HUB_WORKERS: must be a whole number from 1 to 64']);
      }
    }
  });

  it('refuses more than one worker on the embedded database: one process owns its data directory', () => {
    for (const env of [{ HUB_WORKERS: '2' }, { HUB_WORKERS: '8', DATA_DIR: 'memory://' }]) {
      try {
        parseConfig(env);
        expect.unreachable(JSON.stringify(env));
      } catch (error) {
        expect((error as ConfigError).problems).toEqual([
          `HUB_WORKERS: is ${env.HUB_WORKERS}, but more than 1 needs DATABASE_URL (PostgreSQL): the embedded PGlite database belongs to one process`,
        ]);
      }
    }
  });
});
