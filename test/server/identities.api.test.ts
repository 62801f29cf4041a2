// Linking identities with consent: a resident links the phone verified at registration and an e-mail
// address verified with a code; partners' statements under them then land in the resident's archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';

let p: TestPlatform;
let resident: Record<string, string>;
let other: Record<string, string>;
let partner: { id: string; key: string; secret: string };
const VERSION = { 'x-experience-api-version': '1.0.3' };

beforeAll(async () => {
  p = await startTestPlatform();
  resident = await p.login('13900000001');
  const admin = await p.login('admin');
  partner = (await p.request('POST', '/api/partners', { headers: admin, body: { name: '省终身学习平台', scopes: ['statements/write'], regionCode: null } }))
    .body;
  await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13700000021', purpose: 'register' } });
  const reg = await p.request('POST', '/api/residents', {
    body: {
      phone: '13700000021',
      smsCode: p.sms.lastCode('13700000021'),
      password: 'Other2026x',
      realName: '李四',
      idNumber: '33010519800101123' + idCheckChar('33010519800101123'),
      homeRegionCode: '330105012001',
      acceptPrivacyNotice: true,
    },
  });
  if (reg.status !== 201) throw new Error(JSON.stringify(reg.body));
  other = await p.login('13700000021', 'Other2026x');
});
afterAll(() => p.close());

const post = (actor: Record<string, unknown>, title: string) =>
  p.request('POST', '/xapi/statements', {
    headers: { ...VERSION, authorization: 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64') },
    body: {
      id: randomUUID(),
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: `https://province.example.org/courses/${encodeURIComponent(title)}`, definition: { name: { 'zh-CN': title } } },
      result: { duration: 'PT1H' },
    },
  });
const titles = async () =>
  (await p.request('GET', '/api/me/learning-records?sourceType=partner', { headers: resident })).body.items.map((i: { title: string }) => i.title).sort();

describe('linking identities with consent', () => {
  it('shows the resident what they may link and which platforms their consent covers; staff cannot act', async () => {
    const mine = await p.request('GET', '/api/me/linked-identities', { headers: resident });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ links: [], verifiedPhone: '139****0001', partners: [{ name: '省终身学习平台' }] });
    const district = await p.login('district');
    expect((await p.request('GET', '/api/me/linked-identities', { headers: district })).status).toBe(403);
    expect((await p.request('POST', '/api/me/linked-identities/phone', { headers: district, body: { consent: true } })).status).toBe(403);
    expect((await p.request('POST', '/api/me/linked-identities/phone', { body: { consent: true } })).status).toBe(401);
  });

  it('links the verified phone only with consent, and statements under it then count', async () => {
    expect((await post({ account: { homePage: 'tel:+86', name: '13900000001' } }, '未关联前的课程')).status).toBe(200);
    const refused = await p.request('POST', '/api/me/linked-identities/phone', { headers: resident, body: { consent: false } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields.consent).toBeTruthy();
    p.clock.advance(1000); // the link comes after the record sent without one
    const linked = await p.request('POST', '/api/me/linked-identities/phone', { headers: resident, body: { consent: true } });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ kind: 'phone', value: '139****0001', consentedAt: '2026-11-23T02:00:01.000Z' });
    expect((await p.request('POST', '/api/me/linked-identities/phone', { headers: resident, body: { consent: true } })).status).toBe(409);
    await post({ account: { homePage: 'tel:+86', name: '13900000001' } }, '手机号关联的课程');
    expect(await titles()).toEqual(['手机号关联的课程']);
    // The record sent before the link never reached the archive (consent is not retroactive): it stays listed as unmatched.
    const unmatched = (await p.request('GET', `/api/partners/${partner.id}/unmatched-statements`, { headers: await p.login('admin') })).body;
    expect(unmatched.items.map((i: { title: string; identifier: string }) => [i.title, i.identifier])).toEqual([['未关联前的课程', 'tel:139****0001']]);
  });

  it('verifies an e-mail address with a code before linking it; another resident cannot take it', async () => {
    const sent = await p.request('POST', '/api/me/linked-identities/email-codes', { headers: resident, body: { email: 'Wang.XY@example.org' } });
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).toBe('w***@example.org');
    const code = p.emails.lastCode('wang.xy@example.org');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await p.request('POST', '/api/me/linked-identities/email', {
      headers: resident,
      body: { email: 'wang.xy@example.org', code: code === '000000' ? '111111' : '000000', consent: true },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields.code).toBeTruthy();
    const ok = await p.request('POST', '/api/me/linked-identities/email', { headers: resident, body: { email: 'wang.xy@example.org', code, consent: true } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'email', value: 'w***@example.org' });
    await post({ mbox: 'mailto:WANG.XY@example.org' }, '邮箱关联的课程');
    await post({ mbox_sha1sum: createHash('sha1').update('mailto:wang.xy@example.org').digest('hex') }, '邮箱摘要关联的课程');
    expect(await titles()).toEqual(['手机号关联的课程', '邮箱关联的课程', '邮箱摘要关联的课程'].sort());

    p.clock.advance(120_000);
    await p.request('POST', '/api/me/linked-identities/email-codes', { headers: other, body: { email: 'wang.xy@example.org' } });
    const taken = await p.request('POST', '/api/me/linked-identities/email', {
      headers: other,
      body: { email: 'wang.xy@example.org', code: p.emails.lastCode('wang.xy@example.org'), consent: true },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.fields.email).toBeTruthy();
  });

  it('unlinks on request: later statements no longer count, earlier records stay, and both are audited', async () => {
    const mine = (await p.request('GET', '/api/me/linked-identities', { headers: resident })).body;
    expect(mine.links).toHaveLength(2);
    const email = mine.links.find((l: { kind: string }) => l.kind === 'email');
    expect((await p.request('DELETE', `/api/me/linked-identities/${email.id}`, { headers: other })).status).toBe(404);
    expect((await p.request('DELETE', `/api/me/linked-identities/${email.id}`, { headers: resident })).status).toBe(204);
    await post({ mbox: 'mailto:wang.xy@example.org' }, '解除关联后的课程');
    expect(await titles()).toHaveLength(3);
    expect((await p.request('GET', '/api/me/linked-identities', { headers: resident })).body.links).toHaveLength(1);
    const admin = await p.login('admin');
    expect((await p.request('GET', '/api/audit-log?action=identity.link', { headers: admin })).body.total).toBe(2);
    expect((await p.request('GET', '/api/audit-log?action=identity.unlink', { headers: admin })).body.total).toBe(1);
  });
});
