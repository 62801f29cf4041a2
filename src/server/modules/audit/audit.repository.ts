// All SQL about reading the audit trail (kernel/audit.ts writes it).
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { auditLog } from '../../db/schema/index';
import { underRoots } from '../../kernel/region-scope';

export type AuditRow = typeof auditLog.$inferSelect;

/** Which entries: `roots` limits them to those about these regions plus the reader's own (`'all'`: no limit). */
export interface AuditFilter {
  roots: string[] | 'all';
  readerId: string;
  region?: string | null;
  actorName?: string;
  actionPrefix?: string;
  entityType?: string;
  from?: Date;
  to?: Date;
}

function whereOf(f: AuditFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.roots !== 'all') conds.push(sql`(${underRoots(auditLog.regionCode, f.roots)} or ${auditLog.actorId} = ${f.readerId})`);
  if (f.region) conds.push(sql`${auditLog.regionCode} like ${f.region + '%'}`);
  if (f.actorName) conds.push(eq(auditLog.actorName, f.actorName));
  if (f.actionPrefix) conds.push(sql`${auditLog.action} like ${f.actionPrefix + '%'}`);
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  return conds.length ? and(...conds) : undefined;
}

export function createAuditRepository(db: Db) {
  return {
    /** A page, newest first, and how many match. */
    async page(f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
      const where = whereOf(f);
      return selectPage(db, auditLog, where, [desc(auditLog.id)], { limit, offset });
    },

    /** The next `limit` entries after entry `afterId`, oldest first (an export walks the trail this way). */
    batchAfter(f: AuditFilter, afterId: number, limit: number): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditLog)
        .where(and(whereOf(f), gt(auditLog.id, afterId)))
        .orderBy(asc(auditLog.id))
        .limit(limit);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
