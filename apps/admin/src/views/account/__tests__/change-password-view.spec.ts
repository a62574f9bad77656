import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { mountConsole } from '@/test-support/console-harness';
import { authPayload, PARK_ADMIN_RULES, parkAdminMe } from '@/test-support/fixtures';
import { graphqlError, type GraphQLHandler } from '@/test-support/graphql-fetch';
import { connectionOf } from '@/test-support/connections';
import { resetConsoleEachTest, signedInApi } from '@/test-support/signed-in-console';

const NEW_PASSWORD = 'Park-Admin-2026!';

let wrapper: VueWrapper | undefined;
let mounted: Awaited<ReturnType<typeof mountConsole>> | undefined;

async function openFromHeader(handlers: Record<string, GraphQLHandler>) {
  const api = signedInApi(parkAdminMe, PARK_ADMIN_RULES, {
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: 0 } }),
    ...handlers,
  });
  mounted = await mountConsole(api.fetch, '/');
  wrapper = mounted.wrapper;
  await vi.waitFor(() => expect(wrapper!.find('[data-test="header-change-password"]').exists()).toBe(true));
  await wrapper.find('[data-test="header-change-password"]').trigger('click');
  await vi.waitFor(() => expect(mounted!.router.currentRoute.value.name).toBe('change-password'));
  await vi.waitFor(() => expect(field('current-password')).not.toBeNull());
  await flushPromises();
  return api;
}

function field(id: string): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>(`input#${id}`);
}

