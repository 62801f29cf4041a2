// The portal's budget: residents are mostly on phones, so the JS the home page loads up front (the entry
// and what it preloads) stays under 150 KB gzip. Runs on the production build made by build-web.ts.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

it('keeps the portal entry under 150 KB of gzip JS', () => {
  const html = readFileSync('dist/web/index.html', 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  const gzipBytes = scripts.reduce((sum, s) => sum + gzipSync(readFileSync('dist/web' + s)).length, 0);
  console.log(`portal entry: ${scripts.length} scripts, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
  expect(gzipBytes).toBeLessThan(150 * 1024);
  expect(html).not.toContain('element-plus');
});
