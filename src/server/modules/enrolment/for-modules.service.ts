// What other modules and the scheduler call: the lottery seats or waitlists its draw, attendance reads who is
// enrolled and marks completion, a cancelled offering ends its places, eligibility and quota for the lottery,
// offer expiry and reminders on a schedule, and enrolment events for listeners (run inside the writing transaction).
import type { DbOrTx } from '../../db/client';
import { newId, isUuid } from '../../kernel/ids';
import type { OfferingFacts } from './enrolment.ports';
import { shanghaiTime, type EnrolmentCore, type EnrolmentListener } from './enrolment.core';

export function createForModulesService(core: EnrolmentCore) {
  const { deps, repo, clock, offerings, listeners, emit, notify, firstSessionAt, eligibleProfile, expireOffers } = core;

  async function checkEligibility(offering: OfferingFacts, residentId: string, tx?: DbOrTx): Promise<void> {
    await eligibleProfile(offering, residentId, tx);
  }

  async function countActiveInTerm(termId: string, residentId: string, tx?: DbOrTx) {
    return repo.countInTerm(termId, residentId, tx);
  }

  return {
    checkEligibility,
    countActiveInTerm,
    expireOffers,
    onEnrolmentEvent(listener: EnrolmentListener) {
      listeners.push(listener);
    },

    // —— for the lottery and attendance modules (issue-4 contract) ——

    /** Seats a lottery winner inside the draw's transaction; null when no seat is left. */
    async admitFromLottery(tx: DbOrTx, input: { offeringId: string; residentId: string; drawId: string }): Promise<{ enrolmentId: string } | null> {
      const existing = await repo.live(input.offeringId, input.residentId, tx);
      if (existing && ['enrolled', 'completed'].includes(existing.status)) return { enrolmentId: existing.id };
      if (!(await offerings.takeSeat(tx, input.offeringId))) return null;
      const offering = await offerings.get(input.offeringId, tx);
      const now = clock.now();
      const row = existing
        ? await repo.update(tx, existing.id, { status: 'enrolled', source: 'lottery', lotteryDrawId: input.drawId, updatedAt: now })
        : await repo.insert(tx, {
            id: newId(),
            offeringId: input.offeringId,
            termId: offering.termId,
            residentId: input.residentId,
            status: 'enrolled',
            source: 'lottery',
            lotteryDrawId: input.drawId,
            feeStatus: 'none',
            createdAt: now,
            updatedAt: now,
          });
      await notify(tx, input.residentId, 'notice.lottery_won', { title: offering.title }, { link: '/enrolments', sms: true });
      await emit(tx, { type: 'enrolled', offeringId: input.offeringId, residentId: input.residentId, at: now });
      return { enrolmentId: row.id };
    },

    /** Puts someone the lottery did not draw on a class's waitlist, inside the draw's transaction; null when already there or enrolled. */
    async waitlistFromLottery(tx: DbOrTx, input: { offeringId: string; residentId: string; drawId: string }): Promise<{ enrolmentId: string } | null> {
      if (await repo.live(input.offeringId, input.residentId, tx)) return null;
      const offering = await offerings.get(input.offeringId, tx);
      const now = clock.now();
      const row = await repo.insert(tx, {
        id: newId(),
        offeringId: input.offeringId,
        termId: offering.termId,
        residentId: input.residentId,
        status: 'waitlisted',
        source: 'lottery',
        lotteryDrawId: input.drawId,
        waitlistedAt: now,
        feeStatus: 'none',
        createdAt: now,
        updatedAt: now,
      });
      return { enrolmentId: row.id };
    },

    async activeEnrolments(offeringId: string, tx?: DbOrTx) {
      const rows = await repo.active(offeringId, tx);
      return rows.map((r) => ({ enrolmentId: r.enrolmentId, residentId: r.residentId, displayName: r.displayName, viaProxy: !!r.viaProxyUserId }));
    },

    async isEnrolled(offeringId: string, residentId: string, tx?: DbOrTx) {
      const row = isUuid(offeringId) && isUuid(residentId) ? await repo.live(offeringId, residentId, tx) : null;
      return !!row && ['enrolled', 'completed'].includes(row.status);
    },

    /** Attendance reached the offering's threshold: enrolled → completed (once). Returns false when it was not enrolled. */
    async markCompleted(tx: DbOrTx, enrolmentId: string): Promise<boolean> {
      const now = clock.now();
      const row = await repo.transition(tx, enrolmentId, ['enrolled'], { status: 'completed', completedAt: now, updatedAt: now });
      if (!row) return false;
      await emit(tx, { type: 'completed', offeringId: row.offeringId, residentId: row.residentId, at: now });
      return true;
    },

    /** The offering was cancelled (inside its transaction): every live place ends and its resident is told why. */
    async offeringCancelled(tx: DbOrTx, e: { offering: { id: string; title: string }; reason: string }) {
      const now = clock.now();
      const rows = await repo.cancelAllOf(tx, e.offering.id, {
        status: 'cancelled',
        reason: e.reason || 'offering_cancelled',
        cancelledAt: now,
        offerExpiresAt: null,
        updatedAt: now,
      });
      for (const row of rows) {
        await notify(tx, row.residentId, 'notice.cancelled_by_staff', { title: e.offering.title, reason: e.reason }, { link: '/enrolments', sms: true });
        if (row.status === 'enrolled') await emit(tx, { type: 'cancelled', offeringId: row.offeringId, residentId: row.residentId, at: now });
      }
    },

    // —— scheduled ——

    /** The day before a class's first session, each enrolled resident gets a reminder; open offers get one near their deadline. */
    async runReminders(): Promise<number> {
      const now = clock.now();
      let sent = 0;
      for (const offeringId of await repo.offeringsToRemind(500)) {
        const first = await firstSessionAt(offeringId).catch(() => null);
        if (!first || first.getTime() - now.getTime() > 24 * 3600_000) continue;
        const offering = await offerings.get(offeringId);
        const rows = await repo.unremindedOf(offeringId);
        await deps.db.transaction(async (tx) => {
          for (const row of rows) {
            await repo.update(tx, row.id, { remindedAt: now });
            if (
              first > now &&
              (await notify(
                tx,
                row.residentId,
                'notice.reminder',
                { title: offering.title, at: shanghaiTime(first) },
                { link: '/enrolments', sms: true, dedupeKey: `reminder:${row.id}` },
              ))
            )
              sent++;
          }
        });
      }
      const dueSoon = await repo.offersDueSoon(new Date(now.getTime() + 12 * 3600_000));
      if (dueSoon.length) {
        await deps.db.transaction(async (tx) => {
          for (const row of dueSoon) {
            const offering = await offerings.get(row.offeringId, tx);
            if (
              await notify(
                tx,
                row.residentId,
                'notice.offer_deadline',
                { title: offering.title, deadline: shanghaiTime(row.offerExpiresAt!) },
                { link: '/enrolments', sms: true, dedupeKey: `offer-deadline:${row.id}:${row.offeredAt?.getTime()}` },
              )
            )
              sent++;
          }
        });
      }
      return sent;
    },
  };
}
