// What attendance allows when. Pure functions, table-tested.

/** Check-in opens this long before a session starts (people arrive early) and closes when it ends. */
export const CHECKIN_OPENS_MINUTES_BEFORE = 30;

export type WindowVerdict = 'open' | 'too_early' | 'too_late';

export function checkinWindow(session: { startsAt: Date; endsAt: Date }, at: Date): WindowVerdict {
  if (at.getTime() < session.startsAt.getTime() - CHECKIN_OPENS_MINUTES_BEFORE * 60_000) return 'too_early';
  if (at.getTime() > session.endsAt.getTime()) return 'too_late';
  return 'open';
}

/** Staff may mark a session from the moment check-in opens (not for sessions far in the future). */
export const canMarkSession = (session: { startsAt: Date }, at: Date) => at.getTime() >= session.startsAt.getTime() - CHECKIN_OPENS_MINUTES_BEFORE * 60_000;

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * Completion: attended sessions reach the offering's threshold, a percentage of its scheduled (not
 * cancelled) sessions, rounded up: 80 % of 12 sessions is 10 sessions (9.6 → 10).
 */
export function sessionsNeeded(scheduledSessions: number, thresholdPercent: number): number {
  if (scheduledSessions <= 0) return Infinity;
  return Math.max(1, Math.ceil((scheduledSessions * thresholdPercent) / 100 - 1e-9));
}

export const hasCompleted = (attended: number, scheduledSessions: number, thresholdPercent: number) =>
  attended >= sessionsNeeded(scheduledSessions, thresholdPercent);

/** How a change of one resident's mark moves their tally: +1/−1 session and its hours, or nothing. */
export function tallyDelta(before: AttendanceStatus | null, after: AttendanceStatus): -1 | 0 | 1 {
  const was = before === 'present';
  const is = after === 'present';
  return was === is ? 0 : is ? 1 : -1;
}
