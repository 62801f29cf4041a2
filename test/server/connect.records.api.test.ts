// Records that count: partners' completions for linked residents land in their learning archive once, and the
// platform's own events become statements with the platform as authority.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let resident: Record<string, string>;
let residentId: string;
type Creds = { id: string; key: string; secret: string; name: string };
let partner: Creds;
let reader: Creds;
const VERSION = { 'x-experience-api-version': '1.0.3' };
const basic = (c: { key: string; secret: string }) => ({ authorization: 'Basic ' + Buffer.from(`${c.key}:${c.secret}`).toString('base64') });
const x = (c: Creds, method: string, url: string, body?: unknown) => p.request(method, `/xapi${url}`, { headers: { ...VERSION, ...basic(c) }, body });

beforeAll(async () => {
  p = await startTestPlatform();
  resident = await p.login('13900000001');
  residentId = (await p.request('GET', '/api/residents/me', { headers: resident })).body.id;
  const admin = await p.login('admin');
  partner = (
    await p.request('POST', '/api/partners', {
      headers: admin,
      body: { name: '城市学习网', scopes: ['statements/write', 'statements/read/mine'], regionCode: null },
    })
  ).body;
  reader = (await p.request('POST', '/api/partners', { headers: admin, body: { name: '监测平台', scopes: ['statements/read'], regionCode: null } })).body;
});
afterAll(() => p.close());

const completion = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: 'http://localhost', name: residentId } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { objectType: 'Activity', id: 'https://mooc.example.org/courses/tea', definition: { name: { 'zh-CN': '茶艺入门', 'en-US': 'Tea' } } },
  result: { completion: true, duration: 'PT2H30M' },
  timestamp: '2026-11-20T08:00:00Z',
  ...over,
});
// The resident's pages are cached and dropped when the database announces their rows changed: on PostgreSQL
// that notice arrives a moment after a partner's write, so a read waits for the record it expects.
const archive = async (expectTotal?: number) => {
  const read = async () => (await p.request('GET', '/api/me/learning-records?sourceType=partner', { headers: resident })).body;
  if (expectTotal !== undefined) await expect.poll(async () => (await read()).total).toBe(expectTotal);
  return read();
};

describe('partner statements in the learning archive', () => {
  it('records a completion for a linked resident once, with its source and hours, however often it is posted', async () => {
    const s = completion();
    expect((await x(partner, 'POST', '/statements', s)).status).toBe(200);
    expect((await x(partner, 'POST', '/statements', s)).status).toBe(200);
    expect((await x(partner, 'PUT', `/statements?statementId=${s.id}`, s)).status).toBe(204);
    const mine = await archive();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      sourceType: 'partner',
      sourceId: s.id,
      title: '茶艺入门',
      hours: 2.5,
      outcome: 'completed',
      provider: '城市学习网',
      occurredAt: '2026-11-20T08:00:00.000Z',
    });
  });

  it('counts attendance with hours from the extension, and leaves other verbs, failures and strangers out', async () => {
    const attended = completion({
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
      object: { id: 'https://mooc.example.org/lectures/9', definition: { name: { 'zh-CN': '防诈骗讲座' } } },
      result: { extensions: { 'https://learncity.org/xapi/extensions/hours': 1.5 } },
    });
    const batch = [
      attended,
      completion({ verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } }),
      completion({ result: { success: false, completion: true } }),
      completion({ actor: { mbox: 'mailto:stranger@example.org' } }),
      completion({ actor: { account: { homePage: 'http://localhost', name: randomUUID() } } }),
    ];
    expect((await x(partner, 'POST', '/statements', batch)).status).toBe(200);
    const mine = await archive(2);
    expect(mine.items.find((i: { sourceId: string }) => i.sourceId === attended.id)).toMatchObject({ outcome: 'attended', hours: 1.5, title: '防诈骗讲座' });
  });

  it('keeps the archive record when the statement is voided', async () => {
    const s = completion();
    await x(partner, 'POST', '/statements', s);
    expect((await archive(3)).total).toBe(3);
    const voiding = { actor: s.actor, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: s.id } };
    expect((await x(partner, 'POST', '/statements', voiding)).status).toBe(200);
    expect((await x(partner, 'GET', `/statements?voidedStatementId=${s.id}`)).status).toBe(200);
    expect((await archive()).total).toBe(3);
  });
});

