// The enrolment engine: first come (a seat taken by the offering's conditional update, in the same
// transaction as the enrolment row, idempotent per resident and key), approval, open events, the waitlist
// with offers that expire and pass on, cancellation, fees, proxy enrolment (代报), and what the lottery and
// attendance modules call. Policies decide; the repository holds the SQL; messages go through notifications.
import type { Db, DbOrTx } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import type { AuditWriter } from '../../kernel/audit';
import { isStaff, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, RateLimited, Unauthenticated, invalidField } from '../../kernel/errors';
import { counter } from '../../kernel/metrics';
import { newId, isUuid } from '../../kernel/ids';
import { uniqueViolation } from '../../kernel/db-errors';
import { maskPhone } from '../../kernel/mask';
import type { RateLimiter } from '../../kernel/rate-limit';
import { translate, type Locale } from '../../kernel/messages';
import { offsetOf, type PageRequest } from '../../kernel/pagination';
import { createTaggedCache } from '../../kernel/local-cache';
import { ageInYearOf } from '../../kernel/id-card';
import type { ResidentsService } from '../accounts/index';
import type { NotificationsService } from '../notifications/index';
import {
  DEFAULT_OFFER_HOURS, cutoffOf, eligibilityProblem, isBeforeCutoff, offerDeadline, windowProblem, opensFor,
  type EnrolmentStatus, type ReturningRule,
} from './enrolment.policy';
import type { OfferingFacts, OfferingsPort } from './enrolment.ports';
import type { EnrolmentRepository, EnrolmentRow, GrantRow } from './enrolment.repository';
import { localTime } from '../../../contracts/local-time';

export interface EnrolmentEvent {
  type: 'enrolled' | 'cancelled' | 'completed'; offeringId: string; residentId: string; at: Date;
  /** What listeners would otherwise read again, when the emitter has it at hand. */
  title?: string; regionCode?: string;
}
export type EnrolmentListener = (tx: DbOrTx, e: EnrolmentEvent) => Promise<void>;

/** An online payment provider may be plugged in later; staff record payments and waivers by hand meanwhile. */
export interface PaymentProvider {
  createCharge(input: { enrolmentId: string; amountFen: number; description: string }): Promise<{ reference: string; payUrl: string }>;
}

const enrolmentAttempts = counter('learncity_enrolment_attempts_total', 'Attempts to enrol, apply or join a waitlist');
const enrolmentRefusals = counter('learncity_enrolment_refusals_total', 'Enrolment attempts refused, by error code (class full, not eligible, rate-limited, …)');

/** Local date and time, as residents read it in messages: 2026-12-03 10:00. */
export function shanghaiTime(d: Date): string {
  return localTime.dateTime(d);
}

// Proxy requests and grants: how many a person may send a day, how many may name one phone, and how many
// texts one resident may receive about them (beyond that the request still waits in the app).
const PROXY_REQUESTS_PER_DAY = 10;
const PROXY_REQUESTS_PER_TARGET_PER_DAY = 5;
const PROXY_SMS_PER_TARGET_PER_DAY = 3;
const PHONE_LIKE = /^1[3-9]\d{9}$/;

/** `王秀英` → `王**`: enough to recognise a relative, not to learn a stranger's name. */
const maskName = (name: string) => (name ? name.slice(0, 1) + '*'.repeat(Math.max(1, [...name].length - 1)) : '');

