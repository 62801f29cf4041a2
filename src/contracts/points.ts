// Learning points (积分): the rules a district sets, shared by the API and the console form.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

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

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
/** My learning points (积分): the balance and a page of how they were earned, newest first. */
export const myPoints = z.object({
  balance: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      points: z.number(),
      reason: z.string(),
      sourceType: z.string(),
      sourceId: z.string(),
      title: z.string(),
      hours: z.number().nullable(),
      occurredAt: z.string(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const pointsBySource = z.object({ items: z.array(z.object({ sourceId: z.string(), points: z.number() })) });
export const pointsRulesAnswer = z.object({
  region: z.string(),
  version: z.number(),
  rules: z.object({
    perHour: z.number(),
    perClassCompleted: z.number(),
    perEventAttended: z.number(),
    perRating: z.number(),
  }),
  note: z.string().nullable(),
  createdAt: z.string().nullable(),
  isDefault: z.boolean(),
});
export const pointsRulesVersionPage = pageOf(pointsRulesAnswer);
