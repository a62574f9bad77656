import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { flushPromises } from '@vue/test-utils';
import { authPayload, packedAbilities, PARK_ADMIN_RULES, parkAdminMe } from '@/test-support/fixtures';
import { mountConsole } from '@/test-support/console-harness';
import { graphqlError, graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';

const signedInHandlers: Record<string, GraphQLHandler> = {
  SignIn: () => ({ data: { signIn: authPayload('access-1', 'refresh-1') } }),
  Session: () => ({ data: { me: parkAdminMe, myAbilities: packedAbilities(PARK_ADMIN_RULES) } }),
  Users: () => ({ data: { users: [] } }),
  Departments: () => ({ data: { departments: [] } }),
};

let wrapper: VueWrapper | undefined;

async function signIn(view: VueWrapper, username: string, password: string): Promise<void> {
  await view.find('[data-test="login-username"]').setValue(username);
  await view.find('[data-test="login-password"]').setValue(password);
  // A native submit button: the same path as pressing Enter in a field.
  await view.find('[data-test="login-submit"]').trigger('click');
  await flushPromises();
}

function errorText(view: VueWrapper): string {
  return view.find('[data-test="login-error"]').text();
}

describe('login page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => wrapper?.unmount());

  it('submits the credentials, then opens the page the visitor asked for with the park and user in the header', async () => {
    const api = graphqlFetch(signedInHandlers);
    const mounted = await mountConsole(api.fetch, '/users');
    wrapper = mounted.wrapper;
    expect(mounted.router.currentRoute.value.fullPath).toBe('/login?redirect=/users');
    expect(wrapper.find('[data-test="login-submit"]').text()).toBe('登录');

    await signIn(wrapper, ' zhangsan ', 'Correct-Horse-9');

    expect(api.callsOf('SignIn')[0]?.variables).toEqual({
      input: { username: 'zhangsan', password: 'Correct-Horse-9' },
    });
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.path).toBe('/users'));
    await vi.waitFor(() => expect(wrapper?.find('[data-test="header-park-name"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="header-park-name"]').text()).toBe('正阳工业园区');
    expect(wrapper.find('[data-test="header-user"]').text()).toBe('张三');
    expect(localStorage.getItem('qifu.refreshToken')).toBe('refresh-1');
  });

  it('says the username or password is wrong on UNAUTHENTICATED and clears the password', async () => {
    const api = graphqlFetch({ SignIn: () => graphqlError('UNAUTHENTICATED', 'Invalid credentials') });
    wrapper = (await mountConsole(api.fetch, '/login')).wrapper;

    await signIn(wrapper, 'zhangsan', 'wrong-password');

    expect(errorText(wrapper)).toBe('用户名或密码错误');
    expect((wrapper.find('[data-test="login-password"]').element as HTMLInputElement).value).toBe('');
  });

  it('asks the user to slow down on TOO_MANY_REQUESTS', async () => {
    const api = graphqlFetch({ SignIn: () => graphqlError('TOO_MANY_REQUESTS', 'Rate limit exceeded') });
    wrapper = (await mountConsole(api.fetch, '/login')).wrapper;

    await signIn(wrapper, 'zhangsan', 'whatever-1A');

    expect(errorText(wrapper)).toBe('登录尝试过于频繁，请稍后再试');
  });

  it('says how long to wait when the API gives retryAfterSeconds', async () => {
    let retryAfterSeconds = 16;
    const api = graphqlFetch({
      SignIn: () => graphqlError('TOO_MANY_REQUESTS', 'Too many attempts', { retryAfterSeconds }),
    });
    wrapper = (await mountConsole(api.fetch, '/login')).wrapper;

    await signIn(wrapper, 'zhangsan', 'whatever-1A');
    expect(errorText(wrapper)).toBe('登录尝试过于频繁，请16秒后再试');

    retryAfterSeconds = 900;
    await signIn(wrapper, 'zhangsan', 'whatever-1A');
    expect(errorText(wrapper)).toBe('登录尝试过于频繁，请15分钟后再试');
  });

  it('does not call the API with an empty form and says what is missing', async () => {
    const api = graphqlFetch({});
    wrapper = (await mountConsole(api.fetch, '/login')).wrapper;

    await wrapper.find('form').trigger('submit');
    await flushPromises();

    expect(api.calls).toHaveLength(0);
    // Element Plus debounces a form item's error display.
    await vi.waitFor(() => expect(wrapper?.text()).toContain('请输入用户名'));
    expect(wrapper.text()).toContain('请输入密码');
  });
});
