// Signed statements (xAPI 1.0.3 §2.6): the signature attachment is a JWS in compact form whose payload
// is the statement as signed; we check its structure, algorithm, payload and (given an x5c chain) the signature.
import { createVerify, X509Certificate } from 'node:crypto';
import { XapiInvalid, type Obj, type Json, type XapiVersion } from './xapi.validate';

const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

export function verifySignedStatement(statement: Obj, jws: string, version: XapiVersion = '1.0.3') {
  const segments = jws.trim().split('.');
  if (segments.length !== 3) throw new XapiInvalid('signature: not a JWS in compact serialization');
  let header: Obj;
  let payload: Obj;
  try {
    header = JSON.parse(Buffer.from(segments[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(segments[1], 'base64url').toString('utf8'));
  } catch {
    throw new XapiInvalid('signature: the JWS header or payload is not JSON');
  }
  const algorithm = ALGORITHMS[header.alg as string];
  if (!algorithm) throw new XapiInvalid('signature: the JWS algorithm must be RS256, RS384 or RS512');
  if (!sameStatement(payload, statement, version)) throw new XapiInvalid('signature: the signed payload does not match the statement');
  if (Array.isArray(header.x5c) && typeof header.x5c[0] === 'string') {
    let key;
    try {
      key = new X509Certificate(Buffer.from(header.x5c[0], 'base64')).publicKey;
    } catch {
      throw new XapiInvalid('signature: the x5c certificate cannot be read');
    }
    const ok = createVerify(algorithm).update(`${segments[0]}.${segments[1]}`).verify(key, Buffer.from(segments[2], 'base64url'));
    if (!ok) throw new XapiInvalid('signature: the JWS signature does not verify');
  }
}

/**
 * Statement equality as the spec defines it for signatures: ignoring what the LRS adds or the signer could
 * not know. In xAPI 2.0 durations are equal when they agree to 0.01 s (an LRS may keep only that much).
 */
export function sameStatement(a: Obj, b: Obj, version: XapiVersion = '1.0.3'): boolean {
  const strip = (s: Obj) => {
    const { authority: _a, stored: _s, version: _v, attachments: _at, id, ...rest } = s;
    const out = { ...rest, ...(id !== undefined ? { id } : {}) } as Obj;
    return version === '2.0.0' ? withTruncatedDurations(out) : out;
  };
  const pa = strip(a);
  const pb = strip(b);
  if (pa.id === undefined || pb.id === undefined) {
    delete pa.id;
    delete pb.id;
  }
  return canonicalJson(pa) === canonicalJson(pb);
}

export function canonicalJson(v: Json | undefined): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x)).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
    .join(',')}}`;
}

/** A duration with its seconds cut to hundredths and trailing zeros dropped: "PT1.2399S" and "PT1.23S" read alike. */
export function truncateDuration(duration: string): string {
  return duration.replace(/(\d+)(?:\.(\d*))?S$/, (_m, whole: string, fraction = '') => {
    const kept = fraction.slice(0, 2).replace(/0+$/, '');
    return `${whole}${kept ? `.${kept}` : ''}S`;
  });
}

function withTruncatedDurations(s: Obj): Obj {
  const out: Obj = { ...s };
  const result = out.result as Obj | undefined;
  if (result && typeof result === 'object' && typeof result.duration === 'string') out.result = { ...result, duration: truncateDuration(result.duration) };
  const object = out.object as Obj | undefined;
  if (object && typeof object === 'object' && object.objectType === 'SubStatement') out.object = withTruncatedDurations(object);
  return out;
}
