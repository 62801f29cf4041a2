// SMS as an installation runs it: codes and notices go through a (fake, local) Alibaba Cloud that checks
// every signature; passing refusals are retried, final ones answered with a clear error; the day's allowance
// is shared in the database by every process and refuses, translated, once used up; outcomes are counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/client';
import { fixedClock } from '../../src/server/kernel/clock';
import { rowsOf } from '../../src/server/kernel/rate-limit';
import {
  createAliyunSender,
  createSmsDelivery,
  createSmsRepository,
  shanghaiDay,
  SmsProviderError,
  type SmsMessage,
  type SmsSender,
} from '../../src/server/modules/sms/index';
import { startFakeAliyun, type FakeProvider } from '../support/fake-sms-providers';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const RESIDENT = '13900000001';
const LIMIT = 6;
let p: TestPlatform;
let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeAliyun({
    keyId: 'LTAI5tInstallation01',
    secret: 'installation-secret-01',
    signName: '学城',
    templates: { SMS_CODE: ['code', 'minutes'], SMS_OFFER: ['title', 'deadline'], SMS_DESK: [] },
    // The provider's clock agrees with the platform's (its timestamp window is checked).
    now: () => p.clock.now(),
  });
  const sender = createAliyunSender(
    {
      accessKeyId: 'LTAI5tInstallation01',
      accessKeySecret: 'installation-secret-01',
      signName: '学城',
      regionId: 'cn-hangzhou',
      endpoint: fake.url,
      // code.reset names a template the account does not have: the provider refuses it for good.
      templates: {
        'code.login': 'SMS_CODE',
        'code.register': 'SMS_CODE',
        'code.reset': 'SMS_MISSING',
        'notice.offer': 'SMS_OFFER',
        'account.desk_reset': 'SMS_DESK',
      },
    },
    { now: () => p.clock.now() },
  );
  p = await startTestPlatform({ sms: sender, smsDelivery: { dailyLimit: LIMIT, retries: 2, retryBaseMs: 1 } });
});
afterAll(async () => {
  await p.close();
  await fake.close();
});

const askCode = (phone: string, purpose: string, language = 'zh-CN') =>
  p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose }, headers: { 'accept-language': language } });
const totals = async () => Object.fromEntries((await p.services.smsStats.totals()).map((t) => [`${t.kind} ${t.outcome}`, t.count]));
const usedToday = async () =>
  Number(
    rowsOf<{ used: number }>(
      await p.db.execute(sql`select coalesce(sum(used), 0)::int as used from sms_daily_budget where day = ${shanghaiDay(p.clock.now())}`),
    )[0].used,
  );

describe('through Alibaba Cloud', () => {
  it('a resident signs in with a code the provider accepted, after its flow control refused the first try', async () => {
    fake.throttleNext(1);
    const asked = await askCode(RESIDENT, 'login');
    expect(asked.status).toBe(202);
    expect(fake.answers.slice(-2)).toEqual(['isv.BUSINESS_LIMIT_CONTROL', 'OK']);
    const { params } = fake.accepted.at(-1)!;
    expect(fake.accepted.at(-1)).toMatchObject({ phone: RESIDENT, template: 'SMS_CODE', params: { minutes: '5' } });
    const signedIn = await p.request('POST', '/api/auth/sms-login', { body: { phone: RESIDENT, smsCode: (params as Record<string, string>).code } });
    expect(signedIn.status).toBe(200);
    expect(await totals()).toMatchObject({ 'code.login sent': 1 });
    expect(await usedToday()).toBe(1);
  });

  it('a template the provider refuses is answered 503, translated, not retried, and does not hold the resend wait', async () => {
    const before = fake.answers.length;
    const zh = await askCode(RESIDENT, 'reset');
    expect(zh.status).toBe(503);
    expect(zh.body.error).toEqual({ code: 'sms.delivery_failed', message: '短信暂时发送不出去，请稍后再试', details: {} });
    const en = await askCode(RESIDENT, 'reset', 'en');
    expect(en.status).toBe(503);
    expect(en.body.error.message).toBe('The text message could not be sent just now; try again later');
    expect(fake.answers.slice(before)).toEqual(['isv.SMS_TEMPLATE_ILLEGAL', 'isv.SMS_TEMPLATE_ILLEGAL']);
    expect(await totals()).toMatchObject({ 'code.reset failed': 2 });
    expect(rowsOf(await p.db.execute(sql`select id from sms_codes where phone = ${RESIDENT} and purpose = 'reset'`))).toEqual([]);
  });

  it('a notice goes out as its template with its variables', async () => {
    const [{ id }] = rowsOf<{ id: string }>(await p.db.execute(sql`select id from users where phone = ${RESIDENT}`));
    await p.services.notifications.sendTranslated(p.db, {
      residentId: id,
      kind: 'offer',
      key: 'notice.offer',
      params: { title: '太极拳（初级）', deadline: '11月24日 10:00' },
      sms: true,
    });
    expect(await p.services.notifications.deliverSms()).toBe(1);
    expect(fake.accepted.at(-1)).toEqual({ phone: RESIDENT, template: 'SMS_OFFER', params: { title: '太极拳（初级）', deadline: '11月24日 10:00' } });
  });
});

