// Browsing the audit trail, scoped like everything else: a street administrator sees entries about
// their street, a system administrator sees all.
import type { Db } from '../../db/client';
import { isStaff, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Forbidden, Unauthenticated, invalidField } from '../../kernel/errors';
import type { AuditWriter } from '../../kernel/audit';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { normalizeRegionCode } from '../../kernel/region-code';
import { PHONE_PATTERN, maskPhone } from '../../kernel/mask';
import type { AuditFilter, AuditRepository, AuditRow } from './audit.repository';

export interface AuditQuery extends PageRequest {
  actor?: string;
  action?: string;
  entityType?: string;
  region?: string;
  from?: string;
  to?: string;
}

// A resident's username is their phone: the trail shows it masked, like every other staff view of residents
// (searching by the full phone still works, through the `actor` filter).
const shownActor = (name: string | null) => (name && PHONE_PATTERN.test(name) ? maskPhone(name) : name);

export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;
const presented = (r: AuditRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorName: shownActor(r.actorName),
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  regionCode: r.regionCode,
  ip: r.ip,
  details: r.details,
});
export type PresentedAuditEntry = ReturnType<typeof presented>;

const EXPORT_BATCH = 1000;
const MAX_EXPORT_DAYS = 366;

export function createAuditService(deps: { db: Db; repo: AuditRepository; audit: AuditWriter }) {
  const { repo } = deps;

  /** Administrators only; a region administrator reads entries about their regions and their own actions. */
  function filterOf(ctx: RequestContext, q: AuditFilters): AuditFilter {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor) || (ctx.actor.role !== 'system_admin' && ctx.actor.role !== 'region_admin')) throw new Forbidden('auth.forbidden');
    return {
      roots: visibleRegionRoots(ctx.actor),
      readerId: ctx.actor.userId,
      region: q.region ? normalizeRegionCode(q.region) : null,
      actorName: q.actor,
      actionPrefix: q.action,
      entityType: q.entityType,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    };
  }

  return {
    async list(ctx: RequestContext, q: AuditQuery) {
      const { rows, total } = await repo.page(filterOf(ctx, q), q.pageSize, offsetOf(q));
      return pageOf(q, rows.map(presented), total);
    },

    /**
     * The trail of a date range for the assessor, oldest first, in batches (never the whole table in memory).
     * The export itself is audited before the first row is read, so it appears in the next one.
     */
    async export(ctx: RequestContext, q: AuditFilters & { from: string; to: string }, format: 'csv' | 'xlsx'): Promise<AsyncIterable<PresentedAuditEntry[]>> {
      const filter = filterOf(ctx, q);
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (to < from) throw invalidField('to', 'audit.range_order');
      if (to.getTime() - from.getTime() > MAX_EXPORT_DAYS * 86_400_000) throw invalidField('to', 'audit.range_too_long', { days: MAX_EXPORT_DAYS });
      await deps.audit(deps.db, ctx, { action: 'audit_log.export', entityType: 'audit_log', details: { ...q, format } });
      return (async function* batches() {
        let after = 0;
        for (;;) {
          const rows = await repo.batchAfter(filter, after, EXPORT_BATCH);
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
