// The leading group and its member units (with duties linked to the clauses they come from), annual
// tasks owned by units with progress reports and overdue flags, and supervision visits whose findings
// become rectification tasks that must be closed.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { TaskInput, UnitInput, VisitInput } from '../../../contracts/governance';
import type { RegionsService } from '../regions/index';
import type { StaffService } from '../accounts/index';
import type { EvidenceFiles } from '../awards/index';
import { canAdminister, canRead, canReportOn, isOverdue, readableDistricts } from './governance.policy';
import type { GovernanceRepository, TaskRow, UnitRow } from './governance.repository';
import { NANKAI_DOCUMENT, NANKAI_UNITS } from './governance.template';
import { localTime } from '../../../contracts/local-time';

/** The template shipped with the platform, from the Nankai document (seeds/000). */
const BUILT_IN_TEMPLATE = 'nankai-2021';
const NANKAI_TEMPLATE_NAME = '天津市南开区学习型城市建设工作机制';
interface TemplateUnit {
  name: string;
  kind: string;
  duties: { text: string; sourceDocument: string | null; sourceClause: string | null }[];
}

/** Regions whose saved templates an actor may use: each of their regions and every region above it. */
function templateRegionsOf(actor: Actor): string[] {
  const codes = new Set<string>();
  for (const code of actor.regionCodes) for (const n of [2, 4, 6, 9, 12]) if (n <= code.length) codes.add(code.slice(0, n));
  return [...codes];
}

