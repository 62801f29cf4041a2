// Partner platforms: registered by region offices, with Basic credentials and scopes for the xAPI store, and traffic counts.
import { registerMessages } from '../../kernel/messages';
import { messages } from './partners.messages';

registerMessages(messages);

export { createPartnersRepository } from './partners.repository';
export { createPartnersService, type PartnersService } from './partners.service';
export { partnerRoutes } from './partners.routes';
export { createWebhooksRepository } from './webhooks.repository';
export { createWebhooksService, signatureOf, SIGNATURE_HEADER, type WebhooksService } from './webhooks.service';
export { webhookRoutes } from './webhooks.routes';
export { WEBHOOK_EVENTS, MAX_ATTEMPTS, BACKOFF_BASE_SECONDS, type WebhookEvent } from './webhooks.policy';
export { connectWebhooks } from './webhooks.events';
