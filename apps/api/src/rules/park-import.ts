import { toParkConfigYaml, type ParkConfig } from '@qifu/domain';
import { sql } from 'kysely';
import type { Actor } from '../access/actor.js';
import { recordPlatformAudit } from '../audit/audit.js';
import { notFound } from '../common/errors.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
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
    const existing = await rowsOf(
      em,
      kysely.selectFrom('parks').select(sql.lit(1).as('found')).where('code', '=', config.park.code),
    );
    const sharing = existing.length === 0 ? await parkSharingSecretNames(em, config.park.code) : null;
    if (sharing) throw new Error(`park ${config.park.code}: ${sharedSecretNamesMessage(sharing)}`);
    await rowsOf(
      em,
      kysely
        .insertInto('districts')
        .values({ code: config.park.districtCode, name: config.park.districtName })
        .onConflict((conflict) => conflict.column('code').doNothing()),
    );
    const inserted = await rowsOf(
      em,
      kysely
        .insertInto('parks')
        .columns(['district_id', 'code', 'name'])
        .expression((eb) =>
          eb
            .selectFrom('districts')
            .select((district) => [
              'id',
              district.val(config.park.code).as('code'),
              district.val(config.park.name).as('name'),
            ])
            .where('code', '=', config.park.districtCode),
        )
        .onConflict((conflict) => conflict.column('code').doNothing())
        .returning('id'),
    );
    if (inserted[0]) {
      await recordPlatformAudit(em, actor, {
        action: 'park.created',
        subjectType: 'Park',
        subjectId: inserted[0].id,
        after: { code: config.park.code, name: config.park.name, source: 'import' },
      });
      return { parkId: inserted[0].id, createdPark: true };
    }
    const [park] = await rowsOf(
      em,
      kysely.selectFrom('parks').select('id').where('code', '=', config.park.code),
    );
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
    const rows = await rowsOf(
      em,
      kysely
        .selectFrom('parks as p')
        .innerJoin('districts as d', 'd.id', 'p.district_id')
        .select(['p.id', 'p.code', 'p.name', 'd.code as district_code', 'd.name as district_name'])
        .where('p.code', '=', parkCode),
    );
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
