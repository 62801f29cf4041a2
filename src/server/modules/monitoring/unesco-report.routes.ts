import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { attachment } from '../../kernel/excel';
import { unescoReportQuery } from '../../../contracts/unesco-report';
import type { UnescoReportService } from './unesco-report.service';
import { unescoReport } from '../../../contracts/monitoring';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['monitoring']);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function unescoReportRoutes(unesco: UnescoReportService) {
  return (app: App) => {
    app.get(
      '/api/monitoring/unesco-report',
      route('UNESCO GNLC biennial self-report (Key Features of Learning Cities) of a region, in zh-CN or en', {
        querystring: unescoReportQuery,
        response: { 200: unescoReport },
      }),
      (req) => unesco.report(req.ctx, req.query.region, req.query.year, req.query.lang),
    );

    app.get(
      '/api/monitoring/unesco-report.docx',
      route('The GNLC biennial self-report as a Word document (audited export)', {
        querystring: unescoReportQuery,
        response: { 200: fileBody('The self-report as a Word document (.docx)') },
      }),
      async (req, reply) => {
        const { buffer, filename } = await unesco.docx(req.ctx, req.query.region, req.query.year, req.query.lang);
        return reply.type(DOCX).header('Content-Disposition', attachment(filename)).send(buffer);
      },
    );
  };
}
