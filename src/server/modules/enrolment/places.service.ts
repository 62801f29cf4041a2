// A place once it exists: the resident (or their proxy) confirms an offer, cancels or declines; staff decide
// applications, record fees, list and export an offering's enrolments; "my enrolments".
import type { RequestContext } from '../../kernel/actor';
import { Conflict, NotFound, invalidField } from '../../kernel/errors';
import { maskPhone } from '../../kernel/mask';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { cutoffOf, isBeforeCutoff, type EnrolmentStatus } from './enrolment.policy';
import type { EnrolmentRow } from './enrolment.repository';
import type { EnrolmentCore } from './enrolment.core';

export function createPlacesService(core: EnrolmentCore) {
  const {
    deps,
    repo,
    clock,
    offerings,
    emit,
    notify,
    notifyGrantor,
    actingFor,
    loadOffering,
    loadManaged,
    loadEnrolment,
    loadForActor,
    firstSessionAt,
    presentWithPosition,
    passSeat,
    quotaCheck,
    expireOffers,
  } = core;

  return {
    async confirmOffer(ctx: RequestContext, id: string) {
      const { row, as, offering } = await loadForActor(ctx, id);
      if (as === 'staff') throw new NotFound('enrolment.not_found');
      if (row.status === 'cancelled' && row.reason === 'offer_expired') throw new Conflict('enrolment.offer_expired');
      // A second tap on 确认 (or a retry after a lost answer): the place is already theirs.
      if (row.status === 'enrolled') return presentWithPosition(row);
      if (row.status !== 'offered') throw new Conflict('enrolment.no_offer');
      const now = clock.now();
      if (row.offerExpiresAt && row.offerExpiresAt <= now) {
        await expireOffers(row.offeringId);
        throw new Conflict('enrolment.offer_expired');
      }
      const updated = await deps.db.transaction(async (tx) => {
        await repo.lockResident(tx, row.residentId);
        await quotaCheck(tx, offering, row.residentId, row.id);
        const done = await repo.transition(tx, row.id, ['offered'], {
          status: 'enrolled',
          offerExpiresAt: null,
          updatedAt: now,
          viaProxyUserId: as === 'proxy' ? ctx.actor!.userId : row.viaProxyUserId,
        });
        if (!done) return null;
        await deps.audit(tx, ctx, {
          action: 'enrolment.offer_confirmed',
          entityType: 'enrolment',
          entityId: row.id,
          regionCode: offering.regionCode,
          details: { via: as },
        });
        await notify(tx, row.residentId, 'notice.enrolled', { title: offering.title }, { link: '/enrolments', sms: true });
        await notifyGrantor(tx, ctx, row.residentId, as === 'proxy' ? ctx.actor!.userId : null, 'proxy_confirm', offering.title);
        await emit(tx, { type: 'enrolled', offeringId: row.offeringId, residentId: row.residentId, at: now });
        return done;
      });
      if (updated) return presentWithPosition(updated);
      // Another request moved the offer first: a concurrent second tap confirmed it, or it expired.
      const now2 = await loadForActor(ctx, id);
      if (now2.row.status === 'enrolled') return presentWithPosition(now2.row);
      throw new Conflict('enrolment.offer_expired');
    },

    /** The resident (or their proxy) cancels before the cut-off, declines an offer, or staff cancel with a reason. */
    async cancel(ctx: RequestContext, id: string, input: { reason?: string }, opts: { declineOffer?: boolean } = {}) {
      const { row, as, offering } = await loadForActor(ctx, id);
      const reason = input.reason?.trim();
      if (opts.declineOffer && row.status !== 'offered') throw new Conflict('enrolment.no_offer');
      if (!['pending', 'enrolled', 'waitlisted', 'offered'].includes(row.status)) throw new Conflict('enrolment.not_cancellable');
      if (as === 'staff') {
        if (!reason) throw invalidField('reason', 'enrolment.reason_required');
      } else if (row.status === 'enrolled' && !isBeforeCutoff(await firstSessionAt(row.offeringId), offering.cancelCutoffHours ?? null, clock.now())) {
        throw new Conflict('enrolment.cutoff_passed');
      }
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        const done = await repo.transition(tx, row.id, [row.status as EnrolmentStatus], {
          status: 'cancelled',
          reason: reason ?? (opts.declineOffer ? 'offer_declined' : null),
          cancelledBy: ctx.actor!.userId,
          cancelledAt: now,
          offerExpiresAt: null,
          updatedAt: now,
        });
        if (!done) throw new Conflict('enrolment.changed');
        if (row.status === 'enrolled' || row.status === 'offered') await passSeat(tx, offering, now);
        await deps.audit(tx, ctx, {
          action: opts.declineOffer ? 'enrolment.offer_declined' : 'enrolment.cancel',
          entityType: 'enrolment',
          entityId: row.id,
          regionCode: offering.regionCode,
          details: { by: as, from: row.status, reason: reason ?? null, residentId: row.residentId },
        });
        if (as === 'staff')
          await notify(tx, row.residentId, 'notice.cancelled_by_staff', { title: offering.title, reason: reason! }, { link: '/enrolments', sms: true });
        else await notify(tx, row.residentId, 'notice.cancelled', { title: offering.title }, { link: '/enrolments' });
        if (as === 'proxy') await notifyGrantor(tx, ctx, row.residentId, ctx.actor!.userId, 'proxy_cancel', offering.title);
        if (row.status === 'enrolled') await emit(tx, { type: 'cancelled', offeringId: row.offeringId, residentId: row.residentId, at: now });
        return done;
      });
      return presentWithPosition(updated);
    },

    /** Staff approve a pending application (it takes a seat) or reject it with a reason. */
    async decide(ctx: RequestContext, id: string, input: { approve: boolean; reason?: string }) {
      const row = await loadEnrolment(id);
      const offering = await loadManaged(ctx, row.offeringId);
      const reason = input.reason?.trim();
      if (!input.approve && !reason) throw invalidField('reason', 'enrolment.reason_required');
      if (row.status !== 'pending') throw new Conflict('enrolment.not_pending');
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        if (input.approve && !(await offerings.takeSeat(tx, row.offeringId))) throw new Conflict('enrolment.full', {}, { canJoinWaitlist: false });
        const done = await repo.transition(tx, row.id, ['pending'], {
          status: input.approve ? 'enrolled' : 'rejected',
          reason: reason ?? null,
          decidedBy: ctx.actor!.userId,
          decidedAt: now,
          updatedAt: now,
        });
        if (!done) throw new Conflict('enrolment.changed');
        await deps.audit(tx, ctx, {
          action: input.approve ? 'enrolment.approve' : 'enrolment.reject',
          entityType: 'enrolment',
          entityId: row.id,
          regionCode: offering.regionCode,
          details: { reason: reason ?? null },
        });
        if (input.approve) {
          await notify(tx, row.residentId, 'notice.approved', { title: offering.title }, { link: '/enrolments', sms: true });
          await emit(tx, { type: 'enrolled', offeringId: row.offeringId, residentId: row.residentId, at: now });
        } else {
          await notify(tx, row.residentId, 'notice.rejected', { title: offering.title, reason: reason! }, { link: '/enrolments', sms: true });
        }
        return done;
      });
      return presentWithPosition(updated);
    },

    /** Staff record a payment (amount, reference) or a waiver for an enrolment. */
    async recordFee(ctx: RequestContext, id: string, input: { kind: 'paid' | 'waived'; amountFen?: number; reference?: string; note?: string }) {
      const row = await loadEnrolment(id);
      const offering = await loadManaged(ctx, row.offeringId);
      if (input.kind === 'paid' && input.amountFen == null) throw invalidField('amountFen', 'validation.required');
      if (input.kind === 'waived' && !input.note?.trim()) throw invalidField('note', 'enrolment.waiver_reason_required');
      if (!['pending', 'enrolled', 'offered', 'completed'].includes(row.status)) throw new Conflict('enrolment.not_active');
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        const done = await repo.update(tx, row.id, {
          feeStatus: input.kind,
          paidFen: input.kind === 'paid' ? input.amountFen! : 0,
          paymentReference: input.reference ?? null,
          feeNote: input.note?.trim() ?? null,
          feeRecordedBy: ctx.actor!.userId,
          feeRecordedAt: now,
          updatedAt: now,
        });
        await deps.audit(tx, ctx, {
          action: `enrolment.fee_${input.kind}`,
          entityType: 'enrolment',
          entityId: row.id,
          regionCode: offering.regionCode,
          details: { amountFen: input.amountFen ?? null, reference: input.reference ?? null },
        });
        return done;
      });
      return presentWithPosition(updated);
    },

    /** The enrolment list of one offering for staff who run it, with waitlist positions and who acted by proxy. */
    async list(ctx: RequestContext, offeringId: string, f: PageRequest & { status?: string; viaProxy?: boolean; q?: string }) {
      const offering = await loadManaged(ctx, offeringId);
      await expireOffers(offering.id);
      const { rows, total } = await repo.list({
        offeringId: offering.id,
        status: f.status,
        viaProxy: f.viaProxy,
        q: f.q,
        limit: f.pageSize,
        offset: offsetOf(f),
      });
      const items = await presentForStaff(rows);
      const counts = Object.fromEntries((await repo.counts(offering.id)).map((c) => [c.status, Number(c.n)]));
      const fresh = await loadOffering(offering.id);
      return { ...pageOf(f, items, total), counts, capacity: fresh.capacity, seatsTaken: fresh.seatsTaken };
    },

    /** Rows for the Excel export, in batches, after the same scope check as the list. */
    async *exportRows(ctx: RequestContext, offeringId: string, f: { status?: string }) {
      const offering = await loadManaged(ctx, offeringId);
      for (let page = 1; ; page++) {
        const { rows } = await repo.list({ offeringId: offering.id, status: f.status, limit: 500, offset: (page - 1) * 500 });
        if (!rows.length) return;
        yield { offering, items: await presentForStaff(rows) };
        if (rows.length < 500) return;
      }
    },

    async auditExport(ctx: RequestContext, offeringId: string) {
      const offering = await loadManaged(ctx, offeringId);
      await deps.audit(deps.db, ctx, { action: 'enrolment.export', entityType: 'offering', entityId: offering.id, regionCode: offering.regionCode });
    },

    /** My enrolments (or those of someone I act for), newest first. */
    async mine(ctx: RequestContext, f: PageRequest & { forResidentId?: string; status?: string }) {
      await expireOffers(null);
      const who = await actingFor(ctx, f.forResidentId);
      const { rows, total } = await repo.ofResident(who.residentId, { status: f.status ? [f.status] : undefined, limit: f.pageSize, offset: offsetOf(f) });
      const now = clock.now();
      const items = [];
      for (const row of rows) {
        const offering = await loadOffering(row.offeringId).catch(() => null);
        const sessions = offering ? (await offerings.sessions(row.offeringId)).filter((s) => s.status !== 'cancelled') : [];
        const first = sessions.length ? new Date(Math.min(...sessions.map((s) => new Date(s.startsAt).getTime()))) : null;
        // The session not yet over, for "my next session" on the home page (a session under way still counts).
        const next =
          sessions.filter((s) => new Date(s.endsAt) > now).sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())[0] ?? null;
        const cancelUntil = cutoffOf(first, offering?.cancelCutoffHours ?? null);
        const isCancellable =
          ['pending', 'waitlisted', 'offered'].includes(row.status) ||
          (row.status === 'enrolled' && isBeforeCutoff(first, offering?.cancelCutoffHours ?? null, now));
        items.push({
          ...(await presentWithPosition(row)),
          offering: offering
            ? { id: offering.id, title: offering.title, kind: offering.kind, mode: offering.enrolmentMode, firstSessionAt: first?.toISOString() ?? null }
            : null,
          nextSession: next ? { startsAt: new Date(next.startsAt).toISOString(), endsAt: new Date(next.endsAt).toISOString() } : null,
          cancelUntil: cancelUntil?.toISOString() ?? null,
          isCancellable,
        });
      }
      return pageOf(f, items, total);
    },
  };

  async function presentForStaff(rows: EnrolmentRow[]) {
    const ids = rows.flatMap((r) => [r.residentId, ...(r.viaProxyUserId ? [r.viaProxyUserId] : [])]);
    const [profiles, contacts] = await Promise.all([deps.residents.profiles(ids), deps.residents.contactsOf(ids)]);
    const items = [];
    for (const row of rows) {
      const p = profiles.get(row.residentId);
      const c = contacts.get(row.residentId);
      items.push({
        ...(await presentWithPosition(row)),
        resident: { name: p?.realName ?? c?.displayName ?? '', phone: maskPhone(c?.phone), age: p?.age ?? null, homeRegionCode: p?.homeRegionCode ?? null },
        viaProxy: row.viaProxyUserId ? { userId: row.viaProxyUserId, name: contacts.get(row.viaProxyUserId)?.displayName ?? '' } : null,
      });
    }
    return items;
  }
}
