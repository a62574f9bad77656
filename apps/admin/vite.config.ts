import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@qifu/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
      // The parks' configuration files (infra/parks), read raw by tests of the rules editor.
      '@infra': fileURLToPath(new URL('../../infra', import.meta.url)),
    },
  },
  define: {
    // vue-i18n feature flags: composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  plugins: [
    vue(),
    // On-demand Element Plus: each <el-*> tag imports only its component and its CSS.
    Components({ resolvers: [ElementPlusResolver()], dts: 'components.d.ts', dirs: [] }),
  ],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
      // Case attachments: multipart upload and download.
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    // scripts/bundle-size.mjs reads the manifest to know what /login loads.
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // libs/domain is pure by rule (no framework, no module-level effects), but its barrel also
        // exports the rules engine (zod schemas, YAML): declaring it side-effect free lets the
        // console ship only the role helpers it imports.
        moduleSideEffects: [{ test: /[\\/]libs[\\/]domain[\\/]src[\\/]/, sideEffects: false }],
      },
      output: {
        codeSplitting: {
          groups: [
            // Charts are heavy and only used by dashboards: never let them leak into the entry chunk.
            // A group takes its modules' dependencies along: vue-echarts (which imports vue) stays
            // out of it, or the entry would load the charts for vue.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
