import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DOCX_KIND_LABELS, DocumentRenderError, writeZip, type DocxKind } from '@qifu/documents';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseVisibility } from '../access/case-visibility.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import { recordAudit } from '../audit/audit.js';
import {
  ledgerConditions,
  ledgerOrder,
  type LedgerFilterValues,
  type LedgerSortValue,
} from '../cases/ledger.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { badInput, notFound } from '../common/errors.js';
import { Scope, type DbScope, type TenantDb } from '../database/tenant-db.js';
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

interface BatchRow {
  id: string;
  kinds: DocxKind[];
  status: DocumentBatchStatus;
  total: number;
  issued: number;
  failed: number;
  file_name: string | null;
  size_bytes: string | null;
  error_message: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const BATCH_COLUMNS = `id, kinds, status, total, issued, failed, file_name, size_bytes, error_message, created_at, finished_at`;

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
      const { where, params } = ledgerConditions(input.filter, {
        today: todayIn(this.clock),
        reach: caseVisibility(actor).cases,
      });
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [{ count }] = (await em.query(
        `SELECT count(*)::int AS count, $1::date AS today FROM cases ${whereSql}`,
        params,
      )) as { count: number }[];
      if (count > MAX_BATCH_CASES)
        throw badInput([
          {
            path: 'filter',
            message: `符合条件的案件 ${count} 件，一批最多 ${MAX_BATCH_CASES} 件，请缩小筛选范围 / ${count} cases match, at most ${MAX_BATCH_CASES} per batch: narrow the filters`,
          },
        ]);
      const kindsParam = `$${params.length + 1}`;
      // Each case's registration form first, then its numbered documents in the order they were made.
      const items = (await em.query(
        `WITH c AS (
           SELECT id, row_number() OVER (ORDER BY ${ledgerOrder(input.sort)}) AS rn, $1::date AS today
             FROM cases ${whereSql})
         SELECT c.id AS case_id, 'REGISTRATION_FORM' AS kind, NULL AS source_id, c.rn, 0 AS ord,
                NULL::timestamptz AS created_at, '' AS number
           FROM c WHERE 'REGISTRATION_FORM' = ANY(${kindsParam}::text[])
         UNION ALL
         SELECT c.id, d.kind, d.id::text, c.rn, 1, d.created_at, d.number
           FROM c JOIN case_documents d ON d.case_id = c.id
          WHERE d.kind = ANY(${kindsParam}::text[])
         ORDER BY rn, ord, created_at, number`,
        [...params, kinds],
      )) as { case_id: string; kind: DocxKind; source_id: string | null }[];
      if (count === 0)
        throw badInput([{ path: 'filter', message: '没有符合条件的案件 / no case matches the filters' }]);
      if (items.length === 0)
        throw badInput([
          {
            path: 'kinds',
            message: '所选案件没有这些文书 / the cases have no documents of these kinds',
          },
        ]);

