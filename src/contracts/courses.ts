// The course library contract shared by the API, the Excel import and the console/portal forms.
import { z } from 'zod';

export const TARGET_GROUPS = ['elderly', 'youth', 'children', 'family', 'workers', 'farmers', 'new_citizens', 'disabled', 'women', 'general'] as const;
export const COURSE_MODES = ['offline', 'online', 'blended'] as const;
export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export const COURSE_PROVENANCES = ['direct', 'imported', 'call'] as const;
export const RESOURCE_KINDS = ['video', 'audio', 'document', 'link'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export type CourseMode = (typeof COURSE_MODES)[number];
export type CourseStatus = (typeof COURSE_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);

/** The teaching content of a course, also what a proposal to a call carries. */
export const courseContent = z.object({
  title: z.string().trim().min(1, 'validation.required').max(100),
  category: z.string().trim().min(1, 'validation.required').max(32),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1, 'validation.required').max(TARGET_GROUPS.length),
  mode: z.enum(COURSE_MODES),
  learningHours: z.number().min(0.5).max(1000),
  description: text(4000).default(''),
  syllabus: text(10000).default(''),
  materialFileIds: z.array(z.string().max(64)).max(20).default([]),
});

export const courseInput = courseContent.extend({
  /** Where the course is filed; defaults to the author's own region or institution. */
  ownerRegionCode: z.string().trim().max(12).optional(),
  ownerInstitutionId: z.string().max(64).nullish(),
  shared: z.boolean().default(false),
  featured: z.boolean().default(false),
  status: z.enum(COURSE_STATUSES).default('draft'),
});
export const coursePatch = courseContent.partial().extend({
  shared: z.boolean().optional(),
  featured: z.boolean().optional(),
  status: z.enum(COURSE_STATUSES).optional(),
});
export type CourseContent = z.infer<typeof courseContent>;
export type CourseInput = z.infer<typeof courseInput>;
export type CoursePatch = z.infer<typeof coursePatch>;

export const COURSE_BULK_ACTIONS = ['publish', 'unpublish', 'archive', 'feature', 'unfeature', 'share', 'unshare'] as const;
export const courseBulk = z.object({ ids: z.array(z.string().max(64)).min(1, 'validation.required').max(200), action: z.enum(COURSE_BULK_ACTIONS) });

export const resourceInput = z.object({
  kind: z.enum(RESOURCE_KINDS),
  title: z.string().trim().min(1, 'validation.required').max(100),
  fileId: z.string().max(64).optional(),
  url: z.string().trim().max(500).regex(/^https?:\/\/\S+$/, 'course.resource_url').optional(),
  durationSeconds: z.number().int().min(1).max(24 * 3600).nullish(),
  sort: z.number().int().min(0).max(9999).default(0),
  status: z.enum(['draft', 'published']).default('published'),
});
export const resourcePatch = z.object({
  title: resourceInput.shape.title.optional(),
  durationSeconds: resourceInput.shape.durationSeconds,
  sort: z.number().int().min(0).max(9999).optional(),
  status: z.enum(['draft', 'published']).optional(),
});
export type ResourceInput = z.infer<typeof resourceInput>;
export type ResourcePatch = z.infer<typeof resourcePatch>;

/**
 * What the player reports. Every field is a state, not an increment, so a retried PUT changes nothing:
 * `secondsSpent` is the total the player has counted, and the server keeps the larger value.
 */
export const progressInput = z.object({
  positionSeconds: z.number().min(0).max(24 * 3600).default(0),
  secondsSpent: z.number().min(0).max(7 * 24 * 3600).default(0),
  durationSeconds: z.number().min(0).max(24 * 3600).nullish(),
  /** A document or link was opened. */
  opened: z.boolean().optional(),
});
export type ProgressInput = z.infer<typeof progressInput>;
