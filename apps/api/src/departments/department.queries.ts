import type { EntityManager } from 'typeorm';
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
