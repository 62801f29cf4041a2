import { describe, expect, it } from 'vitest';
import {
  canStaffAskProxyOf,
  canStaffBeProxyFor,
  eligibilityProblem,
  isBeforeCutoff,
  offerDeadline,
  opensFor,
  windowProblem,
  RETURNING_SHIFT_DAYS,
} from './enrolment.policy';
import { staffActor } from '../../kernel/test-actors';

const opensAt = new Date('2026-12-10T01:00:00Z');
const closesAt = new Date('2026-12-20T01:00:00Z');
const day = 86400_000;
const at = (ms: number) => new Date(opensAt.getTime() + ms);

describe('enrolment window and returning learners', () => {
  it.each([
    ['none', false, opensAt],
    ['none', true, opensAt],
    ['priority_returning', false, opensAt],
    ['priority_returning', true, at(-RETURNING_SHIFT_DAYS * day)],
    ['priority_new', false, opensAt],
    ['priority_new', true, at(RETURNING_SHIFT_DAYS * day)],
  ] as const)('rule %s, returning %s opens at %s', (rule, isReturning, expected) => {
    expect(opensFor({ opensAt, closesAt, returningRule: rule, isReturning })).toEqual(expected);
  });

  it.each([
    ['none', false, at(-1), 'enrolment.not_open'],
    ['none', false, at(0), null],
    ['none', false, closesAt, 'enrolment.closed'],
    ['priority_returning', true, at(-2 * day), null],
    ['priority_returning', false, at(-2 * day), 'enrolment.not_open'],
    ['priority_new', true, at(day), 'enrolment.returning_wait'],
    ['priority_new', false, at(day), null],
    ['priority_new', true, at(3 * day), null],
  ] as const)('rule %s, returning %s at %s: %s', (rule, isReturning, now, key) => {
    expect(windowProblem({ opensAt, closesAt, returningRule: rule, isReturning }, now)?.key ?? null).toBe(key);
  });

  it('an offering without a window is always open', () => {
    expect(windowProblem({ opensAt: null, closesAt: null, returningRule: 'none', isReturning: false }, new Date())).toBeNull();
  });
});

describe('eligibility', () => {
  const home = '330105012001';
  it.each([
    [null, 40, home, null],
    [{ minAge: 60 }, 59, home, 'enrolment.too_young'],
    [{ minAge: 60 }, 60, home, null],
    [{ maxAge: 14 }, 15, home, 'enrolment.too_old'],
    [{ regionRoots: ['330105012'] }, 40, home, null],
    [{ regionRoots: ['330105001'] }, 40, home, 'enrolment.outside_region'],
    [{ targetGroups: ['elderly'] }, 59, home, 'enrolment.not_target_group'],
    [{ targetGroups: ['elderly'] }, 68, home, null],
    [{ targetGroups: ['children'] }, 10, home, null],
    [{ targetGroups: ['elderly', 'women'] }, 40, home, null],
    [{ targetGroups: ['youth'] }, 40, home, 'enrolment.not_target_group'],
  ] as const)('%j for age %i: %s', (rule, age, homeRegionCode, key) => {
    expect(eligibilityProblem(rule as never, { age, homeRegionCode })?.key ?? null).toBe(key);
  });
});

describe('resident cancellation cut-off', () => {
  const first = new Date('2026-12-15T01:00:00Z');
  it.each([
    [null, 24, new Date('2030-01-01'), true],
    [first, 24, new Date('2026-12-14T00:59:00Z'), true],
    [first, 24, new Date('2026-12-14T01:01:00Z'), false],
    [first, null, new Date('2026-12-15T00:59:00Z'), true],
    [first, 0, new Date('2026-12-15T01:01:00Z'), false],
  ] as const)('first session %s, %s h before, at %s: %s', (f, h, now, ok) => expect(isBeforeCutoff(f, h, now)).toBe(ok));
});

describe('how long an offered waitlist seat is held', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  it.each([
    ['no sessions yet: 48 h', null, '2026-11-25T02:00:00.000Z'],
    ['cut-off a week away: 48 h', new Date('2026-11-30T02:00:00Z'), '2026-11-25T02:00:00.000Z'],
    ['cut-off in 20 minutes: until then', new Date('2026-11-23T02:20:00Z'), '2026-11-23T02:20:00.000Z'],
    ['cut-off now: not offered', now, null],
    ['cut-off passed: not offered', new Date('2026-11-22T02:00:00Z'), null],
  ] as const)('%s', (_name, cutoff, expected) => expect(offerDeadline(now, 48, cutoff)?.toISOString() ?? null).toBe(expected));
});

describe('staff in proxy enrolment', () => {
  const tianshuiResident = '330105012001';
  it.each([
    ['community worker of the street', staffActor('region_admin', ['330105012']), tianshuiResident, true],
    ['worker of another street', staffActor('region_admin', ['330105001']), tianshuiResident, false],
    ['district office', staffActor('region_admin', ['330105']), tianshuiResident, true],
    ['staff of an institution in the street', staffActor('institution_staff', [], [{ id: 'i1', regionCode: '330105012' }]), tianshuiResident, true],
    ['system administrator, resident without a home', staffActor('system_admin', []), null, true],
    ['worker, resident without a home', staffActor('region_admin', ['330105012']), null, false],
  ] as const)('%s may ask: %s', (_name, actor, home, expected) => expect(canStaffAskProxyOf(actor, home)).toBe(expected));

  it.each([
    ['region administrator of the street', { role: 'region_admin', regionCodes: ['330105012'] }, tianshuiResident, true],
    ['region administrator elsewhere', { role: 'region_admin', regionCodes: ['330105001'] }, tianshuiResident, false],
    ['institution staff of the street', { role: 'institution_staff', regionCodes: ['330105012'] }, tianshuiResident, false],
    ['leader of the district', { role: 'leader', regionCodes: ['330105'] }, tianshuiResident, false],
    ['region administrator, grantor without a home', { role: 'region_admin', regionCodes: ['330105012'] }, null, false],
  ] as const)('%s may be named: %s', (_name, grantee, home, expected) =>
    expect(canStaffBeProxyFor({ ...grantee, regionCodes: [...grantee.regionCodes] }, home)).toBe(expected),
  );
});
