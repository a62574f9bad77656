import type { ParkRules, WorkingDayCalendar } from '@qifu/domain';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import type { EntityManager } from 'typeorm';
import type { CaseRow } from '../cases/case.queries.js';

/** A case event as the documents read it (who acted, when, with what). */
export interface FactEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  actorName: string | null;
}

/** A numbered document of the case (case_documents). */
export interface FactDocument {
  id: string;
  kind: string;
  number: string;
  departmentId: string | null;
  issuedOn: string;
  dueOn: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface FactNotice {
  id: string;
  departmentName: string;
  grounds: string[];
  content: string;
  issuedAt: Date;
  cases: {
    registrationNo: string;
    enterpriseName: string;
    title: string;
    status: string;
    assignmentNo: string | null;
    assignedOn: string | null;
    dueOn: string | null;
  }[];
}

/** Everything a case's documents are filled from, read in the caller's transaction. */
export interface CaseFacts {
  row: CaseRow;
  rules: ParkRules;
  /** The park's working days with the national arrangement in force. */
  calendar: WorkingDayCalendar;
  parkName: string;
  /** Department and bureau names by id. */
  departments: Map<string, string>;
  events: FactEvent[];
  documents: FactDocument[];
  attachmentNames: string[];
  /** The display name of the person issuing. */
  issuerName: string;
}

export async function readCaseFacts(
  em: EntityManager,
  row: CaseRow,
  rules: ParkRules,
  issuerUserId: string | null,
): Promise<CaseFacts> {
  const [park] = (await em.query(
    `SELECT name FROM parks WHERE id = current_setting('app.park_id')::uuid`,
  )) as {
    name: string;
  }[];
  const departments = (await em.query(`SELECT id, name FROM departments`)) as { id: string; name: string }[];
  const events = (await em.query(
    `SELECT e.id::text AS id, e.type, e.data, e.occurred_at AS "occurredAt", u.display_name AS "actorName"
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = $1 ORDER BY e.occurred_at, e.id`,
    [row.id],
  )) as FactEvent[];
  const documents = (await em.query(
    `SELECT id, kind, number, department_id AS "departmentId", to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
            to_char(due_on, 'YYYY-MM-DD') AS "dueOn", data, created_at AS "createdAt"
       FROM case_documents WHERE case_id = $1 ORDER BY created_at, number`,
    [row.id],
  )) as FactDocument[];
  const attachments = (await em.query(
    `SELECT file_name FROM case_attachments WHERE case_id = $1 ORDER BY uploaded_at, id`,
    [row.id],
  )) as { file_name: string }[];
  const issuer = issuerUserId
    ? ((await em.query(`SELECT display_name FROM users WHERE id = $1`, [issuerUserId])) as {
        display_name: string;
      }[])
    : [];
  return {
    row,
    rules,
    calendar: parkCalendar(rules, await nationalHolidays(em)),
    parkName: park?.name ?? '',
    departments: new Map(departments.map((d) => [d.id, d.name])),
    events,
    documents,
    attachmentNames: attachments.map((a) => a.file_name),
    issuerName: issuer[0]?.display_name ?? '',
  };
}

/** A circular notice naming the case, with every case it names and their assignment sheets. */
export async function readNotice(
  em: EntityManager,
  noticeId: string,
  caseId: string,
): Promise<FactNotice | null> {
  const rows = (await em.query(
    `SELECT n.id, d.name AS "departmentName", n.grounds, n.content, n.issued_at AS "issuedAt",
            COALESCE((SELECT json_agg(json_build_object(
                        'registrationNo', c.registration_no, 'enterpriseName', c.enterprise_name,
                        'title', c.title, 'status', c.status,
                        'assignmentNo', s.number, 'assignedOn', to_char(s.issued_on, 'YYYY-MM-DD'),
                        'dueOn', to_char(s.due_on, 'YYYY-MM-DD')) ORDER BY nc.position)
                        FROM circular_notice_cases nc JOIN cases c ON c.id = nc.case_id
                        LEFT JOIN LATERAL (SELECT number, issued_on, due_on FROM case_documents
                                            WHERE case_id = c.id AND kind = 'ASSIGNMENT_SHEET'
                                            ORDER BY created_at DESC LIMIT 1) s ON true
                       WHERE nc.notice_id = n.id), '[]') AS cases
       FROM circular_notices n JOIN departments d ON d.id = n.department_id
      WHERE n.id = $1 AND EXISTS (SELECT 1 FROM circular_notice_cases WHERE notice_id = n.id AND case_id = $2)`,
    [noticeId, caseId],
  )) as FactNotice[];
  return rows[0] ?? null;
}
