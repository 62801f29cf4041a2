// xAPI 2.0.0 (IEEE 9274.1.1-2023) beside 1.0.3 at /xapi: each request's X-Experience-API-Version decides
// which rules it gets, on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

type Creds = { id: string; key: string; secret: string };
const V2 = { 'x-experience-api-version': '2.0.0' };
const V1 = { 'x-experience-api-version': '1.0.3' };
const basic = (c: { key: string; secret: string }) => ({ authorization: 'Basic ' + Buffer.from(`${c.key}:${c.secret}`).toString('base64') });

async function registerPartner(platform: TestPlatform): Promise<Creds> {
  const res = await platform.request('POST', '/api/partners', {
    headers: await platform.login('admin'),
    body: { name: `平台 ${randomUUID().slice(0, 6)}`, scopes: ['all'], regionCode: null },
  });
  if (res.status !== 201) throw new Error(`partner: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let all: Creds;
beforeAll(async () => {
  all = await registerPartner(p);
});

/** A request in the given version (2.0.0 unless told). */
function x(
  method: string,
  url: string,
  o: { body?: unknown; headers?: Record<string, string>; payload?: Buffer | string; version?: Record<string, string> } = {},
) {
  return p.request(method, `/xapi${url}`, { ...o, headers: { ...(o.version ?? V2), ...basic(all), ...o.headers } });
}
const statement = (over: Record<string, unknown> = {}) => ({
  actor: { objectType: 'Agent', name: '学员', mbox: 'mailto:learner@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'zh-CN': '完成' } },
  object: { objectType: 'Activity', id: 'https://learn.example.com/courses/tea' },
  ...over,
});
const q = (params: Record<string, unknown>) =>
  '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
const contextAgent = (mbox: string) => ({
  objectType: 'contextAgent',
  agent: { objectType: 'Agent', mbox },
  relevantTypes: ['https://learn.example.com/types/assessor'],
});
const contextGroup = {
  objectType: 'contextGroup',
  group: { objectType: 'Group', name: '茶艺班', member: [{ mbox: 'mailto:peer@example.com' }] },
  relevantTypes: ['https://learn.example.com/types/class'],
};

describe('version negotiation', () => {
  it('answers each request in the version it asked for; about lists 2.0.0 and the 1.0.x patches', async () => {
    const about = await p.request('GET', '/xapi/about');
    expect(about.status).toBe(200);
    expect(about.body.version).toEqual(['2.0.0', '1.0.3', '1.0.2', '1.0.1', '1.0.0']);
    expect((await x('GET', '/statements?limit=1')).headers['x-experience-api-version']).toBe('2.0.0');
    expect((await x('GET', '/statements?limit=1', { headers: { 'x-experience-api-version': '2.0' } })).headers['x-experience-api-version']).toBe('2.0.0');
    const old = await x('GET', '/statements?limit=1', { version: V1 });
    expect(old.status).toBe(200);
    expect(old.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('refuses a missing or unknown version with 400, answered as the newest version served', async () => {
    const missing = await p.request('GET', '/xapi/statements', { headers: basic(all) });
    expect(missing.status).toBe(400);
    expect(missing.headers['x-experience-api-version']).toBe('2.0.0');
    const unknown = await x('GET', '/statements', { headers: { 'x-experience-api-version': '2.1.0' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.reason).toMatch(/X-Experience-API-Version/);
  });

  it('serves only 1.0.3 when LEARNCITY_XAPI_VERSIONS says so: 2.0.0 is refused and answers stay 1.0.3', async () => {
    const only103 = await startTestPlatform({ xapiVersions: ['1.0.3'] });
    try {
      const creds = await registerPartner(only103);
      expect((await only103.request('GET', '/xapi/about')).body.version).toEqual(['1.0.3', '1.0.2', '1.0.1', '1.0.0']);
      const refused = await only103.request('GET', '/xapi/statements', { headers: { ...V2, ...basic(creds) } });
      expect(refused.status).toBe(400);
      expect(refused.headers['x-experience-api-version']).toBe('1.0.3');
      const missing = await only103.request('GET', '/xapi/statements', { headers: basic(creds) });
      expect(missing.headers['x-experience-api-version']).toBe('1.0.3');
    } finally {
      await only103.close();
    }
  });
});

describe('statements in 2.0.0', () => {
  it('fills version 2.0.0 for a 2.0 request and 1.0.0 for a 1.0.3 one; a 2.0.x version is refused under 1.0.3', async () => {
    const [v2id] = (await x('POST', '/statements', { body: statement() })).body;
    expect((await x('GET', `/statements${q({ statementId: v2id })}`)).body.version).toBe('2.0.0');
    const [v1id] = (await x('POST', '/statements', { body: statement(), version: V1 })).body;
    expect((await x('GET', `/statements${q({ statementId: v1id })}`)).body.version).toBe('1.0.0');
    expect((await x('POST', '/statements', { body: statement({ version: '2.0.0' }) })).status).toBe(200);
    const refused = await x('POST', '/statements', { body: statement({ version: '2.0.0', id: randomUUID() }), version: V1 });
    expect(refused.status).toBe(400);
    expect((await x('POST', '/statements', { body: statement({ version: '3.0.0' }) })).status).toBe(400);
  });

  it('keeps contextAgents and contextGroups, and related_agents finds their agents', async () => {
    const assessor = `mailto:assessor-${randomUUID()}@example.com`;
    const context = { contextAgents: [contextAgent(assessor)], contextGroups: [contextGroup] };
    const posted = await x('POST', '/statements', { body: statement({ context }) });
    expect(posted.status).toBe(200);
    const got = await x('GET', `/statements${q({ statementId: posted.body[0] })}`);
    expect(got.body.context).toEqual(context);
    const related = await x('GET', `/statements${q({ agent: { mbox: assessor }, related_agents: 'true' })}`);
    expect(related.body.statements.map((s: { id: string }) => s.id)).toEqual(posted.body);
    expect((await x('GET', `/statements${q({ agent: { mbox: assessor } })}`)).body.statements).toEqual([]);
    const sub = await x('POST', '/statements', { body: statement({ object: { objectType: 'SubStatement', ...statement({ context }) } }) });
    expect(sub.status).toBe(200);
  });

  it.each([
    ['contextAgents under 1.0.3', { contextAgents: [contextAgent('mailto:a@example.com')] }, V1],
    ['contextGroups under 1.0.3', { contextGroups: [contextGroup] }, V1],
    ['a contextAgent with another objectType', { contextAgents: [{ ...contextAgent('mailto:a@example.com'), objectType: 'Agent' }] }, V2],
    ['a contextAgent whose agent is invalid', { contextAgents: [{ objectType: 'contextAgent', agent: { key: 'x' } }] }, V2],
    ['a contextAgent without an agent', { contextAgents: [{ objectType: 'contextAgent' }] }, V2],
    ['empty relevantTypes', { contextAgents: [{ ...contextAgent('mailto:a@example.com'), relevantTypes: [] }] }, V2],
    ['relevantTypes that are not IRIs', { contextGroups: [{ ...contextGroup, relevantTypes: ['abc'] }] }, V2],
    ['a contextGroup whose group is an Agent', { contextGroups: [{ objectType: 'contextGroup', group: { mbox: 'mailto:a@example.com' } }] }, V2],
    ['contextAgents that are not an array', { contextAgents: contextAgent('mailto:a@example.com') }, V2],
  ])('refuses %s with 400 and stores nothing', async (_name, context, version) => {
    const id = randomUUID();
    const res = await x('POST', '/statements', { body: statement({ id, context }), version });
    expect(res.status).toBe(400);
    expect(res.body.error.details.reason).toMatch(/context/);
    expect((await x('GET', `/statements${q({ statementId: id })}`)).status).toBe(404);
  });

  it('stores a 2.0 timestamp in UTC, the same instant with every fractional digit; 1.0.3 keeps it as sent', async () => {
    const [id] = (await x('POST', '/statements', { body: statement({ timestamp: '2026-11-20T12:00:00.123456-05:00' }) })).body;
    expect((await x('GET', `/statements${q({ statementId: id })}`)).body.timestamp).toBe('2026-11-20T17:00:00.123456Z');
    const sub = (
      await x('POST', '/statements', { body: statement({ object: { objectType: 'SubStatement', ...statement({ timestamp: '2026-11-20T08:00:00+08:00' }) } }) })
    ).body[0];
    expect((await x('GET', `/statements${q({ statementId: sub })}`)).body.object.timestamp).toBe('2026-11-20T00:00:00.000Z');
    const [old] = (await x('POST', '/statements', { body: statement({ timestamp: '2026-11-20T12:00:00-05:00' }), version: V1 })).body;
    expect((await x('GET', `/statements${q({ statementId: old })}`, { version: V1 })).body.timestamp).toBe('2026-11-20T12:00:00-05:00');
    expect((await x('POST', '/statements', { body: statement({ timestamp: '2026-11-20T12:00:00-00:00' }) })).status).toBe(400);
  });

  it("sends Last-Modified on statement GETs in 2.0: the statement's stored time, or the newest on a page", async () => {
    const activity = `https://learn.example.com/lm/${randomUUID()}`;
    const [first] = (await x('POST', '/statements', { body: statement({ object: { id: activity } }) })).body;
    p.clock.advance(5000);
    const [second] = (await x('POST', '/statements', { body: statement({ object: { id: activity } }) })).body;
    const one = await x('GET', `/statements${q({ statementId: first })}`);
    expect(one.headers['last-modified']).toBe(new Date(one.body.stored).toUTCString());
    const newest = (await x('GET', `/statements${q({ statementId: second })}`)).body.stored;
    for (const ascending of ['true', 'false']) {
      const page = await x('GET', `/statements${q({ activity, ascending })}`);
      expect(page.body.statements).toHaveLength(2);
      expect(page.headers['last-modified']).toBe(new Date(newest).toUTCString());
    }
    expect((await x('GET', `/statements${q({ statementId: first })}`, { version: V1 })).headers['last-modified']).toBeUndefined();
  });
});

