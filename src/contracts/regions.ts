// regions: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';
import { pageOf } from './answer-shapes';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const regionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'district', 'street', 'community']),
  kind: z.string().nullable(),
  parentCode: z.string().nullable(),
  path: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  population: z
    .object({
      year: z.number(),
      total: z.number(),
      age60plus: z.number().nullable(),
      source: z.string(),
    })
    .nullable(),
  childCount: z.number(),
  descendantCounts: z.object({ street: z.number(), community: z.number() }),
  institutionCount: z.number(),
});
export const regionRoots = z.object({ items: z.array(regionView) });
export const regionChildrenPage = pageOf(regionView);
