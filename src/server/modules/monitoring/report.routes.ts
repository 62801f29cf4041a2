import type { App } from '../../http/app';
import { accepted, routeOptions } from '../../http/route-options';
import { reportQuery, reportTextsBody } from '../../../contracts/monitoring';
import type { ReportsService } from './report.service';
import { annualReportPage, annualReportDocument, reportJobStarted } from '../../../contracts/monitoring';

const route = routeOptions(['monitoring']);

export function reportRoutes(reports: ReportsService) {
  return (app: App) => {
    app.get(
      '/api/monitoring/report',
      route('The annual development report as a document (the printable page reads it)', { querystring: reportQuery, response: { 200: annualReportPage } }),
      (req) => reports.page(req.ctx, req.query.region, req.query.year, req.query.locale ?? req.ctx.locale),
    );

    app.put(
      '/api/monitoring/report/texts',
      route("Edit the report's problems and priorities before export (both null: back to the drafted text)", {
        body: reportTextsBody,
        response: { 200: annualReportDocument },
      }),
      (req) => reports.saveTexts(req.ctx, req.body),
    );

    app.post(
      '/api/monitoring/reports',
      route('Start generating the annual development report (.docx); poll GET /api/jobs/:id', { body: reportQuery, response: { 202: reportJobStarted } }),
      (req, reply) => accepted(reply, reports.start(req.ctx, req.body.region, req.body.year, req.body.locale ?? req.ctx.locale)),
    );
  };
}
