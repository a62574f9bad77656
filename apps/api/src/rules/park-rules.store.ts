import { withRuleDefaults, type ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { isoDateInChina } from '../common/dates.js';
import type { ParkRulesVersion } from './park-rules.models.js';

interface VersionRow {
  id: string;
  version: number;
  effective_from: string;
  published_at: Date;
  published_by: string | null;
  note: string | null;
  rules: ParkRules;
  current: boolean;
}

// `current`: the highest version already in effect today (a later one may be scheduled).
const SELECT_VERSIONS = `
  SELECT v.id, v.version, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.published_at,
         u.display_name AS published_by, v.note, v.rules,
         v.version = (SELECT max(version) FROM park_rules_versions WHERE effective_from <= $1::date) AS current
    FROM park_rules_versions v
    LEFT JOIN users u ON u.id = v.published_by`;

function toVersion(row: VersionRow): ParkRulesVersion {
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
    const rows: VersionRow[] = await em.query(`${SELECT_VERSIONS} ORDER BY v.version DESC LIMIT 1`, [
      isoDateInChina(),
    ]);
    return rows[0] ? toVersion(rows[0]) : null;
  },

  async byVersion(em: EntityManager, version: number): Promise<ParkRulesVersion | null> {
    const rows: VersionRow[] = await em.query(`${SELECT_VERSIONS} WHERE v.version = $2`, [
      isoDateInChina(),
      version,
    ]);
    return rows[0] ? toVersion(rows[0]) : null;
  },

  /** The version in effect on `date` (cases registered that day use it). */
  async effectiveOn(em: EntityManager, date: string): Promise<ParkRulesVersion | null> {
    const rows: VersionRow[] = await em.query(
      `${SELECT_VERSIONS} WHERE v.effective_from <= $2::date ORDER BY v.version DESC LIMIT 1`,
      [isoDateInChina(), date],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  },

  async list(em: EntityManager): Promise<ParkRulesVersion[]> {
    const rows: VersionRow[] = await em.query(`${SELECT_VERSIONS} ORDER BY v.version DESC`, [
      isoDateInChina(),
    ]);
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
    await em.query(
      `INSERT INTO park_rules_versions (version, schema_version, rules, effective_from, published_by, note)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.version,
        entry.rules.schemaVersion,
        JSON.stringify(entry.rules),
        entry.effectiveFrom,
        entry.publishedBy,
        entry.note,
      ],
    );
  },
};
