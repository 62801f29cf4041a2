// How an offering is shown: the card the console list and the catalogue share, the detail with its
// eligibility in words and its sessions, and whether enrolment is open now.
import type { Actor, RequestContext } from '../../kernel/actor';
import { translate, term as termOf, type Locale } from '../../kernel/messages';
import { canManageOffering, isScheduleEditable, seatsLeft } from './offerings.policy';
import { shanghaiParts } from './offerings.schedule';
import type { OfferingRow, TermRow } from './offerings.repository';
import type { OfferingsCore } from './offerings.core';
import type { ENROLMENT_MODES, EVENT_TYPES, OFFERING_KINDS, RETURNING_RULES } from '../../../contracts/offerings';
import type { TargetGroup } from '../../../contracts/courses';

export const hm = (d: Date) => shanghaiParts(d).time;
export const ymd = (d: Date) => shanghaiParts(d).date;

export function createOfferingsPresenter(core: OfferingsCore) {
  const { deps, repo, clock, regions, termCache } = core;

  function scheduleText(row: OfferingRow, count: number, locale: Locale) {
    if (!row.firstStartsAt || !row.lastEndsAt) return '';
    const s = row.schedule;
    if (row.kind === 'class' && s) {
      const sep = locale === 'en' ? ', ' : '、';
      return translate('offering.schedule_weekly', locale, {
        days: s.weekdays.map((d) => termOf(`weekday.${d}`, locale)).join(sep),
        from: s.startTime,
        to: s.endTime,
        start: ymd(row.firstStartsAt),
        end: ymd(row.lastEndsAt),
        count,
      });
    }
    if (count <= 1) return translate('offering.schedule_once', locale, { date: ymd(row.firstStartsAt), from: hm(row.firstStartsAt), to: hm(row.lastEndsAt) });
    return translate('offering.schedule_many', locale, { first: `${ymd(row.firstStartsAt)} ${hm(row.firstStartsAt)}`, count });
  }

  async function lookups(rows: OfferingRow[], locale: Locale) {
    const ids = (pick: (r: OfferingRow) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => !!x))];
    const [regionNames, instNames, tms, cps, venues, teachers, cats] = await Promise.all([
      regions.namesByCode([...new Set(rows.flatMap((r) => [r.regionCode, r.regionCode.slice(0, 9)]))]),
      deps.institutions.namesOf(ids((r) => r.institutionId)),
      termCache(rows.map((r) => r.termId)),
      repo.findCampaigns(ids((r) => r.campaignId)).then((l) => new Map(l.map((c) => [c.id, c]))),
      deps.venues.publicCards(ids((r) => r.venueId)),
      deps.instructors.publicCards(ids((r) => r.instructorId)),
      deps.categories.list({ includeInactive: true }).then(({ items }) => new Map(items.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh]))),
    ]);
    return { regionNames, instNames, tms, cps, venues, teachers, cats };
  }

  /** The card both the console list and the catalogue show. */
  function card(r: OfferingRow, l: Awaited<ReturnType<typeof lookups>>, locale: Locale, sessionCount: number | null) {
    // Kinds, types, groups and modes are stored from the checked input only.
    return {
      id: r.id,
      kind: r.kind as (typeof OFFERING_KINDS)[number],
      eventType: r.eventType as (typeof EVENT_TYPES)[number] | null,
      title: r.title,
      categoryCode: r.categoryCode,
      categoryName: l.cats.get(r.categoryCode) ?? r.categoryCode,
      targetGroups: r.targetGroups as TargetGroup[],
      mode: r.mode,
      regionCode: r.regionCode,
      regionName: l.regionNames.get(r.regionCode) ?? r.regionCode,
      streetName: r.regionCode.length >= 9 ? (l.regionNames.get(r.regionCode.slice(0, 9)) ?? null) : null,
      institutionId: r.institutionId,
      institutionName: r.institutionId ? (l.instNames.get(r.institutionId) ?? null) : null,
      venueId: r.venueId,
      venueName: r.venueId ? (l.venues.get(r.venueId)?.name ?? null) : null,
      stepFree: r.venueId ? (l.venues.get(r.venueId)?.stepFree ?? false) : false,
      instructorId: r.instructorId,
      instructorName: r.instructorId ? (l.teachers.get(r.instructorId)?.name ?? null) : null,
      termId: r.termId,
      termName: r.termId ? (l.tms.get(r.termId)?.name ?? null) : null,
      campaignId: r.campaignId,
      campaignName: r.campaignId ? (l.cps.get(r.campaignId)?.name ?? null) : null,
      capacity: r.capacity,
      seatsTaken: r.seatsTaken,
      seatsLeft: seatsLeft(r.capacity, r.seatsTaken),
      feeCents: r.feeCents,
      enrolmentMode: r.enrolmentMode as (typeof ENROLMENT_MODES)[number],
      enrolmentOpensAt: r.enrolmentOpensAt?.toISOString() ?? null,
      enrolmentClosesAt: r.enrolmentClosesAt?.toISOString() ?? null,
      firstStartsAt: r.firstStartsAt?.toISOString() ?? null,
      lastEndsAt: r.lastEndsAt?.toISOString() ?? null,
      weekdays: r.weekdays,
      dayParts: r.dayParts,
      totalHours: Number(r.totalHours),
      scheduleText: sessionCount === null ? '' : scheduleText(r, sessionCount, locale),
      status: r.status,
    };
  }

  function eligibilityLines(r: OfferingRow, t: TermRow | undefined, regionNames: Map<string, string>, locale: Locale): string[] {
    const e = r.eligibility;
    const lines: string[] = [];
    if (e.minAge !== undefined && e.maxAge !== undefined) lines.push(translate('offering.eligible_age_range', locale, { min: e.minAge, max: e.maxAge }));
    else if (e.minAge !== undefined) lines.push(translate('offering.eligible_min_age', locale, { min: e.minAge }));
    else if (e.maxAge !== undefined) lines.push(translate('offering.eligible_max_age', locale, { max: e.maxAge }));
    const sep = locale === 'en' ? ', ' : '、';
    if (e.regionRoots?.length)
      lines.push(translate('offering.eligible_regions', locale, { names: e.regionRoots.map((c) => regionNames.get(c) ?? c).join(sep) }));
    if (e.targetGroups?.length)
      lines.push(translate('offering.eligible_groups', locale, { groups: e.targetGroups.map((g) => termOf(`target_group.${g}`, locale)).join(sep) }));
    if (!lines.length) lines.push(translate('offering.eligible_all', locale));
    if (t?.maxEnrolmentsPerResident) lines.push(translate('offering.eligible_quota', locale, { count: t.maxEnrolmentsPerResident }));
    return lines;
  }

  async function presentStaff(actor: Actor, rows: OfferingRow[], locale: Locale) {
    const l = await lookups(rows, locale);
    return rows.map((r) => ({ ...card(r, l, locale, null), canEdit: canManageOffering(actor, r), version: r.version, updatedAt: r.updatedAt.toISOString() }));
  }

  async function presentDetail(ctx: RequestContext, r: OfferingRow, forStaff: boolean) {
    const sessions = await repo.sessionsOf(r.id);
    const live = sessions.filter((s) => s.status === 'scheduled');
    const l = await lookups([r], ctx.locale);
    const e = r.eligibility;
    const roots = await regions.namesByCode(e.regionRoots ?? []);
    const t = r.termId ? l.tms.get(r.termId) : undefined;
    return {
      ...card(r, l, ctx.locale, live.length),
      description: r.description,
      feeWaiver: r.feeWaiver,
      cancelCutoffHours: r.cancelCutoffHours,
      completionThreshold: r.completionThreshold,
      eligibility: e,
      eligibilityText: eligibilityLines(r, t, roots, ctx.locale),
      returningRule: r.returningRule as (typeof RETURNING_RULES)[number],
      previousOfferingId: r.previousOfferingId,
      venue: r.venueId ? (l.venues.get(r.venueId) ?? null) : null,
      instructor: r.instructorId ? (l.teachers.get(r.instructorId) ?? null) : null,
      term: t ? { id: t.id, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn, maxEnrolmentsPerResident: t.maxEnrolmentsPerResident } : null,
      campaign: r.campaignId && l.cps.get(r.campaignId) ? { id: r.campaignId, name: l.cps.get(r.campaignId)!.name } : null,
      enrolmentState: enrolmentState(r),
      sessions: (forStaff ? sessions : live).map((s) => ({
        id: s.id,
        seq: s.seq,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        hours: Number(s.hours),
        status: s.status,
      })),
    };
  }

  async function presentStaffDetail(ctx: RequestContext, r: OfferingRow) {
    const base = await presentDetail(ctx, r, true);
    return {
      ...base,
      courseId: r.courseId,
      schedule: r.schedule,
      cancelReason: r.cancelReason,
      canEdit: canManageOffering(ctx.actor!, r),
      scheduleEditable: isScheduleEditable(r.status),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      publishedAt: r.publishedAt?.toISOString() ?? null,
    };
  }

  /** Whether residents can apply now, in the offering's window. */
  function enrolmentState(r: OfferingRow): 'not_open' | 'open' | 'closed' | 'none' {
    if (r.enrolmentMode === 'open') return 'none';
    const now = clock.now();
    if (r.status !== 'published') return 'closed';
    if (r.enrolmentOpensAt && now < r.enrolmentOpensAt) return 'not_open';
    if (r.enrolmentClosesAt && now >= r.enrolmentClosesAt) return 'closed';
    return 'open';
  }

  return { lookups, card, presentStaff, presentDetail, presentStaffDetail, enrolmentState };
}

export type OfferingsPresenter = ReturnType<typeof createOfferingsPresenter>;
