import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { currentRequestId } from '../common/request-store.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends to the current park's trail, inside the caller's transaction: no change without its record. */
export async function recordAudit(em: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await em.query(
    `INSERT INTO audit_events (actor_user_id, action, subject_type, subject_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      actor?.userId || null,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      currentRequestId(),
    ],
  );
}

/** Appends to the platform's trail (changes to districts and parks). */
export async function recordPlatformAudit(
  em: EntityManager,
  actor: Actor | null,
  entry: AuditEntry,
): Promise<void> {
  await em.query(
    `INSERT INTO platform_audit_events (actor_user_id, action, subject_type, subject_id, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      actor?.userId || null,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.after === undefined ? null : JSON.stringify(entry.after),
      currentRequestId(),
    ],
  );
}
