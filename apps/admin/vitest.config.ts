import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/__tests__/**/*.spec.ts'],
      restoreMocks: true,
      setupFiles: ['src/test/setup.ts'],
      // Mounting the whole console in happy-dom on a busy two-core machine can take seconds.
      testTimeout: 20_000,
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
);
