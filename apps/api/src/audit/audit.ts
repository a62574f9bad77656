import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { currentRequestId } from '../common/request-store.js';
import { kysely, rowsOf } from '../database/typed-sql.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * A snapshot as JSON text, which PostgreSQL reads into the jsonb column (pg would send a bare
 * array as a PostgreSQL array); none when the entry has no snapshot.
 */
function jsonText(snapshot: unknown): string | null {
  return snapshot === undefined ? null : JSON.stringify(snapshot);
}

/** What both trails record of an entry: who, what, of which subject, its result, in which request. */
function trailColumns(actor: Actor | null, entry: AuditEntry) {
  return {
    actor_user_id: actor?.userId || null,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    after: jsonText(entry.after),
    request_id: currentRequestId(),
  };
}

/** Appends to the current park's trail, inside the caller's transaction: no change without its record. */
export async function recordAudit(em: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await rowsOf(
    em,
    kysely
      .insertInto('audit_events')
      .values({ ...trailColumns(actor, entry), before: jsonText(entry.before) }),
  );
}

/** Appends to the platform's trail (changes to districts and parks). */
export async function recordPlatformAudit(
  em: EntityManager,
  actor: Actor | null,
  entry: AuditEntry,
): Promise<void> {
  await rowsOf(em, kysely.insertInto('platform_audit_events').values(trailColumns(actor, entry)));
}
