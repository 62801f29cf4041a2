// A demo district an evaluator can log into at once: a few real-named institutions placed in the
// real division tree, one staff account per role, and one resident. Created through the same
// services as any staff action, so every row is audited like real work.
import type { RequestContext } from '../../kernel/actor';
import { idCheckChar } from '../../kernel/id-card';
import type { InstitutionsService } from '../institutions/index';
import type { StaffService } from '../accounts/index';
import type { RegionsService } from '../regions/index';
import type { VenuesService, BookingsService } from '../venues/index';
import type { InstructorsService } from '../instructors/index';
import type { CoursesService } from '../courses/index';
import type { CallsService } from '../calls/index';
import type { FilesService } from '../files/index';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import type { GovernanceService } from '../governance/index';
import type { AwardsService } from '../awards/index';
import type { TeamsService } from '../teams/index';
import type { OfferingsService } from '../offerings/index';
import { addDays, localTime } from '../../../contracts/local-time';
import { DEMO_PASSWORD } from './demo-password';

/** How the demo's classes and events take residents: free, first come, open to anyone, no rule on coming back. */
export const FREE_FIRST_COME = { feeCents: 0, feeWaiver: '', enrolmentMode: 'first_come', eligibility: {}, returningRule: 'none' } as const;

export async function seedDemo(
  ctx: RequestContext,
  s: {
    regions: RegionsService;
    institutions: InstitutionsService;
    staff: StaffService;
    venues: VenuesService;
    bookings: BookingsService;
    instructors: InstructorsService;
    now: Date;
    seedResident: (input: { phone: string; password: string; realName: string; idNumber: string; homeRegionCode: string }) => Promise<void>;
  },
  rootCode: string,
) {
  const root = await s.regions.get(rootCode);
  // In a city installation the demo uses its first district.
  const district = root.level === 'city' ? (await s.regions.children(rootCode, { page: 1, pageSize: 1 })).items[0] : root;
  const streets = (await s.regions.children(district.code, { page: 1, pageSize: 200 })).items;
  const shortName = district.name.replace(/^.+?市/, '');

  const inst = (
    name: string,
    type: Parameters<InstitutionsService['create']>[1]['type'],
    regionCode: string,
    extra: Partial<Parameters<InstitutionsService['create']>[1]> = {},
  ) => s.institutions.create(ctx, { name, type, regionCode, fullTimeStaff: 0, partTimeStaff: 0, ...extra });

  await inst(`${shortName}社区学院`, 'community_college', district.code, {
    fullTimeStaff: 12,
    partTimeStaff: 30,
    floorAreaM2: 3200,
    openingHours: '周一至周五 8:30-17:00',
  });
  await inst(`${shortName}老年大学`, 'elderly_university', district.code, {
    fullTimeStaff: 8,
    partTimeStaff: 45,
    floorAreaM2: 2600,
    openingHours: '周一至周六 8:00-17:00',
  });
  let firstSchoolId = '';
  // The first half of the streets have a street branch and a community school; the rest show up as gaps in coverage.
  for (const street of streets.slice(0, Math.ceil(streets.length / 2))) {
    await inst(`${street.name}社区教育中心`, 'street_branch', street.code, { fullTimeStaff: 3, partTimeStaff: 6 });
    const school = await inst(`${street.name}社区学校`, 'community_school', street.code, { fullTimeStaff: 3, partTimeStaff: 10, floorAreaM2: 520 });
    firstSchoolId ||= school.id;
    const communities = (await s.regions.children(street.code, { page: 1, pageSize: 3 })).items;
    for (const [i, c] of communities.entries()) {
      await inst(`${c.name}学习点`, 'learning_point', c.code, { partTimeStaff: 2 });
      if (i === 0) await inst(`${c.name}老年学堂`, 'elderly_school', c.code, { partTimeStaff: 3 });
    }
  }

  const demoStreet = streets.find((st) => st.code === '330105012') ?? streets[0];
  const account = (
    username: string,
    displayName: string,
    role: Parameters<StaffService['create']>[1]['role'],
    regionCodes: string[],
    institutionIds: string[] = [],
  ) =>
    // The demo's shared password predates the password rule and is published in the README: seeded past the rule.
    s.staff.create(ctx, { username, displayName, role, regionCodes, institutionIds, password: DEMO_PASSWORD }, { demoSeed: true });
  await account('district', `${shortName}社区教育办公室`, 'region_admin', [district.code]);
  await account('street', `${demoStreet.name}管理员`, 'region_admin', [demoStreet.code]);
  await account('school', '社区学校教务', 'institution_staff', [], [firstSchoolId]);
  await account('leader', '分管领导', 'leader', [district.code]);
  await account('credit', '学分银行专员', 'credit_bank_officer', [district.code]);
  // Two community administrators under the demo street, for the first level of award nominations.
  const demoCommunities = (await s.regions.children(demoStreet.code, { page: 1, pageSize: 2 })).items;
  for (const [i, c] of demoCommunities.entries()) await account(`community${i + 1}`, `${c.name}管理员`, 'region_admin', [c.code]);

  const home = (await s.regions.children(demoStreet.code, { page: 1, pageSize: 1 })).items[0];
  const first17 = `${district.code.slice(0, 6)}19580314002`;
  await s.seedResident({
    phone: '13900000001',
    password: DEMO_PASSWORD,
    realName: '王秀英',
    idNumber: first17 + idCheckChar(first17),
    homeRegionCode: home.code,
  });

  await seedPools(ctx, s, district.code, demoStreet.code, home.code);
}

