// The learning archive: every module that sees a resident learn (classes, events, online resources,
// partner platforms, recognition) records it here, exactly once per source; residents read their own
// archive, staff the archives of residents in their regions, and the credit bank listens for new records.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, requireResident, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { isWithin } from '../../kernel/region-code';
import { newId } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { ManualRecordInput } from '../../../contracts/archive';
import type { SOURCE_TYPES, OUTCOMES } from '../../../contracts/archive';
import type { ResidentsService } from '../accounts/index';
import type { CategoriesService } from '../categories/index';
import type { ArchiveRepository, LearningRecordRow } from './archive.repository';
import { localTime } from '../../../contracts/local-time';

export interface LearningEvent {
  residentId: string;
  sourceType: (typeof SOURCE_TYPES)[number];
  /** Stable id of what was learned (class id, event session id, statement id …): the record is kept once per resident and source. */
  sourceId: string;
  title: string;
  categoryCode?: string | null;
  hours: number;
  outcome: (typeof OUTCOMES)[number];
  provider?: string | null;
  occurredAt: Date;
  recordedBy?: string | null;
  details?: Record<string, unknown>;
}

export type RecordListener = (tx: DbOrTx, record: LearningRecordRow) => Promise<void>;

const present = (r: LearningRecordRow) => ({
  id: r.id,
  residentId: r.residentId,
  sourceType: r.sourceType,
  sourceId: r.sourceId,
  title: r.title,
  categoryCode: r.categoryCode,
  hours: Number(r.hours),
  outcome: r.outcome,
  provider: r.provider,
  regionCode: r.regionCode,
  occurredAt: r.occurredAt.toISOString(),
  recordedAt: r.recordedAt.toISOString(),
});

