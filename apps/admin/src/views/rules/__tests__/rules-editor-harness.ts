import { vi, expect } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { parseParkConfigYaml, type ParkRules } from '@qifu/domain';
import { mountConsole } from '@/test-support/console-harness';
import { packedAbilities, PARK_ADMIN_RULES, parkAdminMe } from '@/test-support/fixtures';
import { graphqlFetch, type GraphQLHandler } from '@/test-support/graphql-fetch';

/** The rules of a park file (infra/parks/*.yaml, imported `?raw`). */
export function rulesOf(yaml: string): ParkRules {
  const parsed = parseParkConfigYaml(yaml);
  if (!parsed.ok) throw new Error('a park file does not parse');
  return parsed.config.rules;
}

const ADMIN_RULES = [
  ...PARK_ADMIN_RULES,
  { action: ['read', 'update'] as ('read' | 'update')[], subject: 'ParkRules' as const },
];

/**
 * The rules page as the park admin sees it, with `rules` as version 3 in force, opened on `tab`
 * and waited on until `readyTestId` shows. Returns the fake API (its calls) and the mounted console.
 */
export async function openRulesTab(
  rules: ParkRules,
  tab: string,
  readyTestId: string,
  handlers: Record<string, GraphQLHandler> = {},
): Promise<{ api: ReturnType<typeof graphqlFetch>; wrapper: VueWrapper }> {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  const api = graphqlFetch({
    Session: () => ({ data: { me: parkAdminMe, myAbilities: packedAbilities(ADMIN_RULES) } }),
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: 0 } }),
    ParkRulesEditor: () => ({
      data: {
        parkRules: {
          id: 'v-3',
          version: 3,
          effectiveFrom: '2026-01-01',
          current: true,
          publishedAt: '2026-01-01T02:00:00.000Z',
          publishedBy: '园区管理员',
          note: null,
          rules,
        },
      },
    }),
    ...handlers,
  });
  const { wrapper } = await mountConsole(api.fetch, '/rules');
  const find = (testId: string) => wrapper.find(`[data-test="${testId}"]`);
  await vi.waitFor(() => expect(find(`rules-tab-${tab}`).exists()).toBe(true));
  await find(`rules-tab-${tab}`).trigger('click');
  await vi.waitFor(() => expect(find(readyTestId).exists()).toBe(true));
  return { api, wrapper };
}
