// What load balancers, orchestrators and operators ask a platform process: is it alive, may it take
// requests, and which build and schema it runs. All public: nothing here names a person or a secret.
import { z } from 'zod';

/** `GET /healthz`: the process answers (no database asked, so a database outage does not get it restarted). */
export const liveness = z.object({ status: z.literal('ok') });

/** `GET /readyz` (200): the database answers and holds every migration this build knows. */
export const readiness = z.object({
  status: z.literal('ready'),
  /** The newest migration this build carries, applied to the database. */
  migration: z.string(),
});

/** `GET /readyz` (503): the error shape, code `not_ready.database_unreachable` or `not_ready.migrations_pending`. */
export const notReady = z.object({
  error: z.object({ code: z.enum(['not_ready.database_unreachable', 'not_ready.migrations_pending']), message: z.string(), details: z.object({}) }),
});

/** `GET /api/version`: the build, for an operator checking an upgrade or a rolling restart. */
export const versionInfo = z.object({
  /** package.json's version. */
  version: z.string(),
  /** The git commit built (`npm run build` records it), or null when unknown (run from source, no git). */
  commit: z.string().nullable(),
  /** When `npm run build` ran; null when run from source. */
  builtAt: z.string().nullable(),
  schema: z.object({
    /** The newest migration this build carries. */
    expected: z.string(),
    /** The newest migration the database holds: `unknown` when a newer build migrated it (old workers keep serving). */
    applied: z.string().nullable(),
  }),
});

export type Readiness = z.infer<typeof readiness>;
export type VersionInfo = z.infer<typeof versionInfo>;
