import type { DepartmentDefinition } from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';

/**
 * Makes the park's department rows follow its published rules: new codes are added, existing ones
 * take the published name, kind, order and state, and codes no longer listed are deactivated (kept,
 * since role assignments and cases refer to them). Heads stay as they are: they are people, not rules.
 */
export async function syncDepartments(em: EntityManager, departments: DepartmentDefinition[]): Promise<void> {
  // Dropped codes first: their names are free for the version's own departments.
  const codes = departments.map((department) => department.code);
  await rowsOf(
    em,
    kysely
      .updateTable('departments')
      .set({ active: false, updated_at: sql`now()` })
      .where('active', '=', true)
      .where((eb) => eb.not(eb('code', '=', eb.fn.any(eb.val(codes))))),
  );
  for (const [index, department] of departments.entries()) {
    await rowsOf(
      em,
      kysely
        .insertInto('departments')
        .values({
          code: department.code,
          name: department.name,
          name_en: department.nameEn ?? null,
          kind: department.kind,
          active: department.active,
          sort_order: index + 1,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['park_id', 'code'])
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              name_en: eb.ref('excluded.name_en'),
              kind: eb.ref('excluded.kind'),
              active: eb.ref('excluded.active'),
              sort_order: eb.ref('excluded.sort_order'),
              updated_at: sql`now()`,
            }))
            // Unchanged rows are left alone, so their updated_at keeps meaning something.
            .where(
              sql<boolean>`(departments.name, departments.name_en, departments.kind, departments.active, departments.sort_order)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.kind, EXCLUDED.active, EXCLUDED.sort_order)`,
            ),
        ),
    );
  }
}
