import { z } from 'zod';
import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { unmatchedStatementsPage } from '../../../contracts/partners';
import type { UnmatchedService } from './unmatched.service';

const route = routeOptions(['partners']);

export function unmatchedRoutes(unmatched: UnmatchedService) {
  return (app: App) => {
    app.get(
      '/api/partners/:id/unmatched-statements',
      route('A partner’s learning records that name no resident of this installation, with the count per day', {
        params: idParam,
        querystring: z.object(pageQuery),
        response: { 200: unmatchedStatementsPage },
      }),
      (req) => unmatched.list(req.ctx, req.params.id, req.query),
    );
  };
}
