import type { Logger } from 'pino';
import type { Clock } from '../common/clock.js';
import { NO_SCOPE, type TenantDb } from '../database/tenant-db.js';
import { outboxEvents } from './outbox.js';
import type { JobQueue } from './queue.js';

const JOBS_SCOPE = { ...NO_SCOPE, jobs: true };
// A queue that cannot be reached must not hold the outbox rows' locks: give up and retry later.
const ADD_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface OutboxRow {
  id: string;
  park_id: string;
  job_name: string;
  job_key: string;
  data: Record<string, unknown>;
  not_before: Date | null;
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
      const rows = (await em.query(
        `SELECT id, park_id, job_name, job_key, data, not_before FROM outbox
          WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      const now = this.clock.now().getTime();
      for (const row of rows) {
        await withTimeout(
          this.queue.add(
            row.job_name,
            { ...row.data, parkId: row.park_id },
            {
              jobId: row.job_key,
              delay: row.not_before ? Math.max(0, new Date(row.not_before).getTime() - now) : 0,
            },
          ),
          ADD_TIMEOUT_MS,
          'adding a job to the queue',
        );
      }
      await em.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
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
