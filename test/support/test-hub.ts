/**
 * Starts the real HTTP server on a real database for integration tests: an in-memory PGlite by
 * default, the PostgreSQL of DATABASE_URL when set (CI runs both). Tests never share scenario data:
 * each builds its own area and children with the factories, so they run in any order.
 */
import 'reflect-metadata';
import { inject } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { signDevelopmentToken } from '../../src/platform/auth/sign-token.js';
import { parseConfig, type Config } from '../../src/platform/config.js';
import { startHub, type Hub } from '../../src/app/hub-server.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { pgliteFromImage } from './pglite-image.js';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface GqlResult<T = any> {
  status: number;
  /** The hub's id for the request (x-request-id): its audit events carry it. */
  requestId: string | null;
  data: T | null;
  errors: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[] | undefined;
}

export interface TestHub {
  hub: Hub;
  config: Config;
  url: string;
  token(actor: Actor, expiresIn?: number): Promise<string>;
  gql<T = any>(actor: Actor | string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    PORT: '0',
    DATA_DIR: 'memory://',
    DATABASE_URL: process.env.DATABASE_URL,
    SEED: 'none',
    LOG_LEVEL: 'silent',
    AUTH_HS256_SECRET: TEST_SECRET,
    DB_POOL_SIZE: '5',
    ...env,
  });
}

export async function startTestHub(env: Record<string, string | undefined> = {}): Promise<TestHub> {
  const config = testConfig(env);
  // In-memory PGlite starts from the migrated image (pglite-image.ts), not from initdb and migrations.
  const image = config.databaseUrl || config.dataDir !== 'memory://' ? null : inject('pgliteImage');
  const database = image ? await openDatabase({ databaseUrl: null, dataDir: 'memory://', pglite: await pgliteFromImage(image) }) : undefined;
  const hub = await startHub(config, { log: createLogger('silent'), database });
  const token = (actor: Actor, expiresIn?: number) =>
    signDevelopmentToken(actor, { secret: TEST_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresIn });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    hub,
    config,
    url: hub.url,
    token,
    post,
    async gql(actor, query, variables) {
      const bearer = actor === null ? null : typeof actor === 'string' ? actor : await token(actor);
      const res = await post(JSON.stringify({ query, variables }), bearer ? { authorization: `Bearer ${bearer}` } : {});
      const json = (await res.json()) as { data?: unknown; errors?: GqlResult['errors'] };
      return { status: res.status, requestId: res.headers.get('x-request-id'), data: (json.data ?? null) as never, errors: json.errors };
    },
    close: () => hub.close(),
  };
}

/** The codes of a result's errors, for terse assertions. */
export const codes = (result: GqlResult) => (result.errors ?? []).map((e) => e.extensions?.code);
