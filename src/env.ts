import { z } from 'zod';

/** The only reader of process.env: configuration parsed and validated once. */
const EnvSchema = z
  .object({
    RECKON_DATABASE_URL: z.string().min(1).default('file:./data/reckon.db'),
    RECKON_DATABASE_AUTH_TOKEN: z.string().optional(),
    /** A libSQL server (or Turso database) that the file: database is an embedded replica of. */
    RECKON_DATABASE_SYNC_URL: z
      .string()
      .regex(/^(libsql|https?|wss?):\/\//, 'a libsql://, https:// or http:// URL of the primary')
      .optional(),
    /** Seconds between the replica's background syncs. */
    RECKON_DATABASE_SYNC_INTERVAL: z.coerce.number().int().min(1).default(60),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    RECKON_MIN_PROBABILITY: z.coerce.number().gt(0).lt(1).default(0.01),
    RECKON_MAX_PROBABILITY: z.coerce.number().gt(0).lt(1).default(0.99),
    RECKON_DURABILITY: z.enum(['full', 'normal']).default('full'),
    RECKON_READ: z.enum(['public', 'token']).default('public'),
    RECKON_CORS_ORIGIN: z.string().optional(),
    RECKON_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
    /** Writes per minute per token or address; 0 turns the limit off. */
    RECKON_WRITE_RATE: z.coerce.number().int().min(0).default(1200),
    /** Expensive reads (verify, overview, time-weighted/quantile calibration) in progress at once; more get 503. */
    RECKON_HEAVY_READS: z.coerce.number().int().min(1).max(64).default(2),
    /** Minutes between background walks of the whole hash chain (GET /api/verify checks new events at once). */
    RECKON_FULL_VERIFY_MINUTES: z.coerce.number().int().min(1).default(15),
    RECKON_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** The instance's Ed25519 key for signed checkpoints (created on first use). */
    RECKON_SIGNING_KEY_FILE: z.string().optional(),
    /** 1: webhooks may target loopback and private addresses (a local receiver, tests). */
    RECKON_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false']).default('0'),
  })
  .refine((e) => e.RECKON_MIN_PROBABILITY < e.RECKON_MAX_PROBABILITY, {
    message: 'RECKON_MIN_PROBABILITY must be below RECKON_MAX_PROBABILITY',
    path: ['RECKON_MIN_PROBABILITY'],
  })
  .refine((e) => e.RECKON_DATABASE_SYNC_URL === undefined || e.RECKON_DATABASE_URL.startsWith('file:'), {
    message: 'a replica is a local file: set RECKON_DATABASE_URL to file:… (the replica) and RECKON_DATABASE_SYNC_URL to the primary',
    path: ['RECKON_DATABASE_SYNC_URL'],
  });

/** The database options the environment names (src/db/client.ts's OpenOptions). */
export function databaseOptions(env: Env) {
  return {
    url: env.RECKON_DATABASE_URL,
    authToken: env.RECKON_DATABASE_AUTH_TOKEN,
    durability: env.RECKON_DURABILITY,
    ...(env.RECKON_DATABASE_SYNC_URL ? { syncUrl: env.RECKON_DATABASE_SYNC_URL, syncInterval: env.RECKON_DATABASE_SYNC_INTERVAL } : {}),
  };
}

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Where the signing key lives: RECKON_SIGNING_KEY_FILE, else beside a file database, else ./data. */
export function signingKeyPath(env: Env): string {
  if (env.RECKON_SIGNING_KEY_FILE) return env.RECKON_SIGNING_KEY_FILE;
  const url = env.RECKON_DATABASE_URL;
  if (url.startsWith('file:')) {
    const path = url.slice(5).split('?')[0] ?? '';
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    return `${dir || '.'}/reckon-signing-key.pem`;
  }
  return './data/reckon-signing-key.pem';
}
