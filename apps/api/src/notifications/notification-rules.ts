import {
  DEFAULT_NOTIFICATION_TEMPLATES,
  isoDateInChina,
  type NotificationKind,
  type NotificationWebhook,
  type NotificationWording,
} from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { rulesOfVersion } from '../rules/rules-cache.js';

export interface ParkNotificationSettings {
  parkId: string;
  parkCode: string;
  parkName: string;
  template(kind: NotificationKind): NotificationWording;
  webhook: NotificationWebhook | null;
}

/** The park of the transaction (set by TenantDb from the actor or scope). */
export async function transactionPark(
  em: EntityManager,
): Promise<{ id: string; code: string; name: string }> {
  const [park] = await rowsOf(
    em,
    kysely
      .selectFrom('parks')
      .select(['id', 'code', 'name'])
      .where('id', '=', sql<string>`NULLIF(current_setting('app.park_id', true), '')::uuid`),
  );
  if (!park) throw new Error('notifications are sent inside a park’s transaction (no park is set)');
  return park;
}

/** The notification wording and webhook of the rules in effect today in the transaction's park. */
export async function parkNotificationSettings(em: EntityManager): Promise<ParkNotificationSettings> {
  const park = await transactionPark(em);
  const [current] = await rowsOf(
    em,
    kysely
      .selectFrom('park_rules_versions')
      .select('version')
      .where('effective_from', '<=', sql<Date>`${isoDateInChina()}::date`)
      .orderBy('version', 'desc')
      .limit(1),
  );
  const settings = current ? (await rulesOfVersion(em, park.id, current.version)).notifications : undefined;
  return {
    parkId: park.id,
    parkCode: park.code,
    parkName: park.name,
    template: (kind) => settings?.templates[kind] ?? DEFAULT_NOTIFICATION_TEMPLATES[kind],
    webhook: settings?.webhook ?? null,
  };
}
