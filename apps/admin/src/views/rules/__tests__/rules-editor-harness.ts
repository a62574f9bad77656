import { afterEach, beforeEach, expect, vi } from 'vitest';
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import type { ElSelect } from 'element-plus';
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

/** The API's answer to a check of the rules: these problems, or none (the rules are fine). */
export const checkAnswer =
  (...problems: { path: string; message: string }[]): GraphQLHandler =>
  () => ({ data: { validateParkRules: { ok: problems.length === 0, problems } } });

/** What a park admin may do, the rules included. */
export const ADMIN_RULES = [
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

/**
 * The rules page of the tests of one file: clears storage before each, unmounts the console and
 * empties the body (teleported dialogs) after each, and finds things on the page once it is open.
 */
export function rulesPage() {
  let mounted: VueWrapper | undefined;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
    document.body.innerHTML = '';
  });

  const wrapper = (): VueWrapper => {
    if (!mounted) throw new Error('the rules page is not open');
    return mounted;
  };
  const page = (testId: string): DOMWrapper<Element> => wrapper().find(`[data-test="${testId}"]`);

  return {
    wrapper,
    page,
    /** The page as mounted by a test itself (with another user, say). */
    attach(opened: VueWrapper): void {
      mounted = opened;
    },
    /** Opens `tab` of the page with `rules` in force (see openRulesTab); returns the fake API. */
    async open(
      rules: ParkRules,
      tab: string,
      readyTestId: string,
      handlers: Record<string, GraphQLHandler> = {},
    ): Promise<ReturnType<typeof graphqlFetch>> {
      const opened = await openRulesTab(rules, tab, readyTestId, handlers);
      mounted = opened.wrapper;
      return opened.api;
    },
    /** The problem shown beside the field at `path`. */
    beside: (path: string): string =>
      wrapper().find(`.el-form-item[data-problem-path="${path}"] .el-form-item__error`).text(),
    /** Sets what a component reports through its v-model (selects draw their options in poppers). */
    async setModel(component: unknown, testId: string, value: unknown): Promise<void> {
      const target = wrapper()
        .findAllComponents(component as typeof ElSelect)
        .find((c) => c.attributes('data-test') === testId || c.vm.$attrs['data-test'] === testId);
      if (!target) throw new Error(`no component ${testId}`);
      target.vm.$emit('update:modelValue', value);
      await flushPromises();
    },
    /** Clicks "check" and returns the rules the page sent to be checked. */
    async validateAndSend(api: ReturnType<typeof graphqlFetch>): Promise<ParkRules> {
      await page('rules-validate').trigger('click');
      await flushPromises();
      return (api.callsOf('ValidateParkRules').at(-1)?.variables.input as { rules: ParkRules }).rules;
    },
  };
}
