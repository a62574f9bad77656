import { computed, inject, type App, type InjectionKey, type Ref } from 'vue';
import type { Role } from '@/gql/graphql';

export const rolesKey: InjectionKey<Readonly<Ref<readonly Role[]>>> = Symbol('qifu.roles');

/** Provide the signed-in user's roles (a ref, so a new login re-renders). */
export function provideRoles(app: App, roles: Readonly<Ref<readonly Role[]>>): void {
  app.provide(rolesKey, roles);
}

const none = computed<readonly Role[]>(() => []);

/** True when no roles are required or the user holds one of them (display only: the API enforces). */
export function holdsAnyRole(held: readonly Role[], required: readonly Role[] | undefined): boolean {
  return !required || required.length === 0 || required.some((role) => held.includes(role));
}

/** The signed-in user's roles, for screens that differ by role (work queues), not by permission. */
export function useRoles() {
  const roles = inject(rolesKey, none);
  const hasAnyRole = (required: readonly Role[] | undefined): boolean => holdsAnyRole(roles.value, required);
  return { roles, hasAnyRole };
}
