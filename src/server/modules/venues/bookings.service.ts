// Venue bookings: a time range asked for by a class, an event or an ad-hoc request, approved by the
// venue's owner where it requires approval. No two holding bookings of one venue overlap: each booking
// takes the venue row's lock (SELECT … FOR UPDATE) before it checks, so concurrent requests — in one
// process or many, on PGlite or PostgreSQL — queue up and the later ones see the earlier ones.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, Invalid, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { canSeeOwned, type Owned } from '../../kernel/ownership';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { BookingInput } from '../../../contracts/venues';
import { canCancelBooking, canDecideBooking, canRequestBooking, isApprovedOnRequest, MAX_BOOKING_HOURS, MAX_CALENDAR_DAYS } from './venues.policy';
import type { BookingRow, BookingScope, VenuesRepository } from './venues.repository';
import { localTime } from '../../../contracts/local-time';

const HOUR = 3_600_000;
/** "12/06 10:30" in local time: when a clashing booking runs, short enough for a message. */
const monthDayTime = (at: Date) => {
  const p = localTime.parts(at);
  return `${p.month}/${p.day} ${p.hour}:${p.minute}`;
};

export interface BookingListQuery extends PageRequest {
  scope?: 'mine' | 'decide';
  venueId?: string;
  status?: string;
  upcoming?: boolean;
}