      const [batch] = (await em.query(
        `INSERT INTO document_batches (requested_by, kinds, total) VALUES ($1, $2, $3) RETURNING ${BATCH_COLUMNS}`,
        [actor.userId, kinds, items.length],
      )) as BatchRow[];
      await em.query(
        `INSERT INTO document_batch_items (batch_id, position, case_id, kind, source_id)
         SELECT $1, n, case_id, kind, source_id
           FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS i (case_id, kind, source_id, n)`,
        [batch.id, items.map((i) => i.case_id), items.map((i) => i.kind), items.map((i) => i.source_id)],
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
      const [row] = (await em.query(
        `SELECT ${BATCH_COLUMNS} FROM document_batches WHERE id = $1 AND requested_by = $2`,
        [id, actor.userId],
      )) as BatchRow[];
      if (!row) throw notFound('批量文书 / Document batch', 'id');
      const failures = (await em.query(
        `SELECT i.case_id AS "caseId", c.registration_no AS "registrationNo", i.kind, i.error_message AS message
           FROM document_batch_items i JOIN cases c ON c.id = i.case_id
          WHERE i.batch_id = $1 AND i.error_message IS NOT NULL ORDER BY i.position`,
        [id],
      )) as DocumentBatchFailure[];
      return toView(row, failures);
    });
  }

  /** The person's latest batches, newest first (failures are read per batch). */
  listMine(actor: Actor, limit = 10): Promise<DocumentBatchView[]> {
    return this.db.run(actor, async (em) => {
      const rows = (await em.query(
        `SELECT ${BATCH_COLUMNS} FROM document_batches WHERE requested_by = $1 ORDER BY created_at DESC, id LIMIT $2`,
        [actor.userId, limit],
      )) as BatchRow[];
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
      const [row] = (await em.query(
        `SELECT status, file_name, size_bytes, sha256, storage_key FROM document_batches
          WHERE id = $1 AND requested_by = $2`,
        [id, actor.userId],
      )) as {
        status: DocumentBatchStatus;
        file_name: string;
        size_bytes: string;
        sha256: string;
        storage_key: string;
      }[];
      if (!row) return 'missing';
      if (row.status !== 'DONE') return 'not-ready';
      return {
        fileName: row.file_name,
        sizeBytes: Number(row.size_bytes),
        sha256: row.sha256,
        storageKey: row.storage_key,
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
  const [user] = (await em.query(
    `SELECT u.username, u.active, p.district_id FROM users u JOIN parks p ON p.id = u.home_park_id
      WHERE u.id = $1 AND u.home_park_id = $2`,
    [userId, parkId],
  )) as { username: string; active: boolean; district_id: string | null }[];
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
  const [rows] = (await deps.db.run(scope, (em) =>
    em.query(
      `UPDATE document_batches SET status = 'FAILED', error_message = $2, finished_at = now()
        WHERE id = $1 AND status <> 'DONE' RETURNING issued, failed`,
      [batchId, message.slice(0, 500)],
    ),
  )) as [{ issued: number; failed: number }[], number];
  return { status: 'FAILED', issued: rows[0]?.issued ?? 0, failed: rows[0]?.failed ?? 0 };
}

async function finishedOrMissing(
  deps: GenerateBatchDeps,
  scope: DbScope,
  batchId: string,
): Promise<BatchOutcome> {
  const [row] = (await deps.db.run(scope, (em) =>
    em.query(`SELECT status, issued, failed FROM document_batches WHERE id = $1`, [batchId]),
  )) as BatchOutcome[];
  return row ?? { status: 'FAILED', issued: 0, failed: 0 };
}

async function workBatch(deps: GenerateBatchDeps, data: GenerateBatchData): Promise<BatchOutcome> {
  const scope = Scope.park(data.parkId);
  // Any batch not DONE runs (again): a retry from the jobs page resumes a FAILED one.
  const loaded = await deps.db.run(scope, async (em) => {
    const [rows] = (await em.query(
      `UPDATE document_batches SET status = 'RUNNING', error_message = NULL, finished_at = NULL
        WHERE id = $1 AND status <> 'DONE' RETURNING requested_by`,
      [data.batchId],
    )) as [{ requested_by: string }[], number];
    if (!rows[0]) return null;
    return { actor: await requesterOf(em, data.parkId, rows[0].requested_by) };
  });
  if (!loaded) return finishedOrMissing(deps, scope, data.batchId);
  if (!loaded.actor)
    return failBatch(deps, scope, data.batchId, '申请人已停用 / The person who asked is no longer active');
  const actor = loaded.actor;

  const pending = (await deps.db.run(scope, (em) =>
    em.query(
      `SELECT position, case_id, kind, source_id FROM document_batch_items
        WHERE batch_id = $1 AND issued_document_id IS NULL AND error_message IS NULL ORDER BY position`,
      [data.batchId],
    ),
  )) as { position: number; case_id: string; kind: DocxKind; source_id: string | null }[];

  for (const item of pending) {
    try {
      await deps.documents.issue(actor, item.case_id, item.kind, item.source_id, {
        alsoInTransaction: async (em, issuedId) => {
          await em.query(
            `UPDATE document_batch_items SET issued_document_id = $3 WHERE batch_id = $1 AND position = $2`,
            [data.batchId, item.position, issuedId],
          );
          await em.query(`UPDATE document_batches SET issued = issued + 1 WHERE id = $1`, [data.batchId]);
        },
      });
    } catch (error) {
      if (!isItemProblem(error)) throw error;
      await deps.db.run(scope, async (em) => {
        await em.query(
          `UPDATE document_batch_items SET error_message = $3 WHERE batch_id = $1 AND position = $2`,
          [data.batchId, item.position, (error as Error).message.slice(0, 500)],
        );
        await em.query(`UPDATE document_batches SET failed = failed + 1 WHERE id = $1`, [data.batchId]);
      });
    }
  }
  return packBatch(deps, scope, data.batchId);
}

/** Folder per case (its registration number), and a list of what could not be issued. */
async function packBatch(deps: GenerateBatchDeps, scope: DbScope, batchId: string): Promise<BatchOutcome> {
  const files = (await deps.db.run(scope, (em) =>
    em.query(
      `SELECT c.registration_no, i.kind, i.error_message, d.file_name, d.storage_key
         FROM document_batch_items i JOIN cases c ON c.id = i.case_id
         LEFT JOIN issued_documents d ON d.id = i.issued_document_id
        WHERE i.batch_id = $1 ORDER BY i.position`,
      [batchId],
    ),
  )) as {
    registration_no: string;
    kind: DocxKind;
    error_message: string | null;
    file_name: string | null;
    storage_key: string | null;
  }[];
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
  const [created] = (await deps.db.run(scope, (em) =>
    em.query(
      `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD-HH24MI') AS at FROM document_batches WHERE id = $1`,
      [batchId],
    ),
  )) as { at: string }[];
  // Keys are ids only: the park, the batch, the file.
  const key = `${scope.parkId}/${batchId}/${randomUUID()}`;
  await deps.storage.put(key, Readable.from([zip]), {
    size: zip.length,
    contentType: ZIP_CONTENT_TYPE,
    sha256,
  });
  const updated = (await deps.db.run(scope, async (em) => {
    const [rows] = (await em.query(
      `UPDATE document_batches SET status = 'DONE', file_name = $2, storage_key = $3, size_bytes = $4, sha256 = $5,
              finished_at = now()
        WHERE id = $1 AND status <> 'DONE' RETURNING issued, failed`,
      [batchId, `批量文书-${created.at}.zip`, key, zip.length, sha256],
    )) as [{ issued: number; failed: number }[], number];
    return rows;
  })) as { issued: number; failed: number }[];
  if (updated.length === 0) {
    // Another run finished it first: keep that ZIP.
    await deps.storage.discard(key);
    const [row] = (await deps.db.run(scope, (em) =>
      em.query(`SELECT issued, failed FROM document_batches WHERE id = $1`, [batchId]),
    )) as { issued: number; failed: number }[];
    return { status: 'DONE', ...row };
  }
  deps.logger.info({ batchId, files: entries.length, bytes: zip.length }, 'document batch packed');
  return { status: 'DONE', ...updated[0] };
}
