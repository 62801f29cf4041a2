// Governance: the leading group, member units and their duties, annual tasks and progress, supervision, and the annual assessment.
import { registerMessages } from '../../kernel/messages';
import { messages } from './governance.messages';

registerMessages(messages);

export { createGovernanceRepository } from './governance.repository';
export { createGovernanceService, type GovernanceService } from './governance.service';
export { governanceRoutes } from './governance.routes';
