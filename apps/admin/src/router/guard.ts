import type { LocationQueryValue, RouteLocationRaw, Router } from 'vue-router';
import { holdsAnyRole } from '@/auth/use-roles';
import type { SessionStore } from '@/stores/session';

/** Only same-app paths: an open redirect to another origin would be a phishing aid. */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string | null {
  const target = Array.isArray(value) ? value[0] : value;
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  if (target === '/login' || target.startsWith('/login?')) return null;
  return target;
}

export function loginLocation(redirect: string): RouteLocationRaw {
  return redirect === '/' ? { name: 'login' } : { name: 'login', query: { redirect } };
}

export function installAuthGuard(router: Router, getSession: () => SessionStore): void {
  router.beforeEach(async (to) => {
    const session = getSession();

    if (to.name === 'login') {
      // Already signed in (e.g. a second tab): go where the visitor wanted.
      if (session.isAuthenticated && (await session.ensureLoaded()))
        return safeRedirect(to.query.redirect) ?? '/';
      return true;
    }

    if (!to.matched.some((record) => record.meta.requiresAuth)) return true;

    if (!(await session.ensureLoaded())) return { name: 'login', query: { redirect: to.fullPath } };

    const requirement = to.meta.ability;
    if (requirement && !session.ability.can(requirement[0], requirement[1])) return { name: 'forbidden' };
    const held = session.me?.roles.map((grant) => grant.role) ?? [];
    if (!holdsAnyRole(held, to.meta.roles)) return { name: 'forbidden' };
    return true;
  });
}
