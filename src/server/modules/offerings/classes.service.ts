// Classes and events on the staff side: a draft checked against the other modules (term, venue, instructor,
// place, timetable), sessions generated and the venue booked in the saving transaction, publication and
// cancellation, the staff list and its export, and the schedule preview.
import type { DbOrTx } from '../../db/client';
import { requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, DomainError, Forbidden, NotFound, invalidField, FieldErrors } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { buildSearchText } from '../../kernel/search-text';
import { offsetOf, pageOf } from '../../kernel/pagination';
import type { OfferingInput, OfferingPatch } from '../../../contracts/offerings';
import type { Eligibility, WeeklySchedule } from '../../db/schema/offerings';
import { canManageOffering, canMoveOffering, canPlaceOffering, canSeeOffering, defaultInstitutionOf, isScheduleEditable } from './offerings.policy';
import { derivedFromSessions, listedSessions, shanghaiParts, weeklySessions, type PlannedSession } from './offerings.schedule';
import type { OfferingFilter, OfferingRow, SessionRow } from './offerings.repository';
import type { OfferingListQuery, OfferingsCore } from './offerings.core';
import { hm, ymd, type OfferingsPresenter } from './offerings.present';

/** However soon a class starts, residents get at least this long to enrol unless staff set the window. */
export const MIN_DEFAULT_WINDOW_MS = 7 * 86_400_000;

/**
 * When enrolment closes if staff leave it open: at the first session, but never sooner than a week after
 * opening (a class set up the day it starts would otherwise be open for minutes), and never after the last
 * session has begun.
 */
export function defaultEnrolmentCloses(planned: { startsAt: Date }[], opens: Date): Date {
  const first = planned[0].startsAt.getTime();
  const last = planned[planned.length - 1].startsAt.getTime();
  return new Date(Math.min(Math.max(first, opens.getTime() + MIN_DEFAULT_WINDOW_MS), last));
}

