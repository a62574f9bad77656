import type { DataSource } from 'typeorm';
import { APP_ROLE } from './tenant-table.js';

/**
 * Tables the application may append to but never change: the audit trail, published rules,
 * attachments, issued documents, template versions, the national calendar's imported years and the
 * cases copied or handed over to outside offices.
 */
const APPEND_ONLY_TABLES = [
  'audit_events',
  'platform_audit_events',
  'park_rules_versions',
  'case_events',
  'case_attachments',
  'document_templates',
  'document_template_activations',
  'issued_documents',
  'national_calendar_years',
  'office_cases',
];

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function quoteIdent(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * Creates (or updates) the login role the API serves requests with. It owns no table and has no
 * BYPASSRLS, so row-level security binds every query it makes. Idempotent; safe to run on every start
 * and from several processes at once. With `keepPassword` an existing role keeps its password (a
 * command run beside the API must not lock the API's new connections out).
 */
export async function ensureAppRole(
  owner: DataSource,
  password: string,
  options: { keepPassword?: boolean } = {},
): Promise<void> {
  await owner.query(`
    DO $create_role$ BEGIN
      CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${quoteLiteral(password)};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $create_role$`);
  const setPassword = options.keepPassword ? '' : ` PASSWORD ${quoteLiteral(password)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await owner.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS${setPassword}`);
      return;
    } catch (error) {
      // Two processes setting the password at once: the other one won with the same intent.
      if (attempt >= 3 || !/concurrently updated/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Grants the application role what it needs on the current schema; rerun after every migration. */
export async function grantAppRole(owner: DataSource, role: string = APP_ROLE): Promise<void> {
  const r = quoteIdent(role);
  const [{ db }] = (await owner.query(`SELECT current_database() AS db`)) as { db: string }[];
  await owner.query(`GRANT CONNECT ON DATABASE ${quoteIdent(db)} TO ${r}`);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await owner.query(`REVOKE INSERT, UPDATE, DELETE ON typeorm_migrations FROM ${r}`);
  await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${r}`);
}
