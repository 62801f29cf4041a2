// Draws the portal's icons (the 学 mark on the brand blue) into src/web/public: an SVG favicon with the
// glyph as outlines (no font needed where it is shown) and the PNGs a phone's home screen asks for.
// Run after changing the mark: `npx tsx scripts/make-icons.ts`.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { CJK_FONT } from '../src/server/modules/monitoring/report.charts';

// Any CJK font the machine has: the one the report charts use, or WenQuanYi Micro Hei (Debian's fonts-wqy-microhei).
const FONTS = [CJK_FONT, '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'].filter((f) => existsSync(f));
if (!FONTS.length) throw new Error('no CJK font found to draw 学');

const OUT = 'src/web/public';
const FAMILY = 'Noto Sans CJK SC, WenQuanYi Micro Hei';
const BLUE = '#0a58a8';

/** `inset`: the share of the side kept clear around the glyph; maskable icons need a wide safe zone. */
function mark(size: number, opts: { rounded: boolean; inset: number }): string {
  const r = opts.rounded ? size * 0.18 : 0;
  const font = size * (1 - 2 * opts.inset) * 0.92;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" rx="${r}" fill="${BLUE}"/>` +
    `<text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" font-family="${FAMILY}" font-size="${font}" fill="#ffffff">学</text></svg>`
  );
}

const render = (svg: string, width: number) =>
  new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'WenQuanYi Micro Hei' } });

mkdirSync(`${OUT}/icons`, { recursive: true });
// The favicon keeps its vector form with the glyph turned into paths.
writeFileSync(`${OUT}/favicon.svg`, render(mark(64, { rounded: true, inset: 0.12 }), 64).toString());
for (const [file, size, opts] of [
  ['icons/icon-192.png', 192, { rounded: true, inset: 0.12 }],
  ['icons/icon-512.png', 512, { rounded: true, inset: 0.12 }],
  ['icons/maskable-512.png', 512, { rounded: false, inset: 0.22 }],
  ['icons/apple-touch-icon.png', 180, { rounded: false, inset: 0.14 }],
] as const) {
  writeFileSync(`${OUT}/${file}`, render(mark(size, opts), size).render().asPng());
}
