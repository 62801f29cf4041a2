// Awards: campaigns with criteria and quotas, nominations reviewed community → street → district, public notice with objections, commendation.
import { registerMessages } from '../../kernel/messages';
import { messages } from './awards.messages';

registerMessages(messages);

export { createAwardsRepository } from './awards.repository';
export { createAwardsService, type AwardsService, type TeamLookup, type EvidenceFiles } from './awards.service';
export { awardRoutes } from './awards.routes';
export { createAwardsExcel } from './awards.excel';
