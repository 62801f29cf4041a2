// Learning points (积分): the rules a district sets, shared by the API and the console form.
import { z } from 'zod';

const perUnit = z.number().int().min(0).max(1000);

export const pointsRules = z.object({
  /** Points per learning hour of a completed class or an attended event. */
  perHour: perUnit,
  perClassCompleted: perUnit,
  perEventAttended: perUnit,
  perRating: perUnit,
});

export const pointsRulesInput = pointsRules.extend({
  /** The district whose rules these are (6 digits). */
  region: z.string().regex(/^\d{6}$/, 'points.district_required'),
  note: z.string().trim().max(200).nullish(),
});

export type PointsRules = z.infer<typeof pointsRules>;
export type PointsRulesInput = z.infer<typeof pointsRulesInput>;
