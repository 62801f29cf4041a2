// Audit: browsing the trail of staff writes and personal-data reads (writing it lives in kernel/audit).
export { createAuditService, type AuditService } from './audit.service';
export { auditRoutes } from './audit.routes';
