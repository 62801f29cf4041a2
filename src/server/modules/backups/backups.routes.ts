import { z } from 'zod';
import type { App } from '../../http/app';
import { pageQuery } from '../../kernel/pagination';
import { backupItem, backupList } from '../../../contracts/system';
import type { BackupsService } from './backups.service';

const tags = ['system'];

export function backupRoutes(backups: BackupsService) {
  return (app: App) => {
    app.get(
      '/api/system/backups',
      {
        schema: {
          tags,
          summary: 'Backups on the server’s disk, newest first (system administrator)',
          querystring: z.object(pageQuery),
          response: { 200: backupList },
        },
      },
      (req) => backups.list(req.ctx, req.query),
    );
    app.post(
      '/api/system/backups',
      {
        schema: {
          tags,
          summary: 'Take a backup now: database, uploaded files and keys in one archive (system administrator, audited)',
          response: { 201: backupItem },
        },
      },
      async (req, reply) => reply.status(201).send(await backups.create(req.ctx)),
    );
  };
}
