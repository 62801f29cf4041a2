// The installation's local time: the default zone as the platform has always counted it, a zone with
// daylight saving time, and the process-wide setting.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, DEFAULT_TIME_ZONE, isTimeZone, localTime, localTimeIn, setPlatformTimeZone } from './local-time';

describe('Asia/Shanghai (the default)', () => {
  const shanghai = localTimeIn('Asia/Shanghai');

  it('gives the local day, year and wall time of an instant, eight hours ahead of UTC', () => {
    expect(shanghai.date(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghai.date('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(shanghai.year(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(shanghai.dateTime('2026-12-06T02:30:05Z')).toBe('2026-12-06 10:30');
    expect(shanghai.dateTime('2026-12-06T16:00:05Z', true)).toBe('2026-12-07 00:00:05');
    expect(shanghai.wallTime('2026-12-06T02:30:00Z')).toBe('2026-12-06T10:30');
  });

  it('reads a local day or wall time as its instant, and ends a day at its last second', () => {
    expect(shanghai.startOfDay('2026-12-06').toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(shanghai.endOfDay('2026-12-06').toISOString()).toBe('2026-12-06T15:59:59.000Z');
    expect(shanghai.startOfYear(2027).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(shanghai.instant('2026-12-06 23:59:59.999').toISOString()).toBe('2026-12-06T15:59:59.999Z');
    expect(shanghai.withOffset('2026-12-06T10:30')).toBe('2026-12-06T10:30:00+08:00');
    expect(shanghai.withOffset('2026-12-06 23:59:59.999')).toBe('2026-12-06T23:59:59.999+08:00');
  });

  it('refuses what is no wall time or no real day, as new Date does', () => {
    for (const text of ['', '2026-12-06T10', '2026-02-30', '2026-13-01', '2026-12-06T25:00', '06/12/2026']) {
      expect(Number.isNaN(shanghai.instant(text).getTime())).toBe(true);
    }
    expect(() => shanghai.withOffset('2026-02-30')).toThrow(RangeError);
  });
});

describe('a zone with daylight saving time', () => {
  const newYork = localTimeIn('America/New_York');

  it('follows the offset of each season', () => {
    expect(newYork.startOfDay('2026-01-15').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(newYork.startOfDay('2026-07-15').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(newYork.withOffset('2026-07-15T09:00')).toBe('2026-07-15T09:00:00-04:00');
    expect(newYork.date('2026-07-15T03:59:00Z')).toBe('2026-07-14');
    expect(newYork.dateTime('2026-11-01T05:30:00Z')).toBe('2026-11-01 01:30');
  });

  it('moves a wall time the spring change skips forward, and reads both sides of the change', () => {
    // 2026-03-08 02:30 does not exist in New York: clocks go from 02:00 EST to 03:00 EDT.
    expect(newYork.instant('2026-03-08T02:30').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(newYork.withOffset('2026-03-08T02:30')).toBe('2026-03-08T03:30:00-04:00');
    expect(newYork.instant('2026-03-08T01:59').toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(newYork.instant('2026-03-08T03:00').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});

describe('the installation zone', () => {
  afterEach(() => setPlatformTimeZone(DEFAULT_TIME_ZONE));

  it('is Asia/Shanghai unless set, and every operation follows the zone set', () => {
    expect(localTime.zone).toBe('Asia/Shanghai');
    expect(localTime.date('2026-12-06T20:00:00Z')).toBe('2026-12-07');
    setPlatformTimeZone('Asia/Kathmandu');
    expect(localTime.zone).toBe('Asia/Kathmandu');
    expect(localTime.date('2026-12-06T20:00:00Z')).toBe('2026-12-07');
    expect(localTime.dateTime('2026-12-06T20:00:00Z')).toBe('2026-12-07 01:45');
    expect(localTime.withOffset('2026-12-07')).toBe('2026-12-07T00:00:00+05:45');
    setPlatformTimeZone('Europe/London');
    expect(localTime.date('2026-12-06T20:00:00Z')).toBe('2026-12-06');
  });

  it('accepts only IANA zone names Intl knows, since SQL receives the name as a literal', () => {
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone("Asia/Shanghai'; drop table jobs; --")).toBe(false);
    expect(() => setPlatformTimeZone('Asia/Nowhere')).toThrow(RangeError);
    expect(localTime.zone).toBe('Asia/Shanghai');
  });
});

it('counts calendar days without a zone, across months and years', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  expect(addDays('2026-12-06', 0)).toBe('2026-12-06');
});
