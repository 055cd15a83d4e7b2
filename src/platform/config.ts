/**
 * The one configuration module (CONTRIBUTING.md): the environment listed in README.md, validated with zod.
 * Tests build their own config with `parseConfig({...})`; nothing reads `.env`.
 */
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';

/** A PEM given in one line (`\n` escapes, as environment files often carry it) read as the PEM it stands for. */
const pemText = (pem: string) => pem.replace(/\\n/g, '\n');

function isEd25519PrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pemText(pem)).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

/** Used only outside production, with a loud warning, so that `npm start` works on a fresh clone. */
export const DEVELOPMENT_HS256_SECRET = 'ehc-hub-development-secret-not-for-production-use';
const DEVELOPMENT_DISCLOSURE_KEY = 'ehc-hub-development-disclosure-key';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const WORKERS_RANGE = 'must be a whole number from 1 to 64';

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SEED: z.enum(['demo', 'none']).default('demo'),
    // Exactly one of three: anything else (`Production`, `prod`) would silently run without production hardening.
    NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).optional(),
    AUTH_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_ISSUER: z.string().min(1).default('ehc-hub-dev'),
    AUTH_AUDIENCE: z.string().min(1).default('ehc-hub'),
    AUTH_JWKS_CACHE_SECONDS: positiveInt(600),
    DISCLOSURE_KEY: z.string().min(16).optional(),
    /** PKCS#8 PEM Ed25519 private key that signs the audit chain's checkpoints (docs/audit.md). */
    AUDIT_SIGNING_KEY: z
      .string()
      .refine((pem) => isEd25519PrivateKey(pem), { message: 'must be an Ed25519 private key in PKCS#8 PEM' })
      .optional(),
    BREAK_GLASS_HOURS: z.coerce.number().positive().max(24).default(4),
    BULK_ACCESS_THRESHOLD: positiveInt(50),
    RATE_LIMIT_PER_MINUTE: positiveInt(600),
    DB_POOL_SIZE: positiveInt(10),
    // `npm start` as N processes on one port (src/app/cluster.ts); each has its own pool of DB_POOL_SIZE.
    HUB_WORKERS: z.coerce.number({ message: WORKERS_RANGE }).int(WORKERS_RANGE).min(1, WORKERS_RANGE).max(64, WORKERS_RANGE).default(1),
    // The federated layout (docs/federation.md): subgraph i on loopback at SUBGRAPH_PORT_BASE + i, requests signed with the gateway's own key.
    SUBGRAPH_PORT_BASE: z.coerce.number().int().min(1).max(65535).optional(),
    GATEWAY_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // The FHIR API's public base (docs/fhir.md), never taken from the client's Host header.
    FHIR_BASE_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (production && env.AUTH_HS256_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_HS256_SECRET'], message: 'is refused when NODE_ENV=production' });
    }
    if (production && !env.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'is required when NODE_ENV=production' });
    }
    if (production && !env.AUDIT_SIGNING_KEY) {
      ctx.addIssue({ code: 'custom', path: ['AUDIT_SIGNING_KEY'], message: 'is required when NODE_ENV=production' });
    }
    // The embedded database is one process's files (data-dir-lock.ts): refused rather than quietly run
    // as one worker, so an operator who asked for N processes is never served by fewer without knowing.
    if (env.HUB_WORKERS > 1 && env.HUB_WORKERS <= 64 && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['HUB_WORKERS'], message: `is ${env.HUB_WORKERS}, but more than 1 needs DATABASE_URL (PostgreSQL): the embedded PGlite database belongs to one process` });
    }
    if (production && !env.DISCLOSURE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DISCLOSURE_KEY'], message: 'is required when NODE_ENV=production' });
    }
  });

export interface Config {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  seed: 'demo' | 'none';
  production: boolean;
  auth: {
    hs256Secret: string | null;
    usingDevelopmentSecret: boolean;
    jwksUrl: string | null;
    issuer: string;
    audience: string;
    /** How long fetched JWKS keys are trusted before a re-fetch (a removed key stops working after this). */
    jwksCacheSeconds: number;
  };
  disclosureKey: string;
  /** PEM of the checkpoint signing key; null outside production without one (a key is generated per process). */
  auditSigningKey: string | null;
  breakGlassHours: number;
  bulkAccessThreshold: number;
  rateLimitPerMinute: number;
  dbPoolSize: number;
  /** Processes `npm start` runs on one port (1: no cluster); more than 1 only on PostgreSQL. */
  workers: number;
  logLevel: string;
  /** The FHIR API's public base, absolute (`https://hub.example.org/fhir`); null: http://localhost:<port>/fhir. */
  fhirBaseUrl: string | null;
  federation: {
    subgraphPortBase: number;
    gatewaySecret: string | null;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates an environment-shaped record; throws ConfigError listing every problem at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = result.data;
  const production = e.NODE_ENV === 'production';
  // The public development secret only when nothing else could verify a token and never in production:
  // a hub given a JWKS URL (or its own secret) must not also accept tokens anyone can mint.
  const hs256Secret = e.AUTH_HS256_SECRET ?? (production || e.AUTH_JWKS_URL ? null : DEVELOPMENT_HS256_SECRET);
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    seed: e.SEED,
    production,
    auth: {
      hs256Secret,
      usingDevelopmentSecret: hs256Secret === DEVELOPMENT_HS256_SECRET,
      jwksUrl: e.AUTH_JWKS_URL ?? null,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      jwksCacheSeconds: e.AUTH_JWKS_CACHE_SECONDS,
    },
    disclosureKey: e.DISCLOSURE_KEY ?? DEVELOPMENT_DISCLOSURE_KEY,
    auditSigningKey: e.AUDIT_SIGNING_KEY ? pemText(e.AUDIT_SIGNING_KEY) : null,
    breakGlassHours: e.BREAK_GLASS_HOURS,
    bulkAccessThreshold: e.BULK_ACCESS_THRESHOLD,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    dbPoolSize: e.DB_POOL_SIZE,
    workers: e.HUB_WORKERS,
    logLevel: e.LOG_LEVEL,
    fhirBaseUrl: e.FHIR_BASE_URL ?? null,
    federation: { subgraphPortBase: e.SUBGRAPH_PORT_BASE ?? e.PORT + 1, gatewaySecret: e.GATEWAY_HS256_SECRET ?? null },
  };
}

/** For entry points: parse process.env, or print every problem and exit non-zero. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
