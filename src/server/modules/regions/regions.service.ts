// Regions are public reference data: anyone may read the tree; population figures are edited by
// region administrators within their scope.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import { NotFound, Forbidden, invalidField } from '../../kernel/errors';
import { normalizeRegionCode, type RegionLevel } from '../../kernel/region-code';
import { canManageRegion, isStaff, type RequestContext } from '../../kernel/actor';
import type { PageRequest, Page } from '../../kernel/pagination';
import { offsetOf, pageOf } from '../../kernel/pagination';
import type { RegionsRepository, RegionRow, PopulationRow } from './regions.repository';
import { CENSUS_YEAR, censusFigures } from './regions.seed';

export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parentCode: string | null;
  path: { code: string; name: string; level: string }[];
  population: { year: number; total: number; age60plus: number | null; source: string } | null;
  childCount: number;
  descendantCounts: { street: number; community: number };
  institutionCount: number;
}

function ancestorsOf(code: string): string[] {
  return [2, 4, 6, 9].filter((n) => n < code.length).map((n) => code.slice(0, n));
}

export function createRegionsService(deps: { db: Db; repo: RegionsRepository; audit: AuditWriter }) {
  const { repo } = deps;

  async function present(rows: RegionRow[]): Promise<RegionView[]> {
    const ancestorCodes = [...new Set(rows.flatMap((r) => ancestorsOf(r.code)))];
    const [ancestors, populations] = await Promise.all([repo.findMany(ancestorCodes), repo.latestPopulations(rows.map((r) => r.code))]);
    const byCode = new Map(ancestors.map((a) => [a.code, a]));
    return rows.map((r) => {
      const pop = populations.get(r.code);
      return {
        code: r.code,
        name: r.name,
        level: r.level as RegionLevel,
        kind: r.kind,
        parentCode: r.parentCode,
        path: ancestorsOf(r.code)
          .map((c) => byCode.get(c))
          .filter((a) => a !== undefined)
          .map((a) => ({ code: a.code, name: a.name, level: a.level })),
        population: pop ? { year: pop.year, total: pop.total, age60plus: pop.age60plus, source: pop.source } : null,
        childCount: Number(r.childCount),
        descendantCounts: { street: Number(r.streetCount), community: Number(r.communityCount) },
        institutionCount: Number(r.institutionCount),
      };
    });
  }

  /** Parses a code from the outside world; unknown or malformed codes are errors naming the field. */
  function parseCode(raw: string, field = 'code'): string {
    const code = normalizeRegionCode(raw);
    if (!code) throw invalidField(field, 'region.code_invalid');
    return code;
  }

  async function get(rawCode: string): Promise<RegionView> {
    const code = normalizeRegionCode(rawCode);
    const row = code ? await repo.find(code) : null;
    if (!row) throw new NotFound('region.not_found');
    return (await present([row]))[0];
  }

  /** A region that must exist, for other modules (institutions, residents, staff scopes). */
  async function requireRegion(rawCode: string, field: string): Promise<{ code: string; name: string; level: RegionLevel; parentCode: string | null }> {
    const code = parseCode(rawCode, field);
    const row = await repo.find(code);
    if (!row) throw invalidField(field, 'region.not_found');
    return { code: row.code, name: row.name, level: row.level as RegionLevel, parentCode: row.parentCode };
  }

  return {
    get,
    parseCode,

    async roots(): Promise<{ items: RegionView[] }> {
      return { items: await present(await repo.roots()) };
    },

    async children(rawCode: string, page: PageRequest, q?: string): Promise<Page<RegionView>> {
      const parent = await get(rawCode);
      const { rows, total } = await repo.children(parent.code, { limit: page.pageSize, offset: offsetOf(page) }, q);
      return pageOf(page, await present(rows), total);
    },

    require: requireRegion,

    /** A region that must exist and be a community or village: where a resident lives, a team meets, a nominee is put forward. */
    async requireCommunity(rawCode: string, field: string) {
      const region = await requireRegion(rawCode, field);
      if (region.level !== 'community') throw invalidField(field, 'region.not_community');
      return region;
    },

    names: (codes: string[]) => repo.findMany(codes),
    /** Each found region's name by its code, for answers that show where things are. */
    namesByCode: async (codes: string[]): Promise<Map<string, string>> => new Map((await repo.findMany(codes)).map((r) => [r.code, r.name])),
    descendantsAtLevel: (code: string, level: RegionLevel) => repo.descendantsAtLevel(code, level),

    /**
     * The 2020 census figures of an installation root (and a city's districts) next to what is stored for
     * 2020, for a re-import: `changed` where the stored figure is missing or differs. Reads only.
     */
    async censusPlan(rootCode: string) {
      const root = await repo.find(rootCode);
      if (!root) throw new NotFound('region.not_found');
      const districts = root.level === 'city' ? await repo.descendantsAtLevel(root.code, 'district') : [];
      const figures = censusFigures(
        root.code,
        districts.map((d) => d.code),
      );
      const codes = figures.map((f) => f.regionCode);
      const [stored, names] = await Promise.all([repo.populationsOfYear(codes, CENSUS_YEAR), repo.findMany(codes)]);
      return figures.map((f) => {
        const s = stored.get(f.regionCode);
        const before = s ? { total: s.total, age60plus: s.age60plus, source: s.source } : null;
        const changed = !before || before.total !== f.total || before.age60plus !== f.age60plus || before.source !== f.source;
        return {
          code: f.regionCode,
          name: names.find((n) => n.code === f.regionCode)?.name ?? f.regionCode,
          year: f.year,
          before,
          after: { total: f.total, age60plus: f.age60plus, source: f.source },
          changed,
        };
      });
    },

    /** Writes population figures in the caller's transaction (the caller authorizes and audits). */
    async writePopulations(tx: DbOrTx, rows: PopulationRow[]) {
      for (const row of rows) await repo.upsertPopulation(tx, row);
    },

    async setPopulation(ctx: RequestContext, rawCode: string, input: { year: number; total: number; age60plus: number | null; source: string }) {
      const region = await get(rawCode);
      if (!isStaff(ctx.actor) || !canManageRegion(ctx.actor, region.code)) throw new Forbidden('auth.forbidden');
      if (input.age60plus !== null && input.age60plus > input.total) throw invalidField('age60plus', 'validation.max', { max: input.total });
      const row: PopulationRow = { regionCode: region.code, ...input };
      await deps.db.transaction(async (tx) => {
        await repo.upsertPopulation(tx, row);
        await deps.audit(tx, ctx, {
          action: 'region.population.set',
          entityType: 'region',
          entityId: region.code,
          regionCode: region.code,
          details: { ...input },
        });
      });
      return get(region.code);
    },
  };
}

export type RegionsService = ReturnType<typeof createRegionsService>;
