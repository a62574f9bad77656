import type { Actor } from '../access/actor.js';
import { factsOfRow, seesCase } from '../access/case-visibility.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';

/** Where a stored file of a case is, and what to send it as. */
export interface StoredAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/** What to select of a stored file `f` (an attachment or an issued document) joined to its case `c`. */
const storedFileColumns = [
  'f.file_name',
  'f.content_type',
  'f.size_bytes',
  'f.sha256',
  'f.storage_key',
  'c.department_ids',
  'c.follow_up_department_id',
  'c.follow_up_user_id',
] as const;

interface StoredFileRow {
  file_name: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  storage_key: string;
  department_ids: string[];
  follow_up_department_id: string | null;
  follow_up_user_id: string | null;
}

/** The file to download, for whoever may see its case; `missing` when no row was found. */
function storedFileFor(
  actor: Actor,
  row: StoredFileRow | undefined,
): StoredAttachment | 'missing' | 'forbidden' {
  if (!row) return 'missing';
  if (!seesCase(actor, factsOfRow(row))) return 'forbidden';
  return {
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
  };
}

/** The stored file `id` of `table` to download, for whoever may see its case (another park's reads as missing). */
export function storedFileById(
  db: TenantDb,
  actor: Actor,
  table: 'case_attachments' | 'issued_documents',
  id: string,
): Promise<StoredAttachment | 'missing' | 'forbidden'> {
  return db.run(actor, async (em) => {
    const [row] = await rowsOf(
      em,
      kysely
        // Both tables have the stored-file columns; the query is typed as the first one.
        .selectFrom(`${table} as f` as 'case_attachments as f')
        .innerJoin('cases as c', 'c.id', 'f.case_id')
        .select(storedFileColumns)
        .where('f.id', '=', id),
    );
    return storedFileFor(actor, row);
  });
}
