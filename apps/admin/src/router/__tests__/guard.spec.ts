import { beforeEach, describe, expect, it } from 'vitest';
import { createConsoleHarness } from '@/test-support/console-harness';
import {
  packedAbilities,
  PARK_ADMIN_RULES,
  parkAdminMe,
  SERVICE_CENTER_STAFF_RULES,
} from '@/test-support/fixtures';
import { graphqlFetch } from '@/test-support/graphql-fetch';
import { safeRedirect } from '../guard';

function signedInWith(rules: typeof PARK_ADMIN_RULES) {
  localStorage.setItem('qifu.accessToken', 'access-1');
  localStorage.setItem('qifu.refreshToken', 'refresh-1');
  return graphqlFetch({
    Session: () => ({ data: { me: parkAdminMe, myAbilities: packedAbilities(rules) } }),
  });
}

describe('router guard', () => {
  beforeEach(() => localStorage.clear());

  it('sends an anonymous visitor to /login with the page they wanted as redirect', async () => {
    const api = graphqlFetch({});
    const { router } = await createConsoleHarness(api.fetch);

    await router.push('/users?tab=active');

    expect(router.currentRoute.value.path).toBe('/login');
    expect(router.currentRoute.value.query.redirect).toBe('/users?tab=active');
    expect(api.calls).toHaveLength(0);
  });

  it('lets a park admin open /users', async () => {
    const { router } = await createConsoleHarness(signedInWith(PARK_ADMIN_RULES).fetch);

    await router.push('/users');

    expect(router.currentRoute.value.path).toBe('/users');
  });

  it('shows the 403 page to signed-in staff without the ability', async () => {
    const { router } = await createConsoleHarness(signedInWith(SERVICE_CENTER_STAFF_RULES).fetch);

    await router.push('/users');

    expect(router.currentRoute.value.name).toBe('forbidden');
  });

  it('sends a signed-in user away from /login to the redirect target', async () => {
    const { router } = await createConsoleHarness(signedInWith(PARK_ADMIN_RULES).fetch);

    await router.push('/login?redirect=/departments');

    expect(router.currentRoute.value.path).toBe('/departments');
  });

  it('only follows redirects inside the console', () => {
    expect(safeRedirect('/users')).toBe('/users');
    expect(safeRedirect('//evil.example.com')).toBeNull();
    expect(safeRedirect('https://evil.example.com')).toBeNull();
    expect(safeRedirect('/login')).toBeNull();
    expect(safeRedirect(undefined)).toBeNull();
  });
});
