import { z } from 'zod';
import type { App } from '../../http/app';
import { pageQuery } from '../../kernel/pagination';
import type { AuditService } from './audit.service';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'validation.invalid');

export function auditRoutes(audit: AuditService) {
  return (app: App) => {
    app.get('/api/audit-log', {
      schema: {
        tags: ['audit'],
        querystring: z.object({ ...pageQuery, actor: z.string().max(64).optional(), action: z.string().max(64).optional(), entityType: z.string().max(32).optional(), region: z.string().max(12).optional(), from: isoDate.optional(), to: isoDate.optional() }),
      },
    }, (req) => audit.list(req.ctx, req.query));
  };
}
