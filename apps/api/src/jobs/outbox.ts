import { EventEmitter } from 'node:events';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { JobDefinition } from './job-definition.js';

/**
 * A job as the change that causes it writes it, its payload checked against its definition: made
 * only by `OutboxJob.of`, so nothing reaches the outbox unchecked.
 */
export class OutboxJob {
  private constructor(
    /** The job's registered name: it picks the handler. */
    readonly name: string,
    /** One job per key, however often it is written: e.g. `supervise/<case>/<due date>` (the queue's job id). */
    readonly key: string,
    readonly data: Record<string, unknown>,
    /** Not to run before this time (a delayed job). */
    readonly notBefore: Date | null,
  ) {}

  /** Refused here (InvalidJobPayload, a bad key), in the change's transaction, rather than by the worker. */
  static of<Enqueued>(
    job: JobDefinition<Enqueued>,
    entry: { key: string; data: Enqueued; notBefore?: Date | null },
  ): OutboxJob {
    if (!/^[^:\s]{1,200}$/.test(entry.key))
      throw new Error(`job key ${JSON.stringify(entry.key)}: 1-200 characters, no colons or spaces`);
    return new OutboxJob(job.name, entry.key, job.checked(entry.data, 'outbox'), entry.notBefore ?? null);
  }
}

/** Emits 'written' after a transaction that wrote outbox rows commits (the dispatcher listens). */
export const outboxEvents = new EventEmitter();

/**
 * Writes a job into the outbox of the transaction's park, once per key (a key written before is
 * left as it is). It reaches the queue only if the transaction commits: the dispatcher is woken
 * after commit, and finds it on its next round if that wake-up is lost.
 */
export async function enqueueJob(em: EntityManager, job: OutboxJob): Promise<void> {
  await rowsOf(
    em,
    kysely
      .insertInto('outbox')
      .values({
        job_name: job.name,
        job_key: job.key,
        data: JSON.stringify(job.data),
        not_before: job.notBefore,
      })
      .onConflict((conflict) => conflict.columns(['park_id', 'job_key']).doNothing()),
  );
  afterCommit(em, () => outboxEvents.emit('written'));
}
