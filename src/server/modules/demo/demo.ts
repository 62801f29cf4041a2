// A demo district an evaluator can log into at once: a few real-named institutions placed in the
// real division tree, one staff account per role, and one resident. Created through the same
// services as any staff action, so every row is audited like real work.
import type { RequestContext } from '../../kernel/actor';
import { idCheckChar } from '../../kernel/id-card';
import type { InstitutionsService } from '../institutions/index';
import type { StaffService } from '../accounts/index';
import type { RegionsService } from '../regions/index';
import type { GovernanceService } from '../governance/index';
import type { AwardsService } from '../awards/index';
import type { TeamsService } from '../teams/index';

export const DEMO_PASSWORD = 'Demo#2026';

export async function seedDemo(ctx: RequestContext, s: { regions: RegionsService; institutions: InstitutionsService; staff: StaffService; seedResident: (input: { phone: string; password: string; realName: string; idNumber: string; homeRegionCode: string }) => Promise<void> }, rootCode: string) {
  const root = await s.regions.get(rootCode);
  // In a city installation the demo uses its first district.
  const district = root.level === 'city' ? (await s.regions.children(rootCode, { page: 1, pageSize: 1 })).items[0] : root;
  const streets = (await s.regions.children(district.code, { page: 1, pageSize: 200 })).items;
  const shortName = district.name.replace(/^.+?市/, '');

  const inst = (name: string, type: Parameters<InstitutionsService['create']>[1]['type'], regionCode: string, extra: Partial<Parameters<InstitutionsService['create']>[1]> = {}) =>
    s.institutions.create(ctx, { name, type, regionCode, fullTimeStaff: 0, partTimeStaff: 0, ...extra });

  await inst(`${shortName}社区学院`, 'community_college', district.code, { fullTimeStaff: 12, partTimeStaff: 30, floorAreaM2: 3200, openingHours: '周一至周五 8:30-17:00' });
  await inst(`${shortName}老年大学`, 'elderly_university', district.code, { fullTimeStaff: 8, partTimeStaff: 45, floorAreaM2: 2600, openingHours: '周一至周六 8:00-17:00' });
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
  const account = (username: string, displayName: string, role: Parameters<StaffService['create']>[1]['role'], regionCodes: string[], institutionIds: string[] = []) =>
    s.staff.create(ctx, { username, displayName, role, regionCodes, institutionIds, password: DEMO_PASSWORD });
  await account('district', `${shortName}社区教育办公室`, 'region_admin', [district.code]);
  await account('street', `${demoStreet.name}管理员`, 'region_admin', [demoStreet.code]);
  await account('school', '社区学校教务', 'institution_staff', [], [firstSchoolId]);
  await account('leader', '分管领导', 'leader', [district.code]);
  // Two community administrators under the demo street, for the first level of award nominations.
  const demoCommunities = (await s.regions.children(demoStreet.code, { page: 1, pageSize: 2 })).items;
  for (const [i, c] of demoCommunities.entries()) await account(`community${i + 1}`, `${c.name}管理员`, 'region_admin', [c.code]);

  const home = (await s.regions.children(demoStreet.code, { page: 1, pageSize: 1 })).items[0];
  const first17 = `${district.code.slice(0, 6)}19580314002`;
  await s.seedResident({ phone: '13900000001', password: DEMO_PASSWORD, realName: '王秀英', idNumber: first17 + idCheckChar(first17), homeRegionCode: home.code });
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
  await s.governance.loadTemplate(ctx, { regionCode: districtCode });
  const units = (await s.governance.listUnits(ctx, { page: 1, pageSize: 50 })).items;
  const unit = (name: string) => units.find((u) => u.name === name)!;
  await s.governance.addGroupMember(ctx, { name: '沙红', position: '副区长', groupRole: 'leader', regionCode: districtCode });
  await s.governance.addGroupMember(ctx, { name: '班东江', position: '区教育局党委书记、局长', groupRole: 'deputy', unitId: unit('区教育局').id, regionCode: districtCode });
  const reporter = await s.staff.create(ctx, { username: 'unit', displayName: '区文旅局填报员', role: 'member_unit_reporter', regionCodes: [districtCode], institutionIds: [], password: DEMO_PASSWORD });
  await s.governance.bindReporter(ctx, unit('区文化和旅游局').id, reporter.id);
  const culture = await s.governance.createTask(ctx, {
    year: 2026, title: '群艺馆、图书馆全年开展老年教育活动', ownerUnitId: unit('区文化和旅游局').id, dueOn: '2026-12-31', targetText: '全年不少于 40 场', targetValue: 40, targetUnit: '场', regionCode: districtCode,
  });
  await s.governance.reportProgress(ctx, culture.id, { text: '上半年在群艺馆开展书画、合唱课程 18 场。', achievedValue: 18, evidenceFileIds: [] });
  await s.governance.createTask(ctx, {
    year: 2026, title: '公共体育场馆向老年人免费开放时段公示', ownerUnitId: unit('区体育局').id, dueOn: '2026-06-30', targetText: '各场馆公示免费时段', regionCode: districtCode,
  });

  const streets = (await s.regions.children(districtCode, { page: 1, pageSize: 200 })).items;
  const street = streets.find((st) => st.code === '330105012') ?? streets[0];
  const communities = (await s.regions.children(street.code, { page: 1, pageSize: 2 })).items;
  const campaign = await s.awards.createCampaign(ctx, {
    title: '2026年度“百姓学习之星”评选', type: 'learning_star', year: 2026, regionCode: districtCode, allowResidentNominations: true, quotaCommunity: 2, quotaStreet: 2, quotaDistrict: 10,
    description: '评选在终身学习中成绩突出、带动身边人共同学习的居民。', criteria: [{ name: '学习事迹', weight: 50 }, { name: '示范带动', weight: 30 }, { name: '社会影响', weight: 20 }],
  });
  if (communities[1]) {
    await s.teams.create(residentCtx, { name: '天水合唱学习团队', category: 'music', communityCode: communities[1].code, venue: '社区学习点活动室', usualTime: '每周四上午 9:30', description: '一起学唱、练声，欢迎邻居加入。' });
    await s.awards.createNomination(residentCtx, {
      campaignId: campaign.id, communityCode: communities[1].code, nomineeName: '周凤英', nomineeKind: 'person', summary: '退休后坚持在社区学校学习书法八年，义务为邻居写春联、教孩子练字。', evidenceFileIds: [],
    });
  }
}
