import { computed, createApp, type App } from 'vue';
import { createPinia } from 'pinia';
import { install as installUrql } from '@urql/vue';
import type { RouterHistory } from 'vue-router';
import { apiClientKey, createApiClient } from '@/api/api-client';
import { isTokenKey } from '@/api/token-storage';
import { provideAbility } from '@/auth/use-ability';
import { provideRoles } from '@/auth/use-roles';
import { applyLocale, createAppI18n } from '@/locales';
import { createAppRouter } from '@/router';
import { installAuthGuard, loginLocation } from '@/router/guard';
import { useSessionStore } from '@/stores/session';
import { notifyError } from '@/ui/feedback';
import AppRoot from './app-root.vue';

export interface ConsoleOptions {
  history?: RouterHistory;
  fetch?: typeof fetch;
}

/** Installs stores, i18n, API client, abilities and router on `app` (tests reuse the real wiring). */
export function installConsole(app: App, options: ConsoleOptions = {}) {
  const pinia = createPinia();
  const i18n = createAppI18n();
  const router = createAppRouter(options.history);
  app.use(pinia);
  app.use(i18n);

  const session = () => useSessionStore(pinia);
  const client = createApiClient({
    fetch: options.fetch,
    getAccessToken: () => session().accessToken,
    refresh: (rejected) => session().refresh(rejected),
    onAuthFailure: () => {
      // Several requests may fail together: tell the user once, but always leave protected pages.
      const wasSignedIn = session().isAuthenticated;
      session().clear();
      if (wasSignedIn) notifyError(i18n.global.t('errors.sessionExpired'));
      const current = router.currentRoute.value;
      if (current.matched.some((record) => record.meta.requiresAuth))
        void router.push(loginLocation(current.fullPath));
    },
  });
  app.provide(apiClientKey, client);
  app.use(installUrql, client);
  provideAbility(
    app,
    computed(() => session().ability),
  );
  provideRoles(
    app,
    computed(() => session().me?.roles.map((grant) => grant.role) ?? []),
  );

  installAuthGuard(router, session);
  app.use(router);
  applyLocale(i18n, i18n.global.locale.value);

  return { pinia, i18n, router, client };
}

export type ConsoleContext = ReturnType<typeof installConsole>;

export function createConsole(options: ConsoleOptions = {}) {
  const app = createApp(AppRoot);
  const context = installConsole(app, options);
  // Another tab signed in, rotated or signed out: follow it.
  window.addEventListener('storage', (event) => {
    if (!isTokenKey(event.key) && event.key !== null) return;
    const session = useSessionStore(context.pinia);
    session.syncFromStorage();
    const current = context.router.currentRoute.value;
    if (!session.isAuthenticated && current.matched.some((record) => record.meta.requiresAuth)) {
      void context.router.push(loginLocation(current.fullPath));
    }
  });
  return { app, ...context };
}
