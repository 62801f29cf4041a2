// Tencent Cloud SMS, API 3.0, action SendSms version 2021-01-11 (cloud.tencent.com/document/product/382/55981),
// signed with TC3-HMAC-SHA256 as "Signature v3" documents (tencentcloud.com/document/api/266/34114; every
// product has the same page):
//   CanonicalRequest = POST \n / \n (empty query) \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(body))
//     with CanonicalHeaders "content-type:application/json; charset=utf-8\nhost:<host>\nx-tc-action:sendsms\n"
//     (names and the action lower-cased) and SignedHeaders "content-type;host;x-tc-action";
//   StringToSign = "TC3-HMAC-SHA256" \n timestamp \n <UTC date>/sms/tc3_request \n hex(SHA256(CanonicalRequest));
//   SecretSigning = HMAC(HMAC(HMAC("TC3" + SecretKey, date), "sms"), "tc3_request");
//   Authorization = TC3-HMAC-SHA256 Credential=<SecretId>/<date>/sms/tc3_request, SignedHeaders=…, Signature=hex(HMAC(SecretSigning, StringToSign)).
// Answers are HTTP 200 with {"Response":{…,"RequestId"}}: a refused request carries Response.Error {Code,
// Message}; an accepted one lists SendStatusSet[{Code:"Ok"|<error code>, Message, SerialNo, PhoneNumber…}].
// Error codes: the SendSms page's error table and the SDK's tencentcloud/sms/v20210111/errors.go.
import { createHash, createHmac } from 'node:crypto';
import { orderedParams, SmsProviderError, type SmsKind, type SmsMessage, type SmsSender } from './sms.kinds';

export const TENCENT_ENDPOINT = 'https://sms.tencentcloudapi.com';
export const TENCENT_API_VERSION = '2021-01-11';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TencentSettings {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  endpoint: string;
  templates: Partial<Record<SmsKind, string>>;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export function tc3Authorization(input: { secretId: string; secretKey: string; host: string; action: string; body: string; timestamp: number }): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalHeaders = `content-type:${CONTENT_TYPE}\nhost:${input.host}\nx-tc-action:${input.action.toLowerCase()}\n`;
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(input.body)}`;
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

// The API's own throttling, its passing internal errors and the short per-number limits clear within a
// retry's pause; daily and hourly limits, templates, signs and keys do not.
const RETRYABLE =
  /^(RequestLimitExceeded|InternalError\.(Timeout|SendAndRecvFail|OtherError|UnknownError)$|InternalError$|LimitExceeded\.(DeliveryFrequencyLimit|PhoneNumberThirtySecondLimit)$)/;

export function createTencentSender(settings: TencentSettings, deps: { fetch?: typeof fetch; now?: () => Date } = {}): SmsSender {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const url = new URL(settings.endpoint);
  return {
    async send(phone: string, message: SmsMessage) {
      const templateId = settings.templates[message.kind];
      if (!templateId) throw new SmsProviderError('no_template', false, `no template for ${message.kind}`);
      const body = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: settings.sdkAppId,
        SignName: settings.signName,
        TemplateId: templateId,
        TemplateParamSet: orderedParams(message),
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      const authorization = tc3Authorization({
        secretId: settings.secretId,
        secretKey: settings.secretKey,
        host: url.host,
        action: 'SendSms',
        body,
        timestamp,
      });
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            // fetch sends Host as url.host, the value signed above.
            authorization,
            'content-type': CONTENT_TYPE,
            'x-tc-action': 'SendSms',
            'x-tc-version': TENCENT_API_VERSION,
            'x-tc-timestamp': String(timestamp),
            'x-tc-region': settings.region,
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new SmsProviderError('network', true, e instanceof Error ? e.message : String(e));
      }
      const answer = (await res.json().catch(() => null)) as {
        Response?: { Error?: { Code: string; Message?: string }; SendStatusSet?: { Code: string; Message?: string }[] };
      } | null;
      const failure = answer?.Response?.Error ?? answer?.Response?.SendStatusSet?.[0];
      if (res.ok && failure?.Code === 'Ok') return;
      const code = failure?.Code ?? `http_${res.status}`;
      throw new SmsProviderError(code, res.status >= 500 || RETRYABLE.test(code), `${code}: ${failure?.Message ?? res.statusText}`);
    },
  };
}
