// Attendance, completion, points and ratings over the API on a real database, with a fixed test clock:
// a QR check-in outside the session's window, with a stale or wrong code, or by someone not enrolled is
// refused with a translated message and writes nothing; a check-in is idempotent; reaching the threshold
// completes the class once, with one archive record and one points entry, even when check-ins race;
// ratings only for what was completed or attended, with correct averages; another street's staff get 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents, type TestResident } from '../support/residents';
import { rowsOf } from '../../src/server/kernel/rate-limit';

const STREET = '330105012';
const OTHER = '330105001';

let p: TestPlatform;
let street: Record<string, string>;
let district: Record<string, string>;
let other: Record<string, string>;
let home: string;
let people: TestResident[];
let seq = 0;

/** Moves the test clock to an instant (Shanghai local time given with its offset); staff sign in again, as sessions last 12 hours. */
async function at(iso: string) {
  p.clock.advance(new Date(iso).getTime() - p.clock.now().getTime());
  street = await p.login('street');
  district = await p.login('district');
  other = await p.login('mishixiang3', 'Other2026x');
}

async function count(table: string, where: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await p.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0].n);
}

async function publish(body: Record<string, unknown>) {
  const res = await p.request('POST', '/api/offerings', { headers: street, body });
  if (res.status !== 201) throw new Error(`offering: ${res.status} ${JSON.stringify(res.body)}`);
  const published = await p.request('POST', `/api/offerings/${res.body.id}/publish`, { headers: street });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const sessions = await p.services.offerings.sessions(res.body.id);
  return { id: res.body.id as string, sessions: sessions.map((s) => s.id) };
}

const enrolment = {
  enrolmentMode: 'first_come',
  enrolmentOpensAt: '2026-11-20T00:00:00+08:00',
  enrolmentClosesAt: '2026-11-24T00:00:00+08:00',
  cancelCutoffHours: 0,
};

/** An event of the demo street on 25 November, 09:00–11:00 Shanghai time. */
const event = () =>
  publish({
    kind: 'event',
    eventType: 'lecture',
    title: `健康讲座 ${++seq}`,
    categoryCode: 'SHUHUA',
    regionCode: STREET,
    mode: 'online',
    capacity: 50,
    sessions: [{ date: '2026-11-25', startTime: '09:00', endTime: '11:00' }],
    ...enrolment,
  });

async function enrol(offeringId: string, who: TestResident) {
  const res = await p.request('POST', `/api/offerings/${offeringId}/enrolments`, { headers: who.headers, body: {} });
  if (res.status !== 201 && res.status !== 200) throw new Error(`enrol: ${res.status} ${JSON.stringify(res.body)}`);
}

const checkIn = (who: TestResident, s: string, c: string, locale = 'zh-CN') =>
  p.request('POST', '/api/checkins', { headers: { ...who.headers, 'accept-language': locale }, body: { s, c } });

/** The code the instructor's screen shows now, read as staff would. */
async function screenCode(sessionId: string, headers = street) {
  const res = await p.request('GET', `/api/offering-sessions/${sessionId}/checkin-code`, { headers });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { code: string; url: string; svg: string; window: string; present: number };
}

beforeAll(async () => {
  p = await startTestPlatform();
  const admin = await p.login('admin');
  await p.request('POST', '/api/staff-accounts', {
    headers: admin,
    body: { username: 'mishixiang3', displayName: '米市巷管理员', role: 'region_admin', regionCodes: [OTHER], password: 'Other2026x' },
  });
  home = (await p.request('GET', `/api/regions/${STREET}/children?pageSize=1`)).body.items[0].code;
  await at('2026-11-23T10:00:00+08:00');
  people = await createResidents(p, 6, { homeRegionCode: home, namePrefix: '学员' });
}, 240_000);
afterAll(() => p.close());

