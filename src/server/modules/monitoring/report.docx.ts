// The annual community-education development report (社区教育发展报告) as a Word document, in Chinese,
// written from the same overview the dashboard shows. Sections without data say so plainly.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Figure, Overview } from './overview.service';
import { fmt } from './overview.text';
import { barChart, lineChart } from './report.charts';

const FONT = { ascii: 'Noto Sans CJK SC', eastAsia: 'Noto Sans CJK SC', hAnsi: 'Noto Sans CJK SC' };
const STATUS: Record<string, string> = { meets: '达标', below: '未达标', above: '超出上限', no_data: '暂无数据' };

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

const valueText = (f: { value: number | null; decimals: number; unit: string }) => (f.value === null ? '暂无数据' : `${fmt(f.value, f.decimals)}${f.unit && f.unit !== 'bool' ? ` ${f.unit}` : ''}`);
function figuresTable(figures: Figure[]) {
  return table(['指标', '数值', '对照标准'], figures.map((f) => [f.nameZh, valueText(f), f.checks.map((c) => `${c.setName} ${c.thresholdText}：${STATUS[c.status]}`).join('；') || '—']));
}
/** A section's figures, or an honest sentence when none of them has data yet. */
function section(title: string, figures: Figure[], none: string) {
  const any = figures.some((f) => f.value !== null);
  return [h(title), ...(any ? [figuresTable(figures)] : [p(none)])];
}

export async function buildReportDocx(o: Overview, progress: (done: number, phase: string) => void): Promise<Buffer> {
  const f = (code: string) => o.headline.find((x) => x.code === code) ?? Object.values(o.sections).flat().find((x) => x.code === code);
  const sentence = (code: string, label?: string) => { const x = f(code); return x && x.value !== null ? `${label ?? x.nameZh} ${fmt(x.value, x.decimals)} ${x.unit}` : null; };
  const under = o.childLevel === 'street' ? '街道' : o.childLevel === 'community' ? '社区' : '下级区域';
  const overviewText = [sentence('POP', '常住人口'), sentence('POP60', '60 岁及以上人口'), sentence('FUNDING', '社区教育专项经费'), sentence('I01', '人均社区教育经费'), sentence('FT_STAFF', '专职人员'), sentence('I04', '每万人专职人员')]
    .filter(Boolean).join('，');

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
        p(overviewText ? `${o.year}年，${o.region.name}${overviewText}。下辖${under} ${o.childCount} 个。` : `${o.region.name}${o.year}年尚无可用数据。`),
        ...o.sentences.map(p),
        figuresTable(o.headline),
        ...section('二、网络覆盖', o.sections.coverage, '暂无网络覆盖数据。'),
        ...section('三、资源保障（经费与队伍）', o.sections.resources, '暂无经费与队伍数据。'),
        ...section('四、居民参与', o.sections.participation, '暂无参与数据：尚无已审核的填报，学习档案中也没有本年度的记录。'),
        ...section('（一）老年人参与', o.sections.elderly, '暂无老年人参与数据。'),
        ...section('（二）未成年人参与', o.sections.minors, '暂无未成年人参与数据：尚未填报未成年人口及其参与人数。'),
        ...section('五、学分银行', o.sections.creditBank, '学分银行尚未在本平台运行，暂无学习成果认定、积累与转换数据；上线后本节将自动呈现。'),
        ...section('六、学习型组织', o.sections.organisations, '学习型组织创建数据尚未接入本平台，暂无数据。'),
        h('七、对照标准的达标情况'),
        ...(o.compliance.length
          ? [table(['指标', '数值', '标准', '标准来源', '结论'], o.compliance.flatMap((c) => c.checks.map((k) => [c.nameZh, valueText(c), k.thresholdText, k.setName, STATUS[k.status]])))]
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
