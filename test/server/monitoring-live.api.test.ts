// The leaders' figures follow activity on their own (issue 17, items 1 and 5): residents register, enrol, attend, rate,
// learn online and form a team in one community of a street the demo leaves empty; nobody presses
// 重新计算; the scheduler's tick recomputes, and the dashboard shows every figure as counted by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents, type TestResident } from '../support/residents';
import { rowsOf } from '../../src/server/kernel/rate-limit';
import { idCheckChar } from '../../src/server/kernel/id-card';

let p: TestPlatform;
let district: Record<string, string>;
let S: { code: string; name: string };
let C: { code: string; name: string };
let C2: { code: string; name: string };
let C3: { code: string; name: string };
// A and B are 76 (born 1950), Cc and D 36; all live in community C.
let A: TestResident, B: TestResident, Cc: TestResident, D: TestResident;
let klass: { id: string; sessions: string[] };
let lecture: { id: string; sessions: string[] };

async function at(iso: string) {
  p.clock.advance(new Date(iso).getTime() - p.clock.now().getTime());
  district = await p.login('district');
}
const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
async function publish(body: Record<string, unknown>) {
  const created = ok(await p.request('POST', '/api/offerings', { headers: district, body }), 201);
  ok(await p.request('POST', `/api/offerings/${created.id}/publish`, { headers: district }));
  return { id: created.id as string, sessions: (await p.services.offerings.sessions(created.id)).map((s) => s.id) };
}
const enrol = async (offeringId: string, who: TestResident, body: Record<string, unknown> = {}) => {
  const res = await p.request('POST', `/api/offerings/${offeringId}/enrolments`, { headers: who.headers, body });
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  return res.body;
};
const mark = (sessionId: string, marks: [TestResident, 'present' | 'absent'][]) =>
  p
    .request('POST', `/api/offering-sessions/${sessionId}/attendance`, {
      headers: district,
      body: { marks: marks.map(([r, status]) => ({ residentId: r.id, status })) },
    })
    .then((r) => ok(r));
const overview = async (code: string) => ok(await p.request('GET', `/api/monitoring/overview?region=${code}&year=2026`, { headers: district }));
const results = async (code: string) => ok(await p.request('GET', `/api/monitoring/results?region=${code}&year=2026`, { headers: district }));
const value = (r: { items: { code: string; value: number | null }[] }, code: string) => r.items.find((i) => i.code === code)!.value;

beforeAll(async () => {
  p = await startTestPlatform();
  await at('2026-11-23T10:00:00+08:00');
  const streets = ok(await p.request('GET', '/api/regions/330105/children?pageSize=100', { headers: district })).items;
  S = streets[streets.length - 1]; // the demo puts no institution, class or team here
  [C, C2, C3] = ok(await p.request('GET', `/api/regions/${S.code}/children?pageSize=3`, { headers: district })).items;
  ok(await p.request('PUT', `/api/regions/${C.code}/populations/2026`, { headers: district, body: { total: 1_000, age60plus: 200, source: '社区填报' } }));
  [A, B] = await createResidents(p, 2, { homeRegionCode: C.code, birthYear: 1950, namePrefix: '长者' });
  [Cc, D] = await createResidents(p, 2, { homeRegionCode: C.code, birthYear: 1990, namePrefix: '居民' });
}, 240_000);
afterAll(() => p.close());

