import { z } from 'zod';

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
