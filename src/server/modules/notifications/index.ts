// Messages to residents: an in-app inbox and SMS copies through the platform's pluggable sender.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': { 'notification.not_found': '找不到该消息' },
  en: { 'notification.not_found': 'Message not found' },
});

export { createNotificationsRepository } from './notifications.repository';
export { createNotificationsService, type NotificationsService, type Notice } from './notifications.service';
export { notificationRoutes } from './notifications.routes';
