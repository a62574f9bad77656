import { computed, inject, type App, type InjectionKey, type Ref } from 'vue';
import type { PermissionAction, PermissionSubject } from '@qifu/domain';
import { buildAbility, type AbilityRequirement, type AppAbility } from './ability';

export const abilityKey: InjectionKey<Readonly<Ref<AppAbility>>> = Symbol('qifu.ability');

/** Provide the signed-in user's ability to every component (a ref, so a new login re-renders). */
export function provideAbility(app: App, ability: Readonly<Ref<AppAbility>>): void {
  app.provide(abilityKey, ability);
}

const nothing = computed(() => buildAbility());

/** Display-only permission checks: the API enforces the same rules on every request. */
export function useAbility() {
  const ability = inject(abilityKey, nothing);
  const can = (action: PermissionAction, subject: PermissionSubject): boolean =>
    ability.value.can(action, subject);
  const allows = (requirement: AbilityRequirement | undefined): boolean =>
    !requirement || ability.value.can(requirement[0], requirement[1]);
  return { ability, can, allows };
}
