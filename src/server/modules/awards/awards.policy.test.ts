import { describe, expect, it } from 'vitest';
import { canOrganise, canReview, quotaOf, quotaRegion, reviewLevel, weightedScore } from './awards.policy';
import { staffActor } from '../../kernel/test-actors';

const COMMUNITY = '330105012001';

describe('awards policy', () => {
  it.each([
    [staffActor('region_admin', [COMMUNITY]), 'community'],
    [staffActor('region_admin', ['330105012']), 'street'],
    [staffActor('region_admin', ['330105']), 'district'],
    [staffActor('region_admin', ['330105', '330105012']), 'street'],
    [staffActor('region_admin', ['330105001']), null],
    [staffActor('region_admin', ['330105012002']), null],
    [staffActor('leader', ['330105']), null],
    [staffActor('institution_staff', ['330105012']), null],
    [staffActor('system_admin'), 'district'],
  ] as const)('reviews %# at level %s', (a, level) => expect(reviewLevel(a, COMMUNITY)).toBe(level));

  it("reviews only active nominations at the reviewer's own stage", () => {
    const street = staffActor('region_admin', ['330105012']);
    expect(canReview(street, { communityCode: COMMUNITY, stage: 'street', status: 'active' })).toBe(true);
    expect(canReview(street, { communityCode: COMMUNITY, stage: 'community', status: 'active' })).toBe(false);
    expect(canReview(street, { communityCode: COMMUNITY, stage: 'street', status: 'rejected' })).toBe(false);
    expect(canReview(street, { communityCode: COMMUNITY, stage: 'notice', status: 'active' })).toBe(false);
  });

  it.each([
    [staffActor('region_admin', ['330105']), '330105', true],
    [staffActor('region_admin', ['3301']), '330105', true],
    [staffActor('region_admin', ['330105012']), '330105', false],
    [staffActor('leader', ['330105']), '330105', false],
    [staffActor('system_admin'), '330105', true],
  ] as const)('organiser %# of %s: %s', (a, code, ok) => expect(canOrganise(a, code)).toBe(ok));

  it('spends the quota of the community, the street, or the whole campaign', () => {
    const c = { quotaCommunity: 2, quotaStreet: 3, quotaDistrict: 10 };
    expect([quotaOf(c, 'community'), quotaOf(c, 'street'), quotaOf(c, 'district')]).toEqual([2, 3, 10]);
    expect([quotaRegion('community', COMMUNITY, '330105'), quotaRegion('street', COMMUNITY, '330105'), quotaRegion('district', COMMUNITY, '330105')]).toEqual([
      COMMUNITY,
      '330105012',
      '330105',
    ]);
  });

  it('weights scores', () => {
    const criteria = [
      { id: 'a', weight: 50 },
      { id: 'b', weight: 30 },
      { id: 'c', weight: 20 },
    ];
    expect(
      weightedScore(criteria, [
        { criterionId: 'a', score: 80 },
        { criterionId: 'b', score: 70 },
        { criterionId: 'c', score: 60 },
      ]),
    ).toBe(73);
    expect(weightedScore(criteria, [{ criterionId: 'a', score: 100 }])).toBe(50);
    expect(weightedScore([], [])).toBe(0);
  });
});
