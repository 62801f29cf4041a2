// Terms, classes and events on a real database: sessions generated in Shanghai time with the venue booked for
// each, double booking of venue and instructor refused, capacity bounded by the venue, the public catalogue's
// filters, search and near-home order, the staff scope, and seats taken atomically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let resident: Record<string, string>;
let other: Record<string, string>;
const ids = {} as { term: string; course: string; room: string; hall: string; teacher: string; otherVenue: string; calligraphy: string; campaign: string };

const get = (url: string, headers?: Record<string, string>) => p.request('GET', url, { headers });
const post = (url: string, headers: Record<string, string>, body?: unknown) => p.request('POST', url, { headers, body });
const count = async (sql: string) => Number(((await p.db.execute(sql)) as unknown as { rows: { n: number }[] }).rows[0].n);

const classBody = (over: Record<string, unknown> = {}) => ({
  kind: 'class',
  termId: ids.term,
  courseId: ids.course,
  venueId: ids.room,
  instructorId: ids.teacher,
  capacity: 20,
  schedule: { weekdays: [2], startTime: '09:00', endTime: '11:00', fromDate: '2026-12-01', toDate: '2026-12-29', skipDates: ['2026-12-15'] },
  ...over,
});

beforeAll(async () => {
  p = await startTestPlatform({ demo: true });
  district = await p.login('district');
  street = await p.login('street');
  resident = await p.login('13900000001');
  const admin = await p.login('admin');
  await post('/api/staff-accounts', admin, {
    username: 'mishixiang',
    displayName: '米市巷管理员',
    role: 'region_admin',
    regionCodes: ['330105001'],
    password: 'Other2026x',
  });
  other = await p.login('mishixiang', 'Other2026x');
  // Its own venues and instructor, so the demo district's classes never share their time.
  ids.room = (
    await post('/api/venues', street, {
      name: '灯芯巷社区书画教室',
      ownerRegionCode: '330105012',
      regionCode: '330105012001',
      unitKind: 'community_centre',
      capacity: 30,
      stepFree: true,
      approvalRequired: false,
    })
  ).body.id;
  ids.hall = (
    await post('/api/venues', street, {
      name: '天水街道学习中心大教室',
      ownerRegionCode: '330105012',
      regionCode: '330105012',
      unitKind: 'institution',
      capacity: 100,
      approvalRequired: false,
    })
  ).body.id;
  const teacher = (
    await post('/api/instructors', district, {
      name: '测试书法教师',
      kind: 'part_time',
      phone: '13755550123',
      specialities: ['SHUHUA'],
      ownerRegionCode: '330105',
      shared: true,
      bio: '楷书',
    })
  ).body;
  await post(`/api/instructors/${teacher.id}/vetting`, district, { status: 'approved' });
  ids.teacher = teacher.id;
  ids.course = (await get('/api/courses?q=' + encodeURIComponent('书法入门'), district)).body.items[0].id;
  ids.otherVenue = (
    await post('/api/venues', other, {
      name: '米市巷社区学校教室',
      ownerRegionCode: '330105001',
      regionCode: '330105001051',
      unitKind: 'institution',
      capacity: 40,
      approvalRequired: false,
    })
  ).body.id;
  if (Object.values(ids).filter(Boolean).length < 5) throw new Error('demo fixtures missing ' + JSON.stringify(ids));
}, 240_000);
afterAll(() => p.close());

