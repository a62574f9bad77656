import { webhookSecretBase, webhookSecretInScope } from '@qifu/domain';
import { sql, type InferResult } from 'kysely';
import { createTransport } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { isUuid } from '../common/input-values.js';
import type { AppConfig } from '../config/config.js';
import { Scope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { parkNotificationSettings } from './notification-rules.js';
import {
  signWebhook,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './webhook-signature.js';
import { postWebhook, systemResolver, type ResolveAll } from './webhook-post.js';

export interface NotificationDeliveryOptions {
  /** Null: e-mail deliveries are recorded as skipped, with the reason. */
  smtp: { url: string; from: string } | null;
  /** The console's public address, for the link to the case. */
  consoleUrl?: string | null;
  /** The secret a webhook's `secretRef` names (by default the API's environment variable of that name). */
  webhookSecret?: (ref: string) => string | undefined;
  /** Networks a webhook may reach besides public addresses (WEBHOOK_ALLOWED_NETWORKS). */
  allowedNetworks?: readonly string[];
  /** How a webhook's name is resolved (tests stand in a DNS). */
  resolve?: ResolveAll;
  now?: () => Date;
  /** Per attempt, for the SMTP conversation's steps and for the webhook's answer. */
  timeoutMs?: number;
}

export function deliveryOptionsFrom(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): NotificationDeliveryOptions {
  return {
    smtp: config.SMTP_URL && config.SMTP_FROM ? { url: config.SMTP_URL, from: config.SMTP_FROM } : null,
    consoleUrl: config.CONSOLE_URL ?? null,
    webhookSecret: (ref) => env[ref] || undefined,
    allowedNetworks: config.WEBHOOK_ALLOWED_NETWORKS,
  };
}

export type DeliveryChannel = 'EMAIL' | 'WEBHOOK';

export interface DeliveryOutcome {
  deliveryId: string;
  channel: DeliveryChannel;
  status: 'SENT' | 'SKIPPED';
  /** False when it had been sent (or skipped) before: nothing was sent this time. */
  now: boolean;
  skippedReason: string | null;
}

/** An attempt failed; it is recorded on the delivery, and the job retries. */
export class NotificationDeliveryError extends Error {
  constructor(
    readonly deliveryId: string,
    readonly channel: DeliveryChannel,
    message: string,
  ) {
    super(`notification delivery ${deliveryId} (${channel}) failed: ${message}`);
    this.name = 'NotificationDeliveryError';
  }
}

/** A delivery with its notification, its recipient and its case, locked while it is sent. */
const deliveryRow = (deliveryId: string) =>
  kysely
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      'd.id',
      'd.channel',
      'd.status',
      'd.skipped_reason',
      'n.id as notification_id',
      'n.kind',
      'n.case_id',
      'n.title',
      'n.body',
      'n.title_en',
      'n.body_en',
      'n.created_at',
      'c.registration_no',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.active',
    ])
    // As notification_deliveries_channel_check and notification_deliveries_status_check allow.
    .$narrowType<{ channel: DeliveryChannel; status: 'PENDING' | 'SENT' | 'SKIPPED' | 'FAILED' }>()
    .where('d.id', '=', deliveryId)
    .forUpdate('d');

type DeliveryRow = InferResult<ReturnType<typeof deliveryRow>>[number];

type Attempt = { sent: true } | { skipped: string } | { failed: string };

/**
 * Sends one delivery of a notification, outside any request: run by a job, retried by the job
 * while it throws. The delivery's row is locked while it is sent, so two runs never both send it,
 * and a delivery once sent or skipped is never sent again.
 */
export class NotificationDelivery {
  private transport: ReturnType<typeof createTransport> | null = null;

  constructor(
    private readonly db: TenantDb,
    private readonly options: NotificationDeliveryOptions,
  ) {}

  async deliver(parkId: string, deliveryId: string): Promise<DeliveryOutcome> {
    if (!isUuid(parkId) || !isUuid(deliveryId)) throw new Error('deliver: parkId and deliveryId are UUIDs');
    const result = await this.db.run(Scope.park(parkId), async (em) => {
      const [row] = await rowsOf(em, deliveryRow(deliveryId));
      if (!row) throw new Error(`deliver: no delivery ${deliveryId} in park ${parkId}`);
      if (row.status === 'SENT' || row.status === 'SKIPPED') return { row, attempt: null };

      let attempt: Attempt;
      try {
        attempt = row.channel === 'EMAIL' ? await this.sendEmail(row, em) : await this.postWebhook(row, em);
      } catch (error) {
        attempt = { failed: error instanceof Error ? error.message : String(error) };
      }
      if ('sent' in attempt) {
        await rowsOf(
          em,
          kysely
            .updateTable('notification_deliveries')
            .set((eb) => ({
              status: 'SENT',
              sent_at: sql<Date>`now()`,
              attempts: eb('attempts', '+', 1),
              last_attempt_at: sql<Date>`now()`,
              last_error: null,
            }))
            .where('id', '=', row.id),
        );
      } else if ('skipped' in attempt) {
        await rowsOf(
          em,
          kysely
            .updateTable('notification_deliveries')
            .set({ status: 'SKIPPED', skipped_reason: attempt.skipped, last_attempt_at: sql<Date>`now()` })
            .where('id', '=', row.id),
        );
      } else {
        const lastError = attempt.failed.slice(0, 2000);
        await rowsOf(
          em,
          kysely
            .updateTable('notification_deliveries')
            .set((eb) => ({
              status: 'FAILED',
              attempts: eb('attempts', '+', 1),
              last_attempt_at: sql<Date>`now()`,
              last_error: lastError,
            }))
            .where('id', '=', row.id),
        );
      }
      return { row, attempt };
    });

    const { row, attempt } = result;
    if (attempt && 'failed' in attempt)
      throw new NotificationDeliveryError(row.id, row.channel, attempt.failed);
    const skippedReason = attempt ? ('skipped' in attempt ? attempt.skipped : null) : row.skipped_reason;
    return {
      deliveryId: row.id,
      channel: row.channel,
      status: skippedReason === null ? 'SENT' : 'SKIPPED',
      now: attempt !== null,
      skippedReason,
    };
  }

