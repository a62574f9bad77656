import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { defineParkJob, rowId } from '../jobs/job-definition.js';
import { PdfConversionError, type PdfConverter } from './pdf-converter.js';

export const CONVERT_PDF = 'document.convertPdf';
export const PDF_CONTENT_TYPE = 'application/pdf';

export interface ConvertPdfDeps {
  db: TenantDb;
  storage: AttachmentStorage;
  pdfConverter: PdfConverter;
  logger: Logger;
}

export interface ConvertPdfData {
  parkId: string;
  issuedDocumentId: string;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Makes the PDF of an issued Word file and stores it beside it. Idempotent: a READY PDF is left as
 * it is. A conversion failure is recorded (FAILED, with the converter's reason) and thrown again, so
 * the queue retries with backoff. No transaction is held open while LibreOffice works.
 */
export async function convertIssuedPdf(
  deps: ConvertPdfDeps,
  data: ConvertPdfData,
): Promise<{ status: 'READY' | 'ALREADY_READY' | 'MISSING'; sizeBytes?: number }> {
  const scope = Scope.park(data.parkId);
  const [row] = await deps.db.run(scope, (em) =>
    rowsOf(
      em,
      kysely
        .selectFrom('issued_document_pdfs as p')
        .innerJoin('issued_documents as d', 'd.id', 'p.issued_document_id')
        .select(['p.status', 'd.storage_key'])
        .where('p.issued_document_id', '=', data.issuedDocumentId),
    ),
  );
  if (!row) return { status: 'MISSING' };
  if (row.status === 'READY') return { status: 'ALREADY_READY' };

  let pdf: Buffer;
  try {
    pdf = await deps.pdfConverter.convert(await readAll(await deps.storage.open(row.storage_key)));
  } catch (error) {
    if (error instanceof PdfConversionError) {
      await deps.db.run(scope, (em) =>
        rowsOf(
          em,
          kysely
            .updateTable('issued_document_pdfs')
            .set((eb) => ({
              status: 'FAILED',
              error_reason: error.reason,
              error_message: error.message.slice(0, 2000),
              attempts: eb('attempts', '+', 1),
              storage_key: null,
              size_bytes: null,
              sha256: null,
              updated_at: sql`now()`,
            }))
            .where('issued_document_id', '=', data.issuedDocumentId)
            .where('status', '<>', 'READY'),
        ),
      );
      deps.logger.warn(
        { issuedDocumentId: data.issuedDocumentId, reason: error.reason, err: error },
        'PDF conversion failed',
      );
    }
    throw error;
  }

  // Beside the Word file: a new object per conversion, so a concurrent one never overwrites it.
  const key = `${path.posix.dirname(row.storage_key)}/${randomUUID()}`;
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await deps.storage.put(key, Readable.from([pdf]), {
    size: pdf.length,
    contentType: PDF_CONTENT_TYPE,
    sha256,
  });
  let updated: unknown[];
  try {
    updated = await deps.db.run(scope, (em) =>
      rowsOf(
        em,
        kysely
          .updateTable('issued_document_pdfs')
          .set((eb) => ({
            status: 'READY',
            storage_key: key,
            size_bytes: pdf.length,
            sha256,
            error_reason: null,
            error_message: null,
            attempts: eb('attempts', '+', 1),
            updated_at: sql`now()`,
          }))
          .where('issued_document_id', '=', data.issuedDocumentId)
          .where('status', '<>', 'READY')
          .returning('issued_document_id'),
      ),
    );
  } catch (error) {
    await deps.storage.discard(key);
    throw error;
  }
  if (updated.length === 0) {
    // Another run made it first: keep that one.
    await deps.storage.discard(key);
    return { status: 'ALREADY_READY' };
  }
  return { status: 'READY', sizeBytes: pdf.length };
}

/** The PDF of one issued Word file (a conversion failure is retried with backoff). */
export const convertPdfJob = defineParkJob({
  name: CONVERT_PDF,
  payload: { issuedDocumentId: rowId() },
  handle: (deps, data) => convertIssuedPdf(deps, data),
});
