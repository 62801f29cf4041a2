// Which sender an installation uses, read from the environment, so going live needs settings, not code.
// Incomplete settings stop the start with every missing or bad variable named (no half-configured provider
// that fails on the first resident's code).
import { ALIYUN_ENDPOINT, createAliyunSender, type AliyunSettings } from './aliyun.sender';
import { consoleSmsSender } from './console.sender';
import { DEFAULT_SMS_DELIVERY, type SmsDeliverySettings } from './sms.delivery';
import { isCodeKind, isSmsKind, SMS_KIND_NAMES, type SmsKind, type SmsSender } from './sms.kinds';
import { createTencentSender, TENCENT_ENDPOINT, type TencentSettings } from './tencent.sender';
import { createWebhookSender, type WebhookSettings } from './webhook.sender';

export const SMS_PROVIDERS = ['console', 'aliyun', 'tencent', 'webhook'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

export type SmsConfig = { delivery: SmsDeliverySettings } & (
  | { provider: 'console' }
  | { provider: 'aliyun'; aliyun: AliyunSettings }
  | { provider: 'tencent'; tencent: TencentSettings }
  | { provider: 'webhook'; webhook: WebhookSettings }
);

/** The variable that holds a kind's template id: code.login → LEARNCITY_SMS_TEMPLATE_CODE_LOGIN. */
export const templateVariable = (kind: SmsKind) => `LEARNCITY_SMS_TEMPLATE_${kind.toUpperCase().replace(/\./g, '_')}`;
/** One verification-code template may serve every kind of code. */
const CODE_TEMPLATE = 'LEARNCITY_SMS_TEMPLATE_CODE';

function integerIn(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number, issues: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) issues.push(`${name}: must be a whole number from ${min} to ${max}`);
  return n;
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string | undefined, issues: string[]): string {
  const raw = env[name]?.trim() || fallback;
  if (!raw) {
    issues.push(`${name}: required`);
    return '';
  }
  try {
    if (!/^https?:$/.test(new URL(raw).protocol)) throw new Error('not http');
  } catch {
    issues.push(`${name}: must be an http:// or https:// URL`);
  }
  return raw;
}

export function loadSmsConfig(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  const issues: string[] = [];
  const provider = (env.LEARNCITY_SMS_PROVIDER?.trim() || 'console') as SmsProviderName;
  if (!SMS_PROVIDERS.includes(provider)) issues.push(`LEARNCITY_SMS_PROVIDER: must be one of ${SMS_PROVIDERS.join(', ')}`);

  const skip = new Set<SmsKind>();
  for (const entry of (env.LEARNCITY_SMS_SKIP ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!isSmsKind(entry)) issues.push(`LEARNCITY_SMS_SKIP: "${entry}" is not a kind of message (${SMS_KIND_NAMES.join(', ')})`);
    else if (isCodeKind(entry)) issues.push(`LEARNCITY_SMS_SKIP: "${entry}" is a verification code, which must be sent`);
    else skip.add(entry);
  }
  const delivery: SmsDeliverySettings = {
    dailyLimit: integerIn(env, 'LEARNCITY_SMS_DAILY_LIMIT', 1, 10_000_000, DEFAULT_SMS_DELIVERY.dailyLimit, issues),
    retries: integerIn(env, 'LEARNCITY_SMS_RETRIES', 0, 5, DEFAULT_SMS_DELIVERY.retries, issues),
    retryBaseMs: integerIn(env, 'LEARNCITY_SMS_RETRY_MS', 0, 60_000, DEFAULT_SMS_DELIVERY.retryBaseMs, issues),
    skip,
  };

  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) issues.push(`${name}: required with LEARNCITY_SMS_PROVIDER=${provider}`);
    return value ?? '';
  };
  const templates = () => {
    const found: Partial<Record<SmsKind, string>> = {};
    const missing: string[] = [];
    for (const kind of SMS_KIND_NAMES) {
      if (skip.has(kind)) continue;
      const id = env[templateVariable(kind)]?.trim() || (isCodeKind(kind) ? env[CODE_TEMPLATE]?.trim() : undefined);
      if (id) found[kind] = id;
      else missing.push(isCodeKind(kind) ? `${templateVariable(kind)} (or ${CODE_TEMPLATE})` : templateVariable(kind));
    }
    if (missing.length) issues.push(`${missing.join(', ')}: the provider's template id for each kind of message (or list a notice kind in LEARNCITY_SMS_SKIP)`);
    return found;
  };

  let config: SmsConfig = { provider: 'console', delivery };
  if (provider === 'aliyun') {
    config = {
      provider,
      delivery,
      aliyun: {
        accessKeyId: required('LEARNCITY_SMS_ACCESS_KEY_ID'),
        accessKeySecret: required('LEARNCITY_SMS_ACCESS_KEY_SECRET'),
        signName: required('LEARNCITY_SMS_SIGN_NAME'),
        regionId: env.LEARNCITY_SMS_REGION?.trim() || 'cn-hangzhou',
        endpoint: httpUrl(env, 'LEARNCITY_SMS_ENDPOINT', ALIYUN_ENDPOINT, issues),
        templates: templates(),
      },
    };
  } else if (provider === 'tencent') {
    config = {
      provider,
      delivery,
      tencent: {
        secretId: required('LEARNCITY_SMS_ACCESS_KEY_ID'),
        secretKey: required('LEARNCITY_SMS_ACCESS_KEY_SECRET'),
        signName: required('LEARNCITY_SMS_SIGN_NAME'),
        sdkAppId: required('LEARNCITY_SMS_SDK_APP_ID'),
        region: env.LEARNCITY_SMS_REGION?.trim() || 'ap-guangzhou',
        endpoint: httpUrl(env, 'LEARNCITY_SMS_ENDPOINT', TENCENT_ENDPOINT, issues),
        templates: templates(),
      },
    };
  } else if (provider === 'webhook') {
    const secret = required('LEARNCITY_SMS_WEBHOOK_SECRET');
    if (secret && secret.length < 16) issues.push('LEARNCITY_SMS_WEBHOOK_SECRET: must be at least 16 characters');
    config = { provider, delivery, webhook: { url: httpUrl(env, 'LEARNCITY_SMS_ENDPOINT', undefined, issues), secret } };
  }
  if (issues.length) throw new Error(`Invalid configuration:\n${issues.map((i) => `  ${i}`).join('\n')}`);
  return config;
}

export function createSmsSender(config: SmsConfig): SmsSender {
  switch (config.provider) {
    case 'aliyun':
      return createAliyunSender(config.aliyun);
    case 'tencent':
      return createTencentSender(config.tencent);
    case 'webhook':
      return createWebhookSender(config.webhook);
    default:
      return consoleSmsSender;
  }
}

/** One line for the start-up log: where messages go, never a key or a secret. */
export function describeSmsConfig(config: SmsConfig): string {
  const where =
    config.provider === 'aliyun'
      ? `Alibaba Cloud (${config.aliyun.endpoint}, sign ${config.aliyun.signName})`
      : config.provider === 'tencent'
        ? `Tencent Cloud (${config.tencent.endpoint}, app ${config.tencent.sdkAppId}, sign ${config.tencent.signName})`
        : config.provider === 'webhook'
          ? `the gateway at ${config.webhook.url}`
          : 'the server output (development sender: codes are printed)';
  return `SMS through ${where}; at most ${config.delivery.dailyLimit} a day`;
}
