// Partner platforms: registration within scope, secrets shown once and rotated, disabling, traffic counts,
// audit, and the region restriction on reading residents' records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const VERSION = { 'x-experience-api-version': '1.0.3' };
const basic = (c: { key: string; secret: string }) => ({ authorization: 'Basic ' + Buffer.from(`${c.key}:${c.secret}`).toString('base64') });
const xapi = (c: { key: string; secret: string }, method: string, url: string, body?: unknown) =>
  p.request(method, `/xapi${url}`, { headers: { ...VERSION, ...basic(c) }, body });

async function create(login: string, body: Record<string, unknown>) {
  return p.request('POST', '/api/partners', { headers: await p.login(login), body: { name: '区学习平台', scopes: ['all'], regionCode: null, ...body } });
}

describe('registering partners', () => {
  it('shows the secret once, stores only its hash, and audits the registration', async () => {
    const res = await create('admin', { name: '杭州终身学习网' });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.key).toMatch(/^lc[0-9a-f]{24}$/);
    const shown = await p.request('GET', `/api/partners/${res.body.id}`, { headers: await p.login('admin') });
    expect(shown.status).toBe(200);
    expect(shown.body.secret).toBeUndefined();
    expect(JSON.stringify(shown.body)).not.toContain(res.body.secret);
    const audit = await p.request('GET', '/api/audit-log?pageSize=5', { headers: await p.login('admin') });
    expect(audit.body.items.some((e: { action: string; entityId: string }) => e.action === 'partner.create' && e.entityId === res.body.id)).toBe(true);
  });

  it('requires a region admin to limit the partner to a region inside their scope', async () => {
    const open = await create('street', {});
    expect(open.status).toBe(422);
    expect(open.body.error.details.fields.regionCode).toBeTruthy();
    expect((await create('street', { regionCode: '330105001' })).status).toBe(422);
    const own = await create('street', { regionCode: '330105012' });
    expect(own.status).toBe(201);
    expect(own.body.regionName).toBe('天水街道');
    // The street admin sees it; another street's partners stay invisible.
    const other = await create('district', { regionCode: '330105001' });
    expect(other.status).toBe(201);
    const list = await p.request('GET', '/api/partners', { headers: await p.login('street') });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(own.body.id);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(other.body.id);
    expect((await p.request('GET', `/api/partners/${other.body.id}`, { headers: await p.login('street') })).status).toBe(404);
  });

  it('refuses staff without an administrator role, and bad input naming the field', async () => {
    expect((await create('school', {})).status).toBe(403);
    const bad = await create('admin', { name: '', scopes: ['everything'] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['name']));
  });

  it('rotating the secret stops the old one at once; disabling stops the partner', async () => {
    const partner = (await create('admin', {})).body;
    expect((await xapi(partner, 'GET', '/statements')).status).toBe(200);
    const rotated = await p.request('POST', `/api/partners/${partner.id}/secret-rotation`, { headers: await p.login('admin') });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(partner.secret);
    expect((await xapi(partner, 'GET', '/statements')).status).toBe(401);
    const fresh = { key: partner.key, secret: rotated.body.secret };
    expect((await xapi(fresh, 'GET', '/statements')).status).toBe(200);
    const disabled = await p.request('PATCH', `/api/partners/${partner.id}`, {
      headers: { ...(await p.login('admin')), 'if-match': `"${rotated.body.version}"` },
      body: { status: 'disabled' },
    });
    expect(disabled.status).toBe(200);
    expect((await xapi(fresh, 'GET', '/statements')).status).toBe(401);
    const stale = await p.request('PATCH', `/api/partners/${partner.id}`, {
      headers: { ...(await p.login('admin')), 'if-match': `"${rotated.body.version}"` },
      body: { status: 'active' },
    });
    expect(stale.status).toBe(409);
  });

  it('counts requests and errors per partner per day', async () => {
    const partner = (await create('admin', {})).body;
    await xapi(partner, 'GET', '/statements');
    await xapi(partner, 'GET', '/statements?colour=red');
    await xapi(partner, 'POST', '/statements', { actor: {} });
    const shown = await p.request('GET', `/api/partners/${partner.id}`, { headers: await p.login('admin') });
    expect(shown.body.usage30d).toEqual({ requests: 3, errors: 2 });
    expect(shown.body.usageByDay).toEqual([{ day: '2026-11-23', requests: 3, errors: 2 }]);
  });
});

describe('region restriction', () => {
  async function residentIn(streetCode: string, phone: string, first17: string) {
    const home = (await p.services.regions.children(streetCode, { page: 1, pageSize: 1 })).items[0];
    await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } });
    const res = await p.request('POST', '/api/residents', {
      body: {
        phone,
        smsCode: p.sms.lastCode(phone),
        password: 'Learn2026ok',
        realName: '居民',
        idNumber: first17 + idCheckChar(first17),
        homeRegionCode: home.code,
        acceptPrivacyNotice: true,
      },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as string;
  }
  const asResident = (id: string) => ({ objectType: 'Agent', account: { homePage: 'http://localhost', name: id } });
  const completed = (actor: unknown, activity: string) => ({ actor, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: activity } });

  it("a partner limited to one street cannot read another street's residents' records", async () => {
    const tianshui = await residentIn('330105012', '13812345601', '33010519600101123');
    const other = await residentIn('330105001', '13812345602', '33010519600101124');
    const writer = (await create('admin', { scopes: ['statements/write'] })).body;
    const activity = `https://learn.example.com/region/${randomUUID()}`;
    const stored = await xapi(writer, 'POST', '/statements', [
      completed(asResident(tianshui), activity),
      completed(asResident(other), activity),
      completed({ mbox: 'mailto:stranger@example.com' }, activity),
    ]);
    expect(stored.status).toBe(200);
    const [mine, theirs] = stored.body;

    const street = (await create('street', { scopes: ['statements/read'], regionCode: '330105012' })).body;
    const seen = await xapi(street, 'GET', `/statements?activity=${encodeURIComponent(activity)}`);
    expect(seen.status).toBe(200);
    expect(seen.body.statements.map((s: { id: string }) => s.id)).toEqual([mine]);
    expect((await xapi(street, 'GET', `/statements?statementId=${theirs}`)).status).toBe(404);
    expect((await xapi(street, 'GET', `/statements?agent=${encodeURIComponent(JSON.stringify(asResident(other)))}`)).body.statements).toEqual([]);

    const district = (await create('admin', { scopes: ['statements/read'] })).body;
    expect((await xapi(district, 'GET', `/statements?activity=${encodeURIComponent(activity)}`)).body.statements).toHaveLength(3);
  });

  it('hands statements about linked residents to the learning-archive hook in the same transaction', async () => {
    const seen: { residentId: string; statementId: string }[] = [];
    p.services.xapi.onResidentStatements(
      async (_tx, entries) => void seen.push(...entries.map((e) => ({ residentId: e.residentId, statementId: e.statementId }))),
    );
    const resident = await residentIn('330105012', '13812345603', '33010519600101125');
    const writer = (await create('admin', { scopes: ['statements/write'] })).body;
    const [id] = (await xapi(writer, 'POST', '/statements', completed(asResident(resident), 'https://learn.example.com/hook'))).body;
    await xapi(writer, 'POST', '/statements', completed({ mbox: 'mailto:nobody@example.com' }, 'https://learn.example.com/hook'));
    expect(seen).toEqual([{ residentId: resident, statementId: id }]);
  });
});
