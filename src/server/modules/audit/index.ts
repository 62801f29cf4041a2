// Audit: browsing and exporting the trail of staff writes and personal-data reads (writing it lives in kernel/audit).
import { registerMessages } from '../../kernel/messages';
import { messages } from './audit.messages';

registerMessages(messages);

export { createAuditService, type AuditService } from './audit.service';
export { createAuditRepository } from './audit.repository';
export { auditRoutes } from './audit.routes';
