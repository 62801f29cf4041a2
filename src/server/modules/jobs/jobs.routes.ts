import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import type { JobsService } from './jobs.service';
import { jobAnswer } from '../../../contracts/jobs';

const route = routeOptions(['jobs']);

export function jobRoutes(jobs: JobsService) {
  return (app: App) => {
    app.get(
      '/api/jobs/:id',
      route('Progress and outcome of long work you started', { params: z.object({ id: z.string().max(64) }), response: { 200: jobAnswer } }),
      (req) => jobs.get(req.ctx, req.params.id),
    );
  };
}
