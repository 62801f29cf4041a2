// Offerings: terms, campaigns, classes and events with their sessions (venue booked per session), and the public catalogue.
import { registerMessages } from '../../kernel/messages';
import { messages, terms } from './offerings.messages';

registerMessages(messages, terms);

export { createOfferingsRepository } from './offerings.repository';
export { createOfferingsService, type OfferingsService } from './offerings.service';
export type { OfferingView, SessionView } from './offerings.core';
export { createOfferingsExcel, type OfferingsExcel } from './offerings.excel';
export { offeringRoutes } from './offerings.routes';
