// Lottery rounds (摇号): the contract shared by the API, the console and the portal.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

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

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const drawChoice = z.object({ offeringId: z.string(), priority: z.boolean() });
export const drawApplication = z.object({ token: z.string(), quota: z.number(), choices: z.array(drawChoice) });
export const lotteryRound = z.object({
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  regionCode: z.string(),
  institutionId: z.string().nullable(),
  termId: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  maxChoices: z.number(),
  quota: z.number().nullable(),
  autoDraw: z.boolean(),
  status: z.string(),
  phase: z.enum(['cancelled', 'open', 'draft', 'upcoming', 'closed', 'drawn']),
  seedHash: z.string().nullable(),
  seed: z.string().nullable(),
  listDigest: z.string().nullable(),
  publishedAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  drawnAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  isCorrectable: z.boolean(),
  applications: z.number(),
  offerings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      termName: z.string().nullable(),
      capacity: z.number().nullable(),
      seatsTaken: z.number(),
      seats: z.number(),
      applicants: z.number(),
      firstChoice: z.number(),
      mode: z.string(),
      placeName: z.string().nullable(),
      feeCents: z.number(),
      schedule: z.object({ weekdays: z.array(z.number()), startTime: z.string(), endTime: z.string() }).nullable(),
      firstStartsAt: z.string().nullable(),
      lastEndsAt: z.string().nullable(),
    }),
  ),
});
export const lotteryRoundPage = pageOf(lotteryRound);
export const lotteryRoundCancelled = lotteryRound.extend({
  applicantsTold: z.number(),
});
export const drawStarted = z.object({ jobId: z.string() });
export const lotteryResult = z.object({
  position: z.number(),
  token: z.string(),
  residentId: z.string(),
  displayName: z.string(),
  offeringId: z.string().nullable(),
  offeringTitle: z.string().nullable(),
  choiceRank: z.number().nullable(),
  enrolmentId: z.string().nullable(),
});
export const lotteryResultPage = pageOf(lotteryResult);
export const lotteryPublication = z.object({
  format: z.literal('learncity-lottery/1'),
  roundId: z.string(),
  roundName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  seedHash: z.string(),
  seed: z.string().nullable(),
  listDigest: z.string().nullable(),
  offerings: z.array(z.object({ id: z.string(), title: z.string(), seats: z.number() })),
  applications: z.array(drawApplication),
  results: z.array(z.object({ token: z.string(), offeringId: z.string() })).nullable(),
  drawnAt: z.string().nullable(),
});
export const myLotteryApplication = z.object({
  application: z
    .object({
      status: z.string(),
      choices: z.array(z.object({ offeringId: z.string(), title: z.string() })),
      updatedAt: z.string(),
      token: z.string().nullable(),
      result: z
        .object({
          position: z.number(),
          won: z.array(
            z.object({
              offeringId: z.string(),
              title: z.string(),
              choiceRank: z.number().nullable(),
              enrolmentId: z.string().nullable(),
            }),
          ),
        })
        .nullable(),
    })
    .nullable(),
});
