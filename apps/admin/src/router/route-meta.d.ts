import 'vue-router';
import type { AbilityRequirement } from '@/auth/ability';

declare module 'vue-router' {
  interface RouteMeta {
    /** Anonymous visitors are sent to /login?redirect=… */
    requiresAuth?: boolean;
    /** Shown only to users whose abilities allow it (display only: the API enforces). */
    ability?: AbilityRequirement;
    /** i18n key of the page title. */
    titleKey?: string;
    /** Listed in the side menu when set; `testId` becomes its data-test attribute. */
    menu?: { order: number; testId: string };
  }
}
