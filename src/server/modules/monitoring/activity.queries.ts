// Named queries answered by what residents do on the platform: learning teams, online learning, classes
// and their enrolments, attendance and ratings, the lifelong-learning week. Read-only views over the
// activity modules' tables (like the built-in institution and resident queries), one statement each,
// rolled up the region codes in memory. Each counts a local calendar year (contracts/local-time).
import { sql } from 'drizzle-orm';
import { yearBounds } from './participation.queries';
import {
  counted,
  like,
  num,
  populations,
  rateOver,
  ratesOf,
  rows,
  summed,
  sumOver,
  sumsOf,
  type NamedQuery,
  type QueryContext,
  type QueryValue,
} from './monitoring.queries';

const bounds = (c: QueryContext) => {
  const { from, to } = yearBounds(c.year);
  return { from: from.toISOString(), to: to.toISOString(), now: c.now.toISOString() };
};

/** Offerings residents could take part in: published or run to the end, never cancelled drafts. */
const LIVE = sql`o.status in ('published', 'finished')`;
/** Where smart-phone and computer courses sit in the shipped taxonomy (data/course-taxonomy.json). */
export const SMART_TECH_CATEGORY = 'XINXI';
/** A lifelong-learning week is a campaign named so (the seeds' 全民终身学习活动周). */
const LEARNING_WEEK = '%终身学习活动周%';

