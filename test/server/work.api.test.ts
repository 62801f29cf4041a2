// The console home: each role's queues with counts from the owning modules, scoped to the actor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
}, 120_000);
afterAll(() => p.close());

type Item = { key: string; count: number; page: string; query: Record<string, string> };
const work = async (headers: Record<string, string>) => {
  const res = await p.request('GET', '/api/me/work', { headers });
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body.items as Item[]).map((i) => [i.key, i]));
};

describe('GET /api/me/work', () => {
  it('counts the credit officer’s review queue within the officer’s region only', async () => {
    const admin = await p.login('admin');
    const made = await p.request('POST', '/api/staff-accounts', {
      headers: admin,
      body: { username: 'creditmishi', displayName: '米市巷学分银行专员', role: 'credit_bank_officer', regionCodes: ['330105001'], password: 'Credit2026x' },
    });
    expect(made.status).toBe(201);
    const credit = await p.login('credit');
    const other = await p.login('creditmishi', 'Credit2026x');
    const before = await work(credit);
    expect(Object.keys(before)).toEqual(['recognitions', 'conversions']);
    expect(before.recognitions).toMatchObject({ page: 'credits', query: { tab: 'recognition', status: 'submitted' } });
    const otherBefore = (await work(other)).recognitions.count;

    const resident = await p.login('13900000001');
    const upload = multipart(PNG, { filename: '证书.png', contentType: 'image/png', fields: { purpose: 'evidence' } });
    const file = await p.request('POST', '/api/files', { headers: { ...resident, ...upload.headers }, payload: upload.payload });
    const app = await p.request('POST', '/api/recognition-applications', {
      headers: resident,
      body: { title: '茶艺师证书', provider: '杭州市人社局', occurredOn: '2026-06-01', evidenceFileIds: [file.body.id] },
    });
    expect(app.status, JSON.stringify(app.body)).toBe(201);

    expect((await work(credit)).recognitions.count).toBe(before.recognitions.count + 1);
    expect((await work(other)).recognitions.count).toBe(otherBefore);
    // The count is the queue it links to.
    const queue = await p.request('GET', '/api/recognition-applications?status=submitted&pageSize=1', { headers: credit });
    expect(queue.body.total).toBe((await work(credit)).recognitions.count);
  });

  it('gives each role its own queues, each matching the list it links to', async () => {
    const unit = await work(await p.login('unit'));
    expect(Object.keys(unit)).toEqual(expect.arrayContaining(['tasksOpen', 'tasksOverdue']));
    const district = await p.login('district');
    const mine = await work(district);
    expect(Object.keys(mine)).toEqual(expect.arrayContaining(['formsToReview', 'vetting', 'bookings', 'classesStarting', 'objections']));
    const vetting = await p.request('GET', '/api/instructors?vettingStatus=pending&pageSize=1', { headers: district });
    expect(mine.vetting.count).toBe(vetting.body.total);
    const bookings = await p.request('GET', '/api/venue-bookings?scope=decide&status=pending&pageSize=1', { headers: district });
    expect(mine.bookings.count).toBe(bookings.body.total);
    const starting = await p.request('GET', '/api/offerings?status=published&startsWithinDays=7&pageSize=1', { headers: district });
    expect(starting.status).toBe(200);
    expect(mine.classesStarting.count).toBe(starting.body.total);
    const school = await work(await p.login('school'));
    expect(Object.keys(school)).not.toContain('vetting');
  });

  it('refuses residents and anonymous callers', async () => {
    expect((await p.request('GET', '/api/me/work', { headers: await p.login('13900000001') })).status).toBe(403);
    expect((await p.request('GET', '/api/me/work')).status).toBe(401);
  });

  it('refuses a nonsense look-ahead on the class list with a translated 422', async () => {
    const res = await p.request('GET', '/api/offerings?startsWithinDays=0', { headers: await p.login('district') });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.startsWithinDays).toBeTruthy();
  });
});
