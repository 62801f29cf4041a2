// The learning record store at /xapi against the xAPI 1.0.3 rules it implements, on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, createSign, randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

type Creds = { id: string; key: string; secret: string };
const VERSION = { 'x-experience-api-version': '1.0.3' };
const basic = (c: { key: string; secret: string }) => ({ authorization: 'Basic ' + Buffer.from(`${c.key}:${c.secret}`).toString('base64') });

async function registerPartner(scopes: string[], regionCode: string | null = null, login = 'admin'): Promise<Creds> {
  const res = await p.request('POST', '/api/partners', {
    headers: await p.login(login),
    body: { name: `平台 ${randomUUID().slice(0, 6)}`, scopes, regionCode },
  });
  if (res.status !== 201) throw new Error(`partner: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function x(c: Creds | null, method: string, url: string, o: { body?: unknown; headers?: Record<string, string>; payload?: Buffer | string } = {}) {
  return p.request(method, `/xapi${url}`, { ...o, headers: { ...VERSION, ...(c ? basic(c) : {}), ...o.headers } });
}

const statement = (over: Record<string, unknown> = {}) => ({
  actor: { objectType: 'Agent', name: '学员', mbox: 'mailto:learner@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'zh-CN': '完成', 'en-US': 'completed' } },
  object: { objectType: 'Activity', id: 'https://learn.example.com/courses/tea', definition: { name: { 'zh-CN': '茶艺入门' } } },
  ...over,
});
const q = (params: Record<string, unknown>) =>
  '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();

let all: Creds;
beforeAll(async () => {
  all = await registerPartner(['all']);
});

describe('headers, authentication and about', () => {
  it('answers about without credentials, with the versions it speaks', async () => {
    const res = await p.request('GET', '/xapi/about');
    expect(res.status).toBe(200);
    expect(res.body.version).toContain('1.0.3');
    // Unversioned, it is answered as the newest version served (2.0.0 beside 1.0.3: xapi-2.api.test.ts).
    expect(res.headers['x-experience-api-version']).toBe('2.0.0');
  });

  it('requires a 1.0.x version header and Basic credentials', async () => {
    expect((await p.request('GET', '/xapi/statements', { headers: basic(all) })).status).toBe(400);
    expect((await x(all, 'GET', '/statements', { headers: { 'x-experience-api-version': '0.95' } })).status).toBe(400);
    expect((await x(all, 'GET', '/statements', { headers: { 'x-experience-api-version': '1.0' } })).status).toBe(200);
    const anonymous = await x(null, 'GET', '/statements');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic/);
    expect((await x({ ...all, secret: 'wrong' }, 'GET', '/statements')).status).toBe(401);
  });

  it('ignores a session cookie on /xapi: no Origin check, no cookie authentication', async () => {
    const cookie = await p.login('admin');
    const res = await p.request('POST', '/xapi/statements', { headers: { ...VERSION, ...cookie, origin: 'https://elsewhere.example' }, body: statement() });
    expect(res.status).toBe(401);
    const withBasic = await p.request('POST', '/xapi/statements', {
      headers: { ...VERSION, ...cookie, ...basic(all), origin: 'https://elsewhere.example' },
      body: statement(),
    });
    expect(withBasic.status).toBe(200);
  });
});

describe('storing statements', () => {
  it('stores one statement, fills id, stored, authority, version and timestamp, and reads it back', async () => {
    const posted = await x(all, 'POST', '/statements', { body: statement() });
    expect(posted.status).toBe(200);
    const [id] = posted.body;
    const got = await x(all, 'GET', `/statements${q({ statementId: id })}`);
    expect(got.status).toBe(200);
    expect(got.headers['x-experience-api-consistent-through']).toBeTruthy();
    expect(got.body).toMatchObject({ id, version: '1.0.0', stored: '2026-11-23T02:00:00.000Z', timestamp: '2026-11-23T02:00:00.000Z' });
    expect(got.body.authority.account.name).toBe(`partner:${all.key}`);
  });

  it('PUT stores under the given id; the same statement again is accepted, different content is 409', async () => {
    const id = randomUUID();
    expect((await x(all, 'PUT', `/statements${q({ statementId: id })}`, { body: statement() })).status).toBe(204);
    expect((await x(all, 'PUT', `/statements${q({ statementId: id })}`, { body: statement() })).status).toBe(204);
    const changed = await x(all, 'PUT', `/statements${q({ statementId: id })}`, { body: statement({ result: { completion: true } }) });
    expect(changed.status).toBe(409);
    expect((await x(all, 'POST', '/statements', { body: { ...statement({ result: { success: false } }), id } })).status).toBe(409);
    const stored = await x(all, 'GET', `/statements${q({ statementId: id })}`);
    expect(stored.body.result).toBeUndefined();
    expect((await x(all, 'PUT', `/statements${q({ statementId: randomUUID() })}`, { body: { ...statement(), id } })).status).toBe(400);
    expect((await x(all, 'PUT', '/statements', { body: statement() })).status).toBe(400);
  });

  it('stores a batch all or nothing; a duplicate id inside the batch is 400', async () => {
    const ids = [randomUUID(), randomUUID()];
    const bad = await x(all, 'POST', '/statements', {
      body: [
        { ...statement(), id: ids[0] },
        { ...statement(), id: ids[1], verb: { id: 'not an iri' } },
      ],
    });
    expect(bad.status).toBe(400);
    expect((await x(all, 'GET', `/statements${q({ statementId: ids[0] })}`)).status).toBe(404);
    expect(
      (
        await x(all, 'POST', '/statements', {
          body: [
            { ...statement(), id: ids[0] },
            { ...statement(), id: ids[0] },
          ],
        })
      ).status,
    ).toBe(400);
    const ok = await x(all, 'POST', '/statements', {
      body: [
        { ...statement(), id: ids[0] },
        { ...statement(), id: ids[1] },
      ],
    });
    expect(ok.body).toEqual(ids);
  });

  it.each([
    ['no actor', { actor: undefined }],
    ['an agent with two identifiers', { actor: { mbox: 'mailto:a@example.com', openid: 'https://id.example.com/a' } }],
    ['an mbox without mailto', { actor: { mbox: 'a@example.com' } }],
    ['a verb id that is not an IRI', { verb: { id: 'completed' } }],
    ['a bad language tag', { verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'not a tag!': 'x' } } }],
    ['a scaled score above 1', { result: { score: { scaled: 1.5 } } }],
    ['raw below min', { result: { score: { raw: 1, min: 5, max: 10 } } }],
    ['a bad duration', { result: { duration: 'an hour' } }],
    ['revision with an agent object', { object: { objectType: 'Agent', mbox: 'mailto:b@example.com' }, context: { revision: '2' } }],
    ['voiding without a StatementRef', { verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }],
    ['an unknown property', { mood: 'happy' }],
    ['a null value', { result: null }],
    ['a timestamp offset of -00:00', { timestamp: '2026-11-23T10:00:00-00:00' }],
    ['an anonymous group without members', { actor: { objectType: 'Group', name: 'g' } }],
    [
      'a sub-statement inside a sub-statement',
      { object: { objectType: 'SubStatement', ...statement(), object: { objectType: 'SubStatement', ...statement() } } },
    ],
    ['a sub-statement with an id', { object: { objectType: 'SubStatement', id: randomUUID(), ...statement() } }],
    ['an unsupported statement version', { version: '2.0.0' }],
  ])('rejects %s with 400 and stores nothing', async (_name, over) => {
    const id = randomUUID();
    const body = JSON.parse(JSON.stringify({ ...statement(), ...over, id }));
    const res = await x(all, 'POST', '/statements', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.reason).toBeTruthy();
    expect((await x(all, 'GET', `/statements${q({ statementId: id })}`)).status).toBe(404);
  });
});

describe('voiding', () => {
  it('voids a statement: gone from statementId and queries, found by voidedStatementId', async () => {
    const activity = `https://learn.example.com/void/${randomUUID()}`;
    const [target] = (await x(all, 'POST', '/statements', { body: statement({ object: { id: activity } }) })).body;
    const voiding = await x(all, 'POST', '/statements', {
      body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target } }),
    });
    expect(voiding.status).toBe(200);
    expect((await x(all, 'GET', `/statements${q({ statementId: target })}`)).status).toBe(404);
    const voided = await x(all, 'GET', `/statements${q({ voidedStatementId: target })}`);
    expect(voided.status).toBe(200);
    expect(voided.body.id).toBe(target);
    const found = await x(all, 'GET', `/statements${q({ activity })}`);
    // The voiding statement targets a matching statement, so it matches; the voided one is never returned.
    expect(found.body.statements.map((s: { id: string }) => s.id)).toEqual([voiding.body[0]]);
    expect((await x(all, 'GET', `/statements${q({ statementId: target, verb: 'http://adlnet.gov/expapi/verbs/voided' })}`)).status).toBe(400);
  });
});

