// The leading group, member units and their duties, annual tasks with progress reports, supervision,
// and the annual assessment: the contract shared by the API and the console.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

export const UNIT_KINDS = ['party', 'government', 'mass_org', 'streets', 'other'] as const;
export const GROUP_ROLES = ['leader', 'deputy', 'member', 'secretariat'] as const;
export const CRITERION_SOURCES = ['reviewer', 'indicator', 'on_time_reporting'] as const;
const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'gov.date_format');

export const unitInput = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(UNIT_KINDS),
  regionCode: z.string().trim().max(12).optional(),
  duties: z
    .array(
      z.object({
        text: z.string().trim().min(2).max(2000),
        sourceDocument: z.string().trim().max(200).nullish(),
        sourceClause: z.string().trim().max(100).nullish(),
      }),
    )
    .max(50)
    .default([]),
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
  rectifications: z
    .array(
      z.object({ title: z.string().trim().min(2).max(200), ownerUnitId: z.string().uuid(), dueOn: dateString, targetText: z.string().trim().min(2).max(200) }),
    )
    .max(20)
    .default([]),
});

export const reporterInput = z.object({ userId: z.string().uuid() });

export const planInput = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(2).max(200),
  subjectKind: z.enum(['unit', 'street']),
  regionCode: z.string().trim().max(12).optional(),
  criteria: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(100),
        weight: z.number().gt(0).max(100),
        source: z.enum(CRITERION_SOURCES),
        indicatorKey: z.string().trim().max(64).nullish(),
      }),
    )
    .min(1)
    .max(20),
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

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const memberUnit = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    regionCode: z.string(),
    position: z.number(),
    status: z.string(),
    duties: z.array(z.object({ id: z.string(), text: z.string(), sourceDocument: z.string().nullable(), sourceClause: z.string().nullable() }).strict()),
    reporterCount: z.number(),
  })
  .strict();
export const assessmentPlan = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    year: z.number(),
    title: z.string(),
    subjectKind: z.string(),
    status: z.string(),
    publishedAt: z.string().nullable(),
    criteria: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), source: z.string(), indicatorKey: z.string().nullable() }).strict()),
  })
  .strict();
const governanceTaskFields = {
  id: z.string(),
  regionCode: z.string(),
  year: z.number(),
  kind: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  ownerUnitId: z.string(),
  ownerUnitName: z.string(),
  dueOn: z.string(),
  targetText: z.string(),
  targetValue: z.number().nullable(),
  targetUnit: z.string().nullable(),
  visitId: z.string().nullable(),
  status: z.string(),
  isOverdue: z.boolean(),
  completedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  reportCount: z.number(),
  lastReportedAt: z.string().nullable(),
  latestAchievedValue: z.string().nullable(),
};
const taskReport = z
  .object({ id: z.string(), text: z.string(), achievedValue: z.number().nullable(), evidenceFileIds: z.array(z.string()), reportedAt: z.string() })
  .strict();
/** A task as lists show it; its detail (below) adds the reports' files and what the viewer may do. */
export const governanceTask = z.object({ reports: z.array(taskReport).optional(), ...governanceTaskFields }).strict();
/** One subject's score on one criterion: entered by a reviewer or computed (on-time reporting, an indicator). */
export const assessmentCell = z
  .object({
    criterionId: z.string(),
    source: z.string(),
    score: z.number().nullable().describe('null: not scored yet, or nothing to measure (noData)'),
    inputValue: z.number().nullable(),
    evidence: z.record(z.string(), z.unknown()).nullable().describe("what the score rests on: the reviewer's note or the figures it was computed from"),
    evidenceFileIds: z.array(z.string()),
    scoredAt: z.string().nullable(),
    scoredBy: z.string().nullable(),
    noData: z.boolean(),
  })
  .strict();
export const subjectScore = z
  .object({
    subjectId: z.string(),
    subjectName: z.string(),
    total: z.number(),
    missing: z.number(),
    noData: z.number(),
    scores: z.array(assessmentCell),
    rank: z.number(),
  })
  .strict();
export const assessmentPlanPage = pageOf(assessmentPlan);
export const assessmentPlanDetail = assessmentPlan;
export const scoreAnswer = subjectScore.optional();
export const resultsAnswer = z.object({ plan: assessmentPlan, items: z.array(subjectScore) }).strict();
export const listUnitsAnswer = pageOf(memberUnit);
export const createUnitAnswer = memberUnit;
export const listTemplatesAnswer = z
  .object({
    items: z.array(
      z.union([
        z
          .object({
            id: z.string(),
            name: z.string(),
            source: z.null(),
            regionName: z.string(),
            unitCount: z.number(),
            builtIn: z.boolean(),
            createdAt: z.string(),
          })
          .strict(),
        z
          .object({
            id: z.string(),
            name: z.string(),
            source: z.string(),
            regionName: z.null(),
            unitCount: z.number(),
            builtIn: z.boolean(),
            createdAt: z.null(),
          })
          .strict(),
      ]),
    ),
  })
  .strict();
export const saveTemplateAnswer = z.object({ id: z.string(), name: z.string(), unitCount: z.number() }).strict();
export const loadTemplateAnswer = z.object({ created: z.number(), skipped: z.number() }).strict();
export const listGroupAnswer = pageOf(
  z
    .object({
      id: z.string(),
      name: z.string(),
      position: z.string(),
      groupRole: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      regionCode: z.string(),
    })
    .strict(),
);
export const addGroupMemberAnswer = z
  .object({ id: z.string(), regionCode: z.string(), name: z.string(), position: z.string(), groupRole: z.string(), unitId: z.string().nullable() })
  .strict();
export const listTasksAnswer = pageOf(governanceTask);
export const createTaskAnswer = z
  .object({
    reports: z.array(
      taskReport.extend({
        evidenceFiles: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() }).strict()),
      }),
    ),
    canReport: z.boolean(),
    canClose: z.boolean(),
    ...governanceTaskFields,
  })
  .strict();
export const listVisitsAnswer = pageOf(
  z
    .object({
      id: z.string(),
      visitedOn: z.string(),
      subject: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      findings: z.string(),
      rectifications: z.number(),
      openRectifications: z.number(),
    })
    .strict(),
);
export const createVisitAnswer = z
  .object({
    id: z.string(),
    visitedOn: z.string(),
    subject: z.string(),
    unitId: z.string().nullable(),
    findings: z.string(),
    rectifications: z.array(governanceTask),
  })
  .strict();
