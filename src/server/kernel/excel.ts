// Excel for staff, shared by every import and export: a template with Chinese headers, an example row and
// a sheet explaining each column; reading a filled template into rows of text; streaming an export.
import type ExcelJS from 'exceljs';
import type { z } from 'zod';
import { PassThrough, type Readable } from 'node:stream';
import { DomainError, Invalid } from './errors';
import { readArchiveDirectory, restreamArchive, untilFailed } from './xlsx-archive';
import { translate, type Locale } from './messages';
import { commonJsExports, lazyImport } from './lazy-import';
import { issueMessage } from '../../contracts/field-messages';

/** exceljs, loaded on the first spreadsheet (see lazy-import.ts). */
export const loadExcelJS = lazyImport(async () => commonJsExports<typeof ExcelJS>(await import('exceljs')));

export const MAX_IMPORT_ROWS = 5000;

export interface ExcelColumn<K extends string = string> {
  key: K;
  header: string;
  example: string | number;
  help: string;
  width: number;
}

/** What an export's sheet needs of a column: no example or help, which only a template shows. */
export type SheetColumn = Pick<ExcelColumn, 'header' | 'key' | 'width'>;

/** An export's column in one line, for the long lists of them. */
export const exportColumn = (key: string, header: string, width = 14): SheetColumn => ({ key, header, width });

export type RowError = { row: number; field?: string; message: string };

/** Full-width digits, letters and signs typed with a Chinese input method read as their ASCII forms (phones, codes, numbers). */
const halfWidth = (text: string) =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) =>
    /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF0E]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c,
  );

export function cellText(cell: ExcelJS.CellValue): string {
  return halfWidth(rawCellText(cell));
}

/**
 * A number column's cell: null when empty; otherwise the number, or a row error's message key and params
 * saying what was typed instead (a date, a word), never a bare "required".
 */
export function numberCell(text: string): { value: number | null } | { key: string; params: Record<string, string> } {
  if (text === '') return { value: null };
  const n = Number(text.replace(/,/g, ''));
  if (Number.isFinite(n)) return { value: n };
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? { key: 'import.date_not_number', params: { value: text } } : { key: 'import.not_a_number', params: { value: text } };
}

function rawCellText(cell: ExcelJS.CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') {
    if ('richText' in cell)
      return cell.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in cell) return String(cell.text).trim();
    if ('result' in cell) return String(cell.result ?? '').trim();
    if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  }
  return String(cell).trim();
}

/** Marks the template's example row; a row whose first cell starts with it is never imported. */
export const EXAMPLE_MARK = '【示例】';

/** A workbook built in memory, its first sheet's columns set and their header row in bold; the caller adds the rows and any other sheet. */
export async function workbookWithSheet(sheetName: string, columns: SheetColumn[]) {
  const wb = new (await loadExcelJS()).Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return { wb, sheet };
}