export function createArchiveService(deps: {
  db: Db;
  repo: ArchiveRepository;
  clock: Clock;
  audit: AuditWriter;
  residents: ResidentsService;
  categories: CategoriesService;
}) {
  const { repo, clock } = deps;
  const listeners: RecordListener[] = [];

  /**
   * Records a learning event inside the caller's transaction. Returns the new record, or null when this
   * resident already has one for this source (a repeated or concurrent report changes nothing).
   */
  async function record(tx: DbOrTx, event: LearningEvent) {
    const profile = (await deps.residents.profiles([event.residentId], tx)).get(event.residentId);
    if (!profile) throw new NotFound('resident.not_found');
    const row = await repo.insertOnce(tx, {
      id: newId(),
      residentId: event.residentId,
      sourceType: event.sourceType,
      sourceId: event.sourceId,
      title: event.title,
      categoryCode: event.categoryCode ?? null,
      hours: event.hours.toFixed(1),
      outcome: event.outcome,
      provider: event.provider ?? null,
      regionCode: profile.homeRegionCode,
      occurredAt: event.occurredAt,
      recordedAt: clock.now(),
      recordedBy: event.recordedBy ?? null,
      details: event.details ?? null,
    });
    if (row) for (const listener of listeners) await listener(tx, row);
    return row ? present(row) : null;
  }

  /** Staff who look after residents' records: region administrators in their regions, and the credit bank. */
  function staffRoots(ctx: RequestContext): string[] | 'all' {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const actor = ctx.actor;
    if (!isStaff(actor) || !['system_admin', 'region_admin', 'credit_bank_officer', 'leader'].includes(actor.role ?? '')) throw new Forbidden('auth.forbidden');
    return visibleRegionRoots(actor);
  }

  const service = {
    record,
    onRecorded: (listener: RecordListener) => void listeners.push(listener),

    async mine(ctx: RequestContext, q: PageRequest & { sourceType?: string }) {
      const actor = requireResident(ctx);
      const filter = { residentId: actor.userId, sourceType: q.sourceType };
      const [{ rows, total }, cells, categoryNames] = await Promise.all([
        repo.list(filter, q.pageSize, offsetOf(q)),
        repo.residentTotals(actor.userId),
        service.categoryNames(ctx.locale),
      ]);
      // One read gives both views: by source and category (all years), and by year and category.
      const sum = <K extends string>(keyOf: (c: (typeof cells)[number]) => K) => {
        const out = new Map<K, { records: number; hours: number; cell: (typeof cells)[number] }>();
        for (const c of cells) {
          const k = keyOf(c);
          const e = out.get(k) ?? { records: 0, hours: 0, cell: c };
          e.records += c.records;
          e.hours += c.hours;
          out.set(k, e);
        }
        return [...out.values()];
      };
      const byCode = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
      const groups = sum((c) => `${c.sourceType}|${c.categoryCode ?? ''}`)
        .map((g) => ({ sourceType: g.cell.sourceType, categoryCode: g.cell.categoryCode, records: g.records, hours: g.hours, learners: 1 }))
        .sort((a, b) => (a.sourceType === b.sourceType ? byCode(a.categoryCode, b.categoryCode) : a.sourceType < b.sourceType ? -1 : 1));
      const years = sum((c) => `${c.year}|${c.categoryCode ?? ''}`)
        .map((y) => ({ year: y.cell.year, categoryCode: y.cell.categoryCode, records: y.records, hours: y.hours }))
        .sort((a, b) => (a.year === b.year ? byCode(a.categoryCode, b.categoryCode) : b.year - a.year));
      const byYear = [...new Set(years.map((y) => y.year))].map((year) => {
        const of = years.filter((y) => y.year === year);
        return {
          year,
          records: of.reduce((n, y) => n + y.records, 0),
          hours: of.reduce((n, y) => n + y.hours, 0),
          byCategory: of.map((y) => ({
            categoryCode: y.categoryCode,
            name: y.categoryCode ? (categoryNames.get(y.categoryCode) ?? y.categoryCode) : null,
            records: y.records,
            hours: y.hours,
          })),
        };
      });
      return {
        ...pageOf(q, rows.map(present), total),
        totals: {
          records: groups.reduce((n, g) => n + g.records, 0),
          hours: groups.reduce((n, g) => n + g.hours, 0),
          byCategory: groups.filter((g) => g.categoryCode),
          byYear,
        },
      };
    },

    async categoryNames(locale: string) {
      return new Map((await deps.categories.list({ includeInactive: true })).items.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh]));
    },

    /** The resident's whole archive, oldest first, in batches (the Excel download). */
    exportMine(ctx: RequestContext) {
      const actor = requireResident(ctx);
      return repo.allOf(actor.userId);
    },

    async list(ctx: RequestContext, q: PageRequest & { residentId?: string; region?: string; sourceType?: string; from?: string; to?: string }) {
      const roots = staffRoots(ctx);
      let regionRoots = roots === 'all' ? null : roots;
      if (q.region) {
        if (regionRoots && !isWithin(q.region, regionRoots)) throw new NotFound('region.not_found');
        regionRoots = [q.region];
      }
      const { rows, total } = await repo.list(
        {
          residentId: q.residentId,
          regionRoots,
          sourceType: q.sourceType,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        },
        q.pageSize,
        offsetOf(q),
      );
      return pageOf(q, rows.map(present), total);
    },

    /** One record, for modules that act on it (certificates); callers authorize. */
    async find(id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await repo.find(id);
      return row ? present(row) : null;
    },

    /** Every record of a resident, newest first (a transcript). */
    async recordsOf(residentId: string) {
      const out: ReturnType<typeof present>[] = [];
      for (let offset = 0; ; offset += 500) {
        const { rows } = await repo.list({ residentId }, 500, offset);
        out.push(...rows.map(present));
        if (rows.length < 500) return out;
      }
    },

    /** Learners, records and hours under a region in a period: what monitoring counts as participation. */
    async statistics(regionCode: string, from: Date, to: Date) {
      return repo.totals({ regionRoots: [regionCode], from, to });
    },

    /**
     * Learners (distinct), records and hours in a local calendar year for a region and every
     * region under it — monitoring's participation indicators — read from the participation summary.
     */
    async statisticsByRegion(rootCode: string, year: number) {
      return repo.participationByRegion(rootCode, year);
    },

    /** The same figures counted from the records themselves (checks the summary; scans the year's records). */
    recountByRegion: (rootCode: string, year: number) => repo.recountByRegion(rootCode, year),

    /** Rebuilds the participation summary from the records, for data loaded without `record` (benchmarks, imports). */
    rebuildParticipation: () => repo.rebuildParticipation(),

    /** Folds pending participation deltas into the communities' totals (scheduled every minute). */
    foldParticipation: () => repo.foldParticipationDeltas(),

    /** Staff record learning that happened off the platform for a resident who lives in their regions. */
    async addManual(ctx: RequestContext, input: ManualRecordInput) {
      const roots = staffRoots(ctx);
      if (ctx.actor!.role === 'leader') throw new Forbidden('auth.forbidden');
      const profile = (await deps.residents.profiles([input.residentId])).get(input.residentId);
      if (!profile || (roots !== 'all' && !isWithin(profile.homeRegionCode, roots))) throw invalidField('residentId', 'resident.not_found');
      if (input.categoryCode) await deps.categories.require(input.categoryCode, 'categoryCode');
      const occurredAt = localTime.startOfDay(input.occurredOn);
      if (Number.isNaN(occurredAt.getTime()) || occurredAt > clock.now()) throw invalidField('occurredOn', 'archive.future_date');
      return deps.db.transaction(async (tx) => {
        const created = await record(tx, {
          residentId: input.residentId,
          sourceType: 'manual',
          sourceId: newId(),
          title: input.title,
          categoryCode: input.categoryCode ?? null,
          hours: input.hours,
          outcome: input.outcome,
          provider: input.provider ?? null,
          occurredAt,
          recordedBy: ctx.actor!.userId,
        });
        await deps.audit(tx, ctx, {
          action: 'archive.add_manual',
          entityType: 'learning_record',
          entityId: created!.id,
          regionCode: profile.homeRegionCode,
          details: { ...input },
        });
        return created!;
      });
    },
  };
  return service;
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