describe('QR check-in of an event', () => {
  let e: { id: string; sessions: string[] };
  beforeAll(async () => {
    await at('2026-11-23T10:00:00+08:00');
    e = await event();
    await enrol(e.id, people[0]);
    await enrol(e.id, people[2]);
  });

  it("is refused before the window opens and after the session ends, in the resident's language", async () => {
    await at('2026-11-25T08:29:00+08:00');
    const early = await screenCode(e.sessions[0]);
    expect(early.window).toBe('too_early');
    expect(early.url).toMatch(new RegExp(`/checkin\\?s=${e.sessions[0]}&c=${early.code}$`));
    expect(early.svg).toContain('<svg');
    const res = await checkIn(people[0], e.sessions[0], early.code);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'attendance.too_early', message: '还未到签到时间：上课前 30 分钟开始签到' });
    await at('2026-11-25T11:00:05+08:00');
    const late = await checkIn(people[0], e.sessions[0], (await screenCode(e.sessions[0])).code, 'en');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('attendance.too_late');
    expect(late.body.error.message).toMatch(/ended/);
    expect(await count('session_attendance', `offering_id = '${e.id}'`)).toBe(0);
  });

  it('refuses a stale code, a wrong code and someone not enrolled', async () => {
    await at('2026-11-25T09:10:00+08:00');
    const old = (await screenCode(e.sessions[0])).code;
    await at('2026-11-25T09:11:05+08:00');
    const stale = await checkIn(people[0], e.sessions[0], old);
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('attendance.code_expired');
    const wrong = await checkIn(people[0], e.sessions[0], 'ABCDEFGHJK');
    expect(wrong.body.error.code).toBe('attendance.code_invalid');
    const current = (await screenCode(e.sessions[0])).code;
    const stranger = await checkIn(people[1], e.sessions[0], current);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error).toMatchObject({ code: 'attendance.not_enrolled', message: '您没有报名这门课程或活动，不能签到' });
    expect(
      (
        await checkIn(
          people[0],
          e.sessions[0].replace(/.$/, (c) => (c === '0' ? '1' : '0')),
          current,
        )
      ).status,
    ).toBe(404);
    expect(await count('session_attendance', `offering_id = '${e.id}'`)).toBe(0);
  });

  it('checks an enrolled resident in once; the event is recorded in the archive with its points', async () => {
    await at('2026-11-25T09:12:00+08:00');
    const { code } = await screenCode(e.sessions[0]);
    // The previous step's code is still good (time to scan and log in).
    await at('2026-11-25T09:12:35+08:00');
    const first = await checkIn(people[0], e.sessions[0], code);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ alreadyCheckedIn: false, outcome: 'attended', progress: { sessionsAttended: 1, hoursAttended: 2 } });
    const again = await checkIn(people[0], e.sessions[0], code);
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, outcome: null, progress: { sessionsAttended: 1 } });
    expect(await count('learning_records', `source_id = '${e.id}' and source_type = 'event' and outcome = 'attended' and hours = 2`)).toBe(1);
    const points = await p.request('GET', '/api/me/points', { headers: people[0].headers });
    expect(points.body.balance).toBe(9); // default rules: 5 for the event + 2 per hour × 2 hours
    expect(points.body.items[0]).toMatchObject({ reason: 'event_attended', points: 9, sourceId: e.id });
    expect((await screenCode(e.sessions[0])).present).toBe(1);
  });

  it("the sheet shows who checked in; staff mark the rest and export it; another street's staff get 404", async () => {
    const sheet = await p.request('GET', `/api/offering-sessions/${e.sessions[0]}/attendance`, { headers: street });
    expect(sheet.status).toBe(200);
    expect(sheet.body.counts).toMatchObject({ enrolled: 2, present: 1, qr: 1 });
    expect(sheet.body.items.find((i: { residentId: string }) => i.residentId === people[0].id)).toMatchObject({ status: 'present', method: 'qr' });
    const bad = await p.request('POST', `/api/offering-sessions/${e.sessions[0]}/attendance`, {
      headers: street,
      body: { marks: [{ residentId: people[1].id, status: 'present' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields['marks.0.residentId']).toBe('此人没有报名');
    const marked = await p.request('POST', `/api/offering-sessions/${e.sessions[0]}/attendance`, {
      headers: street,
      body: { marks: [{ residentId: people[2].id, status: 'excused' }] },
    });
    expect(marked.body).toMatchObject({ changed: 1, sheet: { counts: { present: 1, excused: 1 } } });
    expect(await count('audit_log', `action = 'attendance.mark' and entity_id = '${e.sessions[0]}'`)).toBe(1);
    const xlsx = await p.request('GET', `/api/offering-sessions/${e.sessions[0]}/attendance.xlsx`, { headers: street });
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');

    for (const [method, url] of [
      ['GET', `/api/offering-sessions/${e.sessions[0]}/attendance`],
      ['GET', `/api/offering-sessions/${e.sessions[0]}/checkin-code`],
      ['GET', `/api/offerings/${e.id}/attendance`],
    ] as const) {
      expect((await p.request(method, url, { headers: other })).status).toBe(404);
    }
    expect(
      (
        await p.request('POST', `/api/offering-sessions/${e.sessions[0]}/attendance`, {
          headers: other,
          body: { marks: [{ residentId: people[2].id, status: 'present' }] },
        })
      ).status,
    ).toBe(404);
    expect((await p.request('GET', `/api/offering-sessions/${e.sessions[0]}/attendance`, { headers: people[0].headers })).status).toBe(403);
    expect((await p.request('GET', `/api/offering-sessions/${e.sessions[0]}/attendance`)).status).toBe(401);
  });
});

describe('completion of a class', () => {
  let c: { id: string; sessions: string[] };
  let totalHours: number;
  beforeAll(async () => {
    await at('2026-11-23T10:00:00+08:00');
    const term = await p.request('POST', '/api/terms', {
      headers: street,
      body: { name: `2026 冬季学期 ${++seq}`, startsOn: '2026-11-01', endsOn: '2027-01-31' },
    });
    await p.request('POST', `/api/terms/${term.body.id}/publish`, { headers: street });
    const course = (await p.request('GET', '/api/courses?pageSize=1', { headers: street })).body.items[0];
    // Four Thursday sessions from 26 November; 75 % of 4 sessions is 3.
    c = await publish({
      kind: 'class',
      termId: term.body.id,
      courseId: course.id,
      title: `书法入门 ${seq}`,
      categoryCode: 'SHUHUA',
      regionCode: STREET,
      mode: 'online',
      capacity: 30,
      completionThreshold: 75,
      schedule: { weekdays: [4], startTime: '14:00', endTime: '16:00', fromDate: '2026-11-26', toDate: '2026-12-17' },
      ...enrolment,
    });
    expect(c.sessions).toHaveLength(4);
    totalHours = Number((await p.services.offerings.get(c.id)).totalHours);
    for (const who of people.slice(0, 4)) await enrol(c.id, who);
  });

  it('marking is refused before check-in opens; the first sessions count without completing', async () => {
    const early = await p.request('POST', `/api/offering-sessions/${c.sessions[0]}/attendance`, {
      headers: street,
      body: { marks: [{ residentId: people[0].id, status: 'present' }] },
    });
    expect(early.status).toBe(409);
    await at('2026-11-26T16:30:00+08:00');
    const first = await p.request('POST', `/api/offering-sessions/${c.sessions[0]}/attendance`, {
      headers: street,
      body: { marks: people.slice(0, 4).map((x) => ({ residentId: x.id, status: 'present' })) },
    });
    expect(first.body).toMatchObject({ changed: 4, completed: 0 });
    // Absent corrected to present and back moves the tally both ways.
    await p.request('POST', `/api/offering-sessions/${c.sessions[0]}/attendance`, {
      headers: street,
      body: { marks: [{ residentId: people[3].id, status: 'absent' }] },
    });
    const progress = await p.request('GET', `/api/me/offerings/${c.id}/attendance`, { headers: people[3].headers });
    expect(progress.body).toMatchObject({ sessionsAttended: 0, sessionsNeeded: 3, completed: false });
    await at('2026-12-03T16:30:00+08:00');
    await p.request('POST', `/api/offering-sessions/${c.sessions[1]}/attendance`, {
      headers: street,
      body: {
        marks: [
          { residentId: people[0].id, status: 'present' },
          { residentId: people[1].id, status: 'present' },
        ],
      },
    });
    expect(await count('learning_records', `source_id = '${c.id}'`)).toBe(0);
  });

  it('the check-in that reaches the threshold completes the class once, even when check-ins and marking race', async () => {
    await at('2026-12-10T14:05:00+08:00');
    const { code } = await screenCode(c.sessions[2]);
    // Resident 0: five simultaneous scans of session 3 and a staff mark of the same session.
    // Resident 1: a scan of session 3 racing a staff correction of session 1 (two sessions, one tally). The
    // session-1 mark being corrected is set first: sent together, the mark and its correction could land in
    // either order, and the class rightly stays incomplete when "excused" lands last.
    const excused = await p.request('POST', `/api/offering-sessions/${c.sessions[0]}/attendance`, {
      headers: street,
      body: { marks: [{ residentId: people[1].id, status: 'excused' }] },
    });
    expect(excused.status, JSON.stringify(excused.body)).toBe(200);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => checkIn(people[0], c.sessions[2], code)),
      p.request('POST', `/api/offering-sessions/${c.sessions[2]}/attendance`, {
        headers: street,
        body: { marks: [{ residentId: people[0].id, status: 'present' }] },
      }),
      checkIn(people[1], c.sessions[2], code),
      p.request('POST', `/api/offering-sessions/${c.sessions[0]}/attendance`, {
        headers: street,
        body: { marks: [{ residentId: people[1].id, status: 'present' }] },
      }),
    ]);
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const who of [people[0], people[1]]) {
      expect(await count('learning_records', `source_id = '${c.id}' and resident_id = '${who.id}' and outcome = 'completed'`)).toBe(1);
      expect(await count('points_ledger', `source_id = '${c.id}' and resident_id = '${who.id}' and reason = 'class_completed'`)).toBe(1);
      expect(await count('enrolments', `offering_id = '${c.id}' and resident_id = '${who.id}' and status = 'completed'`)).toBe(1);
    }
    expect(await count('session_attendance', `session_id = '${c.sessions[2]}' and resident_id = '${people[0].id}'`)).toBe(1);
    const record = rowsOf<{ hours: string }>(
      await p.db.execute(sql`select hours from learning_records where source_id = ${c.id} and resident_id = ${people[0].id}`),
    )[0];
    expect(Number(record.hours)).toBe(totalHours);
    const ledger = await p.request('GET', '/api/me/points', { headers: people[0].headers });
    expect(ledger.body.items[0]).toMatchObject({ reason: 'class_completed', points: 20 + 2 * totalHours });
    const archive = await p.request('GET', '/api/me/learning-records', { headers: people[0].headers });
    expect(archive.body.items[0]).toMatchObject({ sourceType: 'class', outcome: 'completed', hours: totalHours });
    expect(archive.body.totals.byYear[0]).toMatchObject({ year: 2026, records: 2, hours: totalHours + 2 }); // with the event of 25 November
    const summary = await p.request('GET', `/api/offerings/${c.id}/attendance`, { headers: street });
    expect(summary.body).toMatchObject({ completedCount: 2, sessionsNeeded: 3 });
  });

  it('a later correction keeps the completion; the archive downloads as Excel', async () => {
    await p.request('POST', `/api/offering-sessions/${c.sessions[2]}/attendance`, {
      headers: street,
      body: { marks: [{ residentId: people[0].id, status: 'absent' }] },
    });
    expect(await count('learning_records', `source_id = '${c.id}' and resident_id = '${people[0].id}'`)).toBe(1);
    const xlsx = await p.request('GET', '/api/me/learning-records/export.xlsx', { headers: people[0].headers });
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('points rules', () => {
  it('a district administrator saves a new version; a street administrator may not; earned points stay', async () => {
    expect((await p.request('GET', '/api/points-rules/330105')).body).toMatchObject({ version: 0, isDefault: true, rules: { perHour: 2 } });
    const bad = await p.request('PUT', '/api/points-rules/330105', {
      headers: district,
      body: { perHour: -1, perClassCompleted: 20, perEventAttended: 5, perRating: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.perHour).toBeTruthy();
    expect(
      (await p.request('PUT', '/api/points-rules/330105', { headers: street, body: { perHour: 3, perClassCompleted: 20, perEventAttended: 5, perRating: 2 } }))
        .status,
    ).toBe(404);
    const saved = await p.request('PUT', '/api/points-rules/330105', {
      headers: { ...district, 'if-match': '"0"' },
      body: { perHour: 3, perClassCompleted: 20, perEventAttended: 5, perRating: 2, note: '提高评价积分' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, rules: { perRating: 2 } });
    expect(
      (
        await p.request('PUT', '/api/points-rules/330105', {
          headers: { ...district, 'if-match': '"0"' },
          body: { perHour: 4, perClassCompleted: 20, perEventAttended: 5, perRating: 2 },
        })
      ).status,
    ).toBe(409);
    expect((await p.request('GET', '/api/points-rules/330105/versions', { headers: district })).body.total).toBe(1);
    expect(await count('audit_log', `action = 'points.rules.save'`)).toBe(1);
    expect((await p.request('GET', '/api/me/points', { headers: people[0].headers })).body.balance).toBe(
      9 +
        20 +
        2 *
          Number(
            (await p.services.offerings.get((await p.request('GET', '/api/me/learning-records', { headers: people[0].headers })).body.items[0].sourceId))
              .totalHours,
          ),
    );
  });
});

describe('ratings', () => {
  let classId: string;
  beforeAll(async () => {
    await at('2026-12-10T18:00:00+08:00');
    classId = (await p.request('GET', '/api/me/learning-records?sourceType=class', { headers: people[0].headers })).body.items[0].sourceId;
  });

  it('only what was completed or attended can be rated; the first rating earns points once', async () => {
    const refused = await p.request('PUT', `/api/offerings/${classId}/my-rating`, { headers: people[2].headers, body: { stars: 1 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'rating.not_eligible', message: '结业的课程或参加过的活动才能评价' });
    expect((await p.request('PUT', `/api/offerings/${classId}/my-rating`, { headers: people[0].headers, body: { stars: 6 } })).status).toBe(422);
    const rated = await p.request('PUT', `/api/offerings/${classId}/my-rating`, { headers: people[0].headers, body: { stars: 4, comment: '老师讲得很细' } });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toMatchObject({ rating: { stars: 4 }, canEdit: true });
    await p.request('PUT', `/api/offerings/${classId}/my-rating`, { headers: people[0].headers, body: { stars: 5, comment: '老师讲得很细，收获很大' } });
    await p.request('PUT', `/api/offerings/${classId}/my-rating`, { headers: people[1].headers, body: { stars: 2, comment: '骗子课程，垃圾' } });
    expect(await count('ratings', `offering_id = '${classId}'`)).toBe(2);
    expect(await count('points_ledger', `source_id = '${classId}' and reason = 'rating'`)).toBe(2);
    expect((await p.request('GET', '/api/me/points', { headers: people[0].headers })).body.items[0]).toMatchObject({ reason: 'rating', points: 2 });
    // Each rating, and each change of it, joins the xAPI stream as a `rated` statement with the stars as its score.
    const rated2 = rowsOf<{ raw: number }>(
      await p.db.execute(
        sql.raw(`select (statement->'result'->'score'->>'raw')::int as raw from xapi_statements
      where verb_id = 'http://id.tincanapi.com/verb/rated' and activity_id like '%offering%2F${classId}' order by raw`),
      ),
    );
    expect(rated2.map((r) => r.raw)).toEqual([2, 4, 5]);
  });

  it('averages are correct in public and in the console, per class, instructor and institution', async () => {
    const pub = await p.request('GET', `/api/catalog/offerings/${classId}/rating`);
    expect(pub.body).toMatchObject({ average: 3.5, count: 2 });
    expect(pub.body.distribution.find((d: { stars: number }) => d.stars === 5).n).toBe(1);
    expect(pub.body.comments.items.map((x: { name: string }) => x.name).sort()).toEqual(['学*1', '学*2'].sort());
    const byOffering = await p.request('GET', '/api/ratings/averages?by=offering', { headers: street });
    expect(byOffering.body.items.find((x: { id: string }) => x.id === classId)).toMatchObject({ average: 3.5, count: 2 });
    expect((await p.request('GET', '/api/ratings/averages?by=offering', { headers: other })).body.total).toBe(0);
    expect((await p.request('GET', '/api/ratings/averages?by=institution', { headers: street })).status).toBe(200);
    expect((await p.request('GET', '/api/ratings/averages?by=instructor', { headers: street })).status).toBe(200);
  });

  it('staff who run the class hide an abusive comment with a reason; another street gets 404', async () => {
    const list = await p.request('GET', `/api/ratings?offeringId=${classId}`, { headers: street });
    const abusive = list.body.items.find((x: { stars: number }) => x.stars === 2);
    expect((await p.request('POST', `/api/ratings/${abusive.id}/hide-comment`, { headers: other, body: { reason: '人身攻击' } })).status).toBe(404);
    expect((await p.request('POST', `/api/ratings/${abusive.id}/hide-comment`, { headers: street, body: { reason: 'x' } })).status).toBe(422);
    const hidden = await p.request('POST', `/api/ratings/${abusive.id}/hide-comment`, { headers: street, body: { reason: '含侮辱性语言' } });
    expect(hidden.body).toMatchObject({ commentHidden: true, hiddenReason: '含侮辱性语言' });
    expect(await count('audit_log', `action = 'rating.hide_comment' and entity_id = '${abusive.id}'`)).toBe(1);
    const pub = await p.request('GET', `/api/catalog/offerings/${classId}/rating`);
    expect(pub.body).toMatchObject({ average: 3.5, count: 2 });
    expect(JSON.stringify(pub.body)).not.toContain('骗子');
  });

  it('a rating can be changed for 14 days, then it stands', async () => {
    await at('2026-12-25T10:00:00+08:00');
    const late = await p.request('PUT', `/api/offerings/${classId}/my-rating`, { headers: people[0].headers, body: { stars: 1 } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('rating.edit_closed');
    expect((await p.request('GET', `/api/catalog/offerings/${classId}/rating`)).body.average).toBe(3.5);
  });
});

describe('a scan that triggers a login', () => {
  let e: { id: string; sessions: string[] };
  let elsewhere: { id: string; sessions: string[] };
  const pass = (s: string, c: string, locale = 'zh-CN') => p.request('POST', '/api/checkins/pass', { headers: { 'accept-language': locale }, body: { s, c } });
  const checkInWithPass = (who: TestResident, s: string, pp: string) => p.request('POST', '/api/checkins', { headers: who.headers, body: { s, p: pp } });
  beforeAll(async () => {
    await at('2026-11-23T10:00:00+08:00');
    e = await event();
    elsewhere = await event();
    await enrol(e.id, people[4]);
  });

  it('exchanges a valid scan, before signing in, for a pass that outlives the code and checks in after a 75 s login', async () => {
    await at('2026-11-25T09:20:00+08:00');
    const { code } = await screenCode(e.sessions[0]);
    const issued = await pass(e.sessions[0], code); // anonymous: the phone is not signed in yet
    expect(issued.status).toBe(201);
    expect(issued.body.expiresAt).toBe(new Date('2026-11-25T09:25:00+08:00').toISOString());
    expect(await count('session_attendance', `offering_id = '${e.id}'`)).toBe(0);
    await at('2026-11-25T09:21:15+08:00'); // the code itself has expired by now
    expect((await checkIn(people[4], e.sessions[0], code)).body.error.code).toBe('attendance.code_expired');
    const done = await checkInWithPass(people[4], e.sessions[0], issued.body.pass);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ alreadyCheckedIn: false, outcome: 'attended' });
  });

  it('refuses a pass for another session, a forged or stale pass, and a pass asked for with a stale code', async () => {
    await at('2026-11-25T09:30:00+08:00');
    const { code } = await screenCode(e.sessions[0]);
    const issued = (await pass(e.sessions[0], code)).body.pass as string;
    expect((await checkInWithPass(people[4], elsewhere.sessions[0], issued)).body.error.code).toBe('attendance.code_invalid');
    const forged = issued.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    expect((await checkInWithPass(people[4], e.sessions[0], forged)).body.error.code).toBe('attendance.code_invalid');
    await at('2026-11-25T09:35:01+08:00');
    const stale = await checkInWithPass(people[4], e.sessions[0], issued);
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('attendance.code_expired');
    const late = await pass(e.sessions[0], code, 'en');
    expect(late.body.error).toMatchObject({ code: 'attendance.code_expired', message: expect.stringMatching(/expired/) });
    // Both a code and a pass, or neither, is not a check-in.
    expect((await p.request('POST', '/api/checkins', { headers: people[4].headers, body: { s: e.sessions[0] } })).status).toBe(422);
  });

  it('is refused outside the session window even with a pass', async () => {
    await at('2026-11-25T10:58:00+08:00');
    const issued = (await pass(e.sessions[0], (await screenCode(e.sessions[0])).code)).body.pass as string;
    await at('2026-11-25T11:01:00+08:00');
    const res = await checkInWithPass(people[4], e.sessions[0], issued);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('attendance.too_late');
  });
});
