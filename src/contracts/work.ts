// work: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const workItem = z.object({
  key: z.string(),
  count: z.number(),
  page: z.string(),
  query: z.record(z.string(), z.string()),
});
export const myWork = z.object({ items: z.array(workItem) });
