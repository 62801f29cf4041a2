// Local stand-ins for the SMS providers, on 127.0.0.1: each checks a request the way the real service does
// (its own implementation of the documented signature, written apart from the senders' so a shared mistake
// cannot pass) and answers in the provider's format: success, rate-limited, template or sign refused.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeProviderOptions {
  keyId: string;
  secret: string;
  signName: string;
  /** Approved templates: id → the variables each requires. */
  templates: Record<string, string[]>;
  /** Tencent's application id. */
  sdkAppId?: string;
  /** The provider's clock, for its timestamp window. */
  now?: () => Date;
}

export interface FakeProvider {
  url: string;
  /** Messages accepted: phone, template, variables. */
  accepted: { phone: string; template: string; params: Record<string, string> | string[] }[];
  /** Every answer given, by code ('OK', 'isv.BUSINESS_LIMIT_CONTROL', 'AuthFailure.SignatureFailure'…). */
  answers: string[];
  /** The next `n` well-signed requests are refused by the provider's rate limit. */
  throttleNext(n: number): void;
  close(): Promise<void>;
}

/** Percent-encoding per RFC 3986 over UTF-8 bytes, as Alibaba Cloud's signature document specifies. */
function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; json: unknown }): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const { status, json } = handler(req, await bodyOf(req));
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closer = (server: Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));

