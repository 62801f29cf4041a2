// audit: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';
import { pageOf } from './answer-shapes';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const auditLog = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export const auditLogPage = pageOf(auditLog);
