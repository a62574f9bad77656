import { isNotificationKind, renderNotification, type NotificationKind } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachSql, caseVisibility } from '../access/case-visibility.js';
import { isUuid } from '../common/input-values.js';
import { decodeCursor } from '../common/cursors.js';
import { connectionOf } from '../graphql/connection.js';
import { assertUuid, badInput, notFound } from '../common/errors.js';
import type { TenantDb } from '../database/tenant-db.js';
import type {
  MarkNotificationsReadResult,
  Notification,
  NotificationConnection,
} from './notification.models.js';
import { parkNotificationSettings } from './notification-rules.js';

/** What a job asks to tell people. */
export interface NotificationRequest {
  kind: NotificationKind;
  /** The case it is about: its number, enterprise and title fill the template, and the inbox links to it. */
  caseId?: string | null;
  recipientUserIds: string[];
  /**
   * With kind, case and recipient, names the occasion (e.g. `departmentReply:2026-12-04`): the same
   * four never make a second notification, so a job may run again safely.
   */
  key: string;
  /** Placeholder values ({stage}, {dueOn}, {departmentName}, {count}, {items}…) and context kept with it. */
  data: Record<string, unknown>;
}

export interface NotifyResult {
  /** The notifications written now, one per recipient (none for a repeated key or an inactive user). */
  notificationIds: string[];
  /** Their deliveries to send through NotificationDelivery.deliver (e-mail, the park's webhook). */
  deliveryIds: string[];
}

/**
 * The inbox shows a notification about a case only while its reader sees the case (an office
 * viewer: a case linked to its office); one about no case always. The condition's values are
 * appended to `params`, after the query's own.
 */
function seenSql(actor: Actor, params: unknown[]): string {
  const condition = caseReachSql(caseVisibility(actor).cases, (value) => `$${params.push(value)}`, 'c');
  if (condition === 'TRUE') return 'TRUE';
  return `(notifications.case_id IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = notifications.case_id AND ${condition}))`;
}

const MAX_PAGE = 100;
const MAX_IDS = 200;

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  case_id: string | null;
  title: string;
  body: string;
  title_en: string | null;
  body_en: string | null;
  created_at: Date;
  read_at: Date | null;
  cursor: string;
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.case_id,
    title: row.title,
    body: row.body,
    titleEn: row.title_en,
    bodyEn: row.body_en,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

// A cursor is the row's creation time (to the microsecond, as PostgreSQL keeps it) and id.
const CURSOR = ['datetime', 'uuid'] as const;

function requestProblems(n: NotificationRequest): string[] {
  const problems: string[] = [];
  if (!isNotificationKind(n.kind)) problems.push(`unknown kind ${JSON.stringify(n.kind)}`);
  if (n.caseId != null && !isUuid(n.caseId)) problems.push('caseId must be a UUID');
  if (!Array.isArray(n.recipientUserIds) || n.recipientUserIds.some((id) => !isUuid(id)))
    problems.push('recipientUserIds must be UUIDs');
  if (typeof n.key !== 'string' || n.key.trim() === '') problems.push('key must not be empty');
  if (n.data === null || typeof n.data !== 'object' || Array.isArray(n.data))
    problems.push('data must be an object');
  return problems;
}

/**
 * Writes notifications (for the jobs) and serves each person their own inbox. Rows are the park's
 * (row-level security); within the park, every inbox query also names the signed-in user.
 */
export class NotificationService {
  constructor(private readonly db: TenantDb) {}

