// The real senders against local fakes of Alibaba Cloud, Tencent Cloud and an in-house gateway, each of
// which checks the signature as the provider documents it; and the settings that choose and configure them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAliyunSender,
  createTencentSender,
  createWebhookSender,
  rpcSignature,
  loadSmsConfig,
  createSmsSender,
  describeSmsConfig,
  templateVariable,
  SMS_KIND_NAMES,
  SmsProviderError,
  type SmsMessage,
  type SmsSender,
} from '../../src/server/modules/sms/index';
import { startFakeAliyun, startFakeTencent, startFakeGateway, type FakeProvider } from '../support/fake-sms-providers';

const KEY_ID = 'LTAI5tFakeKeyId0001';
const SECRET = 'fake-secret-0123456789';
const SIGN = '学城';
const login: SmsMessage = { kind: 'code.login', params: { code: '042917', minutes: '5' }, text: '042917 是您的学城登录验证码' };
const offer: SmsMessage = { kind: 'notice.offer', params: { title: '太极拳 & 八段锦（初级）', deadline: '11月25日 10:00' }, text: '候补名额待确认' };

async function failureOf(sender: SmsSender, message: SmsMessage, phone = '13900000001'): Promise<SmsProviderError> {
  const error = await sender.send(phone, message).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsProviderError);
  return error as SmsProviderError;
}

