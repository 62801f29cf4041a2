// Learning teams (学习团队): the contract shared by the API and the portal.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

export const TEAM_CATEGORIES = [
  'reading',
  'calligraphy_painting',
  'music',
  'dance',
  'sports_health',
  'digital',
  'languages',
  'crafts',
  'heritage',
  'volunteering',
  'other',
] as const;

export const teamInput = z.object({
  name: z.string().trim().min(2).max(60),
  category: z.enum(TEAM_CATEGORIES),
  communityCode: z.string().trim().min(1).max(12),
  venue: z.string().trim().min(2).max(200),
  usualTime: z.string().trim().min(2).max(100),
  description: z.string().trim().max(1000).nullish(),
});

export const joinInput = z.object({ message: z.string().trim().max(200).nullish() });
export const joinDecision = z.object({ accept: z.boolean() });

export const activityInput = z.object({
  title: z.string().trim().min(2).max(100),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'team.date_format'),
  hours: z.number().min(0.5).max(24),
  venue: z.string().trim().max(200).nullish(),
  notes: z.string().trim().max(2000).nullish(),
  attendeeIds: z.array(z.string().uuid()).min(1).max(500),
});

export type TeamInput = z.infer<typeof teamInput>;
export type ActivityInput = z.infer<typeof activityInput>;

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const learningTeam = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  streetName: z.string(),
  venue: z.string(),
  usualTime: z.string(),
  description: z.string().nullable(),
  leaderName: z.string(),
  memberCount: z.number(),
  status: z.string(),
  createdAt: z.string(),
  myRole: z.string().nullable(),
  myStatus: z.string().nullable(),
});
export const learningTeamPage = pageOf(learningTeam);
export const learningTeamDetail = learningTeam.extend({
  members: z
    .array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        role: z.string(),
        status: z.string(),
        message: z.string().nullable(),
        requestedAt: z.string(),
      }),
    )
    .nullable(),
  isLeader: z.boolean(),
});
export const teamActivity = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  hours: z.number(),
  venue: z.string().nullable(),
  notes: z.string().nullable(),
  attendeeCount: z.number(),
  attendees: z.array(z.object({ userId: z.string(), displayName: z.string() })).nullable(),
});
export const teamActivityPage = pageOf(teamActivity);
