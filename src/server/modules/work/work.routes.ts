import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import type { WorkService } from './work.service';
import { myWork } from '../../../contracts/work';

const route = routeOptions(['work']);

export function workRoutes(work: WorkService) {
  return (app: App) => {
    app.get('/api/me/work', route('The signed-in staff member’s queues and how many items wait in each', { response: { 200: myWork } }), (req) =>
      work.myWork(req.ctx),
    );
  };
}
