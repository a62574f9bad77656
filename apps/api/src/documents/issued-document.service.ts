import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { isoYear, type ParkRules } from '@qifu/domain';
import { DOCX_KIND_LABELS, renderDocx, type DocxData, type DocxKind } from '@qifu/documents';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { factsOfRow, seesCase, seesCaseById } from '../access/case-visibility.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import { recordAudit } from '../audit/audit.js';
import { findCaseRow } from '../cases/case.queries.js';
import { takeNumber } from '../cases/numbering.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { isUuid } from '../common/input-values.js';
import type { TenantDb } from '../database/tenant-db.js';
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

interface IssuedRow {
  id: string;
  kind: DocxKind;
  number: string;
  source_id: string | null;
  template_version: number | null;
  file_name: string;
  size_bytes: string;
  sha256: string;
  issued_at: Date;
  issuer_name: string | null;
  pdf_status: PdfStatus | null;
  pdf_error_reason: string | null;
  pdf_error_message: string | null;
}

const ISSUED = `
  SELECT d.id, d.kind, d.number, d.source_id, d.template_version, d.file_name, d.size_bytes, d.sha256,
         d.issued_at, u.display_name AS issuer_name, p.status AS pdf_status,
         p.error_reason AS pdf_error_reason, p.error_message AS pdf_error_message
    FROM issued_documents d LEFT JOIN users u ON u.id = d.issued_by
    LEFT JOIN issued_document_pdfs p ON p.issued_document_id = d.id`;

export const issuedDownloadUrl = (id: string) => `/api/issued-documents/${id}`;
export const issuedPdfUrl = (id: string) => `/api/issued-documents/${id}/pdf`;

/** PDF_CONVERSION: off issues Word files only. */
export type PdfConversionSetting = 'auto' | 'required' | 'off';

/** The PDF's name: the Word file's with .pdf. */
export const pdfFileName = (docxName: string) => docxName.replace(/\.docx$/i, '') + '.pdf';

