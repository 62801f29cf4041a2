import { describe, expect, it } from 'vitest';
import {
  canAuthorOfferings,
  canEditPlan,
  canManageOffering,
  canMoveOffering,
  canMovePlan,
  canPlaceOffering,
  canSeeOffering,
  canSeePlan,
  defaultInstitutionOf,
  isInstructorAccount,
  isScheduleEditable,
  nearness,
  seatsLeft,
} from './offerings.policy';
import { dayPartOf, derivedFromSessions, isoWeekday, listedSessions, shanghaiParts, weeklySessions } from './offerings.schedule';
import { residentActor, staffActor } from '../../kernel/test-actors';

const admin = staffActor('system_admin', []);
const district = staffActor('region_admin', ['330105']);
const tianshui = staffActor('region_admin', ['330105012']);
const mishixiang = staffActor('region_admin', ['330105001']);
const school = staffActor('institution_staff', [], [{ id: 'i1', regionCode: '330105012' }]);
const leader = staffActor('leader', ['330105']);
const resident = residentActor('r1');
const tianshuiClass = { regionCode: '330105012001', institutionId: 'i1' };
const mishiClass = { regionCode: '330105001051', institutionId: null };

describe('offering policy', () => {
  it.each([
    [admin, true],
    [district, true],
    [tianshui, true],
    [school, true],
    [leader, false],
    [staffActor('instructor', ['330105']), false],
  ])('who sets up classes and events (%#)', (a, expected) => expect(canAuthorOfferings(a)).toBe(expected));

  it.each([
    // actor, offering, sees, manages
    [admin, mishiClass, true, true],
    [district, mishiClass, true, true],
    [tianshui, tianshuiClass, true, true],
    [tianshui, mishiClass, false, false],
    [mishixiang, tianshuiClass, false, false],
    [school, tianshuiClass, true, true],
    [school, { regionCode: '330105012002', institutionId: null }, true, false],
    [school, mishiClass, false, false],
    [leader, tianshuiClass, true, false],
    [resident, tianshuiClass, false, false],
  ])('scope (%#)', (a, o, sees, manages) => {
    expect(canSeeOffering(a, o)).toBe(sees);
    expect(canManageOffering(a, o)).toBe(manages);
  });

  it.each([
    [tianshui, '330105012001', null, null, true],
    [tianshui, '330105001051', null, null, false],
    [district, '330105001051', null, null, true],
    [school, '330105012003', 'i1', '330105012', true],
    [school, '330105001051', 'i1', '330105012', false],
    [school, '330105012003', 'other', '330105012', false],
    [leader, '330105012001', null, null, false],
  ])('where staff may place an offering (%#)', (a, region, inst, instRegion, expected) => expect(canPlaceOffering(a, region, inst, instRegion)).toBe(expected));

  it.each([
    ['draft', 'published', true],
    ['draft', 'cancelled', true],
    ['draft', 'finished', false],
    ['published', 'cancelled', true],
    ['published', 'finished', true],
    ['published', 'draft', false],
    ['cancelled', 'published', false],
    ['finished', 'cancelled', false],
  ])('offering %s → %s', (from, to, ok) => expect(canMoveOffering(from, to)).toBe(ok));

  it.each([
    // actor, plan owner office, owner institution, sees, edits
    [admin, '330105001', null, true, true],
    [district, '330105001', null, true, true],
    [tianshui, '330105', null, true, false],
    [tianshui, '330105012', null, true, true],
    [tianshui, '330105012001', null, true, true],
    [tianshui, '330105001', null, false, false],
    [school, '330105012', 'i1', true, true],
    [school, '330105', 'i1', true, false],
    [school, '330105012', null, true, false],
    [school, '330105012', 'other', true, false],
    [leader, '330105001', null, true, false],
  ] as const)('terms and campaigns: seen above and below their office, edited by it (%#)', (a, owner, inst, sees, edits) => {
    expect(canSeePlan(a, owner)).toBe(sees);
    expect(canEditPlan(a, { ownerRegionCode: owner, ownerInstitutionId: inst })).toBe(edits);
  });

  it.each([
    [school, 'i1'],
    [staffActor('institution_staff', [], []), null],
    [tianshui, null],
    [admin, null],
  ] as const)('the institution staff act for when none is named (%#)', (a, expected) => expect(defaultInstitutionOf(a)).toBe(expected));

  it.each([
    ['draft', 'published', true],
    ['published', 'cancelled', true],
    ['cancelled', 'published', false],
    ['published', 'draft', false],
  ])('plan %s → %s', (from, to, ok) => expect(canMovePlan(from, to)).toBe(ok));

  it('fixes the schedule once published, counts seats, binds the instructor account', () => {
    expect([isScheduleEditable('draft'), isScheduleEditable('published')]).toEqual([true, false]);
    expect([seatsLeft(20, 5), seatsLeft(20, 25), seatsLeft(null, 3)]).toEqual([15, 0, null]);
    expect(isInstructorAccount(resident, { instructorUserId: 'r1' })).toBe(true);
    expect(isInstructorAccount(resident, { instructorUserId: null })).toBe(false);
    expect(isInstructorAccount(null, { instructorUserId: 'r1' })).toBe(false);
  });

  it.each([
    ['330105012001', '330105012001', 0],
    ['330105012001', '330105012', 1],
    ['330105012001', '330105012005', 1],
    ['330105012001', '330105001051', 2],
    ['330105012001', '330105', 2],
    ['330105012001', '330106001001', 3],
    [null, '330105012001', 3],
  ])('nearness of home %s to %s', (home, region, n) => expect(nearness(home, region)).toBe(n));
});

