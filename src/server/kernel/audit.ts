// The audit trail: every staff write and every full read of personal data, written in the same
// transaction as the change it records.
import { auditLog } from '../db/schema/index';
import type { DbOrTx } from '../db/client';
import type { PlannedWrite } from '../db/write-together';
import type { BulkInsertOptions } from '../db/bulk-insert';
import { plannedInsert } from '../db/planned';
import type { Clock } from './clock';
import type { RequestContext } from './actor';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  details?: Record<string, unknown>;
}

/** The entry of an import (`<entityType>.import`): how many rows it wrote, and the ids of the first thousand. */
function importAuditEntry(entityType: string, regionCode: string | null, ids: string[]): AuditEntry {
  return { action: `${entityType}.import`, entityType, regionCode, details: { created: ids.length, ids: ids.slice(0, 1000) } };
}

/**
 * An import's rows (ids given) written all or none through `importAll`, a repository's bulk insert, with the
 * import's entry filed under the importer's first region in the same change; answers how many were written.
 */
export async function importWithAudit<R extends { id: string }>(
  audit: AuditWriter,
  ctx: RequestContext,
  entityType: string,
  rows: R[],
  importAll: (rows: R[], options: BulkInsertOptions) => Promise<void>,
  onProgress?: (done: number) => void,
): Promise<number> {
  const entry = importAuditEntry(
    entityType,
    ctx.actor?.regionCodes[0] ?? null,
    rows.map((r) => r.id),
  );
  await importAll(rows, { onProgress, finish: (tx) => audit(tx, ctx, entry) });
  return rows.length;
}

export interface AuditWriter {
  (tx: DbOrTx, ctx: RequestContext, entry: AuditEntry): Promise<void>;
  /** The same entry's insert, built and not sent: for `writeTogether` (db/write-together.ts). */
  planned(tx: DbOrTx, ctx: RequestContext, entry: AuditEntry): PlannedWrite;
}

export function createAuditWriter(clock: Clock): AuditWriter {
  const planned = (tx: DbOrTx, ctx: RequestContext, entry: AuditEntry) => {
    const row = {
      at: clock.now(),
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.username ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      regionCode: entry.regionCode ?? null,
      ip: ctx.ip,
      details: entry.details ?? null,
    };
    return plannedInsert(tx, 'audit', [row], (db, rows) => db.insert(auditLog).values(rows));
  };
  return Object.assign(
    async (tx: DbOrTx, ctx: RequestContext, entry: AuditEntry) => {
      await planned(tx, ctx, entry);
    },
    { planned },
  );
}
