import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, districtOf, pointsFor } from './points.rules';

describe('points rules', () => {
  const rules = { perHour: 3, perClassCompleted: 20, perEventAttended: 5, perRating: 1 };
  it.each([
    ['class_completed', 24, 92],
    ['class_completed', 0, 20],
    ['event_attended', 2, 11],
    ['event_attended', 1.5, 10],
    ['rating', 10, 1],
  ] as const)('%s with %d hours earns %d', (reason, hours, points) => expect(pointsFor(rules, reason, hours)).toBe(points));
  it('a zero rule earns nothing', () => expect(pointsFor({ ...rules, perRating: 0 }, 'rating')).toBe(0));
  it('defaults are whole and positive', () => expect(Object.values(DEFAULT_RULES).every((v) => Number.isInteger(v) && v > 0)).toBe(true));
  it.each([
    ['330105012001', '330105'],
    ['330105', '330105'],
    ['320506001', '320506'],
  ])('%s belongs to district %s', (c, d) => expect(districtOf(c)).toBe(d));
});