export function createEnrolmentService(deps: {
  db: Db; repo: EnrolmentRepository; clock: Clock; audit: AuditWriter; offerings: OfferingsPort; residents: ResidentsService; notifications: NotificationsService;
  rateLimit: RateLimiter; offerHours?: number; payments?: PaymentProvider;
}) {
  const { repo, clock, offerings } = deps;
  const offerHours = deps.offerHours ?? DEFAULT_OFFER_HOURS;
  const listeners: EnrolmentListener[] = [];

  async function emit(tx: DbOrTx, e: EnrolmentEvent) {
    for (const l of listeners) await l(tx, e);
  }

  /** True while the counter is within the limit; unlike `rateLimit`, going over only says no. */
  async function withinLimit(bucket: string, limit: number, windowSeconds: number): Promise<boolean> {
    try {
      await deps.rateLimit(bucket, limit, windowSeconds);
      return true;
    } catch (e) {
      if (e instanceof RateLimited) return false;
      throw e;
    }
  }

  const notify = (tx: DbOrTx, residentId: string, key: string, params: Record<string, string | number>, opts: { link?: string; sms?: boolean; dedupeKey?: string; locale?: Locale } = {}) =>
    deps.notifications.sendTranslated(tx, { residentId, kind: key.replace(/^notice\./, ''), key, params, ...opts });

  function requireActor(ctx: RequestContext) {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    return ctx.actor;
  }

  /** Whom the caller acts for: themselves (a resident) or a grantor who gave them an active proxy grant. */
  async function actingFor(ctx: RequestContext, residentId?: string): Promise<{ residentId: string; viaProxyUserId: string | null }> {
    const actor = requireActor(ctx);
    if (!residentId || residentId === actor.userId) {
      if (actor.kind !== 'resident') throw new Forbidden('enrolment.residents_only');
      return { residentId: actor.userId, viaProxyUserId: null };
    }
    if (!isUuid(residentId) || !(await repo.activeGrant(residentId, actor.userId))) throw new Forbidden('enrolment.no_proxy_grant');
    return { residentId, viaProxyUserId: actor.userId };
  }

  async function loadOffering(id: string, tx?: DbOrTx): Promise<OfferingFacts> {
    if (!isUuid(id)) throw new NotFound('offering.not_found');
    return offerings.get(id, tx);
  }

  /** Staff who may run the offering; anyone else is told it does not exist. */
  async function loadManaged(ctx: RequestContext, offeringId: string) {
    const actor = requireActor(ctx);
    if (!isStaff(actor)) throw new Forbidden('auth.forbidden');
    const offering = await loadOffering(offeringId);
    if (!offerings.canManage(ctx, offering)) throw new NotFound('offering.not_found');
    return offering;
  }

  async function loadEnrolment(id: string, tx?: DbOrTx) {
    const row = isUuid(id) ? await repo.find(id, tx) : null;
    if (!row) throw new NotFound('enrolment.not_found');
    return row;
  }

  /** The enrolment as its resident (or their proxy) may act on it; staff who manage its offering get `staff`. */
  async function loadForActor(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const row = await loadEnrolment(id);
    if (row.residentId === actor.userId) return { row, as: 'self' as const, offering: await loadOffering(row.offeringId) };
    if (await repo.activeGrant(row.residentId, actor.userId)) return { row, as: 'proxy' as const, offering: await loadOffering(row.offeringId) };
    if (isStaff(actor)) {
      const offering = await loadOffering(row.offeringId);
      if (offerings.canManage(ctx, offering)) return { row, as: 'staff' as const, offering };
    }
    throw new NotFound('enrolment.not_found');
  }

  async function firstSessionAt(offeringId: string, tx?: DbOrTx): Promise<Date | null> {
    const sessions = (await offerings.sessions(offeringId, tx)).filter((s) => s.status !== 'cancelled');
    return sessions.length ? new Date(Math.min(...sessions.map((s) => new Date(s.startsAt).getTime()))) : null;
  }

  function present(row: EnrolmentRow, extra: { waitlistPosition?: number | null } = {}) {
    return {
      id: row.id, offeringId: row.offeringId, residentId: row.residentId, status: row.status as EnrolmentStatus, source: row.source,
      viaProxyUserId: row.viaProxyUserId, offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null, waitlistPosition: extra.waitlistPosition ?? null,
      reason: row.reason, fee: { status: row.feeStatus, paidFen: row.paidFen, reference: row.paymentReference, note: row.feeNote, recordedAt: row.feeRecordedAt?.toISOString() ?? null },
      createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), cancelledAt: row.cancelledAt?.toISOString() ?? null,
    };
  }

  async function presentWithPosition(row: EnrolmentRow) {
    return present(row, { waitlistPosition: row.status === 'waitlisted' ? await repo.waitlistPosition(row) : null });
  }

  /**
   * A seat held by `offeringId` was freed: it goes to the first resident on the waitlist as an offer with a
   * deadline (the seat stays taken while the offer is open); with nobody waiting, the seat is released.
   */
  async function passSeat(tx: DbOrTx, offering: OfferingFacts, now: Date) {
    // The hold never outlasts the cut-off before the first session: a class starting in 20 minutes cannot
    // keep a seat empty for two days. Past the cut-off nobody can be asked to commit, so the seat is freed.
    const expires = offerDeadline(now, offerHours, cutoffOf(await firstSessionAt(offering.id, tx), offering.cancelCutoffHours ?? null));
    const next = expires ? await repo.nextWaitlisted(tx, offering.id) : null;
    if (!expires || !next) {
      await offerings.releaseSeat(tx, offering.id);
      return null;
    }
    await repo.update(tx, next.id, { status: 'offered', offeredAt: now, offerExpiresAt: expires, updatedAt: now });
    await notify(tx, next.residentId, 'notice.offer', { title: offering.title, deadline: shanghaiTime(expires) }, { link: '/enrolments', sms: true });
    return next.id;
  }

  async function isReturningLearner(offering: OfferingFacts, residentId: string, tx?: DbOrTx) {
    if (!offering.previousOfferingId || !offering.returningRule || offering.returningRule === 'none') return false;
    return repo.hasLearned(offering.previousOfferingId, residentId, tx);
  }

  /** The resident's profile, when they meet the offering's conditions. */
  async function eligibleProfile(offering: OfferingFacts, residentId: string, tx?: DbOrTx) {
    const profile = (await deps.residents.profiles([residentId], tx)).get(residentId);
    if (!profile) throw new Invalid('enrolment.residents_only');
    const problem = eligibilityProblem(offering.eligibility, profile);
    if (problem) throw new Invalid(problem.key, problem.params);
    return profile;
  }

  async function checkEligibility(offering: OfferingFacts, residentId: string, tx?: DbOrTx): Promise<void> {
    await eligibleProfile(offering, residentId, tx);
  }

  async function countActiveInTerm(termId: string, residentId: string, tx?: DbOrTx) {
    return repo.countInTerm(termId, residentId, tx);
  }

  async function quotaCheck(tx: DbOrTx, offering: OfferingFacts, residentId: string, exceptId?: string) {
    const max = offering.term?.maxEnrolmentsPerResident;
    if (max == null || !offering.termId) return;
    if ((await repo.countInTerm(offering.termId, residentId, tx, exceptId)) >= max) throw new Conflict('enrolment.quota_reached', { max, term: offering.term!.name });
  }

  async function notifyGrantor(tx: DbOrTx, ctx: RequestContext, residentId: string, viaProxyUserId: string | null, action: string, title: string) {
    if (!viaProxyUserId) return;
    await notify(tx, residentId, 'notice.proxy_action', { proxy: ctx.actor?.displayName ?? '', action, title }, { link: '/enrolments' });
  }

  /** Expires open offers past their deadline (of one offering, or all) and passes each seat on. Returns how many expired. */
  async function expireOffers(offeringId: string | null = null): Promise<number> {
    // Reads call this on every view: one indexed look outside a transaction answers the usual "nothing due".
    if (!(await repo.hasExpiredOffers(clock.now(), offeringId))) return 0;
    let total = 0;
    for (;;) {
      const n = await deps.db.transaction(async (tx) => {
        const now = clock.now();
        const expired = await repo.claimExpiredOffers(tx, now, offeringId, 50);
        for (const row of expired) {
          await repo.update(tx, row.id, { status: 'cancelled', reason: 'offer_expired', cancelledAt: now, updatedAt: now });
          const offering = await offerings.get(row.offeringId, tx);
          await notify(tx, row.residentId, 'notice.offer_expired', { title: offering.title }, { link: '/enrolments' });
          await passSeat(tx, offering, now);
        }
        return expired.length;
      });
      total += n;
      if (n < 50) return total;
    }
  }

  // What the offering page's enrolment status reads, kept per process so a crowd looking at a class costs
  // no round trip (issue 20). Nothing here decides anything: the enrolment attempt re-reads and re-checks in
  // the database. The offering's part (its facts, seat count, earliest open offer's deadline) lives a second
  // at most and is dropped whenever any enrolment, seat or offering changes (the change feed's userData,
  // seats and reference channels: every seat taken or given back writes an enrolment row too, which tells
  // userData) and by this process's own writes; the resident's part (their live place, profile, term count,
  // whether they learnt in the previous class) is dropped by their userData or sessions notification and by
  // their own write. Seats left may so be a second stale, never the decision at the moment of enrolment.
  const STATUS_OFFERING_MS = 1_000;
  const STATUS_RESIDENT_MS = 10_000;
  type StatusOffering = { offering: OfferingFacts; nextOfferDeadline: number | null };
  type StatusResident = {
    live: EnrolmentRow | null; isReturning: boolean;
    profile: { birthYear: number; homeRegionCode: string } | null; inTerm: number | null;
  };
  const statusOfferings = createTaggedCache<StatusOffering>({ maxAgeMs: STATUS_OFFERING_MS, maxEntries: 5_000 });
  const statusResidents = createTaggedCache<StatusResident>({ maxAgeMs: STATUS_RESIDENT_MS, maxEntries: 50_000 });

  async function statusOffering(offeringId: string): Promise<StatusOffering> {
    const hit = statusOfferings.get(offeringId);
    if (hit) return hit;
    const generation = statusOfferings.generation();
    const offering = await loadOffering(offeringId);
    const deadline = await repo.nextOfferDeadline(offeringId);
    const facts = { offering, nextOfferDeadline: deadline ? deadline.getTime() : null };
    statusOfferings.set(offeringId, offeringId, facts, generation);
    return facts;
  }

  async function statusResident(offering: OfferingFacts, residentId: string): Promise<StatusResident> {
    const key = `${residentId}|${offering.id}`;
    const hit = statusResidents.get(key);
    if (hit) return hit;
    const generation = statusResidents.generation();
    const live = await repo.live(offering.id, residentId);
    const isReturning = await isReturningLearner(offering, residentId);
    // What only a refusal needs is read only when there is no place to show.
    const profile = live ? null : (await deps.residents.profiles([residentId])).get(residentId) ?? null;
    const max = offering.term?.maxEnrolmentsPerResident;
    const inTerm = !live && max != null && offering.termId ? await repo.countInTerm(offering.termId, residentId) : null;
    const facts = { live, isReturning, profile: profile && { birthYear: profile.birthYear, homeRegionCode: profile.homeRegionCode }, inTerm };
    statusResidents.set(key, residentId, facts, generation);
    return facts;
  }

  /**
   * What a tap on 报名 would be refused with, said before the tap: not eligible, over the term's quota, or
   * full (then whether the waitlist is open). The enrolment itself re-checks all of it.
   */
  function refusalFor(ctx: RequestContext, offering: OfferingFacts, facts: StatusResident): { code: string; message: string; canJoinWaitlist: boolean } | null {
    const say = (code: string, params: Record<string, string | number> = {}, canJoinWaitlist = false) => ({ code, message: translate(code, ctx.locale, params), canJoinWaitlist });
    if (offering.status !== 'published' || offering.enrolmentMode === 'lottery') return null;
    const { profile } = facts;
    // The age this year by the platform's clock, not by the clock when the profile was read.
    const problem = profile ? eligibilityProblem(offering.eligibility, { homeRegionCode: profile.homeRegionCode, age: ageInYearOf(profile.birthYear, clock.now()) }) : null;
    if (problem) return say(problem.key, problem.params);
    const max = offering.term?.maxEnrolmentsPerResident;
    if (max != null && offering.termId && (facts.inTerm ?? 0) >= max) return say('enrolment.quota_reached', { max, term: offering.term!.name });
    if (isFull(offering)) return say('enrolment.full', {}, true);
    return null;
  }

  const isFull = (o: OfferingFacts) => o.enrolmentMode === 'first_come' && o.capacity != null && o.seatsTaken >= o.capacity;

  // For each class this process knows to be full: the residents who hold an enrolment sent with an
  // Idempotency-Key, read once per stretch of being full. Only they can be retrying an enrolment that was
  // stored, so everyone else in an enrolment-day crowd is refused without a database round trip. While a
  // class stays full no such enrolment can be added (a seat is needed; joining the waitlist skips this).
  const keyedHolders = new Map<string, { since: number; residents: Promise<Set<string>> }>();
  function keyedHoldersOfFull(offeringId: string): Promise<Set<string>> | null {
    const since = offerings.fullSince(offeringId);
    if (since === null) { keyedHolders.delete(offeringId); return null; }
    const known = keyedHolders.get(offeringId);
    if (known && known.since === since) return known.residents;
    if (keyedHolders.size > 1_000) keyedHolders.clear();
    const residents = repo.residentsWithKeyedEnrolments(offeringId).then((ids) => new Set(ids));
    residents.catch(() => keyedHolders.delete(offeringId));
    keyedHolders.set(offeringId, { since, residents });
    return residents;
  }

  /** An earlier attempt's answer for the same key (a retry), or null; the key reused for another class is a 422. */
  async function replayOf(who: { residentId: string }, offeringId: string, idempotencyKey: string | undefined, known?: EnrolmentRow | null) {
    if (!idempotencyKey) return null;
    const prior = known !== undefined ? (known?.idempotencyKey === idempotencyKey ? known : null) : await repo.byKey(who.residentId, idempotencyKey);
    if (!prior) return null;
    // A key answers for the request it first came with (the IETF Idempotency-Key draft: 422 otherwise).
    if (prior.offeringId !== offeringId) throw new Invalid('enrolment.idempotency_key_reused');
    return { ...(await presentWithPosition(prior)), replayed: true };
  }

  async function enrolAs(ctx: RequestContext, who: { residentId: string; viaProxyUserId: string | null }, offeringId: string, input: { joinWaitlist?: boolean }, idempotencyKey?: string) {
    if (!isUuid(offeringId)) throw new NotFound('offering.not_found');
    // A flash crowd is mostly people arriving after the last seat went: answer them before any other work.
    if (!input.joinWaitlist) {
      const holders = keyedHoldersOfFull(offeringId);
      if (holders && !(idempotencyKey && (await holders).has(who.residentId))) throw new Conflict('enrolment.full', {}, { canJoinWaitlist: true });
    }
    const offering = await offerings.attemptFacts(offeringId);
    if (offering.status !== 'published') throw new Conflict('enrolment.not_open_for_enrolment');
    if (offering.enrolmentMode === 'lottery') throw new Conflict('enrolment.lottery_mode');
    const live = await repo.live(offering.id, who.residentId);
    if (live) {
      const replay = await replayOf(who, offeringId, idempotencyKey, live);
      if (replay) return replay;
    }
    // Someone waiting may take a seat that is free (staff added one, or it was freed past the cut-off, when
    // it is not offered): their waitlist place becomes the enrolment.
    const waiting = live?.status === 'waitlisted' && offering.enrolmentMode === 'first_come' && !isFull(offering) ? live : null;
    if (live && !waiting) throw new Conflict('enrolment.already_enrolled');
    // Full by the (moments old) seat count, or learnt full while this attempt waited for the database. A retry
    // whose enrolment was later cancelled still gets its answer.
    const refuseIfFull = async () => {
      if (input.joinWaitlist || !(isFull(offering) || offerings.isKnownFull(offering.id))) return null;
      const holders = keyedHoldersOfFull(offering.id);
      if (idempotencyKey && (!holders || (await holders).has(who.residentId))) {
        const replay = await replayOf(who, offeringId, idempotencyKey);
        if (replay) return replay;
      }
      throw new Conflict('enrolment.full', {}, { canJoinWaitlist: !waiting });
    };
    const fullReplay = await refuseIfFull();
    if (fullReplay) return fullReplay;
    const { homeRegionCode } = await eligibleProfile(offering, who.residentId);
    const now = clock.now();
    const isReturning = await isReturningLearner(offering, who.residentId);
    const closed = windowProblem({ opensAt: offering.enrolmentOpensAt, closesAt: offering.enrolmentClosesAt, returningRule: (offering.returningRule ?? 'none') as ReturningRule, isReturning }, now);
    if (closed) throw new Conflict(closed.key, closed.params?.at ? { at: shanghaiTime(new Date(closed.params.at)) } : {});
    const mode = offering.enrolmentMode;
    const locale = who.residentId === ctx.actor?.userId && ctx.actor.savedLocale
      ? ctx.actor.savedLocale as Locale
      : (await deps.residents.contactsOf([who.residentId])).get(who.residentId)?.locale;
    const takesSeat = mode !== 'approval';
    const lateReplay = await refuseIfFull();
    if (lateReplay) return lateReplay;

    const row = await deps.db.transaction(async (tx) => {
      if (offering.term?.maxEnrolmentsPerResident != null) {
        await repo.lockResident(tx, who.residentId);
        await quotaCheck(tx, offering, who.residentId);
      }
      if (waiting) {
        if (!(await offerings.takeSeat(tx, offering.id))) {
          offerings.seatRefused(offering.id);
          throw new Conflict('enrolment.full', {}, { canJoinWaitlist: false });
        }
        const taken = await repo.transition(tx, waiting.id, ['waitlisted'], { status: 'enrolled', source: 'first_come', idempotencyKey: idempotencyKey ?? waiting.idempotencyKey, viaProxyUserId: who.viaProxyUserId ?? waiting.viaProxyUserId, updatedAt: now });
        if (!taken) throw new Conflict('enrolment.changed');
        await deps.audit(tx, ctx, { action: 'enrolment.enrolled', entityType: 'enrolment', entityId: taken.id, regionCode: offering.regionCode, details: { offeringId: offering.id, residentId: who.residentId, viaProxyUserId: who.viaProxyUserId, fromWaitlist: true } });
        await notify(tx, who.residentId, 'notice.enrolled', { title: offering.title }, { link: '/enrolments', sms: true, locale });
        await notifyGrantor(tx, ctx, who.residentId, who.viaProxyUserId, 'proxy_enrol', offering.title);
        await emit(tx, { type: 'enrolled', offeringId: offering.id, title: offering.title, residentId: who.residentId, regionCode: homeRegionCode, at: now });
        return taken;
      }
      // The seat first: when it is gone, nothing else was written.
      const seated = takesSeat && (await offerings.takeSeat(tx, offering.id));
      if (takesSeat && !seated) offerings.seatRefused(offering.id);
      if (takesSeat && !seated && (!input.joinWaitlist || mode !== 'first_come')) throw new Conflict('enrolment.full', {}, { canJoinWaitlist: mode === 'first_come' });
      const created = await repo.insert(tx, {
        id: newId(), offeringId: offering.id, termId: offering.termId, residentId: who.residentId,
        ...(mode === 'approval' ? { status: 'pending', source: 'approval' } : seated ? { status: 'enrolled', source: 'first_come' } : { status: 'waitlisted', source: 'waitlist', waitlistedAt: now }),
        idempotencyKey: idempotencyKey ?? null, viaProxyUserId: who.viaProxyUserId, feeStatus: 'none', createdAt: now, updatedAt: now,
      });
      await deps.audit(tx, ctx, {
        action: `enrolment.${created.status}`, entityType: 'enrolment', entityId: created.id, regionCode: offering.regionCode,
        details: { offeringId: offering.id, residentId: who.residentId, viaProxyUserId: who.viaProxyUserId },
      });
      await notify(tx, who.residentId, `notice.${created.status}`, { title: offering.title }, { link: '/enrolments', sms: created.status !== 'pending', locale });
      await notifyGrantor(tx, ctx, who.residentId, who.viaProxyUserId, 'proxy_enrol', offering.title);
      if (created.status === 'enrolled') await emit(tx, { type: 'enrolled', offeringId: offering.id, title: offering.title, residentId: who.residentId, regionCode: homeRegionCode, at: now });
      return created;
    });
    return { ...(await presentWithPosition(row)), replayed: false };
  }

  async function enrolOnce(ctx: RequestContext, offeringId: string, input: { forResidentId?: string; joinWaitlist?: boolean }, idempotencyKey?: string) {
    const who = await actingFor(ctx, input.forResidentId);
    try {
      return await enrolAs(ctx, who, offeringId, input, idempotencyKey);
    } catch (e) {
      const constraint = uniqueViolation(e);
      // Two attempts with one key at once, or a key used before for an enrolment no longer live.
      if (constraint === 'enrolments_idempotency_uq') {
        const replay = await replayOf(who, offeringId, idempotencyKey);
        if (replay) return replay;
      }
      if (constraint === 'enrolments_live_uq') throw new Conflict('enrolment.already_enrolled');
      throw e;
    }
  }

  return {
    checkEligibility,
    countActiveInTerm,
    expireOffers,
    onEnrolmentEvent(listener: EnrolmentListener) { listeners.push(listener); },

    /**
     * One attempt to enrol (or apply, or join the waitlist) in an offering. With an idempotency key, a retry
     * returns the first answer (`replayed: true`) and never enrols twice.
     */
    async enrol(ctx: RequestContext, offeringId: string, input: { forResidentId?: string; joinWaitlist?: boolean }, idempotencyKey?: string) {
      enrolmentAttempts.inc();
      return enrolOnce(ctx, offeringId, input, idempotencyKey).catch((e: unknown) => {
        enrolmentRefusals.inc({ code: e instanceof DomainError ? e.code : 'internal' });
        throw e;
      });
    },

    /** What the offering page shows the caller (or someone they act for): their place, if any. Expired offers pass on first. */
    async status(ctx: RequestContext, offeringId: string, forResidentId?: string) {
      if (!isUuid(offeringId)) throw new NotFound('offering.not_found');
      let facts = await statusOffering(offeringId);
      // An open offer past its deadline passes on before anything is shown (then everything is read again:
      // the expiry moved other residents' places too).
      if (facts.nextOfferDeadline !== null && facts.nextOfferDeadline <= clock.now().getTime()) {
        if (await expireOffers(offeringId)) statusResidents.clear();
        statusOfferings.dropKey(offeringId);
        facts = await statusOffering(offeringId);
      }
      const fresh = facts.offering;
      const base = {
        offeringId, mode: fresh.enrolmentMode, capacity: fresh.capacity, seatsLeft: fresh.capacity == null ? null : Math.max(0, fresh.capacity - fresh.seatsTaken),
        opensAt: fresh.enrolmentOpensAt ? new Date(fresh.enrolmentOpensAt).toISOString() : null, closesAt: fresh.enrolmentClosesAt ? new Date(fresh.enrolmentClosesAt).toISOString() : null,
      };
      // Visitors and staff acting for nobody see the offering's figures only.
      if (!ctx.actor || (ctx.actor.kind !== 'resident' && !forResidentId)) return { ...base, enrolment: null, opensForMe: base.opensAt, refusal: null };
      const who = await actingFor(ctx, forResidentId);
      const mine = await statusResident(fresh, who.residentId);
      const row = mine.live;
      const opens = opensFor({ opensAt: fresh.enrolmentOpensAt, closesAt: fresh.enrolmentClosesAt, returningRule: (fresh.returningRule ?? 'none') as ReturningRule, isReturning: mine.isReturning });
      // A waitlist position moves with other residents' rows: read each time (the rare case).
      return { ...base, enrolment: row ? await presentWithPosition(row) : null, opensForMe: opens?.toISOString() ?? null, refusal: row ? null : refusalFor(ctx, fresh, mine) };
    },

    /**
     * The change feed and this process's writes keep the enrolment status's caches true: `enrolments` for a
     * resident's rows (any enrolment change may move seats or offers, so every offering's part goes too),
     * `resident` for their account or residence, `seats` for a class that filled or freed up, `all` for
     * anything else (reference data, staff writes, a feed that dropped).
     */
    statusChanged(what: 'enrolments' | 'resident' | 'seats' | 'all', userId?: string) {
      if (what !== 'resident') statusOfferings.clear();
      if (what === 'seats') return;
      if (what === 'all' || !userId) statusResidents.clear();
      else statusResidents.dropTag(userId);
    },

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
        const done = await repo.transition(tx, row.id, ['offered'], { status: 'enrolled', offerExpiresAt: null, updatedAt: now, viaProxyUserId: as === 'proxy' ? ctx.actor!.userId : row.viaProxyUserId });
        if (!done) return null;
        await deps.audit(tx, ctx, { action: 'enrolment.offer_confirmed', entityType: 'enrolment', entityId: row.id, regionCode: offering.regionCode, details: { via: as } });
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
          status: 'cancelled', reason: reason ?? (opts.declineOffer ? 'offer_declined' : null), cancelledBy: ctx.actor!.userId, cancelledAt: now, offerExpiresAt: null, updatedAt: now,
        });
        if (!done) throw new Conflict('enrolment.changed');
        if (row.status === 'enrolled' || row.status === 'offered') await passSeat(tx, offering, now);
        await deps.audit(tx, ctx, {
          action: opts.declineOffer ? 'enrolment.offer_declined' : 'enrolment.cancel', entityType: 'enrolment', entityId: row.id, regionCode: offering.regionCode,
          details: { by: as, from: row.status, reason: reason ?? null, residentId: row.residentId },
        });
        if (as === 'staff') await notify(tx, row.residentId, 'notice.cancelled_by_staff', { title: offering.title, reason: reason! }, { link: '/enrolments', sms: true });
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
        const done = await repo.transition(tx, row.id, ['pending'], { status: input.approve ? 'enrolled' : 'rejected', reason: reason ?? null, decidedBy: ctx.actor!.userId, decidedAt: now, updatedAt: now });
        if (!done) throw new Conflict('enrolment.changed');
        await deps.audit(tx, ctx, { action: input.approve ? 'enrolment.approve' : 'enrolment.reject', entityType: 'enrolment', entityId: row.id, regionCode: offering.regionCode, details: { reason: reason ?? null } });
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
          feeStatus: input.kind, paidFen: input.kind === 'paid' ? input.amountFen! : 0, paymentReference: input.reference ?? null, feeNote: input.note?.trim() ?? null,
          feeRecordedBy: ctx.actor!.userId, feeRecordedAt: now, updatedAt: now,
        });
        await deps.audit(tx, ctx, { action: `enrolment.fee_${input.kind}`, entityType: 'enrolment', entityId: row.id, regionCode: offering.regionCode, details: { amountFen: input.amountFen ?? null, reference: input.reference ?? null } });
        return done;
      });
      return presentWithPosition(updated);
    },

    /** The enrolment list of one offering for staff who run it, with waitlist positions and who acted by proxy. */
    async list(ctx: RequestContext, offeringId: string, f: PageRequest & { status?: string; viaProxy?: boolean; q?: string }) {
      const offering = await loadManaged(ctx, offeringId);
      await expireOffers(offering.id);
      const { rows, total } = await repo.list({ offeringId: offering.id, status: f.status, viaProxy: f.viaProxy, q: f.q, limit: f.pageSize, offset: offsetOf(f) });
      const items = await presentForStaff(rows);
      const counts = Object.fromEntries((await repo.counts(offering.id)).map((c) => [c.status, Number(c.n)]));
      const fresh = await loadOffering(offering.id);
      return { items, total, page: f.page, pageSize: f.pageSize, counts, capacity: fresh.capacity, seatsTaken: fresh.seatsTaken };
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
        const next = sessions.filter((s) => new Date(s.endsAt) > now).sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())[0] ?? null;
        const cancelUntil = cutoffOf(first, offering?.cancelCutoffHours ?? null);
        const isCancellable = ['pending', 'waitlisted', 'offered'].includes(row.status) || (row.status === 'enrolled' && isBeforeCutoff(first, offering?.cancelCutoffHours ?? null, now));
        items.push({
          ...(await presentWithPosition(row)),
          offering: offering ? { id: offering.id, title: offering.title, kind: offering.kind, mode: offering.enrolmentMode, firstSessionAt: first?.toISOString() ?? null } : null,
          nextSession: next ? { startsAt: new Date(next.startsAt).toISOString(), endsAt: new Date(next.endsAt).toISOString() } : null,
          cancelUntil: cancelUntil?.toISOString() ?? null, isCancellable,
        });
      }
      return { items, total, page: f.page, pageSize: f.pageSize };
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
        : await repo.insert(tx, { id: newId(), offeringId: input.offeringId, termId: offering.termId, residentId: input.residentId, status: 'enrolled', source: 'lottery', lotteryDrawId: input.drawId, feeStatus: 'none', createdAt: now, updatedAt: now });
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
        id: newId(), offeringId: input.offeringId, termId: offering.termId, residentId: input.residentId, status: 'waitlisted', source: 'lottery',
        lotteryDrawId: input.drawId, waitlistedAt: now, feeStatus: 'none', createdAt: now, updatedAt: now,
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
      const rows = await repo.cancelAllOf(tx, e.offering.id, { status: 'cancelled', reason: e.reason || 'offering_cancelled', cancelledAt: now, offerExpiresAt: null, updatedAt: now });
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
            if (first > now && await notify(tx, row.residentId, 'notice.reminder', { title: offering.title, at: shanghaiTime(first) }, { link: '/enrolments', sms: true, dedupeKey: `reminder:${row.id}` })) sent++;
          }
        });
      }
      const dueSoon = await repo.offersDueSoon(new Date(now.getTime() + 12 * 3600_000));
      if (dueSoon.length) {
        await deps.db.transaction(async (tx) => {
          for (const row of dueSoon) {
            const offering = await offerings.get(row.offeringId, tx);
            if (await notify(tx, row.residentId, 'notice.offer_deadline', { title: offering.title, deadline: shanghaiTime(row.offerExpiresAt!) }, { link: '/enrolments', sms: true, dedupeKey: `offer-deadline:${row.id}:${row.offeredAt?.getTime()}` })) sent++;
          }
        });
      }
      return sent;
    },

    // —— proxy enrolment (代报) ——

    /**
     * Someone (a family member or community worker) asks a resident, found by phone, for the right to enrol
     * for them; the resident consents in the app. The answer is the same whether or not the number belongs
     * to anyone the caller may ask (and whether a request is already waiting), so the form cannot turn a
     * phone number into a name; the requester sees the grant, with the name, only once its owner agrees.
     */
    async requestGrant(ctx: RequestContext, input: { grantorPhone: string; relation?: string }) {
      const actor = requireActor(ctx);
      const phone = input.grantorPhone.trim();
      const answer = { status: 'requested' as const, grantorPhone: maskPhone(phone) };
      const grantor = await deps.residents.findAccount(phone);
      if (grantor?.userId === actor.userId) throw invalidField('grantorPhone', 'proxy.self');
      // Counted before the number is looked at, so a registered and an unknown number cost the same.
      await deps.rateLimit(`proxy-request:user:${actor.userId}`, PROXY_REQUESTS_PER_DAY, 86_400);
      await deps.rateLimit(`proxy-request:phone:${phone}`, PROXY_REQUESTS_PER_TARGET_PER_DAY, 86_400);
      if (!grantor || grantor.kind !== 'resident') return answer;
      // A community worker asks only residents living in their regions; others get the same answer and nothing happens.
      if (isStaff(actor)) {
        const roots = visibleRegionRoots(actor);
        const homeRegion = await deps.residents.homeRegionOf(grantor.userId);
        if (roots !== 'all' && !(homeRegion && isWithin(homeRegion, roots))) return answer;
      }
      if (await repo.liveGrant(grantor.userId, actor.userId)) return answer;
      // However often people ask, the same phone gets a few texts a day; further requests still wait in the app.
      const sms = await withinLimit(`proxy-request:sms:${grantor.userId}`, PROXY_SMS_PER_TARGET_PER_DAY, 86_400);
      const id = newId();
      const now = clock.now();
      try {
        await deps.db.transaction(async (tx) => {
          await repo.insertGrant(tx, { id, grantorId: grantor.userId, granteeId: actor.userId, status: 'pending', relation: input.relation?.trim() || null, requestedBy: actor.userId, createdAt: now });
          await deps.audit(tx, ctx, { action: 'proxy.request', entityType: 'proxy_grant', entityId: id, details: { grantorId: grantor.userId, sms } });
          await notify(tx, grantor.userId, 'notice.proxy_request', { proxy: actor.displayName }, { link: '/proxy', sms });
        });
      } catch (e) {
        if (!uniqueViolation(e)) throw e;
      }
      return answer;
    },

    /**
     * A resident grants someone the right directly: their own action is the consent. The grantee is a
     * resident (by phone) or a worker serving the grantor's home region (by username); anyone else, like an
     * unknown login, gets the same answer and nothing is stored, so the form confirms no account.
     */
    async grant(ctx: RequestContext, input: { granteeLogin: string; relation?: string }) {
      const actor = requireActor(ctx);
      if (actor.kind !== 'resident') throw new Forbidden('enrolment.residents_only');
      const login = input.granteeLogin.trim();
      const answer = { status: 'granted' as const, granteeLogin: PHONE_LIKE.test(login) ? maskPhone(login) : login.slice(0, 1) + '***' };
      const grantee = await deps.residents.findAccount(login);
      if (grantee?.userId === actor.userId) throw invalidField('granteeLogin', 'proxy.self');
      await deps.rateLimit(`proxy-grant:user:${actor.userId}`, PROXY_REQUESTS_PER_DAY, 86_400);
      if (!grantee) return answer;
      if (grantee.kind === 'staff') {
        const homeRegion = await deps.residents.homeRegionOf(actor.userId);
        if (grantee.role !== 'region_admin' || !homeRegion || !isWithin(homeRegion, grantee.regionCodes)) return answer;
      }
      if (await repo.liveGrant(actor.userId, grantee.userId)) return answer;
      const id = newId();
      const now = clock.now();
      try {
        await deps.db.transaction(async (tx) => {
          await repo.insertGrant(tx, { id, grantorId: actor.userId, granteeId: grantee.userId, status: 'active', relation: input.relation?.trim() || null, requestedBy: actor.userId, consentMethod: 'in_app', consentedAt: now, createdAt: now });
          await deps.audit(tx, ctx, { action: 'proxy.grant', entityType: 'proxy_grant', entityId: id, details: { granteeId: grantee.userId, consentMethod: 'in_app' } });
          await notify(tx, grantee.userId, 'notice.proxy_granted', { grantor: actor.displayName }, { link: '/proxy' });
        });
      } catch (e) {
        if (!uniqueViolation(e)) throw e;
      }
      return answer;
    },

    /** The grantor agrees to a pending request; the consent is recorded with its time. */
    async consent(ctx: RequestContext, id: string) {
      const actor = requireActor(ctx);
      const grant = isUuid(id) ? await repo.grant(id) : null;
      if (!grant || (grant.grantorId !== actor.userId && grant.granteeId !== actor.userId)) throw new NotFound('proxy.not_found');
      if (grant.grantorId !== actor.userId) throw new Forbidden('proxy.grantor_only');
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        const done = await repo.transitionGrant(tx, grant.id, ['pending'], { status: 'active', consentMethod: 'in_app', consentedAt: now });
        if (!done) throw new Conflict('proxy.not_pending');
        await deps.audit(tx, ctx, { action: 'proxy.consent', entityType: 'proxy_grant', entityId: grant.id, details: { granteeId: grant.granteeId, consentMethod: 'in_app' } });
        await notify(tx, grant.granteeId, 'notice.proxy_granted', { grantor: actor.displayName }, { link: '/proxy' });
        return done;
      });
      return presentGrant(updated, actor.userId);
    },

    /** Either side ends a grant (or a pending request); later actions by the grantee are refused. */
    async revoke(ctx: RequestContext, id: string) {
      const actor = requireActor(ctx);
      const grant = isUuid(id) ? await repo.grant(id) : null;
      if (!grant || (grant.grantorId !== actor.userId && grant.granteeId !== actor.userId)) throw new NotFound('proxy.not_found');
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        const done = await repo.transitionGrant(tx, grant.id, ['pending', 'active'], { status: 'revoked', revokedAt: now, revokedBy: actor.userId });
        if (!done) throw new Conflict('proxy.not_active');
        await deps.audit(tx, ctx, { action: 'proxy.revoke', entityType: 'proxy_grant', entityId: grant.id, details: { grantorId: grant.grantorId, granteeId: grant.granteeId } });
        const other = actor.userId === grant.grantorId ? grant.granteeId : grant.grantorId;
        await notify(tx, other, 'notice.proxy_revoked', { by: actor.displayName }, { link: '/proxy' });
        return done;
      });
      return presentGrant(updated, actor.userId);
    },

    /** Grants I gave (and requests waiting for my consent), and people I may act for. */
    async grants(ctx: RequestContext) {
      const actor = requireActor(ctx);
      // A request I made that its addressee never agreed to stays out of my list: its presence, or a name
      // beside it, would tell me whom the number I typed belongs to.
      const rows = (await repo.grantsOf(actor.userId)).filter((g) => !(g.granteeId === actor.userId && g.requestedBy === actor.userId && !g.consentedAt));
      const presented = await presentGrants(rows, actor.userId);
      return { asGrantor: presented.filter((g) => g.grantorId === actor.userId), asGrantee: presented.filter((g) => g.granteeId === actor.userId) };
    },
  };

  async function presentGrants(rows: GrantRow[], me: string) {
    const people = await deps.residents.contactsOf(rows.flatMap((g) => [g.grantorId, g.granteeId]));
    return rows.map((g) => {
      const grantor = people.get(g.grantorId);
      const grantee = people.get(g.granteeId);
      return {
        id: g.id, status: g.status, relation: g.relation, grantorId: g.grantorId, granteeId: g.granteeId,
        grantor: { name: grantor?.displayName ?? '', phone: maskPhone(grantor?.phone) },
        // A grantee named by the grantor never agreed to be identified to them: the surname is enough to recognise family.
        grantee: { name: g.grantorId === me && g.requestedBy === me ? maskName(grantee?.displayName ?? '') : grantee?.displayName ?? '', phone: maskPhone(grantee?.phone), kind: grantee?.kind ?? 'resident' },
        requestedByMe: g.requestedBy === me, consentMethod: g.consentMethod, consentedAt: g.consentedAt?.toISOString() ?? null,
        revokedAt: g.revokedAt?.toISOString() ?? null, createdAt: g.createdAt.toISOString(),
      };
    });
  }

  async function presentGrant(row: GrantRow, me: string) {
    return (await presentGrants([row], me))[0];
  }

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

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