async function type(id: string, value: string): Promise<void> {
  const input = field(id)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

async function fillAndSubmit(current: string, next: string, again = next): Promise<void> {
  await type('current-password', current);
  await type('new-password', next);
  await type('confirm-password', again);
  document.querySelector<HTMLButtonElement>('[data-test="change-password-submit"]')!.click();
  await flushPromises();
}

/** The error shown beside a field, and whether the input says it is invalid and points to it. */
function errorOf(id: string) {
  const input = field(id)!;
  const message = document.getElementById(`${id}-error`);
  return {
    text: message?.textContent?.trim() ?? '',
    announced: message?.getAttribute('role') === 'alert',
    tied:
      Boolean(message) && (input.getAttribute('aria-describedby') ?? '').split(' ').includes(`${id}-error`),
    invalid: input.getAttribute('aria-invalid') === 'true',
  };
}

const rulesMet = () =>
  [...document.querySelectorAll('[data-test^="password-rule-"]')].map(
    (rule) => rule.textContent?.trim() ?? '',
  );

describe('changing one’s own password', () => {
  resetConsoleEachTest(() => wrapper);

  it('opens from the header with labelled fields, the first focused, and says other sessions will end', async () => {
    await openFromHeader({});
    expect(document.body.textContent).toContain('修改后，您在其他电脑、手机和浏览器上的登录将立即退出');
    for (const [id, label] of [
      ['current-password', '当前密码'],
      ['new-password', '新密码'],
      ['confirm-password', '再次输入新密码'],
    ]) {
      expect(document.querySelector(`label[for="${id}"]`)?.textContent?.trim()).toBe(label);
      expect(field(id)!.type).toBe('password');
    }
    expect(document.activeElement).toBe(field('current-password'));
    // The rules are read out with the new password's field.
    expect(field('new-password')!.getAttribute('aria-describedby')).toBe('new-password-rules');
  });

  it('shows the password rules as met or not while the new password is typed', async () => {
    await openFromHeader({});
    await type('new-password', 'short');
    expect(rulesMet()).toEqual([
      '○至少10位（未满足）',
      '○包含大写字母、小写字母、数字、符号中的至少三类（未满足）',
    ]);
    await type('new-password', 'zhengyang2026');
    expect(rulesMet()).toEqual([
      '✓至少10位（已满足）',
      '○包含大写字母、小写字母、数字、符号中的至少三类（未满足）',
    ]);
    await type('new-password', NEW_PASSWORD);
    expect(rulesMet()).toEqual([
      '✓至少10位（已满足）',
      '✓包含大写字母、小写字母、数字、符号中的至少三类（已满足）',
    ]);
  });

  it('refuses a weak or mistyped new password without calling the API, announcing the errors', async () => {
    const api = await openFromHeader({});
    await fillAndSubmit('', 'short', 'short');
    expect(api.callsOf('ChangePassword')).toHaveLength(0);
    await vi.waitFor(() => expect(errorOf('current-password').text).toBe('请输入当前密码'));
    expect(errorOf('current-password')).toEqual({
      text: '请输入当前密码',
      announced: true,
      tied: true,
      invalid: true,
    });
    // Each field's error renders on its own update: wait for this one too, not only the first.
    await vi.waitFor(() => expect(errorOf('new-password').text).toBe('新密码不符合要求'));
    await vi.waitFor(() => expect(document.activeElement).toBe(field('current-password')));

    await fillAndSubmit('Zhengyang@2022', NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(api.callsOf('ChangePassword')).toHaveLength(0);
    await vi.waitFor(() => expect(errorOf('confirm-password').text).toBe('两次输入的新密码不一致'));
    expect(errorOf('current-password').text).toBe('');
    await vi.waitFor(() => expect(document.activeElement).toBe(field('confirm-password')));
  });

  it('shows the API’s refusal beside the field it names', async () => {
    let answer: () => unknown = () =>
      graphqlError('BAD_USER_INPUT', 'Invalid input', {
        fields: [{ path: 'currentPassword', message: 'is not your current password' }],
      });
    const api = await openFromHeader({ ChangePassword: () => answer() });
    await fillAndSubmit('Wrong-Password-1', NEW_PASSWORD);
    expect(api.callsOf('ChangePassword')[0]?.variables).toEqual({
      input: { currentPassword: 'Wrong-Password-1', newPassword: NEW_PASSWORD },
    });
    await vi.waitFor(() => expect(errorOf('current-password').text).toBe('当前密码不正确'));
    expect(errorOf('current-password').announced).toBe(true);

    answer = () => graphqlError('TOO_MANY_REQUESTS', 'Too many attempts', { retryAfterSeconds: 120 });
    await fillAndSubmit('Wrong-Password-2', NEW_PASSWORD);
    await vi.waitFor(() => expect(errorOf('current-password').text).toBe('尝试过于频繁，请2分钟后再试'));
    // Nothing changed: the session goes on with its tokens.
    expect(localStorage.getItem('qifu.accessToken')).toBe('access-1');
  });

  it('goes on with the tokens the change returns, and says the other sessions have ended', async () => {
    const api = await openFromHeader({
      ChangePassword: () => ({ data: { changePassword: authPayload('access-2', 'refresh-2') } }),
      Notifications: () => ({
        data: {
          notifications: connectionOf([]),
          unreadNotificationCount: 0,
        },
      }),
    });
    await fillAndSubmit('Zhengyang@2022', NEW_PASSWORD);
    expect(api.callsOf('ChangePassword')[0]).toMatchObject({
      variables: { input: { currentPassword: 'Zhengyang@2022', newPassword: NEW_PASSWORD } },
      authorization: 'Bearer access-1',
    });
    await vi.waitFor(() =>
      expect(document.querySelector('[data-test="change-password-done"]')?.textContent).toContain(
        '您在其他设备和浏览器上的登录已全部退出',
      ),
    );
    const done = document.querySelector('[data-test="change-password-done"]')!.parentElement!;
    expect(done.getAttribute('role')).toBe('status');
    await vi.waitFor(() => expect(document.activeElement).toBe(done));
    expect([field('current-password')!.value, field('new-password')!.value]).toEqual(['', '']);
    expect(localStorage.getItem('qifu.accessToken')).toBe('access-2');
    expect(localStorage.getItem('qifu.refreshToken')).toBe('refresh-2');

    // The next page's requests carry the new token.
    await mounted!.router.push('/notifications');
    await vi.waitFor(() => expect(api.callsOf('Notifications').length).toBeGreaterThan(0));
    expect(api.callsOf('Notifications').map((call) => call.authorization)).toEqual(
      api.callsOf('Notifications').map(() => 'Bearer access-2'),
    );
  });

  it('speaks English in the English console', async () => {
    localStorage.setItem('qifu.locale', 'en');
    await openFromHeader({});
    expect(document.querySelector('label[for="new-password"]')?.textContent?.trim()).toBe('New password');
    await type('new-password', 'short');
    expect(rulesMet()[0]).toBe('○at least 10 characters, not met');
  });
});
