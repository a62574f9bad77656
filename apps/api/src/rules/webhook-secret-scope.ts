import { webhookSecretBase, webhookSecretScopesOverlap, type ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';

/**
 * The existing park whose webhook secret names a new park's code could share (QIFU_WEBHOOK_SECRET_
 * ZHENG_YANG for both zheng-yang and zheng_yang), or null. Read in the platform's transaction.
 */
export async function parkSharingSecretNames(em: EntityManager, code: string): Promise<string | null> {
  const rows = await rowsOf(em, kysely.selectFrom('parks').select('code').where('code', '<>', code));
  return rows.find((row) => webhookSecretScopesOverlap(row.code, code))?.code ?? null;
}

export const sharedSecretNamesMessage = (other: string) =>
  `与园区 ${other} 的网关密钥变量名冲突 / would share webhook secret names (QIFU_WEBHOOK_SECRET_…) with park ${other}`;

interface ParkNamed {
  code: string;
  name: string;
}

/** Two parks already in the database whose webhook secret names coincide. */
export interface SharedSecretNames {
  parks: [ParkNamed, ParkNamed];
  /** Each park's own variable, QIFU_WEBHOOK_SECRET_<CODE>. */
  secretNames: [string, string];
}

/**
 * Every pair of parks whose secret names coincide: onboarding refuses a new one, but parks created
 * before that check (or written into the table by hand) may already share them.
 */
export function parksSharingSecretNames(db: TenantDb): Promise<SharedSecretNames[]> {
  return db.run(Scope.platform(), async (em) => {
    const parks: ParkNamed[] = await rowsOf(
      em,
      kysely.selectFrom('parks').select(['code', 'name']).orderBy('code'),
    );
    const shared: SharedSecretNames[] = [];
    parks.forEach((first, i) => {
      for (const second of parks.slice(i + 1)) {
        if (!webhookSecretScopesOverlap(first.code, second.code)) continue;
        shared.push({
          parks: [first, second],
          secretNames: [webhookSecretBase(first.code), webhookSecretBase(second.code)],
        });
      }
    });
    return shared;
  });
}

/** One line naming both parks, the variables and what to do. */
export function describeSharedSecretNames({ parks: [a, b], secretNames }: SharedSecretNames): string {
  const names = [...new Set(secretNames)].join(' / ');
  return (
    `园区 ${a.code}（${a.name}）与 ${b.code}（${b.name}）的网关密钥变量名冲突（${names}），` +
    `一方的网关可使用另一方的密钥签名，请更改其中一个园区的编码 / ` +
    `parks ${a.code} (${a.name}) and ${b.code} (${b.name}) share webhook secret names (${names}): ` +
    `either park's webhook could sign with the other's secret; change one of the park codes`
  );
}

/** At API start: a warning per pair of parks sharing secret names; how many pairs there were. */
export async function warnOfSharedSecretNames(
  db: TenantDb,
  logger: { warn(fields: object, message: string): void },
): Promise<number> {
  const shared = await parksSharingSecretNames(db);
  for (const pair of shared) {
    logger.warn(
      { event: 'parks_share_webhook_secret_names', parks: pair.parks.map((p) => p.code) },
      describeSharedSecretNames(pair),
    );
  }
  return shared.length;
}

/** Rules taken from another park as a starting point, without that park's gateway and secret. */
export function withoutWebhook(rules: ParkRules): ParkRules {
  if (!rules.notifications?.webhook) return rules;
  const { webhook: _webhook, ...notifications } = rules.notifications;
  return { ...rules, notifications };
}
