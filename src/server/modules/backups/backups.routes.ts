import { z } from 'zod';
import type { App } from '../../http/app';
import { created, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { backupItem, backupList } from '../../../contracts/system';
import type { BackupsService } from './backups.service';

const route = routeOptions(['system']);

export function backupRoutes(backups: BackupsService) {
  return (app: App) => {
    app.get(
      '/api/system/backups',
      route('Backups on the server’s disk, newest first (system administrator)', { querystring: z.object(pageQuery), response: { 200: backupList } }),
      (req) => backups.list(req.ctx, req.query),
    );
    app.post(
      '/api/system/backups',
      route('Take a backup now: database, uploaded files and keys in one archive (system administrator, audited)', { response: { 201: backupItem } }),
      (req, reply) => created(reply, backups.create(req.ctx)),
    );
  };
}
