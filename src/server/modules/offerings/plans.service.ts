// Terms and campaigns: filed under an office (terms may belong to an institution), edited by whoever
// administers it, published or cancelled; a term carries the per-person quota.
import { requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { canOwnIn } from '../../kernel/ownership';
import { Conflict, Forbidden, invalidField } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { offsetOf, pageOf } from '../../kernel/pagination';
import type { CampaignInput, CampaignPatch, TermInput, TermPatch } from '../../../contracts/offerings';
import { canEditPlan, canMovePlan, defaultInstitutionOf } from './offerings.policy';
import type { CampaignRow, TermRow } from './offerings.repository';
import type { DbOrTx } from '../../db/client';
import type { OfferingsCore, PlanListQuery } from './offerings.core';

export function createPlansService(core: OfferingsCore) {
  const { deps, db, repo, audit, clock, regions, requireAuthor, presentCampaigns, loadTerm, loadCampaign } = core;

  /** Where a new term or campaign is filed; campaigns belong to offices only (they have no owner institution). */
  async function placePlan(actor: Actor, input: { ownerRegionCode?: string; ownerInstitutionId?: string | null }, opts: { institutionOwned: boolean }) {
    let institutionId = opts.institutionOwned ? (input.ownerInstitutionId ?? null) : null;
    if (!institutionId && opts.institutionOwned) institutionId = defaultInstitutionOf(actor);
    const institutionRegion = institutionId ? await deps.institutions.regionOf(institutionId) : null;
    if (institutionId && !institutionRegion) throw invalidField('ownerInstitutionId', 'institution.not_found');
    const regionCode = input.ownerRegionCode
      ? (await regions.require(input.ownerRegionCode, 'ownerRegionCode')).code
      : (institutionRegion ?? actor.regionCodes[0] ?? '');
    if (!regionCode || !canOwnIn(actor, regionCode, institutionId)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
    // An office may file a plan for an institution only where that institution stands.
    if (institutionId && institutionRegion !== regionCode) throw invalidField('ownerInstitutionId', 'region.out_of_scope');
    return { regionCode, institutionId };
  }

  async function presentTerms(actor: Actor, rows: TermRow[]) {
    const names = await regions.namesByCode(rows.map((r) => r.ownerRegionCode));
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      ownerRegionCode: t.ownerRegionCode,
      ownerRegionName: names.get(t.ownerRegionCode) ?? t.ownerRegionCode,
      ownerInstitutionId: t.ownerInstitutionId,
      startsOn: t.startsOn,
      endsOn: t.endsOn,
      maxEnrolmentsPerResident: t.maxEnrolmentsPerResident,
      status: t.status,
      canEdit: canEditPlan(actor, t),
      version: t.version,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    }));
  }

  const checkDates = (from: string, to: string, key: string) => {
    if (to < from) throw invalidField('endsOn', key);
  };

  /** What listing, creating, editing or moving a term and a campaign differ in; everything else is `listPlans`, `getPlan`, `createPlan`, `updatePlan` and `movePlan`. */
  interface PlanKind<R extends TermRow | CampaignRow, C extends { startsOn?: string; endsOn?: string; status?: string; updatedAt?: Date }, V> {
    /** The audit log's entity type and action prefix. */
    name: 'term' | 'campaign';
    list: (filter: Parameters<typeof repo.listTerms>[0]) => Promise<{ rows: R[]; total: number }>;
    load: (actor: Actor, id: string) => Promise<R>;
    update: (tx: DbOrTx, id: string, changes: C, expectedVersion?: number) => Promise<R | null>;
    present: (actor: Actor, rows: R[]) => Promise<V[]>;
    versionConflict: string;
    /** Refuses a cancellation that would strand what depends on the plan (inside the cancelling transaction). */
    checkCancellable?: (tx: DbOrTx, id: string) => Promise<void>;
  }
  const termKind: PlanKind<TermRow, Parameters<typeof repo.updateTerm>[2], Awaited<ReturnType<typeof presentTerms>>[number]> = {
    name: 'term',
    list: (filter) => repo.listTerms(filter),
    load: loadTerm,
    update: (tx, id, changes, v) => repo.updateTerm(tx, id, changes, v),
    present: presentTerms,
    versionConflict: 'offering_term.version_conflict',
    checkCancellable: async (tx, id) => {
      const live = await repo.countByTerm(id, ['draft', 'published'], tx);
      if (live) throw new Conflict('offering_term.has_offerings', { count: live });
    },
  };
  const campaignKind: PlanKind<CampaignRow, Parameters<typeof repo.updateCampaign>[2], Awaited<ReturnType<typeof presentCampaigns>>[number]> = {
    name: 'campaign',
    list: (filter) => repo.listCampaigns(filter),
    load: loadCampaign,
    update: (tx, id, changes, v) => repo.updateCampaign(tx, id, changes, v),
    present: presentCampaigns,
    versionConflict: 'offering_campaign.version_conflict',
  };

  async function listPlans<R extends TermRow | CampaignRow, C extends { startsOn?: string; endsOn?: string; status?: string; updatedAt?: Date }, V>(
    kind: PlanKind<R, C, V>,
    ctx: RequestContext,
    q: PlanListQuery,
  ) {
    const actor = requireStaff(ctx);
    const { rows, total } = await kind.list({ viewerRoots: visibleRegionRoots(actor), status: q.status, tsLike: q.q, limit: q.pageSize, offset: offsetOf(q) });
    return pageOf(q, await kind.present(actor, rows), total);
  }

  async function getPlan<R extends TermRow | CampaignRow, C extends { startsOn?: string; endsOn?: string; status?: string; updatedAt?: Date }, V>(
    kind: PlanKind<R, C, V>,
    ctx: RequestContext,
    id: string,
  ): Promise<V> {
    const actor = requireStaff(ctx);
    return (await kind.present(actor, [await kind.load(actor, id)]))[0];
  }

  /** One write to a plan (the row and its audit entry) in its own transaction; answers the plan as `kind` presents it. */
  async function writePlan<R extends TermRow | CampaignRow, C extends { startsOn?: string; endsOn?: string; status?: string; updatedAt?: Date }, V>(
    kind: PlanKind<R, C, V>,
    actor: Actor,
    write: (tx: DbOrTx) => Promise<R>,
  ): Promise<V> {
    const row = await db.transaction(write);
    return (await kind.present(actor, [row]))[0];
  }

  /** A new plan, filed where `placePlan` put it, as a draft with its audit entry; `insert` writes the kind's own columns. */
  async function createPlan<R extends TermRow | CampaignRow, C extends { startsOn?: string; endsOn?: string; status?: string; updatedAt?: Date }, V>(
    kind: PlanKind<R, C, V>,
    ctx: RequestContext,
    actor: Actor,
    input: { startsOn: string; endsOn: string },
    insert: (tx: DbOrTx, draft: { id: string; status: 'draft'; createdAt: Date; updatedAt: Date }) => Promise<R>,
  ): Promise<V> {
    checkDates(input.startsOn, input.endsOn, 'offering_term.ends_before_start');
    const now = clock.now();
    return writePlan(kind, actor, async (tx) => {
      const r = await insert(tx, { id: newId(), status: 'draft', createdAt: now, updatedAt: now });
      await audit(tx, ctx, { action: `${kind.name}.create`, entityType: kind.name, entityId: r.id, regionCode: r.ownerRegionCode, details: { ...input } });
      return r;
    });
  }

  async function updatePlan<R extends TermRow | CampaignRow, C extends { startsOn?: string; endsOn?: string }, V>(
    kind: PlanKind<R, C, V>,
    ctx: RequestContext,
    id: string,
    patch: C,
    expectedVersion?: number,
  ): Promise<V> {
    const actor = requireStaff(ctx);
    const cur = await kind.load(actor, id);
    if (!canEditPlan(actor, cur)) throw new Forbidden('offering.read_only');
    checkDates(patch.startsOn ?? cur.startsOn, patch.endsOn ?? cur.endsOn, 'offering_term.ends_before_start');
    return writePlan(kind, actor, async (tx) => {
      const r = await kind.update(tx, id, { ...patch, updatedAt: clock.now() }, expectedVersion);
      if (!r) throw new Conflict(kind.versionConflict);
      await audit(tx, ctx, { action: `${kind.name}.update`, entityType: kind.name, entityId: id, regionCode: cur.ownerRegionCode, details: { ...patch } });
      return r;
    });
  }

  async function movePlan<R extends TermRow | CampaignRow, C extends { status?: string; updatedAt?: Date }, V>(
    kind: PlanKind<R, C, V>,
    ctx: RequestContext,
    id: string,
    to: 'published' | 'cancelled',
  ): Promise<V> {
    const actor = requireStaff(ctx);
    const cur = await kind.load(actor, id);
    if (!canEditPlan(actor, cur)) throw new Forbidden('offering.read_only');
    if (!canMovePlan(cur.status, to)) throw new Conflict('offering.bad_transition', { from: `offering_status.${cur.status}` });
    return writePlan(kind, actor, async (tx) => {
      if (to === 'cancelled') await kind.checkCancellable?.(tx, id);
      const r = await kind.update(tx, id, { status: to, updatedAt: clock.now() } as C, cur.version);
      if (!r) throw new Conflict(kind.versionConflict);
      await audit(tx, ctx, {
        action: `${kind.name}.${to === 'published' ? 'publish' : 'cancel'}`,
        entityType: kind.name,
        entityId: id,
        regionCode: cur.ownerRegionCode,
      });
      return r;
    });
  }

  return {
    // ---- terms ----

    listTerms: (ctx: RequestContext, q: PlanListQuery) => listPlans(termKind, ctx, q),
    getTerm: (ctx: RequestContext, id: string) => getPlan(termKind, ctx, id),
    async createTerm(ctx: RequestContext, input: TermInput) {
      const actor = requireAuthor(ctx);
      const place = await placePlan(actor, input, { institutionOwned: true });
      return createPlan(termKind, ctx, actor, input, (tx, draft) =>
        repo.insertTerm(tx, {
          ...draft,
          ownerRegionCode: place.regionCode,
          ownerInstitutionId: place.institutionId,
          name: input.name,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          maxEnrolmentsPerResident: input.maxEnrolmentsPerResident ?? null,
        }),
      );
    },
    updateTerm: (ctx: RequestContext, id: string, patch: TermPatch, expectedVersion?: number) => updatePlan(termKind, ctx, id, patch, expectedVersion),
    moveTerm: (ctx: RequestContext, id: string, to: 'published' | 'cancelled') => movePlan(termKind, ctx, id, to),

    // ---- campaigns ----

    listCampaigns: (ctx: RequestContext, q: PlanListQuery) => listPlans(campaignKind, ctx, q),
    getCampaign: (ctx: RequestContext, id: string) => getPlan(campaignKind, ctx, id),
    async createCampaign(ctx: RequestContext, input: CampaignInput) {
      const actor = requireAuthor(ctx);
      const place = await placePlan(actor, { ownerRegionCode: input.ownerRegionCode }, { institutionOwned: false });
      return createPlan(campaignKind, ctx, actor, input, (tx, draft) =>
        repo.insertCampaign(tx, {
          ...draft,
          ownerRegionCode: place.regionCode,
          name: input.name,
          description: input.description,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
        }),
      );
    },
    updateCampaign: (ctx: RequestContext, id: string, patch: CampaignPatch, expectedVersion?: number) =>
      updatePlan(campaignKind, ctx, id, patch, expectedVersion),
    moveCampaign: (ctx: RequestContext, id: string, to: 'published' | 'cancelled') => movePlan(campaignKind, ctx, id, to),
  };
}