  /**
   * Inside the caller's transaction of the park: renders the park's template for the kind and writes
   * one inbox row per active recipient, with a delivery per channel to send later (e-mail when the
   * person has an address, the webhook when the park has one). Enqueue the returned deliveries in the
   * same transaction so they are sent if and only if it commits.
   */
  async notify(em: EntityManager, n: NotificationRequest): Promise<NotifyResult> {
    const problems = requestProblems(n);
    if (problems.length > 0) throw new Error(`notify: ${problems.join('; ')}`);
    const recipients = [...new Set(n.recipientUserIds)];
    if (recipients.length === 0) return { notificationIds: [], deliveryIds: [] };

    const park = await parkNotificationSettings(em);
    const caseId = n.caseId ?? null;
    let caseValues: Record<string, string> = {};
    if (caseId) {
      const [found] = (await em.query(
        `SELECT registration_no AS "registrationNo", enterprise_name AS "enterpriseName", title AS "caseTitle"
           FROM cases WHERE id = $1`,
        [caseId],
      )) as Record<string, string>[];
      if (!found) throw new Error(`notify: case ${caseId} is not a case of park ${park.parkCode}`);
      caseValues = found;
    }
    // Row-level security shows only the park's people (and the viewers of outside offices linked to
    // the park or its district): anyone else is a mistake of the caller.
    const users = (await em.query(
      `SELECT id, display_name, email, active FROM users
        WHERE id = ANY($1::uuid[]) AND (platform_role IS NULL OR platform_role = 'OFFICE_VIEWER')`,
      [recipients],
    )) as { id: string; display_name: string; email: string | null; active: boolean }[];
    const unknown = recipients.filter((id) => !users.some((u) => u.id === id));
    if (unknown.length > 0)
      throw new Error(`notify: not people of park ${park.parkCode}: ${unknown.join(', ')}`);

    const template = park.template(n.kind);
    const active = users.filter((u) => u.active);
    const rendered = active.map((user) =>
      renderNotification(template, {
        parkName: park.parkName,
        recipientName: user.display_name,
        ...caseValues,
        ...n.data,
      }),
    );
    const inserted = (await em.query(
      `INSERT INTO notifications (user_id, kind, case_id, dedupe_key, title, body, title_en, body_en, data)
       SELECT t.user_id, $1::text, $2::uuid, $3::text, t.title, t.body, t.title_en, t.body_en, $4::jsonb
         FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS t(user_id, title, body, title_en, body_en)
       ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING
       RETURNING id, user_id`,
      [
        n.kind,
        caseId,
        n.key,
        JSON.stringify(n.data),
        active.map((u) => u.id),
        rendered.map((r) => r.title),
        rendered.map((r) => r.body),
        rendered.map((r) => r.titleEn),
        rendered.map((r) => r.bodyEn),
      ],
    )) as { id: string; user_id: string }[];
    if (inserted.length === 0) return { notificationIds: [], deliveryIds: [] };

    const deliveries: { notificationId: string; channel: 'EMAIL' | 'WEBHOOK'; recipient: string }[] = [];
    for (const row of inserted) {
      const email = active.find((u) => u.id === row.user_id)?.email;
      if (email) deliveries.push({ notificationId: row.id, channel: 'EMAIL', recipient: email });
      if (park.webhook)
        deliveries.push({ notificationId: row.id, channel: 'WEBHOOK', recipient: park.webhook.url });
    }
    const deliveryRows =
      deliveries.length === 0
        ? []
        : ((await em.query(
            `INSERT INTO notification_deliveries (notification_id, channel, recipient)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
             RETURNING id`,
            [
              deliveries.map((d) => d.notificationId),
              deliveries.map((d) => d.channel),
              deliveries.map((d) => d.recipient),
            ],
          )) as { id: string }[]);
    return { notificationIds: inserted.map((row) => row.id), deliveryIds: deliveryRows.map((row) => row.id) };
  }

  list(
    actor: Actor,
    args: { first: number; after: string | null; unreadOnly: boolean },
  ): Promise<NotificationConnection> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE) {
      throw badInput([{ path: 'first', message: `must be between 1 and ${MAX_PAGE}` }]);
    }
    const [createdAt, id] = args.after ? decodeCursor(args.after, CURSOR, 'inbox') : [null, null];
    const params: unknown[] = [actor.userId, args.unreadOnly, createdAt, id, args.first + 1];
    const seen = seenSql(actor, params);
    return this.db.run(actor, async (em) => {
      const rows = (await em.query(
        `SELECT id, kind, case_id, title, body, title_en, body_en, created_at, read_at,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || id AS cursor
           FROM notifications
          WHERE user_id = $1
            AND (NOT $2 OR read_at IS NULL)
            AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
            AND ${seen}
          ORDER BY created_at DESC, id DESC
          LIMIT $5`,
        params,
      )) as NotificationRow[];
      const countParams: unknown[] = [actor.userId, args.unreadOnly];
      const [{ count }] = (await em.query(
        `SELECT count(*)::int AS count FROM notifications
          WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) AND ${seenSql(actor, countParams)}`,
        countParams,
      )) as { count: number }[];
      return connectionOf(rows, args.first, (row) => row.cursor.split('|'), toNotification, count);
    });
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.db.run(actor, (em) => countUnread(em, actor));
  }

  /** Marks the user's own notifications among `ids` read; ids of others are left alone. */
  markRead(actor: Actor, ids: string[]): Promise<MarkNotificationsReadResult> {
    if (ids.length > MAX_IDS) throw badInput([{ path: 'ids', message: `at most ${MAX_IDS} at once` }]);
    ids.forEach((id, i) => assertUuid(id, `ids[${i}]`));
    return this.db.run(actor, async (em) => {
      // Someone else's notification, or another park's, is not found: the caller names only their own.
      const own = (await em.query(
        `SELECT id FROM notifications WHERE user_id = $1 AND id = ANY($2::uuid[])`,
        [actor.userId, ids],
      )) as { id: string }[];
      const unknown = ids.findIndex((id) => !own.some((row) => row.id === id.toLowerCase()));
      if (unknown >= 0) throw notFound('通知 / Notification', `ids[${unknown}]`);
      const [, marked] = (await em.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
        [actor.userId, ids],
      )) as [unknown[], number];
      return { marked, unreadCount: await countUnread(em, actor) };
    });
  }

  markAllRead(actor: Actor): Promise<MarkNotificationsReadResult> {
    return this.db.run(actor, async (em) => {
      const [, marked] = (await em.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
        [actor.userId],
      )) as [unknown[], number];
      return { marked, unreadCount: 0 };
    });
  }
}

/** The unread notifications the inbox shows (the same rule as the list). */
async function countUnread(em: EntityManager, actor: Actor): Promise<number> {
  const params: unknown[] = [actor.userId];
  const seen = seenSql(actor, params);
  const [{ n }] = (await em.query(
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL AND ${seen}`,
    params,
  )) as { n: number }[];
  return n;
}
