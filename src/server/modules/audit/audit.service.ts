// Browsing the audit trail, scoped like everything else: a street administrator sees entries about
// their street, a system administrator sees all.
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/index';
import { isStaff, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Forbidden, Unauthenticated, invalidField } from '../../kernel/errors';
import type { AuditWriter } from '../../kernel/audit';
import { offsetOf, type PageRequest } from '../../kernel/pagination';
import { normalizeRegionCode } from '../../kernel/region-code';
import { PHONE_PATTERN, maskPhone } from '../../kernel/mask';

export interface AuditQuery extends PageRequest { actor?: string; action?: string; entityType?: string; region?: string; from?: string; to?: string }

// A resident's username is their phone: the trail shows it masked, like every other staff view of residents
// (searching by the full phone still works, through the `actor` filter).
const shownActor = (name: string | null) => (name && PHONE_PATTERN.test(name) ? maskPhone(name) : name);

export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;
type Row = typeof auditLog.$inferSelect;

const presented = (r: Row) => ({ id: r.id, at: r.at.toISOString(), actorId: r.actorId, actorName: shownActor(r.actorName), action: r.action, entityType: r.entityType, entityId: r.entityId, regionCode: r.regionCode, ip: r.ip, details: r.details });
export type PresentedAuditEntry = ReturnType<typeof presented>;

const EXPORT_BATCH = 1000;
const MAX_EXPORT_DAYS = 366;

export function createAuditService(deps: { db: Db; audit: AuditWriter }) {
  /** Administrators only; a region administrator reads entries about their regions and their own actions. */
  function whereOf(ctx: RequestContext, q: AuditFilters): SQL | undefined {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor) || (ctx.actor.role !== 'system_admin' && ctx.actor.role !== 'region_admin')) throw new Forbidden('auth.forbidden');
    const conds: SQL[] = [];
    const roots = visibleRegionRoots(ctx.actor);
    if (roots !== 'all') {
      // Entries about the admin's regions, and everything the admin did themselves.
      const inRoots = roots.map((r) => sql`${auditLog.regionCode} like ${r + '%'}`);
      conds.push(sql`(${sql.join(inRoots, sql` or `)} or ${auditLog.actorId} = ${ctx.actor.userId})`);
    }
    const region = q.region ? normalizeRegionCode(q.region) : null;
    if (region) conds.push(sql`${auditLog.regionCode} like ${region + '%'}`);
    if (q.actor) conds.push(eq(auditLog.actorName, q.actor));
    if (q.action) conds.push(sql`${auditLog.action} like ${q.action + '%'}`);
    if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
    if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
    if (q.to) conds.push(lte(auditLog.at, new Date(q.to)));
    return conds.length ? and(...conds) : undefined;
  }

  return {
    async list(ctx: RequestContext, q: AuditQuery) {
      const where = whereOf(ctx, q);
      const rows = await deps.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.pageSize).offset(offsetOf(q));
      const [{ n }] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
      return { items: rows.map(presented), total: Number(n), page: q.page, pageSize: q.pageSize };
    },

    /**
     * The trail of a date range for the assessor, oldest first, in batches (never the whole table in memory).
     * The export itself is audited before the first row is read, so it appears in the next one.
     */
    async export(ctx: RequestContext, q: AuditFilters & { from: string; to: string }, format: 'csv' | 'xlsx'): Promise<AsyncIterable<PresentedAuditEntry[]>> {
      const where = whereOf(ctx, q);
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (to < from) throw invalidField('to', 'audit.range_order');
      if (to.getTime() - from.getTime() > MAX_EXPORT_DAYS * 86_400_000) throw invalidField('to', 'audit.range_too_long', { days: MAX_EXPORT_DAYS });
      await deps.audit(deps.db, ctx, { action: 'audit_log.export', entityType: 'audit_log', details: { ...q, format } });
      const db = deps.db;
      return (async function* batches() {
        let after = 0;
        for (;;) {
          const rows = await db.select().from(auditLog).where(and(where, gt(auditLog.id, after))).orderBy(asc(auditLog.id)).limit(EXPORT_BATCH);
          if (rows.length === 0) return;
          yield rows.map(presented);
          after = rows[rows.length - 1].id;
          if (rows.length < EXPORT_BATCH) return;
        }
      })();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