/** Writes the PENDING row and the conversion job in the caller's transaction. */
async function requestPdf(em: EntityManager, parkId: string, id: string, key: string): Promise<void> {
  await em.query(
    `INSERT INTO issued_document_pdfs (issued_document_id, status) VALUES ($1, 'PENDING')
     ON CONFLICT (issued_document_id) DO UPDATE
       SET status = 'PENDING', error_reason = NULL, error_message = NULL, updated_at = now()`,
    [id],
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
  const rows = (await em.query(
    `SELECT number FROM issued_documents WHERE kind = $1 AND source_id = $2 ORDER BY issued_at LIMIT 1`,
    [kind, sourceId],
  )) as { number: string }[];
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
      const rows = (await em.query(`${ISSUED} WHERE d.case_id = $1 ORDER BY d.issued_at, d.id`, [
        caseId,
      ])) as IssuedRow[];
      return rows.map((row) => toIssued(row, this.pdfConversion));
    });
  }

  /** What can be issued for the case: the registration form, its numbered documents, supervisions, notices. */
  issuableOf(actor: Actor, caseId: string): Promise<IssuableDocument[]> {
    return this.db.run(actor, async (em) => {
      if (!(await seesCaseById(em, actor, caseId))) return [];
      const [row] = (await em.query(
        `SELECT registration_no, to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS reported_on
           FROM cases WHERE id = $1`,
        [caseId],
      )) as { registration_no: string; reported_on: string }[];
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
      const documents = (await em.query(
        `SELECT c.id, c.kind, c.number, d.name AS department_name, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on
           FROM case_documents c LEFT JOIN departments d ON d.id = c.department_id
          WHERE c.case_id = $1 ORDER BY c.created_at, c.number`,
        [caseId],
      )) as {
        id: string;
        kind: DocxKind;
        number: string;
        department_name: string | null;
        issued_on: string;
      }[];
      for (const d of documents)
        list.push({
          kind: d.kind,
          documentId: d.id,
          number: d.number,
          departmentName: d.department_name,
          date: d.issued_on,
        });
      const supervisions = (await em.query(
        `SELECT e.id::text AS id, to_char(e.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
                (SELECT number FROM issued_documents i
                  WHERE i.kind = 'SPECIAL_SUPERVISION_LETTER' AND i.source_id = e.id::text ORDER BY issued_at LIMIT 1) AS number
           FROM case_events e WHERE e.case_id = $1 AND e.type = 'SpecialSupervisionStarted' ORDER BY e.id`,
        [caseId],
      )) as { id: string; day: string; number: string | null }[];
      for (const s of supervisions)
        list.push({
          kind: 'SPECIAL_SUPERVISION_LETTER',
          documentId: s.id,
          number: s.number,
          departmentName: null,
          date: s.day,
        });
      const notices = (await em.query(
        `SELECT n.id, d.name AS department_name, to_char(n.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
                (SELECT number FROM issued_documents i
                  WHERE i.kind = 'CIRCULAR_NOTICE' AND i.source_id = n.id::text ORDER BY issued_at LIMIT 1) AS number
           FROM circular_notices n JOIN circular_notice_cases nc ON nc.notice_id = n.id
           JOIN departments d ON d.id = n.department_id
          WHERE nc.case_id = $1 ORDER BY n.issued_at`,
        [caseId],
      )) as { id: string; department_name: string; day: string; number: string | null }[];
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
        await em.query(
          `INSERT INTO issued_documents (id, case_id, kind, number, source_id, template_id, template_version,
             file_name, content_type, size_bytes, sha256, storage_key, issued_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            id,
            caseId,
            kind,
            prepared.number,
            prepared.sourceId,
            template.templateId,
            template.version,
            fileName,
            DOCX_CONTENT_TYPE,
            bytes.length,
            sha256,
            storageKey,
            actor.userId || null,
          ],
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
        const [issued] = (await em.query(`${ISSUED} WHERE d.id = $1`, [id])) as IssuedRow[];
        return toIssued(issued, this.pdfConversion);
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
      const [row] = (await em.query(
        `SELECT c.department_ids, c.follow_up_department_id, c.follow_up_user_id, p.status
           FROM issued_documents d JOIN cases c ON c.id = d.case_id
           LEFT JOIN issued_document_pdfs p ON p.issued_document_id = d.id
          WHERE d.id = $1`,
        [id],
      )) as {
        department_ids: string[];
        follow_up_department_id: string | null;
        follow_up_user_id: string | null;
        status: PdfStatus | null;
      }[];
      if (!row) throw notFound('文书 / Document', 'id');
      if (!seesCase(actor, factsOfRow(row))) throw forbidden();
      if (row.status === 'READY') throw conflict('id', 'PDF 已生成 / The PDF is ready');
      if (row.status === 'PENDING') throw conflict('id', 'PDF 正在转换 / The PDF is being converted');
      await requestPdf(em, actor.parkId!, id, `pdf/${id}/${randomUUID()}`);
      const [issued] = (await em.query(`${ISSUED} WHERE d.id = $1`, [id])) as IssuedRow[];
      return toIssued(issued, this.pdfConversion);
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
      const [row] = (await em.query(
        `SELECT d.file_name, c.department_ids, c.follow_up_department_id, c.follow_up_user_id,
                p.status, p.size_bytes, p.sha256, p.storage_key, p.error_reason
           FROM issued_documents d JOIN cases c ON c.id = d.case_id
           LEFT JOIN issued_document_pdfs p ON p.issued_document_id = d.id WHERE d.id = $1`,
        [id],
      )) as {
        file_name: string;
        department_ids: string[];
        status: PdfStatus | null;
        size_bytes: string | null;
        sha256: string | null;
        storage_key: string | null;
        error_reason: string | null;
        follow_up_department_id: string | null;
        follow_up_user_id: string | null;
      }[];
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
  forDownload(
    actor: Actor,
    id: string,
  ): Promise<
    | { fileName: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string }
    | 'missing'
    | 'forbidden'
  > {
    return this.db.run(actor, async (em) => {
      const rows = (await em.query(
        `SELECT d.file_name, d.content_type, d.size_bytes, d.sha256, d.storage_key, c.department_ids,
                c.follow_up_department_id, c.follow_up_user_id
           FROM issued_documents d JOIN cases c ON c.id = d.case_id WHERE d.id = $1`,
        [id],
      )) as {
        file_name: string;
        content_type: string;
        size_bytes: string;
        sha256: string;
        storage_key: string;
        department_ids: string[];
        follow_up_department_id: string | null;
        follow_up_user_id: string | null;
      }[];
      const row = rows[0];
      if (!row) return 'missing';
      if (!seesCase(actor, factsOfRow(row))) return 'forbidden';
      return {
        fileName: row.file_name,
        contentType: row.content_type,
        sizeBytes: Number(row.size_bytes),
        sha256: row.sha256,
        storageKey: row.storage_key,
      };
    });
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
