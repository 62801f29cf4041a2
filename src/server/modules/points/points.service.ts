// Learning points: district rules (versioned, every save audited), an append-only ledger per resident
// where each source earns once, and the resident's balance and history.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { isWithin } from '../../kernel/region-code';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { pointsRules, type PointsRules, type PointsRulesInput } from '../../../contracts/points';
import type { RegionsService } from '../regions/index';
import { DEFAULT_RULES, districtOf, pointsFor, type PointsReason } from './points.rules';
import type { LedgerRow, PointsRepository, RuleVersionRow } from './points.repository';

export interface PointsAward {
  residentId: string;
  reason: PointsReason;
  sourceType: string;
  sourceId: string;
  title: string;
  /** Where it happened: the rules of this region's district apply. */
  regionCode: string;
  hours?: number;
  occurredAt: Date;
}

const presentEntry = (r: LedgerRow) => ({
  id: r.id,
  points: r.points,
  reason: r.reason,
  sourceType: r.sourceType,
  sourceId: r.sourceId,
  title: r.title,
  hours: (r.details as { hours?: number } | null)?.hours ?? null,
  occurredAt: r.occurredAt.toISOString(),
});

const presentRules = (regionCode: string, row: RuleVersionRow | null) => ({
  region: regionCode,
  version: row?.version ?? 0,
  rules: row ? pointsRules.parse(row.rules) : DEFAULT_RULES,
  note: row?.note ?? null,
  createdAt: row?.createdAt.toISOString() ?? null,
  isDefault: !row,
});

export function createPointsService(deps: { db: Db; repo: PointsRepository; clock: Clock; audit: AuditWriter; regions: RegionsService }) {
  const { repo, clock } = deps;

  /** Region administrators of the district (or above it) keep its rules. */
  function requireRulesEditor(ctx: RequestContext, district: string) {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const a = ctx.actor;
    if (!isStaff(a)) throw new Forbidden('auth.forbidden');
    if (a.role === 'system_admin') return a;
    if (a.role !== 'region_admin') throw new Forbidden('auth.forbidden');
    if (!isWithin(district, a.regionCodes)) throw new NotFound('region.not_found');
    return a;
  }

  async function district(code: string) {
    const region = await deps.regions.require(code, 'region');
    if (region.level !== 'district') throw new NotFound('region.not_found');
    return region.code;
  }

  return {
    /**
     * Earns the points of one source inside the caller's transaction, under the current rules of the
     * district where it happened. A source that already earned changes nothing and returns null.
     */
    async award(tx: DbOrTx, a: PointsAward) {
      const rules = await repo.currentRules(tx, districtOf(a.regionCode));
      const applied: PointsRules = rules ? pointsRules.parse(rules.rules) : DEFAULT_RULES;
      const points = pointsFor(applied, a.reason, a.hours ?? 0);
      if (points <= 0) return null;
      const row = await repo.appendOnce(tx, {
        id: newId(),
        residentId: a.residentId,
        points,
        reason: a.reason,
        sourceType: a.sourceType,
        sourceId: a.sourceId,
        title: a.title,
        details: { hours: a.hours ?? null, rules: applied, ruleVersion: rules?.version ?? 0 },
        ruleVersionId: rules?.id ?? null,
        occurredAt: a.occurredAt,
      });
      return row ? presentEntry(row) : null;
    },

    /** Public: what a district's residents earn for what (residents ask before they start). */
    async rules(code: string) {
      const d = await district(code);
      return presentRules(d, await repo.currentRules(deps.db, d));
    },

    async ruleVersions(ctx: RequestContext, code: string, q: PageRequest) {
      const d = await district(code);
      requireRulesEditor(ctx, d);
      const { rows, total } = await repo.ruleVersions(d, q.pageSize, offsetOf(q));
      return pageOf(
        q,
        rows.map((r) => presentRules(d, r)),
        total,
      );
    },

    /** Saves the district's rules as a new version (entries already earned keep the version they used). */
    async saveRules(ctx: RequestContext, input: PointsRulesInput & { expectedVersion?: number }) {
      const d = await district(input.region);
      const actor = requireRulesEditor(ctx, d);
      const { region: _r, note, ...rules } = input;
      return deps.db.transaction(async (tx) => {
        const current = await repo.currentRules(tx, d);
        if (input.expectedVersion !== undefined && input.expectedVersion !== (current?.version ?? 0)) throw new Conflict('conflict.stale');
        const row = await repo.insertVersion(tx, {
          id: newId(),
          regionCode: d,
          version: (current?.version ?? 0) + 1,
          rules: pointsRules.parse(rules),
          note: note || null,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        if (!row) throw new Conflict('conflict.stale');
        await deps.audit(tx, ctx, {
          action: 'points.rules.save',
          entityType: 'points_rules',
          entityId: row.id,
          regionCode: d,
          details: { version: row.version, before: current?.rules ?? DEFAULT_RULES, after: row.rules, note },
        });
        return presentRules(d, row);
      });
    },

    /** The resident's balance and history, newest first. */
    async mine(ctx: RequestContext, q: PageRequest) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      if (ctx.actor.kind !== 'resident') throw new Forbidden('auth.forbidden');
      const { rows, total, balance } = await repo.ledger(ctx.actor.userId, q.pageSize, offsetOf(q));
      return { balance, ...pageOf(q, rows.map(presentEntry), total) };
    },

    async mineBySources(ctx: RequestContext, sourceIds: string[]) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      if (ctx.actor.kind !== 'resident') throw new Forbidden('auth.forbidden');
      const found = await repo.bySources(ctx.actor.userId, sourceIds);
      return { items: found.map((r) => ({ sourceId: r.sourceId, points: Number(r.points) })) };
    },

    /** Points earned per source id for one resident (the archive shows them beside each record). */
    async bySources(residentId: string, sourceIds: string[]) {
      return new Map((await repo.bySources(residentId, sourceIds)).map((r) => [r.sourceId, Number(r.points)]));
    },
  };
}

export type PointsService = ReturnType<typeof createPointsService>;
