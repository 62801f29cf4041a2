// Text messages to residents' phones: the kinds the platform sends, the senders (development console,
// Alibaba Cloud, Tencent Cloud, an in-house gateway), and delivery with a daily allowance, retries and counts.
import { registerMessages } from '../../kernel/messages';

registerMessages({
  'zh-CN': {
    'sms.budget_exhausted': '今天的短信发送量已达上限，请明天再试，或到社区办理',
    'sms.delivery_failed': '短信暂时发送不出去，请稍后再试',
  },
  en: {
    'sms.budget_exhausted': "Today's text messages are used up; try again tomorrow, or ask at your community",
    'sms.delivery_failed': 'The text message could not be sent just now; try again later',
  },
});

export { SMS_KINDS, SMS_KIND_NAMES, isSmsKind, SmsProviderError, type SmsKind, type SmsMessage, type SmsSender } from './sms.kinds';
export { consoleSmsSender } from './console.sender';
export { createAliyunSender, rpcSignature, percentEncode, ALIYUN_API_VERSION, type AliyunSettings } from './aliyun.sender';
export { createTencentSender, TENCENT_API_VERSION, type TencentSettings } from './tencent.sender';
export { createWebhookSender, type WebhookSettings } from './webhook.sender';
export { createSmsRepository, type SmsRepository, type SmsOutcome } from './sms.repository';
export { createSmsDelivery, shanghaiDay, DEFAULT_SMS_DELIVERY, type SmsDelivery, type SmsDeliverySettings } from './sms.delivery';
export { loadSmsConfig, createSmsSender, describeSmsConfig, templateVariable, SMS_PROVIDERS, type SmsConfig } from './sms.config';