export async function buildTemplate(sheetName: string, columns: ExcelColumn[]): Promise<Buffer> {
  const { wb, sheet } = await workbookWithSheet(sheetName, columns);
  const example = sheet.addRow(Object.fromEntries(columns.map((c, i) => [c.key, i === 0 ? EXAMPLE_MARK + String(c.example) : c.example])));
  example.font = { italic: true, color: { argb: 'FF6B7079' } };
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'header', width: 18 },
    { header: '说明', key: 'help', width: 80 },
  ];
  for (const c of columns) help.addRow({ header: c.header, help: c.help });
  help.addRow({
    header: '',
    help: `第 2 行是示例（以“${EXAMPLE_MARK}”开头，灰色斜体），导入时会跳过，可以保留也可以删除；请从第 3 行起填写。导入为全部成功或全部不导入：有任何一行出错，将列出所有错误且不写入任何数据。`,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Whether a row is the template's example: marked as such, or (in a template from before the mark) equal to
 * the example in every column, so the example person or place is never created by accident.
 */
export function isExampleRow(columns: ExcelColumn[], cells: Record<string, string>): boolean {
  if (cells[columns[0].key]?.startsWith(EXAMPLE_MARK)) return true;
  return columns.every((c) => cells[c.key] === cellText(c.example));
}

/**
 * Refuses an upload that is not a workbook or whose archive is out of bounds, before an import is queued as
 * a job, so the uploader gets the answer at once instead of a failed job.
 */
export function checkWorkbookArchive(file: Buffer): void {
  readArchiveDirectory(file);
}

export interface SheetRow {
  number: number;
  cell(column: number): ExcelJS.CellValue;
  eachCell(visit: (value: ExcelJS.CellValue, column: number) => void): void;
}

/**
 * Streams the rows of an uploaded workbook's first sheet to `visit`, never holding the sheet in memory: the
 * archive is checked before parsing (see xlsx-archive.ts), every inflated byte is counted, and more than
 * `maxRows` rows with values after the header row refuse the file before the rest is read.
 */
export async function forEachSheetRow(file: Buffer, maxRows: number, visit: (row: SheetRow) => void): Promise<void> {
  const entries = readArchiveDirectory(file);
  const sheets = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort();
  if (!sheets.length || !entries.has('xl/workbook.xml')) throw new Invalid('import.bad_file');
  // The reader needs the workbook, its relations and the shared strings before a sheet, or it spools the
  // sheet to a temporary file; a workbook of inline strings gets an empty shared-string table.
  const parts = [
    { name: 'xl/_rels/workbook.xml.rels' },
    { name: 'xl/workbook.xml' },
    { name: 'xl/styles.xml' },
    entries.has('xl/sharedStrings.xml')
      ? { name: 'xl/sharedStrings.xml' }
      : {
          name: 'xl/sharedStrings.xml',
          data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
        },
    ...sheets.map((name) => ({ name })),
  ];
  const { stream, failed } = restreamArchive(entries, parts);
  const reader = new (await loadExcelJS()).stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let found = false;
  let rows = 0;
  let emitted = 0;
  try {
    for await (const sheet of untilFailed(reader, failed)) {
      // The first sheet in the workbook's order, which need not be sheet1.xml; a sheet the reader could
      // not name (an unusual relationship target) counts as first only when it comes first.
      const names = ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) => s.name);
      const name = (sheet as unknown as { name: string }).name;
      const isFirst = names.includes(name) ? name === names[0] : emitted === 0;
      emitted++;
      for await (const row of untilFailed(sheet as unknown as AsyncIterable<ExcelJS.Row>, failed)) {
        if (!isFirst) continue; // another sheet before the first in the archive: read past it, bounded
        if (row.number > 1 && row.hasValues && ++rows > maxRows) throw new Invalid('import.too_many_rows', { max: maxRows });
        visit({ number: row.number, cell: (c) => row.getCell(c).value, eachCell: (v) => row.eachCell((cell, col) => v(cell.value, col)) });
      }
      if (isFirst) {
        found = true;
        break;
      }
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new Invalid('import.bad_file');
  } finally {
    stream.destroy();
  }
  if (!found) throw new Invalid('import.bad_file');
}

/**
 * The non-empty rows of a filled template's first sheet as text by column key, with their row numbers.
 * A file that is not xlsx, lacks a column or has too many rows is refused as a whole.
 */
export async function readTemplateRows<K extends string>(
  file: Buffer,
  columns: ExcelColumn<K>[],
  maxRows = MAX_IMPORT_ROWS,
): Promise<{ row: number; cells: Record<K, string> }[]> {
  const headerIndex = new Map<string, number>();
  let sawHeader = false;
  const rows: { row: number; cells: Record<K, string> }[] = [];
  await forEachSheetRow(file, maxRows, (row) => {
    if (row.number === 1) {
      sawHeader = true;
      row.eachCell((value, col) => headerIndex.set(cellText(value), col));
      // Name every missing column at once, so one round of corrections is enough.
      const missing = columns.filter((c) => !headerIndex.has(c.header)).map((c) => c.header);
      if (missing.length) throw new Invalid('import.missing_header', { header: missing.join('、'), count: missing.length });
      return;
    }
    if (!sawHeader) throw new Invalid('import.missing_header', { header: columns.map((c) => c.header).join('、'), count: columns.length });
    const cells = {} as Record<K, string>;
    let empty = true;
    for (const c of columns) {
      cells[c.key] = cellText(row.cell(headerIndex.get(c.header)!));
      if (cells[c.key]) empty = false;
    }
    if (!empty && !isExampleRow(columns, cells)) rows.push({ row: row.number, cells });
  });
  if (!sawHeader) throw new Invalid('import.missing_header', { header: columns.map((c) => c.header).join('、'), count: columns.length });
  return rows;
}

/**
 * An import job's rows, read from its file while the job reports "reading" and then "checking" with the
 * count; a template with no rows filled in is refused (import.empty).
 */
export async function readImportRows<K extends string>(
  file: Buffer,
  columns: ExcelColumn<K>[],
  progress: (done: number, total?: number, phase?: string) => void,
): Promise<{ row: number; cells: Record<K, string> }[]> {
  progress(0, undefined, 'reading');
  const rows = await readTemplateRows(file, columns);
  if (rows.length === 0) throw new Invalid('import.empty');
  progress(0, rows.length, 'checking');
  return rows;
}

/** Collects every bad row of an import, translated, and refuses the whole file if there is any. */
export function createRowErrors(locale: Locale) {
  const errors: RowError[] = [];
  return {
    add(row: number, field: string | undefined, key: string, params?: Record<string, string | number>) {
      errors.push({ row, field, message: translate(key, locale, params) });
    },
    hasRow: (row: number) => errors.some((e) => e.row === row),
    hasField: (row: number, field: string) => errors.some((e) => e.row === row && e.field === field),
    /**
     * A row's check by its schema, each issue under its field; a field the import already refused more precisely
     * (an unknown kind, an unreadable date: `isReported`, by default any error of that field) is not said twice.
     */
    addIssues(row: number, issues: z.core.$ZodIssue[], isReported = (field: string) => errors.some((e) => e.row === row && e.field === field)) {
      for (const issue of issues) {
        const field = String(issue.path[0] ?? '');
        if (isReported(field)) continue;
        const m = issueMessage(issue);
        errors.push({ row, field, message: translate(m.key, locale, m.params) });
      }
    },
    throwIfAny() {
      if (!errors.length) return;
      errors.sort((a, b) => a.row - b.row);
      throw new Invalid('import.invalid_rows', { count: new Set(errors.map((e) => e.row)).size }, { rows: errors });
    },
  };
}

/**
 * Streams rows to an xlsx as they come, so an export never holds the whole table in memory; a sheet already in
 * memory comes as one batch (`[rows]`).
 */
export function streamWorkbook(
  sheetName: string,
  columns: SheetColumn[],
  rows: AsyncIterable<Record<string, unknown>[]> | Iterable<Record<string, unknown>[]>,
): Readable {
  const out = new PassThrough();
  (async () => {
    const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = wb.addWorksheet(sheetName);
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for await (const batch of rows) for (const r of batch) sheet.addRow(r).commit();
    sheet.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e));
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content-Disposition for a download with a Chinese file name. */
export const attachment = (filename: string) => `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
