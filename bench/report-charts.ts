// The annual report's chart PNGs (monitoring/report.charts.ts): CPU of ECharts' SVG and of resvg's PNG for a
// chart of 18 streets, drawn afresh and drawn again with the same figures (kept by the SVG's digest).
//   npx tsx bench/report-charts.ts
import { chartPng, chartSvg } from '../src/server/modules/monitoring/report.charts';
import type { ReportChart } from '../src/server/modules/monitoring/report.document';

const chart = (offset: number) =>
  ({
    key: 'FUNDING',
    title: '社区教育专项经费',
    unit: '元',
    decimals: 0,
    missingText: '未报送',
    mark: 4000,
    markText: '标准',
    items: Array.from({ length: 18 }, (_, i) => ({ code: `33010500${i}`, name: `第${i + 1}街道`, value: i === 17 ? null : (i + offset) * 1000 })),
  }) as unknown as ReportChart;

function cpuSeconds(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

for (let run = 0; run < 3; run++) {
  const c = chart(run);
  console.log(
    `run ${run}: svg ${cpuSeconds(() => chartSvg(c)).toFixed(3)} s, png ${cpuSeconds(() => chartPng(c)).toFixed(3)} s, same png again ${cpuSeconds(() => chartPng(c)).toFixed(3)} s`,
  );
}
