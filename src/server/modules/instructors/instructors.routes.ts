import { z } from 'zod';
import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import { poolWorkbookRoutes } from '../../http/pool-workbooks';
import { versionedEntryRoutes } from '../../http/versioned-answers';
import { acceptWorkbookImport } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { instructorBulk, instructorInput, instructorPatch, vettingDecision, INSTRUCTOR_KINDS, VETTING_STATUSES } from '../../../contracts/instructors';
import type { InstructorsService } from './instructors.service';
import type { InstructorsExcel } from './instructors.excel';
import { instructorPage, summaryAnswer, instructorImportStarted, bulkAnswer, instructorDetail, revealPhoneAnswer } from '../../../contracts/instructors';

const route = routeOptions(['instructors']);

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const filters = {
  region: z.string().max(12).optional(),
  level: z.enum(['district', 'street', 'community']).optional(),
  kind: z.enum(INSTRUCTOR_KINDS).optional(),
  category: z.string().max(32).optional(),
  vettingStatus: z.enum(VETTING_STATUSES).optional(),
  shared: flag,
  q: z.string().max(100).optional(),
};

export function instructorRoutes(instructors: InstructorsService, excel: InstructorsExcel) {
  return (app: App) => {
    app.get('/api/instructors', route({ querystring: z.object({ ...pageQuery, ...filters }), response: { 200: instructorPage } }), (req) =>
      instructors.list(req.ctx, req.query),
    );
    app.get(
      '/api/instructors/summary',
      route('Counts per owner level, street, kind, category and vetting status', { response: { 200: summaryAnswer } }),
      (req) => instructors.summary(req.ctx),
    );

    poolWorkbookRoutes(app, route, '/api/instructors', {
      filters,
      templateName: '师资导入模板.xlsx',
      template: excel.template,
      exportName: '师资.xlsx',
      exportDescription: 'The instructors within scope as Excel',
      exportFile: excel.exportFile,
    });

    app.post(
      '/api/instructors/import',
      route('Import instructors from the template (multipart "file") as a job; all or nothing; answers 202 { jobId }', {
        response: { 202: instructorImportStarted },
      }),
      (req, reply) => acceptWorkbookImport(req, reply, excel.requireImporter, (workbook) => excel.startImport(req.ctx, workbook)),
    );

    app.post('/api/instructors/bulk', route({ body: instructorBulk, response: { 200: bulkAnswer } }), (req) => instructors.bulk(req.ctx, req.body));

    versionedEntryRoutes(app, route, '/api/instructors', { input: instructorInput, patch: instructorPatch, detail: instructorDetail }, instructors);

    app.get(
      '/api/instructors/:id/phone',
      route('The full phone number, for editors of the entry; audited', { params: idParam, response: { 200: revealPhoneAnswer } }),
      (req) => instructors.revealPhone(req.ctx, req.params.id),
    );

    app.post('/api/instructors/:id/vetting', route({ params: idParam, body: vettingDecision, response: { 200: instructorDetail } }), (req) =>
      instructors.setVetting(req.ctx, req.params.id, req.body),
    );
  };
}
