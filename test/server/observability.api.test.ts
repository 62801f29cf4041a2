// What operators see: JSON log lines with request ids and none of the personal values a resident typed
// (registration, sign-in, enrolment, a staff search), and Prometheus metrics behind a bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';

const TOKEN = 'metrics-token-for-the-test-0123456789';
const PHONE = '13712345678';
const NAME = '柳观测';
const ID_BASE = '33010519850214321';
const ID_NUMBER = ID_BASE + idCheckChar(ID_BASE);
const PASSWORD = 'Observe2026x';

let p: TestPlatform;
const lines: string[] = [];

beforeAll(async () => {
  p = await startTestPlatform({ metricsToken: TOKEN, logStream: { write: (line) => void lines.push(line) } });
}, 120_000);
afterAll(() => p.close());

describe('logs', () => {
  it('carry a request id, and no phone, ID number, name, code, password, cookie or token of a resident', async () => {
    await p.request('POST', '/api/auth/sms-codes', { body: { phone: PHONE, purpose: 'register' } });
    const code = p.sms.lastCode(PHONE);
    expect(code).toMatch(/^\d{6}$/);
    const home = (await p.request('GET', '/api/regions/330105012/children?pageSize=1')).body.items[0].code;
    const registered = await p.request('POST', '/api/residents', {
      headers: { 'x-request-id': 'proxy-req-0001' },
      body: { phone: PHONE, smsCode: code, password: PASSWORD, realName: NAME, idNumber: ID_NUMBER, homeRegionCode: home, acceptPrivacyNotice: true },
    });
    expect(registered.status).toBe(201);
    // The proxy's id is kept, so one request's lines join across hops.
    expect(registered.headers['x-request-id']).toBe('proxy-req-0001');
    expect((await p.request('POST', '/api/auth/login', { body: { username: PHONE, password: 'Wrong2026x' } })).status).toBe(401);
    const resident = await p.login(PHONE, PASSWORD);
    const token = resident.cookie.split('=')[1];
    const offering = (await p.request('GET', '/api/catalog/offerings?pageSize=50')).body.items.find(
      (o: { enrolmentOpen?: boolean }) => o.enrolmentOpen !== false,
    );
    const enrolled = await p.request('POST', `/api/offerings/${offering.id}/enrolments`, { headers: resident, body: {} });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBeLessThan(500);
    const admin = await p.login('admin');
    expect((await p.request('GET', `/api/residents?q=${PHONE}`, { headers: admin })).status).toBe(200);
    expect((await p.request('GET', `/api/residents?q=${encodeURIComponent(NAME)}`, { headers: admin })).status).toBe(200);
    // A failed query's message names its parameters; the log keeps the query and drops them.
    p.app.log.error({ err: new Error(`Failed query: select * from users where phone = $1\nparams: ${PHONE}`) }, 'query failed');

    const records = lines.map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(10);
    const completed = records.filter((r) => r.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(5);
    for (const r of completed) expect(r.reqId).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    expect(completed.find((r) => r.reqId === 'proxy-req-0001')?.res.statusCode).toBe(201);
    expect(records.find((r) => r.msg === 'query failed')?.err.message).toContain('params: [redacted]');
    const all = lines.join('\n');
    for (const secret of [PHONE, PHONE.slice(3), ID_NUMBER, ID_BASE, NAME, code, PASSWORD, 'Wrong2026x', token, 'lc_session']) {
      expect(all, `the log holds ${secret}`).not.toContain(secret);
    }
  });
});

describe('metrics', () => {
  it('answer 401 without the bearer token and 404 when no token is configured', async () => {
    expect((await p.request('GET', '/metrics')).status).toBe(401);
    const wrong = await p.request('GET', '/metrics', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    const off = await startTestPlatform({ demo: false });
    try {
      const res = await off.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    } finally {
      await off.close();
    }
  }, 60_000);

  it('count requests by route and status, with latencies, enrolments, jobs and SMS in the text format', async () => {
    await p.request('GET', '/api/catalog/offerings');
    const res = await p.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text: string = res.body;
    expect(text).toMatch(/^learncity_http_requests_total\{method="GET",route="\/api\/catalog\/offerings",status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(/^learncity_http_requests_total\{method="POST",route="\/api\/auth\/login",status="401"\} [1-9]\d*$/m);
    expect(text).toMatch(/^learncity_http_request_duration_seconds_bucket\{method="GET",route="\/api\/catalog\/offerings",le="\+Inf"\} [1-9]\d*$/m);
    expect(text).toMatch(/^learncity_http_request_duration_seconds_count\{method="GET",route="\/api\/catalog\/offerings"\} [1-9]\d*$/m);
    expect(text).toMatch(/^learncity_enrolment_attempts_total [1-9]\d*$/m);
    expect(text).toMatch(/^learncity_sms_sent_total [1-9]\d*$/m);
    expect(text).toMatch(/^# TYPE learncity_jobs gauge$/m);
    expect(text).toMatch(/^learncity_jobs\{status="running"\} \d+$/m);
    if (p.databaseUrl) expect(text).toMatch(/^learncity_db_pool_connections\{state="idle"\} \d+$/m);
    // No route ever carries a concrete id or a query string into a label.
    expect(text).not.toMatch(/route="[^"]*(\?|[0-9a-f]{8}-[0-9a-f]{4})/);
  });

  it('count a refused enrolment under its error code', async () => {
    const before = (await p.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).body as string;
    const resident = await p.login('13900000001');
    const refused = await p.request('POST', '/api/offerings/00000000-0000-4000-8000-000000000000/enrolments', { headers: resident, body: {} });
    expect(refused.status).toBe(404);
    const after = (await p.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).body as string;
    const refusals = (text: string) =>
      Number(new RegExp(`^learncity_enrolment_refusals_total\\{code="${refused.body.error.code.replace(/\./g, '\\.')}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(refusals(after)).toBe(refusals(before) + 1);
  });
});
