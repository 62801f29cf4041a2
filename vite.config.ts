import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

// Two apps from one build: the residents' portal at `/` and the staff console at `/console/`.
// Element Plus is resolved on demand so the portal never pays for it.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  // vue-i18n: composition API only, no runtime message compiler devtools in production bundles.
  define: { __VUE_I18N_LEGACY_API__: 'false', __VUE_I18N_FULL_INSTALL__: 'false', __INTLIFY_PROD_DEVTOOLS__: 'false' },
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver()], dts: false, dirs: [] })],
  resolve: { alias: { '@web': fileURLToPath(new URL('./src/web', import.meta.url)), '@contracts': fileURLToPath(new URL('./src/contracts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        portal: fileURLToPath(new URL('./src/web/index.html', import.meta.url)),
        console: fileURLToPath(new URL('./src/web/console/index.html', import.meta.url)),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
