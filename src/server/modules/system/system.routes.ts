// Liveness, readiness and version: for load balancers (Nginx, a cloud LB), systemd/Docker health checks and
// an operator upgrading. Readiness asks the database, with a time limit, so a hung connection reads as not ready.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import type { Database } from '../../db/client';
import { translate } from '../../kernel/messages';
import { liveness, notReady, readiness, versionInfo } from '../../../contracts/system';

const route = routeOptions(['system']);

const READY_TIMEOUT_MS = 3000;

/** package.json's version, and what `npm run build` recorded beside the compiled server (absent when run from source). */
function buildInfo(): { version: string; commit: string | null; builtAt: string | null } {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../package.json', import.meta.url)), 'utf8')) as { version: string };
  const file = fileURLToPath(new URL('../../build-info.json', import.meta.url));
  const built = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { commit?: string | null; builtAt?: string }) : {};
  return { version: pkg.version, commit: built.commit ?? process.env.LEARNCITY_COMMIT ?? null, builtAt: built.builtAt ?? null };
}

function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function systemRoutes(database: Pick<Database, 'migrationState'>) {
  const build = buildInfo();
  return (app: App) => {
    app.get('/healthz', { schema: { hide: true, response: { 200: liveness } } }, async () => ({ status: 'ok' as const }));

    app.get('/readyz', { schema: { hide: true, response: { 200: readiness, 503: notReady } } }, async (req, reply) => {
      const state = await withinTime(database.migrationState()).catch(() => null);
      const code =
        state === null
          ? ('not_ready.database_unreachable' as const)
          : state.applied === null || (state.applied !== state.expected && state.applied !== 'unknown')
            ? ('not_ready.migrations_pending' as const)
            : null;
      reply.header('Cache-Control', 'no-store');
      if (code) return reply.status(503).send({ error: { code, message: translate(code, req.ctx.locale), details: {} } });
      return { status: 'ready' as const, migration: state!.expected };
    });

    app.get(
      '/api/version',
      route("The build (version, git commit) and the database schema's migration", { response: { 200: versionInfo } }),
      async (_req, reply) => {
        reply.header('Cache-Control', 'no-store');
        return { ...build, schema: await database.migrationState() };
      },
    );
  };
}
