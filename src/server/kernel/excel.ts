// Excel for staff, shared by every import and export: a template with Chinese headers, an example row and
// a sheet explaining each column; reading a filled template into rows of text; streaming an export.
import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { Invalid } from './errors';
import { translate, type Locale } from './messages';

export const MAX_IMPORT_ROWS = 5000;

export interface ExcelColumn<K extends string = string> {
  key: K;
  header: string;
  example: string | number;
  help: string;
  width: number;
}

export type RowError = { row: number; field?: string; message: string };

export function cellText(cell: ExcelJS.CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') {
    if ('richText' in cell) return cell.richText.map((r) => r.text).join('').trim();
    if ('text' in cell) return String(cell.text).trim();
    if ('result' in cell) return String(cell.result ?? '').trim();
    if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  }
  return String(cell).trim();
}

export async function buildTemplate(sheetName: string, columns: ExcelColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example])));
  sheet.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', key: 'header', width: 18 }, { header: '说明', key: 'help', width: 80 }];
  for (const c of columns) help.addRow({ header: c.header, help: c.help });
  help.addRow({ header: '', help: '第 2 行为示例，导入前请删除或替换。导入为全部成功或全部不导入：有任何一行出错，将列出所有错误行且不写入任何数据。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The non-empty rows of a filled template's first sheet as text by column key, with their row numbers.
 * A file that is not xlsx, lacks a column or has too many rows is refused as a whole.
 */
export async function readTemplateRows<K extends string>(file: Buffer, columns: ExcelColumn<K>[], maxRows = MAX_IMPORT_ROWS): Promise<{ row: number; cells: Record<K, string> }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new Invalid('import.bad_file');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Invalid('import.bad_file');
  const headerIndex = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headerIndex.set(cellText(cell.value), col));
  for (const c of columns) if (!headerIndex.has(c.header)) throw new Invalid('import.missing_header', { header: c.header });
  if (sheet.actualRowCount - 1 > maxRows) throw new Invalid('import.too_many_rows', { max: maxRows });
  const rows: { row: number; cells: Record<K, string> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = {} as Record<K, string>;
    let empty = true;
    for (const c of columns) {
      cells[c.key] = cellText(row.getCell(headerIndex.get(c.header)!).value);
      if (cells[c.key]) empty = false;
    }
    if (!empty) rows.push({ row: rowNumber, cells });
  });
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
    throwIfAny() {
      if (!errors.length) return;
      errors.sort((a, b) => a.row - b.row);
      throw new Invalid('import.invalid_rows', { count: new Set(errors.map((e) => e.row)).size }, { rows: errors });
    },
  };
}

/** Streams rows to an xlsx as they come, so an export never holds the whole table in memory. */
export function streamWorkbook(sheetName: string, columns: ExcelColumn[], rows: AsyncIterable<Record<string, unknown>[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  (async () => {
    for await (const batch of rows) for (const r of batch) sheet.addRow(r).commit();
    sheet.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e));
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content-Disposition for a download with a Chinese file name. */
export const attachment = (filename: string) => `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
