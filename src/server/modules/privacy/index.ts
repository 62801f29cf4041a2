// Personal-data rights (PIPL): a resident's copy of everything held about them, withdrawal of consents, and account closure.
import { registerMessages } from '../../kernel/messages';
import { messages } from './privacy.messages';

registerMessages(messages);

export { createPrivacyRepository } from './privacy.repository';
export { createPrivacyService, type PrivacyService } from './privacy.service';
export { privacyRoutes } from './privacy.routes';
