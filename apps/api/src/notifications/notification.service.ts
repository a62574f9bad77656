import { isNotificationKind, renderNotification, type NotificationKind } from '@qifu/domain';
import { sql, type InferResult, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachCondition, caseVisibility } from '../access/case-visibility.js';
import { decodeCursor } from '../common/cursors.js';
import { isUuid } from '../common/input-values.js';
import { connectionOf } from '../graphql/connection.js';
import { assertUuid, badInput, notFound } from '../common/errors.js';
import type { DB } from '../database/db-types.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
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
 * viewer: a case linked to its office); one about no case always.
 */
function seenBy<O>(
  actor: Actor,
  query: SelectQueryBuilder<DB, 'notifications', O>,
): SelectQueryBuilder<DB, 'notifications', O> {
  const reach = caseVisibility(actor).cases;
  if (reach.kind === 'PARK') return query;
  return query.where((eb) =>
    eb.or([
      eb('notifications.case_id', 'is', null),
      eb.exists(
        eb
          .selectFrom('cases as c')
          .select(sql<number>`1`.as('one'))
          .whereRef('c.id', '=', 'notifications.case_id')
          .where(caseReachCondition(reach, 'c')),
      ),
    ]),
  );
}

/** The user's own notifications (every inbox query also names the signed-in user). */
const ownNotifications = (userId: string) => kysely.selectFrom('notifications').where('user_id', '=', userId);

/** Marks the user's unread notifications read; the ids it marked. */
const markedRead = (userId: string, ids: string[] | null) =>
  kysely
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .$if(ids !== null, (qb) => qb.where('id', '=', (eb) => eb.fn.any(sql<string[]>`${ids}::uuid[]`)))
    .where('read_at', 'is', null)
    .returning('id');

const MAX_PAGE = 100;
const MAX_IDS = 200;

/** The inbox's rows, newest first, each with its cursor. */
const inboxRows = (userId: string) =>
  ownNotifications(userId)
    .select(['id', 'kind', 'case_id', 'title', 'body', 'title_en', 'body_en', 'created_at', 'read_at'])
    .select(
      sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || id`.as(
        'cursor',
      ),
    )
    // As notifications_kind_check allows.
    .$narrowType<{ kind: NotificationKind }>()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');

type NotificationRow = InferResult<ReturnType<typeof inboxRows>>[number];

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
      const [found] = await rowsOf(
        em,
        kysely
          .selectFrom('cases')
          .select([
            'registration_no as registrationNo',
            'enterprise_name as enterpriseName',
            'title as caseTitle',
          ])
          .where('id', '=', caseId),
      );
      if (!found) throw new Error(`notify: case ${caseId} is not a case of park ${park.parkCode}`);
      caseValues = found;
    }
    // Row-level security shows only the park's people (and the viewers of outside offices linked to
    // the park or its district): anyone else is a mistake of the caller.
    const users = await rowsOf(
      em,
      kysely
        .selectFrom('users')
        .select(['id', 'display_name', 'email', 'active'])
        .where('id', '=', (eb) => eb.fn.any(sql<string[]>`${recipients}::uuid[]`))
        .where((eb) => eb.or([eb('platform_role', 'is', null), eb('platform_role', '=', 'OFFICE_VIEWER')])),
    );
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
    const inserted = await rowsOfSql(
      em,
      sql<Pick<Selectable<DB['notifications']>, 'id' | 'user_id'>>`
        INSERT INTO notifications (user_id, kind, case_id, dedupe_key, title, body, title_en, body_en, data)
        SELECT t.user_id, ${n.kind}::text, ${caseId}::uuid, ${n.key}::text, t.title, t.body, t.title_en, t.body_en,
               ${JSON.stringify(n.data)}::jsonb
          FROM unnest(${active.map((u) => u.id)}::uuid[], ${rendered.map((r) => r.title)}::text[],
                      ${rendered.map((r) => r.body)}::text[], ${rendered.map((r) => r.titleEn)}::text[],
                      ${rendered.map((r) => r.bodyEn)}::text[])
               AS t(user_id, title, body, title_en, body_en)
        ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING
        RETURNING id, user_id`,
    );
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
        : await rowsOf(
            em,
            kysely
              .insertInto('notification_deliveries')
              .values(
                deliveries.map((d) => ({
                  notification_id: d.notificationId,
                  channel: d.channel,
                  recipient: d.recipient,
                })),
              )
              .returning('id'),
          );
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
    const inbox = <O>(query: SelectQueryBuilder<DB, 'notifications', O>) =>
      seenBy(
        actor,
        query.$if(args.unreadOnly, (qb) => qb.where('read_at', 'is', null)),
      );
    return this.db.run(actor, async (em) => {
      const rows = await rowsOf(
        em,
        inbox(inboxRows(actor.userId))
          .$if(createdAt !== null, (qb) =>
            qb.where(sql<boolean>`(created_at, id) < (${createdAt}::timestamptz, ${id}::uuid)`),
          )
          .limit(args.first + 1),
      );
      const [{ n }] = await rowsOf(
        em,
        inbox(ownNotifications(actor.userId).select(sql<number>`count(*)::int`.as('n'))),
      );
      return connectionOf(rows, args.first, (row) => row.cursor.split('|'), toNotification, n);
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
      const own = await rowsOf(
        em,
        ownNotifications(actor.userId)
          .select('id')
          .where('id', '=', (eb) => eb.fn.any(sql<string[]>`${ids}::uuid[]`)),
      );
      const unknown = ids.findIndex((id) => !own.some((row) => row.id === id.toLowerCase()));
      if (unknown >= 0) throw notFound('通知 / Notification', `ids[${unknown}]`);
      const marked = await rowsOf(em, markedRead(actor.userId, ids));
      return { marked: marked.length, unreadCount: await countUnread(em, actor) };
    });
  }

  markAllRead(actor: Actor): Promise<MarkNotificationsReadResult> {
    return this.db.run(actor, async (em) => {
      const marked = await rowsOf(em, markedRead(actor.userId, null));
      return { marked: marked.length, unreadCount: 0 };
    });
  }
}

/** The unread notifications the inbox shows (the same rule as the list). */
async function countUnread(em: EntityManager, actor: Actor): Promise<number> {
  const [{ n }] = await rowsOf(
    em,
    seenBy(
      actor,
      ownNotifications(actor.userId)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('read_at', 'is', null),
    ),
  );
  return n;
}
