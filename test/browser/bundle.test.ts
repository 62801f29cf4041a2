// The portal's budget: residents are mostly on phones, so the JS the home page loads up front (the entry
// and what it preloads) stays under 150 KB gzip. Runs on the production build made by build-web.ts.
import { expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
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

// The leaders' cockpit: what opening /console/dashboard loads (the console's up-front scripts, the route's
// chunk, everything either imports statically and what the route imports lazily). It shipped 1.18 MB
// (415 KB gzip) while one line chart pulled in ECharts; its charts are now drawn as SVG and HTML.
it('keeps the dashboard route under 250 KB of gzip JS, without a charting library', () => {
  const root = 'dist/web';
  const read = (f: string) => readFileSync(`${root}/assets/${f}`, 'utf8');
  const staticDeps = (f: string) => [...read(f).matchAll(/(?:from|import)\s*["']\.\/([^"'()]+\.js)["']/g)].map((m) => m[1]);
  const dynamicDeps = (f: string) => [...read(f).matchAll(/import\([`"']\.\/([^`"']+\.js)[`"']\)/g)].map((m) => m[1]);
  const closure = (files: string[]) => {
    const seen = new Set<string>();
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      staticDeps(f).forEach(walk);
    };
    files.forEach(walk);
    return seen;
  };
  const html = readFileSync(`${root}/console/index.html`, 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const page = readdirSync(`${root}/assets`).find((f) => /^DashboardPage-.*\.js$/.test(f))!;
  const files = closure([...entry, page, ...dynamicDeps(page)]);
  const bytes = [...files].reduce((sum, f) => sum + readFileSync(`${root}/assets/${f}`).length, 0);
  const gzipBytes = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(`${root}/assets/${f}`), { level: 9 }).length, 0);
  console.log(`dashboard: ${files.size} scripts, ${(bytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
  expect([...files].some((f) => /echarts|zrender|installSVGRenderer/i.test(f) || /\bzrender\b/.test(read(f)))).toBe(false);
  expect(gzipBytes).toBeLessThan(250 * 1024);
});
