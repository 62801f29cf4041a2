// Webhooks: the outbox is written with the event, a worker delivers it signed to a real receiver on
// 127.0.0.1 that fails twice before it succeeds, with back-off on the test clock, and every attempt is logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let admin: Record<string, string>;
let residentId: string;
type Creds = { id: string; key: string; secret: string };
const VERSION = { 'x-experience-api-version': '1.0.3' };
const basic = (c: { key: string; secret: string }) => ({ authorization: 'Basic ' + Buffer.from(`${c.key}:${c.secret}`).toString('base64') });

/** A partner's endpoint: checks every signature, answers 500 to the first two attempts of each delivery, then 200. */
function receiver() {
  const secrets: string[] = [];
  const received: { delivery: string; event: string; body: any; verified: boolean; answered: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-learncity-signature']));
      const verified = !!m && secrets.some((s) => timingSafeEqual(Buffer.from(m[2], 'hex'), createHmac('sha256', s).update(`${m[1]}.${body}`).digest()));
      const delivery = String(req.headers['x-learncity-delivery']);
      const answered = !verified ? 401 : received.filter((r) => r.delivery === delivery).length < 2 ? 500 : 200;
      received.push({ delivery, event: String(req.headers['x-learncity-event']), body: JSON.parse(body), verified, answered });
      res.writeHead(answered).end();
    });
  });
  return {
    secrets,
    received,
    start: () =>
      new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rx = receiver();
let url: string;
let partner: Creds;
let limited: Creds;

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login('admin');
  const resident = await p.login('13900000001');
  residentId = (await p.request('GET', '/api/residents/me', { headers: resident })).body.id;
  partner = (await p.request('POST', '/api/partners', { headers: admin, body: { name: '城市学习网', scopes: ['all'], regionCode: null } })).body;
  limited = (await p.request('POST', '/api/partners', { headers: admin, body: { name: '米市巷平台', scopes: ['all'], regionCode: '330105001' } })).body;
  url = await rx.start();
});
afterAll(async () => {
  await rx.stop();
  await p.close();
});

const completion = () => ({
  id: randomUUID(),
  actor: { account: { homePage: 'http://localhost', name: residentId } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: 'https://mooc.example.org/courses/tea', definition: { name: { 'zh-CN': '茶艺入门' } } },
  result: { duration: 'PT2H' },
});
const deliveries = async (c: Creds, status?: string) =>
  (await p.request('GET', `/api/partners/${c.id}/webhook-deliveries${status ? `?status=${status}` : ''}`, { headers: admin })).body;

