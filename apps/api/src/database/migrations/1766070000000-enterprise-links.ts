import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An enterprise's linked department and cadre (挂钩联系部门 / 挂钩联系干部, with the cadre's phone),
 * and on each case the linked department and cadre that may record its follow-up under the case's
 * rules (they see the case and are told when the follow-up is due). Every link stays in its park:
 * the foreign keys pair the park with the department or with the user's home park, so not even a
 * forged statement can name another park's department or person (row-level security is unchanged).
 */
export class EnterpriseLinks1766070000000 implements MigrationInterface {
  name = 'EnterpriseLinks1766070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_home_park_id_key UNIQUE (home_park_id, id)`);
    await q.query(`
      ALTER TABLE enterprises
        ADD COLUMN linked_department_id uuid,
        ADD COLUMN linked_cadre_user_id uuid,
        ADD COLUMN linked_cadre_phone text,
        ADD CONSTRAINT enterprises_linked_department_same_park
          FOREIGN KEY (park_id, linked_department_id) REFERENCES departments (park_id, id),
        ADD CONSTRAINT enterprises_linked_cadre_same_park
          FOREIGN KEY (park_id, linked_cadre_user_id) REFERENCES users (home_park_id, id),
        ADD CONSTRAINT enterprises_linked_cadre_phone_with_cadre
          CHECK (linked_cadre_phone IS NULL OR linked_cadre_user_id IS NOT NULL)`);
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN follow_up_department_id uuid,
        ADD COLUMN follow_up_user_id uuid,
        ADD CONSTRAINT cases_follow_up_department_same_park
          FOREIGN KEY (park_id, follow_up_department_id) REFERENCES departments (park_id, id),
        ADD CONSTRAINT cases_follow_up_user_same_park
          FOREIGN KEY (park_id, follow_up_user_id) REFERENCES users (home_park_id, id)`);
    // Department people's ledger reads these beside department_ids; few cases have them.
    await q.query(
      `CREATE INDEX cases_follow_up_department_idx ON cases (park_id, follow_up_department_id)
        WHERE follow_up_department_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX cases_follow_up_user_idx ON cases (park_id, follow_up_user_id) WHERE follow_up_user_id IS NOT NULL`,
    );
    await q.query(registrationContext(ENTERPRISE_WITH_LINK));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(registrationContext(ENTERPRISE));
    await q.query(`DROP INDEX cases_follow_up_user_idx`);
    await q.query(`DROP INDEX cases_follow_up_department_idx`);
    await q.query(`
      ALTER TABLE cases
        DROP CONSTRAINT cases_follow_up_user_same_park,
        DROP CONSTRAINT cases_follow_up_department_same_park,
        DROP COLUMN follow_up_user_id,
        DROP COLUMN follow_up_department_id`);
    await q.query(`
      ALTER TABLE enterprises
        DROP CONSTRAINT enterprises_linked_cadre_phone_with_cadre,
        DROP CONSTRAINT enterprises_linked_cadre_same_park,
        DROP CONSTRAINT enterprises_linked_department_same_park,
        DROP COLUMN linked_cadre_phone,
        DROP COLUMN linked_cadre_user_id,
        DROP COLUMN linked_department_id`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_home_park_id_key`);
  }
}

/** The enterprise as registration_context read it before links (register_case-function migration). */
const ENTERPRISE = `
  SELECT json_build_object('id', id, 'creditCode', credit_code, 'name', name,
                           'address', address, 'contactName', contact_name,
                           'contactPhone', contact_phone, 'operating', operating)
    FROM enterprises e`;

/** With its link: the case records it, names and phone as they are at registration. */
const ENTERPRISE_WITH_LINK = `
  SELECT json_build_object('id', e.id, 'creditCode', e.credit_code, 'name', e.name,
                           'address', e.address, 'contactName', e.contact_name,
                           'contactPhone', e.contact_phone, 'operating', e.operating,
                           'linkedDepartmentId', e.linked_department_id, 'linkedDepartmentName', d.name,
                           'linkedCadreUserId', e.linked_cadre_user_id, 'linkedCadreName', u.display_name,
                           'linkedCadrePhone', e.linked_cadre_phone)
    FROM enterprises e
    LEFT JOIN departments d ON d.id = e.linked_department_id
    LEFT JOIN users u ON u.id = e.linked_cadre_user_id`;

/** registration_context as the register_case-function migration has it, the enterprise read by `select` (as `e`). */
function registrationContext(select: string): string {
  return `
    CREATE OR REPLACE FUNCTION registration_context(p_scope jsonb, p_today date, p_enterprise_id uuid, p_credit_code text)
    RETURNS json
    LANGUAGE plpgsql SECURITY INVOKER AS $$
    BEGIN
      PERFORM set_config(key, value, true) FROM jsonb_each_text(p_scope) WHERE key LIKE 'app.%';
      RETURN json_build_object(
        'rulesVersion', (SELECT max(version) FROM park_rules_versions WHERE effective_from <= p_today),
        'departments', (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'kind', kind,
                                                                   'active', active)), '[]')
                          FROM departments),
        'enterprise', (${select}
                        WHERE CASE WHEN p_enterprise_id IS NOT NULL THEN e.id = p_enterprise_id
                                   ELSE e.credit_code = p_credit_code END));
    END
    $$`;
}
