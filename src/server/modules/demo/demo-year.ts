// A year of a living demo city: the demo district's network completed in every street, instructors and
// venues, a spring and an autumn term of classes and a lifelong learning week, a few thousand synthetic
// residents who enrol, attend, complete, rate and earn credits and certificates, accepted statistics forms
// with funding and participation, learning teams and award nominations. Everything goes through the
// services' own rules while the clock is moved through the year (enrolment before a class starts,
// attendance at each session, ratings after the last), so the archive, points, credits, audit and
// indicators come out as real use would leave them. Deterministic for one seed.
import type { RequestContext, Actor } from '../../kernel/actor';
import { idCheckChar } from '../../kernel/id-card';
import { DomainError } from '../../kernel/errors';
import type { InstitutionsService } from '../institutions/index';
import type { RegionsService } from '../regions/index';
import type { VenuesService } from '../venues/index';
import type { InstructorsService } from '../instructors/index';
import type { CoursesService } from '../courses/index';
import type { OfferingsService } from '../offerings/index';
import type { EnrolmentService } from '../enrolment/index';
import type { AttendanceService } from '../attendance/index';
import type { RatingsService } from '../ratings/index';
import type { ArchiveService } from '../archive/index';
import type { CredentialsService } from '../credentials/index';
import type { FormsService, IndicatorsService } from '../monitoring/index';
import type { TeamsService } from '../teams/index';
import type { AwardsService } from '../awards/index';
import { FREE_FIRST_COME } from './demo';
import { DEMO_PASSWORD } from './demo-password';
import { localTime } from '../../../contracts/local-time';

export interface DemoYearServices {
  regions: RegionsService;
  institutions: InstitutionsService;
  venues: VenuesService;
  instructors: InstructorsService;
  courses: CoursesService;
  offerings: OfferingsService;
  enrolment: EnrolmentService;
  attendance: AttendanceService;
  ratings: RatingsService;
  archive: ArchiveService;
  credentials: CredentialsService;
  forms: FormsService;
  indicators: IndicatorsService;
  teams: TeamsService;
  awards: AwardsService;
}
export interface DemoResident {
  userId: string;
  phone: string;
  realName: string;
  birthYear: number;
  homeRegionCode: string;
}
export interface DemoYearOptions {
  /** The district office's context: every staff action of the year is done as it. */
  ctx: RequestContext;
  districtCode: string;
  /** The real time now; the year generated ends the week before. */
  now: Date;
  /** Moves the platform's clock (null: back to real time). */
  setNow: (at: Date | null) => void;
  /** Inserts the synthetic residents (batched; one shared password hash). */
  seedResidents: (rows: { phone: string; password: string; realName: string; idNumber: string; homeRegionCode: string }[], at: Date) => Promise<DemoResident[]>;
  /** How many residents (a few thousand at first start; tests pass a small number). */
  residents: number;
  seed?: number;
  origin?: string;
  log?: (line: string) => void;
}

/** A service's refusal (full, not eligible, already enrolled) is part of the story; anything else is a bug. */
function refused(e: unknown) {
  if (!(e instanceof DomainError)) throw e;
}

/** mulberry32: small, fast and good enough to make a plausible city repeatable. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    shuffle: <T>(xs: T[]) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    },
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = '秀英桂兰玉珍凤华建国志强丽娟敏静海燕明军平红伟芳霞文杰春梅振宇晓东雪琴德福金宝美玲佳怡子涵浩然欣悦诗雨俊杰宇轩梓萱'.split('');
const DAY = 86_400_000;
/** A date (YYYY-MM-DD) at a local wall-clock time, as an instant. */
const at = (date: string, time = '00:00') => localTime.instant(`${date}T${time}`);
const ymd = (d: Date) => localTime.date(d);
const addDays = (date: string, n: number) => ymd(new Date(at(date, '12:00').getTime() + n * DAY));

