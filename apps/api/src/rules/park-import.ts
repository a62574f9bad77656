import { toParkConfigYaml, type ParkConfig } from '@qifu/domain';
import type { Actor } from '../access/actor.js';
import { recordPlatformAudit } from '../audit/audit.js';
import { notFound } from '../common/errors.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import type { ParkRulesService } from './park-rules.service.js';
import { parkRulesStore } from './park-rules.store.js';
import { parkSharingSecretNames, sharedSecretNamesMessage } from './webhook-secret-scope.js';

export interface ImportResult {
  parkId: string;
  createdPark: boolean;
  /** The version now latest; `published` says whether this import added it. */
  version: number;
  published: boolean;
  changes: number;
}

const PLATFORM = Scope.platform();

/**
 * Onboards or updates a park from its configuration file: the district and park are created when
 * missing, and the rules are published as a new version when they differ from the latest.
 * Importing the same file twice changes nothing.
 */
export async function importParkConfig(
  db: TenantDb,
  rulesService: ParkRulesService,
  config: ParkConfig,
  options: { actor?: Actor | null; keepExistingRules?: boolean } = {},
): Promise<ImportResult> {
  const actor = options.actor ?? null;
  const { parkId, createdPark } = await db.run(PLATFORM, async (em) => {
    const existing = (await em.query(`SELECT 1 FROM parks WHERE code = $1`, [config.park.code])) as unknown[];
    const sharing = existing.length === 0 ? await parkSharingSecretNames(em, config.park.code) : null;
    if (sharing) throw new Error(`park ${config.park.code}: ${sharedSecretNamesMessage(sharing)}`);
    await em.query(`INSERT INTO districts (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [
      config.park.districtCode,
      config.park.districtName,
    ]);
    const inserted = (await em.query(
      `INSERT INTO parks (district_id, code, name) SELECT id, $2, $3 FROM districts WHERE code = $1
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [config.park.districtCode, config.park.code, config.park.name],
    )) as { id: string }[];
    if (inserted[0]) {
      await recordPlatformAudit(em, actor, {
        action: 'park.created',
        subjectType: 'Park',
        subjectId: inserted[0].id,
        after: { code: config.park.code, name: config.park.name, source: 'import' },
      });
      return { parkId: inserted[0].id, createdPark: true };
    }
    const [park] = (await em.query(`SELECT id FROM parks WHERE code = $1`, [config.park.code])) as {
      id: string;
    }[];
    return { parkId: park.id, createdPark: false };
  });

  return db.run({ ...PLATFORM, parkId }, async (em) => {
    const latest = await parkRulesStore.latest(em);
    if (latest && options.keepExistingRules) {
      return { parkId, createdPark, version: latest.version, published: false, changes: 0 };
    }
    const changes = await rulesService.publishWithin(em, actor, config.rules, {
      baseVersion: latest?.version ?? 0,
      note: '由配置文件导入 / Imported from a configuration file',
    });
    return {
      parkId,
      createdPark,
      version: (latest?.version ?? 0) + (changes.length > 0 ? 1 : 0),
      published: changes.length > 0,
      changes: changes.length,
    };
  });
}

/** The park's identity and latest rules as a configuration file (YAML), ready to import elsewhere. */
export async function exportParkConfig(db: TenantDb, parkCode: string): Promise<string> {
  const park = await db.run(PLATFORM, async (em) => {
    const rows = (await em.query(
      `SELECT p.id, p.code, p.name, d.code AS district_code, d.name AS district_name
         FROM parks p JOIN districts d ON d.id = p.district_id WHERE p.code = $1`,
      [parkCode],
    )) as { id: string; code: string; name: string; district_code: string; district_name: string }[];
    if (!rows[0]) throw notFound(`园区 ${parkCode} / Park ${parkCode}`);
    return rows[0];
  });
  const latest = await db.run({ ...PLATFORM, parkId: park.id }, (em) => parkRulesStore.latest(em));
  if (!latest) throw notFound(`园区 ${parkCode} 的规则 / Rules of park ${parkCode}`);
  return toParkConfigYaml({
    park: {
      code: park.code,
      name: park.name,
      districtCode: park.district_code,
      districtName: park.district_name,
    },
    rules: latest.rules,
  });
}
