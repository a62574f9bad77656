import type { InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { notFound } from '../common/errors.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { Department, DepartmentKind } from '../graphql/models.js';

const COLUMNS = ['id', 'code', 'name', 'kind', 'active', 'head_user_id'] as const;

/** The departments table, its kind as its CHECK constraint allows. */
const departments = () =>
  kysely.selectFrom('departments').select(COLUMNS).$narrowType<{ kind: DepartmentKind }>();

function toDepartment(row: InferResult<ReturnType<typeof departments>>[number]): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    active: row.active,
    headUserId: row.head_user_id,
  };
}

/** The current park's departments: its own 部室 first, then district bureaus. */
export async function listDepartments(em: EntityManager): Promise<Department[]> {
  const rows = await rowsOf(em, departments().orderBy('kind', 'desc').orderBy('sort_order').orderBy('code'));
  return rows.map(toDepartment);
}

export async function findDepartment(em: EntityManager, id: string): Promise<Department | null> {
  const [row] = await rowsOf(em, departments().where('id', '=', id));
  return row ? toDepartment(row) : null;
}

/**
 * Refuses a department the park does not have, as not found: under row-level security another
 * park's department reads as none at all, so a filter or reference cannot probe other parks.
 */
export async function assertParkDepartment(
  em: EntityManager,
  id: string | null | undefined,
  path: string,
): Promise<void> {
  if (id && !(await findDepartment(em, id))) throw notFound('部室 / Department', path);
}

/** Like assertParkDepartment, for several references at once, each with its input path. */
export async function assertParkDepartments(
  em: EntityManager,
  references: readonly { id: string; path: string }[],
): Promise<void> {
  if (references.length === 0) return;
  const found = await rowsOf(
    em,
    kysely
      .selectFrom('departments')
      .select('id')
      .where(
        'id',
        'in',
        references.map((r) => r.id),
      ),
  );
  const missing = references.find((r) => !found.some((row) => row.id === r.id.toLowerCase()));
  if (missing) throw notFound('部室 / Department', missing.path);
}
