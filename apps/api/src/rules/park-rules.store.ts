import { withRuleDefaults, type ParkRules } from '@qifu/domain';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { isoDateInChina } from '../common/dates.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { ParkRulesVersion } from './park-rules.models.js';

/**
 * The park's rule versions with who published them. `current`: the highest version already in
 * effect on `today` (a later one may be scheduled); none when no version is in effect yet.
 */
const versions = (today: string) =>
  kysely
    .selectFrom('park_rules_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select((eb) => [
      'v.id',
      'v.version',
      sql<string>`to_char(v.effective_from, 'YYYY-MM-DD')`.as('effective_from'),
      'v.published_at',
      'u.display_name as published_by',
      'v.note',
      'v.rules',
      eb(
        'v.version',
        '=',
        eb
          .selectFrom('park_rules_versions')
          .select((inner) => inner.fn.max('version').as('version'))
          .where('effective_from', '<=', sql<Date>`${today}::date`),
      ).as('current'),
    ]);

function toVersion(row: InferResult<ReturnType<typeof versions>>[number]): ParkRulesVersion {
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effective_from,
    current: row.current === true,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    note: row.note,
    // Stored as published; a section added to the schema since is read with its default.
    rules: withRuleDefaults(row.rules) as ParkRules,
  };
}

/** Reads and appends rule versions of the transaction's park (RLS scopes every query). */
export const parkRulesStore = {
  async latest(em: EntityManager): Promise<ParkRulesVersion | null> {
    const rows = await rowsOf(em, versions(isoDateInChina()).orderBy('v.version', 'desc').limit(1));
    return rows[0] ? toVersion(rows[0]) : null;
  },

  async byVersion(em: EntityManager, version: number): Promise<ParkRulesVersion | null> {
    const rows = await rowsOf(em, versions(isoDateInChina()).where('v.version', '=', version));
    return rows[0] ? toVersion(rows[0]) : null;
  },

  /** The version in effect on `date` (cases registered that day use it). */
  async effectiveOn(em: EntityManager, date: string): Promise<ParkRulesVersion | null> {
    const rows = await rowsOf(
      em,
      versions(isoDateInChina())
        .where('v.effective_from', '<=', sql<Date>`${date}::date`)
        .orderBy('v.version', 'desc')
        .limit(1),
    );
    return rows[0] ? toVersion(rows[0]) : null;
  },

  async list(em: EntityManager): Promise<ParkRulesVersion[]> {
    const rows = await rowsOf(em, versions(isoDateInChina()).orderBy('v.version', 'desc'));
    return rows.map(toVersion);
  },

  async append(
    em: EntityManager,
    entry: {
      version: number;
      rules: ParkRules;
      effectiveFrom: string;
      publishedBy: string | null;
      note: string | null;
    },
  ): Promise<void> {
    await rowsOf(
      em,
      kysely.insertInto('park_rules_versions').values({
        version: entry.version,
        schema_version: entry.rules.schemaVersion,
        // JSON text, which PostgreSQL reads into the jsonb column.
        rules: JSON.stringify(entry.rules),
        effective_from: entry.effectiveFrom,
        published_by: entry.publishedBy,
        note: entry.note,
      }),
    );
  },
};
