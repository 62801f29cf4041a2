import { fileURLToPath, URL } from 'node:url';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

/** Writes .br and .gz beside every text asset, which the server sends as they are (preCompressed). */
function precompress(): Plugin {
  return {
    name: 'learncity-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
      for (const file of walk(fileURLToPath(new URL('./dist/web', import.meta.url)))) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file) || statSync(file).size < 1024) continue;
        const data = readFileSync(file);
        writeFileSync(file + '.br', brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(file + '.gz', gzipSync(data, { level: 9 }));
      }
    },
  };
}

// Two apps from one build: the residents' portal at `/` and the staff console at `/console/`.
// Element Plus is resolved on demand so the portal never pays for it.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  // vue-i18n: composition API only, no runtime message compiler devtools in production bundles.
  define: { __VUE_I18N_LEGACY_API__: 'false', __VUE_I18N_FULL_INSTALL__: 'false', __INTLIFY_PROD_DEVTOOLS__: 'false' },
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver()], dts: false, dirs: [] }), precompress()],
  resolve: {
    alias: { '@web': fileURLToPath(new URL('./src/web', import.meta.url)), '@contracts': fileURLToPath(new URL('./src/contracts', import.meta.url)) },
  },
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
