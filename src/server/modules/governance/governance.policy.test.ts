import { describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/actor';
import { canAdminister, canRead, canReportOn, isOverdue, readableDistricts } from './governance.policy';
import { indicatorScore, onTimeScore, rank, weightedTotal } from './assessment.policy';
import { staffActor } from '../../kernel/test-actors';

describe('governance policy', () => {
  it.each<[Actor, string[] | 'all']>([
    [staffActor('region_admin', ['330105']), ['330105']],
    [staffActor('region_admin', ['330105012']), ['330105']],
    [staffActor('leader', ['330105', '330106001']), ['330105', '330106']],
    [staffActor('system_admin'), 'all'],
  ])('reads districts %#', (a, expected) => expect(readableDistricts(a)).toEqual(expected));

  it.each([
    ['region_admin', ['330105'], true, true],
    ['region_admin', ['330105012'], true, false],
    ['leader', ['330105'], true, false],
    ['member_unit_reporter', ['330105'], false, false],
    ['credit_bank_officer', ['330105'], false, false],
    ['region_admin', ['330106'], false, false],
    ['system_admin', [], true, true],
  ] as const)('%s %j reads %s, administers %s', (role, codes, read, admin) => {
    expect(canRead(staffActor(role, [...codes]), '330105')).toBe(read);
    expect(canAdminister(staffActor(role, [...codes]), '330105')).toBe(admin);
  });

  it("lets a reporter report only on its own units' tasks", () => {
    const task = { regionCode: '330105', ownerUnitId: 'culture' };
    expect(canReportOn(staffActor('member_unit_reporter', ['330105']), task, ['culture'])).toBe(true);
    expect(canReportOn(staffActor('member_unit_reporter', ['330105']), task, ['sport'])).toBe(false);
    expect(canReportOn(staffActor('region_admin', ['330105']), task, [])).toBe(true);
    expect(canReportOn(staffActor('leader', ['330105']), task, [])).toBe(false);
  });

  it.each([
    ['open', '2026-11-22', true],
    ['open', '2026-11-23', false],
    ['done', '2026-11-01', false],
  ] as const)('%s due %s is overdue on 2026-11-23: %s', (status, dueOn, overdue) => expect(isOverdue({ status, dueOn }, '2026-11-23')).toBe(overdue));
});

describe('assessment policy', () => {
  it('weights, ranks with ties, and scores on-time reporting', () => {
    const criteria = [
      { id: 'a', weight: 50 },
      { id: 'b', weight: 30 },
      { id: 'c', weight: 20 },
    ];
    expect(
      weightedTotal(
        criteria,
        new Map([
          ['a', 95],
          ['b', 62.5],
          ['c', 100],
        ]),
      ),
    ).toBe(86.25);
    expect(weightedTotal(criteria, new Map([['a', 80]]))).toBe(40);
    expect(
      rank([
        { id: 1, total: 70 },
        { id: 2, total: 90 },
        { id: 3, total: 70 },
        { id: 4, total: 50 },
      ]).map((r) => [r.id, r.rank]),
    ).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 4],
    ]);
    // Nothing due is no score, not full marks.
    expect([onTimeScore(0, 0), onTimeScore(4, 3), onTimeScore(3, 1)]).toEqual([null, 75, 33.33]);
    // A criterion without data leaves the total to the others' weights: (80×50 + 40×30) / 80.
    expect(
      weightedTotal(
        criteria,
        new Map([
          ['a', 80],
          ['b', 40],
        ]),
        new Set(['c']),
      ),
    ).toBe(65);
    expect(weightedTotal(criteria, new Map(), new Set(['a', 'b', 'c']))).toBe(0);
  });

  it('scores an indicator: a percentage by its value, another unit by its share of the standard, else not at all', () => {
    expect(indicatorScore(62.5, '%', null)).toBe(62.5);
    expect(indicatorScore(120, '%', null)).toBe(100);
    expect(indicatorScore(3, '元/人·年', 4)).toBe(75);
    expect(indicatorScore(5, '元/人·年', 4)).toBe(100);
    expect(indicatorScore(3, '个', null)).toBeNull();
  });
});
