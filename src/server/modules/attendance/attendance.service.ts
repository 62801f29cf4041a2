// Attendance: the rotating QR check-in, manual marking on a sheet, hours from attended sessions, and
// completion (class) or attendance (event) written to the learning archive and the points ledger,
// exactly once, inside the transaction of the check-in or marking that reached it.
import type QRCodeModule from 'qrcode';
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { isUuid } from '../../kernel/ids';
import { commonJsExports, lazyImport } from '../../kernel/lazy-import';
import type { CheckinInput, CheckinPassInput, MarkInput } from '../../../contracts/attendance';
import type { ArchiveService } from '../archive/index';
import type { PointsService } from '../points/index';
import {
  canMarkSession,
  checkinWindow,
  hasCompleted,
  sessionsNeeded,
  tallyDelta,
  CHECKIN_OPENS_MINUTES_BEFORE,
  type AttendanceStatus,
} from './attendance.policy';
import { codeFor, passFor, stepAt, stepEndsAt, verifyCode, verifyPass, CODE_STEP_SECONDS, PASS_TTL_SECONDS } from './checkin-code';
import type { AttendanceRepository, TallyRow } from './attendance.repository';
import type { EnrolmentPort, OfferingLike, OfferingsPort, SessionLike } from './ports';

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

/** qrcode, loaded by the first check-in code shown (see kernel/lazy-import.ts). */
const loadQrCode = lazyImport(async () => commonJsExports<typeof QRCodeModule>(await import('qrcode')));
export function createAttendanceService(deps: {
  db: Db;
  repo: AttendanceRepository;
  clock: Clock;
  audit: AuditWriter;
  checkinKey: Buffer;
  offerings: OfferingsPort;
  enrolment: EnrolmentPort;
  archive: ArchiveService;
  points: PointsService;
}) {
  const { repo, clock, offerings, enrolment } = deps;

  /** The session and its offering for someone who runs it: staff over it or its instructor; anyone else 404. */
  async function managedSession(ctx: RequestContext, sessionId: string) {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
    const session = isUuid(sessionId) ? await offerings.getSession(sessionId).catch(() => null) : null;
    if (!session) throw new NotFound('attendance.session_not_found');
    const offering = await offerings.get(session.offeringId);
    if (!offerings.canManage(ctx, offering) && !offerings.isInstructorOf(ctx, offering)) throw new NotFound('attendance.session_not_found');
    return { session, offering };
  }

  async function managedOffering(ctx: RequestContext, offeringId: string) {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
    const offering = isUuid(offeringId) ? await offerings.get(offeringId).catch(() => null) : null;
    if (!offering || (!offerings.canManage(ctx, offering) && !offerings.isInstructorOf(ctx, offering))) throw new NotFound('offering.not_found');
    return offering;
  }

  /** A class earns its stated hours when completed; without them, the sum of its scheduled sessions. */
  function classHours(offering: OfferingLike, scheduled: SessionLike[]) {
    const stated = num(offering.totalHours);
    return stated > 0 ? stated : scheduled.reduce((n, s) => n + num(s.hours), 0);
  }

  /**
   * After a tally moved up: a class whose attended sessions reach the threshold is completed, an event
   * with its first attended session is attended. The claim on the tally row makes this happen once.
   */
  async function settle(
    tx: DbOrTx,
    ctx: RequestContext,
    offering: OfferingLike,
    session: SessionLike,
    residentId: string,
    tally: TallyRow,
    sessionsOf?: () => Promise<SessionLike[]>,
    enrolledOf?: () => ReturnType<EnrolmentPort['activeEnrolments']>,
  ) {
    const now = clock.now();
    if (offering.kind === 'event') {
      if (tally.attendedAt || !(await repo.claimCompletion(tx, offering.id, residentId, 'attendedAt', now))) return null;
      const hours = num(session.hours);
      await deps.archive.record(tx, {
        residentId,
        sourceType: 'event',
        sourceId: offering.id,
        title: offering.title,
        categoryCode: offering.categoryCode,
        hours,
        outcome: 'attended',
        occurredAt: session.startsAt,
        recordedBy: ctx.actor?.kind === 'staff' ? ctx.actor.userId : null,
        details: { sessionId: session.id, institutionId: offering.institutionId },
      });
      await deps.points.award(tx, {
        residentId,
        reason: 'event_attended',
        sourceType: 'event',
        sourceId: offering.id,
        title: offering.title,
        regionCode: offering.regionCode,
        hours,
        occurredAt: now,
      });
      return 'attended' as const;
    }
    if (tally.completedAt) return null;
    const scheduled = (sessionsOf ? await sessionsOf() : await offerings.sessions(offering.id, tx)).filter((s) => s.status !== 'cancelled');
    const threshold = offering.completionThreshold ?? 80;
    if (!hasCompleted(tally.sessionsAttended, scheduled.length, threshold)) return null;
    if (!(await repo.claimCompletion(tx, offering.id, residentId, 'completedAt', now))) return null;
    const enrolmentRow = (enrolledOf ? await enrolledOf() : await enrolment.activeEnrolments(offering.id, tx)).find((e) => e.residentId === residentId);
    if (enrolmentRow) await enrolment.markCompleted(tx, enrolmentRow.enrolmentId);
    const hours = classHours(offering, scheduled);
    await deps.archive.record(tx, {
      residentId,
      sourceType: 'class',
      sourceId: offering.id,
      title: offering.title,
      categoryCode: offering.categoryCode,
      hours,
      outcome: 'completed',
      occurredAt: session.startsAt,
      recordedBy: ctx.actor?.kind === 'staff' ? ctx.actor.userId : null,
      details: {
        sessionsAttended: tally.sessionsAttended,
        sessionsScheduled: scheduled.length,
        hoursAttended: num(tally.hoursAttended),
        threshold,
        institutionId: offering.institutionId,
      },
    });
    await deps.points.award(tx, {
      residentId,
      reason: 'class_completed',
      sourceType: 'class',
      sourceId: offering.id,
      title: offering.title,
      regionCode: offering.regionCode,
      hours,
      occurredAt: now,
    });
    return 'completed' as const;
  }

  /** Sets one resident's mark for a session and moves the tally; returns what changed. Inside the caller's transaction. */
  async function apply(
    tx: DbOrTx,
    ctx: RequestContext,
    offering: OfferingLike,
    session: SessionLike,
    residentId: string,
    status: AttendanceStatus,
    method: 'qr' | 'manual',
  ) {
    const now = clock.now();
    const hours = num(session.hours);
    const markedBy = method === 'manual' ? ctx.actor!.userId : null;
    const inserted = await repo.insertMark(tx, {
      sessionId: session.id,
      residentId,
      offeringId: offering.id,
      status,
      method,
      hours: hours.toFixed(1),
      checkedInAt: method === 'qr' ? now : null,
      markedBy,
      markedAt: now,
    });
    let before: AttendanceStatus | null = null;
    if (!inserted) {
      const existing = await repo.lockMark(tx, session.id, residentId);
      before = (existing?.status ?? null) as AttendanceStatus | null;
      if (before === status) return { changed: false, outcome: null, before };
      await repo.updateMark(tx, session.id, residentId, { status, method, markedBy, markedAt: now, ...(method === 'qr' ? { checkedInAt: now } : {}) });
    }
    const delta = tallyDelta(before, status);
    if (delta === 0) return { changed: true, outcome: null, before };
    const tally = await repo.bumpTally(tx, offering.id, residentId, delta, delta * hours);
    const outcome = delta > 0 ? await settle(tx, ctx, offering, session, residentId, tally) : null;
    return { changed: true, outcome, before };
  }

  async function progressOf(offering: OfferingLike, residentId: string, tx: DbOrTx = deps.db) {
    const scheduled = (await offerings.sessions(offering.id, tx)).filter((s) => s.status !== 'cancelled');
    const tally = await repo.tally(offering.id, residentId, tx);
    return {
      sessionsAttended: tally?.sessionsAttended ?? 0,
      hoursAttended: num(tally?.hoursAttended),
      sessionsScheduled: scheduled.length,
      sessionsNeeded: scheduled.length ? sessionsNeeded(scheduled.length, offering.completionThreshold ?? 80) : null,
      completed: !!tally?.completedAt,
      attended: !!tally?.attendedAt || !!tally?.completedAt,
    };
  }

  const service = {
    /** The code shown now on the instructor's screen, as a QR code of the portal's check-in address. */
    async checkinCode(ctx: RequestContext, sessionId: string, origin: string) {
      const { session, offering } = await managedSession(ctx, sessionId);
      const now = clock.now();
      const code = codeFor(deps.checkinKey, session.id, stepAt(now));
      const url = `${origin.replace(/\/$/, '')}/checkin?s=${session.id}&c=${code}`;
      const QRCode = await loadQrCode();
      const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      const [counts] = await repo.countPresent([session.id]);
      return {
        sessionId: session.id,
        offeringId: offering.id,
        title: offering.title,
        seq: session.seq,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        code,
        url,
        svg,
        stepSeconds: CODE_STEP_SECONDS,
        refreshAt: stepEndsAt(now).toISOString(),
        window: checkinWindow(session, now),
        opensAt: new Date(session.startsAt.getTime() - CHECKIN_OPENS_MINUTES_BEFORE * 60_000).toISOString(),
        present: Number(counts?.present ?? 0),
      };
    },

    /**
     * A scan by someone not signed in yet: the valid code is exchanged for a scan pass that outlives the login
     * it triggers. Anyone may ask (the code itself is the proof of being in the room); nothing is written.
     */
    async checkinPass(input: CheckinPassInput) {
      const session = await offerings.getSession(input.s).catch(() => null);
      if (!session) throw new NotFound('attendance.session_not_found');
      const now = clock.now();
      const verdict = verifyCode(deps.checkinKey, session.id, input.c, now);
      if (verdict === 'expired') throw new Invalid('attendance.code_expired');
      if (verdict === 'invalid') throw new Invalid('attendance.code_invalid');
      if (session.status === 'cancelled') throw new Conflict('attendance.session_cancelled');
      const window = checkinWindow(session, now);
      if (window !== 'open') throw new Conflict(`attendance.${window}`);
      return { pass: passFor(deps.checkinKey, session.id, now), expiresAt: new Date(now.getTime() + PASS_TTL_SECONDS * 1000).toISOString() };
    },

    /** A resident scans the code: refused outside the window, with a stale or wrong code, or when not enrolled. */
    async checkIn(ctx: RequestContext, input: CheckinInput) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      if (ctx.actor.kind !== 'resident') throw new Forbidden('attendance.residents_only');
      const residentId = ctx.actor.userId;
      const session = await offerings.getSession(input.s).catch(() => null);
      if (!session) throw new NotFound('attendance.session_not_found');
      const now = clock.now();
      const verdict = input.p ? verifyPass(deps.checkinKey, session.id, input.p, now) : verifyCode(deps.checkinKey, session.id, input.c ?? '', now);
      if (verdict === 'expired') throw new Invalid('attendance.code_expired');
      if (verdict === 'invalid') throw new Invalid('attendance.code_invalid');
      if (session.status === 'cancelled') throw new Conflict('attendance.session_cancelled');
      const window = checkinWindow(session, now);
      if (window !== 'open') throw new Conflict(`attendance.${window}`);
      const offering = await offerings.get(session.offeringId);
      if (!(await enrolment.isEnrolled(offering.id, residentId))) throw new Forbidden('attendance.not_enrolled');
      const result = await deps.db.transaction(async (tx) => {
        const r = await apply(tx, ctx, offering, session, residentId, 'present', 'qr');
        // Residents' own check-ins are in the attendance table itself (method qr, time); no audit entry.
        return r;
      });
      return {
        alreadyCheckedIn: !result.changed,
        outcome: result.outcome,
        title: offering.title,
        seq: session.seq,
        startsAt: session.startsAt.toISOString(),
        offeringId: offering.id,
        progress: await progressOf(offering, residentId),
      };
    },

    /** The attendance sheet of a session: every active enrolment with its mark. */
    async sheet(ctx: RequestContext, sessionId: string) {
      const { session, offering } = await managedSession(ctx, sessionId);
      const [people, marks] = await Promise.all([enrolment.activeEnrolments(offering.id), repo.marksOfSession(session.id)]);
      const byResident = new Map(marks.map((m) => [m.residentId, m]));
      const items = people
        .map((p) => {
          const m = byResident.get(p.residentId);
          return {
            residentId: p.residentId,
            displayName: p.displayName,
            viaProxy: p.viaProxy,
            status: (m?.status ?? null) as AttendanceStatus | null,
            method: m?.method ?? null,
            checkedInAt: m?.checkedInAt?.toISOString() ?? null,
            markedAt: m?.markedAt.toISOString() ?? null,
          };
        })
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
      return {
        session: {
          id: session.id,
          seq: session.seq,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          hours: num(session.hours),
          status: session.status,
        },
        offering: { id: offering.id, title: offering.title, kind: offering.kind },
        canMark: canMarkSession(session, clock.now()) && session.status !== 'cancelled',
        counts: {
          enrolled: items.length,
          present: items.filter((i) => i.status === 'present').length,
          qr: items.filter((i) => i.method === 'qr').length,
          absent: items.filter((i) => i.status === 'absent').length,
          excused: items.filter((i) => i.status === 'excused').length,
        },
        items,
        total: items.length,
        page: 1,
        pageSize: Math.max(items.length, 1),
      };
    },

    /** The instructor or staff mark present / absent / excused, and see the sheet as it now stands. */
    async mark(ctx: RequestContext, sessionId: string, input: MarkInput) {
      const { changed, completed } = await service.applyMarks(ctx, sessionId, input);
      return { changed, completed, sheet: await service.sheet(ctx, sessionId) };
    },

    /** The marks alone, one transaction and one audit entry, for a caller with no screen to refresh (the demo year's roll calls). */
    async applyMarks(ctx: RequestContext, sessionId: string, input: MarkInput) {
      const { session, offering } = await managedSession(ctx, sessionId);
      if (session.status === 'cancelled') throw new Conflict('attendance.session_cancelled');
      if (!canMarkSession(session, clock.now())) throw new Conflict('attendance.too_early');
      const enrolled = new Set((await enrolment.activeEnrolments(offering.id)).map((e) => e.residentId));
      const seen = new Set<string>();
      for (const [i, m] of input.marks.entries()) {
        if (!enrolled.has(m.residentId)) throw invalidField(`marks.${i}.residentId`, 'attendance.not_enrolled_person');
        if (seen.has(m.residentId)) throw invalidField(`marks.${i}.residentId`, 'attendance.duplicate_mark');
        seen.add(m.residentId);
      }
      // The same order in every transaction, so two people marking one sheet at once cannot deadlock.
      const marks = [...input.marks].sort((a, b) => a.residentId.localeCompare(b.residentId));
      const outcomes = await deps.db.transaction(async (tx) => {
        const changes: { residentId: string; from: string | null; to: string; outcome: string | null }[] = [];
        // Residents without a mark yet (a roll call, most of the time) are written in one statement each for
        // the marks and the tallies; changed marks go one by one. Completion is settled the same way for both.
        const now = clock.now();
        const hours = num(session.hours);
        const fresh = await repo.insertMarks(
          tx,
          marks.map((m) => ({
            sessionId: session.id,
            residentId: m.residentId,
            offeringId: offering.id,
            status: m.status,
            method: 'manual' as const,
            hours: hours.toFixed(1),
            checkedInAt: null,
            markedBy: ctx.actor!.userId,
            markedAt: now,
          })),
        );
        let scheduled: Promise<SessionLike[]> | null = null;
        const sessionsOf = () => (scheduled ??= offerings.sessions(offering.id, tx));
        // Read once for the roll call: each resident completes at most once in it, so the list as it stood is enough.
        let enrolledRows: ReturnType<EnrolmentPort['activeEnrolments']> | null = null;
        const enrolledOf = () => (enrolledRows ??= enrolment.activeEnrolments(offering.id, tx));
        const present = marks.filter((m) => fresh.has(m.residentId) && m.status === 'present').map((m) => m.residentId);
        const outcomeOf = new Map<string, string | null>();
        for (const tally of await repo.bumpTallies(tx, offering.id, present, hours)) {
          outcomeOf.set(tally.residentId, await settle(tx, ctx, offering, session, tally.residentId, tally, sessionsOf, enrolledOf));
        }
        for (const m of marks) {
          if (fresh.has(m.residentId)) {
            changes.push({ residentId: m.residentId, from: null, to: m.status, outcome: outcomeOf.get(m.residentId) ?? null });
            continue;
          }
          const r = await apply(tx, ctx, offering, session, m.residentId, m.status, 'manual');
          if (r.changed) changes.push({ residentId: m.residentId, from: r.before, to: m.status, outcome: r.outcome });
        }
        if (changes.length) {
          await deps.audit(tx, ctx, {
            action: 'attendance.mark',
            entityType: 'offering_session',
            entityId: session.id,
            regionCode: offering.regionCode,
            details: { offeringId: offering.id, seq: session.seq, changes },
          });
        }
        return changes;
      });
      return { changed: outcomes.length, completed: outcomes.filter((o) => o.outcome === 'completed').length };
    },

    /** Per session: how many were present; per resident: sessions, hours, completion. For the offering's attendance tab. */
    async summary(ctx: RequestContext, offeringId: string) {
      const offering = await managedOffering(ctx, offeringId);
      const [sessions, people, tallies] = await Promise.all([
        offerings.sessions(offering.id),
        enrolment.activeEnrolments(offering.id),
        repo.tallies(offering.id),
      ]);
      const counts = new Map((await repo.countPresent(sessions.map((s) => s.id))).map((c) => [c.sessionId, c]));
      const scheduled = sessions.filter((s) => s.status !== 'cancelled').length;
      const byResident = new Map(tallies.map((t) => [t.residentId, t]));
      const now = clock.now();
      return {
        offering: { id: offering.id, title: offering.title, kind: offering.kind, completionThreshold: offering.completionThreshold ?? 80 },
        sessionsNeeded: scheduled ? sessionsNeeded(scheduled, offering.completionThreshold ?? 80) : null,
        sessions: sessions.map((s) => ({
          id: s.id,
          seq: s.seq,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          hours: num(s.hours),
          status: s.status,
          window: checkinWindow(s, now),
          present: Number(counts.get(s.id)?.present ?? 0),
          qr: Number(counts.get(s.id)?.qr ?? 0),
        })),
        residents: people.map((p) => {
          const t = byResident.get(p.residentId);
          return {
            residentId: p.residentId,
            displayName: p.displayName,
            sessionsAttended: t?.sessionsAttended ?? 0,
            hoursAttended: num(t?.hoursAttended),
            completed: !!t?.completedAt,
            attended: !!t?.attendedAt,
          };
        }),
        enrolled: people.length,
        completedCount: tallies.filter((t) => t.completedAt).length,
      };
    },

    /** Rows of a session's sheet for the Excel export. */
    async sheetRows(ctx: RequestContext, sessionId: string) {
      const sheet = await service.sheet(ctx, sessionId);
      return { sheet, rows: sheet.items };
    },

    /** A resident's own progress in an offering (portal). */
    async myProgress(ctx: RequestContext, offeringId: string) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      const offering = isUuid(offeringId) ? await offerings.get(offeringId).catch(() => null) : null;
      if (!offering) throw new NotFound('offering.not_found');
      const marks = await repo.marksOfOffering(offering.id, ctx.actor.userId);
      return {
        ...(await progressOf(offering, ctx.actor.userId)),
        marks: marks.map((m) => ({ sessionId: m.sessionId, status: m.status, method: m.method, checkedInAt: m.checkedInAt?.toISOString() ?? null })),
      };
    },

    /** For ratings: whether a resident completed (class) or attended (event) an offering. */
    async hasCompletedOrAttended(offeringId: string, residentId: string) {
      const t = await repo.tally(offeringId, residentId);
      return !!(t?.completedAt || t?.attendedAt);
    },
  };
  return service;
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
