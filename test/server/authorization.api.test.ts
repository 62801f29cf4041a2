// Walks every API route as a staff member scoped to one street (天水街道 330105012) and proves they can
// neither read nor change another street's (米市巷街道 330105001) data. A new route without an entry
// here fails the test, so coverage cannot silently fall behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { lotteryRounds } from '../../src/server/db/schema/index';

const OWN = '330105012';
const OTHER = '330105001';

let p: TestPlatform;
let street: Record<string, string>;
let other: { institutionId: string; residentId: string; staffId: string; venueId: string; bookingId: string; instructorId: string; partnerId: string };

beforeAll(async () => {
  p = await startTestPlatform();
  street = await p.login('street');
  const admin = await p.login('admin');
  const inst = (await p.request('GET', `/api/institutions?region=${OTHER}`, { headers: admin })).body.items[0];
  const res =
    (await p.request('GET', `/api/residents?region=${OTHER}`, { headers: admin })).body.items[0] ??
    (await (async () => {
      await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13700000009', purpose: 'register' } });
      return (
        await p.request('POST', '/api/residents', {
          body: {
            phone: '13700000009',
            smsCode: p.sms.lastCode('13700000009'),
            password: 'Other2026x',
            realName: '他街居民',
            idNumber: '33010519900307651' + idCheckChar('33010519900307651'),
            homeRegionCode: OTHER + '051',
            acceptPrivacyNotice: true,
          },
        })
      ).body;
    })());
  const staff = (
    await p.request('POST', '/api/staff-accounts', {
      headers: admin,
      body: { username: 'mishixiang', displayName: '米市巷管理员', role: 'region_admin', regionCodes: [OTHER], password: 'Other2026x' },
    })
  ).body;
  const venue = (
    await p.request('POST', '/api/venues', {
      headers: admin,
      body: { name: '米市巷活动室', ownerRegionCode: OTHER, regionCode: OTHER, unitKind: 'institution' },
    })
  ).body;
  const booking = (
    await p.request('POST', '/api/venue-bookings', {
      headers: admin,
      body: { venueId: venue.id, startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T03:00:00Z', purpose: 'event', title: '讲座' },
    })
  ).body;
  const instructor = (
    await p.request('POST', '/api/instructors', {
      headers: admin,
      body: { name: '米市巷讲师', kind: 'volunteer', phone: '13755550001', specialities: ['SHUHUA'], ownerRegionCode: OTHER },
    })
  ).body;
  const partner = (await p.request('POST', '/api/partners', { headers: admin, body: { name: '米市巷学习平台', scopes: ['all'], regionCode: OTHER } })).body;
  other = {
    institutionId: inst.id,
    residentId: res.id,
    staffId: staff.id,
    venueId: venue.id,
    bookingId: booking.id,
    instructorId: instructor.id,
    partnerId: partner.id,
  };
  if (Object.values(other).some((v) => !v)) throw new Error('fixtures missing: ' + JSON.stringify(other));
}, 240_000);
afterAll(() => p.close());

type Check = () => Promise<void>;
// Every request a check sends as the street admin is kept, under the route it reached, for the role walk below.
const sent = new Map<string, { method: string; url: string; body?: unknown }[]>();
const req = (method: string, url: string, body?: unknown) => {
  const route = routeOf(method, url);
  if (route) sent.set(route, [...(sent.get(route) ?? []), { method, url, body }]);
  return p.request(method, url, { headers: street, body });
};
/** `METHOD /pattern` of the API route a concrete request reaches (static segments win over parameters). */
function routeOf(method: string, url: string): string | null {
  const path = url.split('?')[0];
  const matches = p.app.routeList.filter(
    (r) => r.method === method && r.url.startsWith('/api/') && new RegExp('^' + r.url.replace(/:[A-Za-z]+\??/g, '[^/]+') + '$').test(path),
  );
  matches.sort((a, b) => (a.url.match(/:/g)?.length ?? 0) - (b.url.match(/:/g)?.length ?? 0));
  return matches[0] ? `${method} ${matches[0].url}` : null;
}
const expectStatus = async (pending: ReturnType<typeof req>, ...allowed: number[]) => {
  const res = await pending;
  expect(allowed, `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toContain(res.status);
  return res;
};
const noOtherRegion = (items: { regionCode?: string }[]) => expect(items.every((i) => !i.regionCode?.startsWith(OTHER))).toBe(true);

// Fixtures of the awards, teams and governance modules, made once by the district (and a resident of the other street).
let fixtures: Promise<{
  campaignId: string;
  otherNominationId: string;
  otherTeamId: string;
  unitId: string;
  taskId: string;
  visitId: string;
  planId: string;
}> | null = null;
function moduleFixtures() {
  fixtures ??= (async () => {
    const district = await p.login('district');
    const post = async (url: string, body: unknown, headers = district) => {
      const res = await p.request('POST', url, { headers, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const campaign = await post('/api/award-campaigns', {
      title: '越界检查评选',
      type: 'learning_star',
      year: 2026,
      quotaCommunity: 1,
      quotaStreet: 1,
      quotaDistrict: 1,
      criteria: [{ name: '事迹', weight: 1 }],
    });
    const nomination = await post('/api/award-nominations', {
      campaignId: campaign.id,
      communityCode: OTHER + '051',
      nomineeName: '他街推荐对象',
      nomineeKind: 'person',
      summary: '米市巷街道的推荐对象，天水街道不应看到。',
    });
    const otherResident = await p.login('13700000009', 'Other2026x');
    const team = await post(
      '/api/learning-teams',
      { name: '米市巷合唱团', category: 'music', communityCode: OTHER + '051', venue: '社区活动室', usualTime: '每周一' },
      otherResident,
    );
    await post('/api/member-units/template', { template: 'nankai-2021' });
    const unit = (await p.request('GET', '/api/member-units', { headers: district })).body.items[0];
    const task = await post('/api/governance-tasks', { year: 2026, title: '越界检查任务', ownerUnitId: unit.id, dueOn: '2026-12-31', targetText: '完成' });
    const visit = await post('/api/supervision-visits', { visitedOn: '2026-11-20', subject: '米市巷街道督导', findings: '检查发现' });
    const plan = await post('/api/assessment-plans', {
      year: 2026,
      title: '越界检查考核',
      subjectKind: 'street',
      criteria: [{ name: '职责落实', weight: 1, source: 'reviewer' }],
    });
    return {
      campaignId: campaign.id,
      otherNominationId: nomination.id,
      otherTeamId: team.id,
      unitId: unit.id,
      taskId: task.id,
      visitId: visit.id,
      planId: plan.id,
    };
  })();
  return fixtures;
}
const ANY_ID = '00000000-0000-4000-8000-000000000000';

// An event of the other street with an enrolment by its resident and a message to them.
let enrolmentFixture: Promise<{ offeringId: string; enrolmentId: string; notificationId: string }> | null = null;
function enrolmentFixtures() {
  enrolmentFixture ??= (async () => {
    const admin = await p.login('admin');
    const created = await p.request('POST', '/api/offerings', {
      headers: admin,
      body: {
        kind: 'event',
        eventType: 'lecture',
        title: '米市巷讲座',
        categoryCode: 'SHUHUA',
        regionCode: OTHER,
        mode: 'online',
        capacity: 10,
        sessions: [{ date: '2026-12-10', startTime: '09:00', endTime: '11:00' }],
        enrolmentOpensAt: '2026-11-22T00:00:00+08:00',
        enrolmentClosesAt: '2026-12-09T00:00:00+08:00',
      },
    });
    await p.request('POST', `/api/offerings/${created.body.id}/publish`, { headers: admin });
    const resident = await p.login('13700000009', 'Other2026x');
    const enrolled = await p.request('POST', `/api/offerings/${created.body.id}/enrolments`, { headers: resident, body: {} });
    const inbox = await p.request('GET', '/api/notifications', { headers: resident });
    const ids = { offeringId: created.body.id, enrolmentId: enrolled.body.id, notificationId: inbox.body.items[0]?.id };
    if (Object.values(ids).some((v) => !v))
      throw new Error('enrolment fixtures missing: ' + JSON.stringify({ created: created.body, enrolled: enrolled.body }));
    return ids;
  })();
  return enrolmentFixture;
}

const checks: Record<string, Check> = {
  // Public reference data: the division tree is open to everyone by design.
  'GET /api/regions': async () => void (await expectStatus(req('GET', '/api/regions'), 200)),
  'GET /api/demo-status': async () => void (await expectStatus(req('GET', '/api/demo-status'), 200)),
  'GET /api/version': async () => void (await expectStatus(req('GET', '/api/version'), 200)), // public: the build and schema, no data
  'GET /api/regions/:code': async () => void (await expectStatus(req('GET', `/api/regions/${OTHER}`), 200)),
  'GET /api/regions/:code/children': async () => void (await expectStatus(req('GET', `/api/regions/${OTHER}/children`), 200)),
  'PUT /api/regions/:code/populations/:year': async () => {
    await expectStatus(req('PUT', `/api/regions/${OTHER}/populations/2025`, { total: 1, source: 'x' }), 403);
    expect((await p.request('GET', `/api/regions/${OTHER}`)).body.population).toBeNull();
  },

  'GET /api/institutions': async () => {
    noOtherRegion((await expectStatus(req('GET', '/api/institutions?pageSize=200'), 200)).body.items);
    await expectStatus(req('GET', `/api/institutions?region=${OTHER}`), 404);
  },
  'GET /api/institutions/:id': async () => void (await expectStatus(req('GET', `/api/institutions/${other.institutionId}`), 404)),
  'POST /api/institutions': async () => {
    const res = await expectStatus(req('POST', '/api/institutions', { name: '越界学习点', type: 'learning_point', regionCode: OTHER + '051' }), 422);
    expect(res.body.error.details.fields.regionCode).toBe('该区划不在您的管理范围内');
  },
  'PATCH /api/institutions/:id': async () => void (await expectStatus(req('PATCH', `/api/institutions/${other.institutionId}`, { status: 'inactive' }), 404)),
  'GET /api/institutions/import-template.xlsx': async () => void (await expectStatus(req('GET', '/api/institutions/import-template.xlsx'), 200)),
  'POST /api/institutions/import': async () => {
    // Scope checks on import rows are shown in institutions.api.test.ts; here: no file, nothing written.
    await expectStatus(req('POST', '/api/institutions/import'), 422);
  },
  'GET /api/institutions/export.xlsx': async () => {
    await expectStatus(req('GET', `/api/institutions/export.xlsx?region=${OTHER}`), 404);
    const all = await expectStatus(req('GET', '/api/institutions/export.xlsx'), 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(all.raw as unknown as ArrayBuffer);
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) expect(String(row.getCell(3).value)).toMatch(new RegExp('^' + OWN));
    });
  },
  'GET /api/coverage': async () => void (await expectStatus(req('GET', `/api/coverage?region=${OTHER}`), 404)),

  'POST /api/auth/login': async () =>
    void (await expectStatus(p.request('POST', '/api/auth/login', { body: { username: 'mishixiang', password: 'wrong-pass1' } }), 401)),
  'POST /api/auth/logout': async () => {
    /* ends only the caller's own session */
  },
  'GET /api/auth/me': async () => expect((await req('GET', '/api/auth/me')).body.scopes.map((s: { regionCode: string }) => s.regionCode)).toEqual([OWN]),
  'PATCH /api/auth/me': async () => void (await expectStatus(req('PATCH', '/api/auth/me', { locale: 'zh-CN' }), 200)),
  'GET /api/auth/session': async () =>
    expect((await req('GET', '/api/auth/session')).body.user.scopes.map((s: { regionCode: string }) => s.regionCode)).toEqual([OWN]),
  'POST /api/auth/password': async () =>
    void (await expectStatus(req('POST', '/api/auth/password', { currentPassword: 'wrong', newPassword: 'Whatever2026' }), 422)),
  'POST /api/auth/sms-codes': async () => {
    /* public: sends a code to the phone given, nothing to scope */
  },
  'POST /api/auth/sms-login': async () => void (await expectStatus(req('POST', '/api/auth/sms-login', { phone: '13700000009', smsCode: '000000' }), 422)),
  'POST /api/auth/password-reset': async () =>
    void (await expectStatus(req('POST', '/api/auth/password-reset', { phone: '13700000009', smsCode: '000000', newPassword: 'Whatever2026' }), 422)),

  'POST /api/residents': async () => {
    /* public self-registration */
  },
  'GET /api/residents/me': async () => void (await expectStatus(req('GET', '/api/residents/me'), 403)),
  'PATCH /api/residents/me': async () => void (await expectStatus(req('PATCH', '/api/residents/me', { realName: 'x' }), 403)),
  'GET /api/residents': async () => {
    const res = await expectStatus(req('GET', '/api/residents?pageSize=200'), 200);
    expect(res.body.items.every((r: { homeRegion: { code: string } }) => r.homeRegion.code.startsWith(OWN))).toBe(true);
    await expectStatus(req('GET', `/api/residents?region=${OTHER}`), 404);
  },
  'GET /api/residents/:id': async () => void (await expectStatus(req('GET', `/api/residents/${other.residentId}`), 404)),
  'POST /api/residents/:id/password-reset': async () => void (await expectStatus(req('POST', `/api/residents/${other.residentId}/password-reset`), 404)),
  'GET /api/residents/:id/id-number': async () => void (await expectStatus(req('GET', `/api/residents/${other.residentId}/id-number`), 404)),
  // Personal-data rights are the resident's own: staff are refused, and nothing addresses another resident.
  'GET /api/residents/me/data': async () => void (await expectStatus(req('GET', '/api/residents/me/data'), 403)),
  'GET /api/residents/me/consents': async () => void (await expectStatus(req('GET', '/api/residents/me/consents'), 403)),
  'POST /api/residents/me/consents/withdrawal': async () =>
    void (await expectStatus(req('POST', '/api/residents/me/consents/withdrawal', { kind: 'proxy_grant', id: ANY_ID }), 403)),
  'POST /api/residents/me/close/sms-code': async () => void (await expectStatus(req('POST', '/api/residents/me/close/sms-code'), 403)),
  'POST /api/residents/me/close': async () => void (await expectStatus(req('POST', '/api/residents/me/close', { password: 'Street2026x' }), 403)),

  'GET /api/staff-accounts': async () => {
    const res = await expectStatus(req('GET', '/api/staff-accounts?pageSize=200'), 200);
    expect(res.body.items.map((a: { username: string }) => a.username)).not.toContain('mishixiang');
    await expectStatus(req('GET', `/api/staff-accounts?region=${OTHER}`), 404);
  },
  'GET /api/staff-accounts/:id': async () => void (await expectStatus(req('GET', `/api/staff-accounts/${other.staffId}`), 404)),
  'POST /api/staff-accounts': async () =>
    void (await expectStatus(
      req('POST', '/api/staff-accounts', { username: 'intruder', displayName: 'x', role: 'leader', regionCodes: [OTHER], password: 'Intrude2026' }),
      403,
    )),
  'PATCH /api/staff-accounts/:id': async () => void (await expectStatus(req('PATCH', `/api/staff-accounts/${other.staffId}`, { status: 'disabled' }), 404)),
  'POST /api/staff-accounts/:id/password-reset': async () => {
    await expectStatus(req('POST', `/api/staff-accounts/${other.staffId}/password-reset`, { newPassword: 'Taken2026over' }), 404);
    expect((await p.login('mishixiang', 'Other2026x')).cookie).toBeTruthy();
  },

  'POST /api/files': async () => {
    /* an upload is the uploader's own until a module attaches it (files.api.test.ts) */
  },
  'GET /api/files/:id': async () => {
    const { multipart } = await import('../support/multipart');
    const body = multipart(Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: '米市巷.pdf', contentType: 'application/pdf', fields: { purpose: 'document' } });
    const otherStaff = await p.login('mishixiang', 'Other2026x');
    const file = await p.request('POST', '/api/files', { headers: { ...otherStaff, ...body.headers }, payload: body.payload });
    expect(file.status).toBe(201);
    await expectStatus(req('GET', `/api/files/${file.body.id}`), 404);
  },
  'GET /api/jobs/:id': async () => {
    const otherStaff = await p.services.auth.actorOf(((await p.db.execute(`select * from users where username = 'mishixiang'`)) as any).rows[0]);
    const { id } = await p.services.jobs.start({ actor: otherStaff, ip: null, locale: 'zh-CN' }, 'test', async () => ({}));
    await expectStatus(req('GET', `/api/jobs/${id}`), 404);
  },
  'GET /api/course-categories': async () => void (await expectStatus(req('GET', '/api/course-categories'), 200)),
  'POST /api/course-categories': async () =>
    void (await expectStatus(req('POST', '/api/course-categories', { code: 'STREETONLY', nameZh: '街道自设', nameEn: 'x' }), 403)),
  'PATCH /api/course-categories/:code': async () => void (await expectStatus(req('PATCH', '/api/course-categories/SHUHUA', { active: false }), 403)),
  'GET /api/me/learning-records': async () => void (await expectStatus(req('GET', '/api/me/learning-records'), 403)),
  'GET /api/me/learning-records/export.xlsx': async () => void (await expectStatus(req('GET', '/api/me/learning-records/export.xlsx'), 403)),
  'GET /api/me/learning-records/export.clr.json': async () => void (await expectStatus(req('GET', '/api/me/learning-records/export.clr.json'), 403)),
  'GET /api/me/learning-records/export.xapi.json': async () => void (await expectStatus(req('GET', '/api/me/learning-records/export.xapi.json'), 403)),
  'POST /api/recognition-applications/from-credential': async () =>
    void (await expectStatus(req('POST', '/api/recognition-applications/from-credential', {}), 403)),
  // Attendance, points and ratings (issue 4): a session or offering of no one the street runs is 404; residents' own routes refuse staff.
  'GET /api/offering-sessions/:id/checkin-code': async () => void (await expectStatus(req('GET', `/api/offering-sessions/${ANY_ID}/checkin-code`), 404)),
  'POST /api/checkins': async () => void (await expectStatus(req('POST', '/api/checkins', { s: ANY_ID, c: 'ABCDEFGHJK' }), 403)),
  'POST /api/checkins/pass': async () => void (await expectStatus(req('POST', '/api/checkins/pass', { s: ANY_ID, c: 'ABCDEFGHJK' }), 404)),
  'GET /api/offering-sessions/:id/attendance': async () => void (await expectStatus(req('GET', `/api/offering-sessions/${ANY_ID}/attendance`), 404)),
  'POST /api/offering-sessions/:id/attendance': async () =>
    void (await expectStatus(
      req('POST', `/api/offering-sessions/${ANY_ID}/attendance`, { marks: [{ residentId: other.residentId, status: 'present' }] }),
      404,
    )),
  'GET /api/offering-sessions/:id/attendance.xlsx': async () => void (await expectStatus(req('GET', `/api/offering-sessions/${ANY_ID}/attendance.xlsx`), 404)),
  'GET /api/offerings/:id/attendance': async () => void (await expectStatus(req('GET', `/api/offerings/${ANY_ID}/attendance`), 404)),
  'GET /api/me/offerings/:id/attendance': async () => void (await expectStatus(req('GET', `/api/me/offerings/${ANY_ID}/attendance`), 404)),
  'GET /api/me/points': async () => void (await expectStatus(req('GET', '/api/me/points'), 403)),
  'GET /api/me/points/by-source': async () => void (await expectStatus(req('GET', `/api/me/points/by-source?sourceIds=${ANY_ID}`), 403)),
  'GET /api/points-rules/:region': async () => void (await expectStatus(req('GET', '/api/points-rules/330105'), 200)),
  'GET /api/points-rules/:region/versions': async () => void (await expectStatus(req('GET', '/api/points-rules/330105/versions'), 404)),
  'PUT /api/points-rules/:region': async () => {
    await expectStatus(req('PUT', '/api/points-rules/330105', { perHour: 9, perClassCompleted: 9, perEventAttended: 9, perRating: 9 }), 404);
    expect((await p.request('GET', '/api/points-rules/330105')).body.version).toBe(0);
  },
  'GET /api/catalog/offerings/:id/rating': async () => void (await expectStatus(req('GET', `/api/catalog/offerings/${ANY_ID}/rating`), 404)),
  'GET /api/offerings/:id/my-rating': async () => void (await expectStatus(req('GET', `/api/offerings/${ANY_ID}/my-rating`), 403)),
  'PUT /api/offerings/:id/my-rating': async () => void (await expectStatus(req('PUT', `/api/offerings/${ANY_ID}/my-rating`, { stars: 5 }), 403)),
  'GET /api/ratings': async () => noOtherRegion((await expectStatus(req('GET', '/api/ratings'), 200)).body.items),
  'GET /api/ratings/averages': async () => void (await expectStatus(req('GET', '/api/ratings/averages'), 200)),
  'POST /api/ratings/:id/hide-comment': async () => void (await expectStatus(req('POST', `/api/ratings/${ANY_ID}/hide-comment`, { reason: '越界检查' }), 404)),
  'GET /api/learning-records': async () => {
    await expectStatus(req('GET', `/api/learning-records?region=${OTHER}`), 404);
    await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId: other.residentId,
        sourceType: 'manual',
        sourceId: 'other-street-lecture',
        title: '米市巷讲座',
        hours: 2,
        outcome: 'attended',
        occurredAt: new Date('2026-11-01T02:00:00Z'),
      }),
    );
    expect((await p.request('GET', `/api/learning-records?residentId=${other.residentId}`, { headers: await p.login('admin') })).body.total).toBe(1);
    const res = await expectStatus(req('GET', `/api/learning-records?residentId=${other.residentId}`), 200);
    expect(res.body.total).toBe(0);
  },
  'GET /api/me/credentials': async () => void (await expectStatus(req('GET', '/api/me/credentials'), 403)),
  'POST /api/me/credentials': async () => void (await expectStatus(req('POST', '/api/me/credentials', { kind: 'transcript' }), 403)),
  'GET /api/credentials': async () => {
    const { credentialId } = await credentialFixture();
    await expectStatus(req('GET', `/api/credentials?region=${OTHER}`), 404);
    const res = await expectStatus(req('GET', '/api/credentials?pageSize=200'), 200);
    expect(res.body.items.map((c: { id: string }) => c.id)).not.toContain(credentialId);
  },
  'POST /api/credentials': async () => {
    const { recordId } = await credentialFixture();
    const res = await expectStatus(req('POST', '/api/credentials', { kind: 'transcript', residentId: other.residentId }), 422);
    expect(res.body.error.details.fields.residentId).toBeTruthy();
    await expectStatus(req('POST', '/api/credentials', { kind: 'completion', recordId }), 422);
  },
  'GET /api/credentials/award-candidates': async () => {
    const res = await expectStatus(req('GET', '/api/credentials/award-candidates?pageSize=200'), 200);
    expect(res.body.items.every((c: { communityCode: string }) => c.communityCode.startsWith(OWN))).toBe(true);
  },
  'POST /api/credentials/verify': async () => {
    /* public by design: verifies a credential anyone holds */
  },
  'GET /api/credentials/issuer': async () => {
    /* public: the platform's issuer id and name */
  },
  'GET /api/credentials/issuer/seal': async () => {
    /* public: the issuing body's seal, printed on every certificate (none configured here: 404) */
  },
  'GET /api/credentials/status/:list': async () => {
    /* public by design: verifiers read the revocation list (bits only, no names) */
  },
  'GET /api/credentials/:id': async () => void (await expectStatus(req('GET', `/api/credentials/${(await credentialFixture()).credentialId}`), 404)),
  'GET /api/credentials/:id/credential.json': async () => {
    /* public by design: the holder's QR link; the id is an unguessable UUID */
  },
  'POST /api/credentials/:id/revocation': async () => {
    const { credentialId } = await credentialFixture();
    await expectStatus(req('POST', `/api/credentials/${credentialId}/revocation`, { reason: '越界撤销' }), 404);
    expect((await p.request('GET', `/api/credentials/${credentialId}`, { headers: await p.login('admin') })).body.status).toBe('valid');
  },
  // The VC-API adapter exists only when LEARNCITY_VC_API_TOKEN is set (conformance runs), and then needs that bearer token.
  'POST /api/vc-api/credentials/issue': async () =>
    void (await expectStatus(req('POST', '/api/vc-api/credentials/issue', { credential: { type: ['VerifiableCredential'] } }), 404)),
  'POST /api/vc-api/credentials/verify': async () =>
    void (await expectStatus(req('POST', '/api/vc-api/credentials/verify', { verifiableCredential: {} }), 404)),
  'POST /api/vc-api/credentials/status': async () =>
    void (await expectStatus(
      req('POST', '/api/vc-api/credentials/status', { credentialId: 'urn:uuid:x', credentialStatus: [{ type: 'BitstringStatusListEntry', status: true }] }),
      404,
    )),
  'POST /api/vc-api/presentations/verify': async () =>
    void (await expectStatus(req('POST', '/api/vc-api/presentations/verify', { verifiablePresentation: {} }), 404)),
  'POST /api/learning-records': async () => {
    const res = await expectStatus(
      req('POST', '/api/learning-records', { residentId: other.residentId, title: '越界登记', hours: 1, outcome: 'attended', occurredOn: '2026-11-01' }),
      422,
    );
    expect(res.body.error.details.fields.residentId).toBeTruthy();
  },
  'GET /api/venues': async () => {
    const res = await expectStatus(req('GET', '/api/venues?pageSize=200'), 200);
    expect(res.body.items.some((v: { ownerRegionCode: string }) => v.ownerRegionCode.startsWith(OTHER))).toBe(false);
  },
  'GET /api/venues/summary': async () => void (await expectStatus(req('GET', '/api/venues/summary'), 200)),
  'GET /api/venues/:id': async () => void (await expectStatus(req('GET', `/api/venues/${other.venueId}`), 404)),
  'POST /api/venues': async () =>
    void (await expectStatus(req('POST', '/api/venues', { name: '越界场地', ownerRegionCode: OTHER, regionCode: OTHER, unitKind: 'library' }), 422)),
  'PATCH /api/venues/:id': async () => void (await expectStatus(req('PATCH', `/api/venues/${other.venueId}`, { shared: true }), 404)),
  'POST /api/venues/bulk': async () =>
    expect((await expectStatus(req('POST', '/api/venues/bulk', { ids: [other.venueId], action: 'share' }), 200)).body).toEqual({
      updated: 0,
      skipped: [{ id: other.venueId, reason: 'not_found' }],
    }),
  'GET /api/venues/:id/bookings': async () =>
    void (await expectStatus(req('GET', `/api/venues/${other.venueId}/bookings?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z`), 404)),
  'GET /api/venues/import-template.xlsx': async () => void (await expectStatus(req('GET', '/api/venues/import-template.xlsx'), 200)),
  'GET /api/venues/export.xlsx': async () => void (await expectStatus(req('GET', '/api/venues/export.xlsx'), 200)),
  'POST /api/venues/import': async () => void (await expectStatus(req('POST', '/api/venues/import'), 422)),
  'GET /api/venue-bookings': async () =>
    expect((await expectStatus(req('GET', '/api/venue-bookings?pageSize=200'), 200)).body.items.map((b: { id: string }) => b.id)).not.toContain(
      other.bookingId,
    ),
  'GET /api/venue-bookings/:id': async () => void (await expectStatus(req('GET', `/api/venue-bookings/${other.bookingId}`), 404)),
  'POST /api/venue-bookings': async () =>
    void (await expectStatus(
      req('POST', '/api/venue-bookings', {
        venueId: other.venueId,
        startsAt: '2026-12-02T01:00:00Z',
        endsAt: '2026-12-02T03:00:00Z',
        purpose: 'event',
        title: 'x',
      }),
      422,
    )),
  'POST /api/venue-bookings/:id/decision': async () =>
    void (await expectStatus(req('POST', `/api/venue-bookings/${other.bookingId}/decision`, { decision: 'rejected', reason: 'x' }), 404)),
  'POST /api/venue-bookings/:id/cancellation': async () =>
    void (await expectStatus(req('POST', `/api/venue-bookings/${other.bookingId}/cancellation`, {}), 404)),

  'GET /api/instructors': async () => {
    const res = await expectStatus(req('GET', '/api/instructors?pageSize=200'), 200);
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(other.instructorId);
  },
  'GET /api/instructors/summary': async () => void (await expectStatus(req('GET', '/api/instructors/summary'), 200)),
  'GET /api/instructors/:id': async () => void (await expectStatus(req('GET', `/api/instructors/${other.instructorId}`), 404)),
  'GET /api/instructors/:id/phone': async () => void (await expectStatus(req('GET', `/api/instructors/${other.instructorId}/phone`), 404)),
  'POST /api/instructors': async () =>
    void (await expectStatus(
      req('POST', '/api/instructors', { name: '越界', kind: 'volunteer', phone: '13755550002', specialities: ['SHUHUA'], ownerRegionCode: OTHER }),
      422,
    )),
  'PATCH /api/instructors/:id': async () => void (await expectStatus(req('PATCH', `/api/instructors/${other.instructorId}`, { shared: true }), 404)),
  'POST /api/instructors/:id/vetting': async () =>
    void (await expectStatus(req('POST', `/api/instructors/${other.instructorId}/vetting`, { status: 'approved' }), 404)),
  'POST /api/instructors/bulk': async () =>
    expect((await expectStatus(req('POST', '/api/instructors/bulk', { ids: [other.instructorId], action: 'approve' }), 200)).body.updated).toBe(0),
  'GET /api/instructors/import-template.xlsx': async () => void (await expectStatus(req('GET', '/api/instructors/import-template.xlsx'), 200)),
  'GET /api/instructors/export.xlsx': async () => void (await expectStatus(req('GET', '/api/instructors/export.xlsx'), 200)),
  'POST /api/instructors/import': async () => void (await expectStatus(req('POST', '/api/instructors/import'), 422)),

  'GET /api/partners': async () => {
    const res = await expectStatus(req('GET', '/api/partners?pageSize=200'), 200);
    expect(res.body.items.some((i: { id: string }) => i.id === other.partnerId)).toBe(false);
  },
  'GET /api/partners/:id': async () => void (await expectStatus(req('GET', `/api/partners/${other.partnerId}`), 404)),
  'POST /api/partners': async () => void (await expectStatus(req('POST', '/api/partners', { name: 'x', scopes: ['all'], regionCode: OTHER }), 422)),
  'PATCH /api/partners/:id': async () => void (await expectStatus(req('PATCH', `/api/partners/${other.partnerId}`, { status: 'disabled' }), 404)),
  'POST /api/partners/:id/secret-rotation': async () => void (await expectStatus(req('POST', `/api/partners/${other.partnerId}/secret-rotation`), 404)),
  // Webhooks of another street's partner: "not found"; the partner's own API takes only its Basic credentials.
  'GET /api/partners/:id/webhooks': async () => void (await expectStatus(req('GET', `/api/partners/${other.partnerId}/webhooks`), 404)),
  'GET /api/partners/:id/unmatched-statements': async () => void (await expectStatus(req('GET', `/api/partners/${other.partnerId}/unmatched-statements`), 404)),
  'POST /api/partners/:id/webhooks': async () =>
    void (await expectStatus(
      req('POST', `/api/partners/${other.partnerId}/webhooks`, { url: 'https://example.org/hook', eventTypes: ['statement.stored'] }),
      404,
    )),
  'PATCH /api/partners/:id/webhooks/:webhookId': async () =>
    void (await expectStatus(req('PATCH', `/api/partners/${other.partnerId}/webhooks/${crypto.randomUUID()}`, { status: 'disabled' }), 404)),
  'DELETE /api/partners/:id/webhooks/:webhookId': async () =>
    void (await expectStatus(req('DELETE', `/api/partners/${other.partnerId}/webhooks/${crypto.randomUUID()}`), 404)),
  'GET /api/partners/:id/webhook-deliveries': async () => void (await expectStatus(req('GET', `/api/partners/${other.partnerId}/webhook-deliveries`), 404)),
  'POST /api/partners/:id/webhook-deliveries/:deliveryId/redelivery': async () =>
    void (await expectStatus(req('POST', `/api/partners/${other.partnerId}/webhook-deliveries/${crypto.randomUUID()}/redelivery`), 404)),
  'GET /api/partner/webhooks': async () => void (await expectStatus(req('GET', '/api/partner/webhooks'), 401)),
  'POST /api/partner/webhooks': async () =>
    void (await expectStatus(req('POST', '/api/partner/webhooks', { url: 'https://example.org/hook', eventTypes: ['statement.stored'] }), 401)),
  'PATCH /api/partner/webhooks/:webhookId': async () =>
    void (await expectStatus(req('PATCH', `/api/partner/webhooks/${crypto.randomUUID()}`, { status: 'disabled' }), 401)),
  'DELETE /api/partner/webhooks/:webhookId': async () => void (await expectStatus(req('DELETE', `/api/partner/webhooks/${crypto.randomUUID()}`), 401)),
  'GET /api/partner/webhook-deliveries': async () => void (await expectStatus(req('GET', '/api/partner/webhook-deliveries'), 401)),
  'POST /api/partner/webhook-deliveries/:deliveryId/redelivery': async () =>
    void (await expectStatus(req('POST', `/api/partner/webhook-deliveries/${crypto.randomUUID()}/redelivery`), 401)),
  // Linked identities: only the resident acts; staff can never link on a resident's behalf.
  'GET /api/me/linked-identities': async () => void (await expectStatus(req('GET', '/api/me/linked-identities'), 403)),
  'POST /api/me/linked-identities/phone': async () => void (await expectStatus(req('POST', '/api/me/linked-identities/phone', { consent: true }), 403)),
  'POST /api/me/linked-identities/email-codes': async () =>
    void (await expectStatus(req('POST', '/api/me/linked-identities/email-codes', { email: 'a@example.org' }), 403)),
  'POST /api/me/linked-identities/email': async () =>
    void (await expectStatus(req('POST', '/api/me/linked-identities/email', { email: 'a@example.org', code: '123456', consent: true }), 403)),
  'DELETE /api/me/linked-identities/:id': async () => void (await expectStatus(req('DELETE', `/api/me/linked-identities/${crypto.randomUUID()}`), 403)),
  // Single sign-on is not configured here: public answers, nothing to scope.
  'GET /api/auth/oidc': async () => expect((await req('GET', '/api/auth/oidc')).body).toEqual({ enabled: false }),
  'GET /api/auth/oidc/login': async () => void (await expectStatus(req('GET', '/api/auth/oidc/login'), 404)),
  'GET /api/auth/oidc/callback': async () => void (await expectStatus(req('GET', '/api/auth/oidc/callback?code=x&state=y'), 404)),
  'GET /api/auth/oidc/pending': async () => void (await expectStatus(req('GET', '/api/auth/oidc/pending'), 404)),
  'POST /api/auth/oidc/sms-codes': async () => void (await expectStatus(req('POST', '/api/auth/oidc/sms-codes', { phone: '13900000001' }), 404)),
  'POST /api/auth/oidc/link': async () => void (await expectStatus(req('POST', '/api/auth/oidc/link', { method: 'current', consent: true }), 404)),
  'GET /api/audit-log': async () => {
    const res = await expectStatus(req('GET', '/api/audit-log?pageSize=200'), 200);
    expect(res.body.items.some((a: { regionCode: string | null }) => a.regionCode?.startsWith(OTHER))).toBe(false);
  },
  'GET /api/audit-log/export.csv': async () => {
    const res = await expectStatus(req('GET', '/api/audit-log/export.csv?from=2026-01-01&to=2026-12-31'), 200);
    const rows = res.raw.toString('utf8').trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.split(',')[6]?.startsWith(OTHER))).toBe(false);
  },
  'GET /api/audit-log/export.xlsx': async () => void (await expectStatus(req('GET', '/api/audit-log/export.xlsx?from=2026-01-01&to=2026-12-31'), 200)),
  // Backups hold every street's data and the keys: the system administrator's alone.
  'GET /api/system/backups': async () => void (await expectStatus(req('GET', '/api/system/backups'), 403)),
  'POST /api/system/backups': async () => void (await expectStatus(req('POST', '/api/system/backups'), 403)),
  // Awards: a campaign is the district's; nominations belong to communities and stay within scope.
  'GET /api/award-campaigns': async () => void (await expectStatus(req('GET', '/api/award-campaigns'), 200)),
  'POST /api/award-campaigns': async () =>
    void (await expectStatus(
      req('POST', '/api/award-campaigns', {
        title: '街道越权评选',
        type: 'learning_star',
        year: 2026,
        regionCode: '330105',
        quotaCommunity: 1,
        quotaStreet: 1,
        quotaDistrict: 1,
        criteria: [{ name: 'x', weight: 1 }],
      }),
      422,
    )),
  'GET /api/award-campaigns/:id': async () => void (await expectStatus(req('GET', `/api/award-campaigns/${(await moduleFixtures()).campaignId}`), 200)),
  'POST /api/award-campaigns/:id/public-notice': async () =>
    void (await expectStatus(
      req('POST', `/api/award-campaigns/${(await moduleFixtures()).campaignId}/public-notice`, { endsAt: '2026-12-30T17:00:00+08:00' }),
      403,
    )),
  'POST /api/award-campaigns/:id/commendation': async () =>
    void (await expectStatus(req('POST', `/api/award-campaigns/${(await moduleFixtures()).campaignId}/commendation`, {}), 403)),
  'GET /api/award-campaigns/:id/results.xlsx': async () => {
    const res = await expectStatus(req('GET', `/api/award-campaigns/${(await moduleFixtures()).campaignId}/results.xlsx`), 200);
    expect((res.raw as Buffer).includes(Buffer.from('他街推荐对象'))).toBe(false);
  },
  'GET /api/award-nominations': async () => {
    const f = await moduleFixtures();
    const res = await expectStatus(req('GET', `/api/award-nominations?campaign=${f.campaignId}`), 200);
    expect(res.body.items.some((n: { id: string }) => n.id === f.otherNominationId)).toBe(false);
    await expectStatus(req('GET', `/api/award-nominations?region=${OTHER}`), 404);
  },
  'POST /api/award-nominations': async () => {
    const res = await expectStatus(
      req('POST', '/api/award-nominations', {
        campaignId: (await moduleFixtures()).campaignId,
        communityCode: OTHER + '051',
        nomineeName: '越界',
        nomineeKind: 'person',
        summary: '越界推荐不应成功，这是其他街道的社区。',
      }),
      422,
    );
    expect(res.body.error.details.fields.communityCode).toBeTruthy();
  },
  'GET /api/award-nominations/:id': async () =>
    void (await expectStatus(req('GET', `/api/award-nominations/${(await moduleFixtures()).otherNominationId}`), 404)),
  'POST /api/award-nominations/:id/reviews': async () =>
    void (await expectStatus(
      req('POST', `/api/award-nominations/${(await moduleFixtures()).otherNominationId}/reviews`, { decision: 'reject', reason: '越界' }),
      404,
    )),
  'GET /api/award-objections': async () => void (await expectStatus(req('GET', `/api/award-objections?campaign=${(await moduleFixtures()).campaignId}`), 200)),
  'POST /api/award-objections/:id/resolution': async () =>
    void (await expectStatus(req('POST', `/api/award-objections/${ANY_ID}/resolution`, { resolution: 'dismissed', response: '越界处理' }), 404)),
  // Public by design: notices and objections (an open campaign has no notice yet).
  // Lottery rounds: the other street's round is invisible to staff here (404); its public page is public by design.
  'GET /api/lottery-rounds': async () =>
    expect(
      (await expectStatus(req('GET', '/api/lottery-rounds?pageSize=200'), 200)).body.items.every(
        (r: { regionCode: string }) => !r.regionCode.startsWith(OTHER),
      ),
    ).toBe(true),
  'POST /api/lottery-rounds': async () =>
    void (await expectStatus(
      req('POST', '/api/lottery-rounds', {
        name: '越界摇号',
        regionCode: OTHER,
        offeringIds: [ANY_ID],
        opensAt: '2026-12-01T00:00:00Z',
        closesAt: '2026-12-02T00:00:00Z',
        maxChoices: 1,
      }),
      422,
    )),
  'GET /api/lottery-rounds/:id': async () => void (await expectStatus(req('GET', `/api/lottery-rounds/${await otherRound()}`), 404)),
  'PATCH /api/lottery-rounds/:id': async () => void (await expectStatus(req('PATCH', `/api/lottery-rounds/${await otherRound()}`, { name: '越界改名' }), 404)),
  'POST /api/lottery-rounds/:id/publication': async () => void (await expectStatus(req('POST', `/api/lottery-rounds/${await otherRound()}/publication`), 404)),
  'POST /api/lottery-rounds/:id/draw': async () => void (await expectStatus(req('POST', `/api/lottery-rounds/${await otherRound()}/draw`), 404)),
  'POST /api/lottery-rounds/:id/cancellation': async () =>
    void (await expectStatus(req('POST', `/api/lottery-rounds/${await otherRound()}/cancellation`, { reason: '越界取消' }), 404)),
  'GET /api/lottery-rounds/:id/results': async () => void (await expectStatus(req('GET', `/api/lottery-rounds/${await otherRound()}/results`), 404)),
  'GET /api/lottery-rounds/:id/results.xlsx': async () => void (await expectStatus(req('GET', `/api/lottery-rounds/${await otherRound()}/results.xlsx`), 404)),
  'GET /api/public/lottery-rounds': async () => void (await expectStatus(req('GET', '/api/public/lottery-rounds'), 200)),
  'GET /api/public/lottery-rounds/:id': async () =>
    expect((await expectStatus(req('GET', `/api/public/lottery-rounds/${await otherRound()}`), 200)).body.seed).toBeNull(),
  'GET /api/public/lottery-rounds/:id/publication.json': async () =>
    expect((await expectStatus(req('GET', `/api/public/lottery-rounds/${await otherRound()}/publication.json`), 200)).body.seed).toBeNull(),
  'GET /api/lottery-rounds/:id/my-application': async () =>
    void (await expectStatus(req('GET', `/api/lottery-rounds/${await otherRound()}/my-application`), 403)),
  'PUT /api/lottery-rounds/:id/my-application': async () =>
    void (await expectStatus(req('PUT', `/api/lottery-rounds/${await otherRound()}/my-application`, { choices: [ANY_ID] }), 403)),
  'DELETE /api/lottery-rounds/:id/my-application': async () =>
    void (await expectStatus(req('DELETE', `/api/lottery-rounds/${await otherRound()}/my-application`), 403)),
  'GET /api/public-notices': async () => void (await expectStatus(req('GET', '/api/public-notices'), 200)),
  'GET /api/public-notices/:id': async () => void (await expectStatus(req('GET', `/api/public-notices/${(await moduleFixtures()).campaignId}`), 404)),
  'POST /api/public-notices/:id/objections': async () =>
    void (await expectStatus(
      req('POST', `/api/public-notices/${(await moduleFixtures()).campaignId}/objections`, {
        nominationId: (await moduleFixtures()).otherNominationId,
        content: '越界异议内容',
      }),
      404,
    )),

  // Learning teams are residents' own: public to read, staff cannot act in them, members' names stay inside.
  // Enrolment: another street's offering and enrolments "do not exist" for this street's staff.
  'POST /api/offerings/:id/enrolments': async () => {
    const { offeringId } = await enrolmentFixtures();
    expect((await expectStatus(req('POST', `/api/offerings/${offeringId}/enrolments`, {}), 403)).body.error.code).toBe('enrolment.residents_only');
  },
  'GET /api/offerings/:id/enrolment-status': async () => {
    const { offeringId } = await enrolmentFixtures();
    expect((await expectStatus(req('GET', `/api/offerings/${offeringId}/enrolment-status`), 200)).body.enrolment).toBeNull();
  },
  'GET /api/offerings/:id/enrolments': async () =>
    void (await expectStatus(req('GET', `/api/offerings/${(await enrolmentFixtures()).offeringId}/enrolments`), 404)),
  'GET /api/offerings/:id/enrolments/export.xlsx': async () =>
    void (await expectStatus(req('GET', `/api/offerings/${(await enrolmentFixtures()).offeringId}/enrolments/export.xlsx`), 404)),
  'GET /api/enrolments': async () => void (await expectStatus(req('GET', '/api/enrolments'), 403)),
  'POST /api/enrolments/:id/cancellation': async () => {
    const { enrolmentId } = await enrolmentFixtures();
    await expectStatus(req('POST', `/api/enrolments/${enrolmentId}/cancellation`, { reason: '越界' }), 404);
  },
  'POST /api/enrolments/:id/offer-confirmation': async () =>
    void (await expectStatus(req('POST', `/api/enrolments/${(await enrolmentFixtures()).enrolmentId}/offer-confirmation`), 404)),
  'POST /api/enrolments/:id/offer-decline': async () =>
    void (await expectStatus(req('POST', `/api/enrolments/${(await enrolmentFixtures()).enrolmentId}/offer-decline`), 404)),
  'POST /api/enrolments/:id/decision': async () =>
    void (await expectStatus(req('POST', `/api/enrolments/${(await enrolmentFixtures()).enrolmentId}/decision`, { approve: false, reason: 'x' }), 404)),
  'POST /api/enrolments/:id/fee': async () => {
    const { enrolmentId } = await enrolmentFixtures();
    await expectStatus(req('POST', `/api/enrolments/${enrolmentId}/fee`, { kind: 'waived', note: '越界' }), 404);
    const resident = await p.login('13700000009', 'Other2026x');
    expect((await p.request('GET', '/api/enrolments', { headers: resident })).body.items[0].fee.status).toBe('none');
  },
  'GET /api/proxy-grants': async () => expect((await expectStatus(req('GET', '/api/proxy-grants'), 200)).body).toEqual({ asGrantor: [], asGrantee: [] }),
  'POST /api/proxy-grants': async () => void (await expectStatus(req('POST', '/api/proxy-grants', { granteeLogin: 'mishixiang' }), 403)),
  'POST /api/proxy-grants/requests': async () => {
    // The same answer as for an unknown number, and no request is made of the other street's resident.
    const res = await expectStatus(req('POST', '/api/proxy-grants/requests', { grantorPhone: '13700000009' }), 202);
    expect(res.body).toEqual({ status: 'requested', grantorPhone: '137****0009' });
    const waiting = await p.db.execute(`select count(*)::int as n from proxy_grants where grantor_id = '${other.residentId}'`);
    expect(Number((waiting as any).rows[0].n)).toBe(0);
  },
  'POST /api/proxy-grants/:id/consent': async () => void (await expectStatus(req('POST', `/api/proxy-grants/${ANY_ID}/consent`), 404)),
  'POST /api/proxy-grants/:id/revocation': async () => void (await expectStatus(req('POST', `/api/proxy-grants/${ANY_ID}/revocation`), 404)),
  'GET /api/notifications': async () => expect((await expectStatus(req('GET', '/api/notifications'), 200)).body.total).toBe(0),
  'GET /api/notifications/unread-count': async () => void (await expectStatus(req('GET', '/api/notifications/unread-count'), 200)),
  'POST /api/notifications/:id/read': async () =>
    void (await expectStatus(req('POST', `/api/notifications/${(await enrolmentFixtures()).notificationId}/read`), 404)),
  'POST /api/notifications/read-all': async () => {
    await expectStatus(req('POST', '/api/notifications/read-all'), 200);
    const resident = await p.login('13700000009', 'Other2026x');
    expect((await p.request('GET', '/api/notifications/unread-count', { headers: resident })).body.unread).toBeGreaterThan(0);
  },
  'GET /api/learning-teams': async () => void (await expectStatus(req('GET', '/api/learning-teams'), 200)),
  'POST /api/learning-teams': async () =>
    void (await expectStatus(
      req('POST', '/api/learning-teams', { name: '街道代建团队', category: 'music', communityCode: OWN + '001', venue: '活动室', usualTime: '每周' }),
      403,
    )),
  'GET /api/learning-teams/:id': async () =>
    expect((await expectStatus(req('GET', `/api/learning-teams/${(await moduleFixtures()).otherTeamId}`), 200)).body.members).toBeNull(),
  'POST /api/learning-teams/:id/join-requests': async () =>
    void (await expectStatus(req('POST', `/api/learning-teams/${(await moduleFixtures()).otherTeamId}/join-requests`, {}), 403)),
  'POST /api/learning-teams/:id/members/:userId/decision': async () =>
    void (await expectStatus(req('POST', `/api/learning-teams/${(await moduleFixtures()).otherTeamId}/members/${ANY_ID}/decision`, { accept: true }), 403)),
  'GET /api/learning-teams/:id/activities': async () =>
    void (await expectStatus(req('GET', `/api/learning-teams/${(await moduleFixtures()).otherTeamId}/activities`), 200)),
  'POST /api/learning-teams/:id/activities': async () =>
    void (await expectStatus(
      req('POST', `/api/learning-teams/${(await moduleFixtures()).otherTeamId}/activities`, {
        title: '越界活动',
        heldOn: '2026-11-20',
        hours: 1,
        attendeeIds: [ANY_ID],
      }),
      403,
    )),

  // Governance is the district secretariat's: a street administrator reads it and changes nothing.
  'GET /api/member-units': async () => void (await expectStatus(req('GET', '/api/member-units'), 200)),
  'POST /api/member-units': async () =>
    void (await expectStatus(req('POST', '/api/member-units', { name: '越权单位', kind: 'other', regionCode: '330105' }), 422)),
  'POST /api/member-units/template': async () =>
    void (await expectStatus(req('POST', '/api/member-units/template', { template: 'nankai-2021', regionCode: '330105' }), 422)),
  'GET /api/member-unit-templates': async () => void (await expectStatus(req('GET', '/api/member-unit-templates'), 200)),
  'POST /api/member-unit-templates': async () =>
    void (await expectStatus(req('POST', '/api/member-unit-templates', { name: '越权模板', regionCode: '330105' }), 422)),
  // The home's counts come from the queues' own list calls, so they hold only what the caller may see.
  'GET /api/me/work': async () => void (await expectStatus(req('GET', '/api/me/work'), 200)),
  'GET /api/member-units/:id': async () => void (await expectStatus(req('GET', `/api/member-units/${(await moduleFixtures()).unitId}`), 200)),
  'POST /api/member-units/:id/reporters': async () =>
    void (await expectStatus(req('POST', `/api/member-units/${(await moduleFixtures()).unitId}/reporters`, { userId: other.staffId }), 403)),
  'GET /api/leading-group-members': async () => void (await expectStatus(req('GET', '/api/leading-group-members'), 200)),
  'POST /api/leading-group-members': async () =>
    void (await expectStatus(req('POST', '/api/leading-group-members', { name: '越权', position: 'x', groupRole: 'member', regionCode: '330105' }), 422)),
  'GET /api/governance-tasks': async () => void (await expectStatus(req('GET', '/api/governance-tasks'), 200)),
  'POST /api/governance-tasks': async () =>
    void (await expectStatus(
      req('POST', '/api/governance-tasks', {
        year: 2026,
        title: '越权任务',
        ownerUnitId: (await moduleFixtures()).unitId,
        dueOn: '2026-12-31',
        targetText: '完成',
        regionCode: '330105',
      }),
      422,
    )),
  'GET /api/governance-tasks/:id': async () => void (await expectStatus(req('GET', `/api/governance-tasks/${(await moduleFixtures()).taskId}`), 200)),
  'POST /api/governance-tasks/:id/progress-reports': async () =>
    void (await expectStatus(req('POST', `/api/governance-tasks/${(await moduleFixtures()).taskId}/progress-reports`, { text: '越权报送' }), 403)),
  'POST /api/governance-tasks/:id/completion': async () =>
    void (await expectStatus(req('POST', `/api/governance-tasks/${(await moduleFixtures()).taskId}/completion`, { closingNote: '越权办结' }), 403)),
  'GET /api/supervision-visits': async () => void (await expectStatus(req('GET', '/api/supervision-visits'), 200)),
  'POST /api/supervision-visits': async () =>
    void (await expectStatus(
      req('POST', '/api/supervision-visits', { visitedOn: '2026-11-20', subject: '越权督导', findings: '越权', regionCode: '330105' }),
      422,
    )),
  'GET /api/supervision-visits/:id': async () => void (await expectStatus(req('GET', `/api/supervision-visits/${(await moduleFixtures()).visitId}`), 200)),
  'GET /api/assessment-plans': async () => void (await expectStatus(req('GET', '/api/assessment-plans'), 200)),
  'POST /api/assessment-plans': async () =>
    void (await expectStatus(
      req('POST', '/api/assessment-plans', {
        year: 2026,
        title: '越权考核',
        subjectKind: 'street',
        regionCode: '330105',
        criteria: [{ name: 'x', weight: 1, source: 'reviewer' }],
      }),
      422,
    )),
  'GET /api/assessment-plans/:id': async () => void (await expectStatus(req('GET', `/api/assessment-plans/${(await moduleFixtures()).planId}`), 200)),
  'POST /api/assessment-plans/:id/scores': async () =>
    void (await expectStatus(
      req('POST', `/api/assessment-plans/${(await moduleFixtures()).planId}/scores`, { criterionId: ANY_ID, subjectId: OWN, score: 100, evidence: '自评满分' }),
      403,
    )),
  'GET /api/assessment-plans/:id/results': async () =>
    void (await expectStatus(req('GET', `/api/assessment-plans/${(await moduleFixtures()).planId}/results`), 200)),
  'GET /api/assessment-plans/:id/results.xlsx': async () =>
    void (await expectStatus(req('GET', `/api/assessment-plans/${(await moduleFixtures()).planId}/results.xlsx`), 200)),
  'POST /api/assessment-plans/:id/publication': async () =>
    void (await expectStatus(req('POST', `/api/assessment-plans/${(await moduleFixtures()).planId}/publication`), 403)),

  // The course library and calls for courses: the other street's unshared courses, calls and proposals stay out of reach.
  'GET /api/courses': async () => {
    const { courseId } = await otherPool();
    const res = await expectStatus(req('GET', '/api/courses?pageSize=200'), 200);
    expect(res.body.items.map((c: { id: string }) => c.id)).not.toContain(courseId);
    expect(res.body.items.every((c: { ownerRegionCode: string }) => !c.ownerRegionCode.startsWith(OTHER))).toBe(true);
  },
  'GET /api/courses/summary': async () => {
    await otherPool();
    const res = await expectStatus(req('GET', '/api/courses/summary'), 200);
    expect(res.body.byStreet.every((x: { key: string }) => x.key === OWN)).toBe(true);
  },
  'GET /api/courses/import-template.xlsx': async () => void (await expectStatus(req('GET', '/api/courses/import-template.xlsx'), 200)),
  'GET /api/courses/export.xlsx': async () => {
    await otherPool();
    const all = await expectStatus(req('GET', '/api/courses/export.xlsx'), 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(all.raw as unknown as ArrayBuffer);
    wb.worksheets[0].eachRow((row) => expect(String(row.values)).not.toContain('米市巷专属课程'));
  },
  'POST /api/courses/import': async () => void (await expectStatus(req('POST', '/api/courses/import'), 422)),
  'POST /api/courses/bulk': async () =>
    void (await expectStatus(req('POST', '/api/courses/bulk', { ids: [(await otherPool()).courseId], action: 'publish' }), 403)),
  'GET /api/courses/:id': async () => void (await expectStatus(req('GET', `/api/courses/${(await otherPool()).courseId}`), 404)),
  'POST /api/courses': async () => {
    const res = await expectStatus(
      req('POST', '/api/courses', {
        title: '越界课程',
        category: 'SHUHUA',
        targetGroups: ['general'],
        mode: 'offline',
        learningHours: 2,
        ownerRegionCode: OTHER,
      }),
      422,
    );
    expect(res.body.error.details.fields.ownerRegionCode).toBe('该区划不在您的管理范围内');
  },
  'PATCH /api/courses/:id': async () => void (await expectStatus(req('PATCH', `/api/courses/${(await otherPool()).courseId}`, { title: '改' }), 404)),
  'POST /api/courses/:id/resources': async () =>
    void (await expectStatus(
      req('POST', `/api/courses/${(await otherPool()).courseId}/resources`, { kind: 'link', title: 'x', url: 'https://example.org' }),
      404,
    )),
  'PATCH /api/resources/:id': async () =>
    void (await expectStatus(req('PATCH', `/api/resources/${(await otherPool()).resourceId}`, { status: 'published' }), 404)),
  'GET /api/resources/:id': async () => void (await expectStatus(req('GET', `/api/resources/${(await otherPool()).resourceId}`), 404)),
  'PUT /api/resources/:id/progress': async () =>
    void (await expectStatus(req('PUT', `/api/resources/${(await otherPool()).resourceId}/progress`, { positionSeconds: 1 }), 404)),
  'GET /api/resource-progress': async () => expect((await expectStatus(req('GET', '/api/resource-progress'), 200)).body.total).toBe(0),
  // The catalog is public by design: published courses only.
  'GET /api/catalog/courses': async () => {
    const res = await expectStatus(req('GET', '/api/catalog/courses?pageSize=200'), 200);
    expect(res.body.items.map((c: { id: string }) => c.id)).not.toContain((await otherPool()).courseId);
  },
  'GET /api/catalog/courses/:id': async () => void (await expectStatus(req('GET', `/api/catalog/courses/${(await otherPool()).courseId}`), 404)),
  'GET /api/course-calls': async () => {
    const res = await expectStatus(req('GET', '/api/course-calls'), 200);
    expect(res.body.items.map((c: { id: string }) => c.id)).not.toContain((await otherPool()).callId);
  },
  'POST /api/course-calls': async () =>
    void (await expectStatus(
      req('POST', '/api/course-calls', {
        title: '越界征集',
        ownerRegionCode: OTHER,
        budgetFen: 1,
        deadline: '2027-01-01T00:00:00+08:00',
        criteria: [{ name: 'a', maxScore: 10, weight: 1 }],
      }),
      422,
    )),
  'GET /api/course-calls/:id': async () => void (await expectStatus(req('GET', `/api/course-calls/${(await otherPool()).callId}`), 404)),
  'PATCH /api/course-calls/:id': async () => void (await expectStatus(req('PATCH', `/api/course-calls/${(await otherPool()).callId}`, { budgetFen: 1 }), 404)),
  'POST /api/course-calls/:id/open': async () => void (await expectStatus(req('POST', `/api/course-calls/${(await otherPool()).callId}/open`), 404)),
  'POST /api/course-calls/:id/review-start': async () =>
    void (await expectStatus(req('POST', `/api/course-calls/${(await otherPool()).callId}/review-start`), 404)),
  'POST /api/course-calls/:id/close': async () => void (await expectStatus(req('POST', `/api/course-calls/${(await otherPool()).callId}/close`), 404)),
  'GET /api/course-calls/:id/proposals': async () => void (await expectStatus(req('GET', `/api/course-calls/${(await otherPool()).callId}/proposals`), 404)),
  'POST /api/course-calls/:id/proposals': async () =>
    void (await expectStatus(
      req('POST', `/api/course-calls/${(await otherPool()).callId}/proposals`, {
        title: 'x',
        category: 'SHUHUA',
        targetGroups: ['general'],
        mode: 'offline',
        learningHours: 2,
        supplierName: 'x',
      }),
      404,
    )),
  'GET /api/course-proposals/:id': async () => void (await expectStatus(req('GET', `/api/course-proposals/${(await otherPool()).proposalId}`), 404)),
  'POST /api/course-proposals/:id/scores': async () =>
    void (await expectStatus(req('POST', `/api/course-proposals/${(await otherPool()).proposalId}/scores`, { scores: [5] }), 404)),
  'POST /api/course-proposals/:id/decision': async () =>
    void (await expectStatus(req('POST', `/api/course-proposals/${(await otherPool()).proposalId}/decision`, { decision: 'accepted' }), 404)),
  // Classes, events, terms and campaigns: the other street's are 404; the public catalogue shows published ones only.
  'GET /api/terms': async () =>
    expect((await expectStatus(req('GET', '/api/terms?pageSize=200'), 200)).body.items.map((x: { id: string }) => x.id)).not.toContain(
      (await otherOffering()).termId,
    ),
  'POST /api/terms': async () =>
    void (await expectStatus(req('POST', '/api/terms', { name: '越界学期', ownerRegionCode: OTHER, startsOn: '2027-02-01', endsOn: '2027-06-30' }), 422)),
  'GET /api/terms/:id': async () => void (await expectStatus(req('GET', `/api/terms/${(await otherOffering()).termId}`), 404)),
  'PATCH /api/terms/:id': async () => void (await expectStatus(req('PATCH', `/api/terms/${(await otherOffering()).termId}`, { name: '改' }), 404)),
  'POST /api/terms/:id/publish': async () => void (await expectStatus(req('POST', `/api/terms/${(await otherOffering()).termId}/publish`), 404)),
  'POST /api/terms/:id/cancel': async () => void (await expectStatus(req('POST', `/api/terms/${(await otherOffering()).termId}/cancel`), 404)),
  'GET /api/campaigns': async () =>
    expect((await expectStatus(req('GET', '/api/campaigns?pageSize=200'), 200)).body.items.map((x: { id: string }) => x.id)).not.toContain(
      (await otherOffering()).campaignId,
    ),
  'POST /api/campaigns': async () =>
    void (await expectStatus(req('POST', '/api/campaigns', { name: '越界活动周', ownerRegionCode: OTHER, startsOn: '2027-02-01', endsOn: '2027-02-07' }), 422)),
  'GET /api/campaigns/:id': async () => void (await expectStatus(req('GET', `/api/campaigns/${(await otherOffering()).campaignId}`), 404)),
  'PATCH /api/campaigns/:id': async () => void (await expectStatus(req('PATCH', `/api/campaigns/${(await otherOffering()).campaignId}`, { name: '改' }), 404)),
  'POST /api/campaigns/:id/publish': async () => void (await expectStatus(req('POST', `/api/campaigns/${(await otherOffering()).campaignId}/publish`), 404)),
  'POST /api/campaigns/:id/cancel': async () => void (await expectStatus(req('POST', `/api/campaigns/${(await otherOffering()).campaignId}/cancel`), 404)),
  'GET /api/offerings': async () => {
    await otherOffering();
    noOtherRegion((await expectStatus(req('GET', '/api/offerings?pageSize=200'), 200)).body.items);
    await expectStatus(req('GET', `/api/offerings?region=${OTHER}`), 200).then((r) => expect(r.body.total).toBe(0));
  },
  'GET /api/offerings/export.xlsx': async () => {
    await otherOffering();
    const all = await expectStatus(req('GET', '/api/offerings/export.xlsx'), 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(all.raw as unknown as ArrayBuffer);
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) expect(String(row.getCell(2).value)).not.toBe('米市巷讲座');
    });
  },
  'POST /api/offerings/preview': async () =>
    void (await expectStatus(
      req('POST', '/api/offerings/preview', { sessions: [{ date: '2026-12-20', startTime: '09:00', endTime: '10:00' }], venueId: other.venueId }),
      422,
    )),
  'POST /api/offerings': async () =>
    void (await expectStatus(
      req('POST', '/api/offerings', {
        kind: 'event',
        eventType: 'lecture',
        title: '越界讲座',
        categoryCode: 'SHUHUA',
        regionCode: OTHER,
        mode: 'online',
        sessions: [{ date: '2026-12-21', startTime: '09:00', endTime: '10:00' }],
      }),
      422,
    )),
  'GET /api/offerings/:id': async () => void (await expectStatus(req('GET', `/api/offerings/${(await otherOffering()).offeringId}`), 404)),
  'PATCH /api/offerings/:id': async () => void (await expectStatus(req('PATCH', `/api/offerings/${(await otherOffering()).offeringId}`, { title: '改' }), 404)),
  'POST /api/offerings/:id/publish': async () => void (await expectStatus(req('POST', `/api/offerings/${(await otherOffering()).offeringId}/publish`), 404)),
  'POST /api/offerings/:id/cancel': async () =>
    void (await expectStatus(req('POST', `/api/offerings/${(await otherOffering()).offeringId}/cancel`, { reason: '越界' }), 404)),
  'POST /api/offerings/:id/finish': async () => void (await expectStatus(req('POST', `/api/offerings/${(await otherOffering()).offeringId}/finish`), 404)),
  'GET /api/catalog/offerings': async () =>
    expect((await expectStatus(req('GET', '/api/catalog/offerings?pageSize=200'), 200)).body.items.map((x: { id: string }) => x.id)).not.toContain(
      (await otherOffering()).offeringId,
    ),
  'GET /api/catalog/offerings/:id': async () => void (await expectStatus(req('GET', `/api/catalog/offerings/${(await otherOffering()).offeringId}`), 404)),
  'GET /api/catalog/campaigns': async () =>
    expect((await expectStatus(req('GET', '/api/catalog/campaigns?pageSize=50'), 200)).body.items.map((x: { id: string }) => x.id)).not.toContain(
      (await otherOffering()).campaignId,
    ),
  // Monitoring: the other street's reports, results and reminders stay out of reach.
  'GET /api/monitoring/indicators': async () => void (await expectStatus(req('GET', '/api/monitoring/indicators'), 200)),
  'GET /api/monitoring/indicators/:code': async () => void (await expectStatus(req('GET', '/api/monitoring/indicators/I01'), 200)),
  'POST /api/monitoring/indicators': async () =>
    void (await expectStatus(
      req('POST', '/api/monitoring/indicators', { code: 'X1', nameZh: 'x', nameEn: 'x', area: 'F2', source: { kind: 'reported' } }),
      403,
    )),
  'PUT /api/monitoring/indicators/:code': async () =>
    void (await expectStatus(req('PUT', '/api/monitoring/indicators/I01', { nameZh: 'x', nameEn: 'x', area: 'F3', source: { kind: 'reported' } }), 403)),
  'GET /api/monitoring/standard-sets': async () => void (await expectStatus(req('GET', `/api/monitoring/standard-sets?region=${OTHER}`), 404)),
  'GET /api/monitoring/standard-sets/:code/history': async () => void (await expectStatus(req('GET', '/api/monitoring/standard-sets/gongshu/history'), 200)),
  'POST /api/monitoring/standard-sets': async () =>
    void (await expectStatus(req('POST', '/api/monitoring/standard-sets', { code: 'mine', nameZh: 'x', nameEn: 'x', rules: [] }), 403)),
  'PUT /api/monitoring/standard-sets/:code': async () =>
    void (await expectStatus(req('PUT', '/api/monitoring/standard-sets/gongshu', { nameZh: 'x', nameEn: 'x', rules: [], version: 1 }), 403)),
  'PUT /api/monitoring/regions/:code/standard-sets': async () =>
    void (await expectStatus(req('PUT', '/api/monitoring/regions/330105/standard-sets', { sets: [] }), 403, 404)),
  'POST /api/monitoring/computations': async () => void (await expectStatus(req('POST', '/api/monitoring/computations', { region: OTHER, year: 2026 }), 404)),
  'GET /api/monitoring/results': async () => void (await expectStatus(req('GET', `/api/monitoring/results?region=${OTHER}&year=2026`), 404)),
  'GET /api/monitoring/results/:code/provenance': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/results/I01/provenance?region=${OTHER}&year=2026`), 404)),
  'GET /api/monitoring/overview': async () => void (await expectStatus(req('GET', `/api/monitoring/overview?region=${OTHER}&year=2026`), 404)),
  'GET /api/monitoring/overview/:table.xlsx': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/overview/heat.xlsx?region=${OTHER}&year=2026`), 404)),
  'POST /api/monitoring/reports': async () => void (await expectStatus(req('POST', '/api/monitoring/reports', { region: OTHER, year: 2026 }), 404)),
  'GET /api/monitoring/report': async () => void (await expectStatus(req('GET', `/api/monitoring/report?region=${OTHER}&year=2026`), 404)),
  'PUT /api/monitoring/report/texts': async () =>
    void (await expectStatus(
      req('PUT', '/api/monitoring/report/texts', { region: OTHER, year: 2026, locale: 'zh-CN', problems: '越界', priorities: '越界' }),
      404,
    )),
  'GET /api/monitoring/unesco-report': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/unesco-report?region=${OTHER}&year=2026&lang=en`), 404)),
  'GET /api/monitoring/unesco-report.docx': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/unesco-report.docx?region=${OTHER}&year=2026`), 404)),
  'GET /api/monitoring/form-templates': async () =>
    expect(
      (await expectStatus(req('GET', '/api/monitoring/form-templates'), 200)).body.items.every(
        (t: { ownerRegionCode: string }) => !t.ownerRegionCode.startsWith(OTHER),
      ),
    ).toBe(true),
  'GET /api/monitoring/form-templates/:id': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/form-templates/${(await reporting()).templateId}`), 404)),
  'POST /api/monitoring/form-templates': async () =>
    void (await expectStatus(
      req('POST', '/api/monitoring/form-templates', { title: 'x', ownerRegionCode: OTHER, fields: [{ key: 'a', label: 'a', type: 'integer' }] }),
      422,
    )),
  'PUT /api/monitoring/form-templates/:id': async () =>
    void (await expectStatus(
      req('PUT', `/api/monitoring/form-templates/${(await reporting()).templateId}`, {
        title: 'x',
        ownerRegionCode: OTHER,
        fields: [{ key: 'a', label: 'a', type: 'integer' }],
        version: 1,
      }),
      404,
    )),
  'GET /api/monitoring/form-tasks': async () => expect((await expectStatus(req('GET', '/api/monitoring/form-tasks'), 200)).body.total).toBe(0),
  'GET /api/monitoring/form-tasks/:id': async () => void (await expectStatus(req('GET', `/api/monitoring/form-tasks/${(await reporting()).taskId}`), 404)),
  'POST /api/monitoring/form-tasks': async () =>
    void (await expectStatus(
      req('POST', '/api/monitoring/form-tasks', {
        templateId: (await reporting()).templateId,
        period: '2026',
        deadline: '2026-12-31',
        units: [{ regionCode: OTHER }],
      }),
      404,
    )),
  'GET /api/monitoring/assignments': async () => noOtherRegion((await expectStatus(req('GET', '/api/monitoring/assignments'), 200)).body.items),
  'GET /api/monitoring/assignments/:id': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/assignments/${(await reporting()).assignmentId}`), 404)),
  'POST /api/monitoring/assignments/:id/submissions': async () =>
    void (await expectStatus(req('POST', `/api/monitoring/assignments/${(await reporting()).assignmentId}/submissions`, { values: { a: 1 } }), 404)),
  'GET /api/monitoring/assignments/:id/template.xlsx': async () =>
    void (await expectStatus(req('GET', `/api/monitoring/assignments/${(await reporting()).assignmentId}/template.xlsx`), 404)),
  'POST /api/monitoring/assignments/:id/upload': async () =>
    void (await expectStatus(req('POST', `/api/monitoring/assignments/${(await reporting()).assignmentId}/upload`), 422, 404)),
  'POST /api/monitoring/assignments/:id/review': async () =>
    void (await expectStatus(req('POST', `/api/monitoring/assignments/${(await reporting()).assignmentId}/review`, { decision: 'accept' }), 404)),
  'GET /api/monitoring/on-time': async () => noOtherRegion((await expectStatus(req('GET', '/api/monitoring/on-time'), 200)).body.items),
  'POST /api/monitoring/population/import': async () => void (await expectStatus(req('POST', '/api/monitoring/population/import'), 403)),
  'GET /api/monitoring/populations': async () => void (await expectStatus(req('GET', `/api/monitoring/populations?region=${OTHER}&year=2026`), 404)),
  'GET /api/monitoring/notices': async () => noOtherRegion((await expectStatus(req('GET', '/api/monitoring/notices'), 200)).body.items),
  // The credit bank: the other street's residents' accounts, ledgers and applications stay out of reach.
  'GET /api/me/credits': async () => void (await expectStatus(req('GET', '/api/me/credits'), 403)),
  'GET /api/me/credit-entries': async () => void (await expectStatus(req('GET', '/api/me/credit-entries'), 403)),
  'GET /api/me/recognition-applications': async () => void (await expectStatus(req('GET', '/api/me/recognition-applications'), 403)),
  'GET /api/me/conversion-applications': async () => void (await expectStatus(req('GET', '/api/me/conversion-applications'), 403)),
  'GET /api/credit-accounts': async () => {
    await creditFixtures();
    noOtherRegion((await expectStatus(req('GET', '/api/credit-accounts?pageSize=200'), 200)).body.items);
  },
  'GET /api/credit-accounts/:id': async () => {
    await creditFixtures();
    await expectStatus(req('GET', `/api/credit-accounts/${other.residentId}`), 404);
  },
  'GET /api/credit-entries': async () => {
    await creditFixtures();
    noOtherRegion((await expectStatus(req('GET', '/api/credit-entries?pageSize=200'), 200)).body.items);
    await expectStatus(req('GET', `/api/credit-entries?region=${OTHER}`), 404);
  },
  'GET /api/credit-entries/export.xlsx': async () => void (await expectStatus(req('GET', `/api/credit-entries/export.xlsx?region=${OTHER}`), 404)),
  'POST /api/credit-corrections': async () => {
    await creditFixtures();
    await expectStatus(
      req('POST', '/api/credit-corrections', { residentId: other.residentId, category: 'community_class', credits: 5, reason: '越权加分' }),
      422,
    );
  },
  // Partners authenticate with their own credentials; a staff session is not one.
  'POST /api/credit-deposits': async () =>
    void (await expectStatus(
      req('POST', '/api/credit-deposits', {
        recordId: 'x',
        residentId: other.residentId,
        standardCode: 'informal_learning',
        title: 'x',
        occurredOn: '2026-11-01',
      }),
      401,
    )),
  'GET /api/credit-standards': async () => void (await expectStatus(req('GET', '/api/credit-standards'), 200)),
  'GET /api/credit-standards/:code': async () => void (await expectStatus(req('GET', '/api/credit-standards/community_class'), 200)),
  'POST /api/credit-standards': async () =>
    void (await expectStatus(
      req('POST', '/api/credit-standards', {
        code: 'street_own',
        category: 'informal',
        nameZh: 'x',
        nameEn: 'x',
        method: 'fixed',
        fixedCredits: 9,
        evidence: 'x',
        effectiveFrom: '2026-12-01',
      }),
      403,
    )),
  'POST /api/credit-standards/:code/versions': async () =>
    void (await expectStatus(
      req('POST', '/api/credit-standards/community_class/versions', {
        category: 'community_class',
        nameZh: 'x',
        nameEn: 'x',
        method: 'per_hours',
        hoursPerCredit: 1,
        evidence: 'x',
        effectiveFrom: '2026-12-01',
      }),
      403,
    )),
  'GET /api/recognition-applications': async () => {
    await creditFixtures();
    noOtherRegion((await expectStatus(req('GET', '/api/recognition-applications?pageSize=200'), 200)).body.items);
  },
  'GET /api/recognition-applications/export.xlsx': async () =>
    void (await expectStatus(req('GET', `/api/recognition-applications/export.xlsx?region=${OTHER}`), 404)),
  'POST /api/recognition-applications': async () =>
    void (await expectStatus(
      req('POST', '/api/recognition-applications', { title: 'x', provider: 'x', occurredOn: '2026-11-01', evidenceFileIds: [ANY_ID] }),
      403,
    )),
  'GET /api/recognition-applications/:id': async () =>
    void (await expectStatus(req('GET', `/api/recognition-applications/${(await creditFixtures()).recognitionId}`), 404)),
  'POST /api/recognition-applications/:id/decision': async () =>
    void (await expectStatus(
      req('POST', `/api/recognition-applications/${(await creditFixtures()).recognitionId}/decision`, {
        decision: 'approve',
        standardCode: 'informal_learning',
      }),
      404,
    )),
  'POST /api/recognition-applications/:id/resubmission': async () =>
    void (await expectStatus(req('POST', `/api/recognition-applications/${(await creditFixtures()).recognitionId}/resubmission`, { note: 'x' }), 403)),
  'GET /api/credit-programmes': async () => void (await expectStatus(req('GET', '/api/credit-programmes'), 200)),
  'POST /api/credit-programmes': async () =>
    void (await expectStatus(req('POST', '/api/credit-programmes', { name: 'x', provider: 'x', totalCredits: 10, ownerRegionCode: OTHER }), 422)),
  // Partner programmes are open to every resident of the installation; only their owner office changes them.
  'GET /api/credit-programmes/:id': async () => void (await expectStatus(req('GET', `/api/credit-programmes/${(await creditFixtures()).programmeId}`), 200)),
  'POST /api/credit-programmes/:id/courses': async () =>
    void (await expectStatus(
      req('POST', `/api/credit-programmes/${(await creditFixtures()).programmeId}/courses`, { code: 'X1', name: 'x', credits: 1 }),
      403,
    )),
  'POST /api/credit-programmes/:id/rules': async () =>
    void (await expectStatus(
      req('POST', `/api/credit-programmes/${(await creditFixtures()).programmeId}/rules`, {
        courseId: ANY_ID,
        requirements: [{ category: 'informal', minCredits: 1 }],
      }),
      403,
    )),
  'GET /api/conversion-applications': async () => {
    await creditFixtures();
    noOtherRegion((await expectStatus(req('GET', '/api/conversion-applications?pageSize=200'), 200)).body.items);
  },
  'GET /api/conversion-applications/export.xlsx': async () =>
    void (await expectStatus(req('GET', `/api/conversion-applications/export.xlsx?region=${OTHER}`), 404)),
  'POST /api/conversion-applications': async () => void (await expectStatus(req('POST', '/api/conversion-applications', { ruleId: ANY_ID }), 403)),
  'GET /api/conversion-applications/:id': async () =>
    void (await expectStatus(req('GET', `/api/conversion-applications/${(await creditFixtures()).conversionId}`), 404)),
  'POST /api/conversion-applications/:id/decision': async () =>
    void (await expectStatus(req('POST', `/api/conversion-applications/${(await creditFixtures()).conversionId}/decision`, { decision: 'approve' }), 404)),
};

/** The other street's resident: 2 credits from a class, a recognition application, and a conversion under a district programme. */
let credit: Promise<{ recognitionId: string; programmeId: string; conversionId: string }> | undefined;
function creditFixtures() {
  credit ??= (async () => {
    const district = await p.login('district');
    const resident = await p.login('13700000009', 'Other2026x');
    const post = async (url: string, body: unknown, headers: Record<string, string>) => {
      const res = await p.request('POST', url, { headers, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId: other.residentId,
        sourceType: 'class',
        sourceId: 'other-class',
        title: '米市巷书法班',
        hours: 32,
        outcome: 'completed',
        occurredAt: new Date('2026-11-01T02:00:00Z'),
      }),
    );
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const boundary = '----credits';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nevidence\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const file = (await p.request('POST', '/api/files', { headers: { ...resident, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }))
      .body;
    const recognition = await post(
      '/api/recognition-applications',
      { title: '米市巷证书', provider: 'x', occurredOn: '2026-10-01', evidenceFileIds: [file.id] },
      resident,
    );
    const programme = await post('/api/credit-programmes', { name: '越界检查专业', provider: '开放大学', totalCredits: 10 }, district);
    const course = await post(`/api/credit-programmes/${programme.id}/courses`, { code: 'C1', name: '课程一', credits: 2 }, district);
    const rule = await post(
      `/api/credit-programmes/${programme.id}/rules`,
      { courseId: course.id, requirements: [{ category: 'community_class', minCredits: 2 }] },
      district,
    );
    const conversion = await post('/api/conversion-applications', { ruleId: rule.id }, resident);
    return { recognitionId: recognition.id, programmeId: programme.id, conversionId: conversion.id };
  })();
  return credit;
}

let reportingFixture: { templateId: string; taskId: string; assignmentId: string } | null = null;
/** A form assigned by the district to the other street only. */
/** The other street's own course (unshared, with a draft resource) and an open call with one proposal. */
let pool: Promise<{ courseId: string; resourceId: string; callId: string; proposalId: string }> | undefined;
function otherPool() {
  pool ??= (async () => {
    const h = await p.login('mishixiang', 'Other2026x');
    const course = (
      await p.request('POST', '/api/courses', {
        headers: h,
        body: { title: '米市巷专属课程', category: 'SHUHUA', targetGroups: ['general'], mode: 'offline', learningHours: 4, status: 'published' },
      })
    ).body;
    const resource = (
      await p.request('POST', `/api/courses/${course.id}/resources`, {
        headers: h,
        body: { kind: 'link', title: '草稿', url: 'https://example.org', status: 'draft' },
      })
    ).body;
    const call = (
      await p.request('POST', '/api/course-calls', {
        headers: h,
        body: {
          title: '米市巷征集',
          budgetFen: 100000,
          deadline: '2027-06-01T00:00:00+08:00',
          criteria: [{ name: '质量', maxScore: 10, weight: 1 }],
          reviewerIds: [other.staffId],
        },
      })
    ).body;
    await p.request('POST', `/api/course-calls/${call.id}/open`, { headers: h });
    const proposal = (
      await p.request('POST', `/api/course-calls/${call.id}/proposals`, {
        headers: h,
        body: { title: '米市巷申报', category: 'SHUHUA', targetGroups: ['general'], mode: 'offline', learningHours: 2, supplierName: '某机构' },
      })
    ).body;
    const ids = { courseId: course.id, resourceId: resource.id, callId: call.id, proposalId: proposal.id };
    if (Object.values(ids).some((v) => !v)) throw new Error('course fixtures missing: ' + JSON.stringify(ids));
    // Unpublish the course so the catalog check sees an unpublished foreign course.
    await p.request('PATCH', `/api/courses/${course.id}`, { headers: h, body: { status: 'draft' } });
    return ids;
  })();
  return pool;
}

// A completion certificate of a resident of the other street, issued by the system administrator.
let credentialFixtureDone: Promise<{ credentialId: string; recordId: string }> | null = null;
function credentialFixture() {
  credentialFixtureDone ??= (async () => {
    const record = await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId: other.residentId,
        sourceType: 'class',
        sourceId: 'other-street-class',
        title: '米市巷书法班',
        hours: 16,
        outcome: 'completed',
        occurredAt: new Date('2026-11-02T02:00:00Z'),
      }),
    );
    const res = await p.request('POST', '/api/credentials', { headers: await p.login('admin'), body: { kind: 'completion', recordId: record!.id } });
    if (res.status !== 201) throw new Error(`credential fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return { credentialId: res.body.id, recordId: record!.id };
  })();
  return credentialFixtureDone;
}