/** A few venues and instructors at district, street and community level, some shared downwards, and a booking. */
async function seedPools(
  ctx: RequestContext,
  s: { venues: VenuesService; bookings: BookingsService; instructors: InstructorsService; now: Date },
  districtCode: string,
  streetCode: string,
  communityCode: string,
) {
  const venue = (name: string, ownerRegionCode: string, regionCode: string, extra: Partial<Parameters<VenuesService['create']>[1]> = {}) =>
    s.venues.create(ctx, {
      name,
      ownerRegionCode,
      regionCode,
      unitKind: 'institution',
      shared: false,
      facilities: [],
      stepFree: false,
      lift: false,
      hearingLoop: false,
      photoIds: [],
      bookable: true,
      approvalRequired: true,
      ...extra,
    });
  await venue('区图书馆多功能厅', districtCode, streetCode, {
    unitKind: 'library',
    unitName: '区图书馆',
    capacity: 120,
    floorAreaM2: 260,
    facilities: ['投影', '音响', '钢琴'],
    stepFree: true,
    lift: true,
    hearingLoop: true,
    shared: true,
    openingHours: '周二至周日 9:00-20:30',
  });
  await venue('运河文化馆展厅', districtCode, districtCode, { unitKind: 'museum', unitName: '运河文化馆', capacity: 60, stepFree: true, shared: true });
  const hall = await venue('街道社区学校报告厅', streetCode, streetCode, {
    capacity: 80,
    floorAreaM2: 150,
    facilities: ['投影', '音响'],
    stepFree: true,
    approvalRequired: false,
    shared: true,
  });
  await venue('社区老年活动室', streetCode, communityCode, { unitKind: 'community_centre', capacity: 30, floorAreaM2: 60, stepFree: true });
  // Tomorrow 9:00–11:00 local time.
  const day = new Date(s.now.getTime() + 86_400_000).toISOString().slice(0, 10);
  await s.bookings.request(ctx, {
    venueId: hall.id,
    startsAt: localTime.withOffset(`${day}T09:00`),
    endsAt: localTime.withOffset(`${day}T11:00`),
    purpose: 'class',
    title: '书法入门班（第 1 课）',
  });

  const person = (name: string, phone: string, ownerRegionCode: string, extra: Partial<Parameters<InstructorsService['create']>[1]>) =>
    s.instructors.create(ctx, {
      name,
      phone,
      ownerRegionCode,
      kind: 'part_time',
      specialities: ['SHUHUA'],
      languages: ['普通话'],
      certificateFileIds: [],
      availability: [],
      shared: false,
      ...extra,
    });
  const teacher = await person('周墨林', '13700000101', districtCode, {
    bio: '书法家协会会员，从事老年书法教学十五年，擅长楷书、隶书。',
    qualifications: '中国书法家协会会员',
    availability: [
      { weekday: 2, from: '09:00', to: '11:30' },
      { weekday: 4, from: '14:00', to: '16:30' },
    ],
    shared: true,
  });
  await s.instructors.setVetting(ctx, teacher.id, { status: 'approved' });
  await person('沈雅琴', '13700000102', districtCode, { specialities: ['QIYUE'], bio: '古筝、琵琶教师，音乐学院毕业。', kind: 'full_time', shared: true });
  // Those who teach the demo classes are vetted (only vetted instructors can be assigned); 沈雅琴 waits in the vetting queue.
  const lu = await person('陆晓燕', '13700000103', streetCode, {
    specialities: ['XINXI'],
    bio: '智能手机使用、防范电信诈骗课程志愿讲师。',
    kind: 'volunteer',
    languages: ['普通话', '杭州话'],
  });
  await s.instructors.setVetting(ctx, lu.id, { status: 'approved' });
  const qian = await person('钱国华', '13700000104', communityCode, { specialities: ['TIYU'], bio: '太极拳、八段锦社区辅导员。', kind: 'volunteer' });
  await s.instructors.setVetting(ctx, qian.id, { status: 'approved' });
}

