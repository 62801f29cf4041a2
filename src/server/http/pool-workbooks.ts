// The Excel routes every staff-kept pool has (courses, venues, instructors, institutions): its import template and
// an export of what its list shows. Each pool's import has its own route: some run as a job, some at once.
import { z } from 'zod';
import type { App } from './app';
import type { RequestContext } from '../kernel/actor';
import type { routeOptions } from './route-options';
import { sendImportTemplate, sendWorkbook } from './workbook-transfer';
import { fileBody } from '../../contracts/answer-shapes';

export interface PoolWorkbooks<Filters extends z.ZodRawShape> {
  /** The list's filters, which the export takes too (without paging). */
  filters: Filters;
  /** The template's file name, e.g. `场地导入模板.xlsx`. */
  templateName: string;
  template: () => Promise<unknown>;
  /** The export's file name, e.g. `场地.xlsx`, and what its OpenAPI answer says it is. */
  exportName: string;
  exportDescription: string;
  exportFile: (ctx: RequestContext, query: NoInfer<z.output<z.ZodObject<Filters>>>) => Promise<unknown>;
}

/** Registers `GET <path>/import-template.xlsx` (staff only) and `GET <path>/export.xlsx` (within the caller's scope). */
export function poolWorkbookRoutes<Filters extends z.ZodRawShape>(
  app: App,
  route: ReturnType<typeof routeOptions>,
  path: string,
  pool: PoolWorkbooks<Filters>,
) {
  app.get(`${path}/import-template.xlsx`, route({ response: { 200: fileBody('The Excel import template') } }), (req, reply) =>
    sendImportTemplate(req.ctx, reply, pool.templateName, pool.template),
  );
  // The type provider cannot resolve a generic schema's output here; `exportFile`'s parameter checks each pool's.
  type ExportQuery = Parameters<typeof pool.exportFile>[1];
  app.get(`${path}/export.xlsx`, route({ querystring: z.object(pool.filters), response: { 200: fileBody(pool.exportDescription) } }), async (req, reply) =>
    sendWorkbook(reply, pool.exportName, await pool.exportFile(req.ctx, req.query as ExportQuery)),
  );
}