describe('durations compared at 0.01 s in 2.0', () => {
  it('treats a repeat whose duration differs beyond the hundredths as the same statement in 2.0, a conflict in 1.0.3', async () => {
    const id = randomUUID();
    expect((await x('PUT', `/statements${q({ statementId: id })}`, { body: statement({ result: { duration: 'PT1.2345S' } }) })).status).toBe(204);
    expect((await x('PUT', `/statements${q({ statementId: id })}`, { body: statement({ result: { duration: 'PT1.23S' } }) })).status).toBe(204);
    expect((await x('PUT', `/statements${q({ statementId: id })}`, { body: statement({ result: { duration: 'PT1.239S' } }) })).status).toBe(204);
    expect((await x('PUT', `/statements${q({ statementId: id })}`, { body: statement({ result: { duration: 'PT1.24S' } }) })).status).toBe(409);
    expect((await x('PUT', `/statements${q({ statementId: id })}`, { body: statement({ result: { duration: 'PT1.23S' } }), version: V1 })).status).toBe(409);
    expect((await x('GET', `/statements${q({ statementId: id })}`)).body.result.duration).toBe('PT1.2345S');
  });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const boundary = 'xapi2-boundary';
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  /** A statement signed with `signedDuration` in its JWS payload and sent with `sentDuration`. */
  const signedBody = (signedDuration: string, sentDuration: string) => {
    const s = statement({ id: randomUUID(), result: { duration: signedDuration } });
    const head = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(s)).toString('base64url');
    const token = Buffer.from(`${head}.${payload}.${createSign('RSA-SHA256').update(`${head}.${payload}`).sign(privateKey).toString('base64url')}`);
    const sent = {
      ...s,
      result: { duration: sentDuration },
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
    return Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(sent)}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256(token)}\r\n\r\n`,
      ),
      token,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  };
  const mixed = { 'content-type': `multipart/mixed; boundary=${boundary}` };

  it('verifies a signed statement whose duration matches its signature to the hundredths in 2.0 only', async () => {
    expect((await x('POST', '/statements', { headers: mixed, payload: signedBody('P1DT12H36M0.12S', 'P1DT12H36M0.1237S') })).status).toBe(200);
    expect((await x('POST', '/statements', { headers: mixed, payload: signedBody('PT5S', 'PT5.009S') })).status).toBe(200);
    const off = await x('POST', '/statements', { headers: mixed, payload: signedBody('PT5S', 'PT5.01S') });
    expect(off.status).toBe(400);
    expect(off.body.error.details.reason).toMatch(/signature/);
    expect((await x('POST', '/statements', { headers: mixed, payload: signedBody('P1DT12H36M0.12S', 'P1DT12H36M0.1237S'), version: V1 })).status).toBe(400);
  });
});

describe('documents in 2.0', () => {
  const agent = JSON.stringify({ mbox: `mailto:doc-${randomUUID()}@example.com` });
  const activityId = 'https://learn.example.com/courses/tea';

  it('answers 409 to a PUT over an existing state document without If-Match or If-None-Match, changing nothing', async () => {
    const url = `/activities/state${q({ activityId, agent, stateId: 'progress' })}`;
    expect((await x('PUT', url, { body: { page: 1 } })).status).toBe(204);
    const conflict = await x('PUT', url, { body: { page: 2 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('xapi.precondition_required');
    const got = await x('GET', url);
    expect(got.body).toEqual({ page: 1 });
    expect(got.headers['last-modified']).toBeTruthy();
    expect((await x('PUT', url, { body: { page: 2 }, headers: { 'if-match': String(got.headers.etag) } })).status).toBe(204);
    expect((await x('GET', url)).body).toEqual({ page: 2 });
    // POST still merges without a precondition, and 1.0.3 keeps replacing state unconditionally.
    expect((await x('POST', url, { body: { done: true } })).status).toBe(204);
    expect((await x('PUT', url, { body: { page: 3 }, version: V1 })).status).toBe(204);
    expect((await x('GET', url)).body).toEqual({ page: 3 });
  });

  it('answers 409 to an unconditional PUT over an existing profile document too', async () => {
    const url = `/agents/profile${q({ agent, profileId: 'prefs' })}`;
    expect((await x('POST', url, { body: { fontSize: 'large' } })).status).toBe(204);
    expect((await x('PUT', url, { body: { fontSize: 'small' } })).status).toBe(409);
    expect((await x('GET', url)).body).toEqual({ fontSize: 'large' });
  });
});

describe('no alternate request syntax in 2.0', () => {
  const form = (version: string, extra: Record<string, string> = {}) =>
    new URLSearchParams({ Authorization: basic(all).authorization, 'X-Experience-API-Version': version, ...extra }).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses method= with a 2.0 version in the form or in the header, storing nothing', async () => {
    const id = randomUUID();
    const put = form('2.0.0', { statementId: id, 'Content-Type': 'application/json', content: JSON.stringify(statement()) });
    const inForm = await p.request('POST', '/xapi/statements?method=PUT', { payload: put, headers: formHeaders });
    expect(inForm.status).toBe(400);
    expect(inForm.body.error.details.reason).toMatch(/alternate request syntax/);
    const inHeader = await p.request('POST', '/xapi/statements?method=GET', {
      payload: new URLSearchParams({ statementId: id }).toString(),
      headers: { ...formHeaders, ...V2, ...basic(all) },
    });
    expect(inHeader.status).toBe(400);
    expect(inHeader.headers['x-experience-api-version']).toBe('2.0.0');
    expect((await x('GET', `/statements${q({ statementId: id })}`)).status).toBe(404);
  });

  it('still runs it for 1.0.3', async () => {
    const id = randomUUID();
    const put = form('1.0.3', { statementId: id, 'Content-Type': 'application/json', content: JSON.stringify(statement()) });
    expect((await p.request('POST', '/xapi/statements?method=PUT', { payload: put, headers: formHeaders })).status).toBe(204);
    const got = await p.request('POST', '/xapi/statements?method=GET', { payload: form('1.0.3', { statementId: id }), headers: formHeaders });
    expect(got.status).toBe(200);
    expect(got.headers['x-experience-api-version']).toBe('1.0.3');
    expect(got.body.id).toBe(id);
  });
});
