// The course library contract shared by the API, the Excel import and the console/portal forms.
import { z } from 'zod';
import { uploadedFile } from './files';
import { pageOf, poolOwnerAnswer } from './answer-shapes';

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
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/\S+$/, 'course.resource_url')
    .optional(),
  durationSeconds: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .nullish(),
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
  positionSeconds: z
    .number()
    .min(0)
    .max(24 * 3600)
    .default(0),
  secondsSpent: z
    .number()
    .min(0)
    .max(7 * 24 * 3600)
    .default(0),
  durationSeconds: z
    .number()
    .min(0)
    .max(24 * 3600)
    .nullish(),
  /** A document or link was opened. */
  opened: z.boolean().optional(),
});
export type ProgressInput = z.infer<typeof progressInput>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const byStreetItem = z.object({ name: z.string(), key: z.string(), count: z.number() }).strict();
export const file = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() }).strict();
export const myProgress = z
  .object({ positionSeconds: z.number(), furthestSeconds: z.number(), secondsSpent: z.number(), completed: z.boolean(), updatedAt: z.string() })
  .strict();
export const provenance = z
  .object({
    kind: z.string(),
    callId: z.string().nullable(),
    proposalId: z.string().nullable(),
    priceFen: z.number().nullable(),
    contractNo: z.string().nullable(),
    supplier: z.string().nullable(),
  })
  .strict();
export const resourcesItem = z
  .object({
    learners: z.number().optional(),
    completions: z.number().optional(),
    secondsSpent: z.number().optional(),
    id: z.string(),
    courseId: z.string(),
    kind: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    file: file.nullable(),
    durationSeconds: z.number().nullable(),
    sort: z.number(),
    status: z.string(),
    myProgress: myProgress.nullable(),
  })
  .strict();
// A course as its list shows it; its detail adds the resources.
export const courseItem = z
  .object({
    ...poolOwnerAnswer,
    featured: z.boolean(),
    status: z.enum(COURSE_STATUSES),
    provenance: provenance,
    publishedResources: z.number(),
    canEdit: z.boolean(),
    canFeature: z.boolean(),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
    syllabus: z.string().optional(),
    materials: z.array(uploadedFile).optional(),
    id: z.string(),
    title: z.string(),
    category: z.string(),
    categoryName: z.string(),
    targetGroups: z.array(z.enum(TARGET_GROUPS)),
    mode: z.enum(COURSE_MODES),
    learningHours: z.number(),
    description: z.string(),
  })
  .strict();
export const coursePage = pageOf(courseItem);
export const summaryAnswer = z
  .object({
    byStreet: z.array(byStreetItem),
    byCategory: z.array(byStreetItem),
    total: z.number(),
    featured: z.number(),
    shared: z.number(),
    byLevel: z.array(z.object({ key: z.string(), count: z.number() }).strict()),
    byStatus: z.array(z.object({ key: z.string(), count: z.number() }).strict()),
  })
  .strict();
export const courseImportStarted = z.object({ jobId: z.string() }).strict();
export const bulkAnswer = z.object({ updated: z.number() }).strict();
export const courseDetail = courseItem.extend({ resources: z.array(resourcesItem) });
export const addResourceAnswer = resourcesItem;
export const resourceAnswer = z
  .object({
    course: z.object({ id: z.string(), title: z.string() }).strict(),
    ...resourcesItem.shape,
  })
  .strict();
export const recordProgressAnswer = z
  .object({
    resourceId: z.string(),
    positionSeconds: z.number(),
    furthestSeconds: z.number(),
    secondsSpent: z.number(),
    durationSeconds: z.number().nullable(),
    completed: z.boolean(),
    updatedAt: z.string(),
  })
  .strict();
export const myProgressAnswer = pageOf(
  z
    .object({
      resourceId: z.string(),
      resourceTitle: z.string(),
      kind: z.string(),
      courseId: z.string(),
      courseTitle: z.string(),
      positionSeconds: z.number(),
      durationSeconds: z.number().nullable(),
      completed: z.boolean(),
      updatedAt: z.string(),
    })
    .strict(),
);
/** What tells a reader what a course is, in the public catalogue and in a proposal to a call alike. */
export const courseDescription = {
  title: z.string(),
  category: z.string(),
  categoryName: z.string(),
  targetGroups: z.array(z.string()),
  mode: z.string(),
  learningHours: z.number(),
  description: z.string(),
};
/** A published course in the public catalogue; one course's page adds its resources. */
const catalogCourse = z
  .object({
    syllabus: z.string().optional(),
    id: z.string(),
    ...courseDescription,
    ownerRegionName: z.string(),
    ownerInstitutionName: z.string().nullable(),
    featured: z.boolean(),
    publishedResources: z.number(),
  })
  .strict();
export const catalogAnswer = pageOf(catalogCourse);
export const catalogCourseAnswer = z.object({ resources: z.array(resourcesItem), ...catalogCourse.shape }).strict();
