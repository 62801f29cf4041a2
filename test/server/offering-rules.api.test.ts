// The class editor's rules on the server: only vetted instructors are assigned, and a class set up the
// day it starts still gets a usable enrolment window by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
const ids = {} as { term: string; course: string; room: string; vetted: string; pending: string };
const post = (url: string, headers: Record<string, string>, body?: unknown) => p.request('POST', url, { headers, body });
const count = async (sql: string) => Number(((await p.db.execute(sql)) as unknown as { rows: { n: number }[] }).rows[0].n);

// The test clock stands at Monday 2026-11-23 10:00 Shanghai time.
const classBody = (over: Record<string, unknown> = {}) => ({
  kind: 'class',
  termId: ids.term,
  courseId: ids.course,
  venueId: ids.room,
  instructorId: ids.vetted,
  capacity: 20,
  schedule: { weekdays: [3], startTime: '09:00', endTime: '11:00', fromDate: '2026-12-02', toDate: '2026-12-30', skipDates: [] },
  ...over,
});

beforeAll(async () => {
  p = await startTestPlatform({ demo: true });
  district = await p.login('district');
  const term = await post('/api/terms', district, { name: '规则测试学期', startsOn: '2026-09-01', endsOn: '2027-01-31' });
  ids.term = term.body.id;
  await post(`/api/terms/${ids.term}/publish`, district);
  ids.room = (
    await post('/api/venues', district, {
      name: '规则测试教室',
      ownerRegionCode: '330105',
      regionCode: '330105012',
      unitKind: 'institution',
      capacity: 40,
      approvalRequired: false,
    })
  ).body.id;
  ids.vetted = (
    await post('/api/instructors', district, {
      name: '已审核教师',
      kind: 'part_time',
      phone: '13755550201',
      specialities: ['SHUHUA'],
      ownerRegionCode: '330105',
      shared: true,
    })
  ).body.id;
  await post(`/api/instructors/${ids.vetted}/vetting`, district, { status: 'approved' });
  ids.pending = (
    await post('/api/instructors', district, {
      name: '待审核教师',
      kind: 'part_time',
      phone: '13755550202',
      specialities: ['SHUHUA'],
      ownerRegionCode: '330105',
      shared: true,
    })
  ).body.id;
  ids.course = (await p.request('GET', '/api/courses?q=' + encodeURIComponent('书法入门'), { headers: district })).body.items[0].id;
}, 240_000);
afterAll(() => p.close());

describe('class rules', () => {
  it('refuses an instructor who has not been vetted, naming the field, and writes nothing', async () => {
    const before = await count('select count(*)::int as n from offerings');
    const res = await post('/api/offerings', district, classBody({ instructorId: ids.pending }));
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual({ instructorId: '该教师尚未通过审核，只能安排已审核的教师' });
    const en = await p.request('POST', '/api/offerings', { headers: { ...district, 'accept-language': 'en' }, body: classBody({ instructorId: ids.pending }) });
    expect(en.body.error.details.fields.instructorId).toBe('This instructor has not been vetted yet; only vetted instructors can be assigned.');
    expect(await count('select count(*)::int as n from offerings')).toBe(before);
    expect((await post('/api/offerings', district, classBody())).status).toBe(201);
  });

  it('keeps enrolment open a week for a class set up the day it starts, and until the first session otherwise', async () => {
    const soon = await post(
      '/api/offerings',
      district,
      classBody({ schedule: { weekdays: [1], startTime: '10:25', endTime: '11:25', fromDate: '2026-11-23', toDate: '2026-12-28', skipDates: [] } }),
    );
    expect(soon.status, JSON.stringify(soon.body)).toBe(201);
    expect(soon.body.enrolmentClosesAt).toBe('2026-11-30T02:00:00.000Z');
    const later = await post(
      '/api/offerings',
      district,
      classBody({ schedule: { weekdays: [4], startTime: '09:00', endTime: '11:00', fromDate: '2026-12-03', toDate: '2026-12-31', skipDates: [] } }),
    );
    expect(later.body.enrolmentClosesAt, JSON.stringify(later.body)).toBe('2026-12-03T01:00:00.000Z');
    // A one-off event starting soon closes when it starts: there is nothing to join afterwards.
    const event = await post('/api/offerings', district, {
      kind: 'event',
      eventType: 'lecture',
      categoryCode: 'SHUHUA',
      title: '临时讲座',
      venueId: ids.room,
      capacity: 30,
      sessions: [{ date: '2026-11-23', startTime: '14:00', endTime: '15:00' }],
    });
    expect(event.status, JSON.stringify(event.body)).toBe(201);
    expect(event.body.enrolmentClosesAt).toBe('2026-11-23T06:00:00.000Z');
    // Staff may still set the window themselves.
    const set = await post(
      '/api/offerings',
      district,
      classBody({
        schedule: { weekdays: [5], startTime: '09:00', endTime: '11:00', fromDate: '2026-12-04', toDate: '2026-12-25', skipDates: [] },
        enrolmentOpensAt: '2026-11-24T00:00:00+08:00',
        enrolmentClosesAt: '2026-11-28T18:00:00+08:00',
      }),
    );
    expect(set.body).toMatchObject({ enrolmentOpensAt: '2026-11-23T16:00:00.000Z', enrolmentClosesAt: '2026-11-28T10:00:00.000Z' });
  });
});
