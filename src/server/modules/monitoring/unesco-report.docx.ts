// The GNLC biennial self-report as a Word document: cover, summary, the three parts of the Key Features
// framework with each area's sentences and gaps, and the data appendix. Only lays out the report's words.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { UnescoReport } from './unesco-report.text';

// The CJK font carries Latin glyphs too, so one font serves both languages.
const FONT = { ascii: 'Noto Sans CJK SC', eastAsia: 'Noto Sans CJK SC', hAnsi: 'Noto Sans CJK SC' };

const p = (text: string, opts: { italic?: boolean; label?: string } = {}) =>
  new Paragraph({
    spacing: { after: 120 },
    children: [
      ...(opts.label ? [new TextRun({ text: opts.label, font: FONT, size: 22, bold: true })] : []),
      new TextRun({ text, font: FONT, size: 22, italics: opts.italic }),
    ],
  });
const h = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: FONT, bold: true })] });
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: FONT, size: 18, bold })] })] });

export async function buildUnescoDocx(r: UnescoReport): Promise<Buffer> {
  const parts = r.groups.flatMap((g) => [
    h(g.title, HeadingLevel.HEADING_1),
    p(g.intro, { italic: true }),
    ...g.features.flatMap((f) => [h(f.title, HeadingLevel.HEADING_2), ...f.sentences.map((s) => p(s.text)), p(f.gap, { label: r.labels.gap })]),
  ]);
  const appendix = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: r.appendix.columns.map((c) => cell(c, true)) }),
      ...r.appendix.rows.map(
        (row) => new TableRow({ children: [row.feature, row.name, row.unit || '—', row.value, row.previous, row.coverage, row.source].map((x) => cell(x)) }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'learncity',
    title: `${r.title} ${r.subtitle}`,
    styles: { default: { document: { run: { font: 'Noto Sans CJK SC' } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: r.title, font: FONT, bold: true, size: 36 })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: r.subtitle, font: FONT, size: 26 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: r.submittedBy, font: FONT, size: 22 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: r.dataAsOf, font: FONT, size: 20 })] }),
          ...r.summary.map((s) => p(s.text)),
          ...parts,
          h(r.labels.appendix, HeadingLevel.HEADING_1),
          appendix,
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
