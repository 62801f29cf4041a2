// One date and time format per language in both web apps, always in the installation's time zone (a
// resident abroad or an officer on a laptop set to UTC sees the times the classes are actually held).
// zh-CN: 2026-12-06 10:30 and 2026-12-06; en: 6 Dec 2026, 10:30 and 6 Dec 2026. English month names are
// written out here rather than left to Intl, whose English abbreviations differ between ICU versions
// ("Sep" or "Sept").
import type { Locale } from './locale';

export const TIME_ZONE = 'Asia/Shanghai';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EMPTY = '—';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

let localeSource: () => Locale = () => 'zh-CN';
/** The web app's i18n tells the formatters its current language (read reactively inside templates). */
export function setDateLocaleSource(source: () => Locale) { localeSource = source; }

interface ZoneParts { year: string; month: string; day: string; hour: string; minute: string }

/** The wall-clock parts of an instant in the installation's zone, or null for nothing or an unreadable value. */
function zoneParts(value: string | number | Date | null | undefined): ZoneParts | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const p = Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour === '24' ? '00' : p.hour, minute: p.minute };
}

function dateText(p: ZoneParts, locale: Locale): string {
  return locale === 'en' ? `${Number(p.day)} ${MONTHS[Number(p.month) - 1]} ${p.year}` : `${p.year}-${p.month}-${p.day}`;
}

/** A moment: "2026-12-06 10:30" or "6 Dec 2026, 10:30"; "—" when there is none. */
export function formatDateTime(value: string | number | Date | null | undefined, locale: Locale = localeSource()): string {
  const p = zoneParts(value);
  if (!p) return EMPTY;
  return locale === 'en' ? `${dateText(p, locale)}, ${p.hour}:${p.minute}` : `${dateText(p, locale)} ${p.hour}:${p.minute}`;
}

/**
 * A day: "2026-12-06" or "6 Dec 2026". A bare "YYYY-MM-DD" is a calendar day already and is shown as
 * that day, not shifted through a time zone.
 */
export function formatDate(value: string | number | Date | null | undefined, locale: Locale = localeSource()): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-');
    return dateText({ year, month, day, hour: '00', minute: '00' }, locale);
  }
  const p = zoneParts(value);
  return p ? dateText(p, locale) : EMPTY;
}

/** The time of day, "10:30", the same in both languages. */
export function formatClock(value: string | number | Date | null | undefined): string {
  const p = zoneParts(value);
  return p ? `${p.hour}:${p.minute}` : EMPTY;
}

/** A calendar day in the installation's zone as a form value ("2026-12-06"), not for display. */
export function zoneDay(value: string | number | Date = Date.now()): string {
  const p = zoneParts(value)!;
  return `${p.year}-${p.month}-${p.day}`;
}

/** A moment as a datetime-local form value in the installation's zone ("2026-12-06T10:30"). */
export function zoneWallTime(value: string | number | Date): string {
  const p = zoneParts(value);
  return p ? `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}` : '';
}

// Shanghai keeps no daylight saving time, so its wall times have one fixed offset.
const ZONE_OFFSET = '+08:00';
/** The instant of a wall time typed in the installation's zone: "2026-12-06", "2026-12-06T10:30" or with seconds. */
export function zoneInstant(wall: string): string {
  const [day, time = '00:00'] = wall.split(/[T ]/);
  return `${day}T${time.length === 5 ? time + ':00' : time}${ZONE_OFFSET}`;
}