describe('queries', () => {
  const run = randomUUID();
  const course = `https://learn.example.com/course/${run}`;
  const lesson = `https://learn.example.com/lesson/${run}`;
  const registration = randomUUID();
  const alice = { mbox: `mailto:alice-${run}@example.com` };
  const bob = { account: { homePage: 'https://partner.example.com', name: `bob-${run}` } };
  const teacher = { mbox: `mailto:teacher-${run}@example.com` };
  const ids: string[] = [];

  beforeAll(async () => {
    const bodies = [
      statement({ actor: alice, object: { id: course } }),
      statement({
        actor: alice,
        verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
        object: { id: lesson },
        context: { registration, contextActivities: { parent: { id: course } } },
      }),
      statement({ actor: bob, object: { id: lesson }, context: { instructor: teacher, registration } }),
      statement({ actor: bob, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { id: course } }),
      statement({ actor: teacher, object: { objectType: 'Agent', ...alice } }),
    ];
    for (const body of bodies) {
      p.clock.advance(1000);
      ids.push((await x(all, 'POST', '/statements', { body })).body[0]);
    }
  });
  const idsOf = (res: { body: { statements: { id: string }[] } }) => res.body.statements.map((s) => s.id);

  it.each([
    ['agent (actor or object)', { agent: alice }, [4, 1, 0]],
    ['agent by account', { agent: bob }, [3, 2]],
    ['related_agents', { agent: teacher, related_agents: 'true' }, [4, 2]],
    ['verb', { verb: 'http://adlnet.gov/expapi/verbs/attempted', agent: alice }, [1]],
    ['activity', { activity: course }, [3, 0]],
    ['related_activities', { activity: course, related_activities: 'true' }, [3, 1, 0]],
    ['registration', { registration }, [2, 1]],
    ['ascending', { registration, ascending: 'true' }, [1, 2]],
  ])('filters by %s', async (_n, params, expected) => {
    const res = await x(all, 'GET', `/statements${q(params)}`);
    expect(res.status).toBe(200);
    expect(res.headers['x-experience-api-consistent-through']).toBeTruthy();
    expect(idsOf(res)).toEqual(expected.map((i) => ids[i]));
  });

  it('filters by since and until on the stored time', async () => {
    const stored = (await x(all, 'GET', `/statements${q({ statementId: ids[1] })}`)).body.stored;
    const until = (await x(all, 'GET', `/statements${q({ statementId: ids[3] })}`)).body.stored;
    const res = await x(all, 'GET', `/statements${q({ registration, since: stored })}`);
    expect(idsOf(res)).toEqual([ids[2]]);
    const between = await x(all, 'GET', `/statements${q({ activity: course, related_activities: 'true', since: stored, until })}`);
    expect(idsOf(between)).toEqual([ids[3]]);
    expect((await x(all, 'GET', `/statements${q({ since: 'yesterday' })}`)).status).toBe(400);
  });

  it('pages with limit and an opaque more link, unaffected by statements stored after the first page', async () => {
    const first = await x(all, 'GET', `/statements${q({ activity: course, related_activities: 'true', limit: '2' })}`);
    expect(idsOf(first)).toEqual([ids[3], ids[1]]);
    expect(first.body.more).toMatch(/^\/xapi\/statements\?more=/);
    await x(all, 'POST', '/statements', { body: statement({ object: { id: course } }) });
    const second = await p.request('GET', first.body.more, { headers: { ...VERSION, ...basic(all) } });
    expect(idsOf(second)).toEqual([ids[0]]);
    expect(second.body.more).toBe('');
  });

  it('answers format=ids with identifiers only and canonical with one language', async () => {
    const ids_ = await x(all, 'GET', `/statements${q({ statementId: ids[0], format: 'ids' })}`);
    expect(ids_.body.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/completed' });
    expect(ids_.body.object).toEqual({ id: course });
    const canonical = await x(all, 'GET', `/statements${q({ statementId: ids[0], format: 'canonical' })}`, { headers: { 'accept-language': 'en-US' } });
    expect(canonical.body.verb.display).toEqual({ 'en-US': 'completed' });
  });

  it('rejects unknown parameters and malformed filters with 400', async () => {
    for (const params of [
      { colour: 'red' },
      { agent: '{"name":"nobody"}' },
      { verb: 'completed' },
      { registration: 'abc' },
      { limit: '-1' },
      { format: 'full' },
    ]) {
      const res = await x(all, 'GET', `/statements${q(params)}`);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.headers['x-experience-api-consistent-through']).toBeTruthy();
    }
  });

  it('serves the Activities resource with merged definitions and the Agents resource as a Person', async () => {
    await x(all, 'POST', '/statements', { body: statement({ object: { id: course, definition: { name: { 'en-US': 'Tea' } } } }) });
    await x(all, 'POST', '/statements', { body: statement({ object: { id: course, definition: { name: { 'zh-CN': '茶' } } } }) });
    const activity = await x(all, 'GET', `/activities${q({ activityId: course })}`);
    expect(activity.body.definition.name).toEqual({ 'en-US': 'Tea', 'zh-CN': '茶' });
    const person = await x(all, 'GET', `/agents${q({ agent: alice })}`);
    expect(person.body).toEqual({ objectType: 'Person', mbox: [alice.mbox] });
  });
});

