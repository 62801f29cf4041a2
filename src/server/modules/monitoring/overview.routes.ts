import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { streamWorkbook } from '../../kernel/excel';
import { sendWorkbook } from '../../http/workbook-transfer';
import { tableOf, type OverviewService } from './overview.service';
import { dashboard } from '../../../contracts/monitoring';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['monitoring']);

const year = z.coerce.number().int().min(2000).max(2100);
const query = z.object({ region: z.string().max(12), year });

export function overviewRoutes(overview: OverviewService) {
  return (app: App) => {
    app.get(
      '/api/monitoring/overview',
      route('Dashboard: headline, alerts, rankings, heat table, trends', { querystring: query, response: { 200: dashboard } }),
      (req) => overview.overview(req.ctx, req.query.region, req.query.year),
    );

    app.get(
      '/api/monitoring/overview/:table.xlsx',
      route('One dashboard table as Excel (heat, alerts, compliance, ranking-<code>)', {
        params: z.object({ table: z.string().max(40) }),
        querystring: query,
        response: { 200: fileBody('The dashboard table as Excel') },
      }),
      async (req, reply) => {
        const o = await overview.overview(req.ctx, req.query.region, req.query.year);
        const t = tableOf(o, req.params.table, req.ctx.locale);
        return sendWorkbook(reply, `${o.region.name}${o.year}-${t.sheet}.xlsx`, streamWorkbook(t.sheet, t.columns, [t.rows]));
      },
    );
  };
}
