// Personal-data rights (PIPL): consent recorded at registration, a complete copy of one's data (including
// which staff read the full ID number), withdrawal of each consent, and closing the account with only what
// the law requires kept, marked, and everything else gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { rowsOf } from '../../src/server/kernel/rate-limit';

const STREET = '330105012';
const HOME = '330105012001';
const PASSWORD = 'Privacy2026x';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a1e1d70000000049454e44ae426082',
  'hex',
);

let p: TestPlatform;
let street: Record<string, string>;

beforeAll(async () => {
  p = await startTestPlatform();
  street = await p.login('street');
}, 120_000);
afterAll(() => p.close());

const one = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => rowsOf<T>(await p.db.execute(query))[0];
const idNumber = (first17: string) => first17 + idCheckChar(first17);

async function register(phone: string, id: string, extra: Record<string, unknown> = { acceptPrivacyNotice: true }) {
  const sent = await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } });
  if (sent.status !== 202) p.clock.advance(61_000);
  if (sent.status !== 202) await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } });
  return p.request('POST', '/api/residents', {
    body: { phone, smsCode: p.sms.lastCode(phone), password: PASSWORD, realName: '隐私测试', idNumber: id, homeRegionCode: HOME, ...extra },
  });
}

/** A published event of the demo street, open for enrolment at the test clock. */
async function offering() {
  const res = await p.request('POST', '/api/offerings', {
    headers: street,
    body: {
      kind: 'event',
      eventType: 'lecture',
      title: '个人信息保护讲座',
      categoryCode: 'SHUHUA',
      regionCode: STREET,
      mode: 'online',
      sessions: [{ date: '2026-12-10', startTime: '09:00', endTime: '11:00' }],
      capacity: 20,
      enrolmentMode: 'first_come',
      enrolmentOpensAt: '2026-11-22T00:00:00+08:00',
      enrolmentClosesAt: '2026-12-09T00:00:00+08:00',
      cancelCutoffHours: 24,
    },
  });
  expect(res.status).toBe(201);
  expect((await p.request('POST', `/api/offerings/${res.body.id}/publish`, { headers: street })).status).toBe(200);
  return res.body.id as string;
}

describe('consent to the privacy notice at registration', () => {
  it('refuses registration without it (creating nothing) and records it with its time when given', async () => {
    const phone = '13600000101';
    const id = idNumber('33010519700101123');
    const refused = await register(phone, id, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields.acceptPrivacyNotice).toBe('请阅读并同意《个人信息处理规则》');
    expect(await one(sql`select count(*)::int as n from users where phone = ${phone}`)).toEqual({ n: 0 });
    const refusedFalse = await register(phone, id, { acceptPrivacyNotice: false });
    expect(refusedFalse.status).toBe(422);

    const made = await register(phone, id);
    expect(made.status).toBe(201);
    const headers = await p.login(phone, PASSWORD);
    const consents = await p.request('GET', '/api/residents/me/consents', { headers });
    expect(consents.status).toBe(200);
    expect(consents.headers['cache-control']).toBe('no-store');
    expect(consents.body.items).toEqual([
      expect.objectContaining({ kind: 'privacy_notice', subject: '2026-12', givenAt: p.clock.now().toISOString(), isActive: true, isWithdrawable: false }),
    ]);
  });
});

