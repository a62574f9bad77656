import { computed } from 'vue';
import { useRouter, type RouteRecordNormalized } from 'vue-router';
import { useAbility } from '@/auth/use-ability';
import { useRoles } from '@/auth/use-roles';
import type { AbilityRequirement } from '@/auth/ability';
import type { Role } from '@/gql/graphql';

export interface MenuEntry {
  path: string;
  titleKey: string;
  testId: string;
}

/**
 * Routes that declare `meta.menu`, minus those the user's abilities (or, for work queues, roles)
 * do not allow (display only).
 */
export function menuEntries(
  routes: readonly RouteRecordNormalized[],
  allows: (requirement: AbilityRequirement | undefined) => boolean,
  hasAnyRole: (roles: readonly Role[] | undefined) => boolean = (roles) => !roles?.length,
): MenuEntry[] {
  return routes
    .filter(
      (route) =>
        route.meta.menu && route.meta.titleKey && allows(route.meta.ability) && hasAnyRole(route.meta.roles),
    )
    .sort((a, b) => (a.meta.menu?.order ?? 0) - (b.meta.menu?.order ?? 0))
    .map((route) => ({
      path: route.path,
      titleKey: route.meta.titleKey as string,
      testId: route.meta.menu?.testId as string,
    }));
}

export function useMenu() {
  const router = useRouter();
  const { allows } = useAbility();
  const { hasAnyRole } = useRoles();
  return computed(() => menuEntries(router.getRoutes(), allows, hasAnyRole));
}
