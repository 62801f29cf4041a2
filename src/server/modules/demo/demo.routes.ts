import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import type { ResponseCache } from '../../http/response-cache';
import type { DemoStatusService } from './demo.status';
import { demoStatus } from '../../../contracts/demo';

const route = routeOptions(['demo']);

export function demoRoutes(demo: DemoStatusService, publicReads: ResponseCache) {
  return (app: App) => {
    // Public: the portal shows a banner to anyone, signed in or not, when what they see is made up.
    app.get(
      '/api/demo-status',
      route('Whether this installation holds demo data (and the demo year generated)', { response: { 200: demoStatus } }),
      (req, reply) => publicReads.send(req, reply, 'demo-status', () => demo.status(), 'public'),
    );
  };
}
