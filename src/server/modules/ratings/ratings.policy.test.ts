import { describe, expect, it } from 'vitest';
import { averageOf, canEditRating, canRate, maskName } from './ratings.policy';

describe('ratings policy', () => {
  it('rates only what was completed or attended', () => {
    expect(canRate(true)).toBe(true);
    expect(canRate(false)).toBe(false);
  });
  const given = new Date('2026-12-01T00:00:00Z');
  it.each([
    [0, true],
    [13, true],
    [14, true],
    [15, false],
  ])('after %i days the rating can be edited: %s', (days, ok) => expect(canEditRating(given, new Date(given.getTime() + days * 86_400_000))).toBe(ok));
  it.each([
    [9, 2, 4.5],
    [13, 3, 4.3],
    [5, 1, 5],
    [0, 0, null],
    [14, 3, 4.7],
  ])('sum %i of %i ratings averages %s', (sum, n, avg) => expect(averageOf(sum, n)).toBe(avg));
  it.each([
    ['王秀英', '王*英'],
    ['李明', '李*'],
    ['王', '王'],
  ])('masks %s as %s', (n, m) => expect(maskName(n)).toBe(m));
});
