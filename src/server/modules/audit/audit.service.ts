// Browsing the audit trail, scoped like everything else: a street administrator sees entries about
// their street, a system administrator sees all.
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/index';
import { isStaff, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Forbidden, Unauthenticated } from '../../kernel/errors';
import { offsetOf, type PageRequest } from '../../kernel/pagination';
import { normalizeRegionCode } from '../../kernel/region-code';
import { PHONE_PATTERN, maskPhone } from '../../kernel/mask';

export interface AuditQuery extends PageRequest { actor?: string; action?: string; entityType?: string; region?: string; from?: string; to?: string }

// A resident's username is their phone: the trail shows it masked, like every other staff view of residents
// (searching by the full phone still works, through the `actor` filter).
const shownActor = (name: string | null) => (name && PHONE_PATTERN.test(name) ? maskPhone(name) : name);

export function createAuditService(deps: { db: Db }) {
  return {
    async list(ctx: RequestContext, q: AuditQuery) {
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
      const where = conds.length ? and(...conds) : undefined;
      const rows = await deps.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.pageSize).offset(offsetOf(q));
      const [{ n }] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
      return {
        items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorId: r.actorId, actorName: shownActor(r.actorName), action: r.action, entityType: r.entityType, entityId: r.entityId, regionCode: r.regionCode, ip: r.ip, details: r.details })),
        total: Number(n), page: q.page, pageSize: q.pageSize,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
