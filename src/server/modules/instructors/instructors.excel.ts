// Excel for the instructor pool: a template with Chinese headers, an example row and a sheet explaining
// each column; an all-or-nothing import that lists every bad row (a job, with progress per phase; 5,000
// rows written in batches of 500 in one transaction); an export of the current filter.
import type { Readable } from 'node:stream';
import { requireRegionAdministrator, requireStaff, type RequestContext } from '../../kernel/actor';
import { term, type Locale } from '../../kernel/messages';
import { buildTemplate, createRowErrors, readImportRows, streamWorkbook, type ExcelColumn } from '../../kernel/excel';
import { normalizeRegionCode } from '../../kernel/region-code';
import { canEditOwned, checkImportedOwner } from '../../kernel/ownership';
import { maskPhone } from '../../kernel/mask';
import type { AuditWriter } from '../../kernel/audit';
import type { Db } from '../../db/client';
import type { JobsService, Progress } from '../jobs/index';
import { instructorInput, INSTRUCTOR_KINDS, type InstructorInput } from '../../../contracts/instructors';
import type { AvailabilitySlot } from '../../db/schema/instructors';
import type { RegionsService } from '../regions/index';
import type { CategoriesService } from '../categories/index';
import type { InstructorListQuery, InstructorsService } from './instructors.service';

type Key = 'name' | 'phone' | 'kind' | 'specialities' | 'languages' | 'qualifications' | 'bio' | 'availability' | 'ownerRegionCode' | 'shared';
type Column = ExcelColumn<Key | 'vettingStatus'>;

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const COLUMNS: Column[] = [
  { key: 'name', header: '姓名', example: '张书文', help: '必填，最多 50 字', width: 10 },
  { key: 'phone', header: '手机号', example: '13800001234', help: '必填：11 位手机号，全库不可重复', width: 14 },
  { key: 'kind', header: '类型', example: '兼职', help: '必填：专职、兼职或志愿者', width: 8 },
  { key: 'specialities', header: '专长类别', example: '书画', help: '必填：课程类别名称或代码，多个用顿号分隔（如 书画、器乐）', width: 18 },
  { key: 'languages', header: '授课语言', example: '普通话、杭州话', help: '选填，多个用顿号分隔；默认普通话', width: 14 },
  { key: 'qualifications', header: '资质证书', example: '中国书法家协会会员；高级教师', help: '选填，最多 500 字', width: 26 },
  { key: 'bio', header: '个人简介', example: '从事书法教学二十年，擅长楷书、行书。', help: '选填，最多 2000 字', width: 34 },
  { key: 'availability', header: '可授课时间', example: '周一 09:00-11:30；周三 14:00-16:00', help: '选填：星期几 + 开始-结束时间，多段用分号分隔', width: 30 },
  {
    key: 'ownerRegionCode',
    header: '所属层级区划代码',
    example: '330105',
    help: '必填：师资归哪一级管理——区（6 位）、街道（9 位）或社区（12 位）代码，须在您的管理范围内',
    width: 18,
  },
  { key: 'shared', header: '向下共享', example: '是', help: '是 / 否，默认否：共享后下级（街道、社区）可查看和选用', width: 10 },
];
const EXPORT_COLUMNS: Column[] = [...COLUMNS, { key: 'vettingStatus', header: '审核状态', example: '', help: '', width: 10 }];

