import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a park's procedure settings need of the cases: the mark of an enterprise not in the register
 * (the ledger filters the FLAGGED ones), the day handling was completed (graded, or answered where
 * grading is absent or skipped: the dashboards read it, since a case not followed up opens no
 * follow-up deadline to date its grading by), and registration that adds the enterprise to the
 * park's register in the same statement as the case (ACCEPT_AND_ADD).
 */
export class ProcedureSteps1766040000000 implements MigrationInterface {
  name = 'ProcedureSteps1766040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN not_in_register text, ADD COLUMN completed_on date`);
    await q.query(`CREATE INDEX cases_flagged_idx ON cases (park_id) WHERE not_in_register = 'FLAGGED'`);

    // As before (register_case-function migration), plus p_enterprise: {row: enterprise columns,
    // actor_user_id, request_id}, the enterprise to add to the register (or to mark operating again)
    // before the case is written with its id; the addition is on the park's audit trail.
    await q.query(`DROP FUNCTION register_case(jsonb, jsonb, jsonb, jsonb, jsonb)`);
    await q.query(`
      CREATE FUNCTION register_case(p_scope jsonb, p_numbering jsonb, p_case jsonb, p_events jsonb, p_audit jsonb,
                                    p_enterprise jsonb DEFAULT NULL)
      RETURNS jsonb
      LANGUAGE plpgsql SECURITY INVOKER AS $$
      DECLARE
        v_seq integer;
        v_number text;
        v_case_id uuid;
        v_enterprise_id uuid;
        v_before jsonb;
        v_row jsonb := p_enterprise -> 'row';
      BEGIN
        PERFORM set_config(key, value, true) FROM jsonb_each_text(p_scope) WHERE key LIKE 'app.%';

        INSERT INTO number_counters AS c (kind, scope, last_value)
        VALUES (p_numbering ->> 'kind', p_numbering ->> 'scope', 1)
        ON CONFLICT ON CONSTRAINT number_counters_pkey DO UPDATE SET last_value = c.last_value + 1
        RETURNING c.last_value INTO v_seq;
        v_number := format_document_number(p_numbering -> 'parts', v_seq);

        IF p_enterprise IS NOT NULL THEN
          SELECT jsonb_build_object('id', id, 'creditCode', credit_code, 'name', name, 'address', address,
                                    'contactName', contact_name, 'contactPhone', contact_phone, 'operating', operating)
            INTO v_before
            FROM enterprises WHERE credit_code = v_row ->> 'credit_code';
          INSERT INTO enterprises AS e (credit_code, name, address, contact_name, contact_phone, operating)
          VALUES (v_row ->> 'credit_code', v_row ->> 'name', coalesce(v_row ->> 'address', ''),
                  v_row ->> 'contact_name', v_row ->> 'contact_phone', true)
          ON CONFLICT ON CONSTRAINT enterprises_park_credit_code_key
            DO UPDATE SET operating = true, updated_at = now()
          RETURNING e.id INTO v_enterprise_id;
          p_case := p_case || jsonb_build_object('enterprise_id', v_enterprise_id);
          INSERT INTO audit_events (actor_user_id, action, subject_type, subject_id, before, after, request_id)
          SELECT (p_enterprise ->> 'actor_user_id')::uuid,
                 CASE WHEN v_before IS NULL THEN 'enterprise.registered' ELSE 'enterprise.updated' END,
                 'Enterprise', v_enterprise_id::text, v_before,
                 jsonb_build_object('id', id, 'creditCode', credit_code, 'name', name, 'address', address,
                                    'contactName', contact_name, 'contactPhone', contact_phone,
                                    'operating', operating, 'addedWithCase', v_number),
                 p_enterprise ->> 'request_id'
            FROM enterprises WHERE id = v_enterprise_id;
        END IF;

        p_case := p_case || jsonb_build_object('registration_no', v_number, 'registration_seq', v_seq);
        EXECUTE (
          SELECT format('INSERT INTO cases (%1$s) SELECT %1$s FROM jsonb_populate_record(NULL::cases, $1) RETURNING id',
                        string_agg(quote_ident(key), ', '))
            FROM jsonb_object_keys(p_case) AS key
        ) INTO v_case_id USING p_case;

        INSERT INTO case_events (case_id, case_version, type, actor_user_id, actor_role, data, status_before, status_after)
        SELECT v_case_id, e.case_version, e.type, e.actor_user_id, e.actor_role,
               CASE WHEN x.position = 1
                    THEN e.data || jsonb_build_object('registrationNo', v_number)
                         || CASE WHEN v_enterprise_id IS NULL THEN '{}'::jsonb
                                 ELSE jsonb_build_object('enterpriseId', v_enterprise_id) END
                    ELSE e.data END,
               e.status_before, e.status_after
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(item, position),
               jsonb_to_record(x.item) AS e(case_version integer, type text, actor_user_id uuid, actor_role text,
                                            data jsonb, status_before text, status_after text);

        INSERT INTO audit_events (actor_user_id, action, subject_type, subject_id, before, after, request_id)
        SELECT a.actor_user_id, a.action, 'Case', v_case_id::text, a.before,
               CASE WHEN x.position = 1 THEN coalesce(a.after, '{}') || jsonb_build_object('registrationNo', v_number)
                    ELSE a.after END,
               a.request_id
          FROM jsonb_array_elements(p_audit) WITH ORDINALITY AS x(item, position),
               jsonb_to_record(x.item) AS a(actor_user_id uuid, action text, before jsonb, after jsonb, request_id text);

        RETURN jsonb_build_object('id', v_case_id, 'registrationNo', v_number, 'seq', v_seq,
                                  'enterpriseId', v_enterprise_id);
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION register_case(jsonb, jsonb, jsonb, jsonb, jsonb, jsonb)`);
    // The five-argument function of the register_case-function migration, as it was.
    await q.query(`
      CREATE FUNCTION register_case(p_scope jsonb, p_numbering jsonb, p_case jsonb, p_events jsonb, p_audit jsonb)
      RETURNS jsonb
      LANGUAGE plpgsql SECURITY INVOKER AS $$
      DECLARE
        v_seq integer;
        v_number text;
        v_case_id uuid;
      BEGIN
        PERFORM set_config(key, value, true) FROM jsonb_each_text(p_scope) WHERE key LIKE 'app.%';
        INSERT INTO number_counters AS c (kind, scope, last_value)
        VALUES (p_numbering ->> 'kind', p_numbering ->> 'scope', 1)
        ON CONFLICT ON CONSTRAINT number_counters_pkey DO UPDATE SET last_value = c.last_value + 1
        RETURNING c.last_value INTO v_seq;
        v_number := format_document_number(p_numbering -> 'parts', v_seq);
        p_case := p_case || jsonb_build_object('registration_no', v_number, 'registration_seq', v_seq);
        EXECUTE (
          SELECT format('INSERT INTO cases (%1$s) SELECT %1$s FROM jsonb_populate_record(NULL::cases, $1) RETURNING id',
                        string_agg(quote_ident(key), ', '))
            FROM jsonb_object_keys(p_case) AS key
        ) INTO v_case_id USING p_case;
        INSERT INTO case_events (case_id, case_version, type, actor_user_id, actor_role, data, status_before, status_after)
        SELECT v_case_id, e.case_version, e.type, e.actor_user_id, e.actor_role,
               CASE WHEN x.position = 1 THEN e.data || jsonb_build_object('registrationNo', v_number) ELSE e.data END,
               e.status_before, e.status_after
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(item, position),
               jsonb_to_record(x.item) AS e(case_version integer, type text, actor_user_id uuid, actor_role text,
                                            data jsonb, status_before text, status_after text);
        INSERT INTO audit_events (actor_user_id, action, subject_type, subject_id, before, after, request_id)
        SELECT a.actor_user_id, a.action, 'Case', v_case_id::text, a.before,
               CASE WHEN x.position = 1 THEN coalesce(a.after, '{}') || jsonb_build_object('registrationNo', v_number)
                    ELSE a.after END,
               a.request_id
          FROM jsonb_array_elements(p_audit) WITH ORDINALITY AS x(item, position),
               jsonb_to_record(x.item) AS a(actor_user_id uuid, action text, before jsonb, after jsonb, request_id text);
        RETURN jsonb_build_object('id', v_case_id, 'registrationNo', v_number, 'seq', v_seq);
      END
      $$`);
    await q.query(`DROP INDEX cases_flagged_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN completed_on, DROP COLUMN not_in_register`);
  }
}
