import { describe, expect, it } from 'vitest';
import { canMoveVetting, fromStatesOf, needsReason } from './instructors.policy';

describe('instructor vetting', () => {
  it.each([
    ['pending', 'approved', true],
    ['pending', 'suspended', true],
    ['approved', 'suspended', true],
    ['suspended', 'approved', true],
    ['approved', 'pending', false],
    ['approved', 'approved', false],
    ['suspended', 'pending', false],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canMoveVetting(from, to)).toBe(ok));

  it('knows where each status can be reached from and when a reason is needed', () => {
    expect(fromStatesOf('approved').sort()).toEqual(['pending', 'suspended']);
    expect(fromStatesOf('pending')).toEqual([]);
    expect(needsReason('suspended')).toBe(true);
    expect(needsReason('approved')).toBe(false);
  });
});
