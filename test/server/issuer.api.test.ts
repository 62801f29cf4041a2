// Certificates are issued by the district body configured at installation, with its seal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const SEAL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({
    issuerBody: {
      nameZh: '杭州市拱墅区社区教育指导中心',
      nameEn: 'Gongshu District Community Education Centre',
      seal: { contentType: 'image/png', base64: SEAL.toString('base64') },
    },
  });
}, 120_000);
afterAll(() => p.close());

it('names the configured body and carries its seal on what it signs', async () => {
  const info = await p.request('GET', '/api/credentials/issuer');
  expect(info.body).toMatchObject({ name: { 'zh-CN': '杭州市拱墅区社区教育指导中心', en: 'Gongshu District Community Education Centre' }, hasSeal: true });
  const seal = await p.request('GET', '/api/credentials/issuer/seal');
  expect(seal.status).toBe(200);
  expect(seal.headers['content-type']).toBe('image/png');
  expect(Buffer.compare(seal.raw, SEAL)).toBe(0);

  const credit = await p.login('credit');
  const resident = (await p.request('GET', '/api/residents?q=13900000001', { headers: credit })).body.items[0];
  // A transcript needs a learning record: the officer records one.
  const rec = await p.request('POST', '/api/learning-records', {
    headers: credit,
    body: {
      residentId: resident.id,
      title: '书法入门',
      occurredOn: '2026-10-01',
      hours: 8,
      categoryCode: 'SHUHUA',
      outcome: 'completed',
      provider: '天水街道社区学校',
    },
  });
  expect(rec.status, JSON.stringify(rec.body)).toBe(201);
  const issued = await p.request('POST', '/api/credentials', { headers: credit, body: { kind: 'transcript', residentId: resident.id } });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const doc = (await p.request('GET', `/api/credentials/${issued.body.id}`, { headers: credit })).body.credential;
  expect(doc.issuer.name).toEqual([
    { '@value': '杭州市拱墅区社区教育指导中心', '@language': 'zh-CN' },
    { '@value': 'Gongshu District Community Education Centre', '@language': 'en' },
  ]);
  expect(doc.issuer.image.id).toMatch(/\/api\/credentials\/issuer\/seal$/);
  // The certificate's words are Chinese only: no English sentence spliced in.
  const text = [
    doc.name,
    doc.credentialSubject.achievement.name,
    doc.credentialSubject.achievement.description,
    doc.credentialSubject.achievement.criteria.narrative,
  ].join('\n');
  expect(text).not.toMatch(/[A-Za-z]{3,}/);
});