export function activityQueries(): Record<string, NamedQuery> {
  return {
    'organisations.count': {
      description: '学习型组织：在办的居民学习团队数（年末前成立）',
      async run(c) {
        const { to } = bounds(c);
        return sumOver(
          c,
          sql`
          select community_code as code, count(*)::int as a from learning_teams
          where community_code like ${like(c.rootCode)} and status = 'active' and created_at < ${to} group by community_code`,
        );
      },
    },
    'learning.online_minutes_per_learner': {
      description: '年内在线学习的分钟数 / 年内有在线学习的居民（按居住社区）',
      async run(c) {
        const { from, to } = bounds(c);
        return rateOver(
          c,
          sql`
          select r.home_region_code as code, sum(p.seconds_spent)::float8 / 60 as a, count(distinct p.user_id)::int as b
          from resource_progress p join residents r on r.user_id = p.user_id
          where r.home_region_code like ${like(c.rootCode)} and p.updated_at >= ${from} and p.updated_at < ${to} and p.seconds_spent > 0
          group by r.home_region_code`,
          undefined,
          1,
        );
      },
    },
    'courses.elderly_smart_tech_rate': {
      description: '年内结业智能技术类课程的 60 岁及以上居民 / 60 岁及以上常住人口 × 100',
      async run(c) {
        const { from, to } = bounds(c);
        const [done, pops] = await Promise.all([
          rows<{ code: string; a: number }>(
            c.db,
            sql`
            select r.home_region_code as code, count(distinct e.resident_id)::int as a
            from enrolments e join offerings o on o.id = e.offering_id join residents r on r.user_id = e.resident_id
            where r.home_region_code like ${like(c.rootCode)} and e.status = 'completed' and e.completed_at >= ${from} and e.completed_at < ${to}
              and o.category_code = ${SMART_TECH_CATEGORY} and ${c.year} - r.birth_year >= 60
            group by r.home_region_code`,
          ),
          populations(c),
        ]);
        const sums = sumsOf(c.nodes, summed(done));
        const pop60 = new Map(pops.filter((p) => p.age60plus !== null && p.age60plus > 0).map((p) => [p.code, p.age60plus as number]));
        return new Map(
          c.nodes
            .filter((n) => pop60.has(n.code))
            .map((n): [string, QueryValue] => {
              const a = sums.get(n.code)?.value ?? 0;
              return [n.code, { value: (a / pop60.get(n.code)!) * 100, detail: { numerator: a, denominator: pop60.get(n.code) } }];
            }),
        );
      },
    },
    'courses.digital_count': {
      description: '已发布的线上或线上线下结合课程数（按课程所属区域）',
      async run(c) {
        return sumOver(
          c,
          sql`
          select owner_region_code as code, count(*)::int as a from courses
          where owner_region_code like ${like(c.rootCode)} and status = 'published' and mode in ('online', 'blended')
            and published_at < ${bounds(c).to} group by owner_region_code`,
        );
      },
    },
    'courses.satisfaction_rate': {
      description: '年内评价中 4 星及以上的占比',
      async run(c) {
        const { from, to } = bounds(c);
        return rateOver(
          c,
          sql`
          select region_code as code, count(*) filter (where stars >= 4)::int as a, count(*)::int as b from ratings
          where region_code like ${like(c.rootCode)} and created_at >= ${from} and created_at < ${to} group by region_code`,
        );
      },
    },
    'courses.attendance_rate': {
      description: '年内已结束的课次中，报名学员的实到人次 / 应到人次（报名学员 × 课次）',
      async run(c) {
        const { from, to, now } = bounds(c);
        return rateOver(
          c,
          sql`
          select o.region_code as code, count(*) filter (where a.status = 'present')::int as a, count(*)::int as b
          from offering_sessions s join offerings o on o.id = s.offering_id
          join enrolments e on e.offering_id = o.id and e.status in ('enrolled', 'completed')
          left join session_attendance a on a.session_id = s.id and a.resident_id = e.resident_id
          where o.region_code like ${like(c.rootCode)} and ${LIVE} and o.kind = 'class' and s.status = 'scheduled'
            and s.starts_at >= ${from} and s.starts_at < ${to} and s.ends_at <= ${now}
          group by o.region_code`,
        );
      },
    },
    'courses.completion_rate': {
      description: '年内结束的班级中结业学员 / 报名学员',
      async run(c) {
        const { from, to, now } = bounds(c);
        return rateOver(
          c,
          sql`
          select o.region_code as code, count(*) filter (where e.status = 'completed')::int as a, count(*)::int as b
          from offerings o join enrolments e on e.offering_id = o.id and e.status in ('enrolled', 'completed')
          where o.region_code like ${like(c.rootCode)} and ${LIVE} and o.kind = 'class'
            and o.last_ends_at >= ${from} and o.last_ends_at < ${to} and o.last_ends_at <= ${now}
          group by o.region_code`,
        );
      },
    },
    'courses.fill_rate': {
      description: '年内开课的限额班级与活动：已占名额 / 名额；候补人数 / 名额见明细',
      async run(c) {
        const { from, to } = bounds(c);
        const r = await rows<{ code: string; a: number; b: number; w: number }>(
          c.db,
          sql`
          select o.region_code as code, sum(o.seats_taken)::int as a, sum(o.capacity)::int as b,
            sum((select count(*) from enrolments e where e.offering_id = o.id and e.status = 'waitlisted'))::int as w
          from offerings o
          where o.region_code like ${like(c.rootCode)} and ${LIVE} and o.capacity > 0 and o.first_starts_at >= ${from} and o.first_starts_at < ${to}
          group by o.region_code`,
        );
        const rates = ratesOf(c.nodes, counted(r));
        const waiting = sumsOf(
          c.nodes,
          r.map((x) => ({ code: x.code, a: num(x.w) })),
        );
        for (const [code, v] of rates) {
          const denominator = (v.detail?.denominator as number) ?? 0;
          const waitlisted = waiting.get(code)?.value ?? 0;
          v.detail = { ...v.detail, waitlisted, waitlistRate: denominator ? (waitlisted / denominator) * 100 : null };
        }
        return rates;
      },
    },
    'courses.category_coverage': {
      description: '年内开设的班级与活动覆盖的课程类别 / 启用的课程类别',
      async run(c) {
        const { from, to } = bounds(c);
        const [offered, categories] = await Promise.all([
          rows<{ code: string; category: string }>(
            c.db,
            sql`
            select distinct o.region_code as code, o.category_code as category from offerings o
            where o.region_code like ${like(c.rootCode)} and ${LIVE} and o.first_starts_at >= ${from} and o.first_starts_at < ${to}`,
          ),
          rows<{ code: string }>(c.db, sql`select code from course_categories where active`),
        ]);
        const active = new Set(categories.map((x) => x.code));
        const total = active.size;
        return new Map(
          c.nodes.map((node): [string, QueryValue] => {
            const cats = new Set(offered.filter((o) => o.code.startsWith(node.code) && active.has(o.category)).map((o) => o.category));
            return [node.code, total ? { value: (cats.size / total) * 100, detail: { numerator: cats.size, denominator: total } } : { value: null }];
          }),
        );
      },
    },
    'activities.learning_week_participations': {
      description: '全民终身学习活动周（以此命名的活动组）中各场次的实到人次',
      async run(c) {
        const { from, to } = bounds(c);
        const [weeks, r] = await Promise.all([
          rows<{ n: number }>(
            c.db,
            sql`select count(*)::int as n from campaigns
            where name like ${LEARNING_WEEK} and status = 'published' and starts_on >= ${`${c.year}-01-01`} and starts_on <= ${`${c.year}-12-31`}
              and (owner_region_code like ${like(c.rootCode)} or ${c.rootCode} like owner_region_code || '%')`,
          ),
          rows<{ code: string; a: number }>(
            c.db,
            sql`
            select o.region_code as code, count(*)::int as a
            from session_attendance a join offering_sessions s on s.id = a.session_id join offerings o on o.id = s.offering_id
            join campaigns k on k.id = o.campaign_id
            where o.region_code like ${like(c.rootCode)} and k.name like ${LEARNING_WEEK} and a.status = 'present' and s.starts_at >= ${from} and s.starts_at < ${to}
            group by o.region_code`,
          ),
        ]);
        // No learning week held this year is "no data", not zero participations.
        if (!num(weeks[0]?.n)) return new Map();
        return sumsOf(c.nodes, summed(r));
      },
    },
  };
}
