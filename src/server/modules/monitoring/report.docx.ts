// The annual community-education development report as a Word document: the document model laid out on
// A4 with a cover (title, issuing body, date), numbered pages, headings, tables and charts.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableLayoutType,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chartPng } from './report.charts';
import type { ReportDocument, ReportTable } from './report.document';

const SANS = 'Noto Sans CJK SC';
const SERIF = 'Noto Serif CJK SC';
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name });
const GREY = 'BFBFBF';

const p = (text: string, opts: { indent?: boolean } = {}) =>
  new Paragraph({
    spacing: { after: 120, line: 360 },
    alignment: AlignmentType.LEFT,
    indent: opts.indent ? { firstLine: 440 } : undefined,
    children: [new TextRun({ text, font: font(SERIF), size: 22 })],
  });
const note = (text: string) =>
  new Paragraph({ spacing: { before: 60, after: 160 }, children: [new TextRun({ text, font: font(SERIF), size: 18, color: '555555' })] });
const h1 = (text: string, pageBreak = false) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    pageBreakBefore: pageBreak,
    spacing: { before: 360, after: 180 },
    keepNext: true,
    children: [new TextRun({ text, font: font(SANS), bold: true, size: 30, color: '000000' })],
  });
const h2 = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    keepNext: true,
    children: [new TextRun({ text, font: font(SANS), bold: true, size: 24, color: '000000' })],
  });
const caption = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 200 },
    children: [new TextRun({ text, font: font(SANS), size: 18, color: '333333' })],
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: GREY };
const cell = (text: string, head: boolean, right: boolean, width: number) =>
  new TableCell({
    borders: { top: border, bottom: border, left: border, right: border },
    shading: head ? { type: ShadingType.CLEAR, fill: 'EEF2F7', color: 'auto' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    width: { size: width, type: WidthType.DXA },
    children: [
      new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, font: font(SANS), size: 18, bold: head })] }),
    ],
  });
/** The text width of A4 between the margins below, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1588 - 1474;
function table(t: ReportTable) {
  const { numeric } = t;
  // Each column as wide as its longest cell asks (a Chinese character counts twice), within bounds, so
  // numbers stay on one line and names get room.
  const width = (x: string) => [...x].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  // (+3: the cell's margins.)
  const weights = t.head.map((h, i) => 3 + Math.min(i === 0 ? 28 : 36, Math.max(numeric[i] ? 8 : 10, width(h) / 2, ...t.rows.map((r) => width(r[i] ?? '')))));
  const total = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.head.map((x, i) => cell(x, true, numeric[i], columnWidths[i])) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((x, i) => cell(x, false, numeric[i], columnWidths[i])) })),
      ],
    }),
    ...(t.note ? [note(t.note)] : [new Paragraph({ spacing: { after: 120 }, children: [] })]),
  ];
}
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => p(l));

function cover(d: ReportDocument) {
  const en = d.locale === 'en';
  const big = (text: string, size: number, before = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before, after: 200 }, children: [new TextRun({ text, font: font(SANS), bold: true, size })] });
  const plain = (text: string, before = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before, after: 120 }, children: [new TextRun({ text, font: font(SERIF), size: 30 })] });
  return [
    big(d.title, 44, 3600),
    plain(d.issuer, 4200),
    plain(d.issuedOn),
    ...(d.dataAsOf
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 600 },
            children: [
              new TextRun({ text: en ? `Figures as computed on ${d.dataAsOf}` : `数据截至${d.dataAsOf}`, font: font(SERIF), size: 20, color: '555555' }),
            ],
          }),
        ]
      : []),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

export async function buildReportDocx(d: ReportDocument, progress: (done: number, phase: string) => void): Promise<Buffer> {
  const en = d.locale === 'en';
  progress(1, 'charts');
  const charts = d.appendix.charts.flatMap((c, i) => {
    const { png, width, height } = chartPng(c);
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [new ImageRun({ type: 'png', data: png, transformation: { width: 540, height: Math.round((540 * height) / width) } })],
      }),
      caption(en ? `Figure ${i + 1}  ${c.title}` : `图${i + 1}  ${c.title}`),
    ];
  });
  progress(2, 'document');

  const doc = new Document({
    creator: d.issuer,
    title: d.title,
    styles: { default: { document: { run: { font: SERIF, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } }, titlePage: true },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(SANS), size: 18 })],
              }),
            ],
          }),
          first: new Footer({ children: [] }),
        },
        children: [
          ...cover(d),
          h1(d.headings.summary),
          ...d.summary.map((s) => p(s, { indent: !en })),
          ...table(d.summaryTable),
          h1(d.headings.work),
          ...d.chapters.flatMap((c) => [h2(c.heading), ...c.paragraphs.map((s) => p(s, { indent: !en })), ...(c.table ? table(c.table) : [])]),
          h1(d.headings.comparison),
          h2(d.headings.lastYear),
          ...d.comparison.lastYear.map((s) => p(s, { indent: !en })),
          ...(d.comparison.lastYearTable ? table(d.comparison.lastYearTable) : []),
          h2(d.headings.standards),
          ...d.comparison.standards.map((s) => p(s, { indent: !en })),
          ...(d.comparison.standardsTable ? table(d.comparison.standardsTable) : []),
          h1(d.headings.problems),
          ...lines(d.problems.text),
          h1(d.headings.priorities),
          ...lines(d.priorities.text),
          h1(d.headings.appendixRegions, true),
          ...(d.appendix.regions ? table(d.appendix.regions) : [p(d.appendix.noRegions ?? '')]),
          ...charts,
          h1(d.headings.appendixSources, true),
          ...d.appendix.coverage.map((s) => p(s)),
          ...d.appendix.missing.map((s) => p(s)),
          ...table(d.appendix.sources),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  progress(3, 'saving');
  return Buffer.from(buffer);
}
