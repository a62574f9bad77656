import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { ParkRules } from '@qifu/domain';
import type { CaseDetailFieldsFragment, MeFieldsFragment } from '@/gql/graphql';
import type { GraphQLHandler } from '@/test-support/graphql-fetch';
import { caseApi, CASE_STAFF_RULES, openPage, staffMe } from './case-fixtures';

/** Each test starts signed out and leaves no page mounted (`current`: the page it opened last). */
export function resetCasePage(current: () => VueWrapper | undefined): void {
  const unmounted = new WeakSet<VueWrapper>();
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    const page = current();
    if (!page || unmounted.has(page)) return;
    unmounted.add(page);
    page.unmount();
  });
}

/**
 * The API behind one case's page: `caseData` as the `case` query answers, signed in as service
 * center staff unless said otherwise, with Zhengyang's rules unless others are given.
 */
export function caseDetailApi(
  caseData: CaseDetailFieldsFragment,
  handlers: Record<string, GraphQLHandler> = {},
  signedIn: { who?: MeFieldsFragment; rules?: Parameters<typeof caseApi>[1]; parkRules?: ParkRules } = {},
) {
  const { who = staffMe, rules = CASE_STAFF_RULES, parkRules } = signedIn;
  return caseApi(who, rules, { CaseDetail: () => ({ data: { case: caseData } }), ...handlers }, parkRules);
}

/** Opens a case's page (case-1 unless said) and returns it once the route has settled. */
export async function openCase(api: ReturnType<typeof caseApi>, id = 'case-1'): Promise<VueWrapper> {
  return (await openPage(api, `/cases/${id}`)).wrapper;
}

/** Opens an action's dialog from the action panel, once the panel offers it. */
export async function openAction(view: VueWrapper, action: string): Promise<void> {
  await vi.waitFor(() => expect(view.find(`[data-test="action-${action}"]`).exists()).toBe(true));
  await view.find(`[data-test="action-${action}"]`).trigger('click');
  await vi.waitFor(() => expect(view.find('[data-test="action-submit"]').exists()).toBe(true));
}

/** Submits the open action's dialog and lets its request settle. */
export async function submitAction(view: VueWrapper): Promise<void> {
  await view.find('[data-test="action-submit"]').trigger('click');
  await flushPromises();
}
