// The annual community-education development report (社区教育发展报告) as a Word document, in Chinese,
// written from the same overview the dashboard shows. Sections without data say so plainly.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Figure, Overview } from './overview.service';
import { fmt } from './overview.text';
import { STATUS_ZH, reportSections, summarySentence, valueText, type ReportSection } from './report.text';
import { barChart, lineChart } from './report.charts';

const FONT = { ascii: 'Noto Sans CJK SC', eastAsia: 'Noto Sans CJK SC', hAnsi: 'Noto Sans CJK SC' };
const STATUS = STATUS_ZH;

const p = (text: string) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, font: FONT, size: 22 })] });
const h = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: FONT, bold: true })] });
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: FONT, size: 20, bold })] })] });
function table(head: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: head.map((x) => cell(x, true)) }), ...rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) }))],
  });
}
const image = (png: Buffer, width = 600, height = 300) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width, height } })] });
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const chart = (png: Buffer) => { const s = pngSize(png); return image(png, 600, Math.round((600 * s.height) / s.width)); };

function figuresTable(figures: Figure[]) {
  return table(['指标', '数值', '报送情况', '对照标准'], figures.map((f) => [f.nameZh, valueText(f), (f.value !== null && f.coverageText) || '—', f.checks.map((c) => `${c.setName} ${c.thresholdText}：${STATUS[c.status]}`).join('；') || '—']));
}
/** A section: its sentences (written from the same figures), then the figures' table where any has data. */
function section(title: string, s: ReportSection) {
  const any = s.figures.some((f) => f.value !== null);
  return [h(title), ...s.sentences.map(p), ...(any ? [figuresTable(s.figures)] : [])];
}

export async function buildReportDocx(o: Overview, progress: (done: number, phase: string) => void): Promise<Buffer> {
  const sections = new Map(reportSections(o).map((s) => [s.key, s]));
  const under = o.childLevel === 'street' ? '街道' : o.childLevel === 'community' ? '社区' : '下级区域';

  progress(1, 'charts');
  const charts: Paragraph[] = [];
  for (const r of o.rankings) {
    if (!r.items.length) continue;
    const rule = o.compliance.find((c) => c.code === r.code);
    const mark = rule?.checks[0] && !/max/.test(rule.checks[0].thresholdText) ? rule.checks[0].threshold : undefined;
    charts.push(p(`图：各${under}${r.nameZh}`), chart(barChart(`各${under}${r.nameZh}`, r.unit, r.items.map((i) => ({ name: i.name, value: Number(i.value.toFixed(r.decimals)) })), mark)));
  }
  const trendCharts = o.trends.filter((t) => t.points.filter((x) => x.value !== null).length >= 2).map((t) => chart(lineChart(`${t.nameZh}（${t.unit}）历年变化`, t.unit, t.points)));
  progress(2, 'document');

  const doc = new Document({
    creator: '学城', title: `${o.region.name}${o.year}年度社区教育发展报告`,
    styles: { default: { document: { run: { font: 'Noto Sans CJK SC' } } } },
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${o.region.name}${o.year}年度社区教育发展报告`, font: FONT, bold: true, size: 40 })] }),
        p(`数据截至 ${o.computedAt ? String(o.computedAt).slice(0, 10) : '（尚未计算）'}，由学城平台根据各单位填报与平台记录自动生成。`),
        h('一、总体情况'),
        p(summarySentence(o)),
        ...o.sentences.map(p),
        figuresTable(o.headline),
        ...section('二、网络覆盖', sections.get('coverage')!),
        ...section('三、资源保障（经费与队伍）', sections.get('resources')!),
        ...section('四、居民参与', sections.get('participation')!),
        ...section('（一）老年人参与', sections.get('elderly')!),
        ...section('（二）未成年人参与', sections.get('minors')!),
        ...section('（三）教学质量与活动', sections.get('quality')!),
        ...section('（四）数字化学习', sections.get('digital')!),
        ...section('五、学分银行', sections.get('creditBank')!),
        ...section('六、学习型组织', sections.get('organisations')!),
        h('七、对照标准的达标情况'),
        ...(o.compliance.length
          ? [table(['指标', '数值', '标准', '标准来源', '结论'], o.compliance.flatMap((c) => c.checks.map((k) => [c.nameZh, valueText(c), k.thresholdText, k.setName, k.status === 'partial' ? `${STATUS[k.status]}（${c.coverageText}）` : STATUS[k.status]])))]
          : [p('本区域尚未选择对照的标准。')]),
        ...o.sentences.map(p),
        h(`八、${under}排名`),
        ...o.rankings.flatMap((r) => r.items.length
          ? [h(r.nameZh, HeadingLevel.HEADING_2), table(['排名', under, `${r.nameZh}（${r.unit}）`], r.items.map((i) => [String(i.rank), i.name, fmt(i.value, r.decimals)]))]
          : [h(r.nameZh, HeadingLevel.HEADING_2), p(`各${under}暂无${r.nameZh}数据。`)]),
        h('九、图表'),
        ...(charts.length ? charts : [p('暂无可绘制的数据。')]),
        ...trendCharts,
      ],
    }],
  });
  const buffer = await Packer.toBuffer(doc);
  progress(3, 'saving');
  return Buffer.from(buffer);
}
