// Calls for courses (征集 → 评审 → 购买/录用): an office opens a call; institutions, instructors and outside
// bodies submit proposals; reviewers score them against weighted criteria; the office accepts, purchases
// within the budget, or rejects with a reason. Accepted and purchased proposals enter the course library.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { ancestorCodes } from '../../kernel/ownership';
import { buildSearchQuery, buildSearchText } from '../../kernel/search-text';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { CallInput, CallPatch, DecisionInput, ProposalInput } from '../../../contracts/calls';
import type { RegionsService } from '../regions/index';
import type { CategoriesService } from '../categories/index';
import type { CoursesService } from '../courses/index';
import type { FilesService } from '../files/index';
import type { InstitutionsService } from '../institutions/index';
import type { StaffService } from '../accounts/index';
import {
  canManageCall,
  canMoveTo,
  canOpenCallIn,
  canSeeCall,
  fitsBudget,
  isReviewer,
  scoreOutOfRange,
  submitRefusal,
  submitterKindOf,
  weightedTotal,
} from './calls.policy';
import type { CallRow, CallsRepository, ProposalRow } from './calls.repository';

export function createCallsService(deps: {
  db: Db;
  repo: CallsRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  categories: CategoriesService;
  courses: CoursesService;
  files: FilesService;
  institutions: InstitutionsService;
  staff: StaffService;
}) {
  const { db, repo, audit, clock } = deps;

  async function loadVisible(actor: Actor, id: string): Promise<CallRow> {
    const row = isUuid(id) ? await repo.find(id) : null;
    if (!row || !canSeeCall(actor, row)) throw new NotFound('call.not_found');
    return row;
  }
  async function loadManaged(actor: Actor, id: string): Promise<CallRow> {
    const row = await loadVisible(actor, id);
    if (!canManageCall(actor, row)) throw new Forbidden('auth.forbidden');
    return row;
  }

  async function presentCalls(ctx: RequestContext, rows: CallRow[]) {
    const actor = ctx.actor!;
    const [names, tallies, cats, reviewers] = await Promise.all([
      deps.regions.namesByCode([...new Set(rows.map((r) => r.ownerRegionCode))]),
      repo.tallies(rows.map((r) => r.id)),
      deps.categories.list({ includeInactive: true }).then(({ items }) => new Map(items.map((c) => [c.code, ctx.locale === 'en' ? c.nameEn : c.nameZh]))),
      deps.staff.activeStaff(rows.flatMap((r) => r.reviewerIds)).then((l) => new Map(l.map((s) => [s.id, s.displayName]))),
    ]);
    const now = clock.now();
    return rows.map((r) => {
      const t = tallies.get(r.id)!;
      return {
        id: r.id,
        title: r.title,
        requirements: r.requirements,
        categories: r.categories.map((code) => ({ code, name: cats.get(code) ?? code })),
        ownerRegionCode: r.ownerRegionCode,
        ownerRegionName: names.get(r.ownerRegionCode) ?? r.ownerRegionCode,
        budgetFen: r.budgetFen,
        spentFen: t.spentFen,
        remainingFen: r.budgetFen - t.spentFen,
        deadline: r.deadline.toISOString(),
        isPastDeadline: now.getTime() > r.deadline.getTime(),
        criteria: r.criteria,
        reviewers: r.reviewerIds.map((id) => ({ id, displayName: reviewers.get(id) ?? '—' })),
        status: r.status,
        proposals: { total: Object.values(t.byStatus).reduce((a, b) => a + b, 0), ...t.byStatus },
        canManage: canManageCall(actor, r),
        canReview: isReviewer(actor, r),
        canSubmit: submitRefusal(actor, r, now) === null,
        createdAt: r.createdAt.toISOString(),
        version: r.version,
      };
    });
  }
  const presentCall = async (ctx: RequestContext, row: CallRow) => (await presentCalls(ctx, [row]))[0];

  async function presentProposals(ctx: RequestContext, call: CallRow, rows: ProposalRow[]) {
    const actor = ctx.actor!;
    const manager = canManageCall(actor, call);
    const [scores, cats, materials] = await Promise.all([
      repo.scoresOf(rows.map((r) => r.id)),
      deps.categories.list({ includeInactive: true }).then(({ items }) => new Map(items.map((c) => [c.code, ctx.locale === 'en' ? c.nameEn : c.nameZh]))),
      deps.files.describe(rows.flatMap((r) => r.materialFileIds)),
    ]);
    const reviewerNames = new Map((await deps.staff.activeStaff([...new Set(scores.map((s) => s.reviewerId))])).map((s) => [s.id, s.displayName]));
    return rows.map((r) => {
      const mine = scores.filter((s) => s.proposalId === r.id);
      const average = mine.length ? Math.round((mine.reduce((a, s) => a + s.total, 0) / mine.length) * 10) / 10 : null;
      const myScore = mine.find((s) => s.reviewerId === actor.userId);
      return {
        id: r.id,
        callId: r.callId,
        title: r.title,
        category: r.category,
        categoryName: cats.get(r.category) ?? r.category,
        targetGroups: r.targetGroups,
        mode: r.mode,
        learningHours: Number(r.learningHours),
        description: r.description,
        syllabus: r.syllabus,
        materials: r.materialFileIds.map((id) => materials.get(id)).filter(Boolean),
        submitterKind: r.submitterKind,
        submitterName: r.submitterName,
        quotedPriceFen: r.quotedPriceFen,
        status: r.status,
        decisionReason: r.decisionReason,
        priceFen: r.priceFen,
        contractNo: r.contractNo,
        supplier: r.supplier,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        courseId: r.courseId,
        reviewCount: mine.length,
        averageScore: manager ? average : null,
        scores: manager
          ? mine.map((s) => ({
              reviewerId: s.reviewerId,
              reviewerName: reviewerNames.get(s.reviewerId) ?? '—',
              scores: s.scores,
              total: s.total,
              comment: s.comment,
            }))
          : [],
        myScore: myScore ? { scores: myScore.scores, total: myScore.total, comment: myScore.comment } : null,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  async function checkReviewers(ids: string[]) {
    const found = new Set((await deps.staff.activeStaff(ids)).map((s) => s.id));
    if (ids.some((id) => !found.has(id))) throw invalidField('reviewerIds', 'call.reviewer_not_staff');
  }
  async function checkCategories(codes: string[]) {
    for (const code of codes) await deps.categories.require(code, 'categories');
  }

  /** A proposal the caller may see: the call's office and reviewers see all, a submitter their own. */
  async function loadProposal(actor: Actor, id: string) {
    const proposal = isUuid(id) ? await repo.findProposal(id) : null;
    const call = proposal ? await repo.find(proposal.callId) : null;
    if (!proposal || !call || !canSeeCall(actor, call)) throw new NotFound('call.proposal_not_found');
    if (!canManageCall(actor, call) && !isReviewer(actor, call) && proposal.submittedBy !== actor.userId) throw new NotFound('call.proposal_not_found');
    return { proposal, call };
  }

  return {
    async list(ctx: RequestContext, q: PageRequest & { status?: string; q?: string; sort?: string }) {
      const actor = requireStaff(ctx);
      const roots = visibleRegionRoots(actor);
      const { rows, total } = await repo.list({
        roots: roots === 'all' ? null : roots,
        above: roots === 'all' ? [] : [...new Set(roots.flatMap(ancestorCodes))],
        reviewerId: actor.userId,
        status: q.status,
        tsQuery: q.q ? buildSearchQuery(q.q) : null,
        sort: q.sort,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return pageOf(q, await presentCalls(ctx, rows), total);
    },

    async get(ctx: RequestContext, id: string) {
      return presentCall(ctx, await loadVisible(requireStaff(ctx), id));
    },

    async create(ctx: RequestContext, input: CallInput) {
      const actor = requireStaff(ctx);
      const regionCode = input.ownerRegionCode ? (await deps.regions.require(input.ownerRegionCode, 'ownerRegionCode')).code : actor.regionCodes[0];
      if (!regionCode || !canOpenCallIn(actor, regionCode)) throw invalidField('ownerRegionCode', 'call.owner_level');
      await checkCategories(input.categories);
      await checkReviewers(input.reviewerIds);
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insert(tx, {
          id,
          title: input.title,
          requirements: input.requirements,
          categories: [...new Set(input.categories)],
          ownerRegionCode: regionCode,
          budgetFen: input.budgetFen,
          deadline: new Date(input.deadline),
          criteria: input.criteria,
          reviewerIds: [...new Set(input.reviewerIds)],
          status: 'draft',
          searchText: buildSearchText(input.title, input.requirements),
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await audit(tx, ctx, {
          action: 'call.create',
          entityType: 'course_call',
          entityId: id,
          regionCode,
          details: { title: input.title, budgetFen: input.budgetFen },
        });
      });
      return presentCall(ctx, (await repo.find(id))!);
    },

    /** Edits while the call is a draft or open (an open call may get a later deadline or more reviewers). */
    async update(ctx: RequestContext, id: string, patch: CallPatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const call = await loadManaged(actor, id);
      if (call.status !== 'draft' && call.status !== 'open') throw new Conflict('call.not_editable');
      if (patch.categories) await checkCategories(patch.categories);
      if (patch.reviewerIds) await checkReviewers(patch.reviewerIds);
      if (patch.budgetFen !== undefined) {
        const spent = (await repo.tallies([id])).get(id)!.spentFen;
        if (patch.budgetFen < spent) throw invalidField('budgetFen', 'call.budget_below_spend', { spent: spent / 100 });
      }
      const merged = { ...call, ...patch };
      const row = await db.transaction(async (tx) => {
        const updated = await repo.update(
          tx,
          id,
          {
            ...(patch.title !== undefined && { title: patch.title }),
            ...(patch.requirements !== undefined && { requirements: patch.requirements }),
            ...(patch.categories !== undefined && { categories: [...new Set(patch.categories)] }),
            ...(patch.budgetFen !== undefined && { budgetFen: patch.budgetFen }),
            ...(patch.deadline !== undefined && { deadline: new Date(patch.deadline) }),
            ...(patch.criteria !== undefined && { criteria: patch.criteria }),
            ...(patch.reviewerIds !== undefined && { reviewerIds: [...new Set(patch.reviewerIds)] }),
            searchText: buildSearchText(merged.title, merged.requirements),
            updatedAt: clock.now(),
          },
          expectedVersion,
        );
        if (updated)
          await audit(tx, ctx, { action: 'call.update', entityType: 'course_call', entityId: id, regionCode: call.ownerRegionCode, details: { ...patch } });
        return updated;
      });
      if (!row) throw new Conflict('conflict.stale');
      return presentCall(ctx, row);
    },

    /** draft → open → reviewing → closed. Opening needs a deadline still ahead and at least one reviewer. */
    async moveTo(ctx: RequestContext, id: string, to: 'open' | 'reviewing' | 'closed') {
      const actor = requireStaff(ctx);
      const call = await loadManaged(actor, id);
      if (!canMoveTo(call.status, to)) throw new Conflict('call.bad_transition', { from: call.status, to });
      if (to === 'open' && call.deadline.getTime() <= clock.now().getTime()) throw invalidField('deadline', 'call.deadline_in_past');
      if (to === 'open' && call.reviewerIds.length === 0) throw invalidField('reviewerIds', 'call.reviewers_required');
      const row = await db.transaction(async (tx) => {
        const updated = await repo.update(tx, id, { status: to, updatedAt: clock.now() }, call.version);
        if (updated)
          await audit(tx, ctx, {
            action: `call.${to === 'reviewing' ? 'start_review' : to}`,
            entityType: 'course_call',
            entityId: id,
            regionCode: call.ownerRegionCode,
          });
        return updated;
      });
      if (!row) throw new Conflict('conflict.stale');
      return presentCall(ctx, row);
    },

    async proposals(ctx: RequestContext, callId: string, q: PageRequest & { status?: string }) {
      const actor = requireStaff(ctx);
      const call = await loadVisible(actor, callId);
      const seesAll = canManageCall(actor, call) || isReviewer(actor, call);
      const { rows, total } = await repo.proposals(call.id, seesAll ? null : actor.userId, { limit: q.pageSize, offset: offsetOf(q), status: q.status });
      return pageOf(q, await presentProposals(ctx, call, rows), total);
    },

    async proposal(ctx: RequestContext, id: string) {
      const { proposal, call } = await loadProposal(requireStaff(ctx), id);
      return (await presentProposals(ctx, call, [proposal]))[0];
    },

    async submit(ctx: RequestContext, callId: string, input: ProposalInput) {
      const actor = requireStaff(ctx);
      const call = await loadVisible(actor, callId);
      const refusal = submitRefusal(actor, call, clock.now());
      if (refusal === 'auth.forbidden') throw new Forbidden(refusal);
      if (refusal) throw new Conflict(refusal);
      await deps.courses.checkContent(input);
      if (call.categories.length && !call.categories.includes(input.category)) throw invalidField('category', 'call.category_not_wanted');
      const kind = submitterKindOf(actor)!;
      let submitterName = actor.displayName;
      let institutionId: string | null = null;
      if (kind === 'outside') {
        if (!input.supplierName) throw invalidField('supplierName', 'validation.required');
        submitterName = input.supplierName;
      } else if (kind === 'institution') {
        institutionId = actor.institutions[0]?.id ?? null;
        submitterName = (institutionId && (await deps.institutions.namesOf([institutionId])).get(institutionId)) || actor.displayName;
      }
      const id = newId();
      await db.transaction(async (tx) => {
        const materials = await deps.courses.claimMaterials(tx, ctx, input.materialFileIds, call.ownerRegionCode);
        await repo.insertProposal(tx, {
          id,
          callId,
          ...deps.courses.contentRow(input, materials),
          submitterKind: kind,
          submittedBy: actor.userId,
          submitterName,
          institutionId,
          quotedPriceFen: input.quotedPriceFen ?? null,
          status: 'submitted',
          createdAt: clock.now(),
        });
        await audit(tx, ctx, {
          action: 'call.proposal_submit',
          entityType: 'course_proposal',
          entityId: id,
          regionCode: call.ownerRegionCode,
          details: { callId, title: input.title, submitterKind: kind, submitterName },
        });
      });
      return (await presentProposals(ctx, call, [(await repo.findProposal(id))!]))[0];
    },

    /** A reviewer's scores, once per proposal, each within its criterion's maximum, while the call is under review. */
    async score(ctx: RequestContext, proposalId: string, input: { scores: number[]; comment?: string }) {
      const actor = requireStaff(ctx);
      const { proposal, call } = await loadProposal(actor, proposalId);
      if (!isReviewer(actor, call)) throw new Forbidden('call.not_reviewer');
      if (call.status !== 'reviewing') throw new Conflict('call.not_reviewing');
      if (input.scores.length !== call.criteria.length) throw invalidField('scores', 'call.scores_count', { count: call.criteria.length });
      const bad = scoreOutOfRange(call.criteria, input.scores);
      if (bad >= 0) throw invalidField(`scores.${bad}`, 'call.score_above_max', { criterion: call.criteria[bad].name, max: call.criteria[bad].maxScore });
      const total = weightedTotal(call.criteria, input.scores);
      await db.transaction(async (tx) => {
        const inserted = await repo.insertScore(tx, {
          proposalId,
          reviewerId: actor.userId,
          scores: input.scores,
          total,
          comment: input.comment ?? null,
          createdAt: clock.now(),
        });
        if (!inserted) throw new Conflict('call.already_scored');
        await audit(tx, ctx, {
          action: 'call.proposal_score',
          entityType: 'course_proposal',
          entityId: proposalId,
          regionCode: call.ownerRegionCode,
          details: { scores: input.scores, total },
        });
      });
      return (await presentProposals(ctx, call, [proposal]))[0];
    },

    /**
     * The office's decision. A purchase locks the call and is refused when its price exceeds what is left of
     * the budget, so two purchases at once cannot overspend it. Accepted and purchased proposals enter the library.
     */
    async decide(ctx: RequestContext, proposalId: string, input: DecisionInput) {
      const actor = requireStaff(ctx);
      const { proposal, call } = await loadProposal(actor, proposalId);
      if (!canManageCall(actor, call)) throw new Forbidden('auth.forbidden');
      const categoryName = input.decision === 'rejected' ? '' : await deps.courses.categoryName(proposal.category).catch(() => proposal.category);
      await db.transaction(async (tx) => {
        const locked = (await repo.find(call.id, tx, true))!;
        if (locked.status !== 'reviewing') throw new Conflict('call.not_reviewing');
        const current = (await repo.findProposal(proposalId, tx, true))!;
        if (current.status !== 'submitted') throw new Conflict('call.already_decided');
        if (input.decision === 'purchased') {
          const spent = (await repo.tallies([call.id], tx)).get(call.id)!.spentFen;
          if (!fitsBudget(locked.budgetFen, spent, input.priceFen)) {
            throw new Conflict(
              'call.over_budget',
              { remaining: ((locked.budgetFen - spent) / 100).toFixed(2) },
              { fields: { priceFen: 'call.over_budget_field' }, remainingFen: locked.budgetFen - spent },
            );
          }
        }
        let courseId: string | null = null;
        if (input.decision !== 'rejected') {
          courseId = await deps.courses.createFromProposal(
            tx,
            ctx,
            {
              content: {
                title: current.title,
                category: current.category,
                targetGroups: current.targetGroups as never,
                mode: current.mode as never,
                learningHours: Number(current.learningHours),
                description: current.description,
                syllabus: current.syllabus,
                materialFileIds: current.materialFileIds,
              },
              ownerRegionCode: call.ownerRegionCode,
              callId: call.id,
              proposalId,
              priceFen: input.decision === 'purchased' ? input.priceFen : null,
              contractNo: input.decision === 'purchased' ? input.contractNo : null,
              supplier: input.decision === 'purchased' ? input.supplier : current.submitterName,
            },
            categoryName,
          );
        }
        await repo.updateProposal(tx, proposalId, {
          status: input.decision,
          decisionReason: input.reason ?? null,
          decidedBy: actor.userId,
          decidedAt: clock.now(),
          courseId,
          ...(input.decision === 'purchased' && { priceFen: input.priceFen, contractNo: input.contractNo, supplier: input.supplier }),
        });
        await audit(tx, ctx, {
          action: `call.proposal_${input.decision}`,
          entityType: 'course_proposal',
          entityId: proposalId,
          regionCode: call.ownerRegionCode,
          details: { ...input, courseId },
        });
      });
      return (await presentProposals(ctx, call, [(await repo.findProposal(proposalId))!]))[0];
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
