// The platform's local time: calendar days, deadlines "by the end of the day", years of statistics and the
// times printed on exports are the installation's wall clock, not UTC and not the browser's or server's
// own zone. One module for server and web so no place adds a fixed offset by hand; Intl does the zone
// arithmetic, so a zone with daylight saving time works too.
//
// The zone is one per installation (Asia/Shanghai unless the server's LEARNCITY_TIME_ZONE says otherwise),
// set once when a process starts: the many pure helpers that need it (policies, Excel and document
// formatters) read `localTime` rather than each receiving it.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A wall-clock reading, each part zero-padded ("2026", "03", "07", "09", "05", "00"). */
export interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** Whether Intl knows the zone (an IANA name such as "Asia/Urumqi"). */
export function isTimeZone(zone: string): boolean {
  // IANA names only (the server also writes the zone into SQL as a literal): letters, digits, _ + - /.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?$/;

/** The operations on one zone's wall clock. */
export function localTimeIn(zone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

  // The parts change once a second, and most calls on a busy server ask about the current one (a resident's age
  // by today's clock, today's date): formatToParts costs ~50 µs, so the last second's parts are kept.
  let last: { second: number; parts: LocalParts } | null = null;
  function parts(at: Date | string | number): LocalParts {
    const d = at instanceof Date ? at : new Date(at);
    const second = Math.floor(d.getTime() / 1000);
    if (last?.second === second) return { ...last.parts };
    const p = Object.fromEntries(format.formatToParts(d).map((x) => [x.type, x.value]));
    const result = { year: p.year, month: p.month, day: p.day, hour: p.hour === '24' ? '00' : p.hour, minute: p.minute, second: p.second };
    if (!Number.isNaN(second)) last = { second, parts: result };
    return { ...result };
  }

  /** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
  function offsetMs(epochMs: number): number {
    const p = parts(new Date(epochMs));
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return wall - Math.floor(epochMs / 1000) * 1000;
  }

  /**
   * The instant of a wall time, or an Invalid Date (as `new Date('…')` gives) when the text is not one or names
   * a day that does not exist. A time skipped by a clock change moves forward.
   */
  function instant(wall: string): Date {
    const m = WALL.exec(wall);
    if (!m) return new Date(NaN);
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
    const asUtc = Date.UTC(y, mo - 1, d, h, mi, s) + (m[7] ? Math.round(Number(m[7]) * 1000) : 0);
    const check = new Date(asUtc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || check.getUTCHours() !== h || check.getUTCMinutes() !== mi)
      return new Date(NaN);
    // The offset at the guess, then at the instant it gives: they differ only next to a clock change.
    const first = offsetMs(asUtc);
    const second = offsetMs(asUtc - first);
    if (first === second || offsetMs(asUtc - second) === second) return new Date(asUtc - second);
    // A wall time the spring change skips: read with the offset from before the change, it lands just after it.
    return new Date(asUtc - Math.min(first, second));
  }

  const date = (at: Date | string | number) => {
    const p = parts(at);
    return `${p.year}-${p.month}-${p.day}`;
  };

  return {
    zone,
    parts,
    /** The calendar day of an instant: "2026-12-06". */
    date,
    /** The calendar year of an instant. */
    year: (at: Date | string | number) => Number(parts(at).year),
    /** "2026-12-06 10:30", or with seconds "2026-12-06 10:30:05". */
    dateTime(at: Date | string | number, withSeconds = false) {
      const p = parts(at);
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
    },
    /** A wall time as a datetime-local form value: "2026-12-06T10:30". */
    wallTime(at: Date | string | number) {
      const p = parts(at);
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
    },
    /** The instant of "2026-12-06", "2026-12-06T10:30", "2026-12-06 10:30:05" or with milliseconds. */
    instant,
    /** The instant a local day begins. */
    startOfDay: (day: string) => instant(day),
    /** The last whole second of a local day (deadlines given as a day run to its end). */
    endOfDay: (day: string) => instant(`${day}T23:59:59`),
    /** The instant a local calendar year begins. */
    startOfYear: (year: number) => instant(`${String(year).padStart(4, '0')}-01-01`),
    /** A wall time written with the zone's offset at that moment, as ISO 8601: "2026-12-06T10:30:00+08:00". */
    withOffset(wall: string): string {
      const at = instant(wall);
      if (Number.isNaN(at.getTime())) throw new RangeError(`not a local date or date-time: ${wall}`);
      const p = parts(at);
      const ms = ((at.getTime() % 1000) + 1000) % 1000;
      const minutes = Math.round(offsetMs(at.getTime()) / 60_000);
      const abs = Math.abs(minutes);
      const offset = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${ms ? `.${String(ms).padStart(3, '0')}` : ''}${offset}`;
    },
  };
}

/** A calendar day `n` days after (or before) another: "2026-12-31" + 1 is "2027-01-01". Days have no zone. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export type LocalTime = ReturnType<typeof localTimeIn>;

let platform: LocalTime = localTimeIn(DEFAULT_TIME_ZONE);

/** Sets the installation's zone (the server at start-up, from its configuration). */
export function setPlatformTimeZone(zone: string) {
  if (!isTimeZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
  platform = localTimeIn(zone);
}

/** The installation's local time; each call reads the zone set at start-up. */
export const localTime: LocalTime = {
  get zone() {
    return platform.zone;
  },
  parts: (at) => platform.parts(at),
  date: (at) => platform.date(at),
  year: (at) => platform.year(at),
  dateTime: (at, withSeconds) => platform.dateTime(at, withSeconds),
  wallTime: (at) => platform.wallTime(at),
  instant: (wall) => platform.instant(wall),
  startOfDay: (day) => platform.startOfDay(day),
  endOfDay: (day) => platform.endOfDay(day),
  startOfYear: (year) => platform.startOfYear(year),
  withOffset: (wall) => platform.withOffset(wall),
};
