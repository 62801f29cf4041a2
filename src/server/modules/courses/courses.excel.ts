// Excel for the course library: a template with Chinese headers, an example row and a sheet explaining each
// column; an all-or-nothing import run as a job with progress, listing every bad row; an export of the current filter.
import type { Readable } from 'node:stream';
import { requireStaff, type RequestContext } from '../../kernel/actor';
import { buildTemplate, createRowErrors, readTemplateRows, streamWorkbook, type ExcelColumn } from '../../kernel/excel';
import { normalizeRegionCode } from '../../kernel/region-code';
import { checkImportedOwner } from '../../kernel/ownership';
import { courseInput, COURSE_MODES, COURSE_STATUSES, TARGET_GROUPS, type CourseInput } from '../../../contracts/courses';
import { TERMS } from '../../../contracts/terms';
import type { RegionsService } from '../regions/index';
import type { CategoriesService } from '../categories/index';
import type { JobsService } from '../jobs/index';
import { canFeatureCourse } from './courses.policy';
import type { CourseListQuery, CoursesService } from './courses.service';

export const TARGET_GROUP_ZH: Record<(typeof TARGET_GROUPS)[number], string> = TERMS['zh-CN'].targetGroups;
export const MODE_ZH: Record<(typeof COURSE_MODES)[number], string> = { offline: '线下', online: '线上', blended: '线上线下混合' };
export const STATUS_ZH: Record<(typeof COURSE_STATUSES)[number], string> = { draft: '草稿', published: '已发布', archived: '已归档' };
const PROVENANCE_ZH: Record<string, string> = { direct: '直接录入', imported: '导入', call: '征集' };

type Key = 'title' | 'category' | 'targetGroups' | 'mode' | 'learningHours' | 'description' | 'syllabus' | 'ownerRegionCode' | 'shared' | 'featured' | 'status';
const COLUMNS: ExcelColumn<Key>[] = [
  { key: 'title', header: '课程名称', example: '书法入门（楷书）', help: '必填，最多 100 字', width: 26 },
  { key: 'category', header: '课程类别', example: '书画', help: '必填：课程分类的名称或代码（见“课程类别”设置）', width: 14 },
  {
    key: 'targetGroups',
    header: '适用人群',
    example: '老年人、社会公众',
    help: `必填，可填多个，用顿号或逗号分隔：${Object.values(TARGET_GROUP_ZH).join('、')}`,
    width: 20,
  },
  { key: 'mode', header: '教学形式', example: '线下', help: `必填：${Object.values(MODE_ZH).join('、')}`, width: 12 },
  { key: 'learningHours', header: '学时', example: 16, help: '必填，数字，最少 0.5', width: 8 },
  { key: 'description', header: '课程简介', example: '从握笔、基本笔画讲起，掌握楷书结构。', help: '选填，最多 4000 字', width: 40 },
  { key: 'syllabus', header: '教学大纲', example: '第1讲 笔墨纸砚；第2讲 基本笔画……', help: '选填，最多 10000 字', width: 40 },
  {
    key: 'ownerRegionCode',
    header: '归属区划代码',
    example: '330105012',
    help: '选填：课程归属的区（6 位）、街道（9 位）或社区（12 位）代码，默认为您所在的区划；须在您的管理范围内',
    width: 16,
  },
  { key: 'shared', header: '是否共享', example: '是', help: '选填：是/否，共享后下级单位可查看使用，默认否', width: 10 },
  { key: 'featured', header: '是否精品', example: '否', help: '选填：是/否，仅归属区划的管理员可设为精品，默认否', width: 10 },
  { key: 'status', header: '状态', example: '草稿', help: `选填：${Object.values(STATUS_ZH).join('、')}，默认草稿`, width: 10 },
];
const EXPORT_COLUMNS: ExcelColumn[] = [
  ...COLUMNS.filter((c) => c.key !== 'ownerRegionCode'),
  { key: 'ownerRegionCode', header: '归属区划代码', example: '', help: '', width: 14 },
  { key: 'ownerRegionName', header: '归属区划', example: '', help: '', width: 16 },
  { key: 'ownerInstitutionName', header: '归属机构', example: '', help: '', width: 20 },
  { key: 'provenance', header: '来源', example: '', help: '', width: 10 },
  { key: 'supplier', header: '供应方', example: '', help: '', width: 16 },
  { key: 'priceYuan', header: '购买价格（元）', example: '', help: '', width: 12 },
];

const fromLabel = <K extends string>(labels: Record<K, string>, text: string): K | null => {
  const t = text.trim();
  for (const [k, v] of Object.entries(labels) as [K, string][]) if (t === k || t === v) return k;
  return null;
};
const yesNo = (text: string): boolean | null =>
  text === '' ? false : ['是', 'Y', 'y', 'yes', 'true', '1'].includes(text) ? true : ['否', 'N', 'n', 'no', 'false', '0'].includes(text) ? false : null;

