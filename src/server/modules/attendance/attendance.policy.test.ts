import { describe, expect, it } from 'vitest';
import { checkinWindow, canMarkSession, hasCompleted, sessionsNeeded, tallyDelta } from './attendance.policy';
import { codeFor, stepAt, verifyCode } from './checkin-code';

const session = { startsAt: new Date('2026-12-02T01:00:00Z'), endsAt: new Date('2026-12-02T03:00:00Z') };
const at = (iso: string) => new Date(iso);

describe('check-in window', () => {
  it.each([
    ['2026-12-02T00:29:59Z', 'too_early'],
    ['2026-12-02T00:30:00Z', 'open'],
    ['2026-12-02T01:00:00Z', 'open'],
    ['2026-12-02T03:00:00Z', 'open'],
    ['2026-12-02T03:00:01Z', 'too_late'],
    ['2026-12-01T01:00:00Z', 'too_early'],
  ])('at %s it is %s', (when, verdict) => expect(checkinWindow(session, at(when))).toBe(verdict));

  it('staff mark from the opening of check-in, also afterwards', () => {
    expect(canMarkSession(session, at('2026-12-01T23:00:00Z'))).toBe(false);
    expect(canMarkSession(session, at('2026-12-02T00:30:00Z'))).toBe(true);
    expect(canMarkSession(session, at('2026-12-09T00:00:00Z'))).toBe(true);
  });
});

describe('completion threshold', () => {
  it.each([
    [12, 80, 10],
    [10, 80, 8],
    [5, 80, 4],
    [3, 100, 3],
    [1, 80, 1],
    [7, 50, 4],
    [4, 0, 1],
  ])('%i sessions at %i%% need %i', (n, pct, need) => expect(sessionsNeeded(n, pct)).toBe(need));
  it('no scheduled session means no completion', () => expect(hasCompleted(5, 0, 80)).toBe(false));
  it('reaching the threshold completes', () => {
    expect(hasCompleted(9, 12, 80)).toBe(false);
    expect(hasCompleted(10, 12, 80)).toBe(true);
  });
});

describe('tally delta', () => {
  it.each([
    [null, 'present', 1],
    [null, 'absent', 0],
    ['present', 'present', 0],
    ['present', 'absent', -1],
    ['present', 'excused', -1],
    ['absent', 'present', 1],
    ['excused', 'absent', 0],
  ] as const)('%s → %s moves %i', (before, after, d) => expect(tallyDelta(before, after)).toBe(d));
});

describe('rotating code', () => {
  const key = Buffer.alloc(32, 7);
  const sessionId = '11111111-1111-4111-8111-111111111111';
  const now = at('2026-12-02T01:10:15Z');
  const step = stepAt(now);

  it('accepts the current and the previous step, case-insensitively', () => {
    expect(verifyCode(key, sessionId, codeFor(key, sessionId, step), now)).toBe('valid');
    expect(verifyCode(key, sessionId, codeFor(key, sessionId, step - 1).toLowerCase(), now)).toBe('valid');
  });
  it('calls an older code of this session expired', () => {
    expect(verifyCode(key, sessionId, codeFor(key, sessionId, step - 2), now)).toBe('expired');
    expect(verifyCode(key, sessionId, codeFor(key, sessionId, step - 100), now)).toBe('expired');
  });
  it("refuses a future code, another session's code, another key's code and garbage", () => {
    expect(verifyCode(key, sessionId, codeFor(key, sessionId, step + 1), now)).toBe('invalid');
    expect(verifyCode(key, sessionId, codeFor(key, '22222222-2222-4222-8222-222222222222', step), now)).toBe('invalid');
    expect(verifyCode(key, sessionId, codeFor(Buffer.alloc(32, 8), sessionId, step), now)).toBe('invalid');
    expect(verifyCode(key, sessionId, 'ABC', now)).toBe('invalid');
  });
  it('changes every 30 seconds', () => expect(codeFor(key, sessionId, step)).not.toBe(codeFor(key, sessionId, step + 1)));
});
