// Partner platforms: registered by region offices, with Basic credentials and scopes for the xAPI store, and traffic counts.
import { registerMessages } from '../../kernel/messages';
import { messages } from './partners.messages';

registerMessages(messages);

export { createPartnersRepository } from './partners.repository';
export { createPartnersService, type PartnersService } from './partners.service';
export { partnerRoutes } from './partners.routes';
