// notifications: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';
import { pageOf } from './answer-shapes';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
/** A message in the resident's (or staff member's) inbox. */
export const notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('A path in the web app the message is about, if any'),
  isRead: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationPage = pageOf(notification).extend({ unread: z.number().describe('Unread messages over all pages') });
export const unreadCount = z.object({ unread: z.number() });