describe("a resident's copy of their data, withdrawal and closure", () => {
  const phone = '13600000202';
  const id = idNumber('33010519650315222');
  let me: Record<string, string>;
  let residentId: string;
  let enrolmentId: string;
  let offeringId: string;
  let uploadId: string;

  beforeAll(async () => {
    expect((await register(phone, id)).status).toBe(201);
    me = await p.login(phone, PASSWORD);
    residentId = (await p.request('GET', '/api/residents/me', { headers: me })).body.id;
    // Things held about them: an enrolment, a linked identifier, a proxy grant, an unattached upload, a credit deposit.
    offeringId = await offering();
    const enrolled = await p.request('POST', `/api/offerings/${offeringId}/enrolments`, { headers: me, body: {} });
    expect(enrolled.status).toBe(201);
    enrolmentId = enrolled.body.id;
    expect((await p.request('POST', '/api/me/linked-identities/phone', { headers: me, body: { consent: true } })).status).toBe(201);
    expect((await p.request('POST', '/api/proxy-grants', { headers: me, body: { granteeLogin: 'community1' } })).status).toBe(202);
    const body = multipart(PNG, { filename: '证件照.png', contentType: 'image/png', fields: { purpose: 'image' } });
    const uploaded = await p.request('POST', '/api/files', { headers: { ...me, ...body.headers }, payload: body.payload });
    expect(uploaded.status).toBe(201);
    uploadId = uploaded.body.id;
    const admin = await p.login('admin');
    const partner = (
      await p.request('POST', '/api/partners', { headers: admin, body: { name: '浙江省学分银行', scopes: ['credits/write'], regionCode: null } })
    ).body;
    const deposit = await p.request('POST', '/api/credit-deposits', {
      headers: { authorization: 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64') },
      body: { recordId: 'zj-privacy-1', residentId, standardCode: 'skills_competition', title: '职业技能竞赛三等奖', level: '市级', occurredOn: '2026-09-10' },
    });
    expect(deposit.status).toBe(201);
    // A street administrator reads the full ID number: the resident must see who and when.
    p.clock.advance(60_000);
    expect((await p.request('GET', `/api/residents/${residentId}/id-number`, { headers: street })).body.idNumber).toBe(id);
  }, 120_000);

  it('downloads everything held about them as a JSON file, including who read the full ID number', async () => {
    const res = await p.request('GET', '/api/residents/me/data', { headers: me });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''learncity-my-data-2026-11-23\.json$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body;
    expect(data.account).toMatchObject({ id: residentId, phone, status: 'active' });
    expect(data.profile).toMatchObject({
      realName: '隐私测试',
      idNumber: '330***********' + id.slice(-4),
      birthYear: 1965,
      sex: 'female',
      homeRegionCode: HOME,
    });
    expect(data.consents.map((c: { kind: string }) => c.kind).sort()).toEqual(['identity_link', 'privacy_notice', 'proxy_grant']);
    expect(data.linkedIdentities).toEqual([expect.objectContaining({ kind: 'phone', value: phone })]);
    expect(data.idNumberReads).toEqual([{ at: new Date(p.clock.now()).toISOString(), by: 'street', regionCode: HOME }]);
    expect(data.enrolments).toEqual([expect.objectContaining({ id: enrolmentId, status: 'enrolled' })]);
    expect(data.proxyGrants).toEqual([expect.objectContaining({ status: 'active' })]);
    expect(data.credits.entries).toEqual([expect.objectContaining({ kind: 'deposit', title: '职业技能竞赛三等奖' })]);
    expect(data.uploads).toEqual([expect.objectContaining({ id: uploadId, filename: '证件照.png' })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    for (const key of ['archive', 'certificates', 'points', 'attendance', 'ratings', 'teams', 'notifications', 'onlineLearning'])
      expect(data).toHaveProperty(key);
    // Secrets are never in the file: no hash or ciphertext, no full ID number, no full birth date beside the mask.
    const text = res.raw.toString();
    for (const secret of ['passwordHash', 'idNumberEncrypted', 'idNumberHash', 'tokenHash', 'codeHash', id, '1965-03-15']) expect(text).not.toContain(secret);
    const audit = await one(sql`select count(*)::int as n from audit_log where action = 'resident.data_export' and entity_id = ${residentId}`);
    expect(audit).toEqual({ n: 1 });
  });

  it('staff exports of an enrolment list carry the name and a masked phone, never the full phone or ID number', async () => {
    const xlsx = await p.request('GET', `/api/offerings/${offeringId}/enrolments/export.xlsx`, { headers: street });
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => void cells.push(String(c.value))));
    expect(cells).toContain('隐私测试');
    expect(cells).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    for (const secret of [phone, id, id.slice(6, 14)])
      expect(
        cells.some((c) => c.includes(secret)),
        secret,
      ).toBe(false);
  });

  it("shows staff browsing the audit trail a resident's phone masked, and still finds their entries by it", async () => {
    const res = await p.request('GET', `/api/audit-log?actor=${phone}&pageSize=50`, { headers: street });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { actorName: string }) => e.actorName === `${phone.slice(0, 3)}****${phone.slice(7)}`)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(phone);
  });

  it("is the resident's alone: staff are refused and anonymous callers must log in", async () => {
    expect((await p.request('GET', '/api/residents/me/data', { headers: street })).status).toBe(403);
    expect((await p.request('GET', '/api/residents/me/data')).status).toBe(401);
    expect((await p.request('POST', '/api/residents/me/close', { body: { password: PASSWORD } })).status).toBe(401);
  });

  it('withdraws each consent on its own; refuses unknown, foreign or already withdrawn ones', async () => {
    const { items } = (await p.request('GET', '/api/residents/me/consents', { headers: me })).body;
    const link = items.find((c: { kind: string }) => c.kind === 'identity_link');
    const grant = items.find((c: { kind: string }) => c.kind === 'proxy_grant');
    expect(grant).toMatchObject({ isActive: true, isWithdrawable: true });

    const other = await p.login('13900000001');
    expect((await p.request('POST', '/api/residents/me/consents/withdrawal', { headers: other, body: { kind: 'proxy_grant', id: grant.id } })).status).toBe(
      404,
    );
    expect((await p.request('POST', '/api/residents/me/consents/withdrawal', { headers: me, body: { kind: 'privacy_notice', id: items[0].id } })).status).toBe(
      422,
    );
    expect((await p.request('POST', '/api/residents/me/consents/withdrawal', { headers: me, body: { kind: 'sso_identity', id: 'nope' } })).status).toBe(404);

    const afterLink = await p.request('POST', '/api/residents/me/consents/withdrawal', { headers: me, body: { kind: 'identity_link', id: link.id } });
    expect(afterLink.status).toBe(200);
    expect(afterLink.body.items.find((c: { id: string }) => c.id === link.id)).toMatchObject({ isActive: false, isWithdrawable: false });
    expect(await one(sql`select revoked_at is not null as revoked from identity_links where id = ${link.id}`)).toEqual({ revoked: true });

    const afterGrant = await p.request('POST', '/api/residents/me/consents/withdrawal', { headers: me, body: { kind: 'proxy_grant', id: grant.id } });
    expect(afterGrant.status).toBe(200);
    expect(afterGrant.body.items.find((c: { id: string }) => c.id === grant.id)).toMatchObject({ isActive: false, withdrawnAt: p.clock.now().toISOString() });
    expect(await one(sql`select status from proxy_grants where id = ${grant.id}`)).toEqual({ status: 'revoked' });
    const again = await p.request('POST', '/api/residents/me/consents/withdrawal', { headers: me, body: { kind: 'proxy_grant', id: grant.id } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该项授权已经撤回');
  });

  it('closes only after re-authentication and without live enrolments, changing nothing when refused', async () => {
    const noProof = await p.request('POST', '/api/residents/me/close', { headers: me, body: {} });
    expect(noProof.status).toBe(422);
    expect(JSON.stringify(noProof.body.error)).toContain('请输入登录密码或短信验证码以确认身份');
    const wrong = await p.request('POST', '/api/residents/me/close', { headers: me, body: { password: 'not-my-password' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields.password).toBe('当前密码不正确');
    const live = await p.request('POST', '/api/residents/me/close', { headers: me, body: { password: PASSWORD } });
    expect(live.status).toBe(409);
    expect(live.body.error.code).toBe('privacy.close_live_enrolments');
    expect(await one(sql`select status, phone from users where id = ${residentId}`)).toEqual({ status: 'active', phone });
    expect((await p.request('GET', '/api/residents/me', { headers: me })).status).toBe(200);
    expect((await p.request('POST', `/api/enrolments/${enrolmentId}/cancellation`, { headers: me, body: {} })).status).toBe(200);
  });

  it('closes with an SMS code: personal fields gone, kept records marked, login refused, phone and ID number free again', async () => {
    const before = await one<{ n: number }>(
      sql`select count(*)::int as n from credit_entries e join credit_accounts a on a.id = e.account_id where a.resident_id = ${residentId}`,
    );
    const sent = await p.request('POST', '/api/residents/me/close/sms-code', { headers: me });
    expect(sent.status).toBe(202);
    const wrongCode = await p.request('POST', '/api/residents/me/close', {
      headers: me,
      body: { smsCode: p.sms.lastCode(phone) === '000000' ? '111111' : '000000' },
    });
    expect(wrongCode.status).toBe(422);

    const closed = await p.request('POST', '/api/residents/me/close', { headers: me, body: { smsCode: p.sms.lastCode(phone) } });
    expect(closed.status).toBe(200);
    expect(String(closed.headers['set-cookie'])).toMatch(/lc_session=;/);
    expect(closed.body.retained).toMatchObject({
      creditLedger: { count: before.n, basis: 'statutory_learning_record' },
      certificates: { count: 0 },
      auditLog: { basis: 'network_security_audit' },
    });

    // Login refused, the old session dead.
    expect((await p.request('POST', '/api/auth/login', { body: { username: phone, password: PASSWORD } })).status).toBe(401);
    expect((await p.request('GET', '/api/residents/me', { headers: me })).status).toBe(401);

    // Personal fields erased or anonymised.
    expect(await one(sql`select username, phone, display_name, status from users where id = ${residentId}`)).toEqual({
      username: `closed-${residentId}`,
      phone: null,
      display_name: '已注销用户',
      status: 'closed',
    });
    expect(await one(sql`select real_name, id_number_encrypted, id_number_masked, birth_year as birth from residents where user_id = ${residentId}`)).toEqual({
      real_name: '已注销用户',
      id_number_encrypted: '',
      id_number_masked: '',
      birth: 1965,
    });
    for (const [table, column] of [
      ['sessions', 'user_id'],
      ['identity_links', 'resident_id'],
      ['xapi_actor_links', 'resident_id'],
      ['notifications', 'user_id'],
    ]) {
      expect(await one(sql.raw(`select count(*)::int as n from ${table} where ${column} = '${residentId}'`)), table).toEqual({ n: 0 });
    }
    expect(await one(sql`select count(*)::int as n from files where id = ${uploadId}`)).toEqual({ n: 0 });
    expect(await one(sql`select count(*)::int as n from sms_codes where phone = ${phone}`)).toEqual({ n: 0 });
    expect(await one(sql`select count(*)::int as n from audit_log where actor_name = ${phone}`)).toEqual({ n: 0 });

    // Kept records kept, and marked.
    expect(
      await one(sql`select count(*)::int as n from credit_entries e join credit_accounts a on a.id = e.account_id where a.resident_id = ${residentId}`),
    ).toEqual(before);
    expect(await one(sql`select holder_closed_at is not null as marked from credit_accounts where resident_id = ${residentId}`)).toEqual({ marked: true });
    expect(await one(sql`select confirmed_by from account_closures where user_id = ${residentId}`)).toEqual({ confirmed_by: 'sms' });
    expect(
      await one(sql`select actor_name, details->>'confirmedBy' as via from audit_log where action = 'resident.close' and entity_id = ${residentId}`),
    ).toEqual({ actor_name: `closed-${residentId}`, via: 'sms' });
    expect(await one(sql`select count(*)::int as n from audit_log where action = 'resident.id_number.read' and entity_id = ${residentId}`)).toEqual({ n: 1 });
    // Staff no longer find the closed account; its ID number is gone, not merely hidden.
    expect((await p.request('GET', `/api/residents/${residentId}`, { headers: street })).status).toBe(404);
    expect((await p.request('GET', `/api/residents/${residentId}/id-number`, { headers: street })).status).toBe(404);
    const listed = (await p.request('GET', '/api/residents?pageSize=200', { headers: street })).body.items;
    expect(listed.some((r: { id: string }) => r.id === residentId)).toBe(false);

    // The phone and the ID number can register again, as a new account.
    p.clock.advance(120_000);
    const again = await register(phone, id);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(residentId);
  });

  it('a password also confirms a closure', async () => {
    const phone2 = '13600000303';
    expect((await register(phone2, idNumber('33010519500505333'))).status).toBe(201);
    const headers = await p.login(phone2, PASSWORD);
    const closed = await p.request('POST', '/api/residents/me/close', { headers, body: { password: PASSWORD } });
    expect(closed.status).toBe(200);
    expect((await p.request('POST', '/api/auth/login', { body: { username: phone2, password: PASSWORD } })).status).toBe(401);
  });
});
