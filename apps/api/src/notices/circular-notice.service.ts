import { circularNoticeProblems, type NoticeableCase } from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachSql, caseVisibility, seesCaseById } from '../access/case-visibility.js';
import { recordAudit } from '../audit/audit.js';
import { badInput, notFound } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import { assertParkDepartment } from '../departments/department.queries.js';
import type { CircularNotice, IssueCircularNoticeInput } from './circular-notice.models.js';

interface NoticeRow {
  id: string;
  department_id: string;
  department_name: string;
  grounds: string[];
  content: string;
  issued_at: Date;
  issued_by_name: string | null;
  cases: { id: string; registrationNo: string; title: string; enterpriseName: string }[];
}

/**
 * Notices with their department, issuer and the cases they name in order, read through their
 * cases: of each notice only the cases the reader sees (`seen`, a condition on `c` from
 * case-visibility.ts), and only notices naming at least one of them.
 */
function noticesSql(seen: string): string {
  return `
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
    grounds: row.grounds,
    content: row.content,
    issuedAt: row.issued_at.toISOString(),
    issuedByName: row.issued_by_name,
    cases: row.cases,
  };
}

/** A notice just issued, as its issuer (the service center, who sees every case) reads it. */
async function findNotice(em: EntityManager, id: string): Promise<CircularNotice> {
  const [row] = (await em.query(`${noticesSql('TRUE')} WHERE n.id = $1`, [id])) as NoticeRow[];
  return toNotice(row);
}

/** Art. 11: the leadership group's office (in the service center) circulates notices of delay. */
export class CircularNoticeService {
  constructor(private readonly db: TenantDb) {}

  list(actor: Actor, departmentId: string | null, caseId: string | null): Promise<CircularNotice[]> {
    const params: unknown[] = [departmentId, caseId];
    const { cases } = caseVisibility(actor);
    const seen =
      cases.kind === 'PARK' || cases.kind === 'DEPARTMENTS'
        ? caseReachSql(cases, (value) => `$${params.push(value)}`, 'c')
        : 'FALSE';
    return this.db.run(actor, async (em) => {
      // A filter naming what the reader cannot see is refused as not found, never answered empty.
      await assertParkDepartment(em, departmentId, 'departmentId');
      if (caseId && !(await seesCaseById(em, actor, caseId))) throw notFound('案件 / Case', 'caseId');
      const rows = (await em.query(
        `${noticesSql(seen)}
          WHERE ($1::uuid IS NULL OR n.department_id = $1)
            AND EXISTS (SELECT 1 FROM circular_notice_cases nc JOIN cases c ON c.id = nc.case_id
                         WHERE nc.notice_id = n.id AND ($2::uuid IS NULL OR nc.case_id = $2) AND ${seen})
          ORDER BY n.issued_at DESC
          LIMIT 200`,
        params,
      )) as NoticeRow[];
      return rows.map(toNotice);
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
