import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let resident: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  street = await p.login('street');
  resident = await p.login('13900000001');
});
afterAll(() => p.close());

// The smallest real files of each kind: the bytes a sniffer looks at.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a1e1d70000000049454e44ae426082',
  'hex',
);
const MP4 = Buffer.concat([
  Buffer.from('0000001866747970697336d000000200697336d6d703431', 'hex').subarray(0, 8),
  Buffer.from('isom0000isommp41'),
  Buffer.alloc(4000, 7),
]);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function upload(headers: Record<string, string>, data: Buffer, filename: string, contentType: string, purpose: string) {
  const body = multipart(data, { filename, contentType, fields: { purpose } });
  return p.request('POST', '/api/files', { headers: { ...headers, ...body.headers }, payload: body.payload });
}

describe('uploads', () => {
  it('stores a real file and serves it back to its uploader, not to others until attached', async () => {
    const res = await upload(district, PNG, '证书.png', 'image/png', 'image');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ filename: '证书.png', contentType: 'image/png', size: PNG.length, purpose: 'image' });
    const got = await p.request('GET', res.body.url, { headers: district });
    expect(got.status).toBe(200);
    expect(got.raw.equals(PNG)).toBe(true);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect((await p.request('GET', res.body.url, { headers: street })).status).toBe(404);
    expect((await p.request('GET', res.body.url)).status).toBe(404);
  });

  it('refuses a file whose bytes do not match its claimed type, and writes nothing', async () => {
    const before = await p.db.execute('select count(*)::int as n from files');
    const fake = await upload(district, Buffer.from('MZ\x90\x00 this is really an executable'), 'report.pdf', 'application/pdf', 'document');
    expect(fake.status).toBe(422);
    expect(fake.body.error.details.fields.file).toContain('不符');
    const renamed = await upload(district, PNG, 'video.mp4', 'video/mp4', 'video');
    expect(renamed.status).toBe(422);
    const disagreeing = await upload(district, PDF, 'photo.png', 'application/pdf', 'image');
    expect(disagreeing.status).toBe(422);
    const after = await p.db.execute('select count(*)::int as n from files');
    expect((after as any).rows[0].n).toBe((before as any).rows[0].n);
  });

  it('applies the purpose: residents cannot upload video, wrong types are refused, English errors', async () => {
    expect((await upload(resident, MP4, 'clip.mp4', 'video/mp4', 'video')).status).toBe(403);
    const wrong = await upload(district, PDF, 'a.pdf', 'application/pdf', 'image');
    expect(wrong.status).toBe(422);
    const en = await upload({ ...district, 'accept-language': 'en' }, PDF, 'a.pdf', 'application/pdf', 'nonsense');
    expect(en.status).toBe(422);
    expect(en.body.error.details.fields.purpose).toMatch(/one of/);
    expect((await upload({}, PNG, 'a.png', 'image/png', 'image')).status).toBe(401);
  });

  it('refuses a file over its purpose’s size limit', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const res = await upload(district, big, 'huge.png', 'image/png', 'image');
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('10 MB');
  });

  it('serves byte ranges so a phone can seek in a video', async () => {
    const res = await upload(district, MP4, 'lesson.mp4', 'application/octet-stream', 'video');
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('video/mp4');
    const part = await p.request('GET', res.body.url, { headers: { ...district, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${MP4.length}`);
    expect(part.raw.equals(MP4.subarray(100, 200))).toBe(true);
    const tail = await p.request('GET', res.body.url, { headers: { ...district, range: 'bytes=-10' } });
    expect(tail.raw.equals(MP4.subarray(MP4.length - 10))).toBe(true);
    const beyond = await p.request('GET', res.body.url, { headers: { ...district, range: `bytes=${MP4.length + 5}-` } });
    expect(beyond.status).toBe(416);
  });

  it('a module attaches a file once; attached staff files are readable by staff in scope', async () => {
    const res = await upload(district, PDF, '资质.pdf', 'application/pdf', 'document');
    const ctx = {
      actor: await p.services.auth.actorOf(((await p.db.execute(`select * from users where username = 'district'`)) as any).rows[0]),
      ip: null,
      locale: 'zh-CN' as const,
    };
    await p.db.transaction((tx) => p.services.files.claim(tx, ctx, res.body.id, { access: 'staff', regionCode: '330105' }));
    await expect(p.db.transaction((tx) => p.services.files.claim(tx, ctx, res.body.id, { access: 'staff', regionCode: '330105' }))).rejects.toThrow();
    expect((await p.request('GET', res.body.url, { headers: street })).status).toBe(200);
    expect((await p.request('GET', res.body.url, { headers: resident })).status).toBe(404);
  });
});

describe('jobs', () => {
  it('reports progress and the outcome to the starter only', async () => {
    const users = ((await p.db.execute(`select * from users where username in ('district', 'street') order by username`)) as any).rows;
    const ctx = { actor: await p.services.auth.actorOf(users[0]), ip: null, locale: 'en' as const };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { id } = await p.services.jobs.start(ctx, 'test', async (progress) => {
      progress(5, 10, 'checking');
      await gate;
      return { created: 10 };
    });
    await new Promise((r) => setImmediate(r));
    const running = await p.request('GET', `/api/jobs/${id}`, { headers: district });
    expect(running.body).toMatchObject({ status: 'running', done: 5, total: 10, phase: 'checking' });
    expect((await p.request('GET', `/api/jobs/${id}`, { headers: street })).status).toBe(404);
    release();
    await p.services.jobs.settled(id);
    const done = await p.request('GET', `/api/jobs/${id}`, { headers: district });
    expect(done.body).toMatchObject({ status: 'succeeded', result: { created: 10 } });
  });

  it('keeps a failed job’s translated error', async () => {
    const user = ((await p.db.execute(`select * from users where username = 'district'`)) as any).rows[0];
    const ctx = { actor: await p.services.auth.actorOf(user), ip: null, locale: 'en' as const };
    const { Invalid } = await import('../../src/server/kernel/errors');
    const { id } = await p.services.jobs.start(ctx, 'test', async () => {
      throw new Invalid('import.empty');
    });
    await p.services.jobs.settled(id);
    const res = await p.request('GET', `/api/jobs/${id}`, { headers: district });
    expect(res.body.status).toBe('failed');
    expect(res.body.error.code).toBe('import.empty');
    expect(res.body.error.message).not.toBe('import.empty');
  });
});
