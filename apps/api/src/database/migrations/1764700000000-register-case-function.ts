import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registration in one call to read and one to write. The registration number's counter row is locked from the moment
 * the number is taken until commit, so every registration of a park waits for the one before it.
 * Run as a single autocommit call, the lock lasts only as long as the inserts inside the server,
 * never a network round trip. Everything is decided by the API (libs/domain) beforehand; this
 * function only numbers and writes. It runs as its caller (the application role, under row-level
 * security) with the caller's scope, like every other statement of the API.
 */
export class RegisterCaseFunction1764700000000 implements MigrationInterface {
  name = 'RegisterCaseFunction1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // parts: the number's format with the year filled in, as libs/domain's numberTemplate gives it:
    // text as JSON strings, the sequence as {"pad": n}.
    await q.query(`
      CREATE FUNCTION format_document_number(parts jsonb, seq integer) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT string_agg(
                 CASE jsonb_typeof(part)
                   WHEN 'string' THEN part #>> '{}'
                   ELSE lpad(seq::text, greatest((part ->> 'pad')::integer, length(seq::text)), '0')
                 END, '' ORDER BY position)
          FROM jsonb_array_elements(parts) WITH ORDINALITY AS p(part, position)
      $$`);

    // p_scope: the settings of applyScope (scopeSettings), by name. p_numbering: {kind, scope, parts}.
    // p_case: column values of the case row (without its number); p_events and p_audit: rows of
    // case_events and audit_events without case or subject. The number is written into the case,
    // into the first event's data and the first audit record's "after" as registrationNo.
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

    // What registration reads before it decides, in the same single-call form: the rules version
    // in effect, the park's departments, and the enterprise by id or else by credit code.
    await q.query(`
      CREATE FUNCTION registration_context(p_scope jsonb, p_today date, p_enterprise_id uuid, p_credit_code text)
      RETURNS json
      LANGUAGE plpgsql SECURITY INVOKER AS $$
      BEGIN
        PERFORM set_config(key, value, true) FROM jsonb_each_text(p_scope) WHERE key LIKE 'app.%';
        RETURN json_build_object(
          'rulesVersion', (SELECT max(version) FROM park_rules_versions WHERE effective_from <= p_today),
          'departments', (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'kind', kind,
                                                                     'active', active)), '[]')
                            FROM departments),
          'enterprise', (SELECT json_build_object('id', id, 'creditCode', credit_code, 'name', name,
                                                  'address', address, 'contactName', contact_name,
                                                  'contactPhone', contact_phone, 'operating', operating)
                           FROM enterprises
                          WHERE CASE WHEN p_enterprise_id IS NOT NULL THEN id = p_enterprise_id
                                     ELSE credit_code = p_credit_code END));
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION registration_context(jsonb, date, uuid, text)`);
    await q.query(`DROP FUNCTION register_case(jsonb, jsonb, jsonb, jsonb, jsonb)`);
    await q.query(`DROP FUNCTION format_document_number(jsonb, integer)`);
  }
}
