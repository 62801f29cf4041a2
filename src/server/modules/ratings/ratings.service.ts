// Ratings: residents rate what they completed or attended (1–5 stars, a comment), once per offering and
// editable for a while; the public sees an offering's average and visible comments under masked names;
// staff see averages per class, instructor and institution in their scope and can hide an abusive comment.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, requireResident, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { RatingInput } from '../../../contracts/attendance';
import type { OfferingLike, OfferingsPort } from '../attendance/index';
import type { PointsService } from '../points/index';
import { averageOf, canEditRating, canRate, maskName, RATING_EDIT_DAYS } from './ratings.policy';
import type { AverageBy, RatingFilter, RatingRow, RatingsRepository } from './ratings.repository';

const presentPublic = (r: RatingRow) => ({
  id: r.id,
  stars: r.stars,
  comment: r.commentHidden ? null : r.comment,
  commentHidden: r.commentHidden,
  name: maskName(r.displayName),
  at: r.updatedAt.toISOString(),
});

const presentStaff = (r: RatingRow) => ({
  id: r.id,
  offeringId: r.offeringId,
  offeringTitle: r.offeringTitle,
  instructorId: r.instructorId,
  institutionId: r.institutionId,
  regionCode: r.regionCode,
  stars: r.stars,
  comment: r.comment,
  commentHidden: r.commentHidden,
  hiddenReason: r.hiddenReason,
  hiddenAt: r.hiddenAt?.toISOString() ?? null,
  name: maskName(r.displayName),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A rating given or changed, inside its transaction (the platform's xAPI stream listens). */
export interface RatedEvent {
  residentId: string;
  offeringId: string;
  title: string;
  stars: number;
  at: Date;
}
export type RatedHandler = (tx: DbOrTx, e: RatedEvent) => Promise<void>;

export function createRatingsService(deps: {
  db: Db;
  repo: RatingsRepository;
  clock: Clock;
  audit: AuditWriter;
  offerings: OfferingsPort;
  points: PointsService;
  hasCompletedOrAttended: (offeringId: string, residentId: string) => Promise<boolean>;
  names: { instructors(ids: string[]): Promise<Map<string, string>>; institutions(ids: string[]): Promise<Map<string, string>> };
}) {
  const { repo, clock, offerings } = deps;
  const ratedHandlers: RatedHandler[] = [];

  async function offeringOr404(id: string): Promise<OfferingLike> {
    const o = isUuid(id) ? await offerings.get(id).catch(() => null) : null;
    if (!o) throw new NotFound('offering.not_found');
    return o;
  }

  /** Staff see ratings of what happens in their regions; institution staff those of their institutions. */
  function staffFilter(ctx: RequestContext): RatingFilter {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const a = ctx.actor;
    if (!isStaff(a) || !['system_admin', 'region_admin', 'institution_staff', 'leader'].includes(a.role ?? '')) throw new Forbidden('auth.forbidden');
    if (a.role === 'institution_staff') return { institutionIds: a.institutions.map((i) => i.id) };
    const roots = visibleRegionRoots(a);
    return { regionRoots: roots === 'all' ? null : roots };
  }

  const mineView = async (offeringId: string, residentId: string) => {
    const [row, eligible] = await Promise.all([repo.mine(offeringId, residentId), deps.hasCompletedOrAttended(offeringId, residentId)]);
    return {
      rating: row
        ? {
            stars: row.stars,
            comment: row.comment,
            commentHidden: row.commentHidden,
            createdAt: row.createdAt.toISOString(),
            updatedAt: row.updatedAt.toISOString(),
          }
        : null,
      canRate: canRate(eligible) && !row,
      canEdit: !!row && canEditRating(row.createdAt, clock.now()),
      editDays: RATING_EDIT_DAYS,
    };
  };

  return {
    onRated(handler: RatedHandler) {
      ratedHandlers.push(handler);
    },

    async mine(ctx: RequestContext, offeringId: string) {
      const actor = requireResident(ctx, 'rating.residents_only');
      const offering = await offeringOr404(offeringId);
      return mineView(offering.id, actor.userId);
    },

    /** Gives or changes the caller's rating; the first rating earns points once. */
    async rate(ctx: RequestContext, offeringId: string, input: RatingInput) {
      const actor = requireResident(ctx, 'rating.residents_only');
      const offering = await offeringOr404(offeringId);
      if (!canRate(await deps.hasCompletedOrAttended(offering.id, actor.userId))) throw new Forbidden('rating.not_eligible');
      const now = clock.now();
      const comment = input.comment || null;
      await deps.db.transaction(async (tx) => {
        const created = await repo.insertOnce(tx, {
          id: newId(),
          offeringId: offering.id,
          residentId: actor.userId,
          instructorId: offering.instructorId,
          institutionId: offering.institutionId,
          regionCode: offering.regionCode,
          offeringTitle: offering.title.slice(0, 200),
          displayName: actor.displayName.slice(0, 50),
          stars: input.stars,
          comment,
          createdAt: now,
          updatedAt: now,
        });
        if (created) {
          await deps.points.award(tx, {
            residentId: actor.userId,
            reason: 'rating',
            sourceType: offering.kind === 'event' ? 'event' : 'class',
            sourceId: offering.id,
            title: offering.title,
            regionCode: offering.regionCode,
            occurredAt: now,
          });
        } else {
          const existing = (await repo.lockMine(tx, offering.id, actor.userId))!;
          if (!canEditRating(existing.createdAt, now)) throw new Conflict('rating.edit_closed', { days: RATING_EDIT_DAYS });
          // A changed comment is shown again: a hidden one was hidden for what it said then.
          const commentChanged = comment !== existing.comment;
          await repo.update(tx, existing.id, {
            stars: input.stars,
            comment,
            updatedAt: now,
            ...(commentChanged ? { commentHidden: false, hiddenReason: null, hiddenBy: null, hiddenAt: null } : {}),
          });
        }
        for (const handle of ratedHandlers)
          await handle(tx, { residentId: actor.userId, offeringId: offering.id, title: offering.title, stars: input.stars, at: now });
      });
      return mineView(offering.id, actor.userId);
    },

    /** Public: an offering's average, how the stars spread, and its visible comments (newest first). */
    async publicSummary(offeringId: string, q: PageRequest) {
      const offering = await offeringOr404(offeringId);
      const [dist, { rows, total }] = await Promise.all([
        repo.distribution(offering.id),
        repo.list({ offeringId: offering.id, withComment: true, hidden: false }, q.pageSize, offsetOf(q)),
      ]);
      const count = dist.reduce((n, d) => n + d.n, 0);
      const sum = dist.reduce((n, d) => n + d.n * d.stars, 0);
      return {
        offeringId: offering.id,
        average: averageOf(sum, count),
        count,
        distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, n: dist.find((d) => d.stars === stars)?.n ?? 0 })),
        comments: pageOf(q, rows.map(presentPublic), total),
      };
    },

    async list(ctx: RequestContext, q: PageRequest & { offeringId?: string; instructorId?: string; institutionId?: string; hidden?: boolean }) {
      const f = { ...staffFilter(ctx), offeringId: q.offeringId, instructorId: q.instructorId, institutionId: q.institutionId, hidden: q.hidden };
      const { rows, total } = await repo.list(f, q.pageSize, offsetOf(q));
      return pageOf(q, rows.map(presentStaff), total);
    },

    /** Averages per class, instructor or institution over the ratings the caller may see. */
    async averages(ctx: RequestContext, by: AverageBy, q: PageRequest) {
      const { rows, total } = await repo.averages(by, staffFilter(ctx), q.pageSize, offsetOf(q));
      const keys = rows.map((r) => r.key);
      const names =
        by === 'instructor'
          ? await deps.names.instructors(keys)
          : by === 'institution'
            ? await deps.names.institutions(keys)
            : new Map(rows.map((r) => [r.key, r.title]));
      return pageOf(
        q,
        rows.map((r) => ({ id: r.key, name: names.get(r.key) ?? '', average: averageOf(r.sum, r.count), count: r.count })),
        total,
      );
    },

    /** Staff who run the offering hide an abusive comment, with a reason; the stars still count. */
    async hideComment(ctx: RequestContext, ratingId: string, reason: string) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
      const row = isUuid(ratingId) ? await repo.find(ratingId) : null;
      const offering = row ? await offerings.get(row.offeringId).catch(() => null) : null;
      if (!row || !offering || !offerings.canManage(ctx, offering)) throw new NotFound('rating.not_found');
      if (row.commentHidden) throw new Conflict('rating.already_hidden');
      const updated = await deps.db.transaction(async (tx) => {
        const r = await repo.update(tx, row.id, { commentHidden: true, hiddenReason: reason, hiddenBy: ctx.actor!.userId, hiddenAt: clock.now() });
        await deps.audit(tx, ctx, {
          action: 'rating.hide_comment',
          entityType: 'rating',
          entityId: row.id,
          regionCode: row.regionCode,
          details: { offeringId: row.offeringId, reason, comment: row.comment },
        });
        return r;
      });
      return presentStaff(updated);
    },
  };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
