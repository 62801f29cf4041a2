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

export const DEMO_PASSWORD = 'Demo#2026';

export async function seedDemo(ctx: RequestContext, s: {
  regions: RegionsService; institutions: InstitutionsService; staff: StaffService; venues: VenuesService; bookings: BookingsService; instructors: InstructorsService; now: Date; seedResident: (input: { phone: string; password: string; realName: string; idNumber: string; homeRegionCode: string }) => Promise<void> }, rootCode: string) {
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

  const home = (await s.regions.children(demoStreet.code, { page: 1, pageSize: 1 })).items[0];
  const first17 = `${district.code.slice(0, 6)}19580314002`;
  await s.seedResident({ phone: '13900000001', password: DEMO_PASSWORD, realName: '王秀英', idNumber: first17 + idCheckChar(first17), homeRegionCode: home.code });

  await seedPools(ctx, s, district.code, demoStreet.code, home.code);
}

/** A few venues and instructors at district, street and community level, some shared downwards, and a booking. */
async function seedPools(ctx: RequestContext, s: { venues: VenuesService; bookings: BookingsService; instructors: InstructorsService; now: Date }, districtCode: string, streetCode: string, communityCode: string) {
  const venue = (name: string, ownerRegionCode: string, regionCode: string, extra: Partial<Parameters<VenuesService['create']>[1]> = {}) =>
    s.venues.create(ctx, { name, ownerRegionCode, regionCode, unitKind: 'institution', shared: false, facilities: [], stepFree: false, lift: false, hearingLoop: false, photoIds: [], bookable: true, approvalRequired: true, ...extra });
  await venue('区图书馆多功能厅', districtCode, streetCode, { unitKind: 'library', unitName: '区图书馆', capacity: 120, floorAreaM2: 260, facilities: ['投影', '音响', '钢琴'], stepFree: true, lift: true, hearingLoop: true, shared: true, openingHours: '周二至周日 9:00-20:30' });
  await venue('运河文化馆展厅', districtCode, districtCode, { unitKind: 'museum', unitName: '运河文化馆', capacity: 60, stepFree: true, shared: true });
  const hall = await venue('街道社区学校报告厅', streetCode, streetCode, { capacity: 80, floorAreaM2: 150, facilities: ['投影', '音响'], stepFree: true, approvalRequired: false, shared: true });
  await venue('社区老年活动室', streetCode, communityCode, { unitKind: 'community_centre', capacity: 30, floorAreaM2: 60, stepFree: true });
  // Tomorrow 9:00–11:00 Shanghai time.
  const day = new Date(s.now.getTime() + 86_400_000).toISOString().slice(0, 10);
  await s.bookings.request(ctx, { venueId: hall.id, startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T11:00:00+08:00`, purpose: 'class', title: '书法入门班（第 1 课）' });

  const person = (name: string, phone: string, ownerRegionCode: string, extra: Partial<Parameters<InstructorsService['create']>[1]>) =>
    s.instructors.create(ctx, { name, phone, ownerRegionCode, kind: 'part_time', specialities: ['SHUHUA'], languages: ['普通话'], certificateFileIds: [], availability: [], shared: false, ...extra });
  const teacher = await person('周墨林', '13700000101', districtCode, { bio: '书法家协会会员，从事老年书法教学十五年，擅长楷书、隶书。', qualifications: '中国书法家协会会员', availability: [{ weekday: 2, from: '09:00', to: '11:30' }, { weekday: 4, from: '14:00', to: '16:30' }], shared: true });
  await s.instructors.setVetting(ctx, teacher.id, { status: 'approved' });
  await person('沈雅琴', '13700000102', districtCode, { specialities: ['QIYUE'], bio: '古筝、琵琶教师，音乐学院毕业。', kind: 'full_time', shared: true });
  await person('陆晓燕', '13700000103', streetCode, { specialities: ['XINXI'], bio: '智能手机使用、防范电信诈骗课程志愿讲师。', kind: 'volunteer', languages: ['普通话', '杭州话'] });
  await person('钱国华', '13700000104', communityCode, { specialities: ['TIYU'], bio: '太极拳、八段锦社区辅导员。', kind: 'volunteer' });
}
