// Charts for the annual report, drawn on the server: ECharts renders SVG without a browser (the web page
// shows that SVG), resvg turns it into PNG for the .docx with an explicit CJK font file (no system font
// lookup, so the output is the same everywhere).
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fmt } from './overview.text';
import type { ReportChart } from './report.document';

export const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FAMILY = 'Noto Sans CJK SC';
const WIDTH = 640;

function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FAMILY }, backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** 1, 2 or 5 times a power of ten, at or above x: an axis end a reader can read. */
function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= x)!;
}

/**
 * Horizontal bars, one per region under, largest first: every region is on the chart, a region without a
 * figure keeps its row and says so, and the standard (when one applies) is a dashed line.
 */
export function chartSvg(c: ReportChart): { svg: string; width: number; height: number } {
  const rows = [...c.items].reverse();
  const height = Math.max(200, 50 + rows.length * 24);
  const svg = renderSvg(
    {
      // The title is the caption under the picture (in the .docx and on the page), not drawn twice.
      grid: { left: 8, right: 70, top: 24, bottom: 8, containLabel: true },
      // The standard's line stays on the chart even when every region is below it.
      xAxis: {
        type: 'value',
        name: c.unit,
        ...(c.mark !== undefined ? { max: (v: { max: number }) => niceCeil(Math.max(v.max, c.mark!)) } : {}),
        nameTextStyle: { fontFamily: FAMILY },
        axisLabel: { fontFamily: FAMILY },
        splitLine: { lineStyle: { color: '#e5e5e5' } },
      },
      yAxis: { type: 'category', data: rows.map((i) => i.name), axisLabel: { fontFamily: FAMILY, fontSize: 11, color: '#333' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: '#2f6fba' },
          data: rows.map((i) =>
            i.value === null
              ? { value: 0, label: { show: true, position: 'right', formatter: c.missingText, color: '#777', fontSize: 10 } }
              : { value: i.value, label: { show: true, position: 'right', fontSize: 10, color: '#333', formatter: fmt(i.value, c.decimals) } },
          ),
          ...(c.mark !== undefined
            ? {
                markLine: {
                  symbol: 'none',
                  data: [{ xAxis: c.mark }],
                  lineStyle: { color: '#c0392b', type: 'dashed' },
                  label: { formatter: c.markText ?? String(c.mark), color: '#c0392b', fontSize: 10 },
                },
              }
            : {}),
        },
      ],
    },
    WIDTH,
    height,
  );
  return { svg, width: WIDTH, height };
}

// resvg lays out every label with the CJK font: ~1 s of CPU per chart (bench/report-charts.ts), most of a
// report's cost. A report exported again with the same figures (after its texts are edited, or by another
// reader) draws the same charts, so the last few PNGs are kept, by the digest of the chart's data (ECharts'
// SVG is not byte-identical from one drawing to the next: its element ids count on).
const PNG_CACHE_SIZE = 16;
const pngCache = new Map<string, { png: Buffer; width: number; height: number }>();

/** The same chart as PNG, twice the size for print. */
export function chartPng(c: ReportChart): { png: Buffer; width: number; height: number } {
  const key = createHash('sha256').update(JSON.stringify(c)).digest('hex');
  const hit = pngCache.get(key);
  if (hit) {
    pngCache.delete(key); // the most recently used last, the next to go first
    pngCache.set(key, hit);
    return hit;
  }
  const { svg, width, height } = chartSvg(c);
  const png = new Resvg(svg, {
    font: { fontFiles: existsSync(CJK_FONT) ? [CJK_FONT] : [], loadSystemFonts: false, defaultFontFamily: FAMILY },
    fitTo: { mode: 'width', value: width * 2 },
  })
    .render()
    .asPng();
  const drawn = { png: Buffer.from(png), width, height };
  pngCache.set(key, drawn);
  if (pngCache.size > PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value!);
  return drawn;
}
