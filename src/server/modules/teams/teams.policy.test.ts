import { describe, expect, it } from 'vitest';
import { canAskToJoin, canSeeMembers, isLeader, maskName } from './teams.policy';

describe('teams policy', () => {
  it.each([
    [null, true],
    [{ role: 'member', status: 'declined' }, true],
    [{ role: 'member', status: 'left' }, true],
    [{ role: 'member', status: 'pending' }, false],
    [{ role: 'member', status: 'member' }, false],
    [{ role: 'leader', status: 'member' }, false],
  ] as const)('may ask to join when %j: %s', (m, ok) => expect(canAskToJoin(m)).toBe(ok));

  it('leads and sees members only as an accepted member', () => {
    expect(isLeader({ role: 'leader', status: 'member' })).toBe(true);
    expect(isLeader({ role: 'member', status: 'member' })).toBe(false);
    expect(canSeeMembers({ role: 'member', status: 'pending' })).toBe(false);
    expect(canSeeMembers({ role: 'member', status: 'member' })).toBe(true);
    expect(canSeeMembers(null)).toBe(false);
  });

  it.each([
    ['王秀英', '王*英'],
    ['李明', '李*'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '王'],
    ['', ''],
  ])('masks %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));
});