/**
 * The demo course library: a dozen real-looking courses at district, street and community level (some
 * featured, some shared, a few with an online video or handout), and one open call for courses.
 */
export async function seedDemoCourses(
  ctx: RequestContext,
  s: { courses: CoursesService; calls: CallsService; files: FilesService; staff: StaffService; regions: RegionsService },
  rootCode: string,
  now: Date,
) {
  const root = await s.regions.get(rootCode);
  const district = root.level === 'city' ? (await s.regions.children(rootCode, { page: 1, pageSize: 1 })).items[0] : root;
  const streets = (await s.regions.children(district.code, { page: 1, pageSize: 200 })).items;
  const street = streets.find((st) => st.code === '330105012') ?? streets[0];
  const community = (await s.regions.children(street.code, { page: 1, pageSize: 1 })).items[0];
  type C = Parameters<CoursesService['create']>[1];
  const base = { description: '', syllabus: '', materialFileIds: [], shared: true, featured: false, status: 'published' as const };
  const list: (Partial<C> & Pick<C, 'title' | 'category' | 'targetGroups' | 'mode' | 'learningHours'>)[] = [
    {
      title: '书法入门（楷书）',
      category: 'SHUHUA',
      targetGroups: ['elderly', 'general'],
      mode: 'offline',
      learningHours: 24,
      featured: true,
      description: '从执笔、基本笔画讲起，临习欧体楷书，掌握结构与章法。',
      syllabus: '第1讲 文房四宝与执笔\n第2讲 横竖撇捺\n第3讲 点与折\n第4讲 结构规律\n第5讲 临帖方法\n第6讲 作品创作',
    },
    {
      title: '国画花鸟基础',
      category: 'SHUHUA',
      targetGroups: ['elderly'],
      mode: 'offline',
      learningHours: 32,
      description: '以写意花鸟为主，学习用笔用墨与构图，兼谈中国画的书法用笔。',
    },
    {
      title: '智能手机应用：看病挂号与移动支付',
      category: 'XINXI',
      targetGroups: ['elderly'],
      mode: 'blended',
      learningHours: 8,
      featured: true,
      description: '帮助老年人跨越数字鸿沟：预约挂号、健康码、移动支付、防范电信诈骗。',
      syllabus: '第1讲 手机基本设置\n第2讲 微信与视频通话\n第3讲 预约挂号\n第4讲 移动支付与防诈骗',
    },
    {
      title: '八段锦健身气功',
      category: 'TIYU',
      targetGroups: ['elderly', 'general'],
      mode: 'online',
      learningHours: 6,
      featured: true,
      description: '国家体育总局推广的健身气功八段锦，跟着视频一式一式练。',
    },
    {
      title: '越剧唱腔欣赏与学唱',
      category: 'SHENGYUE_XIQU',
      targetGroups: ['elderly'],
      mode: 'offline',
      learningHours: 16,
      description: '学唱《梁祝》《红楼梦》经典唱段，了解尹派、袁派等流派特点。',
    },
    {
      title: '家庭教育：与青春期孩子沟通',
      category: 'JIATING',
      targetGroups: ['family'],
      mode: 'online',
      learningHours: 4,
      description: '面向家长的系列讲座：倾听、共情、立规矩与手机使用约定。',
    },
    {
      title: '中式面点制作',
      category: 'ZHIYE',
      targetGroups: ['workers', 'new_citizens'],
      mode: 'offline',
      learningHours: 40,
      description: '包子、饺子、花卷等面点制作技能培训，可对接职业技能等级认定。',
    },
    {
      title: '中医养生与慢病管理',
      category: 'YANGSHENG',
      targetGroups: ['elderly', 'general'],
      mode: 'blended',
      learningHours: 12,
      description: '四季养生、常见慢性病的饮食与运动调理。',
    },
    {
      title: '运河文化与拱墅历史',
      category: 'WENSHI',
      targetGroups: ['general', 'youth'],
      mode: 'offline',
      learningHours: 10,
      description: '走读大运河拱墅段，讲述桥、埠、仓与运河人家的故事。',
      ownerRegionCode: street.code,
    },
    {
      title: '手机摄影与短视频剪辑',
      category: 'SHEYING',
      targetGroups: ['elderly', 'general'],
      mode: 'offline',
      learningHours: 12,
      description: '用手机拍出好照片，学会剪映制作短视频。',
      ownerRegionCode: street.code,
      featured: true,
    },
    {
      title: '葫芦丝入门',
      category: 'QIYUE',
      targetGroups: ['elderly'],
      mode: 'offline',
      learningHours: 16,
      description: '零基础学习葫芦丝指法与简单乐曲。',
      ownerRegionCode: street.code,
      shared: false,
    },
    {
      title: '广场舞基础步伐',
      category: 'WUDAO',
      targetGroups: ['elderly', 'women'],
      mode: 'offline',
      learningHours: 8,
      description: '社区广场舞的基本步伐与队形编排。',
      ownerRegionCode: community?.code ?? street.code,
      shared: false,
    },
    {
      title: '剪纸与传统手工艺',
      category: 'SHOUZUO_JIAZHENG',
      targetGroups: ['children', 'family'],
      mode: 'offline',
      learningHours: 6,
      description: '亲子剪纸，了解非遗手工艺。',
      ownerRegionCode: community?.code ?? street.code,
      status: 'draft',
      shared: false,
    },
  ];
  const created = new Map<string, string>();
  for (const c of list) created.set(c.title, (await s.courses.create(ctx, { ...base, ownerRegionCode: district.code, ...c } as C)).id);

  const video = await s.files.upload(ctx, {
    purpose: 'video',
    filename: '八段锦第一式.mp4',
    headerType: 'video/mp4',
    stream: Readable.from(readFileSync(fileURLToPath(new URL('./assets/lesson.mp4', import.meta.url)))),
  });
  await s.courses.addResource(ctx, created.get('八段锦健身气功')!, {
    kind: 'video',
    title: '第一式 两手托天理三焦',
    fileId: video.id,
    durationSeconds: 20,
    sort: 1,
    status: 'published',
  });
  const handout = await s.files.upload(ctx, {
    purpose: 'document',
    filename: '智能手机防诈骗要点.txt',
    headerType: 'text/plain',
    stream: Readable.from(
      Buffer.from('智能手机防诈骗要点\n\n1. 不点陌生链接。\n2. 不向陌生人转账。\n3. 接到“公检法”电话先挂断，再打 110 核实。\n4. 验证码不告诉任何人。\n'),
    ),
  });
  await s.courses.addResource(ctx, created.get('智能手机应用：看病挂号与移动支付')!, {
    kind: 'document',
    title: '防诈骗要点（讲义）',
    fileId: handout.id,
    sort: 1,
    status: 'published',
  });
  await s.courses.addResource(ctx, created.get('中医养生与慢病管理')!, {
    kind: 'link',
    title: '国家老年大学：养生课程',
    url: 'https://www.ouchn.edu.cn/',
    sort: 1,
    status: 'published',
  });

  const staffPage = (await s.staff.list(ctx, { page: 1, pageSize: 50 })) as { items: { id: string; username: string }[] };
  const reviewers = staffPage.items.filter((u) => u.username === 'leader' || u.username === 'district').map((u) => u.id);
  const call = await s.calls.create(ctx, {
    title: `${now.getFullYear() + 1} 年春季社区教育精品课程征集`,
    requirements: '面向辖区居民，优先老年教育、数字技能与家庭教育课程；每门课程不少于 8 学时，需提供教学大纲与样课视频或讲义。',
    categories: ['XINXI', 'YANGSHENG', 'JIATING', 'SHUHUA'],
    ownerRegionCode: district.code,
    budgetFen: 20_000_000,
    deadline: new Date(now.getTime() + 30 * 24 * 3600 * 1000).toISOString(),
    criteria: [
      { name: '内容质量', maxScore: 40, weight: 2 },
      { name: '师资水平', maxScore: 30, weight: 1 },
      { name: '适用性与特色', maxScore: 30, weight: 1 },
    ],
    reviewerIds: reviewers,
  });
  await s.calls.moveTo(ctx, call.id, 'open');
  await s.calls.submit(ctx, call.id, {
    title: '老年人智能手机进阶：线上政务办理',
    category: 'XINXI',
    targetGroups: ['elderly'],
    mode: 'blended',
    learningHours: 10,
    description: '浙里办、医保电子凭证、线上缴费等。',
    syllabus: '共 5 讲',
    materialFileIds: [],
    supplierName: '杭州某数字技能培训学校',
    quotedPriceFen: 800_000,
  });
}

