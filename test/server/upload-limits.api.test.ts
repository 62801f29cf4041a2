// Uploads cannot fill the disk: per-person allowances, unattached uploads cleared after a day, a file the
// multipart reader cut short refused, and a body too big by its headers refused before it is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import multipartPlugin from '@fastify/multipart';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestPlatform, ORIGIN, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { createResidents } from '../support/residents';

const MB = 1024 * 1024;
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({
    uploadQuotas: { resident: { unattachedBytes: 3 * MB, totalBytes: 5 * MB }, staff: { unattachedBytes: 50 * MB, totalBytes: 100 * MB }, unattachedHours: 24 },
  });
});
afterAll(() => p.close());

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const png = (bytes: number) => Buffer.concat([PNG_HEAD, Buffer.alloc(bytes - PNG_HEAD.length, 1)]);

async function upload(headers: Record<string, string>, data: Buffer, purpose = 'evidence') {
  const body = multipart(data, { filename: 'photo.png', contentType: 'image/png', fields: { purpose } });
  return p.request('POST', '/api/files', { headers: { ...headers, ...body.headers }, payload: body.payload });
}
const count = async (where = 'true') => ((await p.db.execute(`select count(*)::int as n from files where ${where}`)) as any).rows[0].n as number;
const ctxOf = async (username: string) => ({
  actor: await p.services.auth.actorOf(((await p.db.execute(`select * from users where username = '${username}'`)) as any).rows[0]),
  ip: null,
  locale: 'zh-CN' as const,
});

describe('upload allowances', () => {
  it('refuses a resident past their unattached allowance, storing nothing; attaching frees room; the total holds', async () => {
    // A resident of its own: another test's uploads would count against the allowances. Sessions are signed in
    // here, by each test, because another test moves the clock on a day.
    const [{ headers: resident, phone }] = await createResidents(p, 1, { homeRegionCode: '330105012001' });
    const first = await upload(resident, png(MB));
    const second = await upload(resident, png(MB));
    expect([first.status, second.status]).toEqual([201, 201]);
    const before = await count();
    const third = await upload(resident, png(1.5 * MB));
    expect(third.status).toBe(413);
    expect(third.body.error.code).toBe('file.quota_unattached');
    expect(third.body.error.message).toContain('3 MB');
    expect(await count()).toBe(before);

    // Attached files no longer count against the unattached allowance, but do against the total.
    const ctx = await ctxOf(phone);
    await p.db.transaction(async (tx) => {
      await p.services.files.claim(tx, ctx, first.body.id, { access: 'private' });
      await p.services.files.claim(tx, ctx, second.body.id, { access: 'private' });
    });
    const third2 = await upload(resident, png(1.5 * MB));
    expect(third2.status).toBe(201);
    await p.db.transaction((tx) => p.services.files.claim(tx, ctx, third2.body.id, { access: 'private' }));
    // 3.5 MB attached, nothing unattached: 1.6 MB more passes the unattached allowance but not the total.
    const overTotal = await upload(resident, png(1.6 * MB));
    expect(overTotal.status).toBe(413);
    expect(overTotal.body.error.code).toBe('file.quota_total');
    const en = await upload({ ...resident, 'accept-language': 'en' }, png(1.6 * MB));
    expect(en.body.error.message).toContain('at most 5 MB');
    expect(await count()).toBe(before + 1);
  });

  it('clears uploads never attached after 24 hours, keeping attached and recent ones', async () => {
    let district = await p.login('district');
    const old = await upload(district, png(1000), 'image');
    const kept = await upload(district, png(1000), 'image');
    const ctx = await ctxOf('district');
    await p.db.transaction((tx) => p.services.files.claim(tx, ctx, kept.body.id, { access: 'staff', regionCode: '330105' }));
    p.clock.advance(25 * 3_600_000);
    district = await p.login('district'); // the session expired with the day
    const fresh = await upload(district, png(1000), 'image');
    await p.scheduler.tick();
    expect((await p.request('GET', old.body.url, { headers: district })).status).toBe(404);
    expect(await count(`id = '${old.body.id}'`)).toBe(0);
    expect((await p.request('GET', kept.body.url, { headers: district })).status).toBe(200);
    expect((await p.request('GET', fresh.body.url, { headers: district })).status).toBe(200);
  });
});

describe('cut and oversized bodies', () => {
  it('refuses a file the multipart reader cut at its limit instead of storing the cut part as valid', async () => {
    // The multipart reader ends a file at its size limit as though it were complete, only marking it
    // truncated; a small limit here makes that happen without sending hundreds of megabytes.
    const outer = Fastify();
    await outer.register(multipartPlugin);
    const ctx = await ctxOf('district');
    let outcome: unknown;
    outer.post('/cut', async (req) => {
      const part = await req.file({ limits: { fileSize: 4000 } });
      outcome = await p.services.files
        .upload(ctx, { purpose: 'image', filename: part!.filename, headerType: part!.mimetype, stream: part!.file })
        .catch((e) => e);
      return {};
    });
    const before = await count();
    const body = multipart(png(10_000), { filename: 'whole.png', contentType: 'image/png' });
    await outer.inject({ method: 'POST', url: '/cut', headers: body.headers, payload: body.payload });
    await outer.close();
    expect(outcome).toMatchObject({ code: 'file.too_large' });
    expect(await count()).toBe(before);
  });

  it('refuses a body whose Content-Length is already too big before reading it', async () => {
    const [district, resident] = [await p.login('district'), await p.login('13900000001')];
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = p.app.server.address() as AddressInfo;
    // Only the start of the body is ever sent: an answer can only come from the headers.
    const send = (headers: Record<string, string>, contentLength: number, query = '', path = '/api/files') =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const boundary = '----cut';
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: path + query,
            headers: {
              ...headers,
              origin: ORIGIN,
              host: 'localhost:80',
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(contentLength),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nvideo\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lesson.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
        );
        req.write(Buffer.alloc(64 * 1024));
      });
    const before = await count();
    const video = await send(district, 2 * 1024 * MB, '?purpose=video');
    expect(video.status, JSON.stringify(video.body)).toBe(413);
    expect(video.body.error.code).toBe('file.too_large');
    expect(video.body.error.message).toContain('500 MB');
    const anyPurpose = await send(district, 2 * 1024 * MB);
    expect(anyPurpose.status).toBe(413);
    const overAllowance = await send(resident, 4 * MB);
    expect(overAllowance.status).toBe(413);
    expect(overAllowance.body.error.code).toMatch(/^file\.quota_/);
    const importFile = await send(district, 2 * 1024 * MB, '', '/api/institutions/import');
    expect(importFile.status).toBe(413);
    expect(importFile.body.error.code).toBe('payload_too_large');
    expect(await count()).toBe(before);
  });
});
