// Lottery rounds (摇号): staff group lottery-mode offerings under one application window and publish the
// round, which commits to a secret seed by showing its SHA-256; residents rank up to N choices while the
// window is open; at the close the anonymised list is frozen and published with its digest; the draw
// (staff as a job, or the scheduler) reveals the seed, runs the shared pure `drawLottery` and admits the
// winners through the enrolment module inside one transaction.
import { randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { FieldCipher } from '../../kernel/crypto';
import { requireResident, requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, DomainError, FieldErrors, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { RoundInput, RoundPatch, ApplicationInput } from '../../../contracts/lottery';
import {
  LOTTERY_FORMAT,
  applicantToken,
  drawLottery,
  listDigest,
  seedCommitment,
  type DrawApplication,
  type LotteryPublication,
} from '../../../contracts/lottery-draw';
import type { JobsService, Progress } from '../jobs/index';
import type { RegionsService } from '../regions/index';
import { canCreateRoundIn, canManageRound, isAcceptingApplications, isCancellable, isDrawable, isEditable, phaseOf } from './lottery.policy';
import type { LotteryRepository, RoundRow } from './lottery.repository';

/** What the lottery needs to know of an offering (a subset of the offerings module's OfferingView). */
export interface LotteryOffering {
  id: string;
  title: string;
  termId: string | null;
  term: { id: string; name: string; maxEnrolmentsPerResident: number | null } | null;
  capacity: number | null;
  seatsTaken: number;
  enrolmentMode: string;
  returningRule: string;
  previousOfferingId: string | null;
  // What an applicant weighs a choice by: when, where and at what cost.
  mode: string;
  regionCode: string;
  feeCents: number;
  schedule: { weekdays: number[]; startTime: string; endTime: string } | null;
  firstStartsAt: Date | null;
  lastEndsAt: Date | null;
}

export interface LotteryPorts {
  offerings: {
    get(id: string, tx?: DbOrTx): Promise<LotteryOffering>;
    canManage(ctx: RequestContext, offering: never): boolean;
  };
  enrolment: {
    admitFromLottery(tx: DbOrTx, input: { offeringId: string; residentId: string; drawId: string }): Promise<{ enrolmentId: string } | null>;
    waitlistFromLottery(tx: DbOrTx, input: { offeringId: string; residentId: string; drawId: string }): Promise<{ enrolmentId: string } | null>;
    countActiveInTerm(termId: string, residentId: string, tx?: DbOrTx): Promise<number>;
    checkEligibility(offering: never, residentId: string, tx?: DbOrTx): Promise<void>;
    isEnrolled(offeringId: string, residentId: string, tx?: DbOrTx): Promise<boolean>;
  };
  notifications: {
    /** A notice in the resident's own language, from message keys `<key>.title` and `<key>.body`. */
    sendTranslated(
      tx: DbOrTx,
      input: { residentId: string; kind: string; key: string; params?: Record<string, string | number>; link?: string; sms?: boolean; dedupeKey?: string },
    ): Promise<unknown>;
  };
}

interface FrozenList {
  offerings: { id: string; title: string; seats: number }[];
  applications: DrawApplication[];
}

const SYSTEM: RequestContext = { actor: null, ip: null, locale: 'zh-CN' };

export function createLotteryService(
  deps: {
    db: Db;
    repo: LotteryRepository;
    audit: AuditWriter;
    clock: Clock;
    cipher: FieldCipher;
    jobs: JobsService;
    regions: RegionsService;
  } & LotteryPorts,
) {
  const { db, repo, audit, clock, cipher, jobs, regions, offerings, enrolment, notifications } = deps;
  // The offerings and enrolment services take their own OfferingView; the lottery hands back what it was given.
  const canManageOffering = (ctx: RequestContext, o: LotteryOffering) => offerings.canManage(ctx, o as never);
  const checkEligibility = (o: LotteryOffering, residentId: string) => enrolment.checkEligibility(o as never, residentId);

  async function loadManaged(ctx: RequestContext, id: string): Promise<RoundRow> {
    const actor = requireStaff(ctx, 'lottery.staff_only');
    const row = isUuid(id) ? await repo.find(id) : null;
    if (!row || !canManageRound(actor, row)) throw new NotFound('lottery.not_found');
    return row;
  }

  async function loadPublic(id: string): Promise<RoundRow> {
    const row = isUuid(id) ? await repo.find(id) : null;
    // A cancelled round stays readable where it had been public, so applicants can see why.
    const wasPublic = row && (row.status === 'published' || row.status === 'drawn' || (row.status === 'cancelled' && row.publishedAt));
    if (!row || !wasPublic) throw new NotFound('lottery.not_found');
    return row;
  }

  async function offeringsOf(ids: string[], tx?: DbOrTx): Promise<LotteryOffering[]> {
    const out: LotteryOffering[] = [];
    for (const id of ids) out.push(await offerings.get(id, tx));
    return out;
  }

  async function present(row: RoundRow, opts: { staff: boolean }) {
    const ids = await repo.offeringIds(row.id);
    const [list, demand] = await Promise.all([offeringsOf(ids), repo.demand(row.id)]);
    const frozen = row.frozenList as FrozenList | null;
    const placeNames = new Map<string, string>();
    for (const code of new Set(list.map((o) => o.regionCode))) placeNames.set(code, (await regions.get(code).catch(() => null))?.name ?? code);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      regionCode: row.ownerRegionCode,
      institutionId: row.ownerInstitutionId,
      termId: row.termId,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      maxChoices: row.maxChoices,
      quota: row.quota,
      autoDraw: row.autoDraw,
      status: row.status,
      phase: phaseOf(row, clock.now()),
      seedHash: row.seedHash,
      seed: row.seed,
      listDigest: row.listDigest,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      frozenAt: row.frozenAt?.toISOString() ?? null,
      drawnAt: row.drawnAt?.toISOString() ?? null,
      cancelReason: row.cancelReason,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      // Staff may still correct the window and the classes (nobody can have applied yet).
      isCorrectable: isEditable(row, clock.now()),
      applications: demand.applications,
      offerings: list.map((o) => ({
        id: o.id,
        title: o.title,
        termName: o.term?.name ?? null,
        capacity: o.capacity,
        seatsTaken: o.seatsTaken,
        // Seats the draw gives out: frozen at the close, live before it.
        seats: frozen?.offerings.find((f) => f.id === o.id)?.seats ?? Math.max(0, (o.capacity ?? 0) - o.seatsTaken),
        applicants: demand.byOffering.get(o.id)?.any ?? 0,
        firstChoice: demand.byOffering.get(o.id)?.first ?? 0,
        mode: o.mode,
        placeName: placeNames.get(o.regionCode) ?? null,
        feeCents: o.feeCents,
        schedule: o.schedule ? { weekdays: o.schedule.weekdays, startTime: o.schedule.startTime, endTime: o.schedule.endTime } : null,
        firstStartsAt: o.firstStartsAt?.toISOString() ?? null,
        lastEndsAt: o.lastEndsAt?.toISOString() ?? null,
      })),
      ...(opts.staff ? { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() } : {}),
    };
  }

  /** Checks a round's set-up as a whole and names every bad field; returns the offerings and their common term. */
  /** A round's settings as stored, from its input and what `checkSetup` found (the owner region, the term). */
  function storedSettings(input: RoundInput, setup: { regionCode: string; termId: string | null }) {
    return {
      name: input.name,
      description: input.description || null,
      ownerRegionCode: setup.regionCode,
      ownerInstitutionId: input.institutionId ?? null,
      termId: setup.termId,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      maxChoices: input.maxChoices,
      quota: input.quota ?? null,
      autoDraw: input.autoDraw,
    };
  }

  async function checkSetup(ctx: RequestContext, actor: Actor, input: RoundInput, roundId?: string) {
    const errors: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    let regionCode = input.regionCode;
    try {
      regionCode = (await regions.require(input.regionCode, 'regionCode')).code;
      if (!canCreateRoundIn(actor, regionCode, input.institutionId ?? null)) errors.regionCode = { key: 'lottery.region_out_of_scope' };
    } catch (e) {
      if (!(e instanceof FieldErrors)) throw e;
      Object.assign(errors, e.fieldKeys);
    }
    if (new Date(input.closesAt) <= new Date(input.opensAt)) errors.closesAt = { key: 'lottery.closes_before_opens' };
    const found: LotteryOffering[] = [];
    const ids = [...new Set(input.offeringIds)];
    if (ids.length !== input.offeringIds.length) errors.offeringIds = { key: 'lottery.duplicate_offering' };
    for (const id of ids) {
      let o: LotteryOffering;
      try {
        o = await offerings.get(id);
        if (!canManageOffering(ctx, o)) throw new NotFound('offering.not_found');
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
        errors.offeringIds = { key: 'lottery.offering_not_found' };
        continue;
      }
      if (o.enrolmentMode !== 'lottery') errors.offeringIds = { key: 'lottery.offering_not_lottery', params: { title: o.title } };
      else if (o.capacity === null) errors.offeringIds = { key: 'lottery.offering_no_capacity', params: { title: o.title } };
      else if (await repo.roundOfOffering(id, roundId)) errors.offeringIds = { key: 'lottery.offering_in_other_round', params: { title: o.title } };
      found.push(o);
    }
    if (input.maxChoices > ids.length) errors.maxChoices = { key: 'lottery.max_choices_over_offerings', params: { count: ids.length } };
    if (input.quota && input.quota > input.maxChoices) errors.quota = { key: 'lottery.quota_over_choices' };
    if (Object.keys(errors).length) throw new FieldErrors(errors);
    const terms = new Set(found.map((o) => o.termId));
    return { regionCode, offerings: found, termId: terms.size === 1 ? [...terms][0] : null };
  }

  /**
   * At (or after) the close: the anonymised list — token, quota and ranked choices with their priority
   * flag — and each offering's free seats are frozen with their digest. The round row is locked first, so
   * an application that took its (share) lock before the close is in, and none can follow.
   */
  async function freeze(id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const round = await repo.lock(tx, id, 'update');
      const now = clock.now();
      if (!round || round.status !== 'published' || round.frozenAt || now < round.closesAt) return;
      const seed = cipher.decrypt(round.seedEncrypted!);
      const list = await offeringsOf(await repo.offeringIds(id, tx), tx);
      const byId = new Map(list.map((o) => [o.id, o]));
      const term = round.termId ? (list.find((o) => o.termId === round.termId)?.term ?? null) : null;
      const baseQuota = round.quota ?? term?.maxEnrolmentsPerResident ?? 1;
      const applications: DrawApplication[] = [];
      for (const app of await repo.activeApplications(id, tx)) {
        let quota = Math.min(baseQuota, app.choices.length);
        if (term?.maxEnrolmentsPerResident != null)
          quota = Math.min(quota, Math.max(0, term.maxEnrolmentsPerResident - (await enrolment.countActiveInTerm(term.id, app.residentId, tx))));
        const choices = [];
        for (const offeringId of app.choices) {
          const o = byId.get(offeringId);
          let priority = false;
          if (o?.previousOfferingId && o.returningRule !== 'none') {
            const returning = await enrolment.isEnrolled(o.previousOfferingId, app.residentId, tx);
            priority = o.returningRule === 'priority_returning' ? returning : o.returningRule === 'priority_new' ? !returning : false;
          }
          choices.push({ offeringId, priority });
        }
        applications.push({ token: applicantToken(seed, app.residentId), quota, choices });
      }
      applications.sort((a, b) => (a.token < b.token ? -1 : 1));
      const frozen: FrozenList = {
        offerings: list.map((o) => ({ id: o.id, title: o.title, seats: Math.max(0, (o.capacity ?? 0) - o.seatsTaken) })),
        applications,
      };
      const digest = listDigest(frozen.offerings, frozen.applications);
      await repo.update(tx, id, { frozenList: frozen, listDigest: digest, frozenAt: now, updatedAt: now });
      await audit(tx, SYSTEM, {
        action: 'lottery.freeze',
        entityType: 'lottery_round',
        entityId: id,
        regionCode: round.ownerRegionCode,
        details: { listDigest: digest, applications: applications.length },
      });
    });
  }

  /** The draw: once per round however many processes try (the round row is locked and its status checked). */
  async function runDraw(id: string, ctx: RequestContext, progress?: Progress) {
    await freeze(id);
    return db.transaction(async (tx) => {
      const round = await repo.lock(tx, id, 'update');
      if (!round) throw new NotFound('lottery.not_found');
      if (round.status === 'drawn') throw new Conflict('lottery.already_drawn');
      if (round.status !== 'published' || !round.frozenAt) throw new Conflict('lottery.not_closed');
      const now = clock.now();
      const seed = cipher.decrypt(round.seedEncrypted!);
      const list = round.frozenList as FrozenList;
      progress?.(0, undefined, 'drawing');
      const result = drawLottery({ seed, offerings: list.offerings, applications: list.applications }, (done, total) => progress?.(done, total, 'drawing'));
      const byToken = new Map((await repo.activeApplications(id, tx)).map((a) => [applicantToken(seed, a.residentId), a]));
      const positionOf = new Map(result.order.map((t, i) => [t, i + 1]));
      const titleOf = new Map(list.offerings.map((o) => [o.id, o.title]));
      const outcomes = [];
      const winners = new Set<string>();
      let notAdmitted = 0;
      const total = result.allocations.length + result.order.length;
      for (const [i, a] of result.allocations.entries()) {
        const app = byToken.get(a.token)!;
        const admitted = await enrolment.admitFromLottery(tx, { offeringId: a.offeringId, residentId: app.residentId, drawId: id });
        if (!admitted) notAdmitted++;
        winners.add(a.token);
        outcomes.push({
          roundId: id,
          residentId: app.residentId,
          token: a.token,
          position: a.position,
          offeringId: a.offeringId,
          choiceRank: a.rank,
          enrolmentId: admitted?.enrolmentId ?? null,
        });
        progress?.(i + 1, total, 'admitting');
      }
      // Those not drawn join the waitlist of each class they chose, in draw order: a seat a winner gives up
      // is offered to the next of them (waitlists are ordered by insertion), confirming within the offer window.
      let considered = result.allocations.length;
      for (const token of result.order) {
        considered++;
        if (winners.has(token)) continue;
        const app = byToken.get(token)!;
        for (const offeringId of app.choices) await enrolment.waitlistFromLottery(tx, { offeringId, residentId: app.residentId, drawId: id });
        outcomes.push({
          roundId: id,
          residentId: app.residentId,
          token,
          position: positionOf.get(token)!,
          offeringId: null,
          choiceRank: null,
          enrolmentId: null,
        });
        await notifications.sendTranslated(tx, {
          residentId: app.residentId,
          kind: 'lottery.not_drawn',
          key: 'lottery.notice_lost',
          link: `/lottery/${id}`,
          sms: true,
          dedupeKey: `lottery:${id}:${app.residentId}`,
          params: { round: round.name, choices: app.choices.map((c) => titleOf.get(c) ?? '').join('、') },
        });
        progress?.(considered, total, 'notifying');
      }
      await repo.insertOutcomes(tx, outcomes);
      await repo.update(tx, id, { status: 'drawn', seed, drawnAt: now, drawnBy: ctx.actor?.userId ?? null, updatedAt: now });
      const summary = { applicants: result.order.length, seatsWon: result.allocations.length, winners: winners.size, notAdmitted };
      await audit(tx, ctx, {
        action: 'lottery.draw',
        entityType: 'lottery_round',
        entityId: id,
        regionCode: round.ownerRegionCode,
        details: { seed, listDigest: round.listDigest, ...summary },
      });
      return summary;
    });
  }

  function publicationOf(row: RoundRow, results: { token: string; offeringId: string }[] | null, titles: Map<string, string>): LotteryPublication {
    const frozen = row.frozenList as FrozenList | null;
    return {
      format: LOTTERY_FORMAT,
      roundId: row.id,
      roundName: row.name,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      seedHash: row.seedHash!,
      seed: row.status === 'drawn' ? row.seed : null,
      listDigest: row.listDigest,
      offerings: frozen ? frozen.offerings : [...titles].map(([id, title]) => ({ id, title, seats: 0 })),
      applications: frozen?.applications ?? [],
      results,
      drawnAt: row.drawnAt?.toISOString() ?? null,
    };
  }

  const service = {
    // ---- staff ----

    async list(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireStaff(ctx, 'lottery.staff_only');
      const roots = visibleRegionRoots(actor);
      const scope = roots === 'all' ? ('all' as const) : actor.role === 'institution_staff' ? [] : actor.regionCodes;
      const { rows, total } = await repo.list({
        regionRoots: scope,
        institutionIds: actor.role === 'institution_staff' ? actor.institutions.map((i) => i.id) : [],
        statuses: q.status ? [q.status] : undefined,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      const items = [];
      for (const r of rows) items.push(await present(r, { staff: true }));
      return pageOf(q, items, total);
    },

    async get(ctx: RequestContext, id: string) {
      return present(await loadManaged(ctx, id), { staff: true });
    },

    async create(ctx: RequestContext, input: RoundInput) {
      const actor = requireStaff(ctx, 'lottery.staff_only');
      const setup = await checkSetup(ctx, actor, input);
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insert(tx, {
          id,
          ...storedSettings(input, setup),
          status: 'draft',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await repo.setOfferings(tx, id, input.offeringIds);
        await audit(tx, ctx, { action: 'lottery.create', entityType: 'lottery_round', entityId: id, regionCode: setup.regionCode, details: { ...input } });
      });
      return service.get(ctx, id);
    },

    async update(ctx: RequestContext, id: string, patch: RoundPatch) {
      const actor = requireStaff(ctx, 'lottery.staff_only');
      const row = await loadManaged(ctx, id);
      const now = clock.now();
      if (!isEditable(row, now)) throw new Conflict('lottery.not_editable');
      const isCorrection = row.status === 'published';
      // A published round may have its window and classes corrected, but it must still open in the future.
      if (isCorrection && patch.opensAt && new Date(patch.opensAt) <= now) throw invalidField('opensAt', 'lottery.opens_in_past');
      const merged: RoundInput = {
        name: patch.name ?? row.name,
        description: patch.description !== undefined ? patch.description : row.description,
        regionCode: patch.regionCode ?? row.ownerRegionCode,
        institutionId: patch.institutionId !== undefined ? patch.institutionId : row.ownerInstitutionId,
        offeringIds: patch.offeringIds ?? (await repo.offeringIds(id)),
        opensAt: patch.opensAt ?? row.opensAt.toISOString(),
        closesAt: patch.closesAt ?? row.closesAt.toISOString(),
        maxChoices: patch.maxChoices ?? row.maxChoices,
        quota: patch.quota !== undefined ? patch.quota : row.quota,
        autoDraw: patch.autoDraw ?? row.autoDraw,
      };
      const setup = await checkSetup(ctx, actor, merged, id);
      await db.transaction(async (tx) => {
        await repo.update(tx, id, { ...storedSettings(merged, setup), updatedAt: clock.now() });
        if (patch.offeringIds) await repo.setOfferings(tx, id, patch.offeringIds);
        await audit(tx, ctx, {
          action: isCorrection ? 'lottery.correct' : 'lottery.update',
          entityType: 'lottery_round',
          entityId: id,
          regionCode: setup.regionCode,
          details: { ...patch },
        });
      });
      return service.get(ctx, id);
    },

    /** Publishing commits to the seed: 32 random bytes, kept encrypted; only SHA-256 of them is shown until the draw. */
    async publish(ctx: RequestContext, id: string) {
      const row = await loadManaged(ctx, id);
      if (row.status !== 'draft') throw new Conflict('lottery.not_editable');
      const now = clock.now();
      if (row.closesAt <= now) throw invalidField('closesAt', 'lottery.closes_in_past');
      const seed = randomBytes(32).toString('hex');
      const seedHash = seedCommitment(seed);
      await db.transaction(async (tx) => {
        await repo.update(tx, id, { status: 'published', seedEncrypted: cipher.encrypt(seed), seedHash, publishedAt: now, updatedAt: now });
        await audit(tx, ctx, { action: 'lottery.publish', entityType: 'lottery_round', entityId: id, regionCode: row.ownerRegionCode, details: { seedHash } });
      });
      return service.get(ctx, id);
    },

    /**
     * Calls a round off before its draw, with a reason every applicant is told (in their language, with an SMS).
     * The round row is locked, so a draw running at the same moment either finishes first (and the round is no
     * longer cancellable) or finds the round cancelled.
     */
    async cancel(ctx: RequestContext, id: string, reason: string) {
      await loadManaged(ctx, id);
      const told = await db.transaction(async (tx) => {
        const round = await repo.lock(tx, id, 'update');
        if (!round) throw new NotFound('lottery.not_found');
        if (!isCancellable(round)) throw new Conflict('lottery.not_cancellable');
        const now = clock.now();
        await repo.update(tx, id, { status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now });
        const applicants = await repo.activeApplications(id, tx);
        for (const app of applicants) {
          await notifications.sendTranslated(tx, {
            residentId: app.residentId,
            kind: 'lottery.cancelled',
            key: 'lottery.notice_cancelled',
            link: `/lottery/${id}`,
            sms: true,
            dedupeKey: `lottery-cancelled:${id}:${app.residentId}`,
            params: { round: round.name, reason },
          });
        }
        await audit(tx, ctx, {
          action: 'lottery.cancel',
          entityType: 'lottery_round',
          entityId: id,
          regionCode: round.ownerRegionCode,
          details: { reason, applicantsTold: applicants.length },
        });
        return applicants.length;
      });
      return { ...(await service.get(ctx, id)), applicantsTold: told };
    },

    /** Starts the draw as a job; refused at once when the round cannot be drawn. */
    async startDraw(ctx: RequestContext, id: string) {
      const row = await loadManaged(ctx, id);
      if (row.status === 'drawn') throw new Conflict('lottery.already_drawn');
      if (!isDrawable(row, clock.now())) throw new Conflict('lottery.not_closed');
      const job = await jobs.start(ctx, 'lottery.draw', (progress) => runDraw(id, ctx, progress));
      return { jobId: job.id };
    },

    async results(ctx: RequestContext, id: string, q: PageRequest & { won?: boolean }) {
      const row = await loadManaged(ctx, id);
      const titles = new Map((await offeringsOf(await repo.offeringIds(id))).map((o) => [o.id, o.title]));
      const { rows, total } = await repo.outcomes(row.id, { limit: q.pageSize, offset: offsetOf(q), wonOnly: q.won });
      return pageOf(
        q,
        rows.map(({ o, displayName }) => ({
          position: o.position,
          token: o.token,
          residentId: o.residentId,
          displayName,
          offeringId: o.offeringId,
          offeringTitle: o.offeringId ? (titles.get(o.offeringId) ?? null) : null,
          choiceRank: o.choiceRank,
          enrolmentId: o.enrolmentId,
        })),
        total,
      );
    },

    /** Every outcome in batches, for the Excel export. */
    async *resultBatches(ctx: RequestContext, id: string) {
      for (let page = 1; ; page++) {
        const batch = await service.results(ctx, id, { page, pageSize: 200 });
        if (batch.items.length) yield batch.items;
        if (page * 200 >= batch.total) return;
      }
    },

    // ---- the public ----

    async publicList(q: PageRequest & { offering?: string }) {
      if (q.offering && !isUuid(q.offering)) return pageOf(q, [], 0);
      const { rows, total } = await repo.list({
        regionRoots: 'all',
        statuses: ['published', 'drawn'],
        offeringId: q.offering,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      const items = [];
      for (const r of rows) items.push(await present(r, { staff: false }));
      return pageOf(q, items, total);
    },

    async publicGet(id: string) {
      const row = await loadPublic(id);
      if (row.status === 'published' && !row.frozenAt && clock.now() >= row.closesAt) {
        await freeze(row.id);
        return present((await repo.find(row.id))!, { staff: false });
      }
      return present(row, { staff: false });
    },

    /** Everything needed to re-run the draw: the seed hash, the frozen list and digest, then the seed and results. */
    async publication(id: string): Promise<LotteryPublication> {
      let row = await loadPublic(id);
      if (row.status === 'published' && !row.frozenAt && clock.now() >= row.closesAt) {
        await freeze(row.id);
        row = (await repo.find(row.id))!;
      }
      const titles = new Map((await offeringsOf(await repo.offeringIds(id))).map((o) => [o.id, o.title]));
      let results: { token: string; offeringId: string }[] | null = null;
      if (row.status === 'drawn') {
        results = [];
        for (let offset = 0; ; offset += 1000) {
          const { rows } = await repo.outcomes(row.id, { limit: 1000, offset, wonOnly: true, order: 'allocation' });
          results.push(...rows.map(({ o }) => ({ token: o.token, offeringId: o.offeringId! })));
          if (rows.length < 1000) break;
        }
      }
      return publicationOf(row, results, titles);
    },

    // ---- residents ----

    async myApplication(ctx: RequestContext, id: string) {
      const actor = requireResident(ctx, 'lottery.residents_only');
      const row = await loadPublic(id);
      const app = await repo.application(row.id, actor.userId);
      if (!app) return null;
      const titles = new Map((await offeringsOf(await repo.offeringIds(id))).map((o) => [o.id, o.title]));
      const outcomes = row.status === 'drawn' ? await repo.outcomesOf(row.id, actor.userId) : [];
      return {
        status: app.status,
        choices: app.choices.map((offeringId) => ({ offeringId, title: titles.get(offeringId) ?? '' })),
        updatedAt: app.updatedAt.toISOString(),
        // The token is public only once the list is frozen; the resident finds their line in it with this.
        token: row.frozenAt && app.status === 'active' ? applicantToken(cipher.decrypt(row.seedEncrypted!), actor.userId) : null,
        result:
          row.status !== 'drawn' || app.status !== 'active'
            ? null
            : {
                position: outcomes[0]?.position ?? null,
                won: outcomes
                  .filter((o) => o.offeringId)
                  .map((o) => ({ offeringId: o.offeringId!, title: titles.get(o.offeringId!) ?? '', choiceRank: o.choiceRank, enrolmentId: o.enrolmentId })),
              },
      };
    },

    /** Submit or change the ranked choices (one application per resident and round). */
    async apply(ctx: RequestContext, id: string, input: ApplicationInput) {
      const actor = requireResident(ctx, 'lottery.residents_only');
      const row = await loadPublic(id);
      if (!isAcceptingApplications(row, clock.now()))
        throw new Conflict(phaseOf(row, clock.now()) === 'upcoming' ? 'lottery.window_not_open' : 'lottery.window_closed');
      const ids = await repo.offeringIds(id);
      if (new Set(input.choices).size !== input.choices.length) throw invalidField('choices', 'lottery.duplicate_choice');
      if (input.choices.length > row.maxChoices) throw invalidField('choices', 'lottery.too_many_choices', { max: row.maxChoices });
      for (const [i, c] of input.choices.entries()) if (!ids.includes(c)) throw invalidField(`choices.${i}`, 'lottery.choice_not_in_round');
      for (const [i, c] of input.choices.entries()) {
        const o = await offerings.get(c);
        try {
          await checkEligibility(o, actor.userId);
        } catch (e) {
          if (!(e instanceof DomainError) || e instanceof FieldErrors) throw e;
          throw new FieldErrors({ [`choices.${i}`]: { key: e.code, params: { ...e.params, title: o.title } } });
        }
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const locked = await repo.lock(tx, id, 'share');
        if (!locked || !isAcceptingApplications(locked, clock.now())) throw new Conflict('lottery.window_closed');
        await repo.upsertApplication(tx, {
          id: newId(),
          roundId: id,
          residentId: actor.userId,
          displayName: actor.displayName,
          choices: input.choices,
          status: 'active',
          submittedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await audit(tx, ctx, {
          action: 'lottery.apply',
          entityType: 'lottery_round',
          entityId: id,
          regionCode: row.ownerRegionCode,
          details: { choices: input.choices },
        });
      });
      return service.myApplication(ctx, id);
    },

    async withdraw(ctx: RequestContext, id: string) {
      const actor = requireResident(ctx, 'lottery.residents_only');
      const row = await loadPublic(id);
      if (!isAcceptingApplications(row, clock.now())) throw new Conflict('lottery.window_closed');
      await db.transaction(async (tx) => {
        const locked = await repo.lock(tx, id, 'share');
        if (!locked || !isAcceptingApplications(locked, clock.now())) throw new Conflict('lottery.window_closed');
        if (!(await repo.withdraw(tx, id, actor.userId, clock.now()))) throw new NotFound('lottery.no_application');
        await audit(tx, ctx, { action: 'lottery.withdraw', entityType: 'lottery_round', entityId: id, regionCode: row.ownerRegionCode });
      });
      return service.myApplication(ctx, id);
    },

    // ---- the scheduler ----

    /** Freezes the lists of rounds past their close and draws those set to draw automatically. */
    async runDue() {
      const drawn: string[] = [];
      for (const r of await repo.due(clock.now())) {
        await freeze(r.id);
        if (!r.autoDraw) continue;
        try {
          await runDraw(r.id, SYSTEM);
          drawn.push(r.id);
        } catch (e) {
          if (!(e instanceof Conflict)) throw e;
        }
      }
      return drawn;
    },
  };
  return service;
}

export type LotteryService = ReturnType<typeof createLotteryService>;