describe('figures follow activity without anyone pressing a button', () => {
  it('before any activity the street reads no learners, and the figures carry when they were computed', async () => {
    expect(await p.scheduler.tick()).toContain('indicators-refresh');
    const o = await overview(S.code);
    expect(o.headline.find((f: any) => f.code === 'LEARNERS').value).toBe(0);
    expect(o.computedAt).toBe(new Date('2026-11-23T02:00:00Z').toISOString());
    expect(o.headline.find((f: any) => f.code === 'LEARNERS').computedAt).toBe(o.computedAt);
    // Within the interval another tick (another process) does not recompute.
    expect(await p.scheduler.tick()).not.toContain('indicators-refresh');
  });

  it('enrolment, attendance, ratings, online learning and a team move the dashboard at the next scheduled run', async () => {
    // A class of smart-phone use for three, on Wednesday 25 and Thursday 26 November; D comes fourth and waits.
    const term = ok(
      await p.request('POST', '/api/terms', { headers: district, body: { name: '2026 冬季学期（测试）', startsOn: '2026-11-01', endsOn: '2027-01-31' } }),
      201,
    );
    ok(await p.request('POST', `/api/terms/${term.id}/publish`, { headers: district }));
    const course = ok(
      await p.request('POST', '/api/courses', {
        headers: district,
        body: {
          title: '智能手机入门',
          category: 'XINXI',
          targetGroups: ['elderly'],
          mode: 'online',
          learningHours: 4,
          description: '',
          syllabus: '',
          ownerRegionCode: S.code,
          status: 'published',
        },
      }),
      201,
    );
    const window = {
      enrolmentMode: 'first_come',
      enrolmentOpensAt: '2026-11-20T00:00:00+08:00',
      enrolmentClosesAt: '2026-11-24T23:00:00+08:00',
      cancelCutoffHours: 0,
    };
    klass = await publish({
      kind: 'class',
      termId: term.id,
      courseId: course.id,
      title: '智能手机入门班',
      categoryCode: 'XINXI',
      regionCode: C.code,
      mode: 'online',
      capacity: 3,
      completionThreshold: 80,
      schedule: { weekdays: [3, 4], startTime: '09:00', endTime: '11:00', fromDate: '2026-11-25', toDate: '2026-11-26' },
      ...window,
    });
    expect(klass.sessions).toHaveLength(2);
    for (const r of [A, B, Cc]) await enrol(klass.id, r);
    expect((await enrol(klass.id, D, { joinWaitlist: true })).status).toBe('waitlisted');
    // The lifelong-learning week, with a lecture in the community (no seat limit).
    const week = ok(
      await p.request('POST', '/api/campaigns', {
        headers: district,
        body: { name: '2026 年测试街道全民终身学习活动周', ownerRegionCode: S.code, startsOn: '2026-11-24', endsOn: '2026-11-30' },
      }),
      201,
    );
    ok(await p.request('POST', `/api/campaigns/${week.id}/publish`, { headers: district }));
    lecture = await publish({
      kind: 'event',
      eventType: 'lecture',
      title: '运河文化讲座',
      categoryCode: 'WENSHI',
      regionCode: C.code,
      mode: 'online',
      campaignId: week.id,
      sessions: [{ date: '2026-11-25', startTime: '19:00', endTime: '20:30' }],
      ...window,
    });
    for (const r of [Cc, D]) await enrol(lecture.id, r);
    // A fifth resident registers through the portal's own flow.
    await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13700000555', purpose: 'register' } });
    ok(
      await p.request('POST', '/api/residents', {
        body: {
          phone: '13700000555',
          smsCode: p.sms.lastCode('13700000555'),
          password: 'Learn2026x',
          realName: '周新',
          idNumber: '33010519900101123' + idCheckChar('33010519900101123'),
          homeRegionCode: C.code,
          acceptPrivacyNotice: true,
        },
      }),
      201,
    );
    // A team, and online learning on a link of a course of the street.
    ok(
      await p.request('POST', '/api/learning-teams', {
        headers: A.headers,
        body: { name: '长者智能手机互助组', category: 'calligraphy_painting', communityCode: C.code, venue: '社区活动室', usualTime: '每周五上午' },
      }),
      201,
    );
    const resource = ok(
      await p.request('POST', `/api/courses/${course.id}/resources`, {
        headers: district,
        body: { kind: 'link', title: '微信视频通话', url: 'https://example.org/wechat' },
      }),
      201,
    );
    ok(await p.request('PUT', `/api/resources/${resource.id}/progress`, { headers: A.headers, body: { secondsSpent: 600, opened: true } }));
    ok(await p.request('PUT', `/api/resources/${resource.id}/progress`, { headers: B.headers, body: { secondsSpent: 1_200, opened: true } }));
    // Teaching points: an unstaffed one in C, one with two staff in C3, none in C2.
    ok(
      await p.request('POST', '/api/institutions', {
        headers: district,
        body: { name: `${C.name}教学点`, type: 'learning_point', regionCode: C.code, fullTimeStaff: 0, partTimeStaff: 0 },
      }),
      201,
    );
    ok(
      await p.request('POST', '/api/institutions', {
        headers: district,
        body: { name: `${C3.name}教学点`, type: 'learning_point', regionCode: C3.code, fullTimeStaff: 1, partTimeStaff: 1 },
      }),
      201,
    );

    // The sessions happen; staff mark them afterwards: session 1 A and B present, Cc absent; session 2 only A.
    await at('2026-11-26T12:00:00+08:00');
    await mark(klass.sessions[0], [
      [A, 'present'],
      [B, 'present'],
      [Cc, 'absent'],
    ]);
    await mark(klass.sessions[1], [
      [A, 'present'],
      [B, 'absent'],
    ]);
    await mark(lecture.sessions[0], [
      [Cc, 'present'],
      [D, 'present'],
    ]);
    ok(await p.request('PUT', `/api/offerings/${klass.id}/my-rating`, { headers: A.headers, body: { stars: 5 } }));
    ok(await p.request('PUT', `/api/offerings/${lecture.id}/my-rating`, { headers: Cc.headers, body: { stars: 2 } }));
    ok(await p.request('PUT', `/api/offerings/${lecture.id}/my-rating`, { headers: D.headers, body: { stars: 4 } }));

    // Nobody presses 重新计算: the next scheduled run (three days later) recomputes.
    expect(await p.scheduler.tick()).toContain('indicators-refresh');
    const o = await overview(S.code);
    expect(o.computedAt).toBe(new Date('2026-11-26T04:00:00Z').toISOString());
    // Learners: A completed the class (2 of 2 sessions ≥ 80 %), Cc and D attended the lecture; B (1 of 2) has no record yet.
    expect(o.headline.find((f: any) => f.code === 'LEARNERS').value).toBe(3);

    const c = await results(C.code);
    expect(value(c, 'LEARNERS')).toBe(3);
    expect(value(c, 'I23')).toBe(1); // one active team
    expect(value(c, 'I25')).toBe(15); // (10 + 20 minutes) / 2 learners online
    expect(value(c, 'I26')).toBeCloseTo((1 / 200) * 100, 10); // A, 76, completed a smart-tech class; 200 residents 60+
    expect(value(c, 'I28')).toBeCloseTo((2 / 3) * 100, 10); // 5 and 4 stars of 5, 4, 2
    expect(value(c, 'I29')).toBe(50); // 3 present of 3 enrolled × 2 sessions
    expect(value(c, 'I30')).toBeCloseTo((1 / 3) * 100, 10); // A of A, B, Cc once the class has ended
    expect(value(c, 'I31')).toBe(100); // 3 seats of 3; the lecture has no limit
    expect(value(c, 'I32')).toBeCloseTo((2 / 12) * 100, 10); // XINXI and WENSHI of the 12 categories
    expect(value(c, 'I33')).toBe(2); // Cc and D at the week's lecture
    expect(value(c, 'REGISTERED')).toBe(5);
    expect(value(c, 'I24')).toBeCloseTo((5 / 1_000) * 100, 10); // 5 registered of 1,000 residents
    expect(value(c, 'I06')).toBe(0); // its one teaching point has no staff
    // The credit bank's rate is its depositors over the learners, whatever the standards credit.
    const credited = value(c, 'CREDITED') as number;
    expect(value(c, 'I34')).toBeCloseTo((credited / 3) * 100, 10);
    const s = await results(S.code);
    const communities = ok(await p.request('GET', `/api/regions/${S.code}/children?pageSize=200`, { headers: district })).items.length;
    expect(value(s, 'I10')).toBeCloseTo((2 / communities) * 100, 10); // C and C3 have a teaching point
    expect(value(s, 'I27')).toBe(1); // one published online course owned by the street
    expect(value(s, 'POINT_STAFF')).toBe(2); // 0 + 2 over the street's two teaching points
    expect(value(s, 'I06')).toBe(50); // one of two teaching points staffed
    expect(value(s, 'STREET_SCHOOL_STAFF')).toBeNull(); // no street school: no staff figure, no shortfall
    // The fill rate's detail counts the waitlist: D waits for the class.
    const fill = await p.request('GET', `/api/monitoring/results/I31/provenance?region=${C.code}&year=2026`, { headers: district });
    expect(fill.body.provenance.detail).toMatchObject({ numerator: 3, denominator: 3, waitlisted: 1, waitlistRate: (1 / 3) * 100 });

    // Only the community with an unstaffed teaching point is flagged; a community without one is not.
    const pointAlerts = o.alerts.filter((a: any) => a.indicator === 'POINT_STAFF').map((a: any) => a.regionCode);
    expect(pointAlerts).toEqual([C.code]);
    expect(value(await results(C2.code), 'POINT_STAFF')).toBeNull();
    expect(o.alerts.filter((a: any) => a.indicator === 'STREET_SCHOOL_STAFF')).toEqual([]);
  });

  it('categories counted against are the 12 of the shipped taxonomy', async () => {
    expect(rowsOf<{ n: number }>(await p.db.execute(sql`select count(*)::int as n from course_categories where active`))[0].n).toBe(12);
  });
});
