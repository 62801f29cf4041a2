// How many points a learning event earns under a district's rules. Pure, table-tested.
import type { PointsRules } from '../../../contracts/points';

/** What applies until a district saves its own rules. */
export const DEFAULT_RULES: PointsRules = { perHour: 2, perClassCompleted: 20, perEventAttended: 5, perRating: 1 };

export type PointsReason = 'class_completed' | 'event_attended' | 'rating';

/** Points for one source: a completed class earns its bonus plus its hours, an event its bonus plus its hours. */
export function pointsFor(rules: PointsRules, reason: PointsReason, hours = 0): number {
  const perHour = Math.round(rules.perHour * hours);
  if (reason === 'class_completed') return rules.perClassCompleted + perHour;
  if (reason === 'event_attended') return rules.perEventAttended + perHour;
  return rules.perRating;
}

/** The district whose rules apply to something that happens in a region: its 6-digit prefix. */
export const districtOf = (regionCode: string) => regionCode.slice(0, 6);
