import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { poolWorkbookRoutes } from '../../http/pool-workbooks';
import { versionedEntryRoutes } from '../../http/versioned-answers';
import { receiveUpload } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { institutionInput, institutionPatch, INSTITUTION_TYPES } from '../../../contracts/institutions';
import type { InstitutionsService } from './institutions.service';
import type { InstitutionsExcel } from './institutions.excel';
import { institutionPage, institutionImportResult, institutionDetail, institutionCoverage } from '../../../contracts/institutions';
import { requireStaff } from '../../kernel/actor';

const route = routeOptions(['institutions']);

const filters = {
  region: z.string().max(12).optional(),
  type: z.enum(INSTITUTION_TYPES).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  q: z.string().max(100).optional(),
};

export function institutionRoutes(institutions: InstitutionsService, excel: InstitutionsExcel) {
  return (app: App) => {
    app.get('/api/institutions', route({ querystring: z.object({ ...pageQuery, ...filters }), response: { 200: institutionPage } }), (req) =>
      institutions.list(req.ctx, req.query),
    );

    poolWorkbookRoutes(app, route, '/api/institutions', {
      filters,
      templateName: '机构导入模板.xlsx',
      template: excel.template,
      exportName: '机构.xlsx',
      exportDescription: 'The institutions within scope as Excel',
      exportFile: excel.exportFile,
    });

    app.post(
      '/api/institutions/import',
      route('Import institutions from the template (multipart field "file"); all or nothing', { response: { 200: institutionImportResult } }),
      async (req) => {
        requireStaff(req.ctx);
        return excel.importFile(req.ctx, await receiveUpload(req), req.ctx.locale);
      },
    );

    versionedEntryRoutes(app, route, '/api/institutions', { input: institutionInput, patch: institutionPatch, detail: institutionDetail }, institutions);

    app.get(
      '/api/coverage',
      route('Network coverage under a region', { querystring: z.object({ region: z.string().max(12) }), response: { 200: institutionCoverage } }),
      (req) => institutions.coverage(req.ctx, req.query.region),
    );
  };
}