/** Which courses run as classes, with the group they draw and when in the week they meet. */
const CLASS_COURSES: { title: string; elderly: boolean }[] = [
  { title: '书法入门（楷书）', elderly: true },
  { title: '国画花鸟基础', elderly: true },
  { title: '智能手机应用：看病挂号与移动支付', elderly: true },
  { title: '八段锦健身气功', elderly: true },
  { title: '越剧唱腔欣赏与学唱', elderly: true },
  { title: '中医养生与慢病管理', elderly: true },
  { title: '中式面点制作', elderly: false },
  { title: '家庭教育：与青春期孩子沟通', elderly: false },
  { title: '手机摄影与短视频剪辑', elderly: false },
  { title: '运河文化与拱墅历史', elderly: false },
];
const SLOTS: { weekday: number; start: string; end: string }[] = [
  { weekday: 1, start: '09:00', end: '11:00' },
  { weekday: 2, start: '14:00', end: '16:00' },
  { weekday: 3, start: '09:00', end: '11:00' },
  { weekday: 4, start: '14:00', end: '16:00' },
  { weekday: 5, start: '09:00', end: '11:00' },
  { weekday: 6, start: '19:00', end: '20:30' },
];
const COMMENTS = [
  '老师讲得细致，受益匪浅。',
  '内容实用，回家就能用上。',
  '时间安排合适，希望多开几期。',
  '同学们互相帮助，氛围很好。',
  '场地离家近，方便。',
  null,
  null,
];