/**
 * The leading group's work, an award campaign and a learning team for the demo district: the Nankai
 * member units, a reporter for the culture bureau with a task in progress and an overdue one, a
 * learning-star campaign with a nomination at the street stage, and the demo resident's team.
 */
export async function seedProgrammeDemo(
  ctx: RequestContext,
  residentCtx: RequestContext,
  s: { staff: StaffService; governance: GovernanceService; awards: AwardsService; teams: TeamsService; regions: RegionsService },
  districtCode: string,
) {
  await s.governance.loadTemplate(ctx, { template: 'nankai-2021', regionCode: districtCode });
  const units = (await s.governance.listUnits(ctx, { page: 1, pageSize: 50 })).items;
  const unit = (name: string) => units.find((u) => u.name === name)!;
  await s.governance.addGroupMember(ctx, { name: '沙红', position: '副区长', groupRole: 'leader', regionCode: districtCode });
  await s.governance.addGroupMember(ctx, {
    name: '班东江',
    position: '区教育局党委书记、局长',
    groupRole: 'deputy',
    unitId: unit('区教育局').id,
    regionCode: districtCode,
  });
  const reporter = await s.staff.create(
    ctx,
    { username: 'unit', displayName: '区文旅局填报员', role: 'member_unit_reporter', regionCodes: [districtCode], institutionIds: [], password: DEMO_PASSWORD },
    { demoSeed: true },
  );
  await s.governance.bindReporter(ctx, unit('区文化和旅游局').id, reporter.id);
  const culture = await s.governance.createTask(ctx, {
    year: 2026,
    title: '群艺馆、图书馆全年开展老年教育活动',
    ownerUnitId: unit('区文化和旅游局').id,
    dueOn: '2026-12-31',
    targetText: '全年不少于 40 场',
    targetValue: 40,
    targetUnit: '场',
    regionCode: districtCode,
  });
  await s.governance.reportProgress(ctx, culture.id, { text: '上半年在群艺馆开展书画、合唱课程 18 场。', achievedValue: 18, evidenceFileIds: [] });
  await s.governance.createTask(ctx, {
    year: 2026,
    title: '公共体育场馆向老年人免费开放时段公示',
    ownerUnitId: unit('区体育局').id,
    dueOn: '2026-06-30',
    targetText: '各场馆公示免费时段',
    regionCode: districtCode,
  });

  const streets = (await s.regions.children(districtCode, { page: 1, pageSize: 200 })).items;
  const street = streets.find((st) => st.code === '330105012') ?? streets[0];
  const communities = (await s.regions.children(street.code, { page: 1, pageSize: 2 })).items;
  const campaign = await s.awards.createCampaign(ctx, {
    title: '2026年度“百姓学习之星”评选',
    type: 'learning_star',
    year: 2026,
    regionCode: districtCode,
    allowResidentNominations: true,
    quotaCommunity: 2,
    quotaStreet: 2,
    quotaDistrict: 10,
    description: '评选在终身学习中成绩突出、带动身边人共同学习的居民。',
    criteria: [
      { name: '学习事迹', weight: 50 },
      { name: '示范带动', weight: 30 },
      { name: '社会影响', weight: 20 },
    ],
  });
  if (communities[1]) {
    await s.teams.create(residentCtx, {
      name: '天水合唱学习团队',
      category: 'music',
      communityCode: communities[1].code,
      venue: '社区学习点活动室',
      usualTime: '每周四上午 9:30',
      description: '一起学唱、练声，欢迎邻居加入。',
    });
    await s.awards.createNomination(residentCtx, {
      campaignId: campaign.id,
      communityCode: communities[1].code,
      nomineeName: '周凤英',
      nomineeKind: 'person',
      summary: '退休后坚持在社区学校学习书法八年，义务为邻居写春联、教孩子练字。',
      evidenceFileIds: [],
    });
  }
}

