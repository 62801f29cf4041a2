// Named queries: how a `computed` indicator gets its value from the platform's own records, for every
// region of a subtree at once (one SQL statement per query, rolled up the code prefixes in memory).
// Other modules register theirs (courses.attendance_rate, creditbank.recognition_rate, …) through
// `monitoring.queries.register`; an indicator whose query nobody registered yet reads "no data".
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../kernel/rate-limit';
import { localTime } from '../../../contracts/local-time';

export interface RegionNode {
  code: string;
  level: string;
}
export interface QueryContext {
  db: Db;
  rootCode: string;
  year: number;
  now: Date;
  nodes: RegionNode[];
}
export type QueryValue = { value: number | null; detail?: Record<string, unknown> };
export interface NamedQuery {
  description: string;
  run(c: QueryContext): Promise<Map<string, QueryValue>>;
}

const PREFIXES = [2, 4, 6, 9, 12];
/** The LIKE pattern of every code under a region. */
export const like = (root: string) => root + '%';
/** A figure as the driver returns it (a count may come as text, a missing one as null) as a number. */
export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
/** Rows of a per-region figure `a` ready for sumsOf. */
export const summed = (r: { code: string; a: unknown }[]) => r.map((x) => ({ code: x.code, a: num(x.a) }));
/** Rows of a per-region share (`a` of `b`) ready for ratesOf. */
export const counted = (r: { code: string; a: unknown; b: unknown }[]) => r.map((x) => ({ code: x.code, a: num(x.a), b: num(x.b) }));

/** Adds each row's figures to its region and every ancestor that is a node. */
function rollup(nodes: RegionNode[], rows: { code: string; a: number; b?: number }[]) {
  const codes = new Set(nodes.map((n) => n.code));
  const sums = new Map<string, { a: number; b: number }>();
  for (const r of rows) {
    for (const n of PREFIXES) {
      if (n > r.code.length) break;
      const p = r.code.slice(0, n);
      if (!codes.has(p)) continue;
      const s = sums.get(p) ?? { a: 0, b: 0 };
      s.a += r.a;
      s.b += r.b ?? 0;
      sums.set(p, s);
    }
  }
  return sums;
}

/** A sum over the subtree; regions with nothing under them read 0. */
export function sumsOf(nodes: RegionNode[], rows: { code: string; a: number }[], levels?: string[]): Map<string, QueryValue> {
  const sums = rollup(nodes, rows);
  return new Map(nodes.filter((n) => !levels || levels.includes(n.level)).map((n) => [n.code, { value: sums.get(n.code)?.a ?? 0 }]));
}

/** A share in percent (a of b; `scale` 1 for a plain ratio) over the subtree; null where there is nothing to count. */
export function ratesOf(nodes: RegionNode[], rows: { code: string; a: number; b: number }[], levels?: string[], scale = 100): Map<string, QueryValue> {
  const sums = rollup(nodes, rows);
  const out = new Map<string, QueryValue>();
  for (const n of nodes) {
    if (levels && !levels.includes(n.level)) continue;
    const s = sums.get(n.code);
    out.set(
      n.code,
      s && s.b > 0 ? { value: (s.a / s.b) * scale, detail: { numerator: s.a, denominator: s.b } } : { value: null, detail: { numerator: 0, denominator: 0 } },
    );
  }
  return out;
}

export async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(q));
}

/** `q`'s per-region figure (`code`, `a`) summed over the subtree, as sumsOf does. */
export async function sumOver(c: QueryContext, q: ReturnType<typeof sql>, levels?: string[]): Promise<Map<string, QueryValue>> {
  return sumsOf(c.nodes, summed(await rows<{ code: string; a: unknown }>(c.db, q)), levels);
}

/** `q`'s per-region share (`code`, `a` of `b`) over the subtree, as ratesOf gives it. */
export async function rateOver(c: QueryContext, q: ReturnType<typeof sql>, levels?: string[], scale = 100): Promise<Map<string, QueryValue>> {
  return ratesOf(c.nodes, counted(await rows<{ code: string; a: unknown; b: unknown }>(c.db, q)), levels, scale);
}

/** Latest population at or before the year, per region (each region's own figure, never summed). */
export async function populations(c: QueryContext) {
  return rows<{ code: string; year: number; total: number; age60plus: number | null; source: string }>(
    c.db,
    sql`
    select distinct on (region_code) region_code as code, year::int as year, total::int as total, age_60_plus::int as "age60plus", source
    from region_populations where region_code like ${like(c.rootCode)} and year <= ${c.year}
    order by region_code, year desc`,
  );
}