describe('which statements name a resident', () => {
  it("takes every origin the installation answers on as its residents' homePage, and lists what named nobody", async () => {
    const titled = (title: string, homePage: string, name = residentId) =>
      completion({
        actor: { account: { homePage, name } },
        object: { id: `https://mooc.example.org/${encodeURIComponent(title)}`, definition: { name: { 'zh-CN': title } } },
      });
    const viaConsoleAddress = titled('按控制台地址上报', 'http://127.0.0.1:4123');
    const viaRequestHost = titled('按请求主机上报', 'https://learn.gongshu.example:8443/');
    const unknownResident = titled('不存在的居民', 'http://localhost', randomUUID());
    const elsewhere = titled('其他平台账号', 'https://mooc.example.org', 'u-778');
    const res = await p.request('POST', '/xapi/statements', {
      headers: { ...VERSION, ...basic(partner), host: 'learn.gongshu.example:8443' },
      body: [viaConsoleAddress, viaRequestHost, unknownResident, elsewhere],
    });
    expect(res.status).toBe(200);
    const titles = (await archive(5)).items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['按控制台地址上报', '按请求主机上报']));
    expect(titles).not.toContain('不存在的居民');

    const admin = await p.login('admin');
    const list = (await p.request('GET', `/api/partners/${partner.id}/unmatched-statements`, { headers: admin })).body;
    const byTitle = new Map(list.items.map((i: { title: string }) => [i.title, i]));
    expect(byTitle.get('不存在的居民')).toMatchObject({ statementId: unknownResident.id, reason: 'unknown_resident', outcome: 'completed' });
    expect(byTitle.get('其他平台账号')).toMatchObject({ reason: 'unlinked_identifier', identifier: 'https://mooc.example.org · u-778' });
    expect(byTitle.has('按控制台地址上报')).toBe(false);
    // The stranger by e-mail from an earlier test is there too, masked.
    expect(list.items.some((i: { identifier: string }) => i.identifier === 'mailto:s***@example.org')).toBe(true);
    expect(list.total).toBe(list.items.length);
    expect(list.byDay).toEqual([{ day: '2026-11-23', unmatched: list.total }]);
    // A street's office does not see the district's this partner's records.
    await p.request('POST', '/api/staff-accounts', {
      headers: admin,
      body: { username: 'other-office', displayName: '其他区', role: 'region_admin', regionCodes: ['330105001'], password: 'Other#Office2026' },
    });
    const other = await p.login('other-office', 'Other#Office2026');
    expect((await p.request('GET', `/api/partners/${partner.id}/unmatched-statements`, { headers: other })).status).toBe(404);
  });
});

describe('partner completions in the credit bank', () => {
  it('deposits credits for each online completion by the online-course standard, once per record', async () => {
    const credits = async () => (await p.request('GET', '/api/me/credit-entries?category=online_course', { headers: resident })).body;
    const before = (await credits()).total;
    const first = completion({
      object: { id: 'https://mooc.example.org/courses/ai', definition: { name: { 'zh-CN': '人工智能通识' } } },
      result: { completion: true, duration: 'PT16H' },
    });
    const second = completion({
      object: { id: 'https://mooc.example.org/courses/law', definition: { name: { 'zh-CN': '民法典与生活' } } },
      result: { completion: true, extensions: { 'https://learncity.org/xapi/extensions/hours': 16 } },
    });
    expect((await x(partner, 'POST', '/statements', [first, second])).status).toBe(200);
    expect((await x(partner, 'POST', '/statements', first)).status).toBe(200);
    expect((await x(partner, 'PUT', `/statements?statementId=${second.id}`, second)).status).toBe(204);
    await expect.poll(async () => (await credits()).total).toBe(before + 2);
    const after = await credits();
    const added = after.items.filter((e: { sourceKey: string }) => [first.id, second.id].some((id) => e.sourceKey === `archive:partner:${id}`));
    expect(added.map((e: { title: string; credits: number; standardCode: string }) => [e.title, e.credits, e.standardCode]).sort()).toEqual([
      ['人工智能通识', 1, 'online_course'],
      ['民法典与生活', 1, 'online_course'],
    ]);
    // An attendance is learning in the archive but no online-course completion: it deposits nothing here.
    expect((await credits()).total).toBe(after.total);
  });
});