/** The other street's draft term, campaign and lecture (at its own venue). */
let offeringFixture: Promise<{ termId: string; campaignId: string; offeringId: string }> | undefined;
function otherOffering() {
  offeringFixture ??= (async () => {
    const h = await p.login('mishixiang', 'Other2026x');
    const term = (await p.request('POST', '/api/terms', { headers: h, body: { name: '米市巷学期', startsOn: '2026-12-01', endsOn: '2027-01-31' } })).body;
    const campaign = (await p.request('POST', '/api/campaigns', { headers: h, body: { name: '米市巷活动周', startsOn: '2026-12-14', endsOn: '2026-12-20' } }))
      .body;
    const offering = (
      await p.request('POST', '/api/offerings', {
        headers: h,
        body: {
          kind: 'event',
          eventType: 'lecture',
          title: '米市巷讲座',
          categoryCode: 'SHUHUA',
          venueId: other.venueId,
          campaignId: campaign.id,
          sessions: [{ date: '2026-12-15', startTime: '14:00', endTime: '15:30' }],
        },
      })
    ).body;
    const ids = { termId: term.id, campaignId: campaign.id, offeringId: offering.id };
    if (Object.values(ids).some((v) => !v)) throw new Error('offering fixtures missing: ' + JSON.stringify({ term, campaign, offering }));
    return ids;
  })();
  return offeringFixture;
}

