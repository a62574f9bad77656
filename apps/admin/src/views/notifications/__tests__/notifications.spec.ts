import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { MeFieldsFragment, NotificationItemFragment } from '@/gql/graphql';
import { PLATFORM_ADMIN_RULES, SERVICE_CENTER_STAFF_RULES } from '@/test-support/fixtures';
import { graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';
import { UNREAD_POLL_MS, useNotificationsStore } from '../notifications-store';
import { connectionOf } from '@/test-support/connections';
import { openConsoleAt, platformAdminMe, signedInApi } from '@/test-support/signed-in-console';

const staffMe: MeFieldsFragment = {
  id: 'u-staff',
  username: 'zy.staff',
  displayName: '服务中心 张敏',
  park: { id: 'p-1', code: 'zhengyang', name: '重庆市正阳工业园区' },
  district: { id: 'd-1', code: 'qianjiang', name: '黔江区' },
  roles: [{ role: 'SERVICE_CENTER_STAFF', departmentId: null, department: null }],
};

const overdue: NotificationItemFragment = {
  id: 'n-3',
  kind: 'OVERDUE_SUPERVISION',
  caseId: 'c-12',
  title: '超期督办：企业困难问题〔2026〕第12号',
  body: '重庆黔江永佳电子有限公司反映的困难问题（企业困难问题〔2026〕第12号）部室办理答复环节已超过办结时限（2026-11-20），园区已发函督办。',
  titleEn: 'Overdue, supervised: 企业困难问题〔2026〕第12号',
  bodyEn: 'The department reply stage of the case 企业困难问题〔2026〕第12号 was due on 2026-11-20.',
  createdAt: '2026-11-23T01:00:00.000Z',
  readAt: null,
};
const reminder: NotificationItemFragment = {
  id: 'n-2',
  kind: 'DEADLINE_REMINDER',
  caseId: 'c-7',
  title: '诉求即将到期：WLS-7',
  body: '武陵山食品的诉求（WLS-7）须于2026-11-25前完成核实，请及时办理。',
  titleEn: null,
  bodyEn: null,
  createdAt: '2026-11-22T01:00:00.000Z',
  readAt: null,
};
const digest: NotificationItemFragment = {
  id: 'n-1',
  kind: 'DAILY_DIGEST',
  caseId: null,
  title: '每日待办：2件',
  body: '服务中心 张敏，您今日有2件企业困难问题待办或即将到期：甲；乙',
  titleEn: 'Today: 2 cases',
  bodyEn: '服务中心 张敏, 2 cases are waiting for you or due soon: 甲; 乙',
  createdAt: '2026-11-21T01:00:00.000Z',
  readAt: '2026-11-21T02:00:00.000Z',
};

let wrapper: VueWrapper | undefined;

/** A signed-in person whose inbox holds `items` (unread: those without readAt), served by page. */
function signIn(
  me: MeFieldsFragment,
  items: NotificationItemFragment[],
  extra: Record<string, GraphQLHandler> = {},
) {
  const inbox = items.map((item) => ({ ...item }));
  const unread = () => inbox.filter((item) => !item.readAt).length;
  return signedInApi(me, me.park ? SERVICE_CENTER_STAFF_RULES : PLATFORM_ADMIN_RULES, {
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: unread() } }),
    Notifications: (vars) => {
      const list = vars.unreadOnly ? inbox.filter((item) => !item.readAt) : inbox;
      const start = vars.after ? list.findIndex((item) => item.id === vars.after) + 1 : 0;
      const nodes = list.slice(start, start + (vars.first as number));
      const hasNextPage = start + nodes.length < list.length;
      return {
        data: {
          notifications: connectionOf(nodes, {
            totalCount: list.length,
            endCursor: nodes.at(-1)?.id ?? null,
            hasNextPage,
          }),
          unreadNotificationCount: unread(),
        },
      };
    },
    MarkNotificationsRead: (vars) => {
      let marked = 0;
      for (const item of inbox) {
        if ((vars.input as { ids: string[] }).ids.includes(item.id) && !item.readAt) {
          item.readAt = '2026-11-23T08:00:00.000Z';
          marked += 1;
        }
      }
      return { data: { markNotificationsRead: { marked, unreadCount: unread() } } };
    },
    MarkAllNotificationsRead: () => {
      const marked = unread();
      inbox.forEach((item) => (item.readAt ??= '2026-11-23T08:00:00.000Z'));
      return { data: { markAllNotificationsRead: { marked, unreadCount: 0 } } };
    },
    ...extra,
  });
}