async function perRegionInstitutions(c: QueryContext, types: string[] | null, expr: ReturnType<typeof sql>, where = sql`true`) {
  const typeFilter = types
    ? sql`and type in (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  return summed(
    await rows<{ code: string; a: number }>(
      c.db,
      sql`
    select region_code as code, (${expr})::float8 as a from institutions
    where region_code like ${like(c.rootCode)} and status = 'active' ${typeFilter} and ${where} group by region_code`,
    ),
  );
}

const STREET_SCHOOL_TYPES = ['street_branch', 'community_school'];

async function streetSchoolStaff(c: QueryContext) {
  const r = await perRegionInstitutions(c, STREET_SCHOOL_TYPES, sql`sum(full_time_staff)`, sql`length(region_code) = 9`);
  return new Map(r.map((x) => [x.code, x.a]));
}

export function builtInQueries(): Record<string, NamedQuery> {
  return {
    'population.total': {
      description: '常住人口（各区域自身的最近一次人口数，不汇总下级）',
      async run(c) {
        return new Map((await populations(c)).map((p) => [p.code, { value: p.total, detail: { year: p.year, source: p.source } }]));
      },
    },
    'population.age60plus': {
      description: '60 岁及以上常住人口',
      async run(c) {
        return new Map(
          (await populations(c)).filter((p) => p.age60plus !== null).map((p) => [p.code, { value: p.age60plus, detail: { year: p.year, source: p.source } }]),
        );
      },
    },
    'institutions.full_time_staff': {
      description: '辖区内在办机构的专职人员合计',
      run: async (c) => sumsOf(c.nodes, await perRegionInstitutions(c, null, sql`sum(full_time_staff)`)),
    },
    'institutions.part_time_staff': {
      description: '辖区内在办机构的兼职人员（含志愿者）合计',
      run: async (c) => sumsOf(c.nodes, await perRegionInstitutions(c, null, sql`sum(part_time_staff)`)),
    },
    'institutions.street_school_staff': {
      description: '街道一级社区学校、街道分院的专职人员合计（没有街道社区学校的街道无此数据：缺的是学校，不是人员）',
      async run(c) {
        const staff = await streetSchoolStaff(c);
        return new Map(c.nodes.filter((n) => n.level === 'street' && staff.has(n.code)).map((n) => [n.code, { value: staff.get(n.code)! }]));
      },
    },
    'institutions.street_school_floor_area': {
      description: '街道一级社区学校的用房面积合计（平方米；没有街道社区学校的街道无此数据）',
      async run(c) {
        const r = await perRegionInstitutions(c, ['community_school'], sql`sum(coalesce(floor_area_m2, 0))`, sql`length(region_code) = 9`);
        const area = new Map(r.map((x) => [x.code, x.a]));
        return new Map(c.nodes.filter((n) => n.level === 'street' && area.has(n.code)).map((n) => [n.code, { value: area.get(n.code)! }]));
      },
    },
    'institutions.learning_point_staff': {
      description: '社区教学点（学习点）工作人员合计，各级汇总；没有教学点的区域无此数据（缺的是教学点，不是人员）',
      async run(c) {
        const r = await rows<{ code: string; a: number; b: number }>(
          c.db,
          sql`
          select region_code as code, sum(full_time_staff + part_time_staff)::int as a, count(*)::int as b
          from institutions where region_code like ${like(c.rootCode)} and status = 'active' and type = 'learning_point' group by region_code`,
        );
        const sums = rollup(c.nodes, counted(r));
        return new Map(
          c.nodes.filter((n) => (sums.get(n.code)?.b ?? 0) > 0).map((n) => [n.code, { value: sums.get(n.code)!.a, detail: { points: sums.get(n.code)!.b } }]),
        );
      },
    },
    'institutions.street_school_staff_rate': {
      description: '专职人员达到 max(3, 常住人口×0.01%) 的街道占有街道社区学校的街道之比',
      async run(c) {
        const [staff, pops] = [await streetSchoolStaff(c), new Map((await populations(c)).map((p) => [p.code, p.total]))];
        const streets = c.nodes.filter((n) => n.level === 'street' && staff.has(n.code));
        const r = streets.map((s) => ({ code: s.code, a: staff.get(s.code)! >= Math.max(3, Math.ceil((pops.get(s.code) ?? 0) * 0.0001)) ? 1 : 0, b: 1 }));
        return ratesOf(c.nodes, r, ['city', 'district', 'street']);
      },
    },
    'institutions.teaching_point_staffed_rate': {
      description: '有工作人员的教学点占教学点之比',
      async run(c) {
        return rateOver(
          c,
          sql`
          select region_code as code, count(*) filter (where full_time_staff + part_time_staff >= 1)::int as a, count(*)::int as b
          from institutions where region_code like ${like(c.rootCode)} and status = 'active' and type = 'learning_point' group by region_code`,
        );
      },
    },
    'institutions.street_school_area_rate': {
      description: '用房不少于 500 平方米的街道社区学校占比',
      async run(c) {
        return rateOver(
          c,
          sql`
          select region_code as code, count(*) filter (where coalesce(floor_area_m2, 0) >= 500)::int as a, count(*)::int as b
          from institutions where region_code like ${like(c.rootCode)} and status = 'active' and type = 'community_school' and length(region_code) = 9 group by region_code`,
          ['city', 'district', 'street'],
        );
      },
    },
    'coverage.street_school_rate': {
      description: '有社区学校的街道（乡镇）占比',
      run: (c) => coverageRate(c, 'street', ['community_school'], 9),
    },
    'coverage.community_point_rate': {
      description: '有教学点的社区（村）占比',
      run: (c) => coverageRate(c, 'community', ['learning_point'], 12),
    },
    'coverage.street_elderly_school_rate': {
      description: '有老年学校的街道（乡镇）占比',
      run: (c) => coverageRate(c, 'street', ['elderly_school'], 9),
    },
    'coverage.community_elderly_point_rate': {
      description: '有老年学习点的社区（村）占比',
      run: (c) => coverageRate(c, 'community', ['elderly_school'], 12),
    },
    'institutions.elderly_university_count': {
      description: '在办老年大学数',
      run: async (c) => sumsOf(c.nodes, await perRegionInstitutions(c, ['elderly_university'], sql`count(*)`), ['city', 'district']),
    },
    'residents.registered': {
      description: '在平台注册的居民数（按居住社区）',
      async run(c) {
        return sumOver(
          c,
          sql`
          select home_region_code as code, count(*)::int as a from residents
          where home_region_code like ${like(c.rootCode)} and created_at < ${localTime.startOfYear(c.year + 1).toISOString()} group by home_region_code`,
        );
      },
    },
    'reporting.on_time_rate': {
      description: '截止日已过的填报任务中按期提交的单位占比',
      async run(c) {
        return rateOver(
          c,
          sql`
          select a.region_code as code,
            count(*) filter (where a.first_submitted_at is not null and a.first_submitted_at <= t.deadline)::int as a, count(*)::int as b
          from form_assignments a join form_tasks t on t.id = a.task_id
          where a.region_code like ${like(c.rootCode)} and left(t.period, 4) = ${String(c.year)} and t.deadline <= ${c.now.toISOString()}
          group by a.region_code`,
          ['city', 'district', 'street'],
        );
      },
    },
    'reporting.completeness_rate': {
      description: '已通过审核的填报中必填字段非空的比例',
      async run(c) {
        const r = await rows<{ code: string; fields: { key: string; required: boolean }[]; values: Record<string, unknown> }>(
          c.db,
          sql`
          select a.region_code as code, t.fields, a.accepted_values as values
          from form_assignments a join form_tasks t on t.id = a.task_id
          where a.region_code like ${like(c.rootCode)} and left(t.period, 4) = ${String(c.year)} and a.status = 'accepted'`,
        );
        const shares = r.map((x) => {
          const required = x.fields.filter((f) => f.required);
          return { code: x.code, a: required.filter((f) => x.values?.[f.key] !== null && x.values?.[f.key] !== undefined).length, b: required.length };
        });
        return ratesOf(c.nodes, shares, ['city', 'district', 'street']);
      },
    },
  };
}

async function coverageRate(c: QueryContext, level: 'street' | 'community', types: string[], prefix: number) {
  const covered = new Set(
    (
      await rows<{ code: string }>(
        c.db,
        sql`
    select distinct left(region_code, ${prefix}) as code from institutions
    where region_code like ${like(c.rootCode)} and status = 'active' and length(region_code) >= ${prefix} and type in (${sql.join(
      types.map((t) => sql`${t}`),
      sql`, `,
    )})`,
      )
    ).map((r) => r.code),
  );
  const units = c.nodes.filter((n) => n.level === level).map((n) => ({ code: n.code, a: covered.has(n.code) ? 1 : 0, b: 1 }));
  return ratesOf(c.nodes, units, level === 'street' ? ['city', 'district', 'street'] : ['city', 'district', 'street', 'community']);
}

export function createQueryRegistry() {
  const queries = new Map<string, NamedQuery>(Object.entries(builtInQueries()));
  return {
    /** For other modules: adds (or replaces) the named query an indicator refers to. */
    register(name: string, q: NamedQuery) {
      queries.set(name, q);
    },
    get: (name: string) => queries.get(name) ?? null,
    list: () => [...queries.entries()].map(([name, q]) => ({ name, description: q.description })),
  };
}

export type QueryRegistry = ReturnType<typeof createQueryRegistry>;
