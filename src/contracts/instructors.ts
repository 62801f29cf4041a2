// The instructor contract shared by the API, the Excel import and the console forms.
import { z } from 'zod';
import { pageOf, poolBulkAnswer, poolOwnerAnswer, poolSummary } from './answer-shapes';

export const INSTRUCTOR_KINDS = ['full_time', 'part_time', 'volunteer'] as const;
export const VETTING_STATUSES = ['pending', 'approved', 'suspended'] as const;
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const availabilitySlot = z
  .object({
    weekday: z.number().int().min(1).max(7),
    from: z.string().regex(TIME, 'instructor.time_format'),
    to: z.string().regex(TIME, 'instructor.time_format'),
  })
  .refine((s) => s.from < s.to, { message: 'instructor.slot_order', path: ['to'] });

export const instructorInput = z.object({
  name: z.string().trim().min(1).max(50),
  kind: z.enum(INSTRUCTOR_KINDS),
  phone: z.string().trim().regex(MOBILE_PHONE, 'phone.invalid'),
  specialities: z.array(z.string().trim().min(1).max(32)).min(1).max(10),
  languages: z.array(z.string().trim().min(1).max(20)).max(10).default(['普通话']),
  qualifications: z.string().trim().max(500).nullish(),
  certificateFileIds: z.array(z.string().uuid()).max(20).default([]),
  bio: z.string().trim().max(2000).nullish(),
  availability: z.array(availabilitySlot).max(21).default([]),
  ownerRegionCode: z.string().trim().min(1).max(12),
  ownerInstitutionId: z.string().uuid().nullish(),
  shared: z.boolean().default(false),
  residentUserId: z.string().uuid().nullish(),
});

export const instructorPatch = instructorInput.partial();

export const BULK_INSTRUCTOR_ACTIONS = ['approve', 'suspend', 'share', 'unshare'] as const;
const vettingReason = z.string().trim().max(200).nullish();
// A suspension says why (the reason is shown beside the instructor); the console's prompt asks with these schemas.
const suspensionReason = { path: ['reason'], message: 'instructor.reason_required' };

export const vettingDecision = z
  .object({ status: z.enum(VETTING_STATUSES), reason: vettingReason })
  .refine((d) => d.status !== 'suspended' || !!d.reason, suspensionReason);

export const instructorBulk = z
  .object({ ids: z.array(z.string().max(64)).min(1).max(200), action: z.enum(BULK_INSTRUCTOR_ACTIONS), reason: vettingReason })
  .refine((b) => b.action !== 'suspend' || !!b.reason, suspensionReason);

export type InstructorInput = z.infer<typeof instructorInput>;
export type InstructorPatch = z.infer<typeof instructorPatch>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const availabilitySlotAnswer = z.object({ weekday: z.number(), from: z.string(), to: z.string() }).strict();
export const instructor = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['full_time', 'part_time', 'volunteer']),
    phone: z.string().nullable(),
    residentLinked: z.boolean(),
    specialities: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).strict()),
    languages: z.array(z.string()),
    qualifications: z.string().nullable(),
    certificates: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), url: z.string() }).strict()),
    bio: z.string().nullable(),
    availability: z.array(availabilitySlotAnswer),
    ...poolOwnerAnswer,
    vettingStatus: z.enum(['pending', 'approved', 'suspended']),
    vettedByName: z.string().nullable(),
    vettingReason: z.string().nullable(),
    vettedAt: z.string().nullable(),
    canEdit: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export const instructorPage = pageOf(instructor);
export const summaryAnswer = poolSummary.extend({ byCategory: z.record(z.string(), z.number()) }).strict();
export const instructorImportStarted = z.object({ jobId: z.string() }).strict();
export const bulkAnswer = poolBulkAnswer;
export const instructorDetail = instructor;
export const revealPhoneAnswer = z.object({ phone: z.string() }).strict();