export function createCoursesExcel(deps: { courses: CoursesService; regions: RegionsService; categories: CategoriesService; jobs: JobsService }) {
  const { courses } = deps;

  const template = () => buildTemplate('课程', COLUMNS);

  async function importRows(ctx: RequestContext, file: Buffer, progress: (done: number, total?: number, phase?: string) => void) {
    const actor = requireStaff(ctx);
    courses.assertImportable(actor);
    const rows = await readTemplateRows(file, COLUMNS);
    if (rows.length === 0) throw courses.invalid('import.empty');
    progress(0, rows.length, 'checking');
    const errors = createRowErrors(ctx.locale);
    const category = await deps.categories.resolver();
    const catNames = new Map((await deps.categories.list()).items.map((c) => [c.code, c.nameZh]));
    const regionCodes = [
      ...new Set(rows.map((r) => normalizeRegionCode(r.cells.ownerRegionCode || actor.regionCodes[0] || '')).filter((c): c is string => !!c)),
    ];
    const known = new Set((await deps.regions.names(regionCodes)).map((r) => r.code));
    const good: { row: number; input: CourseInput; regionCode: string; categoryName: string }[] = [];
    const seen = new Map<string, number>();
    for (const [i, { row, cells }] of rows.entries()) {
      const fail = (field: string, key: string, params?: Record<string, string | number>) => errors.add(row, field, key, params);
      const cat = cells.category ? category(cells.category) : null;
      if (cells.category && !cat) {
        fail('category', 'import.unknown_category', { value: cells.category });
      }
      const groupTexts = cells.targetGroups.split(/[、，,;；\s]+/).filter(Boolean);
      const groups = groupTexts.map((g) => fromLabel(TARGET_GROUP_ZH, g));
      const badGroup = groupTexts.find((_, j) => !groups[j]);
      if (badGroup) fail('targetGroups', 'import.unknown_value', { value: badGroup });
      const mode = cells.mode ? fromLabel(MODE_ZH, cells.mode) : undefined;
      if (mode === null) fail('mode', 'import.unknown_value', { value: cells.mode });
      const status = cells.status ? fromLabel(STATUS_ZH, cells.status) : 'draft';
      if (status === null) fail('status', 'import.unknown_value', { value: cells.status });
      const shared = yesNo(cells.shared);
      const featured = yesNo(cells.featured);
      if (shared === null) fail('shared', 'import.unknown_value', { value: cells.shared });
      if (featured === null) fail('featured', 'import.unknown_value', { value: cells.featured });
      const { code, refusal } = checkImportedOwner(actor, cells.ownerRegionCode || actor.regionCodes[0] || '', known);
      if (refusal !== null) fail('ownerRegionCode', refusal);
      else if (featured && !canFeatureCourse(actor, { ownerRegionCode: code, ownerInstitutionId: null, shared: !!shared }))
        fail('featured', 'course.feature_forbidden');
      const parsed = courseInput.safeParse({
        title: cells.title,
        category: cat ?? cells.category,
        targetGroups: groups.filter(Boolean),
        mode: mode ?? undefined,
        learningHours: cells.learningHours === '' ? undefined : Number(cells.learningHours),
        description: cells.description,
        syllabus: cells.syllabus,
        shared: !!shared,
        featured: !!featured,
        status: status ?? 'draft',
      });
      // Once the row is refused for a cell read as a label, the schema's word on the label fields adds nothing.
      if (!parsed.success)
        errors.addIssues(row, parsed.error.issues, (field) => errors.hasRow(row) && ['category', 'targetGroups', 'mode', 'status'].includes(field));
      if (parsed.success && !errors.hasRow(row) && code) {
        const key = `${code}|${parsed.data.title}`;
        const first = seen.get(key);
        if (first) fail('title', 'import.duplicate_in_file', { row: first });
        else {
          seen.set(key, row);
          good.push({ row, input: parsed.data, regionCode: code, categoryName: catNames.get(parsed.data.category) ?? '' });
        }
      }
      if (i % 500 === 0) progress(i, rows.length, 'checking');
    }
    const existing = await courses.existingTitles(good.map((g) => ({ ownerRegionCode: g.regionCode, title: g.input.title })));
    for (const g of good) if (existing.has(`${g.regionCode}|${g.input.title}`)) errors.add(g.row, 'title', 'course.duplicate_title');
    errors.throwIfAny();
    progress(0, good.length, 'writing');
    const created = await courses.createMany(
      ctx,
      good.map((g) => ({ input: g.input, regionCode: g.regionCode, institutionId: null, categoryName: g.categoryName })),
      (done) => progress(done, good.length, 'writing'),
    );
    return { created };
  }

  /** Imports run as a job: the request answers 202 with the job's id and the console shows progress. */
  const startImport = async (ctx: RequestContext, file: Buffer) => {
    courses.assertImportable(requireStaff(ctx));
    const job = await deps.jobs.start(ctx, 'courses.import', (progress) => importRows(ctx, file, progress));
    return { jobId: job.id };
  };

  async function exportFile(ctx: RequestContext, query: Omit<CourseListQuery, 'page' | 'pageSize'>): Promise<Readable> {
    const actor = requireStaff(ctx);
    const filter = await courses.scopedFilter(actor, query);
    const rows = (async function* () {
      for await (const batch of courses.iterate(filter)) {
        yield (await courses.presentMany(ctx, batch)).map((c) => ({
          ...c,
          category: c.categoryName,
          targetGroups: c.targetGroups.map((g) => TARGET_GROUP_ZH[g as keyof typeof TARGET_GROUP_ZH] ?? g).join('、'),
          mode: MODE_ZH[c.mode as keyof typeof MODE_ZH] ?? c.mode,
          status: STATUS_ZH[c.status as keyof typeof STATUS_ZH] ?? c.status,
          shared: c.shared ? '是' : '否',
          featured: c.featured ? '是' : '否',
          ownerInstitutionName: c.ownerInstitutionName ?? '',
          provenance: PROVENANCE_ZH[c.provenance.kind] ?? c.provenance.kind,
          supplier: c.provenance.supplier ?? '',
          priceYuan: c.provenance.priceFen === null ? '' : c.provenance.priceFen / 100,
        }));
      }
    })();
    return streamWorkbook('课程', EXPORT_COLUMNS, rows);
  }

  return { template, startImport, importRows, exportFile };
}

export type CoursesExcel = ReturnType<typeof createCoursesExcel>;
