import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { isoYear, type ParkRules } from '@qifu/domain';
import { DOCX_KIND_LABELS, isDocxKind, renderDocx, type DocxData, type DocxKind } from '@qifu/documents';
import { sql, type InferResult, type RawBuilder } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { factsOfRow, seesCase, seesCaseById } from '../access/case-visibility.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import { type StoredAttachment, storedFileById } from '../attachments/stored-file-download.js';
import { recordAudit } from '../audit/audit.js';
import { caseDocumentsWithDepartment, findCaseRow } from '../cases/case.queries.js';
import { takeNumber } from '../cases/numbering.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { isUuid } from '../common/input-values.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { enqueueJob, OutboxJob } from '../jobs/outbox.js';
import { rulesOfVersion } from '../rules/rules-cache.js';
import {
  assignmentSheetData,
  circularNoticeData,
  handoverLetterData,
  referralLetterData,
  registrationFormData,
  specialSupervisionLetterData,
  supervisionLetterData,
} from './document-data.js';
import { readCaseFacts, readNotice, type CaseFacts } from './document-facts.js';
import {
  DOCX_CONTENT_TYPE,
  DocumentTemplateService,
  type DocumentTemplateOptions,
} from './document-template.service.js';
import type { IssuableDocument, IssuedDocument, PdfStatus } from './document.models.js';
import { convertPdfJob } from './issued-pdf.job.js';

/** Kinds issued from a row of case_documents. */
const CASE_DOCUMENT_KINDS: readonly DocxKind[] = [
  'ASSIGNMENT_SHEET',
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
  'HANDOVER_LETTER',
];

/** The number of the first file of `kind` issued from the source `sourceId`: a scalar subquery. */
const firstIssuedNumber = (kind: DocxKind, sourceId: RawBuilder<string>) =>
  kysely
    .selectFrom('issued_documents as i')
    .select('i.number')
    .where('i.kind', '=', kind)
    .where('i.source_id', '=', sourceId)
    .orderBy('i.issued_at')
    .limit(1);

/** Issued files with their issuer's name and their PDF's state. */
const issued = () =>
  kysely
    .selectFrom('issued_documents as d')
    .leftJoin('users as u', 'u.id', 'd.issued_by')
    .leftJoin('issued_document_pdfs as p', 'p.issued_document_id', 'd.id')
    .select([
      'd.id',
      'd.kind',
      'd.number',
      'd.source_id',
      'd.template_version',
      'd.file_name',
      'd.size_bytes',
      'd.sha256',
      'd.issued_at',
      'u.display_name as issuer_name',
      'p.status as pdf_status',
      'p.error_reason as pdf_error_reason',
      'p.error_message as pdf_error_message',
    ])
    // issued_documents_kind_check: CHECK (kind IN (the document kinds));
    // issued_document_pdfs_status_check: CHECK (status IN ('PENDING', 'READY', 'FAILED')).
    .$narrowType<{ kind: DocxKind; pdf_status: PdfStatus | null }>();

type IssuedRow = InferResult<ReturnType<typeof issued>>[number];

