// Backups taken by the running server: on a system administrator's request, on the `npm run backup`
// command's signal (PGlite, whose data directory only this process may read), and nightly when
// LEARNCITY_BACKUP_DIR is set, keeping the newest LEARNCITY_BACKUP_KEEP.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, Unauthenticated } from '../../kernel/errors';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { counter } from '../../kernel/metrics';
import { archiveName, listArchives, pruneArchives, writeArchive, type BackupSource } from './backups.archive';

const backupsTaken = counter('learncity_backups_total', 'Backups written, by trigger (request, command, nightly)');
const backupsFailed = counter('learncity_backup_failures_total', 'Backups that failed, by trigger');

export interface BackupSettings {
  /** Where archives are written: LEARNCITY_BACKUP_DIR, else the data directory's backups/. */
  dir: string;
  /** Nightly runs keep this many archives; null when LEARNCITY_BACKUP_DIR is not set (no nightly run). */
  keep: number | null;
  /** The local hour (the installation's time zone) from which the night's backup is taken. */
  hour: number;
}

const SYSTEM: RequestContext = { actor: null, ip: null, locale: 'zh-CN' };

function requireSystemAdmin(ctx: RequestContext) {
  if (!ctx.actor) throw new Unauthenticated('auth.required');
  if (!isStaff(ctx.actor) || ctx.actor.role !== 'system_admin') throw new Forbidden('auth.forbidden');
}

export function createBackupsService(deps: { db: Db; audit: AuditWriter; clock: Clock; source: BackupSource; settings: BackupSettings }) {
  const { settings } = deps;
  let running: Promise<unknown> | null = null;

  /** One backup at a time in this process: a second request waits for nothing and is told so. */
  async function take(ctx: RequestContext, trigger: 'request' | 'command' | 'nightly', dir = settings.dir) {
    if (running) throw new Conflict('backup.running');
    const work = (async () => {
      try {
        const archive = await writeArchive(deps.source, dir, deps.clock.now());
        await deps.audit(deps.db, ctx, {
          action: 'system.backup',
          entityType: 'backup',
          entityId: archive.name,
          details: { trigger, size: archive.size, engine: deps.source.engine },
        });
        backupsTaken.inc({ trigger });
        return archive;
      } catch (e) {
        backupsFailed.inc({ trigger });
        throw e;
      }
    })();
    running = work;
    try {
      return await work;
    } finally {
      running = null;
    }
  }

  return {
    async create(ctx: RequestContext) {
      requireSystemAdmin(ctx);
      const archive = await take(ctx, 'request');
      return { name: archive.name, size: archive.size, createdAt: deps.clock.now().toISOString() };
    },

    async list(ctx: RequestContext, q: PageRequest) {
      requireSystemAdmin(ctx);
      const all = await listArchives(settings.dir);
      return { ...pageOf(q, all.slice(offsetOf(q), offsetOf(q) + q.pageSize), all.length), dir: settings.dir, keep: settings.keep };
    },

    /** For `npm run backup` on PGlite: the command names the directory, the server writes the archive there. */
    forCommand: (dir: string) => take(SYSTEM, 'command', dir),

    /**
     * The scheduler calls this often; it backs up once a night (from `hour`, local time) and prunes old
     * archives. The scheduler's claim makes it run in one process at a time.
     */
    async runNightly(): Promise<string | null> {
      if (settings.keep === null) return null;
      const now = deps.clock.now();
      const today = archiveName(now).slice(0, 'learncity-backup-YYYYMMDD'.length);
      const hour = Number(archiveName(now).slice(today.length + 1, today.length + 3));
      if (hour < settings.hour) return null;
      if ((await listArchives(settings.dir)).some((a) => a.name.startsWith(today))) return null;
      const archive = await take(SYSTEM, 'nightly');
      await pruneArchives(settings.dir, settings.keep);
      return archive.name;
    },
  };
}

export type BackupsService = ReturnType<typeof createBackupsService>;
