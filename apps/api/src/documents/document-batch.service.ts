import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DOCX_KIND_LABELS, DocumentRenderError, writeZip, type DocxKind } from '@qifu/documents';
import { GraphQLError } from 'graphql';
import { sql, type InferResult, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseVisibility } from '../access/case-visibility.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import { recordAudit } from '../audit/audit.js';
import {
  ledgerConditions,
  ledgerOrder,
  whereAll,
  type LedgerFilterValues,
  type LedgerSortValue,
} from '../cases/ledger.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { badInput, notFound } from '../common/errors.js';
import type { DB } from '../database/db-types.js';
import { Scope, type DbScope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import { defineParkJob, rowId } from '../jobs/job-definition.js';
import { enqueueJob, OutboxJob } from '../jobs/outbox.js';
import { assertParkDepartment } from '../departments/department.queries.js';
import { roleGrantsOf } from '../users/user.queries.js';
import { readAll } from './document-template.service.js';
import type { IssuedDocumentService } from './issued-document.service.js';

export const GENERATE_DOCUMENT_BATCH = 'document.generateBatch';

/** Kinds a batch issues: their numbers exist already (the others take one when first issued). */
export const BATCH_KINDS = [
  'REGISTRATION_FORM',
  'ASSIGNMENT_SHEET',
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
] as const satisfies readonly DocxKind[];
export type BatchKind = (typeof BATCH_KINDS)[number];

/** Cases in one batch: a month's intake of a large park, and a ZIP that stays small enough to download. */
export const MAX_BATCH_CASES = 500;

const ZIP_CONTENT_TYPE = 'application/zip';

export type DocumentBatchStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED';

export interface DocumentBatchFailure {
  caseId: string;
  registrationNo: string;
  kind: DocxKind;
  message: string;
}

export interface DocumentBatchView {
  id: string;
  kinds: DocxKind[];
  status: DocumentBatchStatus;
  total: number;
  issued: number;
  failed: number;
  fileName: string | null;
  sizeBytes: number | null;
  downloadUrl: string | null;
  errorMessage: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  failures: DocumentBatchFailure[];
}

const BATCH_COLUMNS = [
  'id',
  'kinds',
  'status',
  'total',
  'issued',
  'failed',
  'file_name',
  'size_bytes',
  'error_message',
  'created_at',
  'finished_at',
] as const;

/**
 * document_batches' kinds and status as their CHECK constraints allow: kinds `<@ ARRAY[BATCH_KINDS]`,
 * status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED').
 */
type BatchChecks = { kinds: BatchKind[]; status: DocumentBatchStatus };

const batches = () => kysely.selectFrom('document_batches').select(BATCH_COLUMNS).$narrowType<BatchChecks>();

type BatchRow = InferResult<ReturnType<typeof batches>>[number];

export const batchDownloadUrl = (id: string) => `/api/document-batches/${id}/zip`;

function toView(row: BatchRow, failures: DocumentBatchFailure[]): DocumentBatchView {
  return {
    id: row.id,
    kinds: row.kinds,
    status: row.status,
    total: row.total,
    issued: row.issued,
    failed: row.failed,
    fileName: row.file_name,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    downloadUrl: row.status === 'DONE' ? batchDownloadUrl(row.id) : null,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    failures,
  };
}

/**
 * Problems of one item (the case is no longer visible to the requester, the document is gone, the
 * template cannot be filled or is refused): recorded, and the batch goes on. Anything else
 * (database, storage) is thrown, and the queue retries the job, which resumes.
 */
const isItemProblem = (error: unknown) =>
  error instanceof DocumentRenderError ||
  (error instanceof GraphQLError &&
    ['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'TEMPLATE_INVALID'].includes(
      String(error.extensions.code),
    ));

/**
 * Batch generation (批量生成): the documents of the ledger's cases under a filter, issued by a job
 * one by one as if from each case, with the progress recorded per item, then packed into one ZIP
 * for the person who asked. Only they see the batch; the files are the cases' issued documents.
 */
export class DocumentBatchService {
  constructor(
    private readonly db: TenantDb,
    private readonly storage: AttachmentStorage,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Lists the items in the ledger's order, writes the batch and its job; refuses an empty or too big one. */
  start(
    actor: Actor,
    input: { filter: LedgerFilterValues; sort: LedgerSortValue; kinds: readonly DocxKind[] },
  ): Promise<DocumentBatchView> {
    const kinds = [...new Set(input.kinds)];
    const refused = kinds.filter((kind) => !(BATCH_KINDS as readonly string[]).includes(kind));
    if (kinds.length === 0 || refused.length > 0)
      throw badInput([
        {
          path: 'kinds',
          message:
            kinds.length === 0
              ? '请至少选择一种文书 / choose at least one kind'
              : `不能批量生成：${refused.map((k) => DOCX_KIND_LABELS[k].zh).join('、')}（取号文书请在案件中逐件生成） / not for batches: ${refused.join(', ')}`,
        },
      ]);
    return this.db.run(actor, async (em) => {
      await assertParkDepartment(em, input.filter.departmentId, 'filter.departmentId');
      const where = whereAll(
        ledgerConditions(input.filter, {
          today: todayIn(this.clock),
          reach: caseVisibility(actor).cases,
        }),
      );
      const [{ count }] = await rowsOfSql(
        em,
        sql<{ count: number }>`SELECT count(*)::int AS count FROM cases ${where}`,
      );
      if (count > MAX_BATCH_CASES)
        throw badInput([
          {
            path: 'filter',
            message: `符合条件的案件 ${count} 件，一批最多 ${MAX_BATCH_CASES} 件，请缩小筛选范围 / ${count} cases match, at most ${MAX_BATCH_CASES} per batch: narrow the filters`,
          },
        ]);
      // Each case's registration form first, then its numbered documents in the order they were made.
      const listed = await rowsOfSql(
        em,
        sql<{
          case_id: Selectable<DB['cases']>['id'];
          kind: Selectable<DB['case_documents']>['kind'];
          source_id: Selectable<DB['document_batch_items']>['source_id'];
        }>`WITH c AS (
           SELECT id, row_number() OVER (ORDER BY ${ledgerOrder(input.sort)}) AS rn
             FROM cases ${where})
         SELECT c.id AS case_id, 'REGISTRATION_FORM' AS kind, NULL AS source_id, c.rn, 0 AS ord,
                NULL::timestamptz AS created_at, '' AS number
           FROM c WHERE 'REGISTRATION_FORM' = ANY(${kinds}::text[])
         UNION ALL
         SELECT c.id, d.kind, d.id::text, c.rn, 1, d.created_at, d.number
           FROM c JOIN case_documents d ON d.case_id = c.id
          WHERE d.kind = ANY(${kinds}::text[])
         ORDER BY rn, ord, created_at, number`,
      );
      // Only the batch's kinds are selected: each is one of BATCH_KINDS.
      const items = listed.flatMap((item) => {
        const kind = kinds.find((k) => k === item.kind);
        return kind ? [{ ...item, kind }] : [];
      });
      if (count === 0)
        throw badInput([{ path: 'filter', message: '没有符合条件的案件 / no case matches the filters' }]);
      if (items.length === 0)
        throw badInput([
          {
            path: 'kinds',
            message: '所选案件没有这些文书 / the cases have no documents of these kinds',
          },
        ]);

      const [batch] = await rowsOf(
        em,
        kysely
          .insertInto('document_batches')
          .values({ requested_by: actor.userId, kinds, total: items.length })
          .returning(BATCH_COLUMNS)
          .$narrowType<BatchChecks>(),
      );
      await rowsOfSql(
        em,
        sql`INSERT INTO document_batch_items (batch_id, position, case_id, kind, source_id)
         SELECT ${batch.id}, n, case_id, kind, source_id
           FROM unnest(${items.map((i) => i.case_id)}::uuid[], ${items.map((i) => i.kind)}::text[],
                       ${items.map((i) => i.source_id)}::text[]) WITH ORDINALITY AS i (case_id, kind, source_id, n)`,
      );
      await recordAudit(em, actor, {
        action: 'documents.batchStarted',
        subjectType: 'DocumentBatch',
        subjectId: batch.id,
        before: null,
        after: { kinds, filter: input.filter, sort: input.sort, cases: count, documents: items.length },
      });
      await enqueueJob(
        em,
        OutboxJob.of(generateDocumentBatchJob, {
          key: `document-batch/${batch.id}`,
          data: { parkId: actor.parkId ?? undefined, batchId: batch.id },
        }),
      );
      return toView(batch, []);
    });
  }

  /** A batch of the person asking, with its failures; another person's reads as missing. */
  get(actor: Actor, id: string): Promise<DocumentBatchView> {
    return this.db.run(actor, async (em) => {
      const [row] = await rowsOf(em, batches().where('id', '=', id).where('requested_by', '=', actor.userId));
      if (!row) throw notFound('批量文书 / Document batch', 'id');
      const failures = await rowsOf(
        em,
        kysely
          .selectFrom('document_batch_items as i')
          .innerJoin('cases as c', 'c.id', 'i.case_id')
          .select(['i.case_id as caseId', 'c.registration_no as registrationNo', 'i.kind', 'i.error_message'])
          // document_batch_items.kind: CHECK (kind IN (BATCH_KINDS)).
          .$narrowType<{ kind: BatchKind }>()
          .where('i.batch_id', '=', id)
          .where('i.error_message', 'is not', null)
          .orderBy('i.position'),
      );
      return toView(
        row,
        failures.map(({ error_message: message, ...failure }) => ({ ...failure, message: message ?? '' })),
      );
    });
  }

  /** The person's latest batches, newest first (failures are read per batch). */
  listMine(actor: Actor, limit = 10): Promise<DocumentBatchView[]> {
    return this.db.run(actor, async (em) => {
      const rows = await rowsOf(
        em,
        batches()
          .where('requested_by', '=', actor.userId)
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(limit),
      );
      return rows.map((row) => toView(row, []));
    });
  }

  /** The ZIP of a finished batch, for the person who asked for it. */
  zipForDownload(
    actor: Actor,
    id: string,
  ): Promise<
    { fileName: string; sizeBytes: number; sha256: string; storageKey: string } | 'missing' | 'not-ready'
  > {
    return this.db.run(actor, async (em) => {
      const [row] = await rowsOf(
        em,
        kysely
          .selectFrom('document_batches')
          .select(['status', 'file_name', 'size_bytes', 'sha256', 'storage_key'])
          .where('id', '=', id)
          .where('requested_by', '=', actor.userId),
      );
      if (!row) return 'missing';
      if (row.status !== 'DONE') return 'not-ready';
      // A DONE batch has its file (written with status DONE by packBatch).
      return {
        fileName: row.file_name ?? '',
        sizeBytes: Number(row.size_bytes),
        sha256: row.sha256 ?? '',
        storageKey: row.storage_key ?? '',
      };
    });
  }
}

export interface GenerateBatchDeps {
  db: TenantDb;
  storage: AttachmentStorage;
  documents: IssuedDocumentService;
  logger: Logger;
}

export interface GenerateBatchData {
  parkId: string;
  batchId: string;
}

/** The requester as they are now (roles may have changed since they asked); null if they left. */
async function requesterOf(em: EntityManager, parkId: string, userId: string): Promise<Actor | null> {
  const [user] = await rowsOf(
    em,
    kysely
      .selectFrom('users as u')
      .innerJoin('parks as p', 'p.id', 'u.home_park_id')
      .select(['u.username', 'u.active', 'p.district_id'])
      .where('u.id', '=', userId)
      .where('u.home_park_id', '=', parkId),
  );
  if (!user?.active) return null;
  const roles = (await roleGrantsOf(em, userId)).map((grant) => ({
    role: grant.role as Actor['roles'][number]['role'],
    departmentId: grant.departmentId,
  }));
  return { userId, username: user.username, parkId, districtId: user.district_id, platformRole: null, roles };
}

/**
 * Works a batch off: issues each item not yet done (each issue and its progress commit together, so
 * a retried job resumes without issuing anything twice), records items that cannot be issued, then
 * stores the ZIP of the files with a list of what failed. Idempotent once DONE.
 */
export async function generateDocumentBatch(
  deps: GenerateBatchDeps,
  data: GenerateBatchData,
  options: { finalAttempt?: boolean } = {},
): Promise<BatchOutcome> {
  try {
    return await workBatch(deps, data);
  } catch (error) {
    // The queue retries with backoff; after the last attempt the person sees why it stopped.
    if (options.finalAttempt)
      await failBatch(deps, Scope.park(data.parkId), data.batchId, String((error as Error).message ?? error));
    throw error;
  }
}

/** A batch's generation; after its last attempt the person sees why it stopped. */
export const generateDocumentBatchJob = defineParkJob({
  name: GENERATE_DOCUMENT_BATCH,
  payload: { batchId: rowId() },
  handle: (deps, data, attempt) => generateDocumentBatch(deps, data, attempt),
});

type BatchOutcome = { status: DocumentBatchStatus; issued: number; failed: number };

async function failBatch(
  deps: GenerateBatchDeps,
  scope: DbScope,
  batchId: string,
  message: string,
): Promise<BatchOutcome> {
  const rows = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .updateTable('document_batches')
        .set({ status: 'FAILED', error_message: message.slice(0, 500), finished_at: sql`now()` })
        .where('id', '=', batchId)
        .where('status', '<>', 'DONE')
        .returning(['issued', 'failed']),
    ),
  );
  return { status: 'FAILED', issued: rows[0]?.issued ?? 0, failed: rows[0]?.failed ?? 0 };
}

