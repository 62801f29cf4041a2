// Operating the installation: backups (taken by the server while it serves) and the audit trail's export
// for the assessor. The contract shared by the API and the console.
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
