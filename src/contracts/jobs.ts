// jobs: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const jobError = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });
export const jobAnswer = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['failed', 'running', 'succeeded']),
  done: z.number(),
  total: z.number().nullable(),
  phase: z.string().nullable(),
  result: z.unknown().describe('What the job produced: its shape depends on the kind; null until it succeeds'),
  error: jobError.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