export function createGovernanceService(deps: {
  db: Db;
  repo: GovernanceRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  staff: StaffService;
  files?: EvidenceFiles;
}) {
  const { repo, clock } = deps;

  /** The district the actor administers, from the request or their own scope. */
  async function adminRegion(actor: Actor, raw: string | undefined) {
    const fallback = actor.regionCodes.find((c) => c.length <= 6);
    if (!raw && !fallback) throw invalidField('regionCode', 'validation.required');
    const region = await deps.regions.require(raw ?? fallback!, 'regionCode');
    if (region.level !== 'district' && region.level !== 'city') throw invalidField('regionCode', 'gov.region_not_district');
    if (!canAdminister(actor, region.code)) throw invalidField('regionCode', 'region.out_of_scope');
    return region.code;
  }

  /** What the actor may read: region codes (null = all) or, for a reporter, their units. */
  async function readScope(actor: Actor): Promise<{ regionCodes: string[] | null; unitIds?: string[] }> {
    if (actor.role === 'member_unit_reporter') return { regionCodes: null, unitIds: await repo.unitsOfReporter(actor.userId) };
    const d = readableDistricts(actor);
    return { regionCodes: d === 'all' ? null : d };
  }

  async function loadUnit(actor: Actor, id: string): Promise<UnitRow> {
    const unit = isUuid(id) ? await repo.findUnit(id) : null;
    const mine = actor.role === 'member_unit_reporter' ? await repo.unitsOfReporter(actor.userId) : [];
    if (!unit || !(canRead(actor, unit.regionCode) || mine.includes(unit.id))) throw new NotFound('gov.unit_not_found');
    return unit;
  }

  async function loadTask(actor: Actor, id: string): Promise<{ task: TaskRow; reporterUnits: string[] }> {
    const task = isUuid(id) ? await repo.findTask(id) : null;
    const reporterUnits = actor.role === 'member_unit_reporter' ? await repo.unitsOfReporter(actor.userId) : [];
    if (!task || !(canRead(actor, task.regionCode) || reporterUnits.includes(task.ownerUnitId))) throw new NotFound('gov.task_not_found');
    return { task, reporterUnits };
  }

  async function presentUnits(rows: UnitRow[]) {
    const ids = rows.map((r) => r.id);
    const [duties, reporters] = await Promise.all([repo.dutiesOf(ids), repo.reportersOf(ids)]);
    return rows.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      regionCode: u.regionCode,
      position: u.position,
      status: u.status,
      duties: duties.filter((d) => d.unitId === u.id).map((d) => ({ id: d.id, text: d.text, sourceDocument: d.sourceDocument, sourceClause: d.sourceClause })),
      reporterCount: reporters.filter((r) => r.unitId === u.id).length,
    }));
  }

  async function presentTasks(rows: TaskRow[], withReports = false) {
    const [units, reports] = await Promise.all([repo.unitsByIds([...new Set(rows.map((r) => r.ownerUnitId))]), repo.reportsOf(rows.map((r) => r.id))]);
    const names = new Map(units.map((u) => [u.id, u.name]));
    const today = localTime.date(clock.now());
    return rows.map((t) => {
      const mine = reports.filter((r) => r.taskId === t.id);
      return {
        id: t.id,
        regionCode: t.regionCode,
        year: t.year,
        kind: t.kind,
        title: t.title,
        description: t.description,
        ownerUnitId: t.ownerUnitId,
        ownerUnitName: names.get(t.ownerUnitId) ?? '',
        dueOn: t.dueOn,
        targetText: t.targetText,
        targetValue: t.targetValue === null ? null : Number(t.targetValue),
        targetUnit: t.targetUnit,
        visitId: t.visitId,
        status: t.status,
        isOverdue: isOverdue(t, today),
        completedAt: t.completedAt?.toISOString() ?? null,
        closingNote: t.closingNote,
        reportCount: mine.length,
        lastReportedAt: mine[0]?.reportedAt.toISOString() ?? null,
        latestAchievedValue: mine.find((r) => r.achievedValue !== null)?.achievedValue ?? null,
        ...(withReports && {
          reports: mine.map((r) => ({
            id: r.id,
            text: r.text,
            achievedValue: r.achievedValue === null ? null : Number(r.achievedValue),
            evidenceFileIds: r.evidenceFileIds,
            reportedAt: r.reportedAt.toISOString(),
          })),
        }),
      };
    });
  }

  async function requireUnitIn(regionCode: string, unitId: string, field: string) {
    const unit = await repo.findUnit(unitId);
    if (!unit) throw invalidField(field, 'gov.unit_not_found');
    if (unit.regionCode !== regionCode) throw invalidField(field, 'gov.unit_other_region');
    return unit;
  }

  const service = {
    async listUnits(ctx: RequestContext, q: PageRequest) {
      const scope = await readScope(requireStaff(ctx));
      const { rows, total } = await repo.listUnits({ ...scope, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentUnits(rows), total);
    },

    async getUnit(ctx: RequestContext, id: string) {
      return (await presentUnits([await loadUnit(requireStaff(ctx), id)]))[0];
    },

    async createUnit(ctx: RequestContext, input: UnitInput) {
      const actor = requireStaff(ctx);
      const regionCode = await adminRegion(actor, input.regionCode);
      if ((await repo.unitNamesIn(regionCode)).has(input.name)) throw invalidField('name', 'gov.unit_duplicate');
      const id = newId();
      const position = (await repo.maxUnitPosition(regionCode)) + 1;
      await deps.db.transaction(async (tx) => {
        await repo.insertUnits(
          tx,
          [{ id, regionCode, name: input.name, kind: input.kind, position, createdAt: clock.now() }],
          input.duties.map((d, i) => ({
            id: newId(),
            unitId: id,
            position: i + 1,
            text: d.text,
            sourceDocument: d.sourceDocument || null,
            sourceClause: d.sourceClause || null,
          })),
        );
        await deps.audit(tx, ctx, { action: 'gov.unit.create', entityType: 'member_unit', entityId: id, regionCode, details: { ...input } });
      });
      return service.getUnit(ctx, id);
    },

    /**
     * The templates a district can set its member units up from, each named by its source: the Nankai
     * document shipped with the platform, and the lists saved by the actor's regions and those above them.
     */
    async listTemplates(ctx: RequestContext) {
      const actor = requireStaff(ctx);
      const saved = await repo.templatesOf(templateRegionsOf(actor));
      const names = await deps.regions.namesByCode([...new Set(saved.map((t) => t.regionCode))]);
      return {
        items: [
          {
            id: BUILT_IN_TEMPLATE,
            name: NANKAI_TEMPLATE_NAME,
            source: NANKAI_DOCUMENT,
            regionName: null,
            unitCount: NANKAI_UNITS.length,
            builtIn: true,
            createdAt: null,
          },
          ...saved.map((t) => ({
            id: t.id,
            name: t.name,
            source: null,
            regionName: names.get(t.regionCode) ?? t.regionCode,
            unitCount: (t.units as TemplateUnit[]).length,
            builtIn: false,
            createdAt: t.createdAt.toISOString(),
          })),
        ],
      };
    },

    /** Saves the district's current member units (with their duties and sources) as its own template. */
    async saveTemplate(ctx: RequestContext, input: { name: string; regionCode?: string }) {
      const actor = requireStaff(ctx);
      const regionCode = await adminRegion(actor, input.regionCode);
      const { rows } = await repo.listUnits({ regionCodes: [regionCode], limit: 500, offset: 0 });
      if (!rows.length) throw invalidField('name', 'gov.template_nothing_to_save');
      if ((await repo.templatesOf([regionCode])).some((t) => t.name === input.name)) throw invalidField('name', 'gov.template_duplicate');
      const units: TemplateUnit[] = (await presentUnits(rows)).map((u) => ({
        name: u.name,
        kind: u.kind,
        duties: u.duties.map((d) => ({ text: d.text, sourceDocument: d.sourceDocument, sourceClause: d.sourceClause })),
      }));
      const id = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insertTemplate(tx, { id, regionCode, name: input.name, units, createdBy: actor.userId, createdAt: clock.now() });
        await deps.audit(tx, ctx, {
          action: 'gov.unit_template.save',
          entityType: 'member_unit_template',
          entityId: id,
          regionCode,
          details: { name: input.name, units: units.length },
        });
      });
      return { id, name: input.name, unitCount: units.length };
    },

    /** Loads the member units of a template with their duties (each linked to its source); units already present are kept. */
    async loadTemplate(ctx: RequestContext, input: { template: string; regionCode?: string }) {
      const actor = requireStaff(ctx);
      const regionCode = await adminRegion(actor, input.regionCode);
      let source: TemplateUnit[];
      if (input.template === BUILT_IN_TEMPLATE) {
        source = NANKAI_UNITS.map((u) => ({
          name: u.name,
          kind: u.kind,
          duties: u.duties.map((text) => ({ text, sourceDocument: NANKAI_DOCUMENT, sourceClause: u.clause })),
        }));
      } else {
        const found = isUuid(input.template) ? await repo.findTemplate(input.template) : null;
        if (!found || !templateRegionsOf(actor).includes(found.regionCode)) throw invalidField('template', 'gov.template_not_found');
        source = found.units as TemplateUnit[];
      }
      const existing = await repo.unitNamesIn(regionCode);
      let position = await repo.maxUnitPosition(regionCode);
      const now = clock.now();
      const units: Parameters<GovernanceRepository['insertUnits']>[1] = [];
      const duties: Parameters<GovernanceRepository['insertUnits']>[2] = [];
      for (const u of source.filter((x) => !existing.has(x.name))) {
        const id = newId();
        units.push({ id, regionCode, name: u.name, kind: u.kind, position: ++position, createdAt: now });
        u.duties.forEach((d, i) =>
          duties.push({ id: newId(), unitId: id, position: i + 1, text: d.text, sourceDocument: d.sourceDocument, sourceClause: d.sourceClause }),
        );
      }
      await deps.db.transaction(async (tx) => {
        await repo.insertUnits(tx, units, duties);
        await deps.audit(tx, ctx, {
          action: 'gov.unit.template',
          entityType: 'member_unit',
          regionCode,
          details: { template: input.template, created: units.length },
        });
      });
      return { created: units.length, skipped: source.length - units.length };
    },

    async bindReporter(ctx: RequestContext, unitId: string, userId: string) {
      const actor = requireStaff(ctx);
      const unit = await loadUnit(actor, unitId);
      if (!canAdminister(actor, unit.regionCode)) throw new Forbidden('auth.forbidden');
      const account = (await deps.staff.get(ctx, userId).catch(() => {
        throw invalidField('userId', 'staff.not_found');
      })) as { role: string | null };
      if (account.role !== 'member_unit_reporter') throw invalidField('userId', 'gov.not_reporter');
      await deps.db.transaction(async (tx) => {
        await repo.bindReporter(tx, userId, unit.id);
        await deps.audit(tx, ctx, {
          action: 'gov.unit.bind_reporter',
          entityType: 'member_unit',
          entityId: unit.id,
          regionCode: unit.regionCode,
          details: { userId },
        });
      });
      return service.getUnit(ctx, unit.id);
    },

    async listGroup(ctx: RequestContext, q: PageRequest) {
      const actor = requireStaff(ctx);
      const d = readableDistricts(actor);
      const { rows, total } = await repo.listGroup(d === 'all' ? null : d, q.pageSize, offsetOf(q));
      const units = new Map((await repo.unitsByIds(rows.map((r) => r.unitId).filter((x): x is string => !!x))).map((u) => [u.id, u.name]));
      return pageOf(
        q,
        rows.map((r) => ({
          id: r.id,
          name: r.name,
          position: r.position,
          groupRole: r.groupRole,
          unitId: r.unitId,
          unitName: r.unitId ? (units.get(r.unitId) ?? null) : null,
          regionCode: r.regionCode,
        })),
        total,
      );
    },

    async addGroupMember(ctx: RequestContext, input: { name: string; position: string; groupRole: string; unitId?: string | null; regionCode?: string }) {
      const actor = requireStaff(ctx);
      const regionCode = await adminRegion(actor, input.regionCode);
      if (input.unitId) await requireUnitIn(regionCode, input.unitId, 'unitId');
      const id = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insertGroupMember(tx, {
          id,
          regionCode,
          name: input.name,
          position: input.position,
          groupRole: input.groupRole,
          unitId: input.unitId ?? null,
          createdAt: clock.now(),
        });
        await deps.audit(tx, ctx, { action: 'gov.group.add', entityType: 'leading_group_member', entityId: id, regionCode, details: { ...input } });
      });
      return { id, regionCode, name: input.name, position: input.position, groupRole: input.groupRole, unitId: input.unitId ?? null };
    },

    async listTasks(ctx: RequestContext, q: PageRequest & { year?: number; unit?: string; status?: string; kind?: string; overdue?: boolean; visit?: string }) {
      const actor = requireStaff(ctx);
      const scope = await readScope(actor);
      const unitIds = q.unit ? (scope.unitIds ? scope.unitIds.filter((u) => u === q.unit) : [q.unit]) : scope.unitIds;
      const { rows, total } = await repo.listTasks({
        regionCodes: scope.regionCodes,
        unitIds,
        year: q.year,
        status: q.status,
        kind: q.kind,
        visitId: q.visit && isUuid(q.visit) ? q.visit : undefined,
        overdueOn: q.overdue ? localTime.date(clock.now()) : undefined,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return pageOf(q, await presentTasks(rows), total);
    },

    async getTask(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      const { task, reporterUnits } = await loadTask(actor, id);
      const [presented] = await presentTasks([task], true);
      const fileIds = (presented.reports ?? []).flatMap((r) => r.evidenceFileIds);
      const evidence = deps.files && fileIds.length ? await deps.files.describe(fileIds) : [];
      return {
        ...presented,
        reports: (presented.reports ?? []).map((r) => ({ ...r, evidenceFiles: evidence.filter((f) => r.evidenceFileIds.includes(f.id)) })),
        canReport: canReportOn(actor, task, reporterUnits) && task.status === 'open',
        canClose: canAdminister(actor, task.regionCode) && task.status === 'open',
      };
    },

    async createTask(ctx: RequestContext, input: TaskInput & { regionCode?: string }) {
      const actor = requireStaff(ctx);
      const regionCode = await adminRegion(actor, input.regionCode);
      await requireUnitIn(regionCode, input.ownerUnitId, 'ownerUnitId');
      const id = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insertTasks(tx, [
          {
            id,
            regionCode,
            year: input.year,
            kind: 'annual',
            title: input.title,
            description: input.description || null,
            ownerUnitId: input.ownerUnitId,
            dueOn: input.dueOn,
            targetText: input.targetText,
            targetValue: input.targetValue == null ? null : String(input.targetValue),
            targetUnit: input.targetUnit || null,
            status: 'open',
            createdAt: clock.now(),
          },
        ]);
        await deps.audit(tx, ctx, { action: 'gov.task.create', entityType: 'governance_task', entityId: id, regionCode, details: { ...input } });
      });
      return service.getTask(ctx, id);
    },

    async reportProgress(ctx: RequestContext, id: string, input: { text: string; achievedValue?: number | null; evidenceFileIds: string[] }) {
      const actor = requireStaff(ctx);
      const { task, reporterUnits } = await loadTask(actor, id);
      if (!canReportOn(actor, task, reporterUnits)) throw new Forbidden('auth.forbidden');
      if (task.status !== 'open') throw new Conflict('gov.task_closed');
      if (input.evidenceFileIds.length && !deps.files) throw invalidField('evidenceFileIds', 'award.files_unavailable');
      await deps.db.transaction(async (tx) => {
        const reportId = newId();
        if (input.evidenceFileIds.length) await deps.files!.claim(tx, ctx, input.evidenceFileIds, task.regionCode);
        await repo.insertReport(tx, {
          id: reportId,
          taskId: id,
          text: input.text,
          achievedValue: input.achievedValue == null ? null : String(input.achievedValue),
          evidenceFileIds: input.evidenceFileIds,
          reportedBy: actor.userId,
          reportedAt: clock.now(),
        });
        await deps.audit(tx, ctx, {
          action: 'gov.task.report',
          entityType: 'governance_task',
          entityId: id,
          regionCode: task.regionCode,
          details: { reportId, ...input },
        });
      });
      return service.getTask(ctx, id);
    },

    async completeTask(ctx: RequestContext, id: string, closingNote: string) {
      const actor = requireStaff(ctx);
      const { task } = await loadTask(actor, id);
      if (!canAdminister(actor, task.regionCode)) throw new Forbidden('auth.forbidden');
      await deps.db.transaction(async (tx) => {
        if (!(await repo.completeTask(tx, id, clock.now(), closingNote))) throw new Conflict('gov.task_closed');
        await deps.audit(tx, ctx, {
          action: 'gov.task.complete',
          entityType: 'governance_task',
          entityId: id,
          regionCode: task.regionCode,
          details: { closingNote },
        });
      });
      return service.getTask(ctx, id);
    },

    async listVisits(ctx: RequestContext, q: PageRequest) {
      const actor = requireStaff(ctx);
      const d = readableDistricts(actor);
      if (actor.role === 'member_unit_reporter') return pageOf(q, [], 0);
      const { rows, total } = await repo.listVisits(d === 'all' ? null : d, q.pageSize, offsetOf(q));
      const units = new Map((await repo.unitsByIds(rows.map((r) => r.unitId).filter((x): x is string => !!x))).map((u) => [u.id, u.name]));
      const tasks = await Promise.all(rows.map((r) => repo.listTasks({ regionCodes: null, visitId: r.id, limit: 200, offset: 0 })));
      return pageOf(
        q,
        rows.map((r, i) => ({
          id: r.id,
          visitedOn: r.visitedOn,
          subject: r.subject,
          unitId: r.unitId,
          unitName: r.unitId ? (units.get(r.unitId) ?? null) : null,
          findings: r.findings,
          rectifications: tasks[i].total,
          openRectifications: tasks[i].rows.filter((t) => t.status === 'open').length,
        })),
        total,
      );
    },

    async getVisit(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      const visit = isUuid(id) ? await repo.findVisit(id) : null;
      if (!visit || !canRead(actor, visit.regionCode)) throw new NotFound('gov.visit_not_found');
      const { rows } = await repo.listTasks({ regionCodes: null, visitId: id, limit: 200, offset: 0 });
      return {
        id: visit.id,
        visitedOn: visit.visitedOn,
        subject: visit.subject,
        unitId: visit.unitId,
        findings: visit.findings,
        rectifications: await presentTasks(rows),
      };
    },

    /** A supervision visit; each finding to fix becomes a rectification task owned by a unit, open until closed. */
    async createVisit(ctx: RequestContext, input: VisitInput & { regionCode?: string }) {
      const actor = requireStaff(ctx);
      const regionCode = await adminRegion(actor, input.regionCode);
      if (input.unitId) await requireUnitIn(regionCode, input.unitId, 'unitId');
      for (const [i, r] of input.rectifications.entries()) await requireUnitIn(regionCode, r.ownerUnitId, `rectifications.${i}.ownerUnitId`);
      const id = newId();
      const now = clock.now();
      const year = Number(input.visitedOn.slice(0, 4));
      await deps.db.transaction(async (tx) => {
        await repo.insertVisit(tx, {
          id,
          regionCode,
          visitedOn: input.visitedOn,
          subject: input.subject,
          unitId: input.unitId ?? null,
          findings: input.findings,
          createdBy: actor.userId,
          createdAt: now,
        });
        await repo.insertTasks(
          tx,
          input.rectifications.map((r) => ({
            id: newId(),
            regionCode,
            year,
            kind: 'rectification',
            title: r.title,
            ownerUnitId: r.ownerUnitId,
            dueOn: r.dueOn,
            targetText: r.targetText,
            visitId: id,
            status: 'open',
            createdAt: now,
          })),
        );
        await deps.audit(tx, ctx, { action: 'gov.visit.create', entityType: 'supervision_visit', entityId: id, regionCode, details: { ...input } });
      });
      return service.getVisit(ctx, id);
    },

    // For the assessment.
    adminRegion,
    readScope,
    onTimeReporting: (regionCode: string, year: number, until: string) => repo.onTimeReporting(regionCode, year, until),
    unitsIn: async (regionCode: string) => (await repo.listUnits({ regionCodes: [regionCode], limit: 200, offset: 0 })).rows,
  };
  return service;
}

export type GovernanceService = ReturnType<typeof createGovernanceService>;