describe('Alibaba Cloud signature', () => {
  it('reproduces the worked example of the RPC signature document', () => {
    // help.aliyun.com "API 签名机制（示例）": DescribeRegions with key testid / testsecret.
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(rpcSignature('GET', params, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });
});

describe('Alibaba Cloud SendSms', () => {
  let fake: FakeProvider;
  const settings = () => ({
    accessKeyId: KEY_ID,
    accessKeySecret: SECRET,
    signName: SIGN,
    regionId: 'cn-hangzhou',
    endpoint: fake.url,
    templates: { 'code.login': 'SMS_100000001', 'notice.offer': 'SMS_100000002', 'notice.enrolled': 'SMS_404' } as const,
  });
  beforeAll(async () => {
    fake = await startFakeAliyun({
      keyId: KEY_ID,
      secret: SECRET,
      signName: SIGN,
      templates: { SMS_100000001: ['code', 'minutes'], SMS_100000002: ['title', 'deadline'] },
    });
  });
  afterAll(() => fake.close());

  it('sends a code and a notice (Chinese, spaces and & in the variables) with signatures the provider accepts', async () => {
    const sender = createAliyunSender(settings());
    await sender.send('13900000001', login);
    await sender.send('13900000002', offer);
    expect(fake.answers.slice(-2)).toEqual(['OK', 'OK']);
    expect(fake.accepted.slice(-2)).toEqual([
      { phone: '13900000001', template: 'SMS_100000001', params: { code: '042917', minutes: '5' } },
      { phone: '13900000002', template: 'SMS_100000002', params: offer.params },
    ]);
  });

  it('is refused, for good, when signed with the wrong secret', async () => {
    const error = await failureOf(createAliyunSender({ ...settings(), accessKeySecret: 'not-the-secret' }), login);
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.retryable).toBe(false);
  });

  it('reports the per-number flow control as passing, and a template the account lacks as final', async () => {
    fake.throttleNext(1);
    const throttled = await failureOf(createAliyunSender(settings()), login);
    expect([throttled.code, throttled.retryable]).toEqual(['isv.BUSINESS_LIMIT_CONTROL', true]);
    const template = await failureOf(createAliyunSender(settings()), { ...offer, kind: 'notice.enrolled' });
    expect([template.code, template.retryable]).toEqual(['isv.SMS_TEMPLATE_ILLEGAL', false]);
    const sign = await failureOf(createAliyunSender({ ...settings(), signName: '别的签名' }), login);
    expect([sign.code, sign.retryable]).toEqual(['isv.SMS_SIGNATURE_ILLEGAL', false]);
  });

  it('treats an unreachable endpoint as passing', async () => {
    const error = await failureOf(createAliyunSender({ ...settings(), endpoint: 'http://127.0.0.1:9' }), login);
    expect([error.code, error.retryable]).toEqual(['network', true]);
  });
});

describe('Tencent Cloud SendSms', () => {
  let fake: FakeProvider;
  const settings = () => ({
    secretId: 'AKIDfakeSecretId0001',
    secretKey: SECRET,
    sdkAppId: '1400006666',
    signName: SIGN,
    region: 'ap-guangzhou',
    endpoint: fake.url,
    templates: { 'code.login': '1110', 'notice.offer': '1112', 'notice.enrolled': '9999' } as const,
  });
  beforeAll(async () => {
    fake = await startFakeTencent({
      keyId: 'AKIDfakeSecretId0001',
      secret: SECRET,
      signName: SIGN,
      sdkAppId: '1400006666',
      templates: { 1110: ['code', 'minutes'], 1112: ['title', 'deadline'] },
    });
  });
  afterAll(() => fake.close());

  it('sends with a TC3-HMAC-SHA256 signature the provider accepts, variables in the template order', async () => {
    const sender = createTencentSender(settings());
    await sender.send('13900000001', login);
    await sender.send('13900000002', offer);
    expect(fake.answers.slice(-2)).toEqual(['Ok', 'Ok']);
    expect(fake.accepted.slice(-2)).toEqual([
      { phone: '13900000001', template: '1110', params: ['042917', '5'] },
      { phone: '13900000002', template: '1112', params: [offer.params.title, offer.params.deadline] },
    ]);
  });

  it('is refused when signed with the wrong key, or by a wrong id', async () => {
    const bad = await failureOf(createTencentSender({ ...settings(), secretKey: 'wrong' }), login);
    expect([bad.code, bad.retryable]).toEqual(['AuthFailure.SignatureFailure', false]);
    const unknown = await failureOf(createTencentSender({ ...settings(), secretId: 'AKIDnobody' }), login);
    expect(unknown.code).toBe('AuthFailure.SecretIdNotFound');
  });

  it('reports the 30-second limit as passing, and an unapproved template or sign as final', async () => {
    fake.throttleNext(1);
    const throttled = await failureOf(createTencentSender(settings()), login);
    expect([throttled.code, throttled.retryable]).toEqual(['LimitExceeded.PhoneNumberThirtySecondLimit', true]);
    const template = await failureOf(createTencentSender(settings()), { ...offer, kind: 'notice.enrolled' });
    expect([template.code, template.retryable]).toEqual(['FailedOperation.TemplateIncorrectOrUnapproved', false]);
    const sign = await failureOf(createTencentSender({ ...settings(), signName: '别的签名' }), login);
    expect([sign.code, sign.retryable]).toEqual(['FailedOperation.SignatureIncorrectOrUnapproved', false]);
  });
});

describe('in-house gateway', () => {
  const secret = 'gateway-shared-secret-0001';
  let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
  beforeAll(async () => {
    gateway = await startFakeGateway({ secret });
  });
  afterAll(() => gateway.close());

  it('posts the kind, variables and text, signed; 5xx is passing, a refusal final, a wrong secret refused', async () => {
    const sender = createWebhookSender({ url: gateway.url, secret });
    await sender.send('13900000001', login);
    expect(gateway.accepted.at(-1)).toEqual({ phone: '13900000001', kind: 'code.login', params: login.params, text: login.text });
    gateway.failNext(1);
    const busy = await failureOf(sender, login);
    expect([busy.code, busy.retryable]).toEqual(['busy', true]);
    gateway.reject('notice.offer');
    const refused = await failureOf(sender, offer);
    expect([refused.code, refused.retryable]).toEqual(['template_unknown', false]);
    const forged = await failureOf(createWebhookSender({ url: gateway.url, secret: 'another-secret-000000' }), login);
    expect([forged.code, forged.retryable]).toEqual(['bad_signature', false]);
  });
});

describe('settings', () => {
  const allTemplates: Record<string, string> = Object.fromEntries(
    SMS_KIND_NAMES.filter((k) => !k.startsWith('code.')).map((k, i) => [templateVariable(k), `SMS_2000000${i}`]),
  );
  const aliyun: Record<string, string> = {
    LEARNCITY_SMS_PROVIDER: 'aliyun',
    LEARNCITY_SMS_ACCESS_KEY_ID: KEY_ID,
    LEARNCITY_SMS_ACCESS_KEY_SECRET: SECRET,
    LEARNCITY_SMS_SIGN_NAME: SIGN,
    LEARNCITY_SMS_TEMPLATE_CODE: 'SMS_1',
    ...allTemplates,
  };

  const problemsOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadSmsConfig(env);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('default to the development sender', () => {
    const config = loadSmsConfig({});
    expect(config.provider).toBe('console');
    expect(config.delivery).toMatchObject({ dailyLimit: 5000, retries: 2 });
  });

  it('refuse an incomplete provider, naming every missing variable', () => {
    const message = problemsOf({ LEARNCITY_SMS_PROVIDER: 'aliyun', LEARNCITY_SMS_ACCESS_KEY_ID: KEY_ID });
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toContain('LEARNCITY_SMS_ACCESS_KEY_SECRET: required with LEARNCITY_SMS_PROVIDER=aliyun');
    expect(message).toContain('LEARNCITY_SMS_SIGN_NAME: required');
    expect(message).toContain('LEARNCITY_SMS_TEMPLATE_CODE_LOGIN (or LEARNCITY_SMS_TEMPLATE_CODE)');
    expect(message).toContain('LEARNCITY_SMS_TEMPLATE_NOTICE_OFFER');
    expect(message).toContain('LEARNCITY_SMS_TEMPLATE_LOTTERY_NOTICE_LOST');
    expect(problemsOf(aliyun)).toBe('');
    expect(problemsOf({ ...aliyun, LEARNCITY_SMS_PROVIDER: 'tencent' })).toContain('LEARNCITY_SMS_SDK_APP_ID: required');
    const webhook = problemsOf({ LEARNCITY_SMS_PROVIDER: 'webhook', LEARNCITY_SMS_WEBHOOK_SECRET: 'short' });
    expect(webhook).toContain('LEARNCITY_SMS_WEBHOOK_SECRET: must be at least 16 characters');
    expect(webhook).toContain('LEARNCITY_SMS_ENDPOINT: required');
    expect(problemsOf({ LEARNCITY_SMS_PROVIDER: 'smoke-signals' })).toContain('LEARNCITY_SMS_PROVIDER: must be one of console, aliyun, tencent, webhook');
    expect(problemsOf({ LEARNCITY_SMS_DAILY_LIMIT: '0' })).toContain('LEARNCITY_SMS_DAILY_LIMIT: must be a whole number from 1');
    expect(problemsOf({ LEARNCITY_SMS_SKIP: 'code.login,notice.nothing' })).toMatch(/"code.login" is a verification code[\s\S]*"notice.nothing" is not a kind/);
    expect(problemsOf({ ...aliyun, LEARNCITY_SMS_ENDPOINT: 'ftp://example' })).toContain('LEARNCITY_SMS_ENDPOINT: must be an http:// or https:// URL');
  });

  it('accept a complete provider; a skipped notice needs no template; the endpoint can be overridden', async () => {
    const fake = await startFakeAliyun({ keyId: KEY_ID, secret: SECRET, signName: SIGN, templates: { SMS_1: ['code', 'minutes'] } });
    try {
      const { LEARNCITY_SMS_TEMPLATE_NOTICE_REMINDER: _, ...withoutReminder } = aliyun;
      expect(problemsOf(withoutReminder)).toContain('LEARNCITY_SMS_TEMPLATE_NOTICE_REMINDER');
      const config = loadSmsConfig({
        ...withoutReminder,
        LEARNCITY_SMS_SKIP: 'notice.reminder',
        LEARNCITY_SMS_ENDPOINT: fake.url,
        LEARNCITY_SMS_DAILY_LIMIT: '300',
      });
      expect(config.provider).toBe('aliyun');
      expect(config.delivery.skip?.has('notice.reminder')).toBe(true);
      expect(describeSmsConfig(config)).toBe(`SMS through Alibaba Cloud (${fake.url}, sign 学城); at most 300 a day`);
      expect(describeSmsConfig(config)).not.toContain(SECRET);
      await createSmsSender(config).send('13900000003', { ...login, kind: 'code.register' });
      expect(fake.accepted.at(-1)).toEqual({ phone: '13900000003', template: 'SMS_1', params: login.params });
    } finally {
      await fake.close();
    }
  });
});

describe('start-up', () => {
  it('refuses an incomplete provider with the missing settings named, before touching any data', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'learncity-sms-'));
    try {
      const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: '',
          LEARNCITY_DATA_DIR: dataDir,
          PORT: '0',
          LEARNCITY_WORKERS: '0',
          LEARNCITY_SMS_PROVIDER: 'tencent',
          LEARNCITY_SMS_ACCESS_KEY_ID: 'AKIDx',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(started.status).toBe(1);
      expect(started.stderr).toContain('learncity: Invalid configuration:');
      expect(started.stderr).toContain('LEARNCITY_SMS_ACCESS_KEY_SECRET: required with LEARNCITY_SMS_PROVIDER=tencent');
      expect(started.stderr).toContain('LEARNCITY_SMS_SDK_APP_ID: required');
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
