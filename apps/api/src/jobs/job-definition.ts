import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import type { CaseService } from '../cases/case.service.js';
import type { Clock } from '../common/clock.js';
import type { FieldProblem } from '../common/errors.js';
import { zodProblems } from '../common/zod-problems.js';
import type { TenantDb } from '../database/tenant-db.js';
import type { IssuedDocumentService } from '../documents/issued-document.service.js';
import type { PdfConverter } from '../documents/pdf-converter.js';
import type { NotificationDelivery } from '../notifications/notification-delivery.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { DeadlinePolicy } from './deadline-jobs.js';
import type { JobQueue } from './queue.js';

/** What a job's handler may use: the worker's services. */
export interface JobDeps {
  db: TenantDb;
  cases: CaseService;
  notifications: NotificationService;
  delivery: NotificationDelivery;
  policy: DeadlinePolicy;
  /** Where issued files are stored, and LibreOffice for their PDFs. */
  storage: AttachmentStorage;
  pdfConverter: PdfConverter;
  /** Issues the documents of batches. */
  documents: IssuedDocumentService;
  clock: Clock;
  logger: Logger;
}

/** The attempt being made: the last one may record why the work stopped. */
export interface JobAttempt {
  finalAttempt: boolean;
}

type Fields = z.core.$ZodLooseShape;
type FieldsSchema<F extends Fields> = ReturnType<typeof z.strictObject<F>>;

/** The payload of a job whose fields are `F`, as its handler receives it. */
export type JobData<F extends Fields> = z.output<FieldsSchema<F>>;

/** A field's message: `is required` when it is missing, else what it must be. */
const mustBe = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
});
/** A payload field naming a row. */
export const rowId = () => z.guid(mustBe('must be a UUID'));
/** A payload field holding a day (`YYYY-MM-DD`). */
export const isoDay = () => z.iso.date(mustBe('must be a day YYYY-MM-DD'));

/**
 * A payload that does not match its job's schema. Another attempt cannot help (the same payload
 * fails the same way), so the queue fails the job at once instead of retrying it.
 */
export class InvalidJobPayload extends UnrecoverableError {
  constructor(
    readonly jobName: string,
    readonly problems: FieldProblem[],
  ) {
    super(
      `job ${jobName}: invalid payload: ${problems.map((p) => `${p.path || '(payload)'}: ${p.message}`).join('; ')}`,
    );
  }
}

/** What the registry and the worker need of a job, whatever its payload. */
export interface RegisteredJob {
  readonly name: string;
  /** Checks the stored payload (InvalidJobPayload), then works the job. */
  work(deps: JobDeps, data: unknown, attempt: JobAttempt): Promise<unknown>;
}

/** A job: its name, the payload its producers hand in, and the handler that works it. */
export interface JobDefinition<Enqueued> extends RegisteredJob {
  /**
   * The payload as it is stored for the worker, once checked (InvalidJobPayload). Into the outbox, a
   * park's job may leave its park to the row; straight into the queue it may not.
   */
  checked(data: Enqueued, into: 'outbox' | 'queue'): Record<string, unknown>;
}

function check<S extends z.ZodType>(name: string, schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InvalidJobPayload(name, zodProblems(parsed.error));
  return parsed.data;
}

/** A job of no one park (a sweep of them all, the morning digest): its payload has exactly `payload`. */
export function defineJob<F extends Fields>(spec: {
  name: string;
  payload: F;
  handle: (deps: JobDeps, data: JobData<F>, attempt: JobAttempt) => Promise<unknown>;
}): JobDefinition<z.input<FieldsSchema<F>>> {
  const schema = z.strictObject(spec.payload);
  return {
    name: spec.name,
    checked: (data) => check(spec.name, schema, data),
    work: (deps, data, attempt) => spec.handle(deps, check(spec.name, schema, data), attempt),
  };
}

type ParkFields<F extends Fields> = F & { parkId: z.ZodGUID };
type EnqueuedParkFields<F extends Fields> = F & { parkId: z.ZodOptional<z.ZodGUID> };

/**
 * A job of one park: its payload has exactly `payload` and `parkId`. A producer may leave `parkId`
 * out: the outbox row is its transaction's park, which the dispatcher adds.
 */
export function defineParkJob<F extends Fields>(spec: {
  name: string;
  payload: F;
  handle: (deps: JobDeps, data: JobData<ParkFields<F>>, attempt: JobAttempt) => Promise<unknown>;
}): JobDefinition<z.input<FieldsSchema<EnqueuedParkFields<F>>>> {
  const schema = z.strictObject<ParkFields<F>>({ ...spec.payload, parkId: rowId() });
  const enqueued = z.strictObject<EnqueuedParkFields<F>>({ ...spec.payload, parkId: rowId().optional() });
  return {
    name: spec.name,
    checked: (data, into) => check(spec.name, into === 'outbox' ? enqueued : schema, data),
    work: (deps, data, attempt) => spec.handle(deps, check(spec.name, schema, data), attempt),
  };
}

/**
 * Adds a job straight to the queue (not through a transaction's outbox: a schedule, a request that
 * changed nothing else), its payload checked first.
 */
export async function addJob<Enqueued>(
  queue: JobQueue,
  job: JobDefinition<Enqueued>,
  data: Enqueued,
  opts: { jobId: string },
): Promise<unknown> {
  return await queue.add(job.name, job.checked(data, 'queue'), opts);
}
