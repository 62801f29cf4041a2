import { z } from 'zod';

export const categoryInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'category.code_format'),
  nameZh: z.string().trim().min(1, 'validation.required').max(50, 'validation.too_long'),
  nameEn: z.string().trim().min(1, 'validation.required').max(80, 'validation.too_long'),
  examples: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  sort: z.number().int().min(0).max(9999).default(0),
});
export const categoryPatch = categoryInput.omit({ code: true }).partial().extend({ active: z.boolean().optional() });
export type CategoryInput = z.infer<typeof categoryInput>;
export type CategoryPatch = z.infer<typeof categoryPatch>;

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const courseCategory = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  examples: z.array(z.string()),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export const courseCategoryList = z.object({ items: z.array(courseCategory) });