  /** Closes the SMTP transport (at shutdown). */
  close(): void {
    this.transport?.close();
    this.transport = null;
  }

  private caseUrl(caseId: string | null): string | null {
    if (!caseId || !this.options.consoleUrl) return null;
    return `${this.options.consoleUrl.replace(/\/+$/, '')}/cases/${caseId}`;
  }

  private async sendEmail(row: DeliveryRow, em: EntityManager): Promise<Attempt> {
    if (!this.options.smtp)
      return { skipped: 'SMTP is not configured (SMTP_URL, SMTP_FROM): no e-mail is sent' };
    if (!row.user_id) return { skipped: 'the recipient is no longer a person of the park' };
    if (!row.active) return { skipped: 'the recipient’s account is deactivated' };
    if (!row.email) return { skipped: 'the recipient has no e-mail address' };
    const { parkName } = await parkNotificationSettings(em);
    const link = this.caseUrl(row.case_id);
    const text = [
      row.body,
      ...(link ? ['', `查看案件：${link}`] : []),
      '',
      `（此邮件由${parkName}企服系统自动发送，请勿直接回复。）`,
    ].join('\n');
    this.transport ??= createTransport({
      url: this.options.smtp.url,
      connectionTimeout: this.options.timeoutMs ?? 15_000,
      greetingTimeout: this.options.timeoutMs ?? 15_000,
      socketTimeout: this.options.timeoutMs ?? 30_000,
    });
    await this.transport.sendMail({
      from: this.options.smtp.from,
      to: { name: row.display_name ?? '', address: row.email },
      subject: row.title,
      text,
      headers: { 'X-Qifu-Notification': row.notification_id, 'X-Qifu-Delivery': row.id },
    });
    return { sent: true };
  }

  private async postWebhook(row: DeliveryRow, em: EntityManager): Promise<Attempt> {
    // The park's webhook as configured now: a corrected URL or secret applies to retries.
    const park = await parkNotificationSettings(em);
    if (!park.webhook) return { skipped: 'the park no longer has a notification webhook' };
    // Rules published before secrets were scoped may still name another park's.
    if (!webhookSecretInScope(park.webhook.secretRef, park.parkCode)) {
      const base = webhookSecretBase(park.parkCode);
      throw new Error(
        `the webhook secret ${park.webhook.secretRef} is not this park's (${base} or ${base}__…)`,
      );
    }
    const secret = (this.options.webhookSecret ?? ((ref) => process.env[ref] || undefined))(
      park.webhook.secretRef,
    );
    if (!secret)
      throw new Error(`the webhook secret ${park.webhook.secretRef} is not set in the API's environment`);
    const body = JSON.stringify({
      deliveryId: row.id,
      notificationId: row.notification_id,
      kind: row.kind,
      park: { id: park.parkId, code: park.parkCode, name: park.parkName },
      recipient: row.user_id
        ? { userId: row.user_id, username: row.username, displayName: row.display_name, email: row.email }
        : null,
      case: row.case_id
        ? { id: row.case_id, registrationNo: row.registration_no, url: this.caseUrl(row.case_id) }
        : null,
      title: row.title,
      body: row.body,
      titleEn: row.title_en,
      bodyEn: row.body_en,
      createdAt: row.created_at.toISOString(),
    });
    const timestamp = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const answer = await postWebhook(
      park.webhook.url,
      {
        'content-type': 'application/json; charset=utf-8',
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        [WEBHOOK_DELIVERY_HEADER]: row.id,
      },
      body,
      {
        allowedNetworks: this.options.allowedNetworks ?? [],
        resolve: this.options.resolve ?? systemResolver,
        timeoutMs: this.options.timeoutMs ?? 10_000,
      },
    );
    if (answer.status < 200 || answer.status > 299) {
      const redirect = answer.status >= 300 && answer.status < 400 ? ' (redirects are not followed)' : '';
      throw new Error(
        `the webhook answered HTTP ${answer.status}${redirect}${answer.text ? `: ${answer.text}` : ''}`,
      );
    }
    return { sent: true };
  }
}