async function finishedOrMissing(
  deps: GenerateBatchDeps,
  scope: DbScope,
  batchId: string,
): Promise<BatchOutcome> {
  const [row] = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('document_batches')
        .select(['status', 'issued', 'failed'])
        // document_batches.status: CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')).
        .$narrowType<{ status: DocumentBatchStatus }>()
        .where('id', '=', batchId),
    ),
  );
  return row ?? { status: 'FAILED', issued: 0, failed: 0 };
}

/** An item of the batch issued (its document) or failed (why), counted in the batch's totals. */
async function settleItem(
  em: EntityManager,
  batchId: string,
  position: number,
  outcome: { issued_document_id: string } | { error_message: string },
): Promise<void> {
  await rowsOf(
    em,
    kysely
      .updateTable('document_batch_items')
      .set(outcome)
      .where('batch_id', '=', batchId)
      .where('position', '=', position),
  );
  await rowsOf(
    em,
    kysely
      .updateTable('document_batches')
      .set((eb) =>
        'issued_document_id' in outcome ? { issued: eb('issued', '+', 1) } : { failed: eb('failed', '+', 1) },
      )
      .where('id', '=', batchId),
  );
}

async function workBatch(deps: GenerateBatchDeps, data: GenerateBatchData): Promise<BatchOutcome> {
  const scope = Scope.park(data.parkId);
  // Any batch not DONE runs (again): a retry from the jobs page resumes a FAILED one.
  const loaded = await deps.db.run(scope, async (em) => {
    const rows = await rowsOf(
      em,
      kysely
        .updateTable('document_batches')
        .set({ status: 'RUNNING', error_message: null, finished_at: null })
        .where('id', '=', data.batchId)
        .where('status', '<>', 'DONE')
        .returning('requested_by'),
    );
    if (!rows[0]) return null;
    return { actor: await requesterOf(em, data.parkId, rows[0].requested_by) };
  });
  if (!loaded) return finishedOrMissing(deps, scope, data.batchId);
  if (!loaded.actor)
    return failBatch(deps, scope, data.batchId, '申请人已停用 / The person who asked is no longer active');
  const actor = loaded.actor;

  const pending = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('document_batch_items')
        .select(['position', 'case_id', 'kind', 'source_id'])
        // document_batch_items.kind: CHECK (kind IN (BATCH_KINDS)).
        .$narrowType<{ kind: BatchKind }>()
        .where('batch_id', '=', data.batchId)
        .where('issued_document_id', 'is', null)
        .where('error_message', 'is', null)
        .orderBy('position'),
    ),
  );

  for (const item of pending) {
    try {
      await deps.documents.issue(actor, item.case_id, item.kind, item.source_id, {
        alsoInTransaction: (em, issuedId) =>
          settleItem(em, data.batchId, item.position, { issued_document_id: issuedId }),
      });
    } catch (error) {
      if (!isItemProblem(error)) throw error;
      await deps.db.run(scope, (em) =>
        settleItem(em, data.batchId, item.position, {
          error_message: (error as Error).message.slice(0, 500),
        }),
      );
    }
  }
  return packBatch(deps, scope, data.batchId);
}

