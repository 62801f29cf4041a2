// The public catalogue: published classes and events a visitor or resident may find (nearest to a resident's
// home first), one offering's public detail, and published campaigns.
import type { Actor, RequestContext } from '../../kernel/actor';
import { NotFound } from '../../kernel/errors';
import { isUuid } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { nearness } from './offerings.policy';
import type { OfferingFilter } from './offerings.repository';
import type { OfferingListQuery, OfferingsCore } from './offerings.core';
import type { OfferingsPresenter } from './offerings.present';

export function createCatalogService(core: OfferingsCore, view: OfferingsPresenter) {
  const { deps, repo, clock, regions, presentCampaigns, commonFilter } = core;
  const { lookups, card, presentDetail, enrolmentState } = view;

  /** A resident's home community: known from the session, else read. */
  async function homeOf(actor: Actor): Promise<string | null> {
    return actor.homeRegionCode ?? (await deps.residents.profiles([actor.userId])).get(actor.userId)?.homeRegionCode ?? null;
  }

  return {
    async catalog(ctx: RequestContext, q: OfferingListQuery) {
      const f: OfferingFilter = { ...commonFilter(q), statuses: ['published'], notEndedAt: clock.now() };
      if (q.region) f.regionRoot = (await regions.require(q.region, 'region')).code;
      let home: string | null = null;
      if (ctx.actor?.kind === 'resident') home = await homeOf(ctx.actor);
      const sort = q.sort ?? (home ? 'near' : undefined);
      const { rows, total } = await repo.list({ ...f, sort, home, limit: q.pageSize, offset: offsetOf(q) });
      const l = await lookups(rows, ctx.locale);
      const counts = await repo.liveSessionCounts(rows.map((r) => r.id));
      return {
        ...pageOf(
          q,
          rows.map((r) => ({
            ...card(r, l, ctx.locale, counts.get(r.id) ?? 0),
            nearness: nearness(home, r.regionCode),
            enrolmentState: enrolmentState(r),
          })),
          total,
        ),
        homeRegionCode: home,
      };
    },

    async catalogItem(ctx: RequestContext, id: string) {
      const row = isUuid(id) ? await repo.find(id) : null;
      if (!row || (row.status !== 'published' && row.status !== 'finished')) throw new NotFound('offering.not_found');
      let home: string | null = null;
      if (ctx.actor?.kind === 'resident') home = await homeOf(ctx.actor);
      return { ...(await presentDetail(ctx, row, false)), nearness: nearness(home, row.regionCode) };
    },

    async catalogCampaigns(ctx: RequestContext, q: PageRequest) {
      const { rows, total } = await repo.listCampaigns({ viewerRoots: 'all', status: 'published', limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentCampaigns(null, rows), total);
    },
  };
}
