// The one date and time format per language, in the installation's zone whatever the machine's.
import { describe, it, expect } from 'vitest';
import { formatClock, formatDate, formatDateTime, zoneDay } from './datetime';

describe('dates and times', () => {
  it('writes a moment as 2026-12-06 10:30 in Chinese and 6 Dec 2026, 10:30 in English, in Shanghai time', () => {
    expect(formatDateTime('2026-12-06T02:30:00Z', 'zh-CN')).toBe('2026-12-06 10:30');
    expect(formatDateTime('2026-12-06T02:30:00Z', 'en')).toBe('6 Dec 2026, 10:30');
  });

  it('moves a late-evening UTC moment to the next Shanghai day, and midnight reads 00:00', () => {
    expect(formatDateTime('2026-12-31T16:00:00Z', 'zh-CN')).toBe('2027-01-01 00:00');
    expect(formatDateTime('2026-12-31T16:00:00Z', 'en')).toBe('1 Jan 2027, 00:00');
    expect(formatDate('2026-09-05T17:00:00Z', 'en')).toBe('6 Sep 2026');
  });

  it('writes days as 2026-12-06 and 6 Dec 2026; a bare calendar day is not shifted', () => {
    expect(formatDate('2026-12-06T02:30:00Z', 'zh-CN')).toBe('2026-12-06');
    expect(formatDate('2026-12-06T02:30:00Z', 'en')).toBe('6 Dec 2026');
    expect(formatDate('2026-03-01', 'en')).toBe('1 Mar 2026');
    expect(formatDate('2026-03-01', 'zh-CN')).toBe('2026-03-01');
  });

  it('shows a dash for nothing or an unreadable value', () => {
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDate(undefined, 'zh-CN')).toBe('—');
    expect(formatDateTime('not a date', 'zh-CN')).toBe('—');
  });

  it('gives the clock time and the Shanghai calendar day as a form value', () => {
    expect(formatClock('2026-12-06T13:05:00Z')).toBe('21:05');
    expect(zoneDay('2026-12-06T16:30:00Z')).toBe('2026-12-07');
    expect(zoneDay(new Date('2026-12-06T15:59:00Z'))).toBe('2026-12-06');
  });
});

describe('wall times typed in forms', () => {
  it('reads a typed Shanghai wall time as its instant and back', async () => {
    const { zoneInstant, zoneWallTime } = await import('./datetime');
    expect(new Date(zoneInstant('2026-12-06T10:30')).toISOString()).toBe('2026-12-06T02:30:00.000Z');
    expect(new Date(zoneInstant('2026-12-06')).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(new Date(zoneInstant('2026-12-06 23:59:59.999')).toISOString()).toBe('2026-12-06T15:59:59.999Z');
    expect(zoneWallTime('2026-12-06T02:30:00Z')).toBe('2026-12-06T10:30');
  });
});
