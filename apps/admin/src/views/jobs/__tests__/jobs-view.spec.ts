import { describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { mountConsole } from '@/test-support/console-harness';
import { PLATFORM_ADMIN_RULES } from '@/test-support/fixtures';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import { connectionOf } from '@/test-support/connections';
import { platformAdminMe, resetConsoleEachTest, signedInApi } from '@/test-support/signed-in-console';

const JOB_RULES = [...PLATFORM_ADMIN_RULES, { action: 'manage', subject: 'Job' }];

const FAILED = {
  id: 'deliver/7f1c',
  name: 'notification.deliver',
  parkId: 'p-1',
  data: { deliveryId: '7f1c' },
  failedReason: 'SMTP 服务器拒绝连接 (ECONNREFUSED)',
  attemptsMade: 6,
  failedAt: '2026-11-29T01:00:00.000Z',
};

let wrapper: VueWrapper | undefined;

async function open(handlers: Record<string, GraphQLHandler>, rules = JOB_RULES) {
  const api = signedInApi(platformAdminMe, rules as never, handlers);
  const mounted = await mountConsole(api.fetch, '/jobs');
  wrapper = mounted.wrapper;
  await flushPromises();
  return { api, router: mounted.router };
}

describe('background jobs page', () => {
  resetConsoleEachTest(() => wrapper);

  it('lists failed jobs with their error and retries one', async () => {
    let failed = [FAILED];
    const retried: string[] = [];
    const { api } = await open({
      FailedJobs: () => ({
        data: {
          jobCounts: { waiting: 0, active: 0, delayed: 2, failed: failed.length, completed: 40 },
          failedJobs: connectionOf(failed),
        },
      }),
      RetryJob: (vars) => {
        retried.push(String((vars.input as { id: string }).id));
        failed = [];
        return { data: { retryJob: true } };
      },
    });
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="failed-jobs"]').text()).toContain('ECONNREFUSED'),
    );
    expect(wrapper!.find('[data-test="failed-jobs"]').text()).toContain('投递通知（邮件、Webhook）');
    expect(wrapper!.find('[data-test="job-count-failed"]').text()).toBe('1');
    expect(wrapper!.find('[data-test="nav-jobs"]').exists()).toBe(true);

    await wrapper!.find('[data-test="retry-deliver/7f1c"]').trigger('click');
    await vi.waitFor(() => expect(retried).toEqual(['deliver/7f1c']));
    await vi.waitFor(() =>
      expect(wrapper?.find('[data-test="failed-jobs"]').text()).toContain('没有失败的任务'),
    );
    expect(api.calls.filter((c) => c.operationName === 'FailedJobs').length).toBeGreaterThanOrEqual(2);
  });

  it('is not in the menu of users who may not see jobs', async () => {
    const { router } = await open({}, PLATFORM_ADMIN_RULES);
    expect(wrapper!.find('[data-test="nav-jobs"]').exists()).toBe(false);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/403'));
  });
});
