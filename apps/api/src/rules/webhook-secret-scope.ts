import { webhookSecretScopesOverlap, type ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';

/**
 * The existing park whose webhook secret names a new park's code could share (QIFU_WEBHOOK_SECRET_
 * ZHENG_YANG for both zheng-yang and zheng_yang), or null. Read in the platform's transaction.
 */
export async function parkSharingSecretNames(em: EntityManager, code: string): Promise<string | null> {
  const rows = (await em.query(`SELECT code FROM parks WHERE code <> $1`, [code])) as { code: string }[];
  return rows.find((row) => webhookSecretScopesOverlap(row.code, code))?.code ?? null;
}

export const sharedSecretNamesMessage = (other: string) =>
  `与园区 ${other} 的网关密钥变量名冲突 / would share webhook secret names (QIFU_WEBHOOK_SECRET_…) with park ${other}`;

/** Rules taken from another park as a starting point, without that park's gateway and secret. */
export function withoutWebhook(rules: ParkRules): ParkRules {
  if (!rules.notifications?.webhook) return rules;
  const { webhook: _webhook, ...notifications } = rules.notifications;
  return { ...rules, notifications };
}
