import { z } from 'zod';
import type { App } from '../../http/app';
import { pageQuery } from '../../kernel/pagination';
import { manualRecordInput, SOURCE_TYPES } from '../../../contracts/archive';
import type { ArchiveService } from './archive.service';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');

export function archiveRoutes(archive: ArchiveService) {
  return (app: App) => {
    app.get('/api/me/learning-records', { schema: { tags: ['archive'], summary: 'My learning archive with totals', querystring: z.object({ ...pageQuery, sourceType: z.enum(SOURCE_TYPES).optional() }) } },
      (req) => archive.mine(req.ctx, req.query));

    app.get('/api/learning-records', {
      schema: {
        tags: ['archive'], summary: 'Learning records of residents in your regions',
        querystring: z.object({ ...pageQuery, residentId: z.string().uuid().optional(), region: z.string().regex(/^\d{2,12}$/).optional(), sourceType: z.enum(SOURCE_TYPES).optional(), from: isoDate.optional(), to: isoDate.optional() }),
      },
    }, (req) => archive.list(req.ctx, req.query));

    app.post('/api/learning-records', { schema: { tags: ['archive'], summary: 'Record learning done off the platform', body: manualRecordInput } }, async (req, reply) =>
      reply.status(201).send(await archive.addManual(req.ctx, req.body)));
  };
}
