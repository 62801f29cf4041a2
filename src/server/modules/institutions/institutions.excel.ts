// Excel for staff: a template with Chinese headers, an example row and a sheet explaining each column;
// an all-or-nothing import that lists every bad row; an export of the current filter.
import type { Readable } from 'node:stream';
import { requireRegionAdministrator, requireStaff, type RequestContext } from '../../kernel/actor';
import { term, type Locale } from '../../kernel/messages';
import { Invalid } from '../../kernel/errors';
import { buildTemplate, createRowErrors, numberCell, readTemplateRows, streamWorkbook, type ExcelColumn } from '../../kernel/excel';
import { normalizeRegionCode, type RegionLevel } from '../../kernel/region-code';
import { checkImportedRegion } from '../../kernel/ownership';
import { institutionInput, INSTITUTION_TYPES, type InstitutionInput } from '../../../contracts/institutions';
import type { RegionsService } from '../regions/index';
import { canAdministerInstitutionsIn, fitsLevel, LEVELS_BY_TYPE, type InstitutionType } from './institutions.policy';
import type { InstitutionsService } from './institutions.service';

interface Column extends ExcelColumn<keyof InstitutionInput | 'status'> {
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', header: '机构名称', example: '天水街道社区学校', help: '必填，同一区划下不可重名，最多 100 字', width: 28 },
  // Read when the template is built, after every module has registered its terms.
  {
    key: 'type',
    header: '机构类型',
    example: '社区学校（市民学校）',
    get help() {
      return `必填：${INSTITUTION_TYPES.map((t) => term(t, 'zh-CN')).join('、')}`;
    },
    width: 22,
  },
  { key: 'regionCode', header: '行政区划代码', example: '330105012', help: '必填：所在区（6 位）、街道（9 位）或社区（12 位）的统计用区划代码', width: 16 },
  { key: 'address', header: '地址', example: '杭州市拱墅区天水街道某路 1 号', help: '选填，最多 200 字', width: 32 },
  { key: 'floorAreaM2', header: '面积（平方米）', example: 520, help: '选填，数字', width: 14, numeric: true },
  { key: 'fullTimeStaff', header: '专职人员数', example: 3, help: '选填，整数，默认 0', width: 12, numeric: true },
  { key: 'partTimeStaff', header: '兼职人员数', example: 8, help: '选填，整数，默认 0', width: 12, numeric: true },
  { key: 'contactName', header: '联系人', example: '王老师', help: '选填', width: 12 },
  { key: 'contactPhone', header: '联系电话', example: '0571-87000000', help: '选填：手机号或带区号的固定电话', width: 16 },
  { key: 'openingHours', header: '开放时间', example: '周一至周五 8:30-17:00', help: '选填', width: 24 },
];
const EXPORT_COLUMNS: Column[] = [...COLUMNS, { key: 'status', header: '状态', example: '', help: '', width: 8 }];

/** Type names as staff write them: the Chinese label, its short form, or the code. */
function typeFromCell(value: string): InstitutionType | null {
  const v = value.trim();
  for (const t of INSTITUTION_TYPES) {
    const label = term(t, 'zh-CN');
    if (v === t || v === label || v === label.replace(/（.*）/, '') || v === term(t, 'en')) return t;
  }
  return null;
}

export function createInstitutionsExcel(deps: { institutions: InstitutionsService; regions: RegionsService }) {
  const { institutions } = deps;

  const template = () => buildTemplate('机构', COLUMNS);

  async function importFile(ctx: RequestContext, file: Buffer, locale: Locale) {
    const actor = requireRegionAdministrator(requireStaff(ctx));
    const rows = await readTemplateRows(file, COLUMNS);
    const errors = createRowErrors(locale);
    type Parsed = { row: number; input: InstitutionInput };
    const parsed: Parsed[] = [];
    for (const { row: rowNumber, cells } of rows) {
      const raw: Record<string, unknown> = {};
      let bad = false;
      for (const c of COLUMNS) {
        const text = cells[c.key];
        if (c.numeric) {
          const n = numberCell(text);
          if ('key' in n) {
            errors.add(rowNumber, c.key, n.key, n.params);
            bad = true;
          } else raw[c.key] = n.value ?? (c.key === 'floorAreaM2' ? null : undefined);
        } else raw[c.key] = text === '' ? (c.key === 'name' || c.key === 'type' || c.key === 'regionCode' ? '' : null) : text;
      }
      const typeText = String(raw.type ?? '');
      const type = typeText ? typeFromCell(typeText) : null;
      if (typeText && !type) {
        errors.add(rowNumber, 'type', 'import.unknown_type', { value: typeText });
        continue;
      }
      raw.type = type ?? undefined;
      const result = institutionInput.safeParse(raw);
      if (!result.success) {
        errors.addIssues(rowNumber, result.error.issues);
        continue;
      }
      if (!bad) parsed.push({ row: rowNumber, input: result.data });
    }

    // Regions, scope and network level, looked up in one query for the whole file.
    const codes = [...new Set(parsed.map((p) => normalizeRegionCode(p.input.regionCode)).filter((c): c is string => !!c))];
    const known = new Map((await deps.regions.names(codes)).map((r) => [r.code, r]));
    const good: { row: number; input: InstitutionInput; regionCode: string }[] = [];
    const seen = new Map<string, number>();
    for (const p of parsed) {
      const fail = (field: string, key: string, params?: Record<string, string | number>) => errors.add(p.row, field, key, params);
      const { code, refusal } = checkImportedRegion(p.input.regionCode, known);
      if (refusal !== null) {
        fail('regionCode', refusal);
        continue;
      }
      const region = known.get(code)!;
      if (!canAdministerInstitutionsIn(actor, region.code)) {
        fail('regionCode', 'region.out_of_scope');
        continue;
      }
      if (!fitsLevel(p.input.type, region.level as RegionLevel)) {
        fail('regionCode', 'institution.type_level', { type: p.input.type, levels: LEVELS_BY_TYPE[p.input.type].join('|') });
        continue;
      }
      const key = `${region.code}|${p.input.name}`;
      const first = seen.get(key);
      if (first) {
        fail('name', 'import.duplicate_in_file', { row: first });
        continue;
      }
      seen.set(key, p.row);
      good.push({ ...p, regionCode: region.code });
    }
    const existing = await institutions.existingNames(good.map((g) => ({ regionCode: g.regionCode, name: g.input.name })));
    for (const g of good) if (existing.has(`${g.regionCode}|${g.input.name}`)) errors.add(g.row, 'name', 'institution.duplicate_name');
    errors.throwIfAny();
    if (good.length === 0) throw new Invalid('import.empty');
    const created = await institutions.createMany(
      ctx,
      good.map((g) => ({ input: g.input, regionCode: g.regionCode })),
    );
    return { created };
  }

  /** Streams the filtered institutions as xlsx, page by page. */
  async function exportFile(ctx: RequestContext, query: { region?: string; type?: string; status?: string; q?: string }): Promise<Readable> {
    const actor = requireStaff(ctx);
    const filter = await institutions.scopedFilter(actor, query);
    const rows = (async function* () {
      for await (const batch of institutions.iterate(filter)) {
        yield (await institutions.presentMany(batch)).map((item) => ({
          ...item,
          type: term(item.type, 'zh-CN'),
          status: item.status === 'active' ? '启用' : '停用',
        }));
      }
    })();
    return streamWorkbook('机构', EXPORT_COLUMNS, rows);
  }

  return { template, importFile, exportFile };
}

export type InstitutionsExcel = ReturnType<typeof createInstitutionsExcel>;