async function open(api: ReturnType<typeof graphqlFetch>, path: string) {
  const mounted = await openConsoleAt(api, path);
  wrapper = mounted.wrapper;
  return mounted;
}

const badge = () => wrapper!.find('[data-test="bell-badge"] .el-badge__content');

async function openBell(): Promise<void> {
  await wrapper!.find('[data-test="notification-bell"]').trigger('click');
  await vi.waitFor(() => expect(wrapper!.findAll('[data-test="bell-item"]').length).toBeGreaterThan(0));
}

describe('notifications in the console', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.useRealTimers();
  });

  it('the header bell shows the unread count and polls it while the console is open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const api = signIn(staffMe, [overdue, reminder, digest]);
    const mounted = await open(api, '/');
    await vi.waitFor(() => expect(badge().text()).toBe('2'));
    expect(wrapper!.find('[data-test="notification-bell"]').attributes('aria-label')).toBe('通知，2条未读');
    expect(api.callsOf('UnreadNotificationCount')).toHaveLength(1);

    vi.advanceTimersByTime(UNREAD_POLL_MS);
    await vi.waitFor(() => expect(api.callsOf('UnreadNotificationCount')).toHaveLength(2));

    // Signing out takes the bell (and its polling) away; the count does not carry over.
    wrapper!.unmount();
    wrapper = undefined;
    vi.advanceTimersByTime(3 * UNREAD_POLL_MS);
    await flushPromises();
    expect(api.callsOf('UnreadNotificationCount')).toHaveLength(2);
    expect(useNotificationsStore(mounted.pinia).unreadCount).toBe(0);
  });

  it('lists the latest in the bell; opening one marks it read and goes to its case', async () => {
    const api = signIn(staffMe, [overdue, reminder, digest]);
    const { router } = await open(api, '/');
    await vi.waitFor(() => expect(badge().text()).toBe('2'));
    await openBell();

    expect(api.callsOf('Notifications')[0]?.variables).toEqual({ first: 8, unreadOnly: false });
    const items = wrapper!.findAll('[data-test="bell-item"]');
    expect(items.map((item) => item.find('.notification-bell__title').text())).toEqual([
      '超期督办：企业困难问题〔2026〕第12号',
      '诉求即将到期：WLS-7',
      '每日待办：2件',
    ]);
    expect(items[0].classes()).toContain('notification-bell__item--unread');
    expect(items[2].classes()).not.toContain('notification-bell__item--unread');

    await items[0].trigger('click');
    await flushPromises();
    expect(api.callsOf('MarkNotificationsRead')[0]?.variables).toEqual({ input: { ids: ['n-3'] } });
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/cases/c-12'));
    expect(badge().text()).toBe('1');
  });

  it('marks all read from the bell; the badge goes away', async () => {
    const api = signIn(staffMe, [overdue, reminder, digest]);
    await open(api, '/');
    await openBell();
    await wrapper!.find('[data-test="bell-mark-all"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('MarkAllNotificationsRead')).toHaveLength(1);
    await vi.waitFor(() => expect(badge().exists() && badge().isVisible()).toBe(false));
    expect(
      wrapper!
        .findAll('[data-test="bell-item"]')
        .every((item) => !item.classes('notification-bell__item--unread')),
    ).toBe(true);
  });

  it('shows the English wording when the park has one, else the Chinese', async () => {
    localStorage.setItem('qifu.locale', 'en');
    const api = signIn(staffMe, [overdue, reminder]);
    await open(api, '/');
    await openBell();
    expect(
      wrapper!.findAll('[data-test="bell-item"] .notification-bell__title').map((t) => t.text()),
    ).toEqual(['Overdue, supervised: 企业困难问题〔2026〕第12号', '诉求即将到期：WLS-7']);
    expect(wrapper!.find('[data-test="bell-view-all"]').text()).toBe('All notifications');
  });

  it('the platform, which has no park, has no bell', async () => {
    const api = signIn(platformAdminMe, [], { Districts: () => ({ data: { districts: [] } }) });
    await open(api, '/');
    expect(wrapper!.find('[data-test="header-user"]').text()).toBe('平台运营');
    expect(wrapper!.find('[data-test="notification-bell"]').exists()).toBe(false);
    expect(api.callsOf('UnreadNotificationCount')).toHaveLength(0);
  });

  it('the notifications page: kinds, links to cases, unread filter, more pages, mark read', async () => {
    const many = Array.from({ length: 22 }, (_, i) => ({
      ...reminder,
      id: `n-r${i}`,
      caseId: `c-r${i}`,
      title: `诉求即将到期：WLS-${100 + i}`,
    }));
    const api = signIn(staffMe, [overdue, ...many, digest]);
    await open(api, '/notifications');
    await vi.waitFor(() => expect(wrapper!.findAll('[data-test="notification-row"]')).toHaveLength(20));
    expect(api.callsOf('Notifications')[0]?.variables).toEqual({ first: 20, after: null, unreadOnly: false });
    const first = wrapper!.findAll('[data-test="notification-row"]')[0];
    expect(first.text()).toContain('超期督办');
    expect(first.text()).toContain('未读');
    expect(first.find('[data-test="notification-case-link"]').attributes('href')).toBe('/cases/c-12');

    await wrapper!.find('[data-test="notifications-more"]').trigger('click');
    await vi.waitFor(() => expect(wrapper!.findAll('[data-test="notification-row"]')).toHaveLength(24));
    expect(api.callsOf('Notifications')[1]?.variables).toEqual({
      first: 20,
      after: 'n-r18',
      unreadOnly: false,
    });
    expect(wrapper!.find('[data-test="notifications-more"]').exists()).toBe(false);
    const last = wrapper!.findAll('[data-test="notification-row"]').at(-1)!;
    expect(last.text()).toContain('每日待办');
    expect(last.find('[data-test="notification-case-link"]').exists()).toBe(false);

    await first.find('[data-test="notification-mark-read"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('MarkNotificationsRead')[0]?.variables).toEqual({ input: { ids: ['n-3'] } });
    await vi.waitFor(() =>
      expect(wrapper!.findAll('[data-test="notification-row"]')[0].text()).not.toContain('未读'),
    );
    await vi.waitFor(() => expect(badge().text()).toBe('22'));

    await wrapper!.find('[data-test="unread-only"]').trigger('click');
    await vi.waitFor(() => expect(api.callsOf('Notifications').at(-1)?.variables.unreadOnly).toBe(true));
    await vi.waitFor(() => expect(wrapper!.findAll('[data-test="notification-row"]')).toHaveLength(20));

    await wrapper!.find('[data-test="mark-all-read"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('MarkAllNotificationsRead')).toHaveLength(1);
    await vi.waitFor(() =>
      expect(document.body.querySelector('.el-message')?.textContent).toContain('已全部标为已读'),
    );
    expect(
      wrapper!.findAll('[data-test="notification-row"]').every((row) => !row.text().includes('未读')),
    ).toBe(true);
  });

  it('an empty inbox says so', async () => {
    const api = signIn(staffMe, []);
    await open(api, '/notifications');
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-test="notifications-empty"]').text()).toContain('暂无通知'),
    );
    expect(wrapper!.find('[data-test="mark-all-read"]').attributes('disabled')).toBeDefined();
  });
});
