// Operating the installation: backups (taken by the server while it serves), the audit trail's export for the
// assessor, and what load balancers and operators ask a process (alive, ready, which build and schema; public,
// naming no person or secret).
import { z } from 'zod';

export const backupItem = z.object({
  name: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

export const backupList = z.object({
  items: z.array(backupItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Where the archives are written on the server, and how many the nightly run keeps (null: no nightly run). */
  dir: z.string(),
  keep: z.number().int().nullable(),
});

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'validation.invalid');

/** The assessor's export: a date range is required, at most a year at a time. */
export const auditExportQuery = z.object({
  from: isoDateTime,
  to: isoDateTime,
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(32).optional(),
  region: z.string().max(12).optional(),
});

export type BackupItem = z.infer<typeof backupItem>;
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

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
