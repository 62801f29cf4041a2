// One date and time format per language in both web apps, always in the installation's time zone (a
// resident abroad or an officer on a laptop set to UTC sees the times the classes are actually held);
// the zone arithmetic is contracts/local-time's, shared with the server. The page the server sends names the
// installation's zone (LEARNCITY_TIME_ZONE, Asia/Shanghai by default) in a meta tag, read once here.
// zh-CN: 2026-12-06 10:30 and 2026-12-06; en: 6 Dec 2026, 10:30 and 6 Dec 2026. English month names are
// written out here rather than left to Intl, whose English abbreviations differ between ICU versions
// ("Sep" or "Sept").
import type { Locale } from './locale';
import { isTimeZone, localTime, setPlatformTimeZone, type LocalParts } from '../../contracts/local-time';

const pageZone = typeof document === 'undefined' ? null : document.querySelector('meta[name="learncity-time-zone"]')?.getAttribute('content');
if (pageZone && isTimeZone(pageZone)) setPlatformTimeZone(pageZone);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EMPTY = '—';

let localeSource: () => Locale = () => 'zh-CN';
/** The web app's i18n tells the formatters its current language (read reactively inside templates). */
export function setDateLocaleSource(source: () => Locale) {
  localeSource = source;
}

type ZoneParts = Omit<LocalParts, 'second'>;

/** The wall-clock parts of an instant in the installation's zone, or null for nothing or an unreadable value. */
function zoneParts(value: string | number | Date | null | undefined): ZoneParts | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : localTime.parts(d);
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
  return localTime.date(value);
}

/** A moment as a datetime-local form value in the installation's zone ("2026-12-06T10:30"). */
export function zoneWallTime(value: string | number | Date): string {
  return zoneParts(value) ? localTime.wallTime(value) : '';
}

/**
 * The instant of a wall time typed in the installation's zone ("2026-12-06", "2026-12-06T10:30" or with
 * seconds), written with its offset. Unreadable text goes as it is, for the server to refuse on its field.
 */
export function zoneInstant(wall: string): string {
  return Number.isNaN(localTime.instant(wall).getTime()) ? wall : localTime.withOffset(wall);
}
