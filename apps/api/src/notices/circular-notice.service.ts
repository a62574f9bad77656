import { CIRCULAR_NOTICE_GROUND_CODES, circularNoticeProblems, type NoticeableCase } from '@qifu/domain';
import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachCondition, caseVisibility, seesCaseById } from '../access/case-visibility.js';
import { recordAudit } from '../audit/audit.js';
import { badInput, notFound } from '../common/errors.js';
import type { DB } from '../database/db-types.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, oneOf, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import { assertParkDepartment } from '../departments/department.queries.js';
import type { CircularNotice, IssueCircularNoticeInput } from './circular-notice.models.js';

type CaseRow = Selectable<DB['cases']>;

/** A notice with its department's and issuer's names and its cases (built by json_build_object). */
type NoticeRow = Pick<
  Selectable<DB['circular_notices']>,
  'id' | 'department_id' | 'grounds' | 'content' | 'issued_at'
> & {
  department_name: Selectable<DB['departments']>['name'];
  issued_by_name: Selectable<DB['users']>['display_name'] | null;
  cases: {
    id: CaseRow['id'];
    registrationNo: CaseRow['registration_no'];
    title: CaseRow['title'];
    enterpriseName: CaseRow['enterprise_name'];
  }[];
};

/**
 * Notices with their department, issuer and the cases they name in order, read through their
 * cases: of each notice only the cases the reader sees (`seen`, a condition on `c` from
 * case-visibility.ts), and only notices naming at least one of them.
 */
function noticesSql(seen: RawBuilder<SqlBool>) {
  return sql`
  SELECT n.id, n.department_id, d.name AS department_name, n.grounds, n.content, n.issued_at,
         u.display_name AS issued_by_name,
         COALESCE((SELECT json_agg(json_build_object('id', c.id, 'registrationNo', c.registration_no,
                                                    'title', c.title, 'enterpriseName', c.enterprise_name)
                                   ORDER BY nc.position)
                     FROM circular_notice_cases nc JOIN cases c ON c.id = nc.case_id
                    WHERE nc.notice_id = n.id AND ${seen}), '[]') AS cases
    FROM circular_notices n
    JOIN departments d ON d.id = n.department_id
    LEFT JOIN users u ON u.id = n.issued_by`;
}

function toNotice(row: NoticeRow): CircularNotice {
  return {
    id: row.id,
    departmentId: row.department_id,
    departmentName: row.department_name,
    grounds: row.grounds.map((ground) => oneOf(CIRCULAR_NOTICE_GROUND_CODES, ground, 'notice ground')),
    content: row.content,
    issuedAt: row.issued_at.toISOString(),
    issuedByName: row.issued_by_name,
    cases: row.cases,
  };
}

/** A notice just issued, as its issuer (the service center, who sees every case) reads it. */
async function findNotice(em: EntityManager, id: string): Promise<CircularNotice> {
  const [row] = await rowsOfSql(em, sql<NoticeRow>`${noticesSql(sql`TRUE`)} WHERE n.id = ${id}`);
  return toNotice(row);
}

/** Art. 11: the leadership group's office (in the service center) circulates notices of delay. */
export class CircularNoticeService {
  constructor(private readonly db: TenantDb) {}

  list(
    actor: Actor,
    departmentId: string | null,
    caseId: string | null,
    limit = 200,
    offset = 0,
  ): Promise<{ items: CircularNotice[]; totalCount: number }> {
    const { cases } = caseVisibility(actor);
    const seen =
      cases.kind === 'PARK' || cases.kind === 'DEPARTMENTS'
        ? caseReachCondition(cases, 'c')
        : sql<SqlBool>`FALSE`;
    return this.db.run(actor, async (em) => {
      // A filter naming what the reader cannot see is refused as not found, never answered empty.
      await assertParkDepartment(em, departmentId, 'departmentId');
      if (caseId && !(await seesCaseById(em, actor, caseId))) throw notFound('案件 / Case', 'caseId');
      const where = sql`WHERE (${departmentId}::uuid IS NULL OR n.department_id = ${departmentId})
            AND EXISTS (SELECT 1 FROM circular_notice_cases nc JOIN cases c ON c.id = nc.case_id
                         WHERE nc.notice_id = n.id AND (${caseId}::uuid IS NULL OR nc.case_id = ${caseId}) AND ${seen})`;
      const [{ count }] = await rowsOfSql(
        em,
        sql<{ count: number }>`SELECT count(*)::int AS count FROM circular_notices n ${where}`,
      );
      const rows = await rowsOfSql(
        em,
        sql<NoticeRow>`${noticesSql(seen)} ${where}
          ORDER BY n.issued_at DESC, n.id DESC
          LIMIT ${limit} OFFSET ${offset}`,
      );
      return { items: rows.map(toNotice), totalCount: count };
    });
  }

  issue(actor: Actor, input: IssueCircularNoticeInput): Promise<CircularNotice> {
    return this.db.run(actor, async (em) => {
      await assertParkDepartment(em, input.departmentId, 'departmentId');
      // Row-level security limits this to the park's cases: another park's id reads as unknown.
      const cases: NoticeableCase[] = await rowsOf(
        em,
        kysely
          .selectFrom('cases')
          .select(['id', 'department_ids as departmentIds'])
          .where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`${input.caseIds}::uuid[]`))),
      );
      const unknown = input.caseIds.findIndex((id) => !cases.some((c) => c.id === id.toLowerCase()));
      if (unknown >= 0) throw notFound('案件 / Case', `caseIds[${unknown}]`);
      const problems = circularNoticeProblems(input, cases);
      if (problems.length > 0) throw badInput(problems);

      const [{ id }] = await rowsOf(
        em,
        kysely
          .insertInto('circular_notices')
          .values({
            department_id: input.departmentId,
            grounds: input.grounds,
            content: input.content.trim(),
            issued_by: actor.userId,
          })
          .returning('id'),
      );
      // The cases in the order given: unnest's ordinality is each one's position.
      await rowsOfSql(
        em,
        sql<never>`INSERT INTO circular_notice_cases (notice_id, case_id, position)
         SELECT ${id}, case_id, position FROM unnest(${input.caseIds}::uuid[]) WITH ORDINALITY AS t(case_id, position)`,
      );
      const notice = await findNotice(em, id);
      await recordAudit(em, actor, {
        action: 'circularNotice.issued',
        subjectType: 'CircularNotice',
        subjectId: id,
        before: null,
        after: notice,
      });
      return notice;
    });
  }
}
