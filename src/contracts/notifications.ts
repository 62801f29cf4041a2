// notifications: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';
import { pageOf } from './answer-shapes';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  isRead: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationPage = pageOf(notification).extend({ unread: z.number() });
export const unreadCount = z.object({ unread: z.number() });
