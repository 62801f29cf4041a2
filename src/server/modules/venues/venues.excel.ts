// Excel for the venue pool: a template with Chinese headers, an example row and a sheet explaining each
// column; an all-or-nothing import that lists every bad row (run as a job with progress); an export of
// the current filter.
import type { Readable } from 'node:stream';
import { requireRegionAdministrator, requireStaff, type RequestContext } from '../../kernel/actor';
import { term, type Locale } from '../../kernel/messages';
import { buildTemplate, createRowErrors, numberCell, readImportRows, streamWorkbook, type ExcelColumn } from '../../kernel/excel';
import { normalizeRegionCode } from '../../kernel/region-code';
import { canOwnIn, checkImportedRegion } from '../../kernel/ownership';
import type { JobsService, Progress } from '../jobs/index';
import { venueInput, VENUE_UNIT_KINDS, type VenueInput } from '../../../contracts/venues';
import type { RegionsService } from '../regions/index';
import { isPlacedUnderOwner } from './venues.policy';
import type { VenueListQuery, VenuesService } from './venues.service';

type Key =
  | 'name'
  | 'ownerRegionCode'
  | 'regionCode'
  | 'unitKind'
  | 'unitName'
  | 'address'
  | 'floorAreaM2'
  | 'capacity'
  | 'facilities'
  | 'stepFree'
  | 'lift'
  | 'hearingLoop'
  | 'openingHours'
  | 'bookable'
  | 'approvalRequired'
  | 'shared'
  | 'contactName'
  | 'contactPhone';
interface Column extends ExcelColumn<Key | 'status'> {
  kind?: 'number' | 'flag' | 'list';
}

const YES = ['是', '有', 'Y', 'y', 'yes', 'true', '1', '√'];
const NO = ['否', '无', 'N', 'n', 'no', 'false', '0', '×'];
const COLUMNS: Column[] = [
  { key: 'name', header: '场地名称', example: '天水街道社区学校多功能厅', help: '必填，同一区划下不可重名，最多 100 字', width: 26 },
  {
    key: 'ownerRegionCode',
    header: '所属层级区划代码',
    example: '330105012',
    help: '必填：场地归哪一级管理——区（6 位）、街道（9 位）或社区（12 位）代码，须在您的管理范围内',
    width: 18,
  },
  { key: 'regionCode', header: '所在区划代码', example: '330105012001', help: '必填：场地所在的街道或社区代码，须在所属层级区划之内', width: 16 },
  // Read when the template is built: the unit names are registered after this module is loaded.
  {
    key: 'unitKind',
    header: '单位类型',
    example: '办学机构',
    get help() {
      return `必填：${VENUE_UNIT_KINDS.map((k) => term(`venue_unit.${k}`, 'zh-CN')).join('、')}`;
    },
    width: 14,
  },
  { key: 'unitName', header: '提供单位名称', example: '天水街道社区学校', help: '选填，如某图书馆、某企业', width: 22 },
  { key: 'address', header: '地址', example: '杭州市拱墅区天水街道某路 1 号', help: '选填，最多 200 字', width: 28 },
  { key: 'floorAreaM2', header: '面积（平方米）', example: 120, help: '选填，数字', width: 12, kind: 'number' },
  { key: 'capacity', header: '容纳人数', example: 60, help: '选填，整数', width: 10, kind: 'number' },
  { key: 'facilities', header: '设施', example: '投影、音响、钢琴', help: '选填，多个用顿号或逗号分隔', width: 22, kind: 'list' },
  { key: 'stepFree', header: '无障碍通道', example: '是', help: '是 / 否，默认否', width: 10, kind: 'flag' },
  { key: 'lift', header: '电梯', example: '否', help: '是 / 否，默认否', width: 8, kind: 'flag' },
  { key: 'hearingLoop', header: '助听环路', example: '否', help: '是 / 否，默认否', width: 10, kind: 'flag' },
  { key: 'openingHours', header: '开放时间', example: '周一至周五 8:30-17:00', help: '选填', width: 22 },
  { key: 'bookable', header: '可预约', example: '是', help: '是 / 否，默认是', width: 8, kind: 'flag' },
  { key: 'approvalRequired', header: '预约需审批', example: '是', help: '是 / 否，默认是', width: 10, kind: 'flag' },
  { key: 'shared', header: '向下共享', example: '是', help: '是 / 否，默认否：共享后下级（街道、社区）可查看和预约', width: 10, kind: 'flag' },
  { key: 'contactName', header: '联系人', example: '王老师', help: '选填', width: 10 },
  { key: 'contactPhone', header: '联系电话', example: '0571-87000000', help: '选填：手机号或带区号的固定电话', width: 16 },
];
const EXPORT_COLUMNS: Column[] = [...COLUMNS, { key: 'status', header: '状态', example: '', help: '', width: 8 }];

function unitKindFromCell(value: string) {
  return (
    VENUE_UNIT_KINDS.find(
      (k) =>
        value === k ||
        value === term(`venue_unit.${k}`, 'zh-CN') ||
        value === term(`venue_unit.${k}`, 'zh-CN').replace(/（.*）/, '') ||
        value.toLowerCase() === term(`venue_unit.${k}`, 'en').toLowerCase(),
    ) ?? null
  );
}

