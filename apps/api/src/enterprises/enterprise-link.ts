import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../common/errors.js';
import { kysely, rowsOf } from '../database/typed-sql.js';

/** An enterprise's linked department and cadre (挂钩联系) as stored; null: none. */
export interface EnterpriseLinkValues {
  departmentId: string | null;
  cadreUserId: string | null;
  cadrePhone: string | null;
}

/**
 * A link as an import file gives it: the department's code, the cadre's username and phone;
 * undefined where the file has no such column (the enterprise keeps what it has).
 */
export interface ImportedLink {
  departmentCode?: string;
  cadreUsername?: string;
  cadrePhone?: string;
}

const parkDepartments = kysely.selectFrom('departments').select(['id', 'code', 'kind', 'active']);

type ParkDepartment = InferResult<typeof parkDepartments>[number];

// Row-level security keeps these to the transaction's park: another park's ids read as unknown.
const departmentsOf = (em: EntityManager) => rowsOf(em, parkDepartments);

/**
 * Who may be a linked cadre: an active person whose home is the park and who works on cases there
 * (any park role but the administrator's alone), so that they can see and follow up its cases.
 */
function cadresOf(em: EntityManager, parkId: string) {
  return rowsOf(
    em,
    kysely
      .selectFrom('users as u')
      .select(['u.id', 'u.username'])
      .where('u.home_park_id', '=', parkId)
      .where('u.active', '=', true)
      .where('u.platform_role', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_assignments as ra')
            .select(sql.lit(1).as('one'))
            .whereRef('ra.user_id', '=', 'u.id')
            .where('ra.role', '<>', 'PARK_ADMIN'),
        ),
      ),
  );
}

function departmentProblem(department: ParkDepartment | undefined): string | null {
  if (!department) return 'unknown department';
  if (department.kind !== 'PARK') return `${department.code} is a district bureau, not a park department`;
  return department.active ? null : `${department.code} is no longer active`;
}

/** The problems of a link, each named by `prefix` + the input's field. */
export async function linkProblems(
  em: EntityManager,
  parkId: string,
  link: EnterpriseLinkValues,
  prefix = '',
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (link.departmentId !== null) {
    const found = (await departmentsOf(em)).find((d) => d.id === link.departmentId);
    const message = departmentProblem(found);
    if (message) problems.push({ path: `${prefix}linkedDepartmentId`, message });
  }
  if (link.cadreUserId !== null && !(await cadresOf(em, parkId)).some((u) => u.id === link.cadreUserId))
    problems.push({
      path: `${prefix}linkedCadreUserId`,
      message: 'must be an active person of the park who works on cases',
    });
  if (link.cadrePhone !== null && link.cadreUserId === null)
    problems.push({ path: `${prefix}linkedCadrePhone`, message: 'only with a linked cadre' });
  return problems;
}

/**
 * The links of an import's rows, by department code and cadre username, with only what the file
 * has columns for; problems are named by the row (`rows.3.linkedDepartment`), as the other columns'.
 */
export async function resolveImportedLinks(
  em: EntityManager,
  parkId: string,
  rows: readonly { line: number; link: ImportedLink }[],
): Promise<{ links: Map<number, Partial<EnterpriseLinkValues>>; problems: FieldProblem[] }> {
  const departments = await departmentsOf(em);
  const cadres = await cadresOf(em, parkId);
  const links = new Map<number, Partial<EnterpriseLinkValues>>();
  const problems: FieldProblem[] = [];
  for (const { line, link } of rows) {
    const values: Partial<EnterpriseLinkValues> = {};
    if (link.departmentCode !== undefined) {
      const code = link.departmentCode.toUpperCase();
      const department = code ? departments.find((d) => d.code === code) : null;
      const message = department === null ? null : departmentProblem(department);
      if (message)
        problems.push({
          path: `rows.${line}.linkedDepartment`,
          message: department ? message : `unknown department code ${link.departmentCode}`,
        });
      values.departmentId = department?.id ?? null;
    }
    if (link.cadreUsername !== undefined) {
      const username = link.cadreUsername.toLowerCase();
      const cadre = username ? cadres.find((u) => u.username.toLowerCase() === username) : null;
      if (cadre === undefined)
        problems.push({
          path: `rows.${line}.linkedCadre`,
          message: `${link.cadreUsername} is not an active person of the park who works on cases`,
        });
      if (link.cadrePhone && !username)
        problems.push({ path: `rows.${line}.linkedCadrePhone`, message: 'only with a linked cadre' });
      values.cadreUserId = cadre?.id ?? null;
      values.cadrePhone = link.cadrePhone || null;
    }
    links.set(line, values);
  }
  return { links, problems };
}

export async function writeLink(em: EntityManager, enterpriseId: string, link: EnterpriseLinkValues) {
  await rowsOf(
    em,
    kysely
      .updateTable('enterprises')
      .set({
        linked_department_id: link.departmentId,
        linked_cadre_user_id: link.cadreUserId,
        linked_cadre_phone: link.cadrePhone,
        updated_at: sql`now()`,
      })
      .where('id', '=', enterpriseId),
  );
}
