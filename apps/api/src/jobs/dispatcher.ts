import { sql, type InferResult } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../common/clock.js';
import { DASHBOARD_REFRESH_CASE } from '../dashboards/dashboard-jobs.js';
import type { Json } from '../database/db-types.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { outboxEvents } from './outbox.js';
import type { JobQueue } from './queue.js';

const JOBS_SCOPE = Scope.jobs();
// A queue that cannot be reached must not hold the outbox rows' locks: give up and retry later.
const ADD_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Jobs that may be handed to the queue together: the rows of one park found in one batch become one
 * job whose data lists each row's value of `field` under `into`. A case's dashboard refresh is
 * written by every change of the case (a registration too); refreshing many cases of a park in one
 * job costs little more than one.
 */
const COALESCED: Record<string, { field: string; into: string }> = {
  [DASHBOARD_REFRESH_CASE]: { field: 'caseId', into: 'caseIds' },
};

interface QueuedJob {
  name: string;
  data: Record<string, unknown>;
  jobId: string;
  notBefore: Date | null;
}

/**
 * The queue's jobs for a batch of outbox rows. A coalesced job's id names exactly its rows, so a
 * batch taken again after a crash adds nothing, and a different grouping adds a job whose work
 * (refreshing a case) is the same when done twice.
 */
export function jobsOf(rows: readonly OutboxRow[]): QueuedJob[] {
  const jobs: QueuedJob[] = [];
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const rule = COALESCED[row.job_name];
    if (!rule || row.not_before) {
      jobs.push({
        name: row.job_name,
        data: { ...row.data, parkId: row.park_id },
        jobId: row.job_key,
        notBefore: row.not_before,
      });
      continue;
    }
    const key = `${row.job_name}\n${row.park_id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const group of groups.values()) {
    const [first] = group;
    if (group.length === 1) {
      jobs.push({
        name: first.job_name,
        data: { ...first.data, parkId: first.park_id },
        jobId: first.job_key,
        notBefore: null,
      });
      continue;
    }
    const rule = COALESCED[first.job_name];
    const ids = group.map((r) => Number(r.id));
    jobs.push({
      name: first.job_name,
      data: { parkId: first.park_id, [rule.into]: group.map((r) => r.data[rule.field]) },
      jobId: `${first.job_name}/${first.park_id}/${Math.min(...ids)}-${Math.max(...ids)}-${ids.length}`,
      notBefore: null,
    });
  }
  return jobs;
}

const pendingOutbox = (limit: number) =>
  kysely
    .selectFrom('outbox')
    .select(['id', 'park_id', 'job_name', 'job_key', 'data', 'not_before'])
    .where('dispatched_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();

/** An outbox row with its data as the object `enqueueJob` wrote (a checked job payload). */
export type OutboxRow = Omit<InferResult<ReturnType<typeof pendingOutbox>>[number], 'data'> & {
  data: Record<string, unknown>;
};

function payloadOf(id: string, data: Json): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(`outbox row ${id}: its data is not an object`);
  return data;
}

/**
 * Hands outbox rows to the queue. Rows are locked while they are added and marked in the same
 * transaction, so two dispatchers never both take a row, and a crash before the mark leaves the
 * row to be taken again; the queue's job id (the row's key) makes that second add a no-op.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly onWritten = () => this.kick();

  constructor(
    private readonly db: TenantDb,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Dispatches one batch; the number of jobs handed to the queue. */
  async dispatchBatch(limit = 200): Promise<number> {
    return this.db.run(JOBS_SCOPE, async (em) => {
      const rows: OutboxRow[] = (await rowsOf(em, pendingOutbox(limit))).map((row) => ({
        ...row,
        data: payloadOf(row.id, row.data),
      }));
      if (rows.length === 0) return 0;
      const now = this.clock.now().getTime();
      for (const job of jobsOf(rows)) {
        await withTimeout(
          this.queue.add(job.name, job.data, {
            jobId: job.jobId,
            delay: job.notBefore ? Math.max(0, new Date(job.notBefore).getTime() - now) : 0,
          }),
          ADD_TIMEOUT_MS,
          'adding a job to the queue',
        );
      }
      const ids = rows.map((r) => r.id);
      await rowsOf(
        em,
        kysely
          .updateTable('outbox')
          .set({ dispatched_at: sql`now()` })
          .where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`${ids}::bigint[]`))),
      );
      return rows.length;
    });
  }

  /** Dispatches until nothing is pending. Failures (the queue is down) are logged and retried later. */
  async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.dispatchBatch()) > 0);
        } while (this.again);
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox dispatch failed; retrying later');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Asks for a dispatch soon (after a commit that wrote jobs). */
  kick(): void {
    void this.drain();
  }

  /** Dispatches after every commit that writes jobs, and every `pollMs` for what was left behind. */
  start(pollMs = 5000): void {
    outboxEvents.on('written', this.onWritten);
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    outboxEvents.off('written', this.onWritten);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