/** Alibaba Cloud dysmsapi SendSms (RPC, signature version 1.0, HMAC-SHA1). */
export async function startFakeAliyun(o: FakeProviderOptions): Promise<FakeProvider> {
  const accepted: FakeProvider['accepted'] = [];
  const answers: string[] = [];
  const nonces = new Set<string>();
  let throttle = 0;
  const answer = (status: number, code: string, message: string, extra: object = {}) => {
    answers.push(code);
    return { status, json: { RequestId: randomUUID().toUpperCase(), Code: code, Message: message, ...extra } };
  };
  const { server, url } = await listen((req, body) => {
    // RPC parameters come in the query (GET) or the form body (POST); both are signed alike.
    const raw = req.method === 'POST' ? body : ((req.url ?? '').split('?')[1] ?? '');
    const params = Object.fromEntries(new URLSearchParams(raw));
    for (const name of ['AccessKeyId', 'Action', 'Format', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Signature', 'Timestamp', 'Version']) {
      if (!params[name]) return answer(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25')
      return answer(400, 'InvalidParameter', 'The specified parameter "Action or Version" is not valid.');
    if (params.AccessKeyId !== o.keyId) return answer(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0')
      return answer(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const at = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp) ? Date.parse(params.Timestamp) : NaN;
    if (Number.isNaN(at) || Math.abs(at - (o.now?.() ?? new Date()).getTime()) > 15 * 60_000)
      return answer(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const { Signature: signature, ...signed } = params;
    const canonical = Object.keys(signed)
      .sort()
      .map((k) => `${rfc3986(k)}=${rfc3986(signed[k])}`)
      .join('&');
    const stringToSign = `${req.method}&${rfc3986('/')}&${rfc3986(canonical)}`;
    const expected = createHmac('sha1', `${o.secret}&`).update(stringToSign).digest('base64');
    if (!sameText(expected, signature))
      return answer(403, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
    if (nonces.has(params.SignatureNonce)) return answer(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(params.SignatureNonce);
    if (!/^1[3-9]\d{9}$/.test(params.PhoneNumbers ?? '')) return answer(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (params.SignName !== o.signName) return answer(200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const required = o.templates[params.TemplateCode ?? ''];
    if (!required) return answer(200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let variables: Record<string, string>;
    try {
      variables = JSON.parse(params.TemplateParam ?? '{}');
    } catch {
      return answer(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (required.some((v) => typeof variables[v] !== 'string' || !variables[v]))
      return answer(200, 'isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    if (throttle > 0) {
      throttle--;
      return answer(200, 'isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    }
    accepted.push({ phone: params.PhoneNumbers, template: params.TemplateCode, params: variables });
    return answer(200, 'OK', 'OK', { BizId: `${Date.now()}^0` });
  });
  return {
    url,
    accepted,
    answers,
    throttleNext: (n) => {
      throttle = n;
    },
    close: closer(server),
  };
}

/** Tencent Cloud SMS SendSms (API 3.0, version 2021-01-11, TC3-HMAC-SHA256). */
export async function startFakeTencent(o: FakeProviderOptions): Promise<FakeProvider> {
  const accepted: FakeProvider['accepted'] = [];
  const answers: string[] = [];
  let throttle = 0;
  const requestId = () => randomUUID();
  // API 3.0 answers HTTP 200 whether or not the request was accepted.
  const error = (code: string, message: string) => {
    answers.push(code);
    return { status: 200, json: { Response: { Error: { Code: code, Message: message }, RequestId: requestId() } } };
  };
  const statusSet = (phone: string, code: string, message: string) => {
    answers.push(code);
    return {
      status: 200,
      json: {
        Response: {
          SendStatusSet: [
            {
              SerialNo: code === 'Ok' ? `2433:${Date.now()}` : '',
              PhoneNumber: phone,
              Fee: code === 'Ok' ? 1 : 0,
              SessionContext: '',
              Code: code,
              Message: message,
              IsoCode: 'CN',
            },
          ],
          RequestId: requestId(),
        },
      },
    };
  };
  const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const { server, url } = await listen((req, body) => {
    const header = (name: string) => String(req.headers[name] ?? '');
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      header('authorization'),
    );
    if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization header is invalid.');
    const [, secretId, date, service, signedHeaders, signature] = auth;
    if (secretId !== o.keyId) return error('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
    const timestamp = Number(header('x-tc-timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(timestamp * 1000 - (o.now?.() ?? new Date()).getTime()) > 5 * 60_000)
      return error('AuthFailure.SignatureExpire', 'Signature expired.');
    const names = signedHeaders.split(';');
    if (service !== 'sms' || date !== new Date(timestamp * 1000).toISOString().slice(0, 10) || !names.includes('content-type') || !names.includes('host')) {
      return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    }
    const canonicalHeaders = names.map((n) => `${n}:${header(n).trim().toLowerCase()}\n`).join('');
    const [path, query = ''] = (req.url ?? '/').split('?');
    const canonicalRequest = [req.method, path, query, canonicalHeaders, signedHeaders, createHash('sha256').update(body).digest('hex')].join('\n');
    const stringToSign = [
      'TC3-HMAC-SHA256',
      String(timestamp),
      `${date}/${service}/tc3_request`,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    const key = hmac(hmac(hmac(`TC3${o.secret}`, date), service), 'tc3_request');
    if (!sameText(createHmac('sha256', key).update(stringToSign).digest('hex'), signature)) {
      return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
    }
    if (header('x-tc-action') !== 'SendSms') return error('InvalidAction', 'The action is not found.');
    if (header('x-tc-version') !== '2021-01-11') return error('NoSuchVersion', 'The API version is not found.');
    if (!header('x-tc-region')) return error('MissingParameter', 'The Region parameter is required.');
    let input: { PhoneNumberSet?: string[]; SmsSdkAppId?: string; SignName?: string; TemplateId?: string; TemplateParamSet?: string[] };
    try {
      input = JSON.parse(body);
    } catch {
      return error('FailedOperation.JsonParseFail', 'Failed to parse the request body.');
    }
    if (input.SmsSdkAppId !== o.sdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist.');
    if (input.SignName !== o.signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', 'signature format is wrong or signature is not approved');
    const required = o.templates[input.TemplateId ?? ''];
    if (!required)
      return error('FailedOperation.TemplateIncorrectOrUnapproved', 'template is not approved or request content does not match the approved template content');
    const params = input.TemplateParamSet ?? [];
    if (params.length !== required.length)
      return error('FailedOperation.TemplateIncorrectOrUnapproved', 'request content does not match the approved template content');
    const phone = input.PhoneNumberSet?.[0] ?? '';
    if (!/^\+861[3-9]\d{9}$/.test(phone)) return statusSet(phone, 'InvalidParameterValue.IncorrectPhoneNumber', 'incorrect phone number');
    if (throttle > 0) {
      throttle--;
      return statusSet(
        phone,
        'LimitExceeded.PhoneNumberThirtySecondLimit',
        'the number of SMS messages sent from a single mobile number within 30 seconds exceeds the upper limit',
      );
    }
    accepted.push({ phone: phone.slice(3), template: input.TemplateId!, params });
    return statusSet(phone, 'Ok', 'send success');
  });
  return {
    url,
    accepted,
    answers,
    throttleNext: (n) => {
      throttle = n;
    },
    close: closer(server),
  };
}

/** An in-house gateway: checks X-Learncity-Signature, then answers as told (2xx, 503 once, 422). */
export async function startFakeGateway(o: { secret: string }) {
  const accepted: { phone: string; kind: string; params: Record<string, string>; text: string }[] = [];
  const answers: number[] = [];
  let failNext = 0;
  const rejectKinds = new Set<string>();
  const { server, url } = await listen((req, body) => {
    const reply = (status: number, json: unknown) => {
      answers.push(status);
      return { status, json };
    };
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-learncity-signature'] ?? ''));
    const expected = m ? createHmac('sha256', o.secret).update(`${m[1]}.${body}`).digest('hex') : '';
    if (!m || !sameText(expected, m[2])) return reply(401, { error: { code: 'bad_signature' } });
    if (failNext > 0) {
      failNext--;
      return reply(503, { error: { code: 'busy' } });
    }
    const message = JSON.parse(body);
    if (rejectKinds.has(message.kind)) return reply(422, { error: { code: 'template_unknown', message: `no template for ${message.kind}` } });
    accepted.push({ phone: message.phone, kind: message.kind, params: message.params, text: message.text });
    return reply(202, { id: message.id });
  });
  return {
    url,
    accepted,
    answers,
    failNext: (n: number) => {
      failNext = n;
    },
    reject: (kind: string) => rejectKinds.add(kind),
    close: closer(server),
  };
}
