import type { DepartmentDefinition } from '@qifu/domain';
import type { EntityManager } from 'typeorm';

/**
 * Makes the park's department rows follow its published rules: new codes are added, existing ones
 * take the published name, kind, order and state, and codes no longer listed are deactivated (kept,
 * since role assignments and cases refer to them). Heads stay as they are: they are people, not rules.
 */
export async function syncDepartments(em: EntityManager, departments: DepartmentDefinition[]): Promise<void> {
  // Dropped codes first: their names are free for the version's own departments.
  await em.query(
    `UPDATE departments SET active = false, updated_at = now() WHERE active AND NOT (code = ANY($1))`,
    [departments.map((department) => department.code)],
  );
  for (const [index, department] of departments.entries()) {
    await em.query(
      `INSERT INTO departments (code, name, name_en, kind, active, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (park_id, code) DO UPDATE
          SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind,
              active = EXCLUDED.active, sort_order = EXCLUDED.sort_order, updated_at = now()
        WHERE (departments.name, departments.name_en, departments.kind, departments.active, departments.sort_order)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.kind, EXCLUDED.active, EXCLUDED.sort_order)`,
      [
        department.code,
        department.name,
        department.nameEn ?? null,
        department.kind,
        department.active,
        index + 1,
      ],
    );
  }
}
