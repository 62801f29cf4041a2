import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import type { PopulationService } from './population.service';
import { populationOverview, censusImport } from '../../../contracts/monitoring';

const route = routeOptions(['monitoring']);

export function populationRoutes(population: PopulationService) {
  return (app: App) => {
    app.get(
      '/api/monitoring/populations',
      route('A region’s population, its children’s, and the difference between their total and its own', {
        querystring: z.object({ region: z.string().max(12), year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: populationOverview },
      }),
      (req) => population.overview(req.ctx, req.query.region, req.query.year),
    );

    app.post(
      '/api/monitoring/population/import',
      route('Re-import the 2020 census figures of the installation’s regions (idempotent, audited); answers what changed', { response: { 200: censusImport } }),
      (req) => population.importCensus(req.ctx),
    );
  };
}
