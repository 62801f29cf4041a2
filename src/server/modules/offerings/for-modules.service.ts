// What the enrolment, lottery and attendance modules read and call (the issue-4 contract): an offering with
// its term (from this process's cache for an enrolment attempt), its sessions, seats taken and given back,
// who may manage or see it, and the cancellation event.
import type { DbOrTx } from '../../db/client';
import type { RequestContext } from '../../kernel/actor';
import { NotFound } from '../../kernel/errors';
import { isUuid } from '../../kernel/ids';
import { canManageOffering, canSeeOffering, isInstructorAccount } from './offerings.policy';
import type { SessionRow } from './offerings.repository';
import type { OfferingListener, OfferingsCore, OfferingView, SessionView } from './offerings.core';

export function createForModulesService(core: OfferingsCore) {
  const { repo, listeners, seenFull, attemptFacts, forgetFull, markFull, toView } = core;

  const sessionView = (s: SessionRow): SessionView => ({
    id: s.id,
    offeringId: s.offeringId,
    seq: s.seq,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    hours: Number(s.hours),
    status: s.status,
  });

  async function getOffering(id: string, tx?: DbOrTx): Promise<OfferingView> {
    const row = isUuid(id) ? await repo.find(id, tx) : null;
    if (!row) throw new NotFound('offering.not_found');
    const view = toView(row, row.termId ? await repo.findTerm(row.termId, tx) : null);
    if (view.enrolmentMode === 'first_come' && view.status === 'published' && view.capacity !== null && view.seatsTaken >= view.capacity) markFull(view.id);
    return view;
  }

  /** Since when this process has known the offering full without a break, or null when it does not. */
  function fullSince(id: string): number | null {
    const known = seenFull.get(id);
    if (known === undefined) return null;
    if (known.until > performance.now()) return known.since;
    seenFull.delete(id);
    return null;
  }

  return {
    get: getOffering,
    /** `get` from this process's cache: its seat count may be moments old (taking a seat is what decides). */
    async attemptFacts(id: string): Promise<OfferingView> {
      const hit = attemptFacts.get(id);
      if (hit) return hit;
      const generation = attemptFacts.generation();
      const view = await getOffering(id);
      attemptFacts.set(id, id, view, generation);
      return view;
    },
    /** From the change feed: '<id> full' or '<id> open' when a class fills or frees a seat; null forgets all. */
    seatStateChanged(payload: string | null) {
      if (payload === null) return forgetFull();
      const [id, state] = payload.split(' ');
      attemptFacts.dropKey(id);
      if (state === 'full') markFull(id);
      else seenFull.delete(id);
    },
    /** Known to be full (first come, published); see `seenFull`. */
    isKnownFull(id: string): boolean {
      return fullSince(id) !== null;
    },
    fullSince,
    /** Taking a seat failed: for a published first-come class that is being full (the notification follows). */
    seatRefused(id: string) {
      const facts = attemptFacts.get(id);
      if (facts?.enrolmentMode === 'first_come' && facts.status === 'published') markFull(id);
    },
    async getSession(sessionId: string, tx?: DbOrTx): Promise<SessionView> {
      const s = isUuid(sessionId) ? await repo.findSession(sessionId, tx) : null;
      if (!s) throw new NotFound('offering.session_not_found');
      return sessionView(s);
    },
    async sessions(offeringId: string, tx?: DbOrTx): Promise<SessionView[]> {
      return (await repo.sessionsOf(offeringId, tx)).map(sessionView);
    },
    takeSeat: (tx: DbOrTx, offeringId: string) => repo.takeSeat(tx, offeringId),
    plannedSeat: (tx: DbOrTx, offeringId: string, count?: number) => repo.plannedSeat(tx, offeringId, count),
    seatsLeft: (offeringId: string) => repo.seatsLeft(offeringId),
    releaseSeat: (tx: DbOrTx, offeringId: string) => {
      forgetFull();
      return repo.releaseSeat(tx, offeringId);
    },
    canManage: (ctx: RequestContext, o: { regionCode: string; institutionId: string | null }) => !!ctx.actor && canManageOffering(ctx.actor, o),
    isInstructorOf: (ctx: RequestContext, o: { instructorUserId: string | null }) => isInstructorAccount(ctx.actor, o),
    /** Staff who may see the offering (404 otherwise), for other modules' staff pages. */
    canSee: (ctx: RequestContext, o: { regionCode: string; institutionId: string | null }) => !!ctx.actor && canSeeOffering(ctx.actor, o),
    /** Called inside the cancelling transaction (enrolment notifies and frees its enrolments). */
    onOfferingEvent(listener: OfferingListener) {
      listeners.push(listener);
    },
  };
}
