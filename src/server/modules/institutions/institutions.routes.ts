import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { ifMatchHeader, versionOf, withEtag } from '../../http/versioned-answers';
import { receiveUpload, sendWorkbook } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { institutionInput, institutionPatch, INSTITUTION_TYPES } from '../../../contracts/institutions';
import type { InstitutionsService } from './institutions.service';
import type { InstitutionsExcel } from './institutions.excel';
import { institutionPage, institutionImportResult, institutionDetail, institutionCoverage } from '../../../contracts/institutions';
import { fileBody } from '../../../contracts/answer-shapes';
import { requireStaff } from '../../kernel/actor';

const route = routeOptions(['institutions']);

const filters = {
  region: z.string().max(12).optional(),
  type: z.enum(INSTITUTION_TYPES).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  q: z.string().max(100).optional(),
};
const idParam = z.object({ id: z.string().max(64) });

export function institutionRoutes(institutions: InstitutionsService, excel: InstitutionsExcel) {
  return (app: App) => {
    app.get('/api/institutions', route({ querystring: z.object({ ...pageQuery, ...filters }), response: { 200: institutionPage } }), (req) =>
      institutions.list(req.ctx, req.query),
    );

    app.get('/api/institutions/import-template.xlsx', route({ response: { 200: fileBody('The Excel import template') } }), async (req, reply) => {
      requireStaff(req.ctx);
      return sendWorkbook(reply, '机构导入模板.xlsx', await excel.template());
    });

    app.get(
      '/api/institutions/export.xlsx',
      route({ querystring: z.object(filters), response: { 200: fileBody('The institutions within scope as Excel') } }),
      async (req, reply) => {
        const stream = await excel.exportFile(req.ctx, req.query);
        return sendWorkbook(reply, '机构.xlsx', stream);
      },
    );

    app.post(
      '/api/institutions/import',
      route('Import institutions from the template (multipart field "file"); all or nothing', { response: { 200: institutionImportResult } }),
      async (req) => {
        requireStaff(req.ctx);
        return excel.importFile(req.ctx, await receiveUpload(req), req.ctx.locale);
      },
    );

    app.get('/api/institutions/:id', route({ params: idParam, response: { 200: institutionDetail } }), async (req, reply) => {
      return withEtag(reply, await institutions.get(req.ctx, req.params.id));
    });

    app.post('/api/institutions', route({ body: institutionInput, response: { 201: institutionDetail } }), async (req, reply) => {
      return reply.status(201).send(withEtag(reply, await institutions.create(req.ctx, req.body)));
    });

    app.patch(
      '/api/institutions/:id',
      route({ params: idParam, body: institutionPatch, headers: ifMatchHeader, response: { 200: institutionDetail } }),
      async (req, reply) => withEtag(reply, await institutions.update(req.ctx, req.params.id, req.body, versionOf(req.headers['if-match']))),
    );

    app.get(
      '/api/coverage',
      route('Network coverage under a region', { querystring: z.object({ region: z.string().max(12) }), response: { 200: institutionCoverage } }),
      (req) => institutions.coverage(req.ctx, req.query.region),
    );
  };
}