describe('the platform’s own events as statements', () => {
  it('turns a class completion in the archive into a statement with the platform as authority, never a partner', async () => {
    await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId,
        sourceType: 'class',
        sourceId: 'class-7',
        title: '书法（楷书）入门',
        hours: 12,
        outcome: 'completed',
        occurredAt: new Date('2026-11-21T08:00:00Z'),
      }),
    );
    const res = await x(
      reader,
      'GET',
      `/statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}&activity=${encodeURIComponent('http://localhost/xapi/activities/class%2Fclass-7')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.statements).toHaveLength(1);
    const st = res.body.statements[0];
    expect(st.authority.account).toEqual({ homePage: 'http://localhost', name: 'platform' });
    expect(st.actor.account).toEqual({ homePage: 'http://localhost', name: residentId });
    expect(st.object.definition.name['zh-CN']).toBe('书法（楷书）入门');
    // Not the writing partner's: a partner reading only its own statements does not see it.
    const own = await x(partner, 'GET', `/statements?activity=${encodeURIComponent(st.object.id)}`);
    expect(own.body.statements).toHaveLength(0);
    // A partner's record is not repeated in the stream as a platform statement.
    const platformCompletions = await x(
      reader,
      'GET',
      `/statements?agent=${encodeURIComponent(JSON.stringify({ account: { homePage: 'http://localhost', name: residentId } }))}&limit=100`,
    );
    // (The credit bank's deposit for the same completion is a separate `credited` statement.)
    const completedByPlatform = platformCompletions.body.statements.filter(
      (s: { authority: { account: { name: string } }; verb: { id: string } }) =>
        s.authority.account.name === 'platform' && s.verb.id === 'http://adlnet.gov/expapi/verbs/completed',
    );
    expect(completedByPlatform).toHaveLength(1);
  });

  it('records enrolment, rating and credit events once each, and refuses unknown verbs', async () => {
    const event = { verb: 'enrolled' as const, residentId, object: { id: 'class-8', name: '太极拳' }, timestamp: new Date('2026-11-22T01:00:00Z') };
    const first = await p.db.transaction((tx) => p.services.xapi.recordPlatformEvent(tx, event));
    const again = await p.db.transaction((tx) => p.services.xapi.recordPlatformEvent(tx, event));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toBeNull();
    await p.db.transaction((tx) => p.services.xapi.recordPlatformEvent(tx, { ...event, verb: 'rated', result: { score: { raw: 5, min: 1, max: 5 } } }));
    await p.db.transaction((tx) =>
      p.services.xapi.recordPlatformEvent(tx, { ...event, verb: 'credited', result: { extensions: { 'https://learncity.org/xapi/extensions/credits': 2 } } }),
    );
    const res = await x(reader, 'GET', `/statements?activity=${encodeURIComponent('http://localhost/xapi/activities/class-8')}`);
    expect(res.body.statements.map((s: { verb: { id: string } }) => s.verb.id).sort()).toEqual([
      'http://adlnet.gov/expapi/verbs/registered',
      'http://id.tincanapi.com/verb/rated',
      'https://learncity.org/xapi/verbs/credited',
    ]);
    await expect(p.db.transaction((tx) => p.services.xapi.recordPlatformEvent(tx, { ...event, verb: 'won' as 'rated' }))).rejects.toThrow();
    // Platform events never reach the archive by themselves.
    expect((await p.request('GET', '/api/me/learning-records', { headers: resident })).body.items.some((i: { title: string }) => i.title === '太极拳')).toBe(
      false,
    );
  });
});