export async function generateDemoYear(s: DemoYearServices, o: DemoYearOptions) {
  const rnd = random(o.seed ?? 20260101);
  const log = o.log ?? (() => {});
  const started = Date.now();
  const spent: Record<string, number> = {};
  const timed = async <T>(what: string, f: () => Promise<T>) => {
    const t0 = Date.now();
    try {
      return await f();
    } finally {
      spent[what] = (spent[what] ?? 0) + Date.now() - t0;
    }
  };
  const ctx = o.ctx;
  // The year ends a week before now; with less than half a year behind now, the demo year is last year.
  const nowYear = Number(ymd(o.now).slice(0, 4));
  const year = ymd(o.now) >= `${nowYear}-07-01` ? nowYear : nowYear - 1;
  const lastDay = ymd(o.now) <= `${year}-12-31` ? addDays(ymd(o.now), -7) : `${year}-12-24`;
  o.setNow(at(`${year}-01-05`, '09:00'));

  const district = await s.regions.get(o.districtCode);
  const streets = (await s.regions.children(district.code, { page: 1, pageSize: 200 })).items;
  const communitiesOf = new Map<string, { code: string; name: string }[]>();
  for (const st of streets) communitiesOf.set(st.code, (await s.regions.children(st.code, { page: 1, pageSize: 500 })).items);

  // The network: a street branch and a community school in every street, a learning point in most communities.
  const existing = (await s.institutions.list(ctx, { page: 1, pageSize: 200, region: district.code } as Parameters<InstitutionsService['list']>[1])) as {
    items: { id: string; type: string; regionCode: string }[];
    total: number;
  };
  const all = [...existing.items];
  for (let page = 2; all.length < existing.total; page++)
    all.push(
      ...((await s.institutions.list(ctx, { page, pageSize: 200, region: district.code } as Parameters<InstitutionsService['list']>[1])) as typeof existing)
        .items,
    );
  const has = (type: string, code: string) => all.some((i) => i.type === type && i.regionCode === code);
  const schoolOf = new Map<string, string>();
  for (const [i, st] of streets.entries()) {
    // Two streets fall short of a standard, so the cockpit has something to flag.
    const short = i % 9 === 4;
    if (!has('street_branch', st.code))
      await s.institutions.create(ctx, {
        name: `${st.name}社区教育中心`,
        type: 'street_branch',
        regionCode: st.code,
        fullTimeStaff: short ? 2 : rnd.int(3, 5),
        partTimeStaff: rnd.int(4, 12),
      });
    if (!has('community_school', st.code)) {
      await s.institutions.create(ctx, {
        name: `${st.name}社区学校`,
        type: 'community_school',
        regionCode: st.code,
        fullTimeStaff: short ? 2 : rnd.int(3, 4),
        partTimeStaff: rnd.int(6, 15),
        floorAreaM2: short ? 420 : rnd.int(520, 900),
        openingHours: '周一至周六 8:30-20:30',
      });
    }
    const comms = communitiesOf.get(st.code) ?? [];
    for (const [k, c] of comms.entries()) {
      if (k % 7 === 6) continue; // a few communities still without a teaching point
      if (!has('learning_point', c.code))
        await s.institutions.create(ctx, {
          name: `${c.name}学习点`,
          type: 'learning_point',
          regionCode: c.code,
          fullTimeStaff: 0,
          partTimeStaff: rnd.int(1, 3),
        });
      if (k % 4 === 0 && !has('elderly_school', c.code))
        await s.institutions.create(ctx, {
          name: `${c.name}老年学堂`,
          type: 'elderly_school',
          regionCode: c.code,
          fullTimeStaff: 0,
          partTimeStaff: rnd.int(2, 4),
        });
    }
  }
  const schools = (await s.institutions.list(ctx, { page: 1, pageSize: 200, type: 'community_school', region: district.code } as Parameters<
    InstitutionsService['list']
  >[1])) as { items: { id: string; regionCode: string }[] };
  for (const sc of schools.items) schoolOf.set(sc.regionCode, sc.id);
  log(`network done (${Date.now() - started} ms)`);

  // A venue and two instructors per street, owned by the street.
  const venueOf = new Map<string, string>();
  const teachersOf = new Map<string, string[]>();
  let phoneSeq = 0;
  for (const st of streets) {
    const v = await s.venues.create(ctx, {
      name: `${st.name}社区学校多功能教室`,
      ownerRegionCode: st.code,
      regionCode: st.code,
      unitKind: 'institution',
      shared: false,
      facilities: ['投影', '音响'],
      stepFree: true,
      lift: false,
      hearingLoop: false,
      photoIds: [],
      bookable: true,
      approvalRequired: false,
      capacity: 60,
      floorAreaM2: 120,
    } as Parameters<VenuesService['create']>[1]);
    venueOf.set(st.code, v.id);
    const ids: string[] = [];
    for (let k = 0; k < 2; k++) {
      const t = await s.instructors.create(ctx, {
        name: `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}${rnd.pick(GIVEN)}`,
        phone: `1730105${String(++phoneSeq).padStart(4, '0')}`,
        ownerRegionCode: st.code,
        kind: k ? 'volunteer' : 'part_time',
        specialities: [rnd.pick(['SHUHUA', 'XINXI', 'TIYU', 'YANGSHENG', 'WENSHI'])],
        languages: ['普通话'],
        certificateFileIds: [],
        availability: [],
        shared: false,
        bio: '社区教育兼职教师（演示数据）。',
      } as Parameters<InstructorsService['create']>[1]);
      await s.instructors.setVetting(ctx, t.id, { status: 'approved' }); // only vetted instructors can be assigned
      ids.push(t.id);
    }
    teachersOf.set(st.code, ids);
  }
  log(`pools done (${Date.now() - started} ms)`);

  // The census gives the district's population, not its streets': the streets report theirs, here the
  // district's figure shared out by how many communities each street has.
  const streetPop = new Map<string, { total: number; age60plus: number }>();
  const districtPop = district.population ?? { year: 2020, total: streets.length * 60_000, age60plus: streets.length * 12_000 };
  const weights = streets.map((st) => (communitiesOf.get(st.code)?.length ?? 1) * (0.7 + rnd.next() * 0.6));
  const weightSum = weights.reduce((a, w) => a + w, 0);
  for (const [i, st] of streets.entries()) {
    if (st.population) {
      streetPop.set(st.code, { total: st.population.total, age60plus: st.population.age60plus ?? Math.round(st.population.total * 0.2) });
      continue;
    }
    const total = Math.round((districtPop.total * weights[i]) / weightSum);
    const age60plus = Math.round(total * ((districtPop.age60plus ?? districtPop.total * 0.2) / districtPop.total) * (0.85 + rnd.next() * 0.3));
    streetPop.set(st.code, { total, age60plus });
    await s.regions.setPopulation(ctx, st.code, { year: districtPop.year, total, age60plus, source: '街道报送（演示数据）' });
  }
  // Residents: spread over the communities by street population, older than the city on average (they learn most).
  const pop = (code: string) => streetPop.get(code)?.total ?? 10_000;
  const totalPop = streets.reduce((a, st) => a + pop(st.code), 0);
  const rows: { phone: string; password: string; realName: string; idNumber: string; homeRegionCode: string }[] = [];
  const streetOfResident: string[] = [];
  const usedIds = new Set<string>();
  for (const st of streets) {
    const comms = communitiesOf.get(st.code) ?? [];
    if (!comms.length) continue;
    const n = Math.max(3, Math.round((o.residents * pop(st.code)) / totalPop));
    for (let k = 0; k < n; k++) {
      const r = rnd.next();
      const age = r < 0.5 ? rnd.int(60, 82) : r < 0.85 ? rnd.int(25, 59) : rnd.int(8, 17);
      const birth = `${year - age}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}`;
      // Sequence numbers 9xx: test ID numbers with a valid check digit, never issued to a real person here.
      let seq = 900 + (rows.length % 100);
      while (usedIds.has(`${birth}${seq}`)) seq = seq === 999 ? 900 : seq + 1;
      usedIds.add(`${birth}${seq}`);
      const first17 = `${district.code.slice(0, 6)}${birth}${seq}`;
      rows.push({
        phone: `1700105${String(rows.length).padStart(4, '0')}`,
        password: DEMO_PASSWORD,
        realName: `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}${rnd.chance(0.6) ? rnd.pick(GIVEN) : ''}`,
        idNumber: first17 + idCheckChar(first17),
        homeRegionCode: rnd.pick(comms).code,
      });
      streetOfResident.push(st.code);
    }
  }
  const people = await o.seedResidents(rows, at(`${year}-01-05`, '09:00'));
  const actorOf = (p: DemoResident): Actor => ({
    userId: p.userId,
    username: p.phone,
    displayName: p.realName,
    kind: 'resident',
    role: null,
    regionCodes: [],
    institutions: [],
    homeRegionCode: p.homeRegionCode,
  });
  const asResident = (p: DemoResident): RequestContext => ({ actor: actorOf(p), ip: null, locale: 'zh-CN' });
  const byStreet = new Map<string, DemoResident[]>();
  people.forEach((p, i) => byStreet.set(streetOfResident[i], [...(byStreet.get(streetOfResident[i]) ?? []), p]));
  log(`${people.length} residents (${Date.now() - started} ms)`);

  // Two terms of classes in every street.
  const courses = (await s.courses.list(ctx, { page: 1, pageSize: 100 } as Parameters<CoursesService['list']>[1])).items as { id: string; title: string }[];
  const courseId = (title: string) => courses.find((c) => c.title === title)?.id;
  const autumnWeeks = Math.min(8, Math.floor((at(lastDay).getTime() - at(`${year}-09-07`).getTime()) / (7 * DAY)));
  const terms = [
    { name: `${year} 年春季学期（演示）`, startsOn: `${year}-03-02`, endsOn: `${year}-06-30`, classFrom: `${year}-03-09`, weeks: 8 },
    autumnWeeks >= 6
      ? { name: `${year} 年秋季学期（演示）`, startsOn: `${year}-09-01`, endsOn: `${year}-12-31`, classFrom: `${year}-09-07`, weeks: autumnWeeks }
      : { name: `${year} 年暑期学期（演示）`, startsOn: `${year}-07-01`, endsOn: `${year}-08-31`, classFrom: `${year}-07-06`, weeks: 6 },
  ];
  let classes = 0,
    enrolments = 0,
    completions = 0,
    rated = 0;
  const completedBy: { p: DemoResident; offeringId: string }[] = [];
  for (const [ti, term] of terms.entries()) {
    o.setNow(at(addDays(term.startsOn, -30), '09:00'));
    const t = await s.offerings.createTerm(ctx, {
      name: term.name,
      ownerRegionCode: district.code,
      startsOn: term.startsOn,
      endsOn: term.endsOn,
      maxEnrolmentsPerResident: 2,
    });
    await s.offerings.moveTerm(ctx, t.id, 'published');
    const toDate = addDays(term.classFrom, term.weeks * 7 - 1);
    for (const st of streets) {
      const residents = byStreet.get(st.code) ?? [];
      if (!residents.length) continue;
      // Classes grow with the residents, up to three a street a term: enrolments and roll calls are most of the time.
      const perStreet = Math.max(1, Math.min(3, Math.round(residents.length / 80)));
      const picks = rnd.shuffle([...CLASS_COURSES]).slice(0, perStreet);
      for (const [k, c] of picks.entries()) {
        const id = courseId(c.title);
        if (!id) continue;
        const slot = SLOTS[k];
        o.setNow(at(addDays(term.classFrom, -21), '10:00'));
        const capacity = rnd.pick([20, 25, 30, 40]);
        const offering = await timed('create', () =>
          s.offerings.create(ctx, {
            kind: 'class',
            termId: t.id,
            courseId: id,
            title: `${c.title}（${st.name}）`,
            regionCode: st.code,
            institutionId: schoolOf.get(st.code) ?? null,
            venueId: venueOf.get(st.code) ?? null,
            instructorId: teachersOf.get(st.code)?.[k % 2] ?? null,
            capacity,
            ...FREE_FIRST_COME,
            cancelCutoffHours: 24,
            completionThreshold: 75,
            schedule: { weekdays: [slot.weekday], startTime: slot.start, endTime: slot.end, fromDate: term.classFrom, toDate, skipDates: [] },
          } as Parameters<OfferingsService['create']>[1]),
        );
        await s.offerings.publish(ctx, offering.id);
        classes++;
        // Residents of the street enrol over the fortnight before the class starts; the elderly favour the elderly courses.
        const pool = rnd.shuffle(residents.filter((p) => (c.elderly ? year - p.birthYear >= 50 || rnd.chance(0.15) : year - p.birthYear < 65)));
        const wanted = Math.round(capacity * (0.6 + rnd.next() * 0.45));
        const enrolled: DemoResident[] = [];
        for (const p of pool) {
          if (enrolled.length >= wanted) break;
          o.setNow(new Date(at(addDays(term.classFrom, -14), '08:00').getTime() + enrolled.length * 37 * 60_000));
          try {
            await timed('enrol', () => s.enrolment.enrol(asResident(p), offering.id, {}));
            enrolled.push(p);
          } catch (e) {
            refused(e); /* full, or two classes already this term: a real resident would be turned away too */
          }
        }
        enrolments += enrolled.length;
        // Attendance at every session that has taken place, most present, some excused or absent.
        const keen = new Map(enrolled.map((p) => [p.userId, 0.7 + rnd.next() * 0.3]));
        const sessions = (await s.offerings.sessions(offering.id)).filter((x) => x.status !== 'cancelled' && ymd(new Date(x.startsAt)) <= lastDay);
        for (const session of sessions) {
          o.setNow(new Date(new Date(session.startsAt).getTime() + 15 * 60_000));
          const marks = enrolled.map((p) => ({
            residentId: p.userId,
            status: (rnd.next() < keen.get(p.userId)! ? 'present' : rnd.chance(0.5) ? 'excused' : 'absent') as 'present' | 'excused' | 'absent',
          }));
          if (marks.length) completions += (await timed('mark', () => s.attendance.applyMarks(ctx, session.id, { marks }))).completed;
        }
        // Afterwards, many of those who finished rate the class.
        const last = sessions.at(-1);
        if (last) {
          o.setNow(new Date(new Date(last.startsAt).getTime() + 2 * DAY));
          for (const p of enrolled) {
            if (!rnd.chance(0.55)) continue;
            try {
              await timed('rate', () => s.ratings.rate(asResident(p), offering.id, { stars: rnd.pick([5, 5, 5, 4, 4, 4, 3]), comment: rnd.pick(COMMENTS) }));
              rated++;
              completedBy.push({ p, offeringId: offering.id });
            } catch (e) {
              refused(e); /* did not complete */
            }
          }
        }
      }
    }
    log(`term ${ti + 1}: ${classes} classes, ${enrolments} enrolments, ${completions} completions (${Date.now() - started} ms) ${JSON.stringify(spent)}`);
  }

  // The lifelong learning week: lectures, visits and performances across the district.
  const weekStart = `${year}-05-18` <= lastDay ? `${year}-05-18` : `${year}-03-16`;
  o.setNow(at(addDays(weekStart, -20), '09:00'));
  const week = await s.offerings.createCampaign(ctx, {
    name: `${year} 年全民终身学习活动周（演示）`,
    ownerRegionCode: district.code,
    startsOn: weekStart,
    endsOn: addDays(weekStart, 6),
    description: '全区各街道、社区学校联动，举办讲座、参观与展演。',
  });
  await s.offerings.moveCampaign(ctx, week.id, 'published');
  const EVENTS: [string, 'lecture' | 'visit' | 'performance' | 'activity', string][] = [
    ['运河文化讲座', 'lecture', 'WENSHI'],
    ['老年人防诈骗讲座', 'lecture', 'XINXI'],
    ['社区书画展', 'activity', 'SHUHUA'],
    ['越剧票友展演', 'performance', 'SHENGYUE_XIQU'],
    ['非遗手工体验', 'activity', 'SHOUZUO_JIAZHENG'],
  ];
  let attendances = 0;
  for (const [i, st] of streets.entries()) {
    const [title, eventType, categoryCode] = EVENTS[i % EVENTS.length];
    const date = addDays(weekStart, i % 7);
    o.setNow(at(addDays(weekStart, -14), '09:00'));
    const ev = await s.offerings.create(ctx, {
      kind: 'event',
      eventType,
      title: `${title}（${st.name}）`,
      categoryCode,
      description: '全民终身学习活动周活动（演示数据）。',
      targetGroups: ['general'],
      mode: 'offline',
      regionCode: st.code,
      institutionId: schoolOf.get(st.code) ?? null,
      venueId: venueOf.get(st.code) ?? null,
      instructorId: null,
      capacity: 60,
      ...FREE_FIRST_COME,
      cancelCutoffHours: 2,
      completionThreshold: 100,
      campaignId: week.id,
      sessions: [{ date, startTime: '16:30', endTime: '18:00' }],
    } as Parameters<OfferingsService['create']>[1]);
    await s.offerings.publish(ctx, ev.id);
    const comers = rnd.shuffle([...(byStreet.get(st.code) ?? [])]).slice(0, rnd.int(15, 50));
    const came: string[] = [];
    for (const p of comers) {
      o.setNow(at(addDays(date, -3), '10:00'));
      try {
        await s.enrolment.enrol(asResident(p), ev.id, {});
        came.push(p.userId);
      } catch (e) {
        refused(e); /* full */
      }
    }
    const [session] = await s.offerings.sessions(ev.id);
    if (session && came.length && date <= lastDay) {
      o.setNow(new Date(new Date(session.startsAt).getTime() + 10 * 60_000));
      await s.attendance.applyMarks(ctx, session.id, {
        marks: came.map((residentId) => ({ residentId, status: rnd.chance(0.9) ? ('present' as const) : ('absent' as const) })),
      });
      attendances += came.length;
    }
  }
  log(`learning week: ${streets.length} events, ${attendances} attendances (${Date.now() - started} ms)`);

  // Some who finished a class download its certificate.
  o.setNow(at(lastDay, '20:00'));
  let certificates = 0;
  for (const { p, offeringId } of completedBy.filter((_, i) => i % 6 === 0)) {
    const record = (await s.archive.recordsOf(p.userId)).find((r) => r.sourceId === offeringId && r.outcome === 'completed');
    if (!record) continue;
    await s.credentials.issueMine(asResident(p), { kind: 'completion', recordId: record.id }, o.origin ?? 'http://localhost');
    certificates++;
  }

  // Learning teams in every other street, with members and an activity each.
  let teams = 0;
  const TEAM_NAMES: [string, 'reading' | 'calligraphy_painting' | 'music' | 'dance' | 'sports_health' | 'digital'][] = [
    ['读书会', 'reading'],
    ['书画社', 'calligraphy_painting'],
    ['合唱团', 'music'],
    ['舞蹈队', 'dance'],
    ['太极拳队', 'sports_health'],
    ['数字生活互助组', 'digital'],
  ];
  for (const [i, st] of streets.entries()) {
    if (i % 2) continue;
    const members = (byStreet.get(st.code) ?? []).filter((p) => year - p.birthYear >= 18).slice(0, 8);
    if (members.length < 3) continue;
    const [suffix, category] = TEAM_NAMES[i % TEAM_NAMES.length];
    const leader = members[0];
    o.setNow(at(`${year}-04-${String(1 + (i % 20)).padStart(2, '0')}`, '10:00'));
    const team = await s.teams.create(asResident(leader), {
      name: `${st.name.replace(/街道$/, '')}${suffix}`,
      category,
      communityCode: leader.homeRegionCode,
      venue: `${st.name}社区学校`,
      usualTime: '每周三下午 2:00',
      description: '居民自发组织的学习团队（演示数据）。',
    });
    for (const m of members.slice(1)) {
      await s.teams.requestJoin(asResident(m), team.id, '想一起学习');
      await s.teams.decide(asResident(leader), team.id, m.userId, true);
    }
    o.setNow(at(`${year}-06-${String(1 + (i % 20)).padStart(2, '0')}`, '16:00'));
    await s.teams.logActivity(asResident(leader), team.id, {
      title: `${suffix}月度学习交流`,
      heldOn: ymd(at(`${year}-06-${String(1 + (i % 20)).padStart(2, '0')}`, '12:00')),
      hours: 2,
      venue: `${st.name}社区学校`,
      notes: null,
      attendeeIds: members.map((m) => m.userId),
    });
    teams++;
  }

  // The learning-star campaign of the year gets nominations from residents in several communities.
  let nominations = 0;
  const campaign = (await s.awards.listCampaigns(ctx, { page: 1, pageSize: 20 } as Parameters<AwardsService['listCampaigns']>[1])).items.find(
    (c: { type: string; status?: string }) => c.type === 'learning_star',
  ) as { id: string } | undefined;
  if (campaign) {
    o.setNow(at(lastDay, '10:00'));
    for (const [i, st] of streets.entries()) {
      if (i % 3) continue;
      const nominator = (byStreet.get(st.code) ?? [])[1];
      const nominee = (byStreet.get(st.code) ?? []).find((p) => year - p.birthYear >= 60);
      if (!nominator || !nominee) continue;
      try {
        await s.awards.createNomination(asResident(nominator), {
          campaignId: campaign.id,
          communityCode: nominator.homeRegionCode,
          nomineeName: nominee.realName,
          nomineeKind: 'person',
          summary: `坚持在${st.name}社区学校学习，带动邻居一起参加课程和学习团队活动。`,
          evidenceFileIds: [],
        });
        nominations++;
      } catch (e) {
        refused(e); /* the campaign may not take nominations from this community */
      }
    }
  }

  // The streets' statistics for last year (reported in January, so the cockpit has a trend) and this year, accepted by the district.
  o.setNow(at(`${year}-01-06`, '09:00'));
  const template = await s.forms.createTemplate(ctx, {
    title: '街道社区教育年度统计（演示）',
    ownerRegionCode: district.code,
    description: '各街道每年报送社区教育经费与参与情况。',
    fields: [
      { key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, min: 0, feeds: 'FUNDING', help: '' },
      { key: 'budget', label: '社区教育经费年初预算', type: 'number', unit: '元', required: true, min: 0, feeds: 'FUNDING_BUDGET', help: '' },
      { key: 'participants', label: '年内参与学习的居民（去重）', type: 'number', unit: '人', required: true, min: 0, feeds: 'PARTICIPANTS', help: '' },
      { key: 'participations', label: '参与人次', type: 'number', unit: '人次', required: true, min: 0, feeds: 'PARTICIPATIONS', help: '' },
      { key: 'elderly', label: '经常性参与学习的60岁以上居民', type: 'number', unit: '人', required: true, min: 0, feeds: 'ELDERLY_REGULAR', help: '' },
      { key: 'minors', label: '未成年常住人口', type: 'number', unit: '人', required: true, min: 0, feeds: 'MINORS', help: '' },
      { key: 'minorParticipants', label: '参与学习的未成年人', type: 'number', unit: '人', required: true, min: 0, feeds: 'MINOR_PARTICIPANTS', help: '' },
    ],
  } as Parameters<FormsService['createTemplate']>[1]);
  for (const [period, growth] of [
    [String(year - 1), 0.85],
    [String(year), 1],
  ] as const) {
    o.setNow(period === String(year) ? at(lastDay, '11:00') : at(`${year}-01-06`, '09:00'));
    const task = await s.forms.createTask(ctx, {
      templateId: template.id,
      title: `${period} 年街道社区教育统计`,
      period,
      deadline: `${Number(period) + 1}-01-31`,
      units: streets.map((st) => ({ regionCode: st.code })),
    });
    for (const a of task.assignments as { id: string; regionCode: string }[]) {
      const people = pop(a.regionCode);
      const perResident = a.regionCode === streets[4]?.code ? 3.2 : 4 + rnd.next() * 2.5;
      const funding = Math.round(people * perResident * growth);
      const participants = Math.round(people * (0.18 + rnd.next() * 0.17) * growth);
      const elderlyPop = streetPop.get(a.regionCode)?.age60plus ?? Math.round(people * 0.22);
      await s.forms.submit(ctx, a.id, {
        funding,
        budget: Math.round(funding / (0.88 + rnd.next() * 0.1)),
        participants,
        participations: Math.round(participants * (2.5 + rnd.next() * 2)),
        elderly: Math.round(elderlyPop * (0.2 + rnd.next() * 0.2) * growth),
        minors: Math.round(people * 0.14),
        minorParticipants: Math.round(people * 0.14 * (0.3 + rnd.next() * 0.3) * growth),
      });
    }
    await s.forms.reviewMany(
      ctx,
      (task.assignments as { id: string }[]).map((a) => a.id),
      { decision: 'accept', comment: '' },
    );
  }
  o.setNow(null);
  await s.indicators.compute(ctx, district.code, year - 1);
  await s.indicators.compute(ctx, district.code, year);
  const summary = {
    year,
    residents: people.length,
    classes,
    enrolments,
    completions,
    rated,
    attendances,
    certificates,
    teams,
    nominations,
    ms: Date.now() - started,
  };
  log(`demo year ${year}: ${JSON.stringify(summary)}`);
  return summary;
}