export function createClassesService(core: OfferingsCore, view: OfferingsPresenter) {
  const { deps, db, repo, audit, clock, regions, listeners, forgetFull, requireAuthor, toView, loadTerm, loadCampaign, commonFilter } = core;
  const { presentStaff, presentStaffDetail } = view;

  async function loadOffering(actor: Actor, id: string) {
    const row = isUuid(id) ? await repo.find(id) : null;
    if (!row || !canSeeOffering(actor, row)) throw new NotFound('offering.not_found');
    return row;
  }
  async function loadManaged(actor: Actor, id: string) {
    const row = await loadOffering(actor, id);
    if (!canManageOffering(actor, row)) throw new Forbidden('offering.read_only');
    return row;
  }

  /** Staff input merged with the stored row: everything the checks need, in one shape. */
  type Draft = {
    kind: 'class' | 'event';
    eventType: string | null;
    termId: string | null;
    campaignId: string | null;
    courseId: string | null;
    title: string;
    description: string;
    categoryCode: string;
    targetGroups: string[];
    mode: string;
    regionCode: string | null;
    institutionId: string | null;
    venueId: string | null;
    instructorId: string | null;
    capacity: number | null;
    feeCents: number;
    feeWaiver: string;
    enrolmentMode: string;
    enrolmentOpensAt: string | null;
    enrolmentClosesAt: string | null;
    cancelCutoffHours: number;
    eligibility: Eligibility;
    returningRule: string;
    previousOfferingId: string | null;
    completionThreshold: number;
    schedule: WeeklySchedule | null;
    sessions: { date: string; startTime: string; endTime: string }[] | null;
  };

  /** Validates a draft against the other modules; returns the row's fields and, when the timetable changes, the planned sessions. */
  async function check(ctx: RequestContext, actor: Actor, d: Draft, opts: { replan: boolean; seatsTaken: number; current?: OfferingRow }) {
    const problems: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    const fail = (field: string, key: string, params?: Record<string, string | number>) => {
      problems[field] ??= { key, params };
    };

    const t = d.termId
      ? await loadTerm(actor, d.termId, 'termId').catch((e) => {
          if (e instanceof FieldErrors) {
            fail('termId', 'offering_term.not_found');
            return null;
          }
          throw e;
        })
      : null;
    if (d.kind === 'class' && !d.termId) fail('termId', 'validation.required');
    if (t?.status === 'cancelled') fail('termId', 'offering.term_cancelled');
    if (d.campaignId)
      await loadCampaign(actor, d.campaignId, 'campaignId').catch((e) => {
        if (e instanceof FieldErrors) fail('campaignId', 'offering.campaign_not_found');
        else throw e;
      });
    if (d.previousOfferingId && !(isUuid(d.previousOfferingId) && (await repo.find(d.previousOfferingId))))
      fail('previousOfferingId', 'offering.previous_not_found');
    await deps.categories.require(d.categoryCode, 'categoryCode').catch(() => fail('categoryCode', 'validation.invalid'));

    const venue = d.venueId
      ? await deps.venues.get(ctx, d.venueId).catch((e) => {
          if (e instanceof DomainError) {
            fail('venueId', 'venue.not_found');
            return null;
          }
          throw e;
        })
      : null;
    if (!d.venueId && d.mode !== 'online') fail('venueId', 'offering.venue_required');
    let instructorUserId: string | null = null;
    if (d.instructorId) {
      const seen = await deps.instructors.get(ctx, d.instructorId).catch((e) => {
        if (e instanceof DomainError) {
          fail('instructorId', 'instructor.not_found');
          return null;
        }
        throw e;
      });
      const a = seen ? await deps.instructors.assignmentOf(d.instructorId) : null;
      if (a?.vettingStatus === 'suspended') fail('instructorId', 'offering.instructor_suspended');
      // Only vetted instructors teach; keeping an unchanged assignment lets an old class be edited after a re-vetting.
      else if (a && a.vettingStatus !== 'approved' && d.instructorId !== opts.current?.instructorId) fail('instructorId', 'offering.instructor_not_vetted');
      instructorUserId = a?.residentUserId ?? null;
    }

    if (d.kind === 'class' && d.capacity === null) fail('capacity', 'offering.capacity_required');
    if (d.capacity !== null && venue?.capacity != null && d.capacity > venue.capacity)
      fail('capacity', 'offering.capacity_over_venue', { max: venue.capacity });
    if (d.capacity !== null && d.capacity < opts.seatsTaken) fail('capacity', 'offering.capacity_below_taken', { taken: opts.seatsTaken });

    // Where it takes place: given, else the venue's region, else the organiser's, else the caller's own.
    let institutionId = d.institutionId;
    if (!institutionId) institutionId = defaultInstitutionOf(actor);
    const institutionRegion = institutionId ? await deps.institutions.regionOf(institutionId) : null;
    if (institutionId && !institutionRegion) fail('institutionId', 'institution.not_found');
    let regionCode: string | null = d.regionCode ?? venue?.regionCode ?? institutionRegion ?? actor.regionCodes[0] ?? null;
    if (regionCode)
      regionCode =
        (
          await regions.require(regionCode, 'regionCode').catch(() => {
            fail('regionCode', 'validation.invalid');
            return null;
          })
        )?.code ?? null;
    if (!regionCode) fail('regionCode', 'validation.required');
    else if (!canPlaceOffering(actor, regionCode, institutionId, institutionRegion)) fail('regionCode', 'region.out_of_scope');

    let planned: PlannedSession[] | null = null;
    if (opts.replan) {
      const result = d.kind === 'class' ? (d.schedule ? weeklySessions(d.schedule) : null) : d.sessions ? listedSessions(d.sessions) : null;
      if (!result) fail(d.kind === 'class' ? 'schedule' : 'sessions', 'validation.required');
      else if ('problem' in result) fail(result.problem.field, result.problem.key, result.problem.params);
      else {
        planned = result.sessions;
        if (planned[0].startsAt < clock.now()) fail(d.kind === 'class' ? 'schedule.fromDate' : 'sessions', 'offering.in_past');
        const first = planned[0].date,
          last = planned[planned.length - 1].date;
        if (t && d.kind === 'class' && (first < t.startsOn || last > t.endsOn))
          fail('schedule.fromDate', 'offering.outside_term', { from: t.startsOn, to: t.endsOn });
      }
    }
    const opens = d.enrolmentOpensAt ? new Date(d.enrolmentOpensAt) : null;
    const closes = d.enrolmentClosesAt
      ? new Date(d.enrolmentClosesAt)
      : planned
        ? defaultEnrolmentCloses(planned, opens ?? clock.now())
        : (opts.current?.enrolmentClosesAt ?? null);
    if (opens && closes && closes <= opens) fail('enrolmentClosesAt', 'offering.window_order');
    if (Object.keys(problems).length) throw new FieldErrors(problems);

    const catName = await deps.categories.require(d.categoryCode, 'categoryCode').then((c) => c.nameZh);
    const fields = {
      kind: d.kind,
      eventType: d.kind === 'event' ? d.eventType : null,
      termId: d.termId,
      campaignId: d.campaignId,
      courseId: d.courseId,
      title: d.title,
      description: d.description,
      categoryCode: d.categoryCode,
      targetGroups: d.targetGroups,
      mode: d.mode,
      regionCode: regionCode!,
      institutionId,
      venueId: d.venueId,
      instructorId: d.instructorId,
      instructorUserId,
      capacity: d.capacity,
      feeCents: d.feeCents,
      feeWaiver: d.feeWaiver,
      enrolmentMode: d.enrolmentMode,
      enrolmentOpensAt: opens,
      enrolmentClosesAt: closes,
      cancelCutoffHours: d.cancelCutoffHours,
      eligibility: d.eligibility,
      returningRule: d.returningRule,
      previousOfferingId: d.previousOfferingId,
      completionThreshold: d.completionThreshold,
      schedule: d.kind === 'class' ? d.schedule : null,
      searchText: buildSearchText(d.title, catName, d.description, venue?.name, venue?.regionName),
    };
    return { fields, planned, venueName: venue?.name ?? null };
  }

  /** Books the venue for every planned session and inserts them, refusing a clash of the venue or the instructor. */
  async function schedule(
    tx: DbOrTx,
    ctx: RequestContext,
    offeringId: string,
    fields: { kind: string; title: string; venueId: string | null; instructorId: string | null },
    planned: PlannedSession[],
  ) {
    if (fields.instructorId) {
      await repo.lockInstructor(tx, fields.instructorId);
      const clash = await repo.instructorClash(tx, fields.instructorId, planned, offeringId);
      if (clash)
        throw new Conflict('offering.instructor_busy', { date: ymd(clash.startsAt), from: hm(clash.startsAt), to: hm(clash.endsAt), title: clash.title });
    }
    const rows = [];
    for (const s of planned) {
      let bookingId: string | null = null;
      if (fields.venueId) {
        try {
          const booking = await deps.bookings.book(tx, ctx, {
            venueId: fields.venueId,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            purpose: fields.kind === 'class' ? 'class' : 'event',
            referenceId: offeringId,
            title: `${fields.title}（${s.seq}）`.slice(0, 100),
          });
          bookingId = booking.id;
        } catch (e) {
          if (e instanceof Conflict && e.code === 'booking.overlap') {
            const c = e.details?.conflict as { id: string; startsAt: string; endsAt: string } | undefined;
            const other = c ? await deps.bookings.firstClash(fields.venueId, s.startsAt, s.endsAt, tx) : null;
            throw new Conflict(
              'offering.venue_busy',
              { date: s.date, from: c ? hm(new Date(c.startsAt)) : '', to: c ? hm(new Date(c.endsAt)) : '', title: other?.title ?? '' },
              { conflict: c ?? null },
            );
          }
          throw e;
        }
      }
      rows.push({
        id: newId(),
        offeringId,
        seq: s.seq,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        hours: String(s.hours),
        venueBookingId: bookingId,
        status: 'scheduled',
      });
    }
    await repo.insertSessions(tx, rows);
    return derivedFromSessions(planned);
  }

  function draftOf(input: OfferingInput, course: { title: string; description: string; category: string; targetGroups: string[]; mode: string } | null): Draft {
    return {
      kind: input.kind,
      eventType: input.kind === 'event' ? input.eventType : null,
      termId: input.termId ?? null,
      campaignId: input.campaignId ?? null,
      courseId: input.courseId ?? null,
      title: input.title ?? course?.title ?? '',
      description: input.description ?? course?.description ?? '',
      categoryCode: input.categoryCode ?? course?.category ?? '',
      targetGroups: input.targetGroups ?? course?.targetGroups ?? ['general'],
      mode: input.mode ?? course?.mode ?? 'offline',
      regionCode: input.regionCode ?? null,
      institutionId: input.institutionId ?? null,
      venueId: input.venueId ?? null,
      instructorId: input.instructorId ?? null,
      capacity: input.capacity ?? null,
      feeCents: input.feeCents,
      feeWaiver: input.feeWaiver,
      enrolmentMode: input.enrolmentMode,
      enrolmentOpensAt: input.enrolmentOpensAt ?? null,
      enrolmentClosesAt: input.enrolmentClosesAt ?? null,
      cancelCutoffHours: input.cancelCutoffHours,
      eligibility: input.eligibility,
      returningRule: input.returningRule,
      previousOfferingId: input.previousOfferingId ?? null,
      completionThreshold: input.completionThreshold,
      schedule: input.kind === 'class' ? { ...input.schedule, skipDates: input.schedule.skipDates ?? [] } : null,
      sessions: input.kind === 'event' ? input.sessions : null,
    };
  }

  function rowDraft(r: OfferingRow, sessions: SessionRow[]): Draft {
    return {
      kind: r.kind as 'class' | 'event',
      eventType: r.eventType,
      termId: r.termId,
      campaignId: r.campaignId,
      courseId: r.courseId,
      title: r.title,
      description: r.description,
      categoryCode: r.categoryCode,
      targetGroups: r.targetGroups,
      mode: r.mode,
      regionCode: r.regionCode,
      institutionId: r.institutionId,
      venueId: r.venueId,
      instructorId: r.instructorId,
      capacity: r.capacity,
      feeCents: r.feeCents,
      feeWaiver: r.feeWaiver,
      enrolmentMode: r.enrolmentMode,
      enrolmentOpensAt: r.enrolmentOpensAt?.toISOString() ?? null,
      enrolmentClosesAt: r.enrolmentClosesAt?.toISOString() ?? null,
      cancelCutoffHours: r.cancelCutoffHours,
      eligibility: r.eligibility,
      returningRule: r.returningRule,
      previousOfferingId: r.previousOfferingId,
      completionThreshold: r.completionThreshold,
      schedule: r.schedule,
      sessions: sessions.map((s) => ({ date: ymd(s.startsAt), startTime: hm(s.startsAt), endTime: hm(s.endsAt) })),
    };
  }

  async function move(ctx: RequestContext, id: string, to: 'published' | 'cancelled' | 'finished', reason?: string) {
    const actor = requireStaff(ctx);
    const row = await loadManaged(actor, id);
    if (!canMoveOffering(row.status, to)) throw new Conflict('offering.bad_transition', { from: `offering_status.${row.status}` });
    if (to === 'published' && row.termId) {
      const t = await repo.findTerm(row.termId);
      if (t?.status === 'cancelled') throw new Conflict('offering.term_cancelled');
      if (t?.status !== 'published') throw new Conflict('offering.term_not_published');
    }
    const now = clock.now();
    await db.transaction(async (tx) => {
      const patch =
        to === 'published'
          ? { status: to, publishedAt: now, enrolmentOpensAt: row.enrolmentOpensAt ?? now, updatedAt: now }
          : to === 'cancelled'
            ? { status: to, cancelReason: reason ?? null, updatedAt: now }
            : { status: to, updatedAt: now };
      forgetFull();
      const updated = await repo.update(tx, id, patch);
      if (!updated || updated.version !== row.version + 1) throw new Conflict('offering.version_conflict');
      if (to === 'cancelled') {
        const sessions = await repo.sessionsOf(id, tx);
        await deps.bookings.release(
          tx,
          ctx,
          sessions.map((s) => s.venueBookingId).filter((x): x is string => !!x),
          reason ?? null,
        );
        await repo.cancelSessions(tx, id);
        const t = updated.termId ? await repo.findTerm(updated.termId, tx) : null;
        for (const l of listeners) await l(tx, { type: 'cancelled', offering: toView(updated, t), reason: reason ?? '' });
      }
      await audit(tx, ctx, {
        action: `offering.${to === 'published' ? 'publish' : to === 'cancelled' ? 'cancel' : 'finish'}`,
        entityType: 'offering',
        entityId: id,
        regionCode: row.regionCode,
        details: reason ? { reason } : {},
      });
    });
    return getForStaff(ctx, id);
  }

  async function getForStaff(ctx: RequestContext, id: string) {
    const actor = requireStaff(ctx);
    return presentStaffDetail(ctx, await loadOffering(actor, id));
  }

  async function staffFilter(actor: Actor, q: Omit<OfferingListQuery, 'page' | 'pageSize'>): Promise<OfferingFilter> {
    const f = commonFilter(q);
    f.viewer = { roots: visibleRegionRoots(actor), institutionIds: actor.institutions.map((i) => i.id) };
    if (q.status) f.statuses = [q.status];
    if (q.enrolmentMode) f.enrolmentMode = q.enrolmentMode;
    if (q.startsWithinDays) {
      const now = deps.clock.now();
      f.startsBetween = [now, new Date(now.getTime() + q.startsWithinDays * 86_400_000)];
    }
    if (q.region) f.regionRoot = (await regions.require(q.region, 'region')).code;
    return f;
  }
  return {
    async list(ctx: RequestContext, q: OfferingListQuery) {
      const actor = requireStaff(ctx);
      const f = await staffFilter(actor, q);
      const { rows, total } = await repo.list({ ...f, sort: q.sort, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentStaff(actor, rows, ctx.locale), total);
    },
    /** The filtered list in batches, for the Excel export. */
    async exportBatches(ctx: RequestContext, q: Omit<OfferingListQuery, 'page' | 'pageSize'>) {
      const actor = requireStaff(ctx);
      const filter = await staffFilter(actor, q);
      return (async function* () {
        for await (const rows of repo.iterate(filter)) yield presentStaff(actor, rows, ctx.locale);
      })();
    },
    getForStaff,

    async create(ctx: RequestContext, input: OfferingInput) {
      const actor = requireAuthor(ctx);
      let course = null;
      if (input.courseId) {
        try {
          course = await deps.courses.getVisible(ctx, input.courseId);
        } catch (e) {
          if (e instanceof NotFound) throw invalidField('courseId', 'course.not_found');
          throw e;
        }
      }
      const { fields, planned } = await check(ctx, actor, draftOf(input, course), { replan: true, seatsTaken: 0 });
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insert(tx, { id, ...fields, status: 'draft', createdBy: actor.userId, createdAt: now, updatedAt: now });
        const derived = await schedule(tx, ctx, id, fields, planned!);
        forgetFull();
        await repo.update(tx, id, { ...derived, totalHours: String(derived.totalHours) });
        await audit(tx, ctx, {
          action: `offering.create`,
          entityType: 'offering',
          entityId: id,
          regionCode: fields.regionCode,
          details: { kind: input.kind, title: fields.title, sessions: planned!.length },
        });
      });
      return getForStaff(ctx, id);
    },

    async update(ctx: RequestContext, id: string, patch: OfferingPatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const cur = await loadManaged(actor, id);
      if (cur.status === 'cancelled' || cur.status === 'finished') throw new Conflict('offering.bad_transition', { from: `offering_status.${cur.status}` });
      const replan =
        patch.schedule !== undefined ||
        patch.sessions !== undefined ||
        (patch.venueId !== undefined && patch.venueId !== cur.venueId) ||
        (patch.instructorId !== undefined && patch.instructorId !== cur.instructorId);
      if (replan && !isScheduleEditable(cur.status)) throw new Conflict('offering.schedule_locked');
      const currentSessions = await repo.sessionsOf(id);
      const base = rowDraft(cur, currentSessions);
      const merged: Draft = {
        ...base,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        schedule: patch.schedule ? { ...patch.schedule, skipDates: patch.schedule.skipDates ?? [] } : base.schedule,
        eligibility: patch.eligibility ?? base.eligibility,
      } as Draft;
      const { fields, planned } = await check(ctx, actor, merged, { replan, seatsTaken: cur.seatsTaken, current: cur });
      await db.transaction(async (tx) => {
        let derived = {};
        if (replan && planned) {
          await deps.bookings.release(
            tx,
            ctx,
            currentSessions.map((s) => s.venueBookingId).filter((x): x is string => !!x),
            'rescheduled',
          );
          await repo.deleteSessions(tx, id);
          const d = await schedule(tx, ctx, id, fields, planned);
          derived = { ...d, totalHours: String(d.totalHours) };
        }
        forgetFull();
        const updated = await repo.update(tx, id, { ...fields, ...derived, updatedAt: clock.now() }, expectedVersion ?? cur.version);
        if (!updated) throw new Conflict('offering.version_conflict');
        await audit(tx, ctx, { action: 'offering.update', entityType: 'offering', entityId: id, regionCode: fields.regionCode, details: { ...patch } });
      });
      return getForStaff(ctx, id);
    },

    publish: (ctx: RequestContext, id: string) => move(ctx, id, 'published'),
    cancel: (ctx: RequestContext, id: string, reason: string) => move(ctx, id, 'cancelled', reason),
    finish: (ctx: RequestContext, id: string) => move(ctx, id, 'finished'),

    /** The sessions a schedule would generate and what would clash, without saving anything. */
    async preview(
      ctx: RequestContext,
      input: {
        schedule?: WeeklySchedule | (Omit<WeeklySchedule, 'skipDates'> & { skipDates?: string[] });
        sessions?: { date: string; startTime: string; endTime: string }[];
        venueId?: string | null;
        instructorId?: string | null;
        excludeOfferingId?: string | null;
      },
    ) {
      requireAuthor(ctx);
      // Only venues and instructors the caller may see, so a preview never reveals another street's bookings.
      if (input.venueId)
        await deps.venues.get(ctx, input.venueId).catch(() => {
          throw invalidField('venueId', 'venue.not_found');
        });
      if (input.instructorId)
        await deps.instructors.get(ctx, input.instructorId).catch(() => {
          throw invalidField('instructorId', 'instructor.not_found');
        });
      const result = input.schedule ? weeklySessions(input.schedule) : listedSessions(input.sessions ?? []);
      if ('problem' in result) throw invalidField(result.problem.field, result.problem.key, result.problem.params);
      const items = [];
      for (const s of result.sessions) {
        const venueClash = input.venueId ? await deps.bookings.firstClash(input.venueId, s.startsAt, s.endsAt) : null;
        const teacherClash =
          input.instructorId && isUuid(input.instructorId) ? await repo.instructorClash(db, input.instructorId, [s], input.excludeOfferingId ?? null) : null;
        items.push({
          seq: s.seq,
          date: s.date,
          weekday: shanghaiParts(s.startsAt).weekday,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          hours: s.hours,
          venueClash,
          instructorClash: teacherClash
            ? { title: teacherClash.title, startsAt: teacherClash.startsAt.toISOString(), endsAt: teacherClash.endsAt.toISOString() }
            : null,
        });
      }
      return { sessions: items, totalHours: derivedFromSessions(result.sessions).totalHours };
    },
  };
}
