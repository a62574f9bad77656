import { subject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { abilityFor } from '../access/ability.js';
import type { Actor } from '../access/actor.js';
import { factsOfRow, seesCase, seesCaseById } from '../access/case-visibility.js';
import { recordAudit } from '../audit/audit.js';
import type { TenantDb } from '../database/tenant-db.js';
import type { AttachmentStorage } from './attachment-storage.js';
import type { CaseAttachment } from './attachment.models.js';

/** May the actor do this with the case? `missing`: not a case of the actor's park at all. */
export type Access = 'ok' | 'missing' | 'forbidden';

export interface NewAttachment {
  id: string;
  caseId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

interface AttachmentRow {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_at: Date;
  uploader_name: string | null;
}

export interface StoredAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

const ATTACHMENTS = `
  SELECT a.id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.uploaded_at,
         u.display_name AS uploader_name
    FROM case_attachments a LEFT JOIN users u ON u.id = a.uploaded_by`;

export const downloadUrlOf = (id: string) => `/api/attachments/${id}`;

function toAttachment(row: AttachmentRow): CaseAttachment {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
    uploaderName: row.uploader_name,
    downloadUrl: downloadUrlOf(row.id),
  };
}

/** Row-level security answers only for the actor's park: another park's case reads as missing. */
async function caseDepartments(em: EntityManager, caseId: string, lock: boolean): Promise<string[] | null> {
  const rows = (await em.query(`SELECT department_ids FROM cases WHERE id = $1${lock ? ' FOR SHARE' : ''}`, [
    caseId,
  ])) as { department_ids: string[] }[];
  return rows[0]?.department_ids ?? null;
}

function uploadAccess(actor: Actor, departmentIds: string[] | null): Access {
  if (departmentIds === null) return 'missing';
  const target = subject('CaseAttachment', { parkId: actor.parkId, departmentIds } as Record<
    string,
    unknown
  >);
  return abilityFor(actor).can('create', target) ? 'ok' : 'forbidden';
}

/** Files attached to cases: who may attach and read them, their rows, timeline events and audit. */
export class AttachmentService {
  constructor(
    private readonly db: TenantDb,
    readonly storage: AttachmentStorage,
  ) {}

  /** Checked before an upload is read, and again when it is recorded. */
  uploadAccess(actor: Actor, caseId: string): Promise<Access> {
    if (!actor.parkId) return Promise.resolve('forbidden');
    return this.db.run(actor, async (em) => uploadAccess(actor, await caseDepartments(em, caseId, false)));
  }

  /**
   * Records a stored file: its row, an event on the case's timeline and an audit record, in one
   * transaction. Answers `missing`/`forbidden` (and writes nothing) if the case moved meanwhile.
   */
  record(actor: Actor, file: NewAttachment): Promise<CaseAttachment | Exclude<Access, 'ok'>> {
    return this.db.run(actor, async (em) => {
      // Shared lock: an act on the case finishes first, and the event takes the version it made.
      const access = uploadAccess(actor, await caseDepartments(em, file.caseId, true));
      if (access !== 'ok') return access;
      await em.query(
        `INSERT INTO case_attachments (id, case_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          file.id,
          file.caseId,
          file.fileName,
          file.contentType,
          file.sizeBytes,
          file.sha256,
          file.storageKey,
          actor.userId,
        ],
      );
      await em.query(
        `INSERT INTO case_events (case_id, case_version, type, actor_user_id, actor_role, data, status_before, status_after)
         SELECT id, version, 'AttachmentAdded', $2, $3, $4, status, status FROM cases WHERE id = $1`,
        [
          file.caseId,
          actor.userId,
          actor.roles[0]?.role ?? null,
          JSON.stringify({ attachmentId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes }),
        ],
      );
      await recordAudit(em, actor, {
        action: 'case.attachmentAdded',
        subjectType: 'Case',
        subjectId: file.caseId,
        before: null,
        after: {
          attachmentId: file.id,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
        },
      });
      const [row] = (await em.query(`${ATTACHMENTS} WHERE a.id = $1`, [file.id])) as AttachmentRow[];
      return toAttachment(row);
    });
  }

  /** A case's files, oldest first; none of a case the actor does not see. */
  listOf(actor: Actor, caseId: string): Promise<CaseAttachment[]> {
    return this.db.run(actor, async (em) => {
      if (!(await seesCaseById(em, actor, caseId))) return [];
      const rows = (await em.query(`${ATTACHMENTS} WHERE a.case_id = $1 ORDER BY a.uploaded_at, a.id`, [
        caseId,
      ])) as AttachmentRow[];
      return rows.map(toAttachment);
    });
  }

  /** A file to download, for whoever may see its case. */
  forDownload(actor: Actor, id: string): Promise<StoredAttachment | Exclude<Access, 'ok'>> {
    return this.db.run(actor, async (em) => {
      const rows = (await em.query(
        `SELECT a.file_name, a.content_type, a.size_bytes, a.sha256, a.storage_key, c.department_ids,
                c.follow_up_department_id, c.follow_up_user_id
           FROM case_attachments a JOIN cases c ON c.id = a.case_id
          WHERE a.id = $1`,
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
