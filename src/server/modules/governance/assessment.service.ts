// The annual assessment of member units or streets: weighted criteria scored by reviewers, taken from
// indicators, or computed from on-time reporting; a ranking; publication; every score traceable to its
// evidence (who scored, when, the input value and where it came from).
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { PlanInput, ScoreInput } from '../../../contracts/governance';
import type { RegionsService } from '../regions/index';
import { canAdminister, canRead, readableDistricts } from './governance.policy';
import { onTimeScore, rank, weightedTotal } from './assessment.policy';
import type { AssessmentRepository, PlanRow } from './assessment.repository';
import type { GovernanceService } from './governance.service';
import type { EvidenceFiles } from '../awards/index';
import { localTime } from '../../../contracts/local-time';

/**
 * Where an indicator criterion's value comes from: the monitoring module's computed indicator `indicatorKey`
 * for the subject's region (a street, or a member unit's region) and the plan's year, with its 0–100 score
 * (null when the indicator has no scale) and where the value came from. Null when monitoring holds no value.
 */
export interface IndicatorSource {
  valueOf(indicatorKey: string, regionCode: string, year: number): Promise<{ value: number; score: number | null; evidence: Record<string, unknown> } | null>;
  exists(indicatorKey: string): Promise<boolean>;
}

export function createAssessmentService(deps: {
  db: Db;
  repo: AssessmentRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  governance: GovernanceService;
  indicators?: IndicatorSource;
  files?: EvidenceFiles;
}) {
  const { repo, clock } = deps;

  async function load(actor: Actor, id: string): Promise<PlanRow> {
    const plan = isUuid(id) ? await repo.find(id) : null;
    if (!plan || !canRead(actor, plan.regionCode)) throw new NotFound('gov.plan_not_found');
    return plan;
  }

  async function subjectsOf(plan: PlanRow): Promise<{ id: string; name: string; regionCode: string }[]> {
    if (plan.subjectKind === 'unit') return (await deps.governance.unitsIn(plan.regionCode)).map((u) => ({ id: u.id, name: u.name, regionCode: u.regionCode }));
    return (await deps.regions.descendantsAtLevel(plan.regionCode, 'street')).map((s) => ({ id: s.code, name: s.name, regionCode: s.code }));
  }

  async function present(plan: PlanRow) {
    const criteria = await repo.criteriaOf([plan.id]);
    return {
      id: plan.id,
      regionCode: plan.regionCode,
      year: plan.year,
      title: plan.title,
      subjectKind: plan.subjectKind,
      status: plan.status,
      publishedAt: plan.publishedAt?.toISOString() ?? null,
      criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: Number(c.weight), source: c.source, indicatorKey: c.indicatorKey })),
    };
  }

  /**
   * Every subject's score on every criterion with its evidence, the weighted total and the rank. Computed
   * criteria (on-time reporting, indicators) are read live until publication froze them; a computed
   * criterion with nothing to measure is `noData`: no score, left out of the total, never blocking publication.
   */
  async function results(plan: PlanRow) {
    const [criteria, stored, subjects] = await Promise.all([repo.criteriaOf([plan.id]), repo.scoresOf(plan.id), subjectsOf(plan)]);
    const draft = plan.status === 'draft';
    const live =
      draft && criteria.some((c) => c.source === 'on_time_reporting')
        ? new Map(
            (await deps.governance.onTimeReporting(plan.regionCode, plan.year, [localTime.date(clock.now()), `${plan.year}-12-31`].sort()[0])).map((r) => [
              r.unitId,
              r,
            ]),
          )
        : null;
    const indicatorValues = new Map<string, Awaited<ReturnType<IndicatorSource['valueOf']>>>();
    if (draft && deps.indicators) {
      for (const c of criteria.filter((x) => x.source === 'indicator' && x.indicatorKey)) {
        for (const s of subjects) indicatorValues.set(`${c.id}|${s.id}`, await deps.indicators.valueOf(c.indicatorKey!, s.regionCode, plan.year));
      }
    }
    const rows = subjects.map((s) => {
      const cells = criteria.map((c) => {
        const row = stored.find((x) => x.criterionId === c.id && x.subjectId === s.id);
        const base = { criterionId: c.id, source: c.source, evidenceFileIds: [] as string[], scoredAt: null, scoredBy: null, noData: false };
        if (row)
          return {
            ...base,
            score: Number(row.score),
            inputValue: row.inputValue === null ? null : Number(row.inputValue),
            evidence: row.evidence,
            evidenceFileIds: row.evidenceFileIds,
            scoredAt: row.scoredAt.toISOString(),
            scoredBy: row.scoredBy,
          };
        if (c.source === 'on_time_reporting') {
          if (!live) return { ...base, score: null, inputValue: null, evidence: { computedFrom: 'governance_tasks', noData: true }, noData: true };
          const r = live.get(s.id) ?? { due: 0, onTime: 0 };
          const score = onTimeScore(r.due, r.onTime);
          return {
            ...base,
            score,
            inputValue: r.due ? r.onTime / r.due : null,
            evidence: { computedFrom: 'governance_tasks', tasksDue: r.due, reportedOnTime: r.onTime },
            noData: score === null,
          };
        }
        if (c.source === 'indicator') {
          const v = indicatorValues.get(`${c.id}|${s.id}`) ?? null;
          const score = v?.score ?? null;
          return {
            ...base,
            score,
            inputValue: v?.value ?? null,
            evidence: { computedFrom: 'monitoring', indicatorKey: c.indicatorKey, regionCode: s.regionCode, ...(v?.evidence ?? { noData: true }) },
            noData: score === null,
          };
        }
        return { ...base, score: null, inputValue: null, evidence: null };
      });
      const scoreMap = new Map(cells.filter((x) => x.score !== null).map((x) => [x.criterionId, x.score as number]));
      const noData = new Set(cells.filter((x) => x.noData).map((x) => x.criterionId));
      return {
        subjectId: s.id,
        subjectName: s.name,
        total: weightedTotal(
          criteria.map((c) => ({ id: c.id, weight: Number(c.weight) })),
          scoreMap,
          noData,
        ),
        missing: cells.filter((x) => x.score === null && !x.noData).length,
        noData: noData.size,
        scores: cells,
      };
    });
    return rank(rows);
  }

  const service = {
    async list(ctx: RequestContext, q: PageRequest) {
      const d = readableDistricts(requireStaff(ctx));
      const { rows, total } = await repo.list(d === 'all' ? null : d, q.pageSize, offsetOf(q));
      return pageOf(q, await Promise.all(rows.map(present)), total);
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
      for (const [i, c] of input.criteria.entries()) {
        if (c.source !== 'indicator') continue;
        if (!c.indicatorKey || (deps.indicators && !(await deps.indicators.exists(c.indicatorKey))))
          throw invalidField(`criteria.${i}.indicatorKey`, 'gov.indicator_unknown');
      }
      const id = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insert(
          tx,
          { id, regionCode, year: input.year, title: input.title, subjectKind: input.subjectKind, status: 'draft', createdAt: clock.now() },
          input.criteria.map((c, i) => ({
            id: newId(),
            planId: id,
            position: i + 1,
            name: c.name,
            weight: String(c.weight),
            source: c.source,
            indicatorKey: c.indicatorKey || null,
          })),
        );
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
      // Indicator criteria are read from monitoring, never typed in (an installation without monitoring still takes the value).
      if (criterion.source === 'indicator' && deps.indicators) throw invalidField('criterionId', 'gov.indicator_computed');
      let score = input.score;
      const inputValue = input.inputValue ?? null;
      const evidence: Record<string, unknown> = { reference: input.evidence, source: criterion.source };
      if (criterion.source === 'indicator') {
        if (inputValue === null) throw invalidField('inputValue', 'gov.value_required');
        score ??= Math.max(0, Math.min(100, inputValue));
        evidence.indicatorKey = criterion.indicatorKey;
      }
      if (score === undefined) throw invalidField('score', 'gov.score_required');
      if (input.evidenceFileIds.length && !deps.files) throw invalidField('evidenceFileIds', 'award.files_unavailable');
      await deps.db.transaction(async (tx) => {
        if ((await repo.lock(tx, plan.id)).status !== 'draft') throw new Conflict('gov.plan_published');
        if (input.evidenceFileIds.length) await deps.files!.claim(tx, ctx, input.evidenceFileIds, plan.regionCode);
        await repo.upsertScore(tx, {
          id: newId(),
          planId: plan.id,
          criterionId: criterion.id,
          subjectId: input.subjectId,
          score: String(score),
          inputValue: inputValue === null ? null : String(inputValue),
          evidence,
          evidenceFileIds: input.evidenceFileIds,
          scoredBy: actor.userId,
          scoredAt: clock.now(),
        });
        await deps.audit(tx, ctx, {
          action: 'gov.assessment.score',
          entityType: 'assessment_plan',
          entityId: plan.id,
          regionCode: plan.regionCode,
          details: { ...input, score },
        });
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
          // Computed scores are frozen as they stand; a criterion without data stays without a score.
          for (const c of r.scores.filter((x) => (x.source === 'on_time_reporting' || x.source === 'indicator') && x.score !== null && x.scoredAt === null)) {
            await repo.upsertScore(tx, {
              id: newId(),
              planId: plan.id,
              criterionId: c.criterionId,
              subjectId: r.subjectId,
              score: String(c.score),
              inputValue: c.inputValue === null ? null : String(c.inputValue),
              evidence: c.evidence ?? {},
              evidenceFileIds: [],
              scoredBy: actor.userId,
              scoredAt: now,
            });
          }
        }
        await repo.publish(tx, plan.id, now);
        await deps.audit(tx, ctx, {
          action: 'gov.assessment.publish',
          entityType: 'assessment_plan',
          entityId: plan.id,
          regionCode: plan.regionCode,
          details: { ranking: ranked.map((r) => ({ subjectId: r.subjectId, total: r.total, rank: r.rank })) },
        });
      });
      return service.results(ctx, id);
    },
  };
  return service;
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