describe('the daily allowance', () => {
  it('refuses every phone alike once used up, with Retry-After to midnight in Shanghai, writing nothing', async () => {
    const left = LIMIT - (await usedToday());
    expect(left).toBeGreaterThan(0);
    for (let i = 0; i < left; i++) expect((await askCode(`1370000000${i}`, 'register')).status).toBe(202);
    const refused = await askCode('13700000099', 'register');
    expect(refused.status).toBe(429);
    // 02:00 UTC is 10:00 in Shanghai: 14 hours to its midnight.
    expect(refused.headers['retry-after']).toBe(String(14 * 3600));
    expect(refused.body.error).toEqual({ code: 'sms.budget_exhausted', message: '今天的短信发送量已达上限，请明天再试，或到社区办理', details: {} });
    expect((await askCode('13700000099', 'register', 'en')).body.error.message).toBe(
      "Today's text messages are used up; try again tomorrow, or ask at your community",
    );
    // A phone with no account is refused alike (the answer does not tell who has one).
    expect((await askCode('13700000098', 'login')).status).toBe(429);
    expect(rowsOf(await p.db.execute(sql`select id from sms_codes where phone in ('13700000099', '13700000098')`))).toEqual([]);
    expect(await usedToday()).toBe(LIMIT);
  });

  it('keeps notices waiting while used up, and sends them the next day', async () => {
    const [{ id }] = rowsOf<{ id: string }>(await p.db.execute(sql`select id from users where phone = ${RESIDENT}`));
    await p.services.notifications.sendTranslated(p.db, {
      residentId: id,
      kind: 'offer',
      key: 'notice.offer',
      params: { title: '书法', deadline: '11月24日 18:00' },
      sms: true,
    });
    expect(await p.services.notifications.deliverSms()).toBe(0);
    const status = async () =>
      rowsOf<{ sms_status: string }>(await p.db.execute(sql`select sms_status from notifications where user_id = ${id} and sms_params->>'title' = '书法'`))[0]
        .sms_status;
    expect(await status()).toBe('pending');
    p.clock.advance(14 * 3600_000);
    expect(await p.services.notifications.deliverSms()).toBe(1);
    expect(await status()).toBe('sent');
    expect((await askCode('13700000099', 'register')).status).toBe(202);
    expect(await totals()).toMatchObject({ 'code.register refused': 2, 'code.login refused': 1, 'notice.offer sent': 2 });
  });

  it('is taken for a batch of notices at once, and when fewer are left, sends as many and leaves the rest waiting', async () => {
    const clock = fixedClock(new Date('2027-01-07T01:00:00Z'));
    const sent: string[] = [];
    const delivery = createSmsDelivery({
      sender: { send: async (phone) => void sent.push(phone) },
      repo: createSmsRepository(p.db),
      clock,
      settings: { dailyLimit: 5, retries: 0, retryBaseMs: 0 },
    });
    const message: SmsMessage = { kind: 'notice.reminder', params: { title: '合唱', at: '1月8日 09:00' }, text: '' };
    const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ phone: `1350000${String(from + i).padStart(4, '0')}`, message }));
    expect(await delivery.sendAll(batch(0, 3))).toEqual(['sent', 'sent', 'sent']);
    expect(await delivery.sendAll(batch(3, 4))).toEqual(['sent', 'sent', 'waiting', 'waiting']);
    expect(sent).toHaveLength(5);
    const day = rowsOf<{ used: number }>(await p.db.execute(sql`select used::int as used from sms_daily_budget where day = '2027-01-07'`));
    expect(day.map((d) => Number(d.used))).toEqual([5]);
    const counts = rowsOf<{ outcome: string; count: number }>(
      await p.db.execute(sql`select outcome, count::int as count from sms_daily_counts where day = '2027-01-07' order by outcome`),
    );
    // The first notice past the allowance is counted as refused; the one after it only waits.
    expect(counts.map((c) => [c.outcome, Number(c.count)])).toEqual([
      ['refused', 1],
      ['sent', 5],
    ]);
  });

  it('is one count for several processes sending at once', async () => {
    // A second process: its own connection on PostgreSQL; on the embedded database the one handle.
    const other = p.databaseUrl ? await openDatabase({ url: p.databaseUrl }) : null;
    try {
      const clock = fixedClock(new Date('2027-01-05T01:00:00Z'));
      const quiet: SmsSender = { send: async () => {} };
      const settings = { dailyLimit: 5, retries: 0, retryBaseMs: 0 };
      const a = createSmsDelivery({ sender: quiet, repo: createSmsRepository(p.db), clock, settings });
      const b = createSmsDelivery({ sender: quiet, repo: createSmsRepository(other?.db ?? p.db), clock, settings });
      const message: SmsMessage = { kind: 'notice.reminder', params: { title: '合唱', at: '1月6日 09:00' }, text: '' };
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).send(`1360000${String(i).padStart(4, '0')}`, message)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
        Array(7).fill('sms.budget_exhausted'),
      );
      const counts = rowsOf<{ outcome: string; count: number }>(
        await p.db.execute(sql`select outcome, count::int as count from sms_daily_counts where day = '2027-01-05' order by outcome`),
      );
      expect(counts.map((c) => [c.outcome, Number(c.count)])).toEqual([
        ['refused', 7],
        ['sent', 5],
      ]);
    } finally {
      await other?.close();
    }
  });
});

