import type { EntityManager } from 'typeorm';
import { notFound } from '../common/errors.js';
import type { Department, DepartmentKind } from '../graphql/models.js';

interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
  active: boolean;
  head_user_id: string | null;
}

const COLUMNS = `id, code, name, kind, active, head_user_id`;

function toDepartment(row: DepartmentRow): Department {
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
  const rows: DepartmentRow[] = await em.query(
    `SELECT ${COLUMNS} FROM departments ORDER BY kind DESC, sort_order, code`,
  );
  return rows.map(toDepartment);
}

export async function findDepartment(em: EntityManager, id: string): Promise<Department | null> {
  const rows: DepartmentRow[] = await em.query(`SELECT ${COLUMNS} FROM departments WHERE id = $1`, [id]);
  return rows[0] ? toDepartment(rows[0]) : null;
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
  const found = (await em.query(`SELECT id FROM departments WHERE id = ANY($1::uuid[])`, [
    references.map((r) => r.id),
  ])) as { id: string }[];
  const missing = references.find((r) => !found.some((row) => row.id === r.id.toLowerCase()));
  if (missing) throw notFound('部室 / Department', missing.path);
}
