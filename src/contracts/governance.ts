// The leading group, member units and their duties, annual tasks with progress reports, supervision,
// and the annual assessment: the contract shared by the API and the console.
import { z } from 'zod';

export const UNIT_KINDS = ['party', 'government', 'mass_org', 'streets', 'other'] as const;
export const GROUP_ROLES = ['leader', 'deputy', 'member', 'secretariat'] as const;
export const CRITERION_SOURCES = ['reviewer', 'indicator', 'on_time_reporting'] as const;
const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'gov.date_format');

export const unitInput = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(UNIT_KINDS),
  regionCode: z.string().trim().max(12).optional(),
  duties: z.array(z.object({ text: z.string().trim().min(2).max(2000), sourceDocument: z.string().trim().max(200).nullish(), sourceClause: z.string().trim().max(100).nullish() })).max(50).default([]),
});

export const groupMemberInput = z.object({
  name: z.string().trim().min(1).max(50),
  position: z.string().trim().min(1).max(100),
  groupRole: z.enum(GROUP_ROLES),
  unitId: z.string().uuid().nullish(),
  regionCode: z.string().trim().max(12).optional(),
});

export const taskInput = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(4000).nullish(),
  ownerUnitId: z.string().uuid(),
  dueOn: dateString,
  targetText: z.string().trim().min(2).max(200),
  targetValue: z.number().min(0).max(1e12).nullish(),
  targetUnit: z.string().trim().max(20).nullish(),
});

export const progressInput = z.object({
  text: z.string().trim().min(2).max(4000),
  achievedValue: z.number().min(0).max(1e12).nullish(),
  evidenceFileIds: z.array(z.string().uuid()).max(10).default([]),
});

export const completionInput = z.object({ closingNote: z.string().trim().min(2).max(2000) });

export const visitInput = z.object({
  visitedOn: dateString,
  subject: z.string().trim().min(2).max(200),
  unitId: z.string().uuid().nullish(),
  findings: z.string().trim().min(2).max(8000),
  rectifications: z.array(z.object({ title: z.string().trim().min(2).max(200), ownerUnitId: z.string().uuid(), dueOn: dateString, targetText: z.string().trim().min(2).max(200) })).max(20).default([]),
});

export const reporterInput = z.object({ userId: z.string().uuid() });

export const planInput = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(2).max(200),
  subjectKind: z.enum(['unit', 'street']),
  regionCode: z.string().trim().max(12).optional(),
  criteria: z.array(z.object({
    name: z.string().trim().min(1).max(100), weight: z.number().gt(0).max(100), source: z.enum(CRITERION_SOURCES), indicatorKey: z.string().trim().max(64).nullish(),
  })).min(1).max(20),
});

/** A score: reviewer criteria take a score; indicator criteria take the indicator's value (as a 0–100 score) and where it came from. */
export const scoreInput = z.object({
  criterionId: z.string().uuid(),
  subjectId: z.string().trim().min(1).max(64),
  score: z.number().min(0).max(100).optional(),
  inputValue: z.number().min(0).max(1e12).nullish(),
  evidence: z.string().trim().min(2).max(2000),
  evidenceFileIds: z.array(z.string().uuid()).max(10).default([]),
});

export type UnitInput = z.infer<typeof unitInput>;
export type TaskInput = z.infer<typeof taskInput>;
export type VisitInput = z.infer<typeof visitInput>;
export type PlanInput = z.infer<typeof planInput>;
export type ScoreInput = z.infer<typeof scoreInput>;