describe('webhooks', () => {
  it('subscribes in the console with a checked URL, showing the secret once', async () => {
    const bad = await p.request('POST', `/api/partners/${partner.id}/webhooks`, { headers: admin, body: { url: 'ftp://example.org', eventTypes: [] } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['eventTypes', 'url']);
    const res = await p.request('POST', `/api/partners/${partner.id}/webhooks`, {
      headers: admin,
      body: { url, eventTypes: ['statement.stored', 'learning.recorded'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    rx.secrets.push(res.body.secret);
    const list = await p.request('GET', `/api/partners/${partner.id}/webhooks`, { headers: admin });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].secret).toBeUndefined();
    const limitedHook = await p.request('POST', `/api/partners/${limited.id}/webhooks`, {
      headers: admin,
      body: { url, eventTypes: ['statement.stored', 'learning.recorded'] },
    });
    rx.secrets.push(limitedHook.body.secret);
    expect((await p.request('GET', '/api/audit-log?action=webhook.create', { headers: admin })).body.total).toBe(2);
  });

  it('writes the outbox with the statement and sends nothing on the request path', async () => {
    const res = await p.request('POST', '/xapi/statements', { headers: { ...VERSION, ...basic(partner) }, body: completion() });
    expect(res.status).toBe(200);
    expect(rx.received).toHaveLength(0);
    const pending = await deliveries(partner, 'pending');
    expect(pending.items.map((d: { eventType: string }) => d.eventType).sort()).toEqual(['learning.recorded', 'statement.stored']);
    // The partner limited to another street hears nothing about a resident of 天水街道.
    expect((await deliveries(limited)).total).toBe(0);
  });

  it('delivers signed, retries with exponential back-off, and logs every attempt', async () => {
    expect(await p.services.webhooks.deliverDue()).toEqual({ sent: 2, succeeded: 0 });
    expect(await p.services.webhooks.deliverDue()).toEqual({ sent: 0, succeeded: 0 });
    p.clock.advance(30_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ sent: 2, succeeded: 0 });
    p.clock.advance(30_000);
    expect((await p.services.webhooks.deliverDue()).sent).toBe(0);
    p.clock.advance(30_000);
    // Two processes' workers at once: each delivery goes out once.
    const [a, b] = await Promise.all([p.services.webhooks.deliverDue(), p.services.webhooks.deliverDue()]);
    expect(a.sent + b.sent).toBe(2);
    expect(a.succeeded + b.succeeded).toBe(2);
    expect(rx.received).toHaveLength(6);
    expect(rx.received.every((r) => r.verified)).toBe(true);
    expect(rx.received.find((r) => r.event === 'learning.recorded')!.body.data).toMatchObject({
      residentId,
      title: '茶艺入门',
      hours: 2,
      outcome: 'completed',
      sourceType: 'partner',
    });
    const done = await deliveries(partner);
    expect(done.items.every((d: { status: string }) => d.status === 'succeeded')).toBe(true);
    expect(done.items[0].log.map((l: { statusCode: number }) => l.statusCode)).toEqual([500, 500, 200]);
    expect(done.items[0].log.every((l: { latencyMs: number }) => typeof l.latencyMs === 'number')).toBe(true);
    expect(done.items[0].log[0].error).toBe('HTTP 500');
  });

  it('redelivers on request, from the console and through the partner’s own API', async () => {
    const [first] = (await deliveries(partner)).items;
    const res = await p.request('POST', `/api/partners/${partner.id}/webhook-deliveries/${first.id}/redelivery`, { headers: admin });
    expect(res.status).toBe(202);
    expect(await p.services.webhooks.deliverDue()).toEqual({ sent: 1, succeeded: 1 });
    expect(rx.received.at(-1)!.delivery).toBe(first.id);
    const own = await p.request('GET', '/api/partner/webhook-deliveries', { headers: basic(partner) });
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(2);
    expect((await p.request('POST', `/api/partner/webhook-deliveries/${first.id}/redelivery`, { headers: basic(partner) })).status).toBe(202);
    expect((await p.request('POST', `/api/partner/webhook-deliveries/${first.id}/redelivery`, { headers: basic(limited) })).status).toBe(404);
    expect((await p.request('GET', '/api/partner/webhooks', { headers: basic({ key: partner.key, secret: 'wrong' }) })).status).toBe(401);
  });

  it('lets a partner subscribe with its own credentials, and gives up after the last attempt', async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise((resolve) => closed.close(resolve));
    const res = await p.request('POST', '/api/partner/webhooks', {
      headers: basic(partner),
      body: { url: `http://127.0.0.1:${port}/unreachable`, eventTypes: ['statement.stored'] },
    });
    expect(res.status).toBe(201);
    const hooks = (await p.request('GET', '/api/partner/webhooks', { headers: basic(partner) })).body.items;
    expect(hooks).toHaveLength(2);
    await p.services.webhooks.deliverDue();
    await p.request('POST', '/xapi/statements', { headers: { ...VERSION, ...basic(partner) }, body: completion() });
    for (let i = 0; i < 8; i++) {
      await p.services.webhooks.deliverDue();
      p.clock.advance(3600_000);
    }
    const failed = await deliveries(partner, 'failed');
    expect(failed.total).toBe(1);
    expect(failed.items[0].attempts).toBe(6);
    expect(failed.items[0].log).toHaveLength(6);
    expect(failed.items[0].log[0].statusCode).toBeNull();
    expect(failed.items[0].log[0].error).toMatch(/ECONNREFUSED/);
    expect((await p.request('DELETE', `/api/partner/webhooks/${res.body.id}`, { headers: basic(partner) })).status).toBe(204);
  });
});
