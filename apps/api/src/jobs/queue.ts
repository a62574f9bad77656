import { createPostgresBackend, Queue, Worker, type Job, type JobsOptions } from 'bullmq';

/** Nest provider token of the process's JobQueue (absent where no queue is configured). */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** All of Qifu's jobs go through one queue; the job's name picks its handler. */
export const QUEUE_NAME = 'qifu';

/** Where the queue lives: Redis in production with several processes, else the park's PostgreSQL. */
export type QueueBackend = { kind: 'redis'; url: string } | { kind: 'postgres'; url: string };

export function queueBackendOf(config: { REDIS_URL?: string; DATABASE_URL: string }): QueueBackend {
  return config.REDIS_URL
    ? { kind: 'redis', url: config.REDIS_URL }
    : { kind: 'postgres', url: config.DATABASE_URL };
}

// Retries with backoff (10 s, 20 s, 40 s…); finished jobs are kept a week for the record, failed
// ones until a platform admin retries or discards them.
const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/** What the API and the runner need of a BullMQ queue, whichever its backend. */
export interface JobQueue {
  add(name: string, data: Record<string, unknown>, opts: JobsOptions): Promise<unknown>;
  getJob(id: string): Promise<Job | undefined>;
  getFailed(start?: number, end?: number): Promise<Job[]>;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  upsertJobScheduler(
    id: string,
    repeat: { every: number } | { pattern: string; tz: string },
    template: { name: string },
  ): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

export type JobProcessor = (job: Job) => Promise<unknown>;

export interface JobWorker {
  close(force?: boolean): Promise<void>;
  on(event: 'failed', listener: (job: Job | undefined, error: Error) => void): unknown;
  on(event: 'completed', listener: (job: Job) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

function postgresConnection(url: string) {
  // BullMQ keeps its tables in their own schema; it creates and upgrades them itself.
  return { connectionString: url, schema: 'bullmq', migrate: true, max: 4 };
}

/**
 * A producer. On Redis a command fails after one reconnection attempt instead of waiting for
 * Redis to come back: the outbox keeps the job until the queue is back.
 */
export function openQueue(backend: QueueBackend, name = QUEUE_NAME): JobQueue {
  if (backend.kind === 'redis') {
    return new Queue(name, {
      connection: { url: backend.url, maxRetriesPerRequest: 1 },
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    }) as unknown as JobQueue;
  }
  return new Queue(
    name,
    { connection: postgresConnection(backend.url), defaultJobOptions: DEFAULT_JOB_OPTIONS },
    createPostgresBackend,
  ) as unknown as JobQueue;
}

/** A consumer running `processor` for each job, `concurrency` at a time. */
export function openWorker(
  backend: QueueBackend,
  processor: JobProcessor,
  options: {
    concurrency?: number;
    name?: string;
    /** How long a job stays claimed without its worker renewing the claim (BullMQ: 30 s). */
    lockDurationMs?: number;
    /** How often stalled jobs (their worker died) are looked for and put back (BullMQ: 30 s). */
    stalledIntervalMs?: number;
  } = {},
): JobWorker {
  const opts = {
    concurrency: options.concurrency ?? 4,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  if (backend.kind === 'redis') {
    // A worker blocks on Redis and must wait out disconnections rather than fail its commands.
    return new Worker(options.name ?? QUEUE_NAME, processor, {
      ...opts,
      connection: { url: backend.url, maxRetriesPerRequest: null },
    }) as unknown as JobWorker;
  }
  return new Worker(
    options.name ?? QUEUE_NAME,
    processor,
    { ...opts, connection: postgresConnection(backend.url) },
    createPostgresBackend,
  ) as unknown as JobWorker;
}
