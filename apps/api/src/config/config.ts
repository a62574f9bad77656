import { z } from 'zod';

/** Environment of the API, validated once at start so a bad deployment fails before it serves. */
const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required (PostgreSQL URL of the role that owns the schema)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  APP_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  APP_DATABASE_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  JWT_SECRET: z
    .string({ error: 'is required (at least 32 characters)' })
    .min(32, 'must be at least 32 characters'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  ADMIN_DIST: z.string().optional(),
  QIFU_SEED: z.enum(['demo', 'none']).default('none'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** Sign-in attempts per client address per minute (each address+username gets a sixth of it). */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export type AppConfig = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
