import type { App } from '../../http/app';
import type { WorkService } from './work.service';
import { myWork } from '../../../contracts/work';

export function workRoutes(work: WorkService) {
  return (app: App) => {
    app.get(
      '/api/me/work',
      { schema: { tags: ['work'], summary: 'The signed-in staff member’s queues and how many items wait in each', response: { 200: myWork } } },
      (req) => work.myWork(req.ctx),
    );
  };
}
