import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import { NotificationService } from '../notification.service.js';
import { idOf, insertCase, notifyIn, onboardWulingshan } from './notification-fixtures.js';

const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { node { id kind caseId title body titleEn bodyEn readAt } }
    pageInfo { endCursor hasNextPage }
  }
  unreadNotificationCount
}`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(input: { ids: $ids }) { marked unreadCount } }`;
const MARK_ALL = `mutation { markAllNotificationsRead { marked unreadCount } }`;
const SET_EMAIL = `mutation($input: SetUserEmailInput!) { setUserEmail(input: $input) { username email } }`;

describe('notifications: inbox rows from the park’s templates', () => {
  let api: TestApi;
  let service: NotificationService;
  let parkA: string;
  let staffId: string;
  let handlerId: string;
  let caseA: string;
  let staff: string;
  let handler: string;
  let admin: string;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await api.owner.query(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0].n);

  beforeAll(async () => {
    api = await startTestApi();
    service = new NotificationService(api.db);
    parkA = await idOf(api.owner, 'parks', 'zhengyang');
    staffId = await idOf(api.owner, 'users', 'zy.staff');
    handlerId = await idOf(api.owner, 'users', 'zy.handler');
    caseA = await insertCase(api.owner, parkA, {
      registrationNo: '企业困难问题〔2026〕第7号',
      enterpriseName: '重庆正阳机械有限公司',
    });
    // Assigned to the handler's department: its people are told of it and see it in their inbox.
    await api.owner.query(
      `UPDATE cases SET department_ids = ARRAY(SELECT department_id FROM role_assignments WHERE user_id = $2)
        WHERE id = $1`,
      [caseA, handlerId],
    );
    [staff, handler, admin] = await Promise.all(
      ['zy.staff', 'zy.handler', 'zy.admin'].map((u) => api.login(u)),
    );
  });
  afterAll(() => api.close());

  it('the park admin sets and clears a person’s e-mail address; a bad one is refused with its field', async () => {
    const set = await api.gql(
      SET_EMAIL,
      { input: { userId: staffId, email: 'zhangmin@zhengyang.example' } },
      admin,
    );
    expect(set.data!.setUserEmail).toEqual({ username: 'zy.staff', email: 'zhangmin@zhengyang.example' });
    await api.gql(SET_EMAIL, { input: { userId: handlerId, email: 'chenjing@zhengyang.example' } }, admin);
    const cleared = await api.gql(SET_EMAIL, { input: { userId: handlerId, email: null } }, admin);
    expect(cleared.data!.setUserEmail).toEqual({ username: 'zy.handler', email: null });
    const bad = await api.gql(SET_EMAIL, { input: { userId: staffId, email: 'not-an-address' } }, admin);
    expect([errorCode(bad), errorFields(bad)]).toEqual(['BAD_USER_INPUT', ['email']]);
    const byStaff = await api.gql(SET_EMAIL, { input: { userId: handlerId, email: 'x@y.cn' } }, staff);
    expect(errorCode(byStaff)).toBe('FORBIDDEN');
    const users = await api.gql(`{ users { username email } }`, {}, admin);
    expect(users.data!.users.find((u: { username: string }) => u.username === 'zy.staff').email).toBe(
      'zhangmin@zhengyang.example',
    );
    const audit = await api.owner.query(
      `SELECT before ->> 'email' AS before, after ->> 'email' AS after FROM audit_events
        WHERE action = 'user.email_changed' AND subject_id = $1`,
      [staffId],
    );
    expect(audit.rows).toEqual([{ before: null, after: 'zhangmin@zhengyang.example' }]);
  });

  it('writes one row per recipient from the park’s zh-CN template, with an e-mail delivery where there is an address', async () => {
    const result = await notifyIn(api, service, parkA, {
      kind: 'DEADLINE_REMINDER',
      caseId: caseA,
      recipientUserIds: [staffId, handlerId, staffId],
      key: 'departmentReply:2026-12-04',
      data: { stage: 'departmentReply', dueOn: '2026-12-04' },
    });
    expect(result.notificationIds).toHaveLength(2);
    // The staff member has an address (set above), the handler none; the park has no webhook.
    expect(result.deliveryIds).toHaveLength(1);
    const delivery = await api.owner.query(
      `SELECT d.channel, d.recipient, d.status, d.attempts, n.user_id FROM notification_deliveries d
         JOIN notifications n ON n.id = d.notification_id WHERE d.id = $1`,
      [result.deliveryIds[0]],
    );
    expect(delivery.rows).toEqual([
      {
        channel: 'EMAIL',
        recipient: 'zhangmin@zhengyang.example',
        status: 'PENDING',
        attempts: 0,
        user_id: staffId,
      },
    ]);

    const inbox = await api.gql(INBOX, {}, handler);
    expect(inbox.data!.unreadNotificationCount).toBe(1);
    expect(nodesOf(inbox.data!.notifications)).toEqual([
      {
        id: expect.any(String),
        kind: 'DEADLINE_REMINDER',
        caseId: caseA,
        title: '办理时限提醒：企业困难问题〔2026〕第7号',
        body: '重庆正阳机械有限公司反映的困难问题（企业困难问题〔2026〕第7号）部室办理答复环节将于2026-12-04到期，请抓紧办理。',
        titleEn: 'Deadline reminder: 企业困难问题〔2026〕第7号',
        bodyEn:
          'The department reply stage of the case 企业困难问题〔2026〕第7号 (重庆正阳机械有限公司) is due on 2026-12-04.',
        readAt: null,
      },
    ]);
    expect((await api.gql(INBOX, {}, staff)).data!.unreadNotificationCount).toBe(1);
    // Nobody else in the park sees them.
    const others = await api.gql(INBOX, {}, admin);
    expect(others.data).toEqual({
      notifications: { edges: [], pageInfo: { endCursor: null, hasNextPage: false } },
      unreadNotificationCount: 0,
    });
  });

  it('never writes the same kind, case, recipient and key twice', async () => {
    const request = {
      kind: 'DEADLINE_REMINDER' as const,
      caseId: caseA,
      recipientUserIds: [staffId, handlerId],
      key: 'departmentReply:2026-12-04',
      data: { stage: 'departmentReply', dueOn: '2026-12-04' },
    };
    expect(await notifyIn(api, service, parkA, request)).toEqual({ notificationIds: [], deliveryIds: [] });
    // Concurrently, as two runs of a job would: still one each.
    const both = await Promise.all(
      [1, 2].map(() => notifyIn(api, service, parkA, { ...request, key: 'again' })),
    );
    expect(both.flatMap((r) => r.notificationIds)).toHaveLength(2);
    expect(await count(`notifications WHERE case_id = $1`, [caseA])).toBe(4);
    expect(await count(`notification_deliveries`)).toBe(2);
    // Without a case the key still tells occasions apart.
    const digest = {
      kind: 'DAILY_DIGEST' as const,
      recipientUserIds: [handlerId],
      key: '2026-12-01',
      data: {},
    };
    expect(
      (await notifyIn(api, service, parkA, { ...digest, data: { count: 2, items: ['甲', '乙'] } }))
        .notificationIds,
    ).toHaveLength(1);
    expect((await notifyIn(api, service, parkA, digest)).notificationIds).toEqual([]);
    const [row] = (await api.owner.query(`SELECT title, body FROM notifications WHERE kind = 'DAILY_DIGEST'`))
      .rows;
    expect(row).toEqual({
      title: '每日待办：2件',
      body: '经发部 陈静，您今日有2件企业困难问题待办或即将到期：甲；乙',
    });
  });

  it('refuses what is not the park’s, and leaves deactivated people out', async () => {
    const wulingshan = await onboardWulingshan(api);
    await expect(
      notifyIn(api, service, parkA, {
        kind: 'FOLLOW_UP_DUE',
        recipientUserIds: [wulingshan.userId],
        key: 'k',
        data: {},
      }),
    ).rejects.toThrow(/not people of park zhengyang/);
    const caseB = await insertCase(api.owner, wulingshan.parkId, {
      registrationNo: 'WLS-1',
      enterpriseName: '武陵山食品',
    });
    await expect(
      notifyIn(api, service, parkA, {
        kind: 'FOLLOW_UP_DUE',
        caseId: caseB,
        recipientUserIds: [staffId],
        key: 'k',
        data: {},
      }),
    ).rejects.toThrow(/is not a case of park zhengyang/);
    await expect(
      notifyIn(api, service, parkA, {
        kind: 'BIRTHDAY' as never,
        recipientUserIds: [staffId],
        key: 'k',
        data: {},
      }),
    ).rejects.toThrow(/unknown kind "BIRTHDAY"/);
    await expect(
      notifyIn(api, service, parkA, {
        kind: 'FOLLOW_UP_DUE',
        recipientUserIds: [staffId],
        key: ' ',
        data: {},
      }),
    ).rejects.toThrow(/key must not be empty/);

    await api.owner.query(`UPDATE users SET active = false WHERE username = 'zy.head'`);
    const headId = await idOf(api.owner, 'users', 'zy.head');
    const result = await notifyIn(api, service, parkA, {
      kind: 'FOLLOW_UP_DUE',
      caseId: caseA,
      recipientUserIds: [headId, handlerId],
      key: 'followUp:2026-12-10',
      data: { dueOn: '2026-12-10' },
    });
    expect(result.notificationIds).toHaveLength(1);
    expect(await count(`notifications WHERE user_id = $1`, [headId])).toBe(0);
  });

  it('another park’s notifications use its own wording and stay in that park', async () => {
    const parkB = await idOf(api.owner, 'parks', 'wulingshan');
    const userB = await idOf(api.owner, 'users', 'wl.staff');
    const caseB = (await api.owner.query(`SELECT id FROM cases WHERE registration_no = 'WLS-1'`)).rows[0].id;
    const result = await notifyIn(api, service, parkB, {
      kind: 'DEADLINE_REMINDER',
      caseId: caseB,
      recipientUserIds: [userB],
      key: 'verification:2026-12-02',
      data: { stage: 'verification', dueOn: '2026-12-02' },
    });
    expect(result.notificationIds).toHaveLength(1);
    const [row] = (
      await api.owner.query(`SELECT park_id, title, body, title_en FROM notifications WHERE id = $1`, [
        result.notificationIds[0],
      ])
    ).rows;
    expect(row).toEqual({
      park_id: parkB,
      title: '诉求即将到期：WLS-1',
      body: '武陵山食品的诉求（WLS-1）须于2026-12-02前完成核实，请及时办理。',
      title_en: null,
    });
    // Its kinds without a wording of its own use the built-in one.
    const followUp = await notifyIn(api, service, parkB, {
      kind: 'FOLLOW_UP_DUE',
      caseId: caseB,
      recipientUserIds: [userB],
      key: 'followUp',
      data: { dueOn: '2026-12-09' },
    });
    const [builtIn] = (
      await api.owner.query(`SELECT title FROM notifications WHERE id = $1`, [followUp.notificationIds[0]])
    ).rows;
    expect(builtIn.title).toBe('回访提醒：WLS-1');
    // Park A's people see nothing of park B, whatever id they name: not found, nothing marked.
    const mark = await api.gql(MARK, { ids: result.notificationIds }, staff);
    expect([errorCode(mark), errorFields(mark)]).toEqual(['NOT_FOUND', ['ids[0]']]);
    expect(await count(`notifications WHERE id = $1 AND read_at IS NULL`, [result.notificationIds[0]])).toBe(
      1,
    );
  });

  it('pages the inbox newest first, filters unread, marks read for the signed-in user only', async () => {
    const ids: string[] = [];
    for (const day of ['2026-12-11', '2026-12-12', '2026-12-13']) {
      ids.push(
        ...(
          await notifyIn(api, service, parkA, {
            kind: 'B_GRADE_REVIEW',
            caseId: caseA,
            recipientUserIds: [handlerId],
            key: day,
            data: { dueOn: day },
          })
        ).notificationIds,
      );
    }
    const first = await api.gql(INBOX, { first: 2 }, handler);
    const page1 = first.data!.notifications;
    expect(nodesOf(page1).map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await api.gql(INBOX, { first: 2, after: page1.pageInfo.endCursor }, handler);
    expect(nodesOf(second.data!.notifications).map((n: { id: string }) => n.id)[0]).toBe(ids[0]);
    const total = first.data!.unreadNotificationCount as number;
    expect(total).toBe(7);

    // The handler's own two and the staff member's, which is not theirs: refused, nothing marked.
    const staffNotification = nodesOf((await api.gql(INBOX, {}, staff)).data!.notifications)[0].id;
    const refused = await api.gql(MARK, { ids: [ids[0], ids[1], staffNotification] }, handler);
    expect([errorCode(refused), errorFields(refused)]).toEqual(['NOT_FOUND', ['ids[2]']]);
    expect((await api.gql(INBOX, {}, handler)).data!.unreadNotificationCount).toBe(total);
    const marked = await api.gql(MARK, { ids: [ids[0], ids[1]] }, handler);
    expect(marked.data!.markNotificationsRead).toEqual({ marked: 2, unreadCount: total - 2 });
    expect((await api.gql(INBOX, {}, staff)).data!.unreadNotificationCount).toBe(2);
    const again = await api.gql(MARK, { ids: [ids[0]] }, handler);
    expect(again.data!.markNotificationsRead).toEqual({ marked: 0, unreadCount: total - 2 });

    const unread = await api.gql(INBOX, { first: 50, unreadOnly: true }, handler);
    expect(nodesOf(unread.data!.notifications).map((n: { id: string }) => n.id)).not.toContain(ids[0]);
    expect(unread.data!.notifications.edges).toHaveLength(total - 2);
    const read = nodesOf((await api.gql(INBOX, { first: 50 }, handler)).data!.notifications).find(
      (n: { id: string }) => n.id === ids[1],
    );
    expect(read.readAt).toEqual(expect.any(String));

    const all = await api.gql(MARK_ALL, {}, handler);
    expect(all.data!.markAllNotificationsRead).toEqual({ marked: total - 2, unreadCount: 0 });
    expect((await api.gql(INBOX, {}, staff)).data!.unreadNotificationCount).toBe(2);
  });

  it('refuses bad arguments and anonymous callers', async () => {
    const tooMany = await api.gql(INBOX, { first: 101 }, handler);
    expect([errorCode(tooMany), errorFields(tooMany)]).toEqual(['BAD_USER_INPUT', ['first']]);
    const cursor = await api.gql(INBOX, { after: 'bm90LWEtY3Vyc29y' }, handler);
    expect([errorCode(cursor), errorFields(cursor)]).toEqual(['BAD_USER_INPUT', ['after']]);
    const badId = await api.gql(MARK, { ids: ['nope'] }, handler);
    expect([errorCode(badId), errorFields(badId)]).toEqual(['BAD_USER_INPUT', ['ids[0]']]);
    for (const query of [INBOX, MARK_ALL]) {
      expect(errorCode(await api.gql(query, {}))).toBe('UNAUTHENTICATED');
    }
    // The platform has no park and so no inbox.
    const platform = await api.gql(INBOX, {}, await api.login('platform'));
    expect(platform.data!.unreadNotificationCount).toBe(0);
  });
});
