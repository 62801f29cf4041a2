// Population per region and year: each region's own figure (census or reported by the street), its
// children's figures, and the difference between the children's total and the region's own.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import { requireStaff, type RequestContext } from '../../kernel/actor';
import { Forbidden } from '../../kernel/errors';
import { canAdministerMonitoring } from './monitoring.policy';
import type { RegionsService } from '../regions/index';
import type { IndicatorsService } from './indicators.service';
import type { MonitoringRepository } from './monitoring.repository';

type Figure = { year: number; total: number; age60plus: number | null; source: string } | null;

export function createPopulationService(deps: {
  db: Db;
  repo: MonitoringRepository;
  audit: AuditWriter;
  regions: RegionsService;
  indicators: IndicatorsService;
}) {
  /** Latest figure at or before `year` for each code. */
  async function figures(codes: string[], year: number): Promise<Map<string, Figure>> {
    const rows = await deps.repo.populationsAsOf(codes, year);
    return new Map(rows.map((r) => [r.code, { year: r.year, total: r.total, age60plus: r.age60plus, source: r.source }]));
  }

  return {
    /**
     * Re-imports the 2020 census figures (data/census-5places.json) of the installation's regions the caller
     * administers: the root's own and, for a city, its districts'. Only differing figures are written;
     * every import is audited with what changed, and a second import changes nothing. Figures reported
     * for streets and other years are left as they are.
     */
    async importCensus(ctx: RequestContext) {
      const actor = requireStaff(ctx);
      const roots = (await deps.regions.roots()).items.filter((r) => canAdministerMonitoring(actor, r.code));
      if (!roots.length) throw new Forbidden('auth.forbidden');
      const items = (await Promise.all(roots.map((r) => deps.regions.censusPlan(r.code)))).flat();
      const changed = items.filter((i) => i.changed);
      await deps.db.transaction(async (tx) => {
        await deps.regions.writePopulations(
          tx,
          changed.map((i) => ({ regionCode: i.code, year: i.year, ...i.after })),
        );
        for (const r of roots) {
          await deps.audit(tx, ctx, {
            action: 'population.census_import',
            entityType: 'region',
            entityId: r.code,
            regionCode: r.code,
            details: { year: 2020, changed: changed.filter((i) => i.code.startsWith(r.code)).map((i) => ({ code: i.code, before: i.before, after: i.after })) },
          });
        }
      });
      return { items, changed: changed.length };
    },

    async overview(ctx: RequestContext, rawRegion: string, year: number) {
      const actor = requireStaff(ctx);
      const region = await deps.indicators.visibleRegion(actor, rawRegion);
      const children = (await deps.regions.children(region.code, { page: 1, pageSize: 200 })).items;
      const f = await figures([region.code, ...children.map((c) => c.code)], year);
      const reported = children.filter((c) => f.get(c.code));
      const sum = reported.reduce((s, c) => s + f.get(c.code)!.total, 0);
      const sum60 = reported.reduce((s, c) => s + (f.get(c.code)!.age60plus ?? 0), 0);
      const own = f.get(region.code) ?? null;
      return {
        region: { code: region.code, name: region.name, level: region.level },
        year,
        own,
        children: children.map((c) => ({ code: c.code, name: c.name, level: c.level, figure: f.get(c.code) ?? null })),
        childrenReported: reported.length,
        childrenTotal: children.length,
        childrenSum: { total: sum, age60plus: sum60 },
        difference: own
          ? {
              total: sum - own.total,
              age60plus: own.age60plus === null ? null : sum60 - own.age60plus,
              percent: own.total ? ((sum - own.total) / own.total) * 100 : null,
            }
          : null,
      };
    },
  };
}

export type PopulationService = ReturnType<typeof createPopulationService>;