export function createBookingsService(deps: { db: Db; repo: VenuesRepository; audit: AuditWriter; clock: Clock }) {
  const { repo, clock } = deps;

  function present(actor: Actor, b: BookingRow, venue: Owned & { name: string }) {
    return {
      id: b.id,
      venueId: b.venueId,
      venueName: venue.name,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      purpose: b.purpose as BookingInput['purpose'],
      referenceId: b.referenceId,
      title: b.title,
      status: b.status as 'pending' | 'approved' | 'rejected' | 'cancelled',
      requestedBy: b.requestedBy,
      requesterName: b.requesterName,
      requestedAt: b.requestedAt.toISOString(),
      decidedAt: b.decidedAt?.toISOString() ?? null,
      reason: b.reason,
      canDecide: b.status === 'pending' && canDecideBooking(actor, venue),
      canCancel: (b.status === 'pending' || b.status === 'approved') && canCancelBooking(actor, venue, b),
    };
  }
  type BookingView = ReturnType<typeof present>;

  /** The range of a request, checked before anything is locked. */
  function rangeOf(input: { startsAt: string; endsAt: string }) {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (Number.isNaN(startsAt.getTime())) throw invalidField('startsAt', 'validation.invalid');
    if (Number.isNaN(endsAt.getTime())) throw invalidField('endsAt', 'validation.invalid');
    if (endsAt <= startsAt) throw invalidField('endsAt', 'booking.ends_before_start');
    if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * HOUR) throw invalidField('endsAt', 'booking.too_long', { days: MAX_BOOKING_HOURS / 24 });
    if (startsAt < clock.now()) throw invalidField('startsAt', 'booking.in_past');
    return { startsAt, endsAt };
  }

  /**
   * Books a venue inside the caller's transaction (a class or event module books as part of its own
   * write). Throws Conflict('booking.overlap') when another pending or approved booking overlaps.
   */
  async function book(tx: DbOrTx, ctx: RequestContext, input: BookingInput): Promise<BookingView> {
    const actor = requireStaff(ctx);
    const { startsAt, endsAt } = rangeOf(input);
    const venue = isUuid(input.venueId) ? await repo.lockVenue(tx, input.venueId) : null;
    if (!venue || !canSeeOwned(actor, venue)) throw invalidField('venueId', 'venue.not_found');
    if (!canRequestBooking(actor, venue)) throw new Forbidden('auth.forbidden');
    if (venue.status !== 'active' || !venue.bookable) throw new Conflict('booking.not_bookable');
    const clash = await repo.firstOverlap(tx, venue.id, startsAt, endsAt);
    if (clash) {
      throw new Conflict(
        'booking.overlap',
        { from: monthDayTime(clash.startsAt), to: monthDayTime(clash.endsAt) },
        { conflict: { id: clash.id, startsAt: clash.startsAt.toISOString(), endsAt: clash.endsAt.toISOString(), status: clash.status } },
      );
    }
    const row = await repo.insertBooking(tx, {
      id: newId(),
      venueId: venue.id,
      startsAt,
      endsAt,
      purpose: input.purpose,
      referenceId: input.referenceId ?? null,
      title: input.title,
      status: isApprovedOnRequest(actor, venue) ? 'approved' : 'pending',
      requestedBy: actor.userId,
      requesterName: actor.displayName.slice(0, 64),
      requestedAt: clock.now(),
    });
    await deps.audit(tx, ctx, {
      action: 'venue_booking.create',
      entityType: 'venue_booking',
      entityId: row.id,
      regionCode: venue.ownerRegionCode,
      details: { ...input, status: row.status },
    });
    return present(actor, row, venue);
  }

  async function loadBooking(actor: Actor, id: string) {
    const booking = isUuid(id) ? await repo.findBooking(id) : null;
    const venue = booking ? await repo.find(booking.venueId) : null;
    if (!booking || !venue || !(canSeeOwned(actor, venue) || booking.requestedBy === actor.userId)) throw new NotFound('booking.not_found');
    return { booking, venue };
  }

  /**
   * A decision on a booking (approve, reject, cancel): it moves only from the `from` statuses, keeps who decided,
   * when and why, and is audited as `action`; Conflict `refusal` when another decision moved it first.
   */
  async function moveBooking(
    ctx: RequestContext,
    actor: Actor,
    id: string,
    venue: Owned & { name: string },
    move: { from: string[]; to: string; action: string; refusal: string },
    input: { reason?: string | null },
  ): Promise<BookingView> {
    const row = await deps.db.transaction(async (tx) => {
      const updated = await repo.setBookingStatus(tx, id, move.from, {
        status: move.to,
        decidedBy: actor.userId,
        decidedAt: clock.now(),
        reason: input.reason?.trim() || null,
      });
      if (!updated) return null;
      await deps.audit(tx, ctx, { action: move.action, entityType: 'venue_booking', entityId: id, regionCode: venue.ownerRegionCode, details: { ...input } });
      return updated;
    });
    if (!row) throw new Conflict(move.refusal);
    return present(actor, row, venue);
  }

  return {
    book,

    /**
     * Frees the time a class or event held, inside the caller's transaction: its module has already decided
     * the caller may do so (cancelling or rescheduling the offering). Bookings no longer holding are skipped.
     */
    async release(tx: DbOrTx, ctx: RequestContext, ids: string[], reason: string | null) {
      const actor = requireStaff(ctx);
      for (const id of ids) {
        const row = await repo.setBookingStatus(tx, id, ['pending', 'approved'], {
          status: 'cancelled',
          decidedBy: actor.userId,
          decidedAt: clock.now(),
          reason,
        });
        if (row) await deps.audit(tx, ctx, { action: 'venue_booking.cancel', entityType: 'venue_booking', entityId: id, details: { reason, released: true } });
      }
    },

    /** The first holding booking of a venue overlapping a range (a schedule preview; `book` decides under the lock). */
    async firstClash(venueId: string, startsAt: Date, endsAt: Date, tx: DbOrTx = deps.db) {
      const clash = isUuid(venueId) ? await repo.firstOverlap(tx, venueId, startsAt, endsAt) : null;
      return clash ? { id: clash.id, title: clash.title, startsAt: clash.startsAt.toISOString(), endsAt: clash.endsAt.toISOString() } : null;
    },

    /** A booking on its own (the console's ad-hoc request): one transaction around `book`. */
    async request(ctx: RequestContext, input: BookingInput): Promise<BookingView> {
      requireStaff(ctx);
      rangeOf(input);
      return deps.db.transaction((tx) => book(tx, ctx, input));
    },

    async decide(ctx: RequestContext, id: string, input: { decision: 'approved' | 'rejected'; reason?: string | null }): Promise<BookingView> {
      const actor = requireStaff(ctx);
      const { venue } = await loadBooking(actor, id);
      if (!canDecideBooking(actor, venue)) throw new Forbidden('booking.not_owner');
      if (input.decision === 'rejected' && !input.reason?.trim()) throw invalidField('reason', 'booking.reason_required');
      const action = `venue_booking.${input.decision === 'approved' ? 'approve' : 'reject'}`;
      return moveBooking(ctx, actor, id, venue, { from: ['pending'], to: input.decision, action, refusal: 'booking.not_pending' }, input);
    },

    async cancel(ctx: RequestContext, id: string, input: { reason?: string | null }): Promise<BookingView> {
      const actor = requireStaff(ctx);
      const { booking, venue } = await loadBooking(actor, id);
      if (!canCancelBooking(actor, venue, booking)) throw new Forbidden('auth.forbidden');
      const move = { from: ['pending', 'approved'], to: 'cancelled', action: 'venue_booking.cancel', refusal: 'booking.not_active' };
      return moveBooking(ctx, actor, id, venue, move, input);
    },

    async get(ctx: RequestContext, id: string): Promise<BookingView> {
      const actor = requireStaff(ctx);
      const { booking, venue } = await loadBooking(actor, id);
      return present(actor, booking, venue);
    },

    /** One venue's calendar: what holds (or asks for) its time between two instants. */
    async calendar(ctx: RequestContext, venueId: string, range: { from: string; to: string }) {
      const actor = requireStaff(ctx);
      const venue = isUuid(venueId) ? await repo.find(venueId) : null;
      if (!venue || !canSeeOwned(actor, venue)) throw new NotFound('venue.not_found');
      const from = new Date(range.from);
      const to = new Date(range.to);
      if (Number.isNaN(from.getTime())) throw invalidField('from', 'validation.invalid');
      if (Number.isNaN(to.getTime()) || to <= from) throw invalidField('to', 'booking.ends_before_start');
      if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 24 * HOUR) throw new Invalid('booking.range_too_long', { days: MAX_CALENDAR_DAYS });
      const rows = await repo.bookingsBetween(venue.id, from, to, ['pending', 'approved']);
      return { venueId: venue.id, venueName: venue.name, from: from.toISOString(), to: to.toISOString(), items: rows.map((b) => present(actor, b, venue)) };
    },

    async list(ctx: RequestContext, q: BookingListQuery) {
      const actor = requireStaff(ctx);
      const scope: BookingScope =
        q.scope === 'mine'
          ? { kind: 'mine', userId: actor.userId }
          : q.scope === 'decide'
            ? {
                kind: 'decide',
                all: actor.role === 'system_admin',
                regionRoots: actor.role === 'region_admin' ? actor.regionCodes : [],
                institutionIds: actor.role === 'institution_staff' ? actor.institutions.map((i) => i.id) : [],
              }
            : { kind: 'visible', actor };
      const { rows, total } = await repo.listBookings({
        scope,
        venueId: q.venueId && isUuid(q.venueId) ? q.venueId : undefined,
        status: q.status,
        from: q.upcoming ? clock.now() : undefined,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return pageOf(
        q,
        rows.map((r) => present(actor, r.booking, r.venue)),
        total,
      );
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