describe('retries', () => {
  it('try a passing failure again after growing pauses, give up on a final one at once, and log no code or full number', async () => {
    const clock = fixedClock(new Date('2027-02-01T01:00:00Z'));
    const pauses: number[] = [];
    const lines: string[] = [];
    let calls = 0;
    let failures: SmsProviderError[] = [];
    const flaky: SmsSender = {
      send: async () => {
        calls++;
        const next = failures.shift();
        if (next) throw next;
      },
    };
    const delivery = createSmsDelivery({
      sender: flaky,
      repo: createSmsRepository(p.db),
      clock,
      settings: { dailyLimit: 100, retries: 2, retryBaseMs: 10 },
      sleep: async (ms) => void pauses.push(ms),
      log: (line) => lines.push(line),
    });
    const code: SmsMessage = { kind: 'code.login', params: { code: '774411', minutes: '5' }, text: '774411 是您的验证码' };

    failures = [new SmsProviderError('Throttling.User', true), new SmsProviderError('http_502', true)];
    await delivery.send('13900000001', code);
    expect([calls, pauses]).toEqual([3, [10, 30]]);

    calls = 0;
    failures = [new SmsProviderError('http_503', true), new SmsProviderError('http_503', true), new SmsProviderError('http_503', true)];
    await expect(delivery.send('13900000001', code)).rejects.toMatchObject({ code: 'sms.delivery_failed' });
    expect(calls).toBe(3);

    calls = 0;
    failures = [new SmsProviderError('isv.SMS_SIGNATURE_ILLEGAL', false)];
    await expect(delivery.send('13900000001', code)).rejects.toMatchObject({ code: 'sms.delivery_failed' });
    expect(calls).toBe(1);
    expect(lines).toEqual([
      'sms code.login to 139****0001 failed after 3 attempt(s): http_503',
      'sms code.login to 139****0001 failed after 1 attempt(s): isv.SMS_SIGNATURE_ILLEGAL',
    ]);
    expect(lines.join('\n')).not.toMatch(/774411|13900000001/);
  });
});
