import { z } from 'zod';

/** The only reader of process.env: configuration parsed and validated once. */
const EnvSchema = z
  .object({
    RECKON_DATABASE_URL: z.string().min(1).default('file:./data/reckon.db'),
    RECKON_DATABASE_AUTH_TOKEN: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    RECKON_MIN_PROBABILITY: z.coerce.number().gt(0).lt(1).default(0.01),
    RECKON_MAX_PROBABILITY: z.coerce.number().gt(0).lt(1).default(0.99),
    RECKON_DURABILITY: z.enum(['full', 'normal']).default('full'),
    RECKON_READ: z.enum(['public', 'token']).default('public'),
    RECKON_CORS_ORIGIN: z.string().optional(),
    RECKON_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  })
  .refine((e) => e.RECKON_MIN_PROBABILITY < e.RECKON_MAX_PROBABILITY, {
    message: 'RECKON_MIN_PROBABILITY must be below RECKON_MAX_PROBABILITY',
    path: ['RECKON_MIN_PROBABILITY'],
  });

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
