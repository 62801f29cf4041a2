// The annual assessment of member units or streets: weighted criteria scored by reviewers, taken from
// indicators, or computed from on-time reporting; a ranking; publication; every score traceable to its
// evidence (who scored, when, the input value and where it came from).
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { offsetOf, type PageRequest } from '../../kernel/pagination';
import type { PlanInput, ScoreInput } from '../../../contracts/governance';
import type { RegionsService } from '../regions/index';
import { canAdminister, canRead, readableDistricts, shanghaiDate } from './governance.policy';
import { onTimeScore, rank, weightedTotal } from './assessment.policy';
import type { AssessmentRepository, PlanRow } from './assessment.repository';
import type { GovernanceService } from './governance.service';
import type { EvidenceFiles } from '../awards/index';

/**
 * Where an indicator criterion's value comes from. Today staff enter the value with its evidence
 * reference; when the monitoring module lands, an implementation reading its indicator `indicatorKey`
 * for the subject and year plugs in here and the value is no longer typed in.
 */
export interface IndicatorSource { valueOf(indicatorKey: string, subjectId: string, year: number): Promise<{ value: number; evidence: Record<string, unknown> } | null> }

export function createAssessmentService(deps: {
  db: Db; repo: AssessmentRepository; audit: AuditWriter; clock: Clock; regions: RegionsService; governance: GovernanceService; indicators?: IndicatorSource; files?: EvidenceFiles;
}) {
  const { repo, clock } = deps;

  function requireStaff(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
    return ctx.actor;
  }

  async function load(actor: Actor, id: string): Promise<PlanRow> {
    const plan = isUuid(id) ? await repo.find(id) : null;
    if (!plan || !canRead(actor, plan.regionCode)) throw new NotFound('gov.plan_not_found');
    return plan;
  }

  async function subjectsOf(plan: PlanRow): Promise<{ id: string; name: string }[]> {
    if (plan.subjectKind === 'unit') return (await deps.governance.unitsIn(plan.regionCode)).map((u) => ({ id: u.id, name: u.name }));
    return (await deps.regions.descendantsAtLevel(plan.regionCode, 'street')).map((s) => ({ id: s.code, name: s.name }));
  }

  async function present(plan: PlanRow) {
    const criteria = await repo.criteriaOf([plan.id]);
    return {
      id: plan.id, regionCode: plan.regionCode, year: plan.year, title: plan.title, subjectKind: plan.subjectKind, status: plan.status, publishedAt: plan.publishedAt?.toISOString() ?? null,
      criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: Number(c.weight), source: c.source, indicatorKey: c.indicatorKey })),
    };
  }

  /** Every subject's score on every criterion with its evidence, the weighted total and the rank. */
  async function results(plan: PlanRow) {
    const [criteria, stored, subjects] = await Promise.all([repo.criteriaOf([plan.id]), repo.scoresOf(plan.id), subjectsOf(plan)]);
    // On-time reporting is computed live until publication froze it into stored scores.
    const live = plan.status === 'draft' && criteria.some((c) => c.source === 'on_time_reporting')
      ? new Map((await deps.governance.onTimeReporting(plan.regionCode, plan.year, [shanghaiDate(clock.now()), `${plan.year}-12-31`].sort()[0])).map((r) => [r.unitId, r]))
      : null;
    const rows = subjects.map((s) => {
      const cells = criteria.map((c) => {
        const row = stored.find((x) => x.criterionId === c.id && x.subjectId === s.id);
        if (row) return { criterionId: c.id, source: c.source, score: Number(row.score), inputValue: row.inputValue === null ? null : Number(row.inputValue), evidence: row.evidence, evidenceFileIds: row.evidenceFileIds, scoredAt: row.scoredAt.toISOString(), scoredBy: row.scoredBy };
        if (c.source === 'on_time_reporting' && live) {
          const r = live.get(s.id) ?? { due: 0, onTime: 0 };
          return { criterionId: c.id, source: c.source, score: onTimeScore(r.due, r.onTime), inputValue: r.due ? r.onTime / r.due : null, evidence: { computedFrom: 'governance_tasks', tasksDue: r.due, reportedOnTime: r.onTime }, evidenceFileIds: [], scoredAt: null, scoredBy: null };
        }
        return { criterionId: c.id, source: c.source, score: null, inputValue: null, evidence: null, evidenceFileIds: [], scoredAt: null, scoredBy: null };
      });
      const scoreMap = new Map(cells.filter((x) => x.score !== null).map((x) => [x.criterionId, x.score as number]));
      return { subjectId: s.id, subjectName: s.name, total: weightedTotal(criteria.map((c) => ({ id: c.id, weight: Number(c.weight) })), scoreMap), missing: cells.filter((x) => x.score === null).length, scores: cells };
    });
    return rank(rows);
  }

  const service = {
    async list(ctx: RequestContext, q: PageRequest) {
      const d = readableDistricts(requireStaff(ctx));
      const { rows, total } = await repo.list(d === 'all' ? null : d, q.pageSize, offsetOf(q));
      return { items: await Promise.all(rows.map(present)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(ctx: RequestContext, id: string) {
      return present(await load(requireStaff(ctx), id));
    },

    async create(ctx: RequestContext, input: PlanInput) {
      const actor = requireStaff(ctx);
      const regionCode = await deps.governance.adminRegion(actor, input.regionCode);
      input.criteria.forEach((c, i) => {
        if (c.source === 'on_time_reporting' && input.subjectKind !== 'unit') throw invalidField(`criteria.${i}.source`, 'gov.computed_source');
      });
      const id = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insert(tx, { id, regionCode, year: input.year, title: input.title, subjectKind: input.subjectKind, status: 'draft', createdAt: clock.now() },
          input.criteria.map((c, i) => ({ id: newId(), planId: id, position: i + 1, name: c.name, weight: String(c.weight), source: c.source, indicatorKey: c.indicatorKey || null })));
        await deps.audit(tx, ctx, { action: 'gov.assessment.create', entityType: 'assessment_plan', entityId: id, regionCode, details: { ...input } });
      });
      return service.get(ctx, id);
    },

    async score(ctx: RequestContext, id: string, input: ScoreInput) {
      const actor = requireStaff(ctx);
      const plan = await load(actor, id);
      if (!canAdminister(actor, plan.regionCode)) throw new Forbidden('auth.forbidden');
      const criterion = (await repo.criteriaOf([plan.id])).find((c) => c.id === input.criterionId);
      if (!criterion) throw invalidField('criterionId', 'gov.criterion_not_in_plan');
      if (!(await subjectsOf(plan)).some((s) => s.id === input.subjectId)) throw invalidField('subjectId', 'gov.subject_not_found');
      if (criterion.source === 'on_time_reporting') throw invalidField('criterionId', 'gov.computed_source');
      let score = input.score;
      let inputValue = input.inputValue ?? null;
      const evidence: Record<string, unknown> = { reference: input.evidence, source: criterion.source };
      if (criterion.source === 'indicator') {
        const fromMonitoring = deps.indicators && criterion.indicatorKey ? await deps.indicators.valueOf(criterion.indicatorKey, input.subjectId, plan.year) : null;
        if (fromMonitoring) { inputValue = fromMonitoring.value; Object.assign(evidence, fromMonitoring.evidence, { indicatorKey: criterion.indicatorKey }); }
        if (inputValue === null) throw invalidField('inputValue', 'gov.value_required');
        // An indicator given as a percentage scores its value unless the reviewer converts it explicitly.
        score ??= Math.max(0, Math.min(100, inputValue));
        evidence.indicatorKey = criterion.indicatorKey;
      }
      if (score === undefined) throw invalidField('score', 'gov.score_required');
      if (input.evidenceFileIds.length && !deps.files) throw invalidField('evidenceFileIds', 'award.files_unavailable');
      await deps.db.transaction(async (tx) => {
        if ((await repo.lock(tx, plan.id)).status !== 'draft') throw new Conflict('gov.plan_published');
        if (input.evidenceFileIds.length) await deps.files!.claim(tx, ctx, input.evidenceFileIds, plan.regionCode);
        await repo.upsertScore(tx, {
          id: newId(), planId: plan.id, criterionId: criterion.id, subjectId: input.subjectId, score: String(score), inputValue: inputValue === null ? null : String(inputValue),
          evidence, evidenceFileIds: input.evidenceFileIds, scoredBy: actor.userId, scoredAt: clock.now(),
        });
        await deps.audit(tx, ctx, { action: 'gov.assessment.score', entityType: 'assessment_plan', entityId: plan.id, regionCode: plan.regionCode, details: { ...input, score } });
      });
      return (await results(plan)).find((r) => r.subjectId === input.subjectId);
    },

    async results(ctx: RequestContext, id: string) {
      const plan = await load(requireStaff(ctx), id);
      return { plan: await present(plan), items: await results(plan) };
    },

    /** Freezes computed scores into the record and publishes; refused while any score is missing. */
    async publish(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      const plan = await load(actor, id);
      if (!canAdminister(actor, plan.regionCode)) throw new Forbidden('auth.forbidden');
      if (plan.status !== 'draft') throw new Conflict('gov.plan_published');
      const ranked = await results(plan);
      const missing = ranked.reduce((s, r) => s + r.missing, 0);
      if (missing) throw new Conflict('gov.not_fully_scored', { count: missing });
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        if ((await repo.lock(tx, plan.id)).status !== 'draft') throw new Conflict('gov.plan_published');
        for (const r of ranked) {
          for (const c of r.scores.filter((x) => x.source === 'on_time_reporting')) {
            await repo.upsertScore(tx, { id: newId(), planId: plan.id, criterionId: c.criterionId, subjectId: r.subjectId, score: String(c.score), inputValue: c.inputValue === null ? null : String(c.inputValue), evidence: c.evidence ?? {}, evidenceFileIds: [], scoredBy: actor.userId, scoredAt: now });
          }
        }
        await repo.publish(tx, plan.id, now);
        await deps.audit(tx, ctx, { action: 'gov.assessment.publish', entityType: 'assessment_plan', entityId: plan.id, regionCode: plan.regionCode, details: { ranking: ranked.map((r) => ({ subjectId: r.subjectId, total: r.total, rank: r.rank })) } });
      });
      return service.results(ctx, id);
    },
  };
  return service;
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
