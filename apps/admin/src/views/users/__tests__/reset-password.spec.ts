import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { mountConsole } from '@/test-support/console-harness';
import { PARK_ADMIN_RULES, parkAdminMe } from '@/test-support/fixtures';
import { graphqlError, type GraphQLHandler } from '@/test-support/graphql-fetch';
import { resetConsoleEachTest, signedInApi } from '@/test-support/signed-in-console';

const guessedAt = {
  id: 'u-li',
  username: 'lisi',
  displayName: '李四',
  email: null,
  active: true,
  recentFailedSignIns: 7,
  lastFailedSignInAt: '2026-12-07T08:00:00.000Z',
  roles: [],
};
const quiet = { ...guessedAt, id: 'u-wang', username: 'wangwu', displayName: '王五', recentFailedSignIns: 0 };

let wrapper: VueWrapper | undefined;

async function openUsers(handlers: Record<string, GraphQLHandler>) {
  const api = signedInApi(parkAdminMe, PARK_ADMIN_RULES, {
    Users: () => ({ data: { users: [guessedAt, quiet] } }),
    Departments: () => ({ data: { departments: [] } }),
    OfficeAccounts: () => ({ data: { officeAccounts: [] } }),
    ...handlers,
  });
  const mounted = await mountConsole(api.fetch, '/users');
  wrapper = mounted.wrapper;
  await vi.waitFor(() => expect(wrapper?.find('[data-test="users-table"]').text()).toContain('李四'));
  return api;
}

async function startReset(): Promise<void> {
  await wrapper!.findAll('[data-test="reset-password"]')[0]!.trigger('click');
  await vi.waitFor(() =>
    expect(document.querySelector('input[data-test="reset-password-input"]')).not.toBeNull(),
  );
}

async function submitPassword(password: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('input[data-test="reset-password-input"]')!;
  input.value = password;
  input.dispatchEvent(new Event('input'));
  document.querySelector<HTMLButtonElement>('[data-test="reset-password-submit"]')!.click();
  await flushPromises();
}

describe('users page: sign-in security', () => {
  resetConsoleEachTest(() => wrapper);

  it('shows who had failed sign-ins in the last day, and nothing for the others', async () => {
    await openUsers({});
    const tags = wrapper!.findAll('[data-test="failed-sign-ins"]');
    expect(tags.map((tag) => tag.text())).toEqual(['近24小时登录失败 7 次']);
  });

  it('resets a password with a temporary one and reloads the list', async () => {
    const api = await openUsers({
      ResetUserPassword: () => ({ data: { resetUserPassword: { ...guessedAt, recentFailedSignIns: 0 } } }),
    });
    await startReset();
    expect(document.body.textContent).toContain('重置密码：李四');
    await submitPassword('Temporary-Pass-2026');
    expect(api.callsOf('ResetUserPassword')[0]?.variables).toEqual({
      input: { userId: 'u-li', password: 'Temporary-Pass-2026' },
    });
    await vi.waitFor(() => expect(api.callsOf('Users').length).toBeGreaterThanOrEqual(2));
  });

  it('refuses a weak temporary password without calling the API, and shows the server’s word', async () => {
    const api = await openUsers({
      ResetUserPassword: () =>
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [{ path: 'password', message: '密码过于常见' }],
        }),
    });
    await startReset();
    await submitPassword('short');
    expect(api.callsOf('ResetUserPassword')).toHaveLength(0);
    await vi.waitFor(() => expect(document.body.textContent).toContain('密码至少10位'));
    await submitPassword('Zhengyang@2026');
    expect(api.callsOf('ResetUserPassword')).toHaveLength(1);
    await vi.waitFor(() => expect(document.body.textContent).toContain('密码过于常见'));
  });
});
