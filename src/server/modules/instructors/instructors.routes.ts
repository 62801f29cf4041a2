import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { ifMatchHeader, versionOf, withEtag } from '../../http/versioned-answers';
import { receiveWorkbook, sendWorkbook } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { instructorBulk, instructorInput, instructorPatch, vettingDecision, INSTRUCTOR_KINDS, VETTING_STATUSES } from '../../../contracts/instructors';
import type { JobsService } from '../jobs/index';
import type { InstructorsService } from './instructors.service';
import type { InstructorsExcel } from './instructors.excel';
import { instructorPage, summaryAnswer, instructorImportStarted, bulkAnswer, instructorDetail, revealPhoneAnswer } from '../../../contracts/instructors';
import { fileBody } from '../../../contracts/answer-shapes';
import { requireStaff } from '../../kernel/actor';

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
const idParam = z.object({ id: z.string().max(64) });

export function instructorRoutes(instructors: InstructorsService, excel: InstructorsExcel, jobs: JobsService) {
  return (app: App) => {
    app.get('/api/instructors', route({ querystring: z.object({ ...pageQuery, ...filters }), response: { 200: instructorPage } }), (req) =>
      instructors.list(req.ctx, req.query),
    );
    app.get(
      '/api/instructors/summary',
      route('Counts per owner level, street, kind, category and vetting status', { response: { 200: summaryAnswer } }),
      (req) => instructors.summary(req.ctx),
    );

    app.get('/api/instructors/import-template.xlsx', route({ response: { 200: fileBody('The Excel import template') } }), async (req, reply) => {
      requireStaff(req.ctx);
      return sendWorkbook(reply, '师资导入模板.xlsx', await excel.template());
    });

    app.get(
      '/api/instructors/export.xlsx',
      route({ querystring: z.object(filters), response: { 200: fileBody('The instructors within scope as Excel') } }),
      async (req, reply) => {
        const stream = await excel.exportFile(req.ctx, req.query);
        return sendWorkbook(reply, '师资.xlsx', stream);
      },
    );

    app.post(
      '/api/instructors/import',
      route('Import instructors from the template (multipart "file") as a job; all or nothing; answers 202 { jobId }', {
        response: { 202: instructorImportStarted },
      }),
      async (req, reply) => {
        excel.requireImporter(req.ctx);
        const buffer = await receiveWorkbook(req);
        const { id } = await jobs.start(req.ctx, 'instructors.import', (progress) => excel.importFile(req.ctx, buffer, req.ctx.locale, progress));
        return reply.status(202).send({ jobId: id });
      },
    );

    app.post('/api/instructors/bulk', route({ body: instructorBulk, response: { 200: bulkAnswer } }), (req) => instructors.bulk(req.ctx, req.body));

    app.get('/api/instructors/:id', route({ params: idParam, response: { 200: instructorDetail } }), async (req, reply) => {
      return withEtag(reply, await instructors.get(req.ctx, req.params.id));
    });

    app.get(
      '/api/instructors/:id/phone',
      route('The full phone number, for editors of the entry; audited', { params: idParam, response: { 200: revealPhoneAnswer } }),
      (req) => instructors.revealPhone(req.ctx, req.params.id),
    );

    app.post('/api/instructors', route({ body: instructorInput, response: { 201: instructorDetail } }), async (req, reply) => {
      return reply.status(201).send(withEtag(reply, await instructors.create(req.ctx, req.body)));
    });

    app.patch(
      '/api/instructors/:id',
      route({ params: idParam, body: instructorPatch, headers: ifMatchHeader, response: { 200: instructorDetail } }),
      async (req, reply) => {
        return withEtag(reply, await instructors.update(req.ctx, req.params.id, req.body, versionOf(req.headers['if-match'])));
      },
    );

    app.post('/api/instructors/:id/vetting', route({ params: idParam, body: vettingDecision, response: { 200: instructorDetail } }), (req) =>
      instructors.setVetting(req.ctx, req.params.id, req.body),
    );
  };
}
