import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { attachment } from '../../kernel/excel';
import { sendWorkbook } from '../../http/workbook-transfer';
import { auditExportQuery } from '../../../contracts/system';
import type { AuditService } from './audit.service';
import { auditCsv, auditXlsx } from './audit.export';
import { auditLogPage } from '../../../contracts/audit';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['audit']);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'validation.invalid');

export function auditRoutes(audit: AuditService) {
  return (app: App) => {
    app.get(
      '/api/audit-log',
      route({
        querystring: z.object({
          ...pageQuery,
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          entityType: z.string().max(32).optional(),
          region: z.string().max(12).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: auditLogPage },
      }),
      (req) => audit.list(req.ctx, req.query),
    );
    // For the assessor: a date range at a time, scoped like the list, the export itself audited.
    app.get(
      '/api/audit-log/export.csv',
      route('The audit trail of a date range as CSV (administrators; audited)', { querystring: auditExportQuery, response: { 200: fileBody('CSV file') } }),
      async (req, reply) => {
        const batches = await audit.export(req.ctx, req.query, 'csv');
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', attachment(`审计日志_${req.query.from.slice(0, 10)}_${req.query.to.slice(0, 10)}.csv`))
          .send(auditCsv(batches));
      },
    );
    app.get(
      '/api/audit-log/export.xlsx',
      route('The audit trail of a date range as Excel (administrators; audited)', {
        querystring: auditExportQuery,
        response: { 200: fileBody('Excel workbook') },
      }),
      async (req, reply) => {
        const batches = await audit.export(req.ctx, req.query, 'xlsx');
        return sendWorkbook(reply, `审计日志_${req.query.from.slice(0, 10)}_${req.query.to.slice(0, 10)}.xlsx`, auditXlsx(batches));
      },
    );
  };
}
