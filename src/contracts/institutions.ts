// The institution contract shared by the API, the Excel import and the console form.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

export const INSTITUTION_TYPES = [
  'community_college',
  'street_branch',
  'community_school',
  'learning_point',
  'elderly_university',
  'elderly_school',
  'other_provider',
] as const;

/** A mobile number or a landline with area code (0571-87654321, optional extension). */
export const CONTACT_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
/** An optional contact phone: empty means none; a refinement (not a union with '') so a wrong number is named as one. */
export const contactPhoneInput = () =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || CONTACT_PHONE.test(v), 'phone.invalid_contact')
    .nullish();
/** Whom to call about an institution or a venue. */
export const contactInput = { contactName: z.string().trim().max(50).nullish(), contactPhone: contactPhoneInput() };

export const institutionInput = z.object({
  name: z.string().trim().min(1).max(100),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: z.string().trim().min(1).max(12),
  address: z.string().trim().max(200).nullish(),
  floorAreaM2: z.number().min(0).max(1_000_000).nullish(),
  fullTimeStaff: z.number().int().min(0).max(100_000).default(0),
  partTimeStaff: z.number().int().min(0).max(100_000).default(0),
  ...contactInput,
  openingHours: z.string().trim().max(200).nullish(),
});

export const institutionPatch = institutionInput.partial().extend({ status: z.enum(['active', 'inactive']).optional() });

export type InstitutionInput = z.infer<typeof institutionInput>;
export type InstitutionPatch = z.infer<typeof institutionPatch>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const withoutLearningPointItem = z.object({ code: z.string(), name: z.string(), streetName: z.string() }).strict();
export const institution = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(['community_college', 'street_branch', 'community_school', 'learning_point', 'elderly_university', 'elderly_school', 'other_provider']),
    regionCode: z.string(),
    regionName: z.string(),
    regionPath: z.array(z.object({ code: z.string(), name: z.string() }).strict()),
    address: z.string().nullable(),
    floorAreaM2: z.number().nullable(),
    fullTimeStaff: z.number(),
    partTimeStaff: z.number(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    openingHours: z.string().nullable(),
    status: z.enum(['active', 'inactive']),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .strict();
export const institutionPage = pageOf(institution);
export const institutionImportResult = z.object({ created: z.number() }).strict();
export const institutionDetail = institution;
export const institutionCoverage = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }).strict(),
    streets: z
      .object({ total: z.number(), withCommunitySchool: z.number(), without: z.array(z.object({ code: z.string(), name: z.string() }).strict()) })
      .strict(),
    communities: z
      .object({
        total: z.number(),
        withLearningPoint: z.number(),
        withoutLearningPoint: z.array(withoutLearningPointItem),
        withElderlyPoint: z.number(),
        withoutElderlyPoint: z.array(withoutLearningPointItem),
      })
      .strict(),
  })
  .strict();
