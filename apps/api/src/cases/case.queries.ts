import type { CaseStatus, DeadlineFact, DeadlineRecord } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { CaseDocument, CaseEvent } from './case.models.js';

/** A stored deadline of a case, as libs/domain keeps it (the trace is recomputed when shown). */
export type StoredDeadline = DeadlineRecord;

export interface CaseRow {
  id: string;
  registration_no: string;
  rules_version: number;
  status: CaseStatus;
  version: number;
  enterprise_id: string | null;
  enterprise_name: string;
  enterprise_address: string;
  reported_at: Date;
  category_code: string;
  channel_code: string;
  report_form_code: string;
  contact_name: string;
  contact_title: string | null;
  contact_phone: string;
  contact_email: string | null;
  title: string;
  description: string;
  hoped_department_ids: string[];
  urgent: boolean;
  jurisdiction: 'PARK' | 'DISTRICT' | null;
  major: boolean;
  policy_heavy: boolean;
  lead_department_id: string | null;
  department_ids: string[];
  approver_role: string | null;
  grade_code: string | null;
  satisfaction_code: string | null;
  state: Record<string, unknown>;
  deadlines: StoredDeadline[];
  /** The enterprise's linked department and cadre that record its follow-up (they see the case). */
  follow_up_department_id: string | null;
  follow_up_user_id: string | null;
}

/** A referral letter's reply date (Art. 7.2): the bureau it went to, when due, when answered. */
export interface ReferralReplyDate {
  departmentId: string;
  dueOn: string;
  doneOn: string | null;
}

/** The case's referral letters that have a reply date, oldest first. */
export async function referralReplyDates(em: EntityManager, caseId: string): Promise<ReferralReplyDate[]> {
  return (await em.query(
    `SELECT department_id AS "departmentId", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
            to_char(done_on, 'YYYY-MM-DD') AS "doneOn"
       FROM case_documents
      WHERE case_id = $1 AND kind = 'REFERRAL_LETTER' AND department_id IS NOT NULL AND due_on IS NOT NULL
      ORDER BY created_at, number`,
    [caseId],
  )) as ReferralReplyDate[];
}

export async function findCaseRow(em: EntityManager, id: string, lock = false): Promise<CaseRow | null> {
  const rows = (await em.query(`SELECT * FROM cases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
    id,
  ])) as CaseRow[];
  return rows[0] ?? null;
}

export async function caseTimeline(em: EntityManager, caseId: string): Promise<CaseEvent[]> {
  const rows = (await em.query(
    `SELECT e.id::text AS id, e.case_version AS "caseVersion", e.type, e.occurred_at AS "occurredAt",
            u.display_name AS "actorName", e.actor_role AS "actorRole", e.status_before AS "statusBefore",
            e.status_after AS "statusAfter", e.data
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = $1 ORDER BY e.case_version, e.id`,
    [caseId],
  )) as CaseEvent[];
  return rows;
}

export async function caseDocuments(
  em: EntityManager,
  caseId: string,
  today: string,
): Promise<CaseDocument[]> {
  return (await em.query(
    `SELECT c.id, c.kind, c.number, c.department_id AS "departmentId",
            COALESCE(d.name, c.data ->> 'officeName') AS "departmentName",
            to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn",
            to_char(c.done_on, 'YYYY-MM-DD') AS "doneOn",
            (c.due_on IS NOT NULL AND c.done_on IS NULL AND c.due_on < $2::date) AS overdue,
            CASE WHEN c.due_on IS NULL THEN (c.data ->> 'pendingDeadlineYear')::int END AS "pendingDeadlineYear",
            c.data
       FROM case_documents c LEFT JOIN departments d ON d.id = c.department_id
      WHERE c.case_id = $1 ORDER BY c.issued_on, c.kind, c.number`,
    [caseId, today],
  )) as CaseDocument[];
}

/**
 * What supervision is decided on (Art. 10): the case's stage deadlines (a split or assisting
 * department's clock with its department and tier) and its referral letters' reply dates.
 */
export function deadlineFacts(
  deadlines: readonly StoredDeadline[],
  letters: readonly ReferralReplyDate[],
): DeadlineFact[] {
  return [
    ...deadlines.map((d) => ({
      stage: d.stage as DeadlineFact['stage'],
      from: d.from,
      dueOn: d.dueOn,
      doneOn: d.doneOn,
      departmentId: d.departmentId ?? null,
      ...(d.tierCode ? { tierCode: d.tierCode } : {}),
    })),
    ...letters.map((l) => ({
      stage: 'referralReply' as const,
      dueOn: l.dueOn,
      doneOn: l.doneOn,
      departmentId: l.departmentId,
    })),
  ];
}
