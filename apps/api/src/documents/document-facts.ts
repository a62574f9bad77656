import type { ParkRules, WorkingDayCalendar } from '@qifu/domain';
import { sql, type Selectable } from 'kysely';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import type { EntityManager } from 'typeorm';
import { caseEventsWithActor, jsonObjectOf, type CaseRow } from '../cases/case.queries.js';
import type { DB } from '../database/db-types.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';

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
  const [park] = await rowsOf(
    em,
    kysely
      .selectFrom('parks')
      .select('name')
      .where('id', '=', sql<string>`current_setting('app.park_id')::uuid`),
  );
  const departments = await rowsOf(em, kysely.selectFrom('departments').select(['id', 'name']));
  const events = (
    await rowsOf(
      em,
      caseEventsWithActor()
        .select(['e.type', 'e.data', 'e.occurred_at as occurredAt', 'u.display_name as actorName'])
        .where('e.case_id', '=', row.id)
        .orderBy('e.occurred_at')
        .orderBy('e.id'),
    )
  ).map((event) => ({ ...event, data: jsonObjectOf(event.data, 'case event data') }));
  const documents = (
    await rowsOf(
      em,
      kysely
        .selectFrom('case_documents')
        .select([
          'id',
          'kind',
          'number',
          'department_id as departmentId',
          sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issuedOn'),
          sql<string | null>`to_char(due_on, 'YYYY-MM-DD')`.as('dueOn'),
          'data',
          'created_at as createdAt',
        ])
        .where('case_id', '=', row.id)
        .orderBy('created_at')
        .orderBy('number'),
    )
  ).map((document) => ({ ...document, data: jsonObjectOf(document.data, 'case document data') }));
  const attachments = await rowsOf(
    em,
    kysely
      .selectFrom('case_attachments')
      .select('file_name')
      .where('case_id', '=', row.id)
      .orderBy('uploaded_at')
      .orderBy('id'),
  );
  const issuer = issuerUserId
    ? await rowsOf(em, kysely.selectFrom('users').select('display_name').where('id', '=', issuerUserId))
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
  const rows = await rowsOfSql(
    em,
    sql<NoticeRow>`SELECT n.id, d.name AS "departmentName", n.grounds, n.content, n.issued_at AS "issuedAt",
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
      WHERE n.id = ${noticeId} AND EXISTS (SELECT 1 FROM circular_notice_cases WHERE notice_id = n.id AND case_id = ${caseId})`,
  );
  return rows[0] ?? null;
}

type Cases = Selectable<DB['cases']>;
type Notices = Selectable<DB['circular_notices']>;

/** readNotice's row: the notice's columns, and its cases as json_build_object writes them. */
interface NoticeRow {
  id: Notices['id'];
  departmentName: Selectable<DB['departments']>['name'];
  grounds: Notices['grounds'];
  content: Notices['content'];
  issuedAt: Notices['issued_at'];
  cases: {
    registrationNo: Cases['registration_no'];
    enterpriseName: Cases['enterprise_name'];
    title: Cases['title'];
    status: Cases['status'];
    assignmentNo: Selectable<DB['case_documents']>['number'] | null;
    /** to_char of the assignment sheet's dates. */
    assignedOn: string | null;
    dueOn: string | null;
  }[];
}