describe('attachments and signatures', () => {
  const boundary = 'xapi-boundary-1';
  const multipart = (json: unknown, parts: { type: string; body: Buffer; hash?: string }[]) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`),
      ...parts.flatMap((part) => [
        Buffer.from(
          `--${boundary}\r\nContent-Type: ${part.type}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${part.hash ?? sha256(part.body)}\r\n\r\n`,
        ),
        part.body,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const mixed = { 'content-type': `multipart/mixed; boundary=${boundary}` };
  const certificate = Buffer.from('结业证书：茶艺入门');
  const withAttachment = (over: Record<string, unknown> = {}) =>
    statement({
      attachments: [
        {
          usageType: 'https://learncity.example/attachments/certificate',
          display: { 'zh-CN': '证书' },
          contentType: 'text/plain',
          length: certificate.length,
          sha2: sha256(certificate),
        },
      ],
      ...over,
    });

  it('stores an attachment sent as multipart/mixed and returns it with attachments=true', async () => {
    const posted = await x(all, 'POST', '/statements', { headers: mixed, payload: multipart(withAttachment(), [{ type: 'text/plain', body: certificate }]) });
    expect(posted.status).toBe(200);
    const got = await x(all, 'GET', `/statements${q({ statementId: posted.body[0], attachments: 'true' })}`);
    expect(String(got.headers['content-type'])).toMatch(/^multipart\/mixed; boundary=/);
    expect(got.raw.includes(certificate)).toBe(true);
    expect(got.raw.toString('utf8')).toContain(`X-Experience-API-Hash: ${sha256(certificate)}`);
  });

  it('rejects a part whose bytes do not match its hash, a missing part, and an undeclared part', async () => {
    expect(
      (
        await x(all, 'POST', '/statements', {
          headers: mixed,
          payload: multipart(withAttachment(), [{ type: 'text/plain', body: Buffer.from('forged'), hash: sha256(certificate) }]),
        })
      ).status,
    ).toBe(400);
    expect((await x(all, 'POST', '/statements', { body: withAttachment() })).status).toBe(400);
    expect((await x(all, 'POST', '/statements', { headers: mixed, payload: multipart(statement(), [{ type: 'text/plain', body: certificate }]) })).status).toBe(
      400,
    );
  });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jws = (payload: unknown, alg = 'RS256') => {
    const head = Buffer.from(JSON.stringify({ alg })).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const signature = alg === 'RS256' ? createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url') : 'c2ln';
    return Buffer.from(`${head}.${body}.${signature}`);
  };
  const signed = (signedPayload: Record<string, unknown>, alg?: string) => {
    const token = jws(signedPayload, alg);
    const body = {
      ...signedPayload,
      attachments: [
        {
          usageType: 'http://adlnet.gov/expapi/attachments/signature',
          display: { 'en-US': 'signature' },
          contentType: 'application/octet-stream',
          length: token.length,
          sha2: sha256(token),
        },
      ],
    };
    return multipart(body, [{ type: 'application/octet-stream', body: token }]);
  };

  it('accepts a signed statement whose JWS payload is the statement, and rejects a mismatch or a wrong algorithm', async () => {
    const s = { ...statement(), id: randomUUID() };
    expect((await x(all, 'POST', '/statements', { headers: mixed, payload: signed(s) })).status).toBe(200);
    const tampered = jws({ ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } });
    const body = {
      ...s,
      id: randomUUID(),
      attachments: [
        {
          usageType: 'http://adlnet.gov/expapi/attachments/signature',
          display: { 'en-US': 'signature' },
          contentType: 'application/octet-stream',
          length: tampered.length,
          sha2: sha256(tampered),
        },
      ],
    };
    expect(
      (await x(all, 'POST', '/statements', { headers: mixed, payload: multipart(body, [{ type: 'application/octet-stream', body: tampered }]) })).status,
    ).toBe(400);
    expect((await x(all, 'POST', '/statements', { headers: mixed, payload: signed({ ...statement(), id: randomUUID() }, 'HS256') })).status).toBe(400);
  });
});

describe('documents', () => {
  const agent = JSON.stringify({ mbox: 'mailto:learner@example.com' });
  const activityId = 'https://learn.example.com/courses/tea';

  it('keeps state: PUT, GET with ETag, POST merges JSON, list ids, DELETE', async () => {
    const base = { activityId, agent };
    expect((await x(all, 'PUT', `/activities/state${q({ ...base, stateId: 'progress' })}`, { body: { page: 3 } })).status).toBe(204);
    const got = await x(all, 'GET', `/activities/state${q({ ...base, stateId: 'progress' })}`);
    expect(got.body).toEqual({ page: 3 });
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await x(all, 'POST', `/activities/state${q({ ...base, stateId: 'progress' })}`, { body: { done: true } })).status).toBe(204);
    expect((await x(all, 'GET', `/activities/state${q({ ...base, stateId: 'progress' })}`)).body).toEqual({ page: 3, done: true });
    await x(all, 'PUT', `/activities/state${q({ ...base, stateId: 'note' })}`, {
      payload: '第三课笔记',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect((await x(all, 'GET', `/activities/state${q(base)}`)).body).toEqual(['note', 'progress']);
    expect((await x(all, 'POST', `/activities/state${q({ ...base, stateId: 'note' })}`, { body: { a: 1 } })).status).toBe(400);
    expect((await x(all, 'DELETE', `/activities/state${q(base)}`)).status).toBe(204);
    expect((await x(all, 'GET', `/activities/state${q({ ...base, stateId: 'progress' })}`)).status).toBe(404);
    expect((await x(all, 'GET', `/activities/state${q({ activityId, stateId: 'progress' })}`)).status).toBe(400);
  });

  it('guards profiles with ETags: create needs If-None-Match, replace needs If-Match, a stale tag is 412', async () => {
    const url = `/activities/profile${q({ activityId, profileId: 'syllabus' })}`;
    expect((await x(all, 'PUT', url, { body: { v: 1 } })).status).toBe(400);
    expect((await x(all, 'PUT', url, { body: { v: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    expect((await x(all, 'PUT', url, { body: { v: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(412);
    expect((await x(all, 'PUT', url, { body: { v: 2 } })).status).toBe(409);
    const etag = String((await x(all, 'GET', url)).headers.etag);
    expect((await x(all, 'PUT', url, { body: { v: 2 }, headers: { 'if-match': '"0000"' } })).status).toBe(412);
    expect((await x(all, 'PUT', url, { body: { v: 2 }, headers: { 'if-match': etag } })).status).toBe(204);
    expect((await x(all, 'DELETE', url, { headers: { 'if-match': etag } })).status).toBe(412);
    const agentUrl = `/agents/profile${q({ agent, profileId: 'prefs' })}`;
    expect((await x(all, 'POST', agentUrl, { body: { fontSize: 'large' } })).status).toBe(204);
    expect((await x(all, 'GET', agentUrl)).body).toEqual({ fontSize: 'large' });
  });
});

describe('alternate request syntax', () => {
  it('runs a GET sent as a POST form with method=GET, and refuses other query parameters', async () => {
    const [id] = (await x(all, 'POST', '/statements', { body: statement() })).body;
    const form = new URLSearchParams({ statementId: id, Authorization: basic(all).authorization, 'X-Experience-API-Version': '1.0.3' }).toString();
    const res = await p.request('POST', '/xapi/statements?method=GET', { payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    const extra = await p.request('POST', `/xapi/statements?method=GET&statementId=${id}`, {
      payload: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(extra.status).toBe(400);
    const put = new URLSearchParams({
      statementId: randomUUID(),
      Authorization: basic(all).authorization,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      content: JSON.stringify(statement()),
    }).toString();
    expect(
      (await p.request('POST', '/xapi/statements?method=PUT', { payload: put, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status,
    ).toBe(204);
  });
});

describe('partner scopes', () => {
  it('a write-only partner cannot read; a read/mine partner reads only its own statements', async () => {
    const writer = await registerPartner(['statements/write']);
    const mine = await registerPartner(['statements/write', 'statements/read/mine']);
    const activity = `https://learn.example.com/scoped/${randomUUID()}`;
    await x(writer, 'POST', '/statements', { body: statement({ object: { id: activity } }) });
    const [own] = (await x(mine, 'POST', '/statements', { body: statement({ object: { id: activity } }) })).body;
    expect((await x(writer, 'GET', `/statements${q({ activity })}`)).status).toBe(403);
    expect((await x(mine, 'GET', `/statements${q({ activity })}`)).body.statements.map((s: { id: string }) => s.id)).toEqual([own]);
    expect((await x(all, 'GET', `/statements${q({ activity })}`)).body.statements).toHaveLength(2);
    expect(
      (await x(mine, 'PUT', `/activities/state${q({ activityId: activity, agent: { mbox: 'mailto:a@example.com' }, stateId: 's' })}`, { body: {} })).status,
    ).toBe(403);
  });
});