describe('terms and campaigns', () => {
  it('creates and publishes a district term; the street sees it but cannot change it', async () => {
    const res = await post('/api/terms', district, {
      name: '2026 年秋季学期（测试）',
      startsOn: '2026-09-01',
      endsOn: '2027-01-31',
      maxEnrolmentsPerResident: 2,
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    ids.term = res.body.id;
    const stale = await p.request('PATCH', `/api/terms/${ids.term}`, { headers: { ...district, 'if-match': '"7"' }, body: { name: '改名' } });
    expect(stale.status).toBe(409);
    expect((await post(`/api/terms/${ids.term}/publish`, district)).body.status).toBe('published');
    const seen = (await get('/api/terms?pageSize=50', street)).body.items.find((t: { id: string }) => t.id === ids.term);
    expect(seen).toMatchObject({ canEdit: false, status: 'published' });
    expect((await p.request('PATCH', `/api/terms/${ids.term}`, { headers: street, body: { name: '改名' } })).status).toBe(403);
    const bad = await post('/api/terms', district, { name: '倒置学期', startsOn: '2027-01-31', endsOn: '2026-09-01' });
    expect(bad.body.error.details.fields.endsOn).toBe('学期结束日期必须晚于开始日期');
  });

  it('creates a lifelong learning week campaign', async () => {
    const res = await post('/api/campaigns', district, {
      name: '全民终身学习活动周（测试）',
      startsOn: '2026-12-07',
      endsOn: '2026-12-13',
      description: '全区联动',
    });
    expect(res.status).toBe(201);
    ids.campaign = res.body.id;
    await post(`/api/campaigns/${ids.campaign}/publish`, district);
    expect((await get('/api/catalog/campaigns?pageSize=50')).body.items.map((c: { id: string }) => c.id)).toContain(ids.campaign);
  });
});

describe("terms and campaigns stay within the author's scope (issue 14)", () => {
  it('institution staff file terms only where their institution stands, and no campaigns; nothing is written on refusal', async () => {
    const school = await p.login('school');
    const me = (await get('/api/auth/me', school)).body;
    const schoolRegion: string = (await get(`/api/institutions/${me.scopes[0].institutionId}`, await p.login('admin'))).body.regionCode;
    const before = (await count('select count(*)::int as n from terms')) + (await count('select count(*)::int as n from campaigns'));
    for (const ownerRegionCode of ['330105', schoolRegion.startsWith('330105012') ? '330105001' : '330105012']) {
      const term = await post('/api/terms', school, { name: '越权学期', ownerRegionCode, startsOn: '2026-12-01', endsOn: '2027-01-31' });
      expect(term.status, ownerRegionCode).toBe(422);
      expect(term.body.error.details.fields.ownerRegionCode).toBe('该区划不在您的管理范围内');
      const campaign = await post('/api/campaigns', school, { name: '越权活动周', ownerRegionCode, startsOn: '2026-12-07', endsOn: '2026-12-13' });
      expect(campaign.status, ownerRegionCode).toBe(422);
      expect(campaign.body.error.code).toBeTruthy();
    }
    expect((await post('/api/campaigns', school, { name: '学校活动周', startsOn: '2026-12-07', endsOn: '2026-12-13' })).status).toBe(422);
    expect((await count('select count(*)::int as n from terms')) + (await count('select count(*)::int as n from campaigns'))).toBe(before);
    // Their own institution's term, where it stands: created, changed and published.
    const own = await post('/api/terms', school, { name: '社区学校冬季学期', startsOn: '2026-12-01', endsOn: '2027-01-31' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ ownerRegionCode: schoolRegion, ownerInstitutionId: me.scopes[0].institutionId, canEdit: true });
    expect((await post(`/api/terms/${own.body.id}/publish`, school)).status).toBe(200);
  });

  it("a term filed under the district for an institution is not the institution's to publish", async () => {
    const school = await p.login('school');
    const institutionId = (await get('/api/auth/me', school)).body.scopes[0].institutionId;
    // An office may file a plan for an institution only where that institution stands.
    const misplaced = await post('/api/terms', district, {
      name: '错位学期',
      ownerRegionCode: '330105',
      ownerInstitutionId: institutionId,
      startsOn: '2026-12-01',
      endsOn: '2027-01-31',
    });
    expect(misplaced.status).toBe(422);
    expect(misplaced.body.error.details.fields.ownerInstitutionId).toBeTruthy();
    // Rows written before the check (or by hand) do not let the institution act for the district.
    const id = crypto.randomUUID();
    await p.db.execute(
      `insert into terms (id, owner_region_code, owner_institution_id, name, starts_on, ends_on, status, created_at, updated_at) values ('${id}', '330105', '${institutionId}', '旧的错位学期', '2026-12-01', '2027-01-31', 'draft', now(), now())`,
    );
    // The district's plans are visible to the school (read-only), so the refusal is 403.
    expect((await post(`/api/terms/${id}/publish`, school)).status).toBe(403);
    expect((await p.request('PATCH', `/api/terms/${id}`, { headers: school, body: { name: '改名' } })).status).toBe(403);
    expect((await get(`/api/terms/${id}`, school)).body.canEdit).toBe(false);
    expect(await count(`select count(*)::int as n from terms where id = '${id}' and status = 'draft' and name = '旧的错位学期'`)).toBe(1);
  });
});

describe('classes', () => {
  it('generates the sessions of a weekly schedule in Shanghai time and books the venue for each', async () => {
    const res = await post('/api/offerings', street, classBody());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.calligraphy = res.body.id;
    expect(res.body).toMatchObject({
      title: '书法入门（楷书）',
      categoryCode: 'SHUHUA',
      regionCode: '330105012001',
      capacity: 20,
      seatsLeft: 20,
      status: 'draft',
      totalHours: 8,
      weekdays: [2],
      dayParts: ['morning'],
    });
    expect(res.body.sessions.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-12-01T01:00:00.000Z',
      '2026-12-08T01:00:00.000Z',
      '2026-12-22T01:00:00.000Z',
      '2026-12-29T01:00:00.000Z',
    ]);
    expect(res.body.scheduleText).toBe('每周二 09:00–11:00，2026-12-01 至 2026-12-29，共 4 次');
    const calendar = (await get(`/api/venues/${ids.room}/bookings?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z`, street)).body.items;
    expect(calendar.filter((b: { referenceId: string }) => b.referenceId === ids.calligraphy)).toHaveLength(4);
    const audit = (await get(`/api/audit-log?entityType=offering&entityId=${ids.calligraphy}`, district)).body.items;
    expect(audit.map((a: { action: string }) => a.action)).toContain('offering.create');
  });

  it('previews a schedule with the clash it would meet, saving nothing', async () => {
    const before = await count('select count(*)::int as n from offerings');
    const res = await post('/api/offerings/preview', street, {
      schedule: { weekdays: [2, 4], startTime: '10:00', endTime: '12:00', fromDate: '2026-12-01', toDate: '2026-12-03' },
      venueId: ids.room,
      instructorId: ids.teacher,
    });
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    expect(res.body.sessions[0].venueClash.title).toContain('书法入门');
    expect(res.body.sessions[0].instructorClash.title).toBe('书法入门（楷书）');
    expect(res.body.sessions[1].venueClash).toBeNull();
    expect(await count('select count(*)::int as n from offerings')).toBe(before);
  });

  it('refuses a venue already booked at an overlapping time, naming the clash, and writes nothing', async () => {
    const before = await count('select count(*)::int as n from offering_sessions');
    const bookings = await count("select count(*)::int as n from venue_bookings where status <> 'cancelled'");
    const res = await post(
      '/api/offerings',
      street,
      classBody({
        instructorId: null,
        title: '国画班',
        schedule: { weekdays: [2], startTime: '10:30', endTime: '12:00', fromDate: '2026-12-22', toDate: '2026-12-22' },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('offering.venue_busy');
    expect(res.body.error.message).toBe('场地在 2026-12-22 09:00–11:00 已被“书法入门（楷书）（3）”占用');
    expect(await count('select count(*)::int as n from offering_sessions')).toBe(before);
    expect(await count("select count(*)::int as n from venue_bookings where status <> 'cancelled'")).toBe(bookings);
  });

  it('refuses an instructor already teaching at an overlapping time', async () => {
    const res = await post(
      '/api/offerings',
      street,
      classBody({ venueId: ids.hall, schedule: { weekdays: [2], startTime: '10:00', endTime: '11:30', fromDate: '2026-12-29', toDate: '2027-01-05' } }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('该教师在 2026-12-29 09:00–11:00 已有“书法入门（楷书）”的课');
  });

  it('refuses a capacity above the venue’s and other bad input, naming the fields', async () => {
    const res = await post(
      '/api/offerings',
      street,
      classBody({ capacity: 31, schedule: { weekdays: [3], startTime: '14:00', endTime: '13:00', fromDate: '2026-12-02', toDate: '2026-12-30' } }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toMatchObject({ capacity: '招生人数不能超过场地容量（30 人）', 'schedule.endTime': '结束时间必须晚于开始时间' });
    const outside = await post(
      '/api/offerings',
      street,
      classBody({ schedule: { weekdays: [3], startTime: '14:00', endTime: '16:00', fromDate: '2027-01-20', toDate: '2027-02-20' } }),
    );
    expect(outside.body.error.details.fields['schedule.fromDate']).toBe('上课日期必须在学期（2026-09-01 至 2027-01-31）之内');
    const past = await post(
      '/api/offerings',
      street,
      classBody({ schedule: { weekdays: [3], startTime: '14:00', endTime: '16:00', fromDate: '2026-11-01', toDate: '2026-11-30' } }),
    );
    expect(past.body.error.details.fields['schedule.fromDate']).toBe('第一次课不能早于现在');
  });

  it('keeps the schedule of a published class and never lets capacity fall below seats taken', async () => {
    const pub = await post(`/api/offerings/${ids.calligraphy}/publish`, street);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'published', enrolmentState: 'open' });
    const moved = await p.request('PATCH', `/api/offerings/${ids.calligraphy}`, {
      headers: street,
      body: { schedule: { weekdays: [3], startTime: '09:00', endTime: '11:00', fromDate: '2026-12-02', toDate: '2026-12-30' } },
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('offering.schedule_locked');
    const fee = await p.request('PATCH', `/api/offerings/${ids.calligraphy}`, {
      headers: { ...street, 'if-match': pub.headers.etag as string },
      body: { feeCents: 5000, feeWaiver: '低保、特困老人免费' },
    });
    expect(fee.status).toBe(200);
    expect(fee.body).toMatchObject({ feeCents: 5000, feeWaiver: '低保、特困老人免费' });
    const stale = await p.request('PATCH', `/api/offerings/${ids.calligraphy}`, {
      headers: { ...street, 'if-match': pub.headers.etag as string },
      body: { feeCents: 0 },
    });
    expect(stale.status).toBe(409);
  });
});

describe('events', () => {
  it('creates an open lecture of the campaign with two sessions and no seat limit', async () => {
    const res = await post('/api/offerings', district, {
      kind: 'event',
      eventType: 'lecture',
      title: '运河文化讲座（测试）',
      categoryCode: 'WENSHI',
      venueId: ids.hall,
      capacity: null,
      enrolmentMode: 'open',
      campaignId: ids.campaign,
      sessions: [
        { date: '2026-12-10', startTime: '19:00', endTime: '20:30' },
        { date: '2026-12-08', startTime: '19:00', endTime: '20:30' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'event',
      capacity: null,
      seatsLeft: null,
      dayParts: ['evening'],
      weekdays: [2, 4],
      campaignName: '全民终身学习活动周（测试）',
      totalHours: 3,
    });
    expect(res.body.sessions.map((s: { seq: number; startsAt: string }) => [s.seq, s.startsAt])).toEqual([
      [1, '2026-12-08T11:00:00.000Z'],
      [2, '2026-12-10T11:00:00.000Z'],
    ]);
    expect((await post(`/api/offerings/${res.body.id}/publish`, district)).status).toBe(200);
  });
});

describe('public catalogue', () => {
  it('finds the calligraphy class by Chinese search and filters, without logging in', async () => {
    const found = await get('/api/catalog/offerings?q=' + encodeURIComponent('书法'));
    expect(found.body.items.map((o: { id: string }) => o.id)).toContain(ids.calligraphy);
    const q = (s: string) => get(`/api/catalog/offerings?pageSize=50&${s}`).then((r) => r.body.items.map((o: { id: string }) => o.id));
    expect(
      await q(
        'weekday=2&dayPart=morning&category=SHUHUA&targetGroup=elderly&mode=offline&fee=paid&hasSeats=true&region=330105012001&q=' + encodeURIComponent('书法'),
      ),
    ).toContain(ids.calligraphy);
    expect(await q('weekday=3')).not.toContain(ids.calligraphy);
    expect(await q('dayPart=evening')).not.toContain(ids.calligraphy);
    expect(await q('fee=free')).not.toContain(ids.calligraphy);
    expect(await q(`campaignId=${ids.campaign}`)).toHaveLength(1);
    expect(await q('region=330105001')).not.toContain(ids.calligraphy);
  });

  it('shows the detail: schedule, venue accessibility, instructor without phone, seats, eligibility and fee', async () => {
    const res = await get(`/api/catalog/offerings/${ids.calligraphy}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      seatsLeft: 20,
      feeCents: 5000,
      feeWaiver: '低保、特困老人免费',
      enrolmentMode: 'first_come',
      enrolmentState: 'open',
      termName: '2026 年秋季学期（测试）',
    });
    expect(res.body.sessions).toHaveLength(4);
    expect(res.body.venue).toMatchObject({ name: '灯芯巷社区书画教室', stepFree: true, regionName: '灯芯巷社区' });
    expect(res.body.instructor.name).toBe('测试书法教师');
    expect(JSON.stringify(res.body)).not.toContain('13755550123');
    expect(res.body.eligibilityText).toEqual(['本区居民均可报名', '本学期每人最多报 2 个班']);
    const en = await p.request('GET', `/api/catalog/offerings/${ids.calligraphy}`, { headers: { 'accept-language': 'en' } });
    expect(en.body.eligibilityText).toEqual(['Open to all residents of the district', 'At most 2 classes per person this term']);
  });

  it('orders near home for a signed-in resident: own community, then own street, then the district', async () => {
    const far = await post('/api/offerings', other, { ...classBody({ venueId: ids.otherVenue, instructorId: null, title: '米市巷书法班', capacity: 30 }) });
    expect(far.status, JSON.stringify(far.body)).toBe(201);
    await post(`/api/offerings/${far.body.id}/publish`, other);
    const street2 = await post(
      '/api/offerings',
      street,
      classBody({
        venueId: ids.hall,
        instructorId: null,
        title: '天水街道书法提高班',
        schedule: { weekdays: [1], startTime: '09:00', endTime: '11:00', fromDate: '2026-11-30', toDate: '2026-12-28' },
      }),
    );
    expect(street2.status, JSON.stringify(street2.body)).toBe(201);
    await post(`/api/offerings/${street2.body.id}/publish`, street);
    const res = await get('/api/catalog/offerings?pageSize=50&q=' + encodeURIComponent('书法'), resident);
    expect(res.body.homeRegionCode).toBe('330105012001');
    const mine = [ids.calligraphy, street2.body.id, far.body.id];
    const order = res.body.items.filter((o: { id: string }) => mine.includes(o.id)).map((o: { id: string; nearness: number }) => [o.id, o.nearness]);
    expect(order).toEqual([
      [ids.calligraphy, 0],
      [street2.body.id, 1],
      [far.body.id, 2],
    ]);
    const nearness = res.body.items.map((o: { nearness: number }) => o.nearness);
    expect(nearness).toEqual([...nearness].sort());
    const anonymous = await get('/api/catalog/offerings?pageSize=50&q=' + encodeURIComponent('书法'));
    const anonOrder = anonymous.body.items.filter((o: { id: string }) => mine.includes(o.id)).map((o: { id: string }) => o.id);
    expect(anonOrder[0]).toBe(street2.body.id); // earliest first without a home
  });

  it('hides drafts and cancelled offerings', async () => {
    const draft = await post(
      '/api/offerings',
      street,
      classBody({
        venueId: ids.hall,
        instructorId: null,
        title: '未发布的书法草稿班',
        schedule: { weekdays: [5], startTime: '09:00', endTime: '11:00', fromDate: '2026-12-04', toDate: '2026-12-04' },
      }),
    );
    expect(draft.status).toBe(201);
    expect((await get(`/api/catalog/offerings/${draft.body.id}`)).status).toBe(404);
    expect((await get('/api/catalog/offerings?pageSize=50&q=' + encodeURIComponent('草稿'))).body.total).toBe(0);
  });
});

describe('scope', () => {
  it('keeps 米市巷街道’s classes away from 天水街道 staff (404) and lists only their own region', async () => {
    const theirs = (await get('/api/offerings?pageSize=50', other)).body.items[0];
    expect(theirs.regionCode.startsWith('330105001')).toBe(true);
    expect((await get(`/api/offerings/${theirs.id}`, street)).status).toBe(404);
    expect((await p.request('PATCH', `/api/offerings/${theirs.id}`, { headers: street, body: { title: '越界' } })).status).toBe(404);
    expect((await post(`/api/offerings/${theirs.id}/cancel`, street, { reason: '越界' })).status).toBe(404);
    const mine = (await get('/api/offerings?pageSize=50', street)).body.items as { regionCode: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((o) => o.regionCode.startsWith('330105012'))).toBe(true);
    const placed = await post('/api/offerings', street, classBody({ venueId: ids.otherVenue, instructorId: null, regionCode: '330105001051' }));
    expect(placed.status).toBe(422);
  });

  it('exports the staff list to Excel within scope', async () => {
    const res = await get('/api/offerings/export.xlsx', street);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const titles = sheet.getColumn(2).values.slice(2);
    expect(titles).toContain('书法入门（楷书）');
    expect(titles).not.toContain('米市巷书法班');
  });
});

describe('seats and cancellation', () => {
  it('never takes more seats than capacity under 50 concurrent calls', async () => {
    const svc = p.services.offerings;
    const results = await Promise.all(Array.from({ length: 50 }, () => p.db.transaction((tx) => svc.takeSeat(tx, ids.calligraphy))));
    expect(results.filter(Boolean)).toHaveLength(20);
    expect((await svc.get(ids.calligraphy)).seatsTaken).toBe(20);
    const full = await get(`/api/catalog/offerings?pageSize=50&hasSeats=true&q=${encodeURIComponent('书法')}`);
    expect(full.body.items.map((o: { id: string }) => o.id)).not.toContain(ids.calligraphy);
    await p.db.transaction((tx) => svc.releaseSeat(tx, ids.calligraphy));
    expect((await svc.get(ids.calligraphy)).seatsTaken).toBe(19);
    const shrink = await p.request('PATCH', `/api/offerings/${ids.calligraphy}`, { headers: street, body: { capacity: 10 } });
    expect(shrink.body.error.details.fields.capacity).toBe('招生人数不能少于已报名人数（19 人）');
  });

  it('gives other modules the contract views', async () => {
    const o = await p.services.offerings.get(ids.calligraphy);
    expect(o.term).toMatchObject({ id: ids.term, maxEnrolmentsPerResident: 2 });
    expect(o.enrolmentClosesAt).toEqual(new Date('2026-12-01T01:00:00Z'));
    const sessions = await p.services.offerings.sessions(ids.calligraphy);
    expect(sessions[0]).toMatchObject({ seq: 1, hours: 2, status: 'scheduled' });
    expect((await p.services.offerings.getSession(sessions[1].id)).startsAt).toEqual(new Date('2026-12-08T01:00:00Z'));
  });

  it('cancels with a reason, freeing the venue', async () => {
    expect((await post(`/api/offerings/${ids.calligraphy}/cancel`, street, { reason: '' })).status).toBe(422);
    const res = await post(`/api/offerings/${ids.calligraphy}/cancel`, street, { reason: '教师生病' });
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '教师生病' });
    expect(res.body.sessions.every((s: { status: string }) => s.status === 'cancelled')).toBe(true);
    const calendar = (await get(`/api/venues/${ids.room}/bookings?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z`, street)).body.items;
    expect(calendar.filter((b: { referenceId: string }) => b.referenceId === ids.calligraphy)).toHaveLength(0);
    expect((await get(`/api/catalog/offerings/${ids.calligraphy}`)).status).toBe(404);
  });
});
