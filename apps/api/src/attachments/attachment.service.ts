import { subject } from '@casl/ability';
import type { InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { abilityFor } from '../access/ability.js';
import type { Actor } from '../access/actor.js';
import { seesCaseById } from '../access/case-visibility.js';
import { recordAudit } from '../audit/audit.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { AttachmentStorage } from './attachment-storage.js';
import type { CaseAttachment } from './attachment.models.js';
import { type StoredAttachment, storedFileById } from './stored-file-download.js';

export type { StoredAttachment } from './stored-file-download.js';

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

const attachments = () =>
  kysely
    .selectFrom('case_attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.file_name',
      'a.content_type',
      'a.size_bytes',
      'a.sha256',
      'a.uploaded_at',
      'u.display_name as uploader_name',
    ]);

export const downloadUrlOf = (id: string) => `/api/attachments/${id}`;

function toAttachment(row: InferResult<ReturnType<typeof attachments>>[number]): CaseAttachment {
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
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('cases')
      .select('department_ids')
      .where('id', '=', caseId)
      .$if(lock, (query) => query.forShare()),
  );
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
      await rowsOf(
        em,
        kysely.insertInto('case_attachments').values({
          id: file.id,
          case_id: file.caseId,
          file_name: file.fileName,
          content_type: file.contentType,
          size_bytes: file.sizeBytes,
          sha256: file.sha256,
          storage_key: file.storageKey,
          uploaded_by: actor.userId,
        }),
      );
      const eventData = JSON.stringify({
        attachmentId: file.id,
        fileName: file.fileName,
        sizeBytes: file.sizeBytes,
      });
      await rowsOf(
        em,
        kysely
          .insertInto('case_events')
          .columns([
            'case_id',
            'case_version',
            'type',
            'actor_user_id',
            'actor_role',
            'data',
            'status_before',
            'status_after',
          ])
          .expression((eb) =>
            eb
              .selectFrom('cases')
              .select((c) => [
                'id',
                'version',
                c.val('AttachmentAdded').as('type'),
                c.val(actor.userId).as('actor_user_id'),
                c.val(actor.roles[0]?.role ?? null).as('actor_role'),
                c.val(eventData).as('data'),
                'status as status_before',
                'status as status_after',
              ])
              .where('id', '=', file.caseId),
          ),
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
      const [row] = await rowsOf(em, attachments().where('a.id', '=', file.id));
      return toAttachment(row);
    });
  }

  /** A case's files, oldest first; none of a case the actor does not see. */
  listOf(actor: Actor, caseId: string): Promise<CaseAttachment[]> {
    return this.db.run(actor, async (em) => {
      if (!(await seesCaseById(em, actor, caseId))) return [];
      const rows = await rowsOf(
        em,
        attachments().where('a.case_id', '=', caseId).orderBy('a.uploaded_at').orderBy('a.id'),
      );
      return rows.map(toAttachment);
    });
  }

  /** A file to download, for whoever may see its case. */
  forDownload(actor: Actor, id: string): Promise<StoredAttachment | Exclude<Access, 'ok'>> {
    return storedFileById(this.db, actor, 'case_attachments', id);
  }
}