export function createVenuesExcel(deps: { venues: VenuesService; regions: RegionsService; jobs: JobsService }) {
  const { venues } = deps;

  const template = () => buildTemplate('场地', COLUMNS);

  /** Importing is region administration; checked before a job starts so the refusal is immediate. */
  const requireImporter = (ctx: RequestContext) => requireRegionAdministrator(requireStaff(ctx));

  /** Reads and checks the whole file, then writes every row in one transaction, or nothing. */
  async function importFile(ctx: RequestContext, file: Buffer, locale: Locale, progress: Progress = () => {}) {
    const actor = requireImporter(ctx);
    const rows = await readImportRows(file, COLUMNS, progress);
    const errors = createRowErrors(locale);
    const parsed: { row: number; input: VenueInput }[] = [];
    for (const { row, cells } of rows) {
      const raw: Record<string, unknown> = {};
      let bad = false;
      for (const c of COLUMNS) {
        const text = cells[c.key as Key];
        if (c.kind === 'number') {
          const n = numberCell(text);
          if ('key' in n) {
            errors.add(row, c.key, n.key, n.params);
            bad = true;
          } else raw[c.key] = n.value;
        } else if (c.kind === 'list') raw[c.key] = text.split(/[、,，;；\s]+/).filter(Boolean);
        else if (c.kind === 'flag') {
          if (text === '') raw[c.key] = undefined;
          else if (YES.includes(text)) raw[c.key] = true;
          else if (NO.includes(text)) raw[c.key] = false;
          else {
            errors.add(row, c.key, 'import.yes_or_no', { value: text });
            bad = true;
          }
        } else raw[c.key] = text === '' ? (['name', 'ownerRegionCode', 'regionCode'].includes(c.key) ? '' : null) : text;
      }
      const kindText = cells.unitKind;
      if (kindText) {
        const kind = unitKindFromCell(kindText);
        if (!kind) {
          errors.add(row, 'unitKind', 'venue.unknown_unit_kind', { value: kindText });
          bad = true;
        }
        raw.unitKind = kind ?? undefined;
      } else raw.unitKind = undefined;
      const result = venueInput.safeParse(raw);
      if (!result.success) {
        errors.addIssues(row, result.error.issues);
        continue;
      }
      if (!bad) parsed.push({ row, input: result.data });
    }

    const codes = new Set(
      parsed.flatMap((p) => [normalizeRegionCode(p.input.ownerRegionCode), normalizeRegionCode(p.input.regionCode)]).filter((c): c is string => !!c),
    );
    const known = new Set((await deps.regions.names([...codes])).map((r) => r.code));
    const good: { row: number; input: VenueInput; placed: { ownerRegionCode: string; regionCode: string; ownerInstitutionId: null } }[] = [];
    const seen = new Map<string, number>();
    for (const p of parsed) {
      const fail = (field: string, key: string, params?: Record<string, string | number>) => errors.add(p.row, field, key, params);
      const { code: owner, refusal: ownerRefusal } = checkImportedRegion(p.input.ownerRegionCode, known);
      if (ownerRefusal !== null) {
        fail('ownerRegionCode', ownerRefusal);
        continue;
      }
      const { code: location, refusal: locationRefusal } = checkImportedRegion(p.input.regionCode, known);
      if (locationRefusal !== null) {
        fail('regionCode', locationRefusal);
        continue;
      }
      if (!canOwnIn(actor, owner, null)) {
        fail('ownerRegionCode', 'region.out_of_scope');
        continue;
      }
      if (!isPlacedUnderOwner(location, owner)) {
        fail('regionCode', 'venue.outside_owner');
        continue;
      }
      const key = `${location}|${p.input.name}`;
      const first = seen.get(key);
      if (first) {
        fail('name', 'import.duplicate_in_file', { row: first });
        continue;
      }
      seen.set(key, p.row);
      good.push({ ...p, placed: { ownerRegionCode: owner, regionCode: location, ownerInstitutionId: null } });
    }
    const existing = await venues.existingNames(good.map((g) => ({ regionCode: g.placed.regionCode, name: g.input.name })));
    for (const g of good) if (existing.has(`${g.placed.regionCode}|${g.input.name}`)) errors.add(g.row, 'name', 'venue.duplicate_name');
    progress(rows.length, rows.length, 'checking');
    errors.throwIfAny();
    progress(0, good.length, 'writing');
    const created = await venues.createMany(
      ctx,
      good.map((g) => venues.toRow(g.input, g.placed)),
      (done) => progress(done, good.length, 'writing'),
    );
    return { created };
  }

  async function exportFile(ctx: RequestContext, query: Omit<VenueListQuery, 'page' | 'pageSize'>): Promise<Readable> {
    const actor = requireStaff(ctx);
    const filter = venues.filterOf(actor, query);
    const yesNo = (b: boolean) => (b ? '是' : '否');
    const rows = (async function* () {
      for await (const batch of venues.iterate(filter)) {
        yield (await venues.presentMany(actor, batch)).map((v) => ({
          ...v,
          unitKind: term(`venue_unit.${v.unitKind}`, 'zh-CN'),
          facilities: v.facilities.join('、'),
          stepFree: yesNo(v.stepFree),
          lift: yesNo(v.lift),
          hearingLoop: yesNo(v.hearingLoop),
          bookable: yesNo(v.bookable),
          approvalRequired: yesNo(v.approvalRequired),
          shared: yesNo(v.shared),
          status: v.status === 'active' ? '启用' : '停用',
        }));
      }
    })();
    return streamWorkbook('场地', EXPORT_COLUMNS, rows);
  }

  /** Imports a checked workbook as a job, in the caller's language; answered with the job to poll. */
  async function startImport(ctx: RequestContext, file: Buffer) {
    const job = await deps.jobs.start(ctx, 'venues.import', (progress) => importFile(ctx, file, ctx.locale, progress));
    return { jobId: job.id };
  }

  return { template, requireImporter, importFile, startImport, exportFile };
}

export type VenuesExcel = ReturnType<typeof createVenuesExcel>;
