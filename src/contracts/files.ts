// files: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const uploadedFile = z.object({
  id: z.string(),
  purpose: z.enum(['evidence', 'document', 'image', 'video', 'audio', 'spreadsheet']),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
  createdAt: z.string(),
});
/** 416: the Range asked for lies outside the file; no body (Content-Range names the size). */
export const rangeNotSatisfiable = z.undefined().describe('No body: the range lies outside the file (see Content-Range)');
