// Governance: the leading group, member units and their duties, annual tasks and progress, supervision, and the annual assessment.
import { registerMessages } from '../../kernel/messages';
import { messages } from './governance.messages';

registerMessages(messages);

export { createGovernanceRepository } from './governance.repository';
export { createGovernanceService, type GovernanceService } from './governance.service';
export { governanceRoutes } from './governance.routes';
export { createAssessmentRepository } from './assessment.repository';
export { createAssessmentService, type AssessmentService, type IndicatorSource } from './assessment.service';
export { assessmentRoutes } from './assessment.routes';
export { createAssessmentExcel } from './assessment.excel';
export { indicatorScore } from './assessment.policy';
