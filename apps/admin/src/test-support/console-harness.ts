import { createApp, defineComponent, h, type App } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { flushPromises, mount } from '@vue/test-utils';
import AppRoot from '@/app-root.vue';
import { installConsole, type ConsoleContext } from '@/app-setup';
import { useSessionStore } from '@/stores/session';

/**
 * The real console wiring (stores, i18n, urql with the refresh exchange, guard, router) on an
 * in-memory history, with `fetch` replaced: for tests of behaviour that spans those pieces.
 */
export async function createConsoleHarness(
  fetch: typeof globalThis.fetch,
): Promise<ConsoleContext & { session: () => ReturnType<typeof useSessionStore> }> {
  const app = createApp(defineComponent({ render: () => h('div') }));
  const context = installConsole(app, { history: createMemoryHistory(), fetch });
  // Let the initial navigation (and its session load) settle before the test acts.
  await context.router.isReady();
  return { ...context, session: () => useSessionStore(context.pinia) };
}

/** Mounts the whole console (AppRoot) on the real wiring, starting at `path`. */
export async function mountConsole(fetch: typeof globalThis.fetch, path: string) {
  let context: ConsoleContext | undefined;
  const wrapper = mount(AppRoot, {
    attachTo: document.body,
    global: {
      plugins: [
        {
          install(app: App) {
            context = installConsole(app, { history: createMemoryHistory(), fetch });
          },
        },
      ],
    },
  });
  if (!context) throw new Error('console not installed');
  const { router } = context;
  await router.isReady();
  await router.push(path);
  await flushPromises();
  return { wrapper, ...context, session: () => useSessionStore(context!.pinia) };
}
