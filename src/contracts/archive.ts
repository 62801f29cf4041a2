import { z } from 'zod';
import { pageOf } from './answer-shapes';

export const SOURCE_TYPES = ['class', 'event', 'online', 'partner', 'recognition', 'team', 'manual'] as const;
export const OUTCOMES = ['completed', 'attended', 'participated'] as const;

/** A record staff enter by hand (learning that happened outside the platform, e.g. a street's lecture on paper). */
export const manualRecordInput = z.object({
  residentId: z.string().uuid('validation.invalid'),
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.too_long'),
  categoryCode: z.string().max(32).nullish(),
  hours: z.number('validation.number').min(0.5, 'validation.min').max(500, 'validation.max'),
  outcome: z.enum(OUTCOMES, 'validation.invalid'),
  provider: z.string().trim().max(200, 'validation.too_long').nullish(),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid'),
});
export type ManualRecordInput = z.infer<typeof manualRecordInput>;

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
/** One entry of a resident's lifelong learning archive (终身学习档案). */
export const learningRecord = z.object({
  id: z.string(),
  residentId: z.string(),
  sourceType: z.string().describe('Where the record came from: one of SOURCE_TYPES (a class, an event, a partner platform, staff entry…)'),
  sourceId: z.string().describe('The id of the class, event or partner statement it records'),
  title: z.string(),
  categoryCode: z.string().nullable(),
  hours: z.number().describe('Learning hours credited'),
  outcome: z.string(),
  provider: z.string().nullable(),
  regionCode: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
});
export const learningRecordPage = pageOf(learningRecord).extend({
  totals: z.object({
    records: z.number(),
    hours: z.number(),
    byCategory: z.array(
      z.object({
        sourceType: z.string(),
        categoryCode: z.string().nullable(),
        records: z.number(),
        hours: z.number(),
        learners: z.number(),
      }),
    ),
    byYear: z.array(
      z.object({
        year: z.number(),
        records: z.number(),
        hours: z.number(),
        byCategory: z.array(
          z.object({
            categoryCode: z.string().nullable(),
            name: z.string().nullable(),
            records: z.number(),
            hours: z.number(),
          }),
        ),
      }),
    ),
  }),
});
export const staffLearningRecordPage = pageOf(learningRecord);
