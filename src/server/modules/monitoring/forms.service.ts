// Data reporting (数据填报): templates with typed fields, tasks assigning them to units for a period and
// deadline, submissions on the web or by the template's Excel file (every version kept), review with
// comments, on-time rates, and reminders before and after the deadline.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, FieldErrors, Forbidden, Invalid, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { translate, type Locale } from '../../kernel/messages';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { forEachSheetRow, MAX_IMPORT_ROWS, workbookWithSheet } from '../../kernel/excel';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import type { FormField, FormTaskInput, FormTemplateInput, ReviewInput } from '../../../contracts/monitoring';
import { canAdministerMonitoring, canReport, isOnTime, validateValues, yearOf } from './monitoring.policy';
import type { AssignmentRow, MonitoringRepository, SubmissionRow, TaskRow, TemplateRow } from './monitoring.repository';
import type { IndicatorsService } from './indicators.service';
import { localTime } from '../../../contracts/local-time';

const REMINDER_LOCK = 7262006;
const REMIND_AHEAD_MS = 3 * 24 * 3600 * 1000;

export function createFormsService(deps: {
  db: Db;
  repo: MonitoringRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  institutions: InstitutionsService;
  indicators: IndicatorsService;
}) {
  const { repo, regions, indicators, clock } = deps;

  const presentTemplate = (t: TemplateRow) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    fields: t.fields as FormField[],
    ownerRegionCode: t.ownerRegionCode,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  });
  const presentAssignment = (a: AssignmentRow, t: TaskRow) => ({
    id: a.id,
    taskId: t.id,
    title: t.title,
    period: t.period,
    deadline: t.deadline.toISOString(),
    unitKind: a.unitKind,
    regionCode: a.regionCode,
    institutionId: a.institutionId,
    unitName: a.unitName,
    status: a.status,
    version: a.currentVersion,
    firstSubmittedAt: a.firstSubmittedAt?.toISOString() ?? null,
    acceptedAt: a.acceptedAt?.toISOString() ?? null,
    onTime: a.firstSubmittedAt ? isOnTime(a.firstSubmittedAt, t.deadline) : null,
    isOverdue: !a.firstSubmittedAt && t.deadline < clock.now(),
  });
  const presentSubmission = (s: SubmissionRow) => ({
    version: s.version,
    values: s.values,
    via: s.via,
    submittedBy: s.submittedBy,
    submittedAt: s.submittedAt.toISOString(),
    decision: s.decision,
    comment: s.comment,
    reviewedBy: s.reviewedBy,
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
  });

  const rootsOf = (actor: Actor) => {
    const r = visibleRegionRoots(actor);
    return r === 'all' ? null : r;
  };
  /**
   * The regions whose form tasks an actor oversees: all (null) for system admins, their own for region admins, none
   * for institution staff, who reach only the forms assigned to their institutions.
   */
  const administeredRootsOf = (actor: Actor) => (actor.role === 'system_admin' ? null : actor.role === 'region_admin' ? actor.regionCodes : []);

  async function loadTemplate(actor: Actor, id: string) {
    const t = isUuid(id) ? await repo.template(id) : null;
    const roots = rootsOf(actor);
    if (!t || (roots && !roots.some((r) => t.ownerRegionCode.startsWith(r) || r.startsWith(t.ownerRegionCode)))) throw new NotFound('form.template_not_found');
    return t;
  }

  async function loadTask(actor: Actor, id: string) {
    const t = isUuid(id) ? await repo.task(id) : null;
    if (!t || !canAdministerMonitoring(actor, t.ownerRegionCode)) throw new NotFound('form.task_not_found');
    return t;
  }

  /** An assignment the caller fills (the unit) or reviews (the task's owner); anyone else: not found. */
  async function loadAssignment(actor: Actor, id: string) {
    const a = isUuid(id) ? await repo.assignment(id) : null;
    const t = a ? await repo.task(a.taskId) : null;
    if (!a || !t) throw new NotFound('form.assignment_not_found');
    const isReviewer = canAdministerMonitoring(actor, t.ownerRegionCode);
    const isUnit = canReport(actor, a);
    if (!isReviewer && !isUnit) throw new NotFound('form.assignment_not_found');
    return { a, t, isReviewer, isUnit };
  }

  async function checkFields(fields: FormField[]) {
    const defs = new Map((await indicators.definitions()).map((d) => [d.code, d]));
    const errors: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) errors[`fields.${i}.key`] = { key: 'form.duplicate_field', params: { key: f.key } };
      seen.add(f.key);
      if (f.min !== null && f.min !== undefined && f.max !== null && f.max !== undefined && f.min > f.max)
        errors[`fields.${i}.min`] = { key: 'form.range_invalid' };
      if (f.feeds) {
        const d = defs.get(f.feeds);
        if (!d) errors[`fields.${i}.feeds`] = { key: 'indicator.not_found' };
        else if (d.source.kind !== 'reported') errors[`fields.${i}.feeds`] = { key: 'form.feeds_not_reported', params: { code: f.feeds } };
      }
    });
    if (Object.keys(errors).length) throw new FieldErrors(errors);
  }

  async function assignmentView(actor: Actor, id: string) {
    const { a, t, isReviewer, isUnit } = await loadAssignment(actor, id);
    const versions = await repo.submissions(a.id);
    return {
      ...presentAssignment(a, t),
      fields: t.fields as FormField[],
      canSubmit: isUnit && (a.status === 'pending' || a.status === 'returned'),
      canReview: isReviewer && a.status === 'submitted',
      versions: versions.map(presentSubmission),
    };
  }

  /** Validates and stores one submitted version; every error is listed and nothing is saved when there is one. */
  async function submit(ctx: RequestContext, id: string, raw: Record<string, unknown>, via: 'web' | 'excel', rowsOfFields?: Map<string, number>) {
    const actor = requireStaff(ctx);
    const { a, t, isUnit } = await loadAssignment(actor, id);
    if (!isUnit) throw new Forbidden('auth.forbidden');
    if (a.status !== 'pending' && a.status !== 'returned') throw new Conflict('form.not_open');
    const fields = t.fields as FormField[];
    const known = new Set(fields.map((f) => f.key));
    const { values, errors } = validateValues(fields, raw);
    for (const k of Object.keys(raw)) if (!known.has(k)) errors.push({ field: k, key: 'form.unknown_field' });
    if (errors.length) {
      if (rowsOfFields) {
        const rows = errors.map((e) => ({ row: rowsOfFields.get(e.field) ?? 0, field: e.field, message: translate(e.key, ctx.locale, e.params) }));
        throw new Invalid('form.invalid_values', { count: errors.length }, { rows });
      }
      throw new FieldErrors(Object.fromEntries(errors.map((e) => [`values.${e.field}`, { key: e.key, params: e.params }])));
    }
    const version = await deps.db.transaction(async (tx) => {
      const v = await repo.addSubmission(tx, a, { id: newId(), values, via, submittedBy: actor.username, submittedAt: clock.now() });
      if (v === null) return null;
      await deps.audit(tx, ctx, {
        action: 'form.submit',
        entityType: 'form_assignment',
        entityId: a.id,
        regionCode: a.regionCode,
        details: { version: v, via, values },
      });
      return v;
    });
    if (version === null) throw new Conflict('conflict.stale');
    return assignmentView(actor, id);
  }

  /** One decision on a submitted form, in its own transaction with its audit entry; what it feeds when accepted. */
  async function decide(ctx: RequestContext, actor: Actor, id: string, input: ReviewInput) {
    const { a, t, isReviewer } = await loadAssignment(actor, id);
    if (!isReviewer) throw new Forbidden('auth.forbidden');
    if (a.status !== 'submitted') throw new Conflict('form.not_submitted');
    if (input.decision === 'return' && !input.comment) throw invalidField('comment', 'form.comment_required');
    const [latest] = await repo.submissions(a.id);
    const decision = input.decision === 'accept' ? ('accepted' as const) : ('returned' as const);
    const ok = await deps.db.transaction(async (tx) => {
      const moved = await repo.review(tx, a, { decision, comment: input.comment, by: actor.username, at: clock.now(), values: latest.values });
      if (moved)
        await deps.audit(tx, ctx, {
          action: `form.${decision === 'accepted' ? 'accept' : 'return'}`,
          entityType: 'form_assignment',
          entityId: a.id,
          regionCode: a.regionCode,
          details: { version: a.currentVersion, comment: input.comment },
        });
      return moved;
    });
    if (!ok) throw new Conflict('conflict.stale');
    const fed = decision === 'accepted' ? (t.fields as FormField[]).map((f) => f.feeds).filter((c): c is string => !!c) : null;
    return { regionCode: a.regionCode, year: yearOf(t.period), fed };
  }

  return {
    async createTemplate(ctx: RequestContext, input: FormTemplateInput) {
      const actor = requireStaff(ctx);
      const owner = await regions.require(input.ownerRegionCode, 'ownerRegionCode');
      if (!canAdministerMonitoring(actor, owner.code)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
      await checkFields(input.fields);
      const id = newId();
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.insertTemplate(tx, {
          id,
          title: input.title,
          description: input.description ?? null,
          fields: input.fields,
          ownerRegionCode: owner.code,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit(tx, ctx, { action: 'form_template.create', entityType: 'form_template', entityId: id, regionCode: owner.code, details: { ...input } });
      });
      return presentTemplate((await repo.template(id))!);
    },

    async updateTemplate(ctx: RequestContext, id: string, input: FormTemplateInput, expectedVersion: number) {
      const actor = requireStaff(ctx);
      const t = await loadTemplate(actor, id);
      if (!canAdministerMonitoring(actor, t.ownerRegionCode)) throw new Forbidden('auth.forbidden');
      await checkFields(input.fields);
      const row = await deps.db.transaction(async (tx) => {
        const r = await repo.updateTemplate(
          tx,
          id,
          { title: input.title, description: input.description ?? null, fields: input.fields, updatedAt: clock.now() },
          expectedVersion,
        );
        if (r)
          await deps.audit(tx, ctx, {
            action: 'form_template.update',
            entityType: 'form_template',
            entityId: id,
            regionCode: t.ownerRegionCode,
            details: { ...input },
          });
        return r;
      });
      if (!row) throw new Conflict('conflict.stale');
      return presentTemplate(row);
    },

    async listTemplates(ctx: RequestContext, q: PageRequest & { q?: string }) {
      const actor = requireStaff(ctx);
      const { rows, total } = await repo.templates(rootsOf(actor), { limit: q.pageSize, offset: offsetOf(q), q: q.q });
      return pageOf(q, rows.map(presentTemplate), total);
    },

    async template(ctx: RequestContext, id: string) {
      return presentTemplate(await loadTemplate(requireStaff(ctx), id));
    },

    async createTask(ctx: RequestContext, input: FormTaskInput) {
      const actor = requireStaff(ctx);
      const template = await loadTemplate(actor, input.templateId);
      if (!canAdministerMonitoring(actor, template.ownerRegionCode)) throw new Forbidden('auth.forbidden');
      const deadline = input.deadline.length === 10 ? localTime.endOfDay(input.deadline) : new Date(input.deadline);
      if (Number.isNaN(deadline.getTime())) throw invalidField('deadline', 'form.deadline_format');
      if (deadline < new Date(clock.now().getTime() - 24 * 3600 * 1000)) throw invalidField('deadline', 'form.deadline_past');
      const units: { unitKind: string; regionCode: string; institutionId: string | null; unitName: string }[] = [];
      const instIds = input.units.map((u) => u.institutionId).filter((x): x is string => !!x);
      const instNames = await deps.institutions.namesOf(instIds);
      const seen = new Set<string>();
      for (const [i, u] of input.units.entries()) {
        if (u.institutionId) {
          const regionCode = await deps.institutions.regionOf(u.institutionId);
          if (!regionCode || !regionCode.startsWith(template.ownerRegionCode) || !canAdministerMonitoring(actor, regionCode))
            throw invalidField(`units.${i}.institutionId`, 'institution.not_found');
          units.push({ unitKind: 'institution', regionCode, institutionId: u.institutionId, unitName: instNames.get(u.institutionId)! });
        } else if (u.regionCode) {
          const region = await regions.require(u.regionCode, `units.${i}.regionCode`);
          if (!region.code.startsWith(template.ownerRegionCode) || !canAdministerMonitoring(actor, region.code))
            throw invalidField(`units.${i}.regionCode`, 'region.out_of_scope');
          units.push({ unitKind: 'region', regionCode: region.code, institutionId: null, unitName: region.name });
        } else throw invalidField(`units.${i}`, 'form.unit_required');
        const key = `${units[units.length - 1].regionCode}|${units[units.length - 1].institutionId ?? ''}`;
        if (seen.has(key)) throw invalidField(`units.${i}`, 'form.duplicate_unit');
        seen.add(key);
      }
      const id = newId();
      const title = input.title || `${template.title}（${input.period}）`;
      await deps.db.transaction(async (tx) => {
        await repo.insertTask(
          tx,
          {
            id,
            templateId: template.id,
            fields: template.fields,
            title,
            period: input.period,
            deadline,
            ownerRegionCode: template.ownerRegionCode,
            createdBy: actor.username,
            createdAt: clock.now(),
          },
          units.map((u) => ({ id: newId(), taskId: id, ...u })),
        );
        await deps.audit(tx, ctx, {
          action: 'form_task.create',
          entityType: 'form_task',
          entityId: id,
          regionCode: template.ownerRegionCode,
          details: { templateId: template.id, period: input.period, deadline: deadline.toISOString(), units: units.map((u) => u.unitName) },
        });
      });
      return this.task(ctx, id);
    },

    async listTasks(ctx: RequestContext, q: PageRequest & { period?: string }) {
      const actor = requireStaff(ctx);
      const { rows, total } = await repo.tasks(administeredRootsOf(actor), { limit: q.pageSize, offset: offsetOf(q), period: q.period });
      return pageOf(
        q,
        rows.map((r) => ({
          id: r.id,
          templateId: r.templateId,
          title: r.title,
          period: r.period,
          deadline: new Date(r.deadline).toISOString(),
          ownerRegionCode: r.ownerRegionCode,
          total: r.total,
          submitted: r.submitted,
          accepted: r.accepted,
          onTime: r.onTime,
        })),
        total,
      );
    },

    async task(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      const t = await loadTask(actor, id);
      const assignments = await repo.assignmentsOfTask(t.id);
      const due = t.deadline <= clock.now();
      return {
        id: t.id,
        templateId: t.templateId,
        title: t.title,
        period: t.period,
        deadline: t.deadline.toISOString(),
        ownerRegionCode: t.ownerRegionCode,
        fields: t.fields as FormField[],
        assignments: assignments.map((a) => presentAssignment(a, t)),
        onTimeRate: due && assignments.length ? (assignments.filter((a) => isOnTime(a.firstSubmittedAt, t.deadline)).length / assignments.length) * 100 : null,
      };
    },

    async myAssignments(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireStaff(ctx);
      const { rows, total } = await repo.assignmentsFor({
        roots: administeredRootsOf(actor),
        institutionIds: actor.institutions.map((i) => i.id),
        status: q.status,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return pageOf(
        q,
        rows.map((r) => presentAssignment(r.a, r.t)),
        total,
      );
    },

    assignment: (ctx: RequestContext, id: string) => assignmentView(requireStaff(ctx), id),

    submit: (ctx: RequestContext, id: string, values: Record<string, unknown>) => submit(ctx, id, values, 'web'),

    /** The assignment's own Excel file: one row per field, the value in column E. */
    async excelTemplate(ctx: RequestContext, id: string) {
      const { a, t } = await loadAssignment(requireStaff(ctx), id);
      const { wb, sheet } = await workbookWithSheet('填报', [
        { header: '字段代码', key: 'key', width: 22 },
        { header: '字段', key: 'label', width: 30 },
        { header: '单位', key: 'unit', width: 10 },
        { header: '必填', key: 'required', width: 8 },
        { header: '填报值', key: 'value', width: 18 },
        { header: '说明', key: 'help', width: 50 },
      ]);
      const last = (await repo.submissions(a.id))[0]?.values as Record<string, unknown> | undefined;
      for (const f of t.fields as FormField[]) {
        const range = [f.min !== null && f.min !== undefined ? `≥ ${f.min}` : '', f.max !== null && f.max !== undefined ? `≤ ${f.max}` : '']
          .filter(Boolean)
          .join('，');
        sheet.addRow({
          key: f.key,
          label: f.label,
          unit: f.unit,
          required: f.required ? '是' : '否',
          value: last?.[f.key] ?? null,
          help: [f.help, range].filter(Boolean).join('；'),
        });
      }
      const info = wb.addWorksheet('说明');
      info.addRow(['填报任务', t.title]);
      info.addRow(['统计期', t.period]);
      info.addRow(['填报单位', a.unitName]);
      info.addRow(['截止时间', t.deadline.toISOString()]);
      info.addRow(['填写方法', '只在“填报值”一列填写，不要改动其他列。上传后逐项校验，有任何错误将全部列出且不保存。']);
      return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${t.title}-${a.unitName}.xlsx` };
    },

    async submitExcel(ctx: RequestContext, id: string, file: Buffer) {
      const values: Record<string, unknown> = {};
      const rowsOfFields = new Map<string, number>();
      let sawHeader = false;
      await forEachSheetRow(file, MAX_IMPORT_ROWS, (row) => {
        if (row.number === 1) {
          sawHeader = true;
          const header = [1, 2, 3, 4, 5].map((c) => String(row.cell(c) ?? '').trim());
          if (header[0] !== '字段代码' || header[4] !== '填报值') throw new Invalid('form.excel_layout');
          return;
        }
        if (!sawHeader) throw new Invalid('form.excel_layout');
        const key = String(row.cell(1) ?? '').trim();
        if (!key) return;
        let v = row.cell(5) as unknown;
        if (v && typeof v === 'object' && 'result' in (v as object)) v = (v as { result: unknown }).result;
        values[key] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
        rowsOfFields.set(key, row.number);
      });
      if (!sawHeader) throw new Invalid('form.excel_layout');
      return submit(ctx, id, values, 'excel', rowsOfFields);
    },

    async review(ctx: RequestContext, id: string, input: ReviewInput) {
      const actor = requireStaff(ctx);
      const done = await decide(ctx, actor, id, input);
      // Accepted values feed the indicators at once.
      if (done.fed) await indicators.recomputeAfterReport(done.regionCode, done.year, done.fed);
      return assignmentView(actor, id);
    },

    /**
     * Several submissions decided the same way, each checked, written and audited as `review` does; the
     * indicators are recomputed once per district and year afterwards instead of once per form (the demo
     * year accepts every street's statistics; recomputing after each is most of that time).
     */
    async reviewMany(ctx: RequestContext, ids: string[], input: ReviewInput) {
      const actor = requireStaff(ctx);
      const pending = new Map<string, { regionCode: string; year: number; fed: Set<string> }>();
      for (const id of ids) {
        const done = await decide(ctx, actor, id, input);
        if (!done.fed) continue;
        const key = `${done.regionCode.slice(0, 6)}|${done.year}`;
        const entry = pending.get(key) ?? { regionCode: done.regionCode, year: done.year, fed: new Set<string>() };
        for (const code of done.fed) entry.fed.add(code);
        pending.set(key, entry);
      }
      for (const p of pending.values()) await indicators.recomputeAfterReport(p.regionCode, p.year, [...p.fed]);
      return { reviewed: ids.length };
    },

    async onTimeRates(ctx: RequestContext) {
      const actor = requireStaff(ctx);
      const rows = await repo.onTimeByUnit(rootsOf(actor), clock.now());
      return { items: rows.map((r) => ({ ...r, rate: r.due ? (r.onTime / r.due) * 100 : null })) };
    },

    async notices(ctx: RequestContext, q: PageRequest) {
      const actor = requireStaff(ctx);
      const { rows, total } = await repo.notices(
        rootsOf(actor),
        actor.institutions.map((i) => i.id),
        { limit: q.pageSize, offset: offsetOf(q) },
      );
      return pageOf(
        q,
        rows.map((n) => ({
          id: n.id,
          assignmentId: n.assignmentId,
          kind: n.kind,
          message: n.message,
          regionCode: n.regionCode,
          createdAt: n.createdAt.toISOString(),
        })),
        total,
      );
    },

    /**
     * Reminders: a notice to each unit whose report is due within three days, and another once it is
     * overdue. Runs once however many processes call it (advisory lock), and never twice per kind.
     */
    async runReminders(locale: Locale = 'zh-CN') {
      const now = clock.now();
      const created = await repo.exclusively(REMINDER_LOCK, async (tx) => {
        const due = await repo.dueForReminder(tx, now, REMIND_AHEAD_MS);
        await repo.insertNotices(
          tx,
          due.map((d) => ({
            id: newId(),
            assignmentId: d.id,
            kind: d.kind,
            regionCode: d.regionCode,
            institutionId: d.institutionId,
            createdAt: now,
            message: translate(d.kind === 'overdue' ? 'form.reminder_overdue' : 'form.reminder_due_soon', locale, {
              title: d.title,
              unit: d.unitName,
              deadline: new Date(d.deadline).toISOString().slice(0, 10),
            }),
          })),
        );
        return due.length;
      });
      return { ran: created !== null, created: created ?? 0 };
    },
  };
}

export type FormsService = ReturnType<typeof createFormsService>;
