import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNetwork } from '@qifu/domain';
import { z } from 'zod';

/** `.data/attachments` in the checkout (git-ignored, beside the embedded PostgreSQL's data). */
function defaultAttachmentsDir(): string {
  // src/config and dist/config are both four levels below the repository root.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../.data/attachments');
}

const MEGABYTE = 1024 * 1024;

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

/** Environment of the API, validated once at start so a bad deployment fails before it serves. */
const schema = z
  .object({
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
    /**
     * How far (percent) V8 lets the heap grow past what survived the last full collection before it
     * collects again; 0 keeps V8's own factor (up to four times). Streaming a large export leaves
     * short-lived garbage behind: with a small factor the process stays near its live size (a
     * 100,000-row ledger export adds about 10 MB instead of 80-120 MB) for a few more milliseconds
     * of collection.
     */
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(15),
    /** Sign-in attempts per client address per minute, right or wrong (a flood guard for password hashing). */
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    /** GraphQL introspection and "did you mean" suggestions; off unless set (codegen reads apps/api/schema.graphql). */
    GRAPHQL_INTROSPECTION: flag.default(false),
    /** A GraphQL request's total cost: 1 per field plus the weights of graphql/costs.ts (a dashboard is 200). */
    GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(1_000_000).default(2000),
    /** Aliased fields in one GraphQL request (the console uses none). */
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(20),
    /** Fields at the root of one GraphQL request (the console uses at most 2). */
    GRAPHQL_MAX_ROOT_FIELDS: z.coerce.number().int().min(1).max(1000).default(10),
    /**
     * Which proxies' X-Forwarded-For is believed for the client's address (Express's "trust proxy":
     * names like loopback or uniquelocal, addresses or subnets separated by commas, or a number of
     * hops). Sign-in throttling counts per address: behind a load balancer, name it here, or every
     * sign-in seems to come from the balancer.
     */
    TRUST_PROXY: z
      .string()
      .regex(
        /^(\d{1,2}|(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?))*)$/i,
        'must be a number of hops, or loopback, linklocal, uniquelocal, addresses and subnets separated by commas',
      )
      .default('loopback')
      .transform((value) => (/^\d+$/.test(value) ? Number(value) : value)),
    /** Failures of an account (24 h) before an address that failed on it waits growing delays. */
    SIGN_IN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    /** Failures from one address on any names (1 h) before it waits growing delays. */
    SIGN_IN_ADDRESS_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
    /** The longest delay sign-in throttling imposes. */
    SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /**
     * How long an API process trusts what it read of a user's session (active, session version,
     * roles): a change made through another process takes effect within this many seconds; through
     * the same process, at once. 0: read it on every request.
     */
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    /**
     * A refresh token presented again within this many seconds of its rotation renews the same
     * sign-in (two tabs refreshing at once) instead of ending it as copied; 0: never.
     */
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** The job queue on Redis (several API and worker processes); unset: on PostgreSQL. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Run the job worker inside the API process (one-process installations); else `npm run worker`. */
    WORKER_IN_API: flag.default(true),
    /** Minutes between sweeps for due deadlines (reminders, overdue supervision). */
    DEADLINE_SWEEP_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    /** Reminders go out this many working days before a deadline (0: on the day itself). */
    DEADLINE_REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(20).default(1),
    /** An unanswered referral letter is chased the day after its reply date, and supervised this many working days later. */
    REFERRAL_GRACE_WORKING_DAYS: z.coerce.number().int().min(0).max(20).default(2),
    /** E-mail notifications go through this SMTP server (smtp:// or smtps://, with user:password@ if needed); unset: e-mail deliveries are recorded as skipped. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** The sender of notification e-mails: an address, or a name and <address>. */
    SMTP_FROM: z
      .string()
      .regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address or Name <address>')
      .optional(),
    /** The console's public address, for links to cases in e-mails and webhook messages. */
    CONSOLE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /**
     * Networks (CIDR, comma-separated) a park's webhook may reach besides public addresses, e.g.
     * an SMS gateway on the park's LAN. Empty: public addresses only.
     */
    WEBHOOK_ALLOWED_NETWORKS: z
      .string()
      .default('')
      .transform((list) => list.split(/[\s,]+/).filter(Boolean))
      .refine((list) => list.every(isNetwork), 'must be CIDR networks, e.g. 10.20.0.0/16,fd12:3456::/48'),
    /** Where case attachments are kept: the local disk, or an S3-compatible object store. */
    ATTACHMENTS_STORAGE: z.enum(['local', 's3'], { error: 'must be local or s3' }).default('local'),
    ATTACHMENTS_DIR: z.string().min(1).default(defaultAttachmentsDir),
    /** Uploads are received here before they are checked and stored (removed either way). */
    ATTACHMENTS_TMP_DIR: z
      .string()
      .min(1)
      .default(() => path.join(os.tmpdir(), 'qifu-uploads')),
    ATTACHMENTS_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(1024 * MEGABYTE, 'must be at most 1073741824 (1 GiB)')
      .default(20 * MEGABYTE),
    /** Empty: the AWS endpoint of the region; else the S3-compatible server (MinIO, OSS, COS…). */
    ATTACHMENTS_S3_ENDPOINT: z.url({ error: 'must be an http(s) URL' }).optional(),
    ATTACHMENTS_S3_BUCKET: z.string().min(3, 'must be a bucket name').optional(),
    ATTACHMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
    ATTACHMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    ATTACHMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Most S3-compatible servers want `endpoint/bucket/key` rather than `bucket.endpoint/key`. */
    ATTACHMENTS_S3_FORCE_PATH_STYLE: flag.default(false),
    /** Prepended to every object key, e.g. `qifu/` to share a bucket. */
    ATTACHMENTS_S3_PREFIX: z
      .string()
      .regex(/^([\w.-]+\/)*$/, 'must be empty or end with / (letters, digits, . _ - and /)')
      .default(''),
    /**
     * Every ZIP archive the API opens (.xlsx imports, .docx templates and attachments) is checked
     * against these before it is parsed; see README, Security.
     */
    ZIP_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(1000),
    ZIP_MAX_INFLATED_BYTES: z.coerce
      .number()
      .int()
      .min(1024 * 1024, 'must be at least 1048576 (1 MiB)')
      .max(1024 * MEGABYTE, 'must be at most 1073741824 (1 GiB)')
      .default(32 * MEGABYTE),
    ZIP_MAX_ENTRY_RATIO: z.coerce.number().min(2).max(10_000).default(100),
    ZIP_MAX_TOTAL_RATIO: z.coerce.number().min(2).max(10_000).default(100),
    /**
     * PDF documents through LibreOffice. auto: when it is installed (else Word only, said at start);
     * required: refuse to start without it; off: Word only.
     */
    PDF_CONVERSION: z
      .enum(['auto', 'required', 'off'], { error: 'must be auto, required or off' })
      .default('auto'),
    /** A conversion taking longer is stopped (LibreOffice restarts) and fails. */
    PDF_CONVERSION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
    /** LibreOffice's `soffice`: a command on the PATH or a path. */
    SOFFICE_PATH: z.string().min(1).default('soffice'),
    /** Font mapping for PDF output (Windows names → free fonts); unset: infra/fonts/fonts.conf. */
    PDF_FONTCONFIG_FILE: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.ATTACHMENTS_STORAGE !== 's3') return;
    if (!env.ATTACHMENTS_S3_BUCKET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ATTACHMENTS_S3_BUCKET'],
        message: 'is required when ATTACHMENTS_STORAGE=s3',
      });
    }
    if (Boolean(env.ATTACHMENTS_S3_ACCESS_KEY_ID) !== Boolean(env.ATTACHMENTS_S3_SECRET_ACCESS_KEY)) {
      const missing = env.ATTACHMENTS_S3_ACCESS_KEY_ID
        ? 'ATTACHMENTS_S3_SECRET_ACCESS_KEY'
        : 'ATTACHMENTS_S3_ACCESS_KEY_ID';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message:
          "is required with the other S3 key (give both, or neither to use the environment's credentials)",
      });
    }
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.SMTP_FROM) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'is required with SMTP_URL' });
    }
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