const list = (text: string) =>
  text
    .split(/[、,，;；/\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "周一 09:00-11:30；周三 14:00-16:00" → slots; null when any part cannot be read. */
export function parseAvailability(text: string): AvailabilitySlot[] | null {
  const slots: AvailabilitySlot[] = [];
  for (const part of text
    .split(/[;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(?:周|星期)([一二三四五六日天])\s*(\d{1,2}:\d{2})\s*[-–~至到]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return null;
    const pad = (t: string) => t.padStart(5, '0');
    slots.push({ weekday: m[1] === '天' ? 7 : WEEKDAYS.indexOf(m[1]) + 1, from: pad(m[2]), to: pad(m[3]) });
  }
  return slots;
}
const formatAvailability = (slots: AvailabilitySlot[]) => slots.map((s) => `周${WEEKDAYS[s.weekday - 1]} ${s.from}-${s.to}`).join('；');

function kindFromCell(value: string) {
  return (
    INSTRUCTOR_KINDS.find(
      (k) =>
        value === k ||
        value === term(`instructor_kind.${k}`, 'zh-CN') ||
        value === term(`instructor_kind.${k}`, 'zh-CN') + '教师' ||
        value.toLowerCase() === term(`instructor_kind.${k}`, 'en'),
    ) ?? null
  );
}

export function createInstructorsExcel(deps: {
  db: Db;
  audit: AuditWriter;
  instructors: InstructorsService;
  regions: RegionsService;
  categories: CategoriesService;
  jobs: JobsService;
}) {
  const { instructors } = deps;

  const template = () => buildTemplate('师资', COLUMNS);

  const requireImporter = (ctx: RequestContext) => requireRegionAdministrator(requireStaff(ctx));

  async function importFile(ctx: RequestContext, file: Buffer, locale: Locale, progress: Progress = () => {}) {
    const actor = requireImporter(ctx);
    const rows = await readImportRows(file, COLUMNS, progress);
    const errors = createRowErrors(locale);
    const category = await deps.categories.resolver();
    const parsed: { row: number; input: InstructorInput }[] = [];
    for (const [index, { row, cells }] of rows.entries()) {
      if (index % 500 === 0) progress(index, rows.length, 'checking');
      const fail = (field: string, key: string, params?: Record<string, string | number>) => errors.add(row, field, key, params);
      let bad = false;
      const kind = cells.kind ? kindFromCell(cells.kind) : undefined;
      if (cells.kind && !kind) {
        fail('kind', 'instructor.unknown_kind', { value: cells.kind });
        bad = true;
      }
      const specialities: string[] = [];
      for (const s of list(cells.specialities)) {
        const code = category(s);
        if (code) specialities.push(code);
        else {
          fail('specialities', 'instructor.unknown_category', { value: s });
          bad = true;
        }
      }
      const availability = cells.availability ? parseAvailability(cells.availability) : [];
      if (!availability) {
        fail('availability', 'instructor.availability_format', { value: cells.availability });
        bad = true;
      }
      let shared: boolean | undefined;
      if (cells.shared) {
        if (['是', 'Y', 'y', 'yes', '1'].includes(cells.shared)) shared = true;
        else if (['否', 'N', 'n', 'no', '0'].includes(cells.shared)) shared = false;
        else {
          fail('shared', 'import.yes_or_no', { value: cells.shared });
          bad = true;
        }
      }
      const result = instructorInput.safeParse({
        name: cells.name,
        phone: cells.phone,
        kind: kind ?? undefined,
        specialities,
        languages: cells.languages ? list(cells.languages) : undefined,
        qualifications: cells.qualifications || null,
        bio: cells.bio || null,
        availability: availability ?? [],
        ownerRegionCode: cells.ownerRegionCode,
        shared,
      });
      if (!result.success) {
        errors.addIssues(row, result.error.issues);
        continue;
      }
      if (!bad) parsed.push({ row, input: result.data });
    }

    const codes = [...new Set(parsed.map((p) => normalizeRegionCode(p.input.ownerRegionCode)).filter((c): c is string => !!c))];
    const known = new Set((await deps.regions.names(codes)).map((r) => r.code));
    const existing = await instructors.existingPhones([...new Set(parsed.map((p) => p.input.phone))]);
    const seen = new Map<string, number>();
    const good: { input: InstructorInput; ownerRegionCode: string }[] = [];
    for (const p of parsed) {
      const fail = (field: string, key: string, params?: Record<string, string | number>) => errors.add(p.row, field, key, params);
      const owner = checkImportedOwner(actor, p.input.ownerRegionCode, known);
      if (owner.refusal !== null) {
        fail('ownerRegionCode', owner.refusal);
        continue;
      }
      const first = seen.get(p.input.phone);
      if (first) {
        fail('phone', 'import.duplicate_in_file', { row: first });
        continue;
      }
      seen.set(p.input.phone, p.row);
      if (existing.has(p.input.phone)) {
        fail('phone', 'instructor.duplicate_phone');
        continue;
      }
      good.push({ input: p.input, ownerRegionCode: owner.code });
    }
    progress(rows.length, rows.length, 'checking');
    errors.throwIfAny();
    const cats = await instructors.categoryNames();
    const prepared = good.map((g) => instructors.toRow(g.input, { ownerRegionCode: g.ownerRegionCode, ownerInstitutionId: null }, cats));
    progress(0, prepared.length, 'writing');
    const created = await instructors.createMany(ctx, prepared, (done) => progress(done, prepared.length, 'writing'));
    return { created };
  }

  /** Phones come out in full only on rows the exporter edits, and such an export is audited. */
  async function exportFile(ctx: RequestContext, query: Omit<InstructorListQuery, 'page' | 'pageSize'>): Promise<Readable> {
    const actor = requireStaff(ctx);
    const filter = instructors.filterOf(actor, query);
    await deps.db.transaction((tx) =>
      deps.audit(tx, ctx, { action: 'instructor.export', entityType: 'instructor', regionCode: actor.regionCodes[0] ?? null, details: { ...query } }),
    );
    const rows = (async function* () {
      for await (const batch of instructors.iterate(filter)) {
        const views = new Map((await instructors.presentMany(actor, batch)).map((v) => [v.id, v]));
        yield batch.map((r) => {
          const v = views.get(r.id)!;
          return {
            name: r.name,
            phone: canEditOwned(actor, r) ? r.phone : maskPhone(r.phone),
            kind: term(`instructor_kind.${r.kind}`, 'zh-CN'),
            specialities: v.specialities.map((s) => s.nameZh).join('、'),
            languages: r.languages.join('、'),
            qualifications: r.qualifications ?? '',
            bio: r.bio ?? '',
            availability: formatAvailability(r.availability),
            ownerRegionCode: r.ownerRegionCode,
            shared: r.shared ? '是' : '否',
            vettingStatus: term(`vetting.${r.vettingStatus}`, 'zh-CN'),
          };
        });
      }
    })();
    return streamWorkbook('师资', EXPORT_COLUMNS, rows);
  }

  /** Imports a checked workbook as a job, in the caller's language; answered with the job to poll. */
  async function startImport(ctx: RequestContext, file: Buffer) {
    const job = await deps.jobs.start(ctx, 'instructors.import', (progress) => importFile(ctx, file, ctx.locale, progress));
    return { jobId: job.id };
  }

  return { template, requireImporter, importFile, startImport, exportFile };
}

export type InstructorsExcel = ReturnType<typeof createInstructorsExcel>;
