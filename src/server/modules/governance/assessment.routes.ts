import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { sendNamedWorkbook } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { planInput, scoreInput } from '../../../contracts/governance';
import type { AssessmentService } from './assessment.service';
import type { AssessmentExcel } from './assessment.excel';
import { assessmentPlanPage, assessmentPlanDetail, scoreAnswer, resultsAnswer } from '../../../contracts/governance';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['assessment']);

export function assessmentRoutes(assessment: AssessmentService, excel: AssessmentExcel) {
  return (app: App) => {
    app.get('/api/assessment-plans', route({ querystring: z.object(pageQuery), response: { 200: assessmentPlanPage } }), (req) =>
      assessment.list(req.ctx, req.query),
    );
    app.post('/api/assessment-plans', route({ body: planInput, response: { 201: assessmentPlanDetail } }), (req, reply) =>
      created(reply, assessment.create(req.ctx, req.body)),
    );
    app.get('/api/assessment-plans/:id', route({ params: idParam, response: { 200: assessmentPlanDetail } }), (req) => assessment.get(req.ctx, req.params.id));
    app.post(
      '/api/assessment-plans/:id/scores',
      route("Record (or replace) one subject's score on one criterion, with its evidence", {
        params: idParam,
        body: scoreInput,
        response: { 200: scoreAnswer },
      }),
      (req) => assessment.score(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/assessment-plans/:id/results',
      route('Ranking with every score and its evidence', { params: idParam, response: { 200: resultsAnswer } }),
      (req) => assessment.results(req.ctx, req.params.id),
    );
    app.get(
      '/api/assessment-plans/:id/results.xlsx',
      route('The ranking with scores and evidence, for publication', {
        params: idParam,
        response: { 200: fileBody('The plan’s assessment results as Excel') },
      }),
      (req, reply) => sendNamedWorkbook(reply, excel.results(req.ctx, req.params.id)),
    );
    app.post('/api/assessment-plans/:id/publication', route({ params: idParam, response: { 200: resultsAnswer } }), (req) =>
      assessment.publish(req.ctx, req.params.id),
    );
  };
}
