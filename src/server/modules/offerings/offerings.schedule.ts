// Sessions from a schedule, in the installation's local time (contracts/local-time).
import type { DayPart } from '../../../contracts/offerings';
import { localTime } from '../../../contracts/local-time';

export const MAX_SESSIONS = 200;
export const MAX_SCHEDULE_DAYS = 400;
const DAY = 86_400_000;

export interface PlannedSession {
  seq: number;
  date: string;
  startsAt: Date;
  endsAt: Date;
  hours: number;
}
export interface WeeklyRule {
  weekdays: number[];
  startTime: string;
  endTime: string;
  fromDate: string;
  toDate: string;
  skipDates?: string[];
}

export const localInstant = (date: string, time: string) => localTime.instant(`${date}T${time}`);

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The local calendar date and clock time of an instant. */
export function shanghaiParts(at: Date): { date: string; time: string; weekday: number; hour: number } {
  const p = localTime.parts(at);
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, time: `${p.hour}:${p.minute}`, weekday: isoWeekday(date), hour: Number(p.hour) };
}

export const dayPartOf = (hour: number): DayPart => (hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening');

const hoursBetween = (a: Date, b: Date) => Math.round(((b.getTime() - a.getTime()) / 3_600_000) * 10) / 10;

export type ScheduleProblem = { field: string; key: string; params?: Record<string, string | number> };

/** Every session a weekly rule generates, or the first problem with the rule. */
export function weeklySessions(rule: WeeklyRule): { sessions: PlannedSession[] } | { problem: ScheduleProblem } {
  if (rule.endTime <= rule.startTime) return { problem: { field: 'schedule.endTime', key: 'offering.ends_before_start' } };
  const from = new Date(`${rule.fromDate}T00:00:00Z`).getTime();
  const to = new Date(`${rule.toDate}T00:00:00Z`).getTime();
  if (Number.isNaN(from)) return { problem: { field: 'schedule.fromDate', key: 'validation.invalid' } };
  if (Number.isNaN(to) || to < from) return { problem: { field: 'schedule.toDate', key: 'offering.to_before_from' } };
  if ((to - from) / DAY > MAX_SCHEDULE_DAYS)
    return { problem: { field: 'schedule.toDate', key: 'offering.schedule_too_long', params: { days: MAX_SCHEDULE_DAYS } } };
  const skip = new Set(rule.skipDates ?? []);
  const weekdays = new Set(rule.weekdays);
  const sessions: PlannedSession[] = [];
  for (let t = from; t <= to; t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (!weekdays.has(isoWeekday(date)) || skip.has(date)) continue;
    const startsAt = localInstant(date, rule.startTime);
    const endsAt = localInstant(date, rule.endTime);
    sessions.push({ seq: sessions.length + 1, date, startsAt, endsAt, hours: hoursBetween(startsAt, endsAt) });
  }
  if (!sessions.length) return { problem: { field: 'schedule.weekdays', key: 'offering.no_sessions' } };
  if (sessions.length > MAX_SESSIONS) return { problem: { field: 'schedule.toDate', key: 'offering.too_many_sessions', params: { max: MAX_SESSIONS } } };
  return { sessions };
}

/** An event's listed sessions, in time order. */
export function listedSessions(list: { date: string; startTime: string; endTime: string }[]): { sessions: PlannedSession[] } | { problem: ScheduleProblem } {
  const sorted = [...list].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
  const sessions: PlannedSession[] = [];
  for (const [i, s] of sorted.entries()) {
    if (s.endTime <= s.startTime) return { problem: { field: `sessions.${list.indexOf(s)}.endTime`, key: 'offering.ends_before_start' } };
    const startsAt = localInstant(s.date, s.startTime);
    const endsAt = localInstant(s.date, s.endTime);
    if (Number.isNaN(startsAt.getTime())) return { problem: { field: `sessions.${list.indexOf(s)}.date`, key: 'validation.invalid' } };
    const prev = sessions[i - 1];
    if (prev && startsAt < prev.endsAt) return { problem: { field: `sessions.${list.indexOf(s)}.startTime`, key: 'offering.sessions_overlap' } };
    sessions.push({ seq: i + 1, date: s.date, startsAt, endsAt, hours: hoursBetween(startsAt, endsAt) });
  }
  if (!sessions.length) return { problem: { field: 'sessions', key: 'offering.no_sessions' } };
  return { sessions };
}

/** What the catalogue filters on, derived from the sessions. */
export function derivedFromSessions(sessions: { startsAt: Date; endsAt: Date; hours: number }[]) {
  const parts = sessions.map((s) => shanghaiParts(s.startsAt));
  return {
    weekdays: [...new Set(parts.map((p) => p.weekday))].sort(),
    dayParts: [...new Set(parts.map((p) => dayPartOf(p.hour)))],
    firstStartsAt: sessions.length ? sessions[0].startsAt : null,
    lastEndsAt: sessions.length ? sessions[sessions.length - 1].endsAt : null,
    totalHours: Math.round(sessions.reduce((sum, s) => sum + s.hours, 0) * 10) / 10,
  };
}