/** A file with its case's reach (who may see it) and its PDF's state. */
const issuedInCase = (id: string) =>
  kysely
    .selectFrom('issued_documents as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .leftJoin('issued_document_pdfs as p', 'p.issued_document_id', 'd.id')
    .where('d.id', '=', id);

export const issuedDownloadUrl = (id: string) => `/api/issued-documents/${id}`;
export const issuedPdfUrl = (id: string) => `/api/issued-documents/${id}/pdf`;

/** PDF_CONVERSION: off issues Word files only. */
export type PdfConversionSetting = 'auto' | 'required' | 'off';

/** The PDF's name: the Word file's with .pdf. */
export const pdfFileName = (docxName: string) => docxName.replace(/\.docx$/i, '') + '.pdf';

/** Writes the PENDING row and the conversion job in the caller's transaction. */
async function requestPdf(em: EntityManager, parkId: string, id: string, key: string): Promise<void> {
  await rowsOf(
    em,
    kysely
      .insertInto('issued_document_pdfs')
      .values({ issued_document_id: id, status: 'PENDING' })
      .onConflict((oc) =>
        oc.column('issued_document_id').doUpdateSet({
          status: 'PENDING',
          error_reason: null,
          error_message: null,
          updated_at: sql`now()`,
        }),
      ),
  );
  await enqueueJob(em, OutboxJob.of(convertPdfJob, { key, data: { parkId, issuedDocumentId: id } }));
}

function toIssued(row: IssuedRow, pdfConversion: PdfConversionSetting): IssuedDocument {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    documentId: row.source_id,
    templateVersion: row.template_version,
    fileName: row.file_name,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    issuedAt: row.issued_at,
    issuedByName: row.issuer_name,
    downloadUrl: issuedDownloadUrl(row.id),
    pdfStatus: row.pdf_status,
    pdfError:
      row.pdf_status === 'FAILED'
        ? { reason: row.pdf_error_reason ?? 'failed', message: row.pdf_error_message ?? '' }
        : null,
    pdfDownloadUrl: row.pdf_status === 'READY' ? issuedPdfUrl(row.id) : null,
    pdfConvertible: pdfConversion !== 'off' && (row.pdf_status === null || row.pdf_status === 'FAILED'),
  };
}

/** A file name people recognise: 企业反映困难问题交办单-正阳园区管委交〔2026〕第1号.docx. */
function fileNameOf(kind: DocxKind, number: string, departmentName: string | null): string {
  const parts = [DOCX_KIND_LABELS[kind].zh.replace(/（.*）$/, ''), departmentName, number].filter(Boolean);
  return `${parts.join('-').replace(/[\\/:*?"<>|\s]+/g, '')}.docx`.slice(0, 255);
}

/** The number a document took when it was first issued (circular notice, special supervision). */
async function numberIssuedBefore(
  em: EntityManager,
  kind: DocxKind,
  sourceId: string,
): Promise<string | null> {
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('issued_documents')
      .select('number')
      .where('kind', '=', kind)
      .where('source_id', '=', sourceId)
      .orderBy('issued_at')
      .limit(1),
  );
  return rows[0]?.number ?? null;
}

interface Prepared {
  number: string;
  sourceId: string | null;
  departmentName: string | null;
  data: DocxData;
}

/**
 * Word files of a case's documents: filled from the case, its events, the rules of its version and
 * the template in force, stored beside the attachments, one row per issue (re-issuing keeps the earlier
 * file), readable by whoever may see the case.
 */
export class IssuedDocumentService {
  constructor(
    private readonly db: TenantDb,
    readonly storage: AttachmentStorage,
    private readonly templates: DocumentTemplateService,
    private readonly clock: Clock = systemClock,
    private readonly pdfConversion: PdfConversionSetting = 'auto',
  ) {}

  /** The files issued for a case, oldest first; none of a case the actor does not see. */
  listOf(actor: Actor, caseId: string): Promise<IssuedDocument[]> {
    return this.db.run(actor, async (em) => {
      if (!(await seesCaseById(em, actor, caseId))) return [];
      const rows = await rowsOf(
        em,
        issued().where('d.case_id', '=', caseId).orderBy('d.issued_at').orderBy('d.id'),
      );
      return rows.map((row) => toIssued(row, this.pdfConversion));
    });
  }

