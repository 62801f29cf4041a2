// demo: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const demoStatus = z.object({
  demo: z.boolean(),
  year: z.number().nullable(),
  state: z.enum(['none', 'failed', 'done', 'generating']),
});
