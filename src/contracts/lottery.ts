// Lottery rounds (摇号): the contract shared by the API, the console and the portal.
import { z } from 'zod';

export const LOTTERY_MAX_CHOICES = 10;

const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });

export const roundInput = z.object({
  name: z.string().trim().min(2).max(100),
  description: z.string().trim().max(2000).nullish(),
  regionCode: z.string().trim().min(6).max(12),
  institutionId: uuid.nullish(),
  offeringIds: z.array(uuid).min(1).max(50),
  opensAt: instant,
  closesAt: instant,
  maxChoices: z.number().int().min(1).max(LOTTERY_MAX_CHOICES),
  /** Seats one applicant may win; omitted = the term's per-resident quota (or 1). */
  quota: z.number().int().min(1).max(LOTTERY_MAX_CHOICES).nullish(),
  autoDraw: z.boolean().default(false),
});

export const roundPatch = roundInput.partial();

export const cancelInput = z.object({ reason: z.string().trim().min(2).max(200) });

export const applicationInput = z.object({
  /** Offering ids, best first. */
  choices: z.array(uuid).min(1).max(LOTTERY_MAX_CHOICES),
});

export type RoundInput = z.infer<typeof roundInput>;
export type RoundPatch = z.infer<typeof roundPatch>;
export type ApplicationInput = z.infer<typeof applicationInput>;

/** Where a round stands, derived from its status and the clock. */
export const ROUND_PHASES = ['draft', 'upcoming', 'open', 'closed', 'drawn', 'cancelled'] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];