/** A published lottery round owned by the other street (a row: its classes do not matter to these checks). */
let lotteryRound: Promise<string> | undefined;
function otherRound() {
  lotteryRound ??= (async () => {
    const id = crypto.randomUUID();
    const now = p.clock.now();
    await p.db.insert(lotteryRounds).values({
      id,
      name: '米市巷摇号',
      ownerRegionCode: OTHER,
      opensAt: now,
      closesAt: new Date(now.getTime() + 86_400_000),
      maxChoices: 1,
      status: 'published',
      seedEncrypted: 'x',
      seedHash: '0'.repeat(64),
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  })();
  return lotteryRound;
}

async function reporting() {
  if (reportingFixture) return reportingFixture;
  const district = await p.login('district');
  const tpl = (
    await p.request('POST', '/api/monitoring/form-templates', {
      headers: district,
      body: { title: '米市巷专项', ownerRegionCode: OTHER, fields: [{ key: 'a', label: 'a', type: 'integer' }] },
    })
  ).body;
  const task = (
    await p.request('POST', '/api/monitoring/form-tasks', {
      headers: district,
      body: { templateId: tpl.id, period: '2026', deadline: '2026-11-24', units: [{ regionCode: OTHER }] },
    })
  ).body;
  await p.services.forms.runReminders();
  reportingFixture = { templateId: tpl.id, taskId: task.id, assignmentId: task.assignments[0].id };
  if (!tpl.id || !task.id) throw new Error('monitoring fixtures missing');
  return reportingFixture;
}

it('has a check for every API route', () => {
  const routes = p.app.routeList.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
  expect(routes.filter((r) => !(r in checks))).toEqual([]);
  expect(Object.keys(checks).filter((c) => !routes.includes(c))).toEqual([]);
});

it.each(Object.keys(checks))('%s', async (route) => {
  await checks[route]();
});

// —— every role ——
// The same requests — aimed at the other street's data, or with a stand-in id where a check sent none — from
// every other role: anonymous, a resident of this street (on the other street's resident's data), an
// institution's staff, a community and the street administrator of this street, and the district's leader,
// credit-bank officer and member-unit reporter. SERVED names, per route, who may be answered 2xx to those
// requests; everyone else must be refused (401, 403, 404 "not yours", 400/422 before anything is written, 429)
// — never served, never a 5xx. Anonymous callers, roles of this street and the resident must never be shown
// the other street's resident or staff. A new route needs a line here, so who may use it is decided, then tested.
// Run the whole file: the walk replays what the route checks above sent.
type Role = 'anonymous' | 'resident' | 'school' | 'community' | 'street' | 'leader' | 'credit' | 'unit';
const ROLE_LOGINS: Record<Exclude<Role, 'anonymous' | 'school'>, string> = {
  resident: '13900000001',
  community: 'community1',
  street: 'street',
  leader: 'leader',
  credit: 'credit',
  unit: 'unit',
};
const ROLES: Role[] = ['anonymous', 'resident', 'school', 'community', 'street', 'leader', 'credit', 'unit'];
const STAFF: Role[] = ['school', 'community', 'street', 'leader', 'credit', 'unit'];
const LOCAL: Role[] = ['anonymous', 'resident', 'school', 'community', 'street'];
const REFUSED = [400, 401, 403, 404, 422, 429];

/**
 * 'all' includes anonymous; 'signed-in' every account; 'staff' every staff role; 'none' no one. The leader,
 * credit officer and reporter work for the whole district, so the other street is inside their region: what
 * keeps them out is their role's purpose (the leader reads, the credit officer runs the credit bank, the
 * reporter reports on their unit's tasks), not the region.
 */
const SERVED: Record<string, 'all' | 'signed-in' | 'staff' | 'none' | Role[]> = {
  'GET /api/regions': 'all',
  'GET /api/demo-status': 'all',
  'GET /api/version': 'all',
  'GET /api/regions/:code': 'all',
  'GET /api/regions/:code/children': 'all',
  'PUT /api/regions/:code/populations/:year': 'none',
  'GET /api/institutions': 'staff',
  'GET /api/institutions/:id': ['leader', 'credit', 'unit'],
  'POST /api/institutions': 'none',
  'PATCH /api/institutions/:id': 'none',
  'GET /api/institutions/import-template.xlsx': 'staff',
  'POST /api/institutions/import': 'none',
  'GET /api/institutions/export.xlsx': 'staff',
  'GET /api/coverage': ['leader', 'credit', 'unit'],
  'POST /api/auth/logout': 'signed-in',
  'POST /api/auth/login': 'none',
  'GET /api/auth/me': 'signed-in',
  'PATCH /api/auth/me': 'signed-in',
  'GET /api/auth/session': 'all',
  'POST /api/auth/password': 'none',
  'POST /api/auth/sms-codes': 'none',
  'POST /api/auth/sms-login': 'none',
  'POST /api/auth/password-reset': 'none',
  'POST /api/residents': 'none',
  'GET /api/residents/me': ['resident'],
  'GET /api/residents/me/data': ['resident'],
  'GET /api/residents/me/consents': ['resident'],
  'POST /api/residents/me/consents/withdrawal': ['resident'],
  'POST /api/residents/me/close/sms-code': ['resident'],
  'POST /api/residents/me/close': ['resident'],
  'PATCH /api/residents/me': ['resident'],
  'GET /api/residents': ['community', 'street', 'credit'],
  'GET /api/residents/:id': ['credit'],
  'GET /api/me/work': 'staff',
  'POST /api/residents/:id/password-reset': 'none',
  'GET /api/residents/:id/id-number': 'none',
  'GET /api/staff-accounts': ['community', 'street'],
  'GET /api/staff-accounts/:id': 'none',
  'POST /api/staff-accounts': 'none',
  'PATCH /api/staff-accounts/:id': 'none',
  'POST /api/staff-accounts/:id/password-reset': 'none',
  'POST /api/files': 'none',
  'GET /api/files/:id': 'none',
  'GET /api/jobs/:id': 'none',
  'GET /api/course-categories': 'all',
  'POST /api/course-categories': 'none',
  'PATCH /api/course-categories/:code': 'none',
  'GET /api/me/learning-records': ['resident'],
  'GET /api/me/learning-records/export.xlsx': ['resident'],
  'GET /api/me/learning-records/export.clr.json': ['resident'],
  'GET /api/me/learning-records/export.xapi.json': ['resident'],
  'POST /api/recognition-applications/from-credential': ['resident'],
  'GET /api/offering-sessions/:id/checkin-code': 'none',
  'POST /api/checkins': 'none',
  'POST /api/checkins/pass': 'none',
  'GET /api/offering-sessions/:id/attendance': 'none',
  'POST /api/offering-sessions/:id/attendance': 'none',
  'GET /api/offering-sessions/:id/attendance.xlsx': 'none',
  'GET /api/offerings/:id/attendance': 'none',
  'GET /api/me/offerings/:id/attendance': 'none',
  'GET /api/me/points': ['resident'],
  'GET /api/me/points/by-source': ['resident'],
  'GET /api/points-rules/:region': 'all',
  'GET /api/points-rules/:region/versions': 'none',
  'PUT /api/points-rules/:region': 'none',
  'GET /api/catalog/offerings/:id/rating': 'none',
  'GET /api/offerings/:id/my-rating': 'none',
  'PUT /api/offerings/:id/my-rating': 'none',
  'GET /api/ratings': ['school', 'community', 'street', 'leader'],
  'GET /api/ratings/averages': ['school', 'community', 'street', 'leader'],
  'POST /api/ratings/:id/hide-comment': 'none',
  'GET /api/learning-records': ['community', 'street', 'leader', 'credit'],
  'GET /api/me/credentials': ['resident'],
  'POST /api/me/credentials': 'none',
  'GET /api/credentials': ['community', 'street', 'leader', 'credit'],
  'POST /api/credentials': ['credit'],
  'GET /api/credentials/award-candidates': ['community', 'street', 'leader', 'credit'],
  'POST /api/credentials/verify': 'all',
  'GET /api/credentials/issuer': 'all',
  'GET /api/credentials/issuer/seal': 'none',
  'GET /api/credentials/status/:list': 'none',
  'GET /api/credentials/:id': ['leader', 'credit'],
  'GET /api/credentials/:id/credential.json': 'none',
  'POST /api/credentials/:id/revocation': ['credit'],
  'POST /api/vc-api/credentials/issue': 'none',
  'POST /api/vc-api/credentials/verify': 'none',
  'POST /api/vc-api/credentials/status': 'none',
  'POST /api/vc-api/presentations/verify': 'none',
  'POST /api/learning-records': ['credit'],
  'GET /api/venues': 'staff',
  'GET /api/venues/summary': 'staff',
  'GET /api/venues/:id': ['leader', 'credit', 'unit'],
  'POST /api/venues': 'none',
  'PATCH /api/venues/:id': 'none',
  'POST /api/venues/bulk': 'staff',
  'GET /api/venues/:id/bookings': ['leader', 'credit', 'unit'],
  'GET /api/venues/import-template.xlsx': 'staff',
  'GET /api/venues/export.xlsx': 'staff',
  'POST /api/venues/import': 'none',
  'GET /api/venue-bookings': 'staff',
  'GET /api/venue-bookings/:id': ['leader', 'credit', 'unit'],
  'POST /api/venue-bookings': 'none',
  'POST /api/venue-bookings/:id/decision': 'none',
  'POST /api/venue-bookings/:id/cancellation': 'none',
  'GET /api/instructors': 'staff',
  'GET /api/instructors/summary': 'staff',
  'GET /api/instructors/:id': ['leader', 'credit', 'unit'],
  'GET /api/instructors/:id/phone': 'none',
  'POST /api/instructors': 'none',
  'PATCH /api/instructors/:id': 'none',
  'POST /api/instructors/:id/vetting': 'none',
  'POST /api/instructors/bulk': 'staff',
  'GET /api/instructors/import-template.xlsx': 'staff',
  'GET /api/instructors/export.xlsx': 'staff',
  'POST /api/instructors/import': 'none',
  'GET /api/partners': ['community', 'street'],
  'GET /api/partners/:id': 'none',
  'POST /api/partners': 'none',
  'PATCH /api/partners/:id': 'none',
  'POST /api/partners/:id/secret-rotation': 'none',
  'GET /api/partners/:id/webhooks': 'none',
  'GET /api/partners/:id/unmatched-statements': 'none',
  'POST /api/partners/:id/webhooks': 'none',
  'PATCH /api/partners/:id/webhooks/:webhookId': 'none',
  'DELETE /api/partners/:id/webhooks/:webhookId': 'none',
  'GET /api/partners/:id/webhook-deliveries': 'none',
  'POST /api/partners/:id/webhook-deliveries/:deliveryId/redelivery': 'none',
  'GET /api/partner/webhooks': 'none',
  'POST /api/partner/webhooks': 'none',
  'PATCH /api/partner/webhooks/:webhookId': 'none',
  'DELETE /api/partner/webhooks/:webhookId': 'none',
  'GET /api/partner/webhook-deliveries': 'none',
  'POST /api/partner/webhook-deliveries/:deliveryId/redelivery': 'none',
  'GET /api/me/linked-identities': ['resident'],
  'POST /api/me/linked-identities/phone': ['resident'],
  'POST /api/me/linked-identities/email-codes': ['resident'],
  'POST /api/me/linked-identities/email': 'none',
  'DELETE /api/me/linked-identities/:id': 'none',
  'GET /api/auth/oidc': 'all',
  'GET /api/auth/oidc/login': 'none',
  'GET /api/auth/oidc/callback': 'none',
  'GET /api/auth/oidc/pending': 'none',
  'POST /api/auth/oidc/sms-codes': 'none',
  'POST /api/auth/oidc/link': 'none',
  'GET /api/audit-log': ['community', 'street'],
  'GET /api/audit-log/export.csv': ['community', 'street'],
  'GET /api/audit-log/export.xlsx': ['community', 'street'],
  'GET /api/system/backups': 'none',
  'POST /api/system/backups': 'none',
  'GET /api/award-campaigns': 'signed-in',
  'POST /api/award-campaigns': 'none',
  'GET /api/award-campaigns/:id': 'staff',
  'POST /api/award-campaigns/:id/public-notice': 'none',
  'POST /api/award-campaigns/:id/commendation': 'none',
  'GET /api/award-campaigns/:id/results.xlsx': 'staff',
  'GET /api/award-nominations': 'signed-in',
  'POST /api/award-nominations': 'none',
  'GET /api/award-nominations/:id': ['leader', 'credit', 'unit'],
  'POST /api/award-nominations/:id/reviews': 'none',
  'GET /api/award-objections': 'staff',
  'POST /api/award-objections/:id/resolution': 'none',
  'GET /api/lottery-rounds': 'staff',
  'POST /api/lottery-rounds': 'none',
  'GET /api/lottery-rounds/:id': 'none',
  'PATCH /api/lottery-rounds/:id': 'none',
  'POST /api/lottery-rounds/:id/publication': 'none',
  'POST /api/lottery-rounds/:id/draw': 'none',
  'POST /api/lottery-rounds/:id/cancellation': 'none',
  'GET /api/lottery-rounds/:id/results': 'none',
  'GET /api/lottery-rounds/:id/results.xlsx': 'none',
  'GET /api/public/lottery-rounds': 'all',
  'GET /api/public/lottery-rounds/:id': 'all',
  'GET /api/public/lottery-rounds/:id/publication.json': 'all',
  'GET /api/lottery-rounds/:id/my-application': ['resident'],
  'PUT /api/lottery-rounds/:id/my-application': 'none',
  'DELETE /api/lottery-rounds/:id/my-application': 'none',
  'GET /api/public-notices': 'all',
  'GET /api/public-notices/:id': 'none',
  'POST /api/public-notices/:id/objections': 'none',
  'POST /api/offerings/:id/enrolments': ['resident'],
  'GET /api/offerings/:id/enrolment-status': 'all',
  'GET /api/offerings/:id/enrolments': 'none',
  'GET /api/offerings/:id/enrolments/export.xlsx': 'none',
  'GET /api/enrolments': ['resident'],
  'POST /api/enrolments/:id/cancellation': 'none',
  'POST /api/enrolments/:id/offer-confirmation': 'none',
  'POST /api/enrolments/:id/offer-decline': 'none',
  'POST /api/enrolments/:id/decision': 'none',
  'POST /api/enrolments/:id/fee': 'none',
  'GET /api/proxy-grants': 'signed-in',
  'POST /api/proxy-grants': ['resident'],
  'POST /api/proxy-grants/requests': 'signed-in',
  'POST /api/proxy-grants/:id/consent': 'none',
  'POST /api/proxy-grants/:id/revocation': 'none',
  'GET /api/notifications': 'signed-in',
  'GET /api/notifications/unread-count': 'signed-in',
  'POST /api/notifications/:id/read': 'none',
  'POST /api/notifications/read-all': 'signed-in',
  'GET /api/learning-teams': 'all',
  'POST /api/learning-teams': ['resident'],
  'GET /api/learning-teams/:id': 'all',
  'POST /api/learning-teams/:id/join-requests': ['resident'],
  'POST /api/learning-teams/:id/members/:userId/decision': 'none',
  'GET /api/learning-teams/:id/activities': 'all',
  'POST /api/learning-teams/:id/activities': 'none',
  'GET /api/member-units': 'staff',
  'POST /api/member-units': 'none',
  'POST /api/member-units/template': 'none',
  'GET /api/member-unit-templates': 'staff',
  'POST /api/member-unit-templates': 'none',
  'GET /api/member-units/:id': ['community', 'street', 'leader'],
  'POST /api/member-units/:id/reporters': 'none',
  'GET /api/leading-group-members': 'staff',
  'POST /api/leading-group-members': 'none',
  'GET /api/governance-tasks': 'staff',
  'POST /api/governance-tasks': 'none',
  'GET /api/governance-tasks/:id': ['community', 'street', 'leader'],
  'POST /api/governance-tasks/:id/progress-reports': 'none',
  'POST /api/governance-tasks/:id/completion': 'none',
  'GET /api/supervision-visits': 'staff',
  'POST /api/supervision-visits': 'none',
  'GET /api/supervision-visits/:id': ['community', 'street', 'leader'],
  'GET /api/assessment-plans': 'staff',
  'POST /api/assessment-plans': 'none',
  'GET /api/assessment-plans/:id': ['community', 'street', 'leader'],
  'POST /api/assessment-plans/:id/scores': 'none',
  'GET /api/assessment-plans/:id/results': ['community', 'street', 'leader'],
  'GET /api/assessment-plans/:id/results.xlsx': ['community', 'street', 'leader'],
  'POST /api/assessment-plans/:id/publication': 'none',
  'GET /api/courses': 'staff',
  'GET /api/courses/summary': 'staff',
  'GET /api/courses/import-template.xlsx': 'staff',
  'GET /api/courses/export.xlsx': 'staff',
  'POST /api/courses/import': 'none',
  'POST /api/courses/bulk': 'none',
  'GET /api/courses/:id': ['leader', 'credit', 'unit'],
  'POST /api/courses': 'none',
  'PATCH /api/courses/:id': 'none',
  'POST /api/courses/:id/resources': 'none',
  'PATCH /api/resources/:id': 'none',
  'GET /api/resources/:id': ['leader', 'credit', 'unit'],
  'PUT /api/resources/:id/progress': ['leader', 'credit', 'unit'],
  'GET /api/resource-progress': 'signed-in',
  'GET /api/catalog/courses': 'all',
  'GET /api/catalog/courses/:id': 'none',
  'GET /api/course-calls': 'staff',
  'POST /api/course-calls': 'none',
  'GET /api/course-calls/:id': 'none',
  'PATCH /api/course-calls/:id': 'none',
  'POST /api/course-calls/:id/open': 'none',
  'POST /api/course-calls/:id/review-start': 'none',
  'POST /api/course-calls/:id/close': 'none',
  'GET /api/course-calls/:id/proposals': 'none',
  'POST /api/course-calls/:id/proposals': 'none',
  'GET /api/course-proposals/:id': 'none',
  'POST /api/course-proposals/:id/scores': 'none',
  'POST /api/course-proposals/:id/decision': 'none',
  'GET /api/terms': 'staff',
  'POST /api/terms': 'none',
  'GET /api/terms/:id': ['leader', 'credit', 'unit'],
  'PATCH /api/terms/:id': 'none',
  'POST /api/terms/:id/publish': 'none',
  'POST /api/terms/:id/cancel': 'none',
  'GET /api/campaigns': 'staff',
  'POST /api/campaigns': 'none',
  'GET /api/campaigns/:id': ['leader', 'credit', 'unit'],
  'PATCH /api/campaigns/:id': 'none',
  'POST /api/campaigns/:id/publish': 'none',
  'POST /api/campaigns/:id/cancel': 'none',
  'GET /api/offerings': 'staff',
  'GET /api/offerings/export.xlsx': 'staff',
  'POST /api/offerings/preview': 'none',
  'POST /api/offerings': 'none',
  'GET /api/offerings/:id': ['leader', 'credit', 'unit'],
  'PATCH /api/offerings/:id': 'none',
  'POST /api/offerings/:id/publish': 'none',
  'POST /api/offerings/:id/cancel': 'none',
  'POST /api/offerings/:id/finish': 'none',
  'GET /api/catalog/offerings': 'all',
  'GET /api/catalog/offerings/:id': 'none',
  'GET /api/catalog/campaigns': 'all',
  'GET /api/monitoring/indicators': 'staff',
  'GET /api/monitoring/indicators/:code': 'staff',
  'POST /api/monitoring/indicators': 'none',
  'PUT /api/monitoring/indicators/:code': 'none',
  'GET /api/monitoring/standard-sets': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/standard-sets/:code/history': 'staff',
  'POST /api/monitoring/standard-sets': 'none',
  'PUT /api/monitoring/standard-sets/:code': 'none',
  'PUT /api/monitoring/regions/:code/standard-sets': 'none',
  'POST /api/monitoring/computations': 'none',
  'GET /api/monitoring/results': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/results/:code/provenance': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/overview': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/overview/:table.xlsx': ['leader', 'credit', 'unit'],
  'POST /api/monitoring/reports': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/report': ['leader', 'credit', 'unit'],
  // Leaders (and administrators) edit the report's problems and priorities; other district roles only read it.
  'PUT /api/monitoring/report/texts': ['leader'],
  'GET /api/monitoring/unesco-report': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/unesco-report.docx': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/form-templates': 'staff',
  'GET /api/monitoring/form-templates/:id': ['leader', 'credit', 'unit'],
  'POST /api/monitoring/form-templates': 'none',
  'PUT /api/monitoring/form-templates/:id': 'none',
  'GET /api/monitoring/form-tasks': 'staff',
  'GET /api/monitoring/form-tasks/:id': 'none',
  'POST /api/monitoring/form-tasks': 'none',
  'GET /api/monitoring/assignments': 'staff',
  'GET /api/monitoring/assignments/:id': 'none',
  'POST /api/monitoring/assignments/:id/submissions': 'none',
  'GET /api/monitoring/assignments/:id/template.xlsx': 'none',
  'POST /api/monitoring/assignments/:id/upload': 'none',
  'POST /api/monitoring/assignments/:id/review': 'none',
  'GET /api/monitoring/on-time': 'staff',
  'POST /api/monitoring/population/import': 'none',
  'GET /api/monitoring/populations': ['leader', 'credit', 'unit'],
  'GET /api/monitoring/notices': 'staff',
  'GET /api/me/credits': ['resident'],
  'GET /api/me/credit-entries': ['resident'],
  'GET /api/me/recognition-applications': ['resident'],
  'GET /api/me/conversion-applications': ['resident'],
  'GET /api/credit-accounts': ['community', 'street', 'leader', 'credit'],
  'GET /api/credit-accounts/:id': ['leader', 'credit'],
  'GET /api/credit-entries': ['community', 'street', 'leader', 'credit'],
  'GET /api/credit-entries/export.xlsx': ['leader', 'credit'],
  'POST /api/credit-corrections': ['credit'],
  'POST /api/credit-deposits': 'none',
  'GET /api/credit-standards': 'signed-in',
  'GET /api/credit-standards/:code': 'signed-in',
  'POST /api/credit-standards': ['credit'],
  'POST /api/credit-standards/:code/versions': ['credit'],
  'GET /api/recognition-applications': ['community', 'street', 'leader', 'credit'],
  'GET /api/recognition-applications/export.xlsx': ['leader', 'credit'],
  'POST /api/recognition-applications': 'none',
  'GET /api/recognition-applications/:id': ['leader', 'credit'],
  'POST /api/recognition-applications/:id/decision': ['credit'],
  'POST /api/recognition-applications/:id/resubmission': 'none',
  'GET /api/credit-programmes': 'signed-in',
  'POST /api/credit-programmes': ['credit'],
  'GET /api/credit-programmes/:id': 'signed-in',
  'POST /api/credit-programmes/:id/courses': ['credit'],
  'POST /api/credit-programmes/:id/rules': 'none',
  'GET /api/conversion-applications': ['community', 'street', 'leader', 'credit'],
  'GET /api/conversion-applications/export.xlsx': ['leader', 'credit'],
  'POST /api/conversion-applications': 'none',
  'GET /api/conversion-applications/:id': ['leader', 'credit'],
  'POST /api/conversion-applications/:id/decision': ['credit'],
};
const servedRoles = (route: string): Role[] => {
  const v = SERVED[route];
  return v === 'all' ? ROLES : v === 'signed-in' ? ROLES.slice(1) : v === 'staff' ? STAFF : v === 'none' ? [] : v;
};

/** Staff of an institution of this street (the demo's `school` works in the other street). */
async function ownSchool() {
  const admin = await p.login('admin');
  const school = (
    await p.request('POST', '/api/institutions', { headers: admin, body: { name: '天水街道社区学校', type: 'community_school', regionCode: OWN } })
  ).body;
  const made = await p.request('POST', '/api/staff-accounts', {
    headers: admin,
    body: {
      username: 'tianshui-school',
      displayName: '天水社区学校教务',
      role: 'institution_staff',
      regionCodes: [],
      institutionIds: [school.id],
      password: 'School2026x',
    },
  });
  if (made.status !== 201) throw new Error(`school account: ${made.status} ${JSON.stringify(made.body)}`);
  return p.login('tianshui-school', 'School2026x');
}

function standIn(route: string): { method: string; url: string; body?: unknown } {
  const [method, pattern] = route.split(' ');
  return { method, url: pattern.replace(/:code\b|:region\b/g, OTHER).replace(/:[A-Za-z]+\??/g, ANY_ID) };
}

it('decides who is served on every API route', () => {
  const routes = p.app.routeList.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
  expect(routes.filter((r) => !(r in SERVED))).toEqual([]);
  expect(Object.keys(SERVED).filter((r) => !routes.includes(r))).toEqual([]);
});

describe.sequential('every role', () => {
  it.each(ROLES.filter((r) => r !== 'street'))(
    '%s',
    async (role) => {
      const headers = role === 'anonymous' ? {} : role === 'school' ? await ownSchool() : await p.login(ROLE_LOGINS[role]);
      // What must never reach a resident or staff of this street: the other street's resident and staff member.
      const secrets = [other.residentId, '他街居民', '13700000009', other.staffId, 'mishixiang', '米市巷管理员'];
      const failures: string[] = [];
      for (const route of Object.keys(checks)) {
        if (route === 'POST /api/auth/logout') continue; // would end the session the walk runs on
        const served = servedRoles(route).includes(role);
        for (const r of sent.get(route) ?? [standIn(route)]) {
          const res = await p.request(r.method, r.url, { headers, body: r.body });
          const at = `${r.method} ${r.url} → ${res.status}`;
          if (res.status >= 500) failures.push(`${at}: server error`);
          else if (!served && !REFUSED.includes(res.status)) failures.push(`${at}: served, but SERVED['${route}'] does not include ${role}`);
          if (LOCAL.includes(role) && res.status < 300) {
            const text = res.raw.toString('utf8');
            const leaked = secrets.filter((x) => text.includes(x));
            if (leaked.length) failures.push(`${at}: shows the other street's ${leaked.join(', ')}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );
});
