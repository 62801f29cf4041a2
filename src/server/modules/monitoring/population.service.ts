// Population per region and year: each region's own figure (census or reported by the street), its
// children's figures, and the difference between the children's total and the region's own.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../kernel/actor';
import { rowsOf } from '../../kernel/rate-limit';
import type { RegionsService } from '../regions/index';
import type { IndicatorsService } from './indicators.service';

type Figure = { year: number; total: number; age60plus: number | null; source: string } | null;

export function createPopulationService(deps: { db: Db; regions: RegionsService; indicators: IndicatorsService }) {
  /** Latest figure at or before `year` for each code (region_populations is the regions module's table, read-only here). */
  async function figures(codes: string[], year: number): Promise<Map<string, Figure>> {
    if (!codes.length) return new Map();
    const rows = rowsOf<{ code: string; year: number; total: number; age60plus: number | null; source: string }>(await deps.db.execute(sql`
      select distinct on (region_code) region_code as code, year::int as year, total::int as total, age_60_plus::int as "age60plus", source
      from region_populations where region_code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) and year <= ${year}
      order by region_code, year desc`));
    return new Map(rows.map((r) => [r.code, { year: r.year, total: r.total, age60plus: r.age60plus, source: r.source }]));
  }

  return {
    async overview(ctx: RequestContext, rawRegion: string, year: number) {
      const actor = deps.indicators.requireStaff(ctx);
      const region = await deps.indicators.visibleRegion(actor, rawRegion);
      const children = (await deps.regions.children(region.code, { page: 1, pageSize: 200 })).items;
      const f = await figures([region.code, ...children.map((c) => c.code)], year);
      const reported = children.filter((c) => f.get(c.code));
      const sum = reported.reduce((s, c) => s + f.get(c.code)!.total, 0);
      const sum60 = reported.reduce((s, c) => s + (f.get(c.code)!.age60plus ?? 0), 0);
      const own = f.get(region.code) ?? null;
      return {
        region: { code: region.code, name: region.name, level: region.level }, year, own,
        children: children.map((c) => ({ code: c.code, name: c.name, level: c.level, figure: f.get(c.code) ?? null })),
        childrenReported: reported.length, childrenTotal: children.length,
        childrenSum: { total: sum, age60plus: sum60 },
        difference: own ? { total: sum - own.total, age60plus: own.age60plus === null ? null : sum60 - own.age60plus, percent: own.total ? ((sum - own.total) / own.total) * 100 : null } : null,
      };
    },
  };
}

export type PopulationService = ReturnType<typeof createPopulationService>;