/** Folder per case (its registration number), and a list of what could not be issued. */
async function packBatch(deps: GenerateBatchDeps, scope: DbScope, batchId: string): Promise<BatchOutcome> {
  const files = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('document_batch_items as i')
        .innerJoin('cases as c', 'c.id', 'i.case_id')
        .leftJoin('issued_documents as d', 'd.id', 'i.issued_document_id')
        .select(['c.registration_no', 'i.kind', 'i.error_message', 'd.file_name', 'd.storage_key'])
        // document_batch_items.kind: CHECK (kind IN (BATCH_KINDS)).
        .$narrowType<{ kind: BatchKind }>()
        .where('i.batch_id', '=', batchId)
        .orderBy('i.position'),
    ),
  );
  const entries: { name: string; data: Uint8Array }[] = [];
  const failures: string[] = [];
  for (const file of files) {
    const folder = file.registration_no.replace(/[\\/:*?"<>|\s]+/g, '');
    if (file.storage_key && file.file_name)
      entries.push({
        name: `${folder}/${file.file_name}`,
        data: await readAll(await deps.storage.open(file.storage_key)),
      });
    else failures.push(`${file.registration_no}\t${DOCX_KIND_LABELS[file.kind].zh}\t${file.error_message}`);
  }
  if (failures.length > 0)
    entries.push({
      name: '未生成清单.txt',
      data: Buffer.from(`登记编号\t文书\t原因\r\n${failures.join('\r\n')}\r\n`, 'utf8'),
    });
  // Word files are zips already: deflating them again gains nothing.
  const zip = writeZip(entries, 1);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const [created] = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('document_batches')
        .select(sql<string>`to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD-HH24MI')`.as('at'))
        .where('id', '=', batchId),
    ),
  );
  // Keys are ids only: the park, the batch, the file.
  const key = `${scope.parkId}/${batchId}/${randomUUID()}`;
  await deps.storage.put(key, Readable.from([zip]), {
    size: zip.length,
    contentType: ZIP_CONTENT_TYPE,
    sha256,
  });
  const updated = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .updateTable('document_batches')
        .set({
          status: 'DONE',
          file_name: `批量文书-${created.at}.zip`,
          storage_key: key,
          size_bytes: zip.length,
          sha256,
          finished_at: sql`now()`,
        })
        .where('id', '=', batchId)
        .where('status', '<>', 'DONE')
        .returning(['issued', 'failed']),
    ),
  );
  if (updated.length === 0) {
    // Another run finished it first: keep that ZIP.
    await deps.storage.discard(key);
    const [row] = await deps.db.run(scope, (em) =>
      rowsOf(
        em,
        kysely.selectFrom('document_batches').select(['issued', 'failed']).where('id', '=', batchId),
      ),
    );
    return { status: 'DONE', ...row };
  }
  deps.logger.info({ batchId, files: entries.length, bytes: zip.length }, 'document batch packed');
  return { status: 'DONE', ...updated[0] };
}
