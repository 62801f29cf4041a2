import { z } from 'zod';
import type { App } from '../../http/app';
import { pageQuery } from '../../kernel/pagination';
import { planInput, scoreInput } from '../../../contracts/governance';
import type { AssessmentService } from './assessment.service';

const idParam = z.object({ id: z.string().max(64) });
const tags = ['assessment'];

export function assessmentRoutes(assessment: AssessmentService) {
  return (app: App) => {
    app.get('/api/assessment-plans', { schema: { tags, querystring: z.object(pageQuery) } }, (req) => assessment.list(req.ctx, req.query));
    app.post('/api/assessment-plans', { schema: { tags, body: planInput } }, async (req, reply) => reply.status(201).send(await assessment.create(req.ctx, req.body)));
    app.get('/api/assessment-plans/:id', { schema: { tags, params: idParam } }, (req) => assessment.get(req.ctx, req.params.id));
    app.post('/api/assessment-plans/:id/scores', { schema: { tags, summary: 'Record (or replace) one subject\'s score on one criterion, with its evidence', params: idParam, body: scoreInput } },
      (req) => assessment.score(req.ctx, req.params.id, req.body));
    app.get('/api/assessment-plans/:id/results', { schema: { tags, summary: 'Ranking with every score and its evidence', params: idParam } }, (req) => assessment.results(req.ctx, req.params.id));
    app.post('/api/assessment-plans/:id/publication', { schema: { tags, params: idParam } }, (req) => assessment.publish(req.ctx, req.params.id));
  };
}
