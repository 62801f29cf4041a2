// Expiry is decided by time, not by when the hourly task runs: what a resident may spend, what a partner may
// deposit and what an officer may approve are all judged at the moment they happen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents, type TestResident } from '../support/residents';
import { multipart } from '../support/multipart';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const OFFICER_PASSWORD = 'Bank#Officer2026';

let p: TestPlatform;
let officer: Record<string, string>;
let partnerAuth: string;
let home: string;

const ok = async (method: string, url: string, headers: Record<string, string>, body?: unknown, status = 200) => {
  const res = await p.request(method, url, { headers, body });
  if (res.status !== status) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const ledgerSum = async (residentId: string, category: string) => {
  const t = await p.services.credits.transcript(residentId);
  return Math.round(t.entries.filter((e) => e.category === category).reduce((n, e) => n + e.credits, 0) * 10) / 10;
};
const shown = async (r: TestResident, category: string) =>
  (await ok('GET', '/api/me/credits', r.headers)).byCategory.find((c: { category: string }) => c.category === category)?.balance ?? 0;
const deposit = (r: TestResident, recordId: string, standardCode: string, hours: number | null, occurredOn: string) =>
  p.request('POST', '/api/credit-deposits', {
    headers: { authorization: partnerAuth },
    body: { recordId, residentId: r.id, standardCode, title: `合作平台记录 ${recordId}`, hours, occurredOn },
  });
const jumpTo = (iso: string) => p.clock.advance(new Date(iso).getTime() - p.clock.now().getTime());

beforeAll(async () => {
  p = await startTestPlatform();
  const admin = await p.login('admin');
  await ok(
    'POST',
    '/api/staff-accounts',
    admin,
    { username: 'credit12', displayName: '天水学分银行专员', role: 'credit_bank_officer', regionCodes: ['330105012'], password: OFFICER_PASSWORD },
    201,
  );
  officer = await p.login('credit12', OFFICER_PASSWORD);
  const partner = await ok('POST', '/api/partners', admin, { name: '浙江省学分银行', scopes: ['credits/write'], regionCode: null }, 201);
  partnerAuth = 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64');
  home = (await ok('GET', '/api/residents/me', await p.login('13900000001'))).homeRegion.code;
}, 240_000);
afterAll(() => p.close());

describe('what cannot be deposited any more', () => {
  it('refuses a partner deposit for learning already past its validity, with the reason, and writes nothing', async () => {
    const [r] = await createResidents(p, 1, { homeRegionCode: home, namePrefix: '旧证' });
    const res = await deposit(r, 'old-1', 'lecture_series', 16, '2020-03-01');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation.failed');
    expect(res.body.error.details.fields.occurredOn).toContain('2023-03-01');
    const en = await p.request('POST', '/api/credit-deposits', {
      headers: { authorization: partnerAuth, 'accept-language': 'en' },
      body: { recordId: 'old-1', residentId: r.id, standardCode: 'lecture_series', title: 'x', hours: 16, occurredOn: '2020-03-01' },
    });
    expect(en.body.error.details.fields.occurredOn).toMatch(/valid until 2023-03-01/);
    expect((await p.services.credits.transcript(r.id)).entries).toEqual([]);
    // Learning still valid is deposited as before.
    expect((await deposit(r, 'new-1', 'lecture_series', 16, '2026-03-01')).status).toBe(201);
  });

  it('refuses a recognition past its validity when filed with its standard, and its approval rather than tell the resident of credits the ledger never got', async () => {
    const [r] = await createResidents(p, 1, { homeRegionCode: home, namePrefix: '认定' });
    const body = multipart(PNG, { filename: 'photo.png', contentType: 'image/png', fields: { purpose: 'evidence' } });
    const file = (await p.request('POST', '/api/files', { headers: { ...r.headers, ...body.headers }, payload: body.payload })).body.id;
    const application = { title: '社区合唱团演出', provider: '天水街道', occurredOn: '2021-06-01', evidenceFileIds: [file] };
    // Naming the standard, the resident is told at once that the learning has lapsed, and nothing is filed.
    const refused = await p.request('POST', '/api/recognition-applications', {
      headers: r.headers,
      body: { ...application, standardCode: 'informal_learning' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields.occurredOn).toContain('2024-05-31');
    expect((await ok('GET', '/api/me/recognition-applications', r.headers)).total).toBe(0);
    // Without a standard it is filed; the officer who picks one is refused in the same words.
    const app = await ok('POST', '/api/recognition-applications', r.headers, application, 201);
    const approve = await p.request('POST', `/api/recognition-applications/${app.id}/decision`, {
      headers: officer,
      body: { decision: 'approve', standardCode: 'informal_learning' },
    });
    expect(approve.status).toBe(422);
    expect(approve.body.error.details.fields.occurredOn).toContain('2024-05-31');
    const seen = await ok('GET', `/api/recognition-applications/${app.id}`, r.headers);
    expect(seen).toMatchObject({ status: 'submitted', credits: null });
    expect((await p.services.credits.transcript(r.id)).entries).toEqual([]);
    // The officer can still answer the resident: a rejection that says why.
    expect(await ok('POST', `/api/recognition-applications/${app.id}/decision`, officer, { decision: 'reject', note: '已超过 3 年有效期' })).toMatchObject({
      status: 'rejected',
      credits: null,
    });
  });
});

describe('spending after a deposit expired but before the expiry task ran', () => {
  it('refuses a negative correction of credits that are no longer valid, and the task never drives the balance negative', async () => {
    const [r] = await createResidents(p, 1, { homeRegionCode: home, namePrefix: '更正' });
    expect((await deposit(r, 'lecture-15', 'lecture_series', 24, '2026-11-01')).body.credits).toBe(1.5);
    jumpTo('2029-11-02T00:00:00Z'); // valid until 2029-11-01; the hourly task has not run
    const res = await p.request('POST', '/api/credit-corrections', {
      headers: await p.login('credit12', OFFICER_PASSWORD),
      body: { residentId: r.id, category: 'lecture', credits: -1.5, reason: '重复登记' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.credits).toContain('当前余额 0');
    await p.services.credits.expireDue();
    expect(await ledgerSum(r.id, 'lecture')).toBe(0);
  });

  it('refuses a conversion that would spend expired credits, even one applied for while they were valid', async () => {
    jumpTo('2029-12-01T00:00:00Z');
    const officerNow = await p.login('credit12', OFFICER_PASSWORD);
    const [r] = await createResidents(p, 1, { homeRegionCode: home, namePrefix: '转换' });
    // 1.5 credits that expire first, and 1 credit valid for years: the conversion needs 2.
    expect((await deposit(r, 'short', 'lecture_series', 24, '2026-12-15')).status).toBe(201);
    expect((await deposit(r, 'long', 'lecture_series', 16, '2029-11-20')).status).toBe(201);
    const programme = await ok(
      'POST',
      '/api/credit-programmes',
      officerNow,
      { name: '开放大学 社区管理', provider: '开放大学', totalCredits: 10, capRatio: 1 },
      201,
    );
    const course = await ok('POST', `/api/credit-programmes/${programme.id}/courses`, officerNow, { code: 'C1', name: '社区治理', credits: 2 }, 201);
    const rule = await ok(
      'POST',
      `/api/credit-programmes/${programme.id}/rules`,
      officerNow,
      { courseId: course.id, requirements: [{ category: 'lecture', minCredits: 2 }] },
      201,
    );
    const applied = await ok('POST', '/api/conversion-applications', r.headers, { ruleId: rule.id }, 201);
    expect(await shown(r, 'lecture')).toBe(2.5);

    jumpTo('2029-12-16T00:00:00Z'); // the 1.5 expired yesterday; the hourly task has not run
    const officerLater = await p.login('credit12', OFFICER_PASSWORD);
    const decided = await p.request('POST', `/api/conversion-applications/${applied.id}/decision`, { headers: officerLater, body: { decision: 'approve' } });
    expect(decided.status).toBe(409);
    expect(decided.body.error).toMatchObject({ code: 'credits.insufficient', details: { category: 'lecture', needed: 2, available: 1 } });
    const t = await p.services.credits.transcript(r.id);
    expect(t.byCategory.find((c) => c.category === 'lecture')).toMatchObject({ balance: 1, expired: 1.5 });

    await p.services.credits.expireDue();
    expect(await ledgerSum(r.id, 'lecture')).toBe(1);
    expect((await p.services.credits.transcript(r.id)).byCategory.find((c) => c.category === 'lecture')).toMatchObject({ balance: 1, expired: 1.5 });
  });
});