describe('schedules in Shanghai time', () => {
  it('generates weekly sessions, skipping dates, as UTC instants 8 hours behind', () => {
    const r = weeklySessions({
      weekdays: [2, 4],
      startTime: '09:00',
      endTime: '11:30',
      fromDate: '2026-12-01',
      toDate: '2026-12-10',
      skipDates: ['2026-12-03'],
    });
    if ('problem' in r) throw new Error(r.problem.key);
    expect(r.sessions.map((s) => [s.seq, s.date, s.startsAt.toISOString(), s.hours])).toEqual([
      [1, '2026-12-01', '2026-12-01T01:00:00.000Z', 2.5],
      [2, '2026-12-08', '2026-12-08T01:00:00.000Z', 2.5],
      [3, '2026-12-10', '2026-12-10T01:00:00.000Z', 2.5],
    ]);
    expect(derivedFromSessions(r.sessions)).toMatchObject({ weekdays: [2, 4], dayParts: ['morning'], totalHours: 7.5 });
  });

  it('keeps an evening session on its Shanghai date even though it is the same UTC day, and an early one on the previous UTC day', () => {
    const r = listedSessions([
      { date: '2027-01-01', startTime: '07:30', endTime: '08:30' },
      { date: '2026-12-31', startTime: '19:00', endTime: '21:00' },
    ]);
    if ('problem' in r) throw new Error(r.problem.key);
    expect(r.sessions.map((s) => s.startsAt.toISOString())).toEqual(['2026-12-31T11:00:00.000Z', '2026-12-31T23:30:00.000Z']);
    expect(shanghaiParts(r.sessions[1].startsAt)).toMatchObject({ date: '2027-01-01', time: '07:30', weekday: 5 });
    expect(derivedFromSessions(r.sessions).dayParts.sort()).toEqual(['evening', 'morning']);
  });

  it.each([
    [{ weekdays: [1], startTime: '10:00', endTime: '09:00', fromDate: '2026-12-01', toDate: '2026-12-31' }, 'offering.ends_before_start'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', fromDate: '2026-12-31', toDate: '2026-12-01' }, 'offering.to_before_from'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', fromDate: '2026-12-01', toDate: '2026-12-06' }, 'offering.no_sessions'],
    [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00', endTime: '10:00', fromDate: '2026-01-01', toDate: '2026-12-31' }, 'offering.too_many_sessions'],
    [{ weekdays: [1], startTime: '09:00', endTime: '10:00', fromDate: '2026-01-01', toDate: '2028-01-01' }, 'offering.schedule_too_long'],
  ])('refuses a bad rule (%#)', (rule, key) => {
    const r = weeklySessions(rule);
    expect('problem' in r && r.problem.key).toBe(key);
  });

  it('refuses overlapping event sessions', () => {
    const r = listedSessions([
      { date: '2026-12-05', startTime: '09:00', endTime: '11:00' },
      { date: '2026-12-05', startTime: '10:00', endTime: '12:00' },
    ]);
    expect('problem' in r && r.problem.key).toBe('offering.sessions_overlap');
  });

  it('names weekdays and parts of day', () => {
    expect([isoWeekday('2026-12-06'), isoWeekday('2026-12-07')]).toEqual([7, 1]);
    expect([dayPartOf(8), dayPartOf(12), dayPartOf(17), dayPartOf(18)]).toEqual(['morning', 'afternoon', 'afternoon', 'evening']);
  });
});
