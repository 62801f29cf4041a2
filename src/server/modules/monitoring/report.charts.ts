// Charts for the annual report, drawn on the server: ECharts renders SVG without a browser, resvg turns
// it into PNG with an explicit CJK font file (no system font lookup, so the output is the same everywhere).
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';

export const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FAMILY = 'Noto Sans CJK SC';

export function renderChart(option: echarts.EChartsCoreOption, width = 640, height = 320): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FAMILY }, backgroundColor: '#ffffff', ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      font: { fontFiles: existsSync(CJK_FONT) ? [CJK_FONT] : [], loadSystemFonts: false, defaultFontFamily: FAMILY },
      fitTo: { mode: 'width', value: width * 2 },
    }).render().asPng();
    return Buffer.from(png);
  } finally {
    chart.dispose();
  }
}

/** Horizontal bars: one value per region, largest first. */
export function barChart(title: string, unit: string, items: { name: string; value: number }[], mark?: number) {
  const top = items.slice(0, 15).reverse();
  return renderChart({
    title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FAMILY } },
    grid: { left: 110, right: 50, top: 40, bottom: 30 },
    xAxis: { type: 'value', name: unit, axisLabel: { fontFamily: FAMILY } },
    yAxis: { type: 'category', data: top.map((i) => i.name), axisLabel: { fontFamily: FAMILY, fontSize: 11 } },
    series: [{ type: 'bar', data: top.map((i) => i.value), itemStyle: { color: '#2f6fba' }, label: { show: true, position: 'right', fontSize: 10 },
      ...(mark !== undefined ? { markLine: { symbol: 'none', data: [{ xAxis: mark }], lineStyle: { color: '#c0392b', type: 'dashed' }, label: { formatter: `标准 ${mark}` } } } : {}) }],
  }, 640, Math.max(220, 60 + top.length * 22));
}

/** A line across years. */
export function lineChart(title: string, unit: string, points: { year: number; value: number | null }[]) {
  return renderChart({
    title: { text: title, left: 'center', textStyle: { fontSize: 14, fontFamily: FAMILY } },
    grid: { left: 70, right: 30, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: points.map((p) => String(p.year)) },
    yAxis: { type: 'value', name: unit },
    series: [{ type: 'line', data: points.map((p) => p.value), itemStyle: { color: '#2f6fba' }, label: { show: true } }],
  });
}
