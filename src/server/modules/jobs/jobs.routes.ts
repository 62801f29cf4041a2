import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import type { JobsService } from './jobs.service';
import { jobAnswer } from '../../../contracts/jobs';

const route = routeOptions(['jobs']);

export function jobRoutes(jobs: JobsService) {
  return (app: App) => {
    app.get('/api/jobs/:id', route('Progress and outcome of long work you started', { params: idParam, response: { 200: jobAnswer } }), (req) =>
      jobs.get(req.ctx, req.params.id),
    );
  };
}
