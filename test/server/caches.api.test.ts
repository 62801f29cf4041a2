// What each process caches (issue 20) never shows anyone a stale answer that matters: the public answers carry
// an ETag and Cache-Control and match their contracts; a staff write, a class filling up and a logout show at
// once; and on PostgreSQL a second platform process on the same database learns of each from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents } from '../support/residents';
import { catalogItem, catalogPage } from '../../src/contracts/offerings';
import { openDatabase } from '../../src/server/db/client';
import { createPlatform } from '../../src/server/platform';
import { createAccountsRepository, createAuthService, hashPassword } from '../../src/server/modules/accounts/index';
import { DEMO_PASSWORD } from '../support/platform';
import { createSessionSealer } from '../../src/server/modules/accounts/session-token';
import { createAuditWriter } from '../../src/server/kernel/audit';

let p: TestPlatform;
let admin: Record<string, string>;
let offeringId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login('admin');
  offeringId = (await p.request('GET', '/api/catalog/offerings')).body.items[0].id;
});
afterAll(async () => p?.close());

/** Polls (a bounded number of times) until `check` holds: another process learns of a change after its commit. */
async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('public answers', () => {
  it('carry an ETag (304 when unchanged), Cache-Control, gzip on request, and match their contracts', async () => {
    const list = await p.request('GET', '/api/catalog/offerings');
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toBe('public, max-age=1, stale-while-revalidate=1');
    expect(() => catalogPage.parse(list.body)).not.toThrow();
    const again = await p.request('GET', '/api/catalog/offerings', { headers: { 'if-none-match': String(list.headers.etag) } });
    expect(again.status).toBe(304);
    const zipped = await p.app.inject({ method: 'GET', url: '/api/catalog/offerings', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(list.body);

    const item = await p.request('GET', `/api/catalog/offerings/${offeringId}`);
    expect(() => catalogItem.parse(item.body)).not.toThrow();
    const signedIn = await p.request('GET', `/api/catalog/offerings/${offeringId}`, { headers: await p.login('13900000001') });
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    expect(signedIn.body.nearness).toBeLessThan(3);

    const doc = (await p.request('GET', '/openapi.json')).body;
    expect(doc.paths['/api/catalog/offerings'].get.responses['200'].content['application/json'].schema.properties.items).toBeTruthy();
    expect(doc.paths['/api/catalog/offerings/{id}'].get.responses['200'].content['application/json'].schema.properties.seatsLeft).toBeTruthy();
  });

  it('show a staff member their own change at once', async () => {
    expect((await p.request('GET', `/api/catalog/offerings/${offeringId}`)).body.title).not.toBe('改名后的课程');
    const renamed = await p.request('PATCH', `/api/offerings/${offeringId}`, { headers: admin, body: { title: '改名后的课程' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await p.request('GET', `/api/catalog/offerings/${offeringId}`)).body.title).toBe('改名后的课程');
    expect((await p.request('GET', '/api/catalog/offerings?pageSize=50')).body.items.find((o: { id: string }) => o.id === offeringId).title).toBe(
      '改名后的课程',
    );
  });

  it('show a class full as soon as its last seat goes, and refuse the next person without a seat', async () => {
    const created = await p.request('POST', '/api/offerings', {
      headers: admin,
      body: {
        kind: 'event',
        eventType: 'lecture',
        title: '一座讲座',
        categoryCode: (await p.request('GET', '/api/course-categories')).body.items[0].code,
        mode: 'online',
        regionCode: '330105012001',
        capacity: 1,
        enrolmentMode: 'first_come',
        sessions: [{ date: '2026-12-20', startTime: '09:00', endTime: '10:00' }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await p.request('POST', `/api/offerings/${created.body.id}/publish`, { headers: admin })).status).toBe(200);
    expect((await p.request('GET', `/api/catalog/offerings/${created.body.id}`)).body.seatsLeft).toBe(1);
    const [a, b] = await createResidents(p, 2, { homeRegionCode: '330105012001' });
    expect((await p.request('POST', `/api/offerings/${created.body.id}/enrolments`, { headers: a.headers, body: {} })).status).toBe(201);
    await eventually(
      async () => (await p.request('GET', `/api/catalog/offerings/${created.body.id}`)).body.seatsLeft === 0,
      'the catalogue shows the class full',
    );
    const refused = await p.request('POST', `/api/offerings/${created.body.id}/enrolments`, { headers: b.headers, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('enrolment.full');
  });
});

describe('sessions', () => {
  it('end at logout and when an administrator disables the account, though resolved sessions are cached', async () => {
    const resident = await p.login('13900000001');
    expect((await p.request('GET', '/api/auth/me', { headers: resident })).status).toBe(200);
    expect((await p.request('POST', '/api/auth/logout', { headers: resident })).status).toBeLessThan(300);
    expect((await p.request('GET', '/api/auth/me', { headers: resident })).status).toBe(401);

    const street = await p.login('street');
    expect((await p.request('GET', '/api/auth/me', { headers: street })).status).toBe(200);
    const id = (await p.request('GET', '/api/auth/me', { headers: street })).body.id;
    const disabled = await p.request('PATCH', `/api/staff-accounts/${id}`, { headers: admin, body: { status: 'disabled' } });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect((await p.request('GET', '/api/auth/me', { headers: street })).status).toBe(401);
    // A change made by SQL alone (no service told) is seen too: the database notifies.
    const school = await p.login('school');
    expect((await p.request('GET', '/api/auth/me', { headers: school })).status).toBe(200);
    await p.db.execute(sql`delete from sessions where user_id = (select id from users where username = 'school')`);
    await eventually(async () => (await p.request('GET', '/api/auth/me', { headers: school })).status === 401, 'the deleted session is refused');
  });
});

describe('sealed resident sessions', () => {
  /** A process started now on the same database and data key (on PGlite: its session resolution only). */
  async function freshAuth() {
    const auth = createAuthService({
      db: p.db,
      repo: createAccountsRepository(p.db),
      clock: p.clock,
      audit: createAuditWriter(p.clock),
      rateLimit: async () => {},
      sms: { send: async () => {}, assertBudget: async () => {}, sendAll: async (messages) => messages.map(() => 'sent' as const) },
      sessionHours: 12,
      dataKey: p.dataKey,
    });
    await auth.startHearing();
    return auth;
  }
  const tokenOf = (headers: Record<string, string>) => headers.cookie.slice('lc_session='.length);
  /** A new resident signed in with a password (the sealed cookie comes from a real sign-in). */
  async function signedInResident() {
    const [r] = await createResidents(p, 1, { homeRegionCode: '330105012001', namePrefix: '封存' });
    await p.db.execute(sql`update users set password_hash = ${await hashPassword(DEMO_PASSWORD)} where id = ${r.id}`);
    await p.db.execute(sql`delete from session_changes where user_id = ${r.id}`); // only what the test does counts
    return { ...r, login: () => p.login(r.phone) };
  }

  it("carry the resident, open only with this installation's key, and cannot be altered", async () => {
    const resident = await p.login('13900000001');
    expect(tokenOf(resident)).toMatch(/^s1\./);
    const me = await p.request('GET', '/api/auth/me', { headers: resident });
    expect(me.status).toBe(200);
    expect((await (await freshAuth()).resolveSession(tokenOf(resident)))?.actor.userId).toBe(me.body.id);
    // One character changed anywhere in the sealed part: refused.
    const token = tokenOf(resident);
    for (const at of [4, Math.floor(token.length / 2), token.length - 2]) {
      const altered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      expect((await p.request('GET', '/api/auth/me', { headers: { cookie: `lc_session=${altered}` } })).status).toBe(401);
    }
    // Staff sessions are never sealed.
    expect(tokenOf(await p.login('school'))).not.toMatch(/^s1\./);
  });

  it('end for good at logout, password change or a session deleted by SQL, also in a process started afterwards', async () => {
    // Logout.
    const loggedOut = await (await signedInResident()).login();
    expect((await p.request('POST', '/api/auth/logout', { headers: loggedOut })).status).toBeLessThan(300);
    expect((await p.request('GET', '/api/auth/me', { headers: loggedOut })).status).toBe(401);
    expect(await (await freshAuth()).resolveSession(tokenOf(loggedOut))).toBeNull();
    // A password changed on one device ends the sessions of the others.
    const owner = await signedInResident();
    const phone = await owner.login();
    const laptop = await owner.login();
    const changed = await p.request('POST', '/api/auth/password', {
      headers: laptop,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Another#2026pass' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBeLessThan(300);
    expect((await p.request('GET', '/api/auth/me', { headers: phone })).status).toBe(401);
    expect(await (await freshAuth()).resolveSession(tokenOf(phone))).toBeNull();
    expect((await p.request('GET', '/api/auth/me', { headers: laptop })).status).toBe(200);
    // A session ended by SQL alone (no service told).
    const byAdmin = await signedInResident();
    const bySql = await byAdmin.login();
    await p.db.execute(sql`delete from sessions where user_id = ${byAdmin.id}`);
    await eventually(async () => (await p.request('GET', '/api/auth/me', { headers: bySql })).status === 401, 'the deleted session is refused');
    expect(await (await freshAuth()).resolveSession(tokenOf(bySql))).toBeNull();
  });

  it('show the resident their own change of name or language at once, here and in a process started afterwards', async () => {
    const resident = await (await signedInResident()).login();
    expect((await p.request('PATCH', '/api/auth/me', { headers: resident, body: { locale: 'en' } })).body.locale).toBe('en');
    expect((await p.request('GET', '/api/auth/me', { headers: resident })).body.locale).toBe('en');
    const renamed = await p.request('PATCH', '/api/residents/me', { headers: resident, body: { realName: '改过名' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await p.request('GET', '/api/auth/me', { headers: resident })).body.displayName).toBe('改过名');
    const later = await (await freshAuth()).resolveSession(tokenOf(resident));
    expect([later?.actor.displayName, later?.locale]).toEqual(['改过名', 'en']);
  });

  it('are checked against the database while changes cannot be heard', async () => {
    // Sealed with this installation's key, but with no session row behind it (and no change recorded).
    const [someone] = await createResidents(p, 1, { homeRegionCode: '330105012001', namePrefix: '无行' });
    const now = p.clock.now().getTime();
    const token = createSessionSealer(p.dataKey).seal({
      userId: someone.id,
      username: someone.phone,
      displayName: someone.name,
      homeRegionCode: '330105012001',
      locale: 'zh-CN',
      sealedAt: now,
      expiresAt: now + 3600_000,
    });
    const hearing = await freshAuth();
    expect((await hearing.resolveSession(token))?.actor.userId).toBe(someone.id);
    hearing.sessionFeedReset(false); // the listening connection dropped
    expect(await hearing.resolveSession(token)).toBeNull();
    hearing.sessionFeedReset(true); // back, and what it missed is read again
    await eventually(async () => (await hearing.resolveSession(token)) !== null, 'trusted again once heard');
    // Past its expiry it is refused whatever the feed says.
    p.clock.advance(3600_000 + 1);
    try {
      expect(await hearing.resolveSession(token)).toBeNull();
    } finally {
      p.clock.advance(-3600_000 - 1);
    }
  });
});

describe("a resident's own pages", () => {
  const unread = async (headers: Record<string, string>, q = p) => await q.request('GET', '/api/notifications/unread-count', { headers });
  const message = (userId: string) =>
    p.db.execute(sql`insert into notifications (id, user_id, kind, title, body, created_at)
    values (gen_random_uuid(), ${userId}, 'notice', '测试', '测试', now())`);

  it("are kept per resident, yet show their own writes and anyone else's (even by SQL) at once", async () => {
    const [a, b] = await createResidents(p, 2, { homeRegionCode: '330105012001', namePrefix: '私人' });
    const first = await unread(a.headers);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store'); // personal data stays out of every other cache
    const before = first.body.unread as number;
    // Someone else's write (here plain SQL, as a scheduled task or another process would): seen at once.
    await message(a.id);
    await eventually(async () => (await unread(a.headers)).body.unread === before + 1, 'the new message counted');
    // Their own write: seen in the very next answer.
    expect((await p.request('POST', '/api/notifications/read-all', { headers: a.headers })).status).toBeLessThan(300);
    expect((await unread(a.headers)).body.unread).toBe(0);
    // Another resident's answer is their own.
    const bBefore = (await unread(b.headers)).body.unread as number;
    await message(b.id);
    await eventually(async () => (await unread(b.headers)).body.unread === bBefore + 1, "b's new message counted");
    expect((await unread(a.headers)).body.unread).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL)('two processes on one PostgreSQL database', () => {
  it("each learns of the other's writes from the database", async () => {
    const database = await openDatabase({ url: p.databaseUrl! });
    const filesDir = mkdtempSync(join(tmpdir(), 'learncity-files-'));
    const other = await createPlatform({
      database,
      dataKey: randomBytes(32),
      filesDir,
      clock: p.clock,
      logLevel: 'silent',
      webRoot: '/nonexistent',
      issuerKey: { file: join(filesDir, 'issuer-key.json') },
    });
    try {
      const get = async (path: string, headers: Record<string, string> = {}) => {
        const res = await other.app.inject({ method: 'GET', url: path, headers });
        return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
      };
      // The other process caches the offering's page and the resident's session …
      const cookie = (await p.login('13900000001')).cookie;
      expect((await get(`/api/catalog/offerings/${offeringId}`)).status).toBe(200);
      expect((await get('/api/auth/me', { cookie })).status).toBe(200);
      // … this one renames the offering and logs the resident out …
      expect((await p.request('PATCH', `/api/offerings/${offeringId}`, { headers: admin, body: { title: '另一个进程改的名' } })).status).toBe(200);
      expect((await p.request('POST', '/api/auth/logout', { headers: { cookie } })).status).toBeLessThan(300);
      // … and the other process shows both.
      await eventually(async () => (await get(`/api/catalog/offerings/${offeringId}`)).body.title === '另一个进程改的名', 'the new title in the other process');
      await eventually(async () => (await get('/api/auth/me', { cookie })).status === 401, 'the logout in the other process');
    } finally {
      await other.app.close();
      await database.close();
    }
  });
});
