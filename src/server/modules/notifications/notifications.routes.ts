import { z } from 'zod';
import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import type { NotificationsService } from './notifications.service';
import { sendPersonal, type ResponseCache } from '../../http/response-cache';
import { notificationPage, unreadCount } from '../../../contracts/notifications';

const route = routeOptions(['notifications']);

export function notificationRoutes(notifications: NotificationsService, personalReads: ResponseCache) {
  return (app: App) => {
    app.get(
      '/api/notifications',
      route('My messages, newest first, with the unread count', {
        querystring: z.object({
          ...pageQuery,
          unread: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: notificationPage },
      }),
      (req, reply) => sendPersonal(personalReads, req, reply, () => notifications.list(req.ctx, req.query)),
    );

    app.get('/api/notifications/unread-count', route({ response: { 200: unreadCount } }), (req, reply) =>
      sendPersonal(personalReads, req, reply, () => notifications.unreadCount(req.ctx)),
    );

    app.post('/api/notifications/:id/read', route({ params: idParam, response: { 200: unreadCount } }), (req) =>
      notifications.markRead(req.ctx, req.params.id),
    );

    app.post('/api/notifications/read-all', route({ response: { 200: unreadCount } }), (req) => notifications.markAllRead(req.ctx));
  };
}
