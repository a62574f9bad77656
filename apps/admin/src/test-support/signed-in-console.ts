import { afterEach, beforeEach, expect, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from '@/auth/ability';
import type { MeFieldsFragment } from '@/gql/graphql';
import { mountConsole } from './console-harness';
import { meWith, packedAbilities } from './fixtures';
import { graphqlFetch, type GraphQLHandler } from './graphql-fetch';

/** The platform's operator (平台运营): no park, no district. */
export const platformAdminMe = meWith(
  { id: 'u-root', username: 'platform', displayName: '平台运营', park: null, district: null },
  'PLATFORM_ADMIN',
);

/**
 * The API of a console that starts signed in (its tokens stored): `Session` answers `me` with
 * `rules`, the rest `handlers`.
 */
export function signedInApi(
  me: MeFieldsFragment,
  rules: RawRuleOf<AppAbility>[],
  handlers: Record<string, GraphQLHandler> = {},
) {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  return graphqlFetch({
    Session: () => ({ data: { me, myAbilities: packedAbilities(rules) } }),
    ...handlers,
  });
}

/** Mounts the console at `path` and waits until it is there and settled. */
export async function openConsoleAt(api: ReturnType<typeof graphqlFetch>, path: string) {
  const mounted = await mountConsole(api.fetch, path);
  await vi.waitFor(() => expect(mounted.router.currentRoute.value.path).toBe(path));
  await flushPromises();
  return mounted;
}

/**
 * Each test starts signed out; after it, the console it mounted (`current()`) is unmounted and
 * what it left in the page (dialogs, toasts) removed.
 */
export function resetConsoleEachTest(current: () => VueWrapper | undefined): void {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    current()?.unmount();
    document.body.innerHTML = '';
  });
}
