// ratings: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';
import { pageOf } from './answer-shapes';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const ratingSummary = z.object({
  offeringId: z.string(),
  average: z.number().nullable(),
  count: z.number(),
  distribution: z.array(z.object({ stars: z.number(), n: z.number() })),
  comments: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        stars: z.number(),
        comment: z.string().nullable(),
        commentHidden: z.boolean(),
        name: z.string(),
        at: z.string(),
      }),
    ),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  }),
});
export const myRating = z.object({
  rating: z
    .object({
      stars: z.number(),
      comment: z.string().nullable(),
      commentHidden: z.boolean(),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
  canRate: z.boolean(),
  canEdit: z.boolean(),
  editDays: z.number(),
});
export const rating = z.object({
  id: z.string(),
  offeringId: z.string(),
  offeringTitle: z.string(),
  instructorId: z.string().nullable(),
  institutionId: z.string().nullable(),
  regionCode: z.string(),
  stars: z.number(),
  comment: z.string().nullable(),
  commentHidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  hiddenAt: z.string().nullable(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ratingPage = pageOf(rating);
export const ratingAverage = z.object({
  id: z.string(),
  name: z.string(),
  average: z.number().nullable(),
  count: z.number(),
});
export const ratingAveragePage = pageOf(ratingAverage);
