// Alibaba Cloud SMS (dysmsapi, API version 2017-05-25), action SendSms, RPC style with signature version 1.0
// (HMAC-SHA1), as documented in "Signature mechanism" for RPC APIs
// (help.aliyun.com/document_detail/69009.html, in English help.aliyun.com/en/document_detail/130769.html):
//   1. every parameter but Signature, sorted by name; names and values percent-encoded (RFC 3986: A–Z a–z 0–9
//      - _ . ~ kept, everything else %XY of its UTF-8 bytes, space as %20), joined name=value with &;
//   2. StringToSign = HTTPMethod & percentEncode("/") & percentEncode(canonicalized query);
//   3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
// The request is a form POST (RPC APIs take their parameters in the query or in the body), so phone numbers
// stay out of URLs that proxies log. SendSms (help.aliyun.com/document_detail/55284.html) answers
// {"Code":"OK","Message":"OK","BizId":…,
// "RequestId":…}; a refusal has another Code, with HTTP 200 for business errors (isv.*) and 4xx/5xx for
// gateway errors (SignatureDoesNotMatch, Throttling…). Error codes: help.aliyun.com/document_detail/101346.html.
import { createHmac, randomUUID } from 'node:crypto';
import { SmsProviderError, type SmsKind, type SmsMessage, type SmsSender } from './sms.kinds';

export const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com';
export const ALIYUN_API_VERSION = '2017-05-25';

export interface AliyunSettings {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  regionId: string;
  endpoint: string;
  templates: Partial<Record<SmsKind, string>>;
}

/** RFC 3986 percent-encoding as the signature document specifies (encodeURIComponent leaves !'()* alone). */
export const percentEncode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function canonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

export function rpcSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

// Retrying helps with the gateway's throttling, its server errors and the per-number flow control
// (isv.BUSINESS_LIMIT_CONTROL: one code a minute per number by default); not with templates, signs or keys.
const RETRYABLE = new Set([
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'ServiceUnavailable',
  'InternalError',
  'isp.SYSTEM_ERROR',
  'isv.BUSINESS_LIMIT_CONTROL',
]);

export function createAliyunSender(settings: AliyunSettings, deps: { fetch?: typeof fetch; now?: () => Date } = {}): SmsSender {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  return {
    async send(phone: string, message: SmsMessage) {
      const templateCode = settings.templates[message.kind];
      if (!templateCode) throw new SmsProviderError('no_template', false, `no template for ${message.kind}`);
      const params: Record<string, string> = {
        AccessKeyId: settings.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: phone,
        RegionId: settings.regionId,
        SignName: settings.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(message.params),
        Timestamp: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
        Version: ALIYUN_API_VERSION,
      };
      const body = `${canonicalizedQuery(params)}&Signature=${percentEncode(rpcSignature('POST', params, settings.accessKeySecret))}`;
      let res: Response;
      try {
        res = await doFetch(`${settings.endpoint.replace(/\/$/, '')}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new SmsProviderError('network', true, e instanceof Error ? e.message : String(e));
      }
      const answer = (await res.json().catch(() => null)) as { Code?: string; Message?: string } | null;
      if (res.ok && answer?.Code === 'OK') return;
      const code = answer?.Code ?? `http_${res.status}`;
      throw new SmsProviderError(code, res.status >= 500 || RETRYABLE.has(code), `${code}: ${answer?.Message ?? res.statusText}`);
    },
  };
}
