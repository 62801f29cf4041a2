import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  street = await p.login('street');
});
afterAll(() => p.close());

const account = (over: Record<string, unknown> = {}) => ({
  username: 'tianshui2',
  displayName: '天水街道干事',
  role: 'region_admin',
  regionCodes: ['330105012'],
  password: 'Staff2026ok',
  ...over,
});

describe('staff accounts', () => {
  it('lets the district office create a street administrator who can then log in, audited', async () => {
    const res = await p.request('POST', '/api/staff-accounts', { headers: district, body: account() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'tianshui2',
      role: 'region_admin',
      scopes: [{ regionCode: '330105012', regionName: '天水街道' }],
      status: 'active',
    });
    expect((await p.login('tianshui2', 'Staff2026ok')).cookie).toBeTruthy();
    const audit = await p.request('GET', '/api/audit-log?action=staff.create', { headers: district });
    expect(audit.body.items[0]).toMatchObject({ actorName: 'district', entityId: res.body.id, regionCode: '330105012' });
  });

  it('refuses a duplicate username, a weak password, an unknown region and a missing scope', async () => {
    expect((await p.request('POST', '/api/staff-accounts', { headers: district, body: account() })).status).toBe(409);
    expect(
      (await p.request('POST', '/api/staff-accounts', { headers: district, body: account({ username: 'weakling', password: 'abc' }) })).body.error.details
        .fields.password,
    ).toBeTruthy();
    const common = await p.request('POST', '/api/staff-accounts', { headers: district, body: account({ username: 'commonpw', password: 'Password2026!' }) });
    expect(common.body.error.details.fields).toEqual({ password: '这个密码太常见，很容易被猜中，请换一个' });
    const own = await p.request('POST', '/api/staff-accounts', { headers: district, body: account({ username: 'ownname', password: 'ownname-is-safe' }) });
    expect(own.body.error.details.fields).toEqual({ password: '密码不能包含手机号或用户名' });
    const target = (await p.request('GET', '/api/staff-accounts?q=tianshui2', { headers: district })).body.items[0];
    const reset = await p.request('POST', `/api/staff-accounts/${target.id}/password-reset`, { headers: district, body: { newPassword: 'qq123456789' } });
    expect(reset.body.error.details.fields).toEqual({ newPassword: '这个密码太常见，很容易被猜中，请换一个' });
    expect(
      (await p.request('POST', '/api/staff-accounts', { headers: district, body: account({ username: 'nowhere', regionCodes: ['330105099'] }) })).body.error
        .details.fields['regionCodes.0'],
    ).toBe('找不到该行政区划代码');
    expect((await p.request('POST', '/api/staff-accounts', { headers: district, body: account({ username: 'noscope', regionCodes: [] }) })).status).toBe(422);
  });

  it('stops a region administrator granting system administration or reaching outside their regions', async () => {
    expect((await p.request('POST', '/api/staff-accounts', { headers: district, body: account({ username: 'root2', role: 'system_admin' }) })).status).toBe(
      403,
    );
    const outside = await p.request('POST', '/api/staff-accounts', { headers: street, body: account({ username: 'mishixiang', regionCodes: ['330105001'] }) });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('region.out_of_scope');
  });

  it('lists accounts in scope only and never the administrators above', async () => {
    const mine = await p.request('GET', '/api/staff-accounts?pageSize=100', { headers: street });
    const names = mine.body.items.map((a: { username: string }) => a.username);
    expect(names).toContain('tianshui2');
    expect(names).not.toContain('district');
    expect(names).not.toContain('admin');
    const districtAccount = (await p.request('GET', '/api/staff-accounts?q=district', { headers: district })).body.items[0];
    expect((await p.request('PATCH', `/api/staff-accounts/${districtAccount.id}`, { headers: street, body: { status: 'disabled' } })).status).toBe(404);
  });

  it('disables an account (ending its sessions) and resets a password (unlocking it)', async () => {
    const target = (await p.request('GET', '/api/staff-accounts?q=tianshui2', { headers: district })).body.items[0];
    const session = await p.login('tianshui2', 'Staff2026ok');
    const off = await p.request('PATCH', `/api/staff-accounts/${target.id}`, { headers: district, body: { status: 'disabled' } });
    expect(off.body.status).toBe('disabled');
    expect((await p.request('GET', '/api/auth/me', { headers: session })).status).toBe(401);
    await p.request('PATCH', `/api/staff-accounts/${target.id}`, { headers: district, body: { status: 'active' } });
    expect(
      (await p.request('POST', `/api/staff-accounts/${target.id}/password-reset`, { headers: district, body: { newPassword: 'Reset2026ok' } })).status,
    ).toBe(204);
    expect((await p.login('tianshui2', 'Reset2026ok')).cookie).toBeTruthy();
  });

  it('does not let an administrator change their own role or scope', async () => {
    const me = (await p.request('GET', '/api/auth/me', { headers: street })).body;
    expect((await p.request('PATCH', `/api/staff-accounts/${me.id}`, { headers: street, body: { regionCodes: ['330105'] } })).status).toBe(403);
  });

  it('keeps the audit log to administrators, scoped to their regions', async () => {
    expect((await p.request('GET', '/api/audit-log', { headers: await p.login('leader') })).status).toBe(403);
    const streetView = await p.request('GET', '/api/audit-log?pageSize=200', { headers: street });
    expect(
      streetView.body.items.every((a: { regionCode: string | null; actorName: string }) => a.regionCode?.startsWith('330105012') || a.actorName === 'street'),
    ).toBe(true);
  });
});
