import 'vue-router';
import type { AbilityRequirement } from '@/auth/ability';
import type { Role } from '@/gql/graphql';

declare module 'vue-router' {
  interface RouteMeta {
    /** Anonymous visitors are sent to /login?redirect=… */
    requiresAuth?: boolean;
    /** Shown only to users whose abilities allow it (display only: the API enforces). */
    ability?: AbilityRequirement;
    /** Shown only to users holding one of these roles (work queues; display only as well). */
    roles?: readonly Role[];
    /** i18n key of the page title. */
    titleKey?: string;
    /** Listed in the side menu when set; `testId` becomes its data-test attribute. */
    menu?: { order: number; testId: string };
  }
}