  /** What can be issued for the case: the registration form, its numbered documents, supervisions, notices. */
  issuableOf(actor: Actor, caseId: string): Promise<IssuableDocument[]> {
    return this.db.run(actor, async (em) => {
      if (!(await seesCaseById(em, actor, caseId))) return [];
      const [row] = await rowsOf(
        em,
        kysely
          .selectFrom('cases')
          .select([
            'registration_no',
            sql<string>`to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('reported_on'),
          ])
          .where('id', '=', caseId),
      );
      if (!row) return [];
      const list: IssuableDocument[] = [
        {
          kind: 'REGISTRATION_FORM',
          documentId: null,
          number: row.registration_no,
          departmentName: null,
          date: row.reported_on,
        },
      ];
      const documents = await rowsOf(
        em,
        caseDocumentsWithDepartment()
          .select([
            'd.name as department_name',
            sql<string>`to_char(c.issued_on, 'YYYY-MM-DD')`.as('issued_on'),
          ])
          .where('c.case_id', '=', caseId)
          .orderBy('c.created_at')
          .orderBy('c.number'),
      );
      // case_documents.kind has no CHECK constraint: its one writer (writeDocumentsOfAct) writes
      // document kinds only, and a row of any other kind could not be issued.
      for (const d of documents)
        if (isDocxKind(d.kind))
          list.push({
            kind: d.kind,
            documentId: d.id,
            number: d.number,
            departmentName: d.department_name,
            date: d.issued_on,
          });
      const supervisions = await rowsOf(
        em,
        kysely
          .selectFrom('case_events as e')
          .select([
            sql<string>`e.id::text`.as('id'),
            sql<string>`to_char(e.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
            firstIssuedNumber('SPECIAL_SUPERVISION_LETTER', sql<string>`e.id::text`).as('number'),
          ])
          .where('e.case_id', '=', caseId)
          .where('e.type', '=', 'SpecialSupervisionStarted')
          .orderBy('e.id'),
      );
      for (const s of supervisions)
        list.push({
          kind: 'SPECIAL_SUPERVISION_LETTER',
          documentId: s.id,
          number: s.number,
          departmentName: null,
          date: s.day,
        });
      const notices = await rowsOf(
        em,
        kysely
          .selectFrom('circular_notices as n')
          .innerJoin('circular_notice_cases as nc', 'nc.notice_id', 'n.id')
          .innerJoin('departments as d', 'd.id', 'n.department_id')
          .select([
            'n.id',
            'd.name as department_name',
            sql<string>`to_char(n.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
            firstIssuedNumber('CIRCULAR_NOTICE', sql<string>`n.id::text`).as('number'),
          ])
          .where('nc.case_id', '=', caseId)
          .orderBy('n.issued_at'),
      );
      for (const n of notices)
        list.push({
          kind: 'CIRCULAR_NOTICE',
          documentId: n.id,
          number: n.number,
          departmentName: n.department_name,
          date: n.day,
        });
      return list;
    });
  }

  /**
   * Fills, stores and records one file of a document of the case. `alsoInTransaction` commits with
   * the record (a batch's progress), so that the two happen together or not at all.
   */
  async issue(
    actor: Actor,
    caseId: string,
    kind: DocxKind,
    documentId: string | null,
    options: { alsoInTransaction?: (em: EntityManager, issuedDocumentId: string) => Promise<void> } = {},
  ): Promise<IssuedDocument> {
    const id = randomUUID();
    const storageKey = `${actor.parkId}/${caseId}/${id}`;
    let stored = false;
    try {
      return await this.db.run(actor, async (em) => {
        const row = await findCaseRow(em, caseId);
        if (!row) throw notFound('案件 / Case', 'caseId');
        if (!seesCase(actor, factsOfRow(row))) throw forbidden();
        const rules = await rulesOfVersion(em, actor.parkId!, row.rules_version);
        const facts = await readCaseFacts(em, row, rules, actor.userId || null);
        const prepared = await this.prepare(em, facts, rules, kind, documentId);
        const template = await this.templates.inForce(em, kind);
        const bytes = renderDocx(kind, template.bytes, prepared.data as never);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const fileName = fileNameOf(kind, prepared.number, prepared.departmentName);
        await this.storage.put(storageKey, Readable.from([bytes]), {
          size: bytes.length,
          contentType: DOCX_CONTENT_TYPE,
          sha256,
        });
        stored = true;
        await rowsOf(
          em,
          kysely.insertInto('issued_documents').values({
            id,
            case_id: caseId,
            kind,
            number: prepared.number,
            source_id: prepared.sourceId,
            template_id: template.templateId,
            template_version: template.version,
            file_name: fileName,
            content_type: DOCX_CONTENT_TYPE,
            size_bytes: bytes.length,
            sha256,
            storage_key: storageKey,
            issued_by: actor.userId || null,
          }),
        );
        await recordAudit(em, actor, {
          action: 'case.documentIssued',
          subjectType: 'Case',
          subjectId: caseId,
          before: null,
          after: {
            issuedDocumentId: id,
            kind,
            number: prepared.number,
            documentId: prepared.sourceId,
            templateVersion: template.version,
            sha256,
            sizeBytes: bytes.length,
          },
        });
        if (this.pdfConversion !== 'off') await requestPdf(em, actor.parkId!, id, `pdf/${id}`);
        await options.alsoInTransaction?.(em, id);
        const [recorded] = await rowsOf(em, issued().where('d.id', '=', id));
        return toIssued(recorded, this.pdfConversion);
      });
    } catch (error) {
      if (stored) await this.storage.discard(storageKey);
      throw error;
    }
  }

  /** The document's data and number, from the source named by `documentId`. */
  private async prepare(
    em: EntityManager,
    facts: CaseFacts,
    rules: ParkRules,
    kind: DocxKind,
    documentId: string | null,
  ): Promise<Prepared> {
    const missing = () => notFound('本案件的文书 / Document of this case', 'documentId');
    if (kind === 'REGISTRATION_FORM') {
      // The registration form is the case's own: naming any other document is a mistake.
      if (documentId) throw missing();
      return {
        number: facts.row.registration_no,
        sourceId: null,
        departmentName: null,
        data: registrationFormData(facts),
      };
    }
    if (!documentId) throw badInput([{ path: 'documentId', message: '请指明文书 / required for this kind' }]);
    if (CASE_DOCUMENT_KINDS.includes(kind)) {
      const source = facts.documents.find((d) => d.id === documentId && d.kind === kind);
      if (!source) throw missing();
      // A hand-over letter goes to an outside office, not a department.
      const departmentName = source.departmentId
        ? (facts.departments.get(source.departmentId) ?? null)
        : typeof source.data.officeName === 'string'
          ? source.data.officeName
          : null;
      const data =
        kind === 'ASSIGNMENT_SHEET'
          ? assignmentSheetData(facts, source)
          : kind === 'REFERRAL_LETTER'
            ? referralLetterData(facts, source)
            : kind === 'HANDOVER_LETTER'
              ? handoverLetterData(facts, source)
              : supervisionLetterData(facts, source);
      return {
        number: source.number,
        sourceId: source.id,
        departmentName: kind === 'ASSIGNMENT_SHEET' ? null : departmentName,
        data,
      };
    }
    const year = isoYear(todayIn(this.clock));
    if (kind === 'SPECIAL_SUPERVISION_LETTER') {
      const event = facts.events.find((e) => e.id === documentId && e.type === 'SpecialSupervisionStarted');
      if (!event) throw missing();
      // Numbered in the supervision letters' sequence (督) when first issued, the same number after.
      const number =
        (await numberIssuedBefore(em, kind, event.id)) ??
        (await takeNumber(em, 'SUPERVISION_LETTER', rules.numbering.SUPERVISION_LETTER, year)).number;
      return {
        number,
        sourceId: event.id,
        departmentName: null,
        data: specialSupervisionLetterData(facts, event, number),
      };
    }
    if (!isUuid(documentId)) throw missing();
    const notice = await readNotice(em, documentId, facts.row.id);
    if (!notice) throw missing();
    const rule = rules.numbering.CIRCULAR_NOTICE;
    let number = await numberIssuedBefore(em, kind, notice.id);
    if (!number && !rule)
      throw badInput([
        { path: 'kind', message: '园区规则未设通报编号 / the rules number no circular notices' },
      ]);
    number ??= (await takeNumber(em, 'CIRCULAR_NOTICE', rule!, year)).number;
    return {
      number,
      sourceId: notice.id,
      departmentName: notice.departmentName,
      data: circularNoticeData(facts, notice, number),
    };
  }

  /**
   * Converts a file to PDF again after the conversion failed (or for a file issued before PDFs were
   * made): the row goes back to PENDING and a new job is written.
   */
  convertPdfAgain(actor: Actor, id: string): Promise<IssuedDocument> {
    if (this.pdfConversion === 'off')
      throw badInput([{ path: 'id', message: 'PDF 输出已关闭 / PDF output is switched off' }]);
    return this.db.run(actor, async (em) => {
      const [row] = await rowsOf(
        em,
        issuedInCase(id)
          .select(['c.department_ids', 'c.follow_up_department_id', 'c.follow_up_user_id', 'p.status'])
          // issued_document_pdfs_status_check: CHECK (status IN ('PENDING', 'READY', 'FAILED')).
          .$narrowType<{ status: PdfStatus | null }>(),
      );
      if (!row) throw notFound('文书 / Document', 'id');
      if (!seesCase(actor, factsOfRow(row))) throw forbidden();
      if (row.status === 'READY') throw conflict('id', 'PDF 已生成 / The PDF is ready');
      if (row.status === 'PENDING') throw conflict('id', 'PDF 正在转换 / The PDF is being converted');
      await requestPdf(em, actor.parkId!, id, `pdf/${id}/${randomUUID()}`);
      const [again] = await rowsOf(em, issued().where('d.id', '=', id));
      return toIssued(again, this.pdfConversion);
    });
  }

  /** The PDF of a file, for whoever may see its case; its status when it is not ready. */
  pdfForDownload(
    actor: Actor,
    id: string,
  ): Promise<
    | { fileName: string; sizeBytes: number; sha256: string; storageKey: string }
    | { notReady: PdfStatus | null; reason: string | null }
    | 'missing'
    | 'forbidden'
  > {
    return this.db.run(actor, async (em) => {
      const [row] = await rowsOf(
        em,
        issuedInCase(id)
          .select([
            'd.file_name',
            'c.department_ids',
            'c.follow_up_department_id',
            'c.follow_up_user_id',
            'p.status',
            'p.size_bytes',
            'p.sha256',
            'p.storage_key',
            'p.error_reason',
          ])
          // issued_document_pdfs_status_check: CHECK (status IN ('PENDING', 'READY', 'FAILED')).
          .$narrowType<{ status: PdfStatus | null }>(),
      );
      if (!row) return 'missing';
      if (!seesCase(actor, factsOfRow(row))) return 'forbidden';
      if (row.status !== 'READY') return { notReady: row.status, reason: row.error_reason };
      return {
        fileName: pdfFileName(row.file_name),
        sizeBytes: Number(row.size_bytes),
        sha256: row.sha256!,
        storageKey: row.storage_key!,
      };
    });
  }

  /** A file to download, for whoever may see its case (another park's reads as missing). */
  forDownload(actor: Actor, id: string): Promise<StoredAttachment | 'missing' | 'forbidden'> {
    return storedFileById(this.db, actor, 'issued_documents', id);
  }
}

/** The service as a process without Nest builds it (the worker, job tests): templates from the same storage. */
export function issuedDocumentServiceFrom(
  db: TenantDb,
  storage: AttachmentStorage,
  clock: Clock,
  pdfConversion: PdfConversionSetting,
  templates: DocumentTemplateOptions = {},
): IssuedDocumentService {
  return new IssuedDocumentService(
    db,
    storage,
    new DocumentTemplateService(db, storage, templates),
    clock,
    pdfConversion,
  );
}