/**
 * Classes and events of the demo district: the 2026 autumn and 2027 spring terms, a calligraphy class at the
 * demo resident's community, a few other classes (first come, lottery, approval), and events of a lifelong
 * learning week campaign. Dates follow the start date, so the demo always shows upcoming sessions.
 */
export async function seedDemoOfferings(
  ctx: RequestContext,
  s: {
    offerings: OfferingsService;
    institutions: InstitutionsService;
    venues: VenuesService;
    instructors: InstructorsService;
    courses: CoursesService;
    regions: RegionsService;
  },
  rootCode: string,
  now: Date,
) {
  const root = await s.regions.get(rootCode);
  const district = root.level === 'city' ? (await s.regions.children(rootCode, { page: 1, pageSize: 1 })).items[0] : root;
  const day = (offsetDays: number) => addDays(localTime.date(now), offsetDays);
  const year = Number(day(0).slice(0, 4));
  // The autumn term runs September–January; the spring term February–July.
  const autumnYear = Number(day(0).slice(5, 7)) >= 8 ? year : year - 1;
  const autumn = await s.offerings.createTerm(ctx, {
    name: `${autumnYear} 年秋季学期`,
    ownerRegionCode: district.code,
    startsOn: `${autumnYear}-09-01`,
    endsOn: `${autumnYear + 1}-01-31`,
    maxEnrolmentsPerResident: 2,
  });
  const spring = await s.offerings.createTerm(ctx, {
    name: `${autumnYear + 1} 年春季学期`,
    ownerRegionCode: district.code,
    startsOn: `${autumnYear + 1}-02-20`,
    endsOn: `${autumnYear + 1}-07-10`,
    maxEnrolmentsPerResident: 2,
  });
  await s.offerings.moveTerm(ctx, autumn.id, 'published');
  await s.offerings.moveTerm(ctx, spring.id, 'published');
  // Classes start next week and run to the end of the term that still has at least four weeks left.
  const term = day(28) <= autumn.endsOn ? autumn : spring;
  const from = day(7) > term.startsOn ? day(7) : term.startsOn;
  const to = term.endsOn;

  const venues = (await s.venues.list(ctx, { page: 1, pageSize: 50 })).items;
  const venue = (name: string) => venues.find((v) => v.name === name)?.id ?? null;
  const teachers = (await s.instructors.list(ctx, { page: 1, pageSize: 50 })).items;
  const teacher = (name: string) => teachers.find((t) => t.name === name)?.id ?? null;
  const courses = (await s.courses.list(ctx, { page: 1, pageSize: 50 })).items;
  const course = (title: string) => courses.find((c) => c.title === title)!.id;
  const weekly = (weekdays: number[], startTime: string, endTime: string) => ({ weekdays, startTime, endTime, fromDate: from, toDate: to, skipDates: [] });

  type ClassIn = Extract<Parameters<OfferingsService['create']>[1], { kind: 'class' }>;
  const klass = async (input: Partial<ClassIn> & Pick<ClassIn, 'courseId' | 'schedule' | 'capacity'>, publish = true) => {
    const o = await s.offerings.create(ctx, {
      kind: 'class',
      termId: term.id,
      ...FREE_FIRST_COME,
      cancelCutoffHours: 24,
      completionThreshold: 80,
      ...input,
    } as ClassIn);
    if (publish) await s.offerings.publish(ctx, o.id);
    return o;
  };
  // The calligraphy class is run by the demo street's community school when the demo district has one.
  const streetSchool =
    (await s.institutions.list(ctx, { page: 1, pageSize: 5, type: 'community_school', region: '330105012' }).catch(() => ({ items: [] as { id: string }[] })))
      .items[0]?.id ?? null;
  await klass({
    courseId: course('书法入门（楷书）'),
    title: '书法入门（楷书）班',
    institutionId: streetSchool,
    venueId: venue('社区老年活动室'),
    instructorId: teacher('周墨林'),
    capacity: 20,
    schedule: weekly([2], '09:00', '11:00'),
    eligibility: { minAge: 50 },
    description: '零基础学楷书：执笔、基本笔画、结构与临帖。笔墨纸砚由社区学校提供。',
  });
  await klass({
    courseId: course('智能手机应用：看病挂号与移动支付'),
    title: '智能手机应用班（天水）',
    venueId: venue('街道社区学校报告厅'),
    instructorId: teacher('陆晓燕'),
    capacity: 40,
    schedule: weekly([4], '14:00', '16:00'),
  });
  await klass({
    courseId: course('国画花鸟基础'),
    title: '国画花鸟基础班',
    venueId: venue('区图书馆多功能厅'),
    instructorId: teacher('周墨林'),
    capacity: 30,
    schedule: weekly([3], '09:00', '11:30'),
    enrolmentMode: 'lottery',
    feeCents: 20_000,
    feeWaiver: '持低保证、特困供养证的老人免收学费',
    eligibility: { minAge: 55, regionRoots: [district.code] },
  });
  await klass({
    courseId: course('八段锦健身气功'),
    title: '八段锦晨练班',
    mode: 'offline',
    venueId: venue('社区老年活动室'),
    instructorId: teacher('钱国华'),
    capacity: 25,
    schedule: weekly([5], '08:00', '09:00'),
    enrolmentMode: 'approval',
  });

  const week = await s.offerings.createCampaign(ctx, {
    name: `${year} 年拱墅区全民终身学习活动周`,
    ownerRegionCode: district.code,
    startsOn: day(7),
    endsOn: day(14),
    description: '全区各街道、社区学校联动，举办讲座、参观与展演，人人皆学、处处能学、时时可学。',
  });
  await s.offerings.moveCampaign(ctx, week.id, 'published');
  type EventIn = Extract<Parameters<OfferingsService['create']>[1], { kind: 'event' }>;
  const event = async (input: Partial<EventIn> & Pick<EventIn, 'eventType' | 'title' | 'categoryCode' | 'sessions'>) => {
    const o = await s.offerings.create(ctx, {
      kind: 'event',
      description: '',
      targetGroups: ['general'],
      mode: 'offline',
      capacity: null,
      ...FREE_FIRST_COME,
      cancelCutoffHours: 2,
      completionThreshold: 100,
      campaignId: week.id,
      ...input,
    } as EventIn);
    await s.offerings.publish(ctx, o.id);
  };
  await event({
    eventType: 'lecture',
    title: '运河边的拱墅：千年古运河的故事（讲座）',
    categoryCode: 'WENSHI',
    venueId: venue('区图书馆多功能厅'),
    capacity: 100,
    sessions: [{ date: day(8), startTime: '19:00', endTime: '20:30' }],
    description: '文史专家讲述拱宸桥、富义仓与运河人家的故事，活动周开幕讲座。',
  });
  await event({
    eventType: 'visit',
    title: '运河文化馆参观',
    categoryCode: 'WENSHI',
    venueId: venue('运河文化馆展厅'),
    capacity: 25,
    sessions: [
      { date: day(10), startTime: '09:30', endTime: '11:00' },
      { date: day(12), startTime: '09:30', endTime: '11:00' },
    ],
  });
  await event({
    eventType: 'performance',
    title: '越剧经典唱段展演',
    categoryCode: 'SHENGYUE_XIQU',
    venueId: venue('街道社区学校报告厅'),
    enrolmentMode: 'open',
    sessions: [{ date: day(13), startTime: '18:30', endTime: '20:00' }],
  });
}
