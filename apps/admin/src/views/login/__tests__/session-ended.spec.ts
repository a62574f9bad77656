import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { mountConsole } from '@/test-support/console-harness';
import { graphqlError, graphqlFetch } from '@/test-support/graphql-fetch';
import { resetConsoleEachTest } from '@/test-support/signed-in-console';

let wrapper: VueWrapper | undefined;

describe('a session ended on the server', () => {
  resetConsoleEachTest(() => wrapper);

  it('sends the person to the login page, says why, and keeps where they were', async () => {
    // Switched off or password reset by the administrator: the token and the refresh are refused.
    localStorage.setItem('qifu.accessToken', 'access-1');
    localStorage.setItem('qifu.refreshToken', 'refresh-1');
    const api = graphqlFetch({
      Session: () => graphqlError('UNAUTHENTICATED', '登录已失效，请重新登录 / Session ended, sign in again'),
      RefreshSession: () =>
        graphqlError('UNAUTHENTICATED', '登录已失效，请重新登录 / Session ended, sign in again'),
    });
    const mounted = await mountConsole(api.fetch, '/users');
    wrapper = mounted.wrapper;

    await vi.waitFor(() => expect(mounted.router.currentRoute.value.fullPath).toBe('/login?redirect=/users'));
    expect(api.callsOf('RefreshSession')).toHaveLength(1);
    expect(localStorage.getItem('qifu.refreshToken')).toBeNull();
    await vi.waitFor(() => expect(document.body.textContent).toContain('登录已失效'));
  });
});
