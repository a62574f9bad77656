import { computed } from 'vue';
import { useRouter, type RouteRecordNormalized } from 'vue-router';
import { useAbility } from '@/auth/use-ability';
import type { AbilityRequirement } from '@/auth/ability';

export interface MenuEntry {
  path: string;
  titleKey: string;
  testId: string;
}

/** Routes that declare `meta.menu`, minus those the user's abilities do not allow (display only). */
export function menuEntries(
  routes: readonly RouteRecordNormalized[],
  allows: (requirement: AbilityRequirement | undefined) => boolean,
): MenuEntry[] {
  return routes
    .filter((route) => route.meta.menu && route.meta.titleKey && allows(route.meta.ability))
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
  return computed(() => menuEntries(router.getRoutes(), allows));
}
