// Two widely used xAPI client libraries talk to the store over real HTTP: @xapi/xapi (fetch adapter) and TinCanJS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import XAPI from '@xapi/xapi';
// @ts-expect-error TinCanJS ships no types
import TinCan from 'tincanjs';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let endpoint: string;
let creds: { key: string; secret: string };
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const address = p.app.server.address() as { port: number };
  endpoint = `http://127.0.0.1:${address.port}/xapi/`;
  const res = await p.request('POST', '/api/partners', { headers: await p.login('admin'), body: { name: 'client test', scopes: ['all'], regionCode: null } });
  creds = res.body;
});
afterAll(() => p.close());

describe('@xapi/xapi with the fetch adapter', () => {
  it('sends statements and queries them back', async () => {
    const client = new XAPI({ endpoint, auth: XAPI.toBasicAuth(creds.key, creds.secret), adapter: 'fetch', version: '1.0.3' });
    const activity = `https://learn.example.com/xapijs/${randomUUID()}`;
    const actor = { objectType: 'Agent' as const, mbox: 'mailto:xapijs@example.com' as const };
    const sent = await client.sendStatement({ statement: { actor, verb: XAPI.Verbs.COMPLETED, object: { objectType: 'Activity', id: activity } } });
    expect(sent.data).toHaveLength(1);
    await client.sendStatements({
      statements: [1, 2].map(() => ({
        actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
        object: { objectType: 'Activity' as const, id: activity },
      })),
    });
    const found = await client.getStatements({ activity, verb: XAPI.Verbs.COMPLETED.id });
    expect(found.data.statements.map((s) => s.id)).toEqual(sent.data);
    const page = await client.getStatements({ activity, limit: 2 });
    expect(page.data.statements).toHaveLength(2);
    const more = (await client.getMoreStatements({ more: page.data.more! })).data as { statements: unknown[] };
    expect(more.statements).toHaveLength(1);
    const one = await client.getStatement({ statementId: sent.data[0] });
    expect(one.data.verb.id).toBe(XAPI.Verbs.COMPLETED.id);
    await client.voidStatement({ actor, statementId: sent.data[0] });
    expect((await client.getVoidedStatement({ voidedStatementId: sent.data[0] })).data.id).toBe(sent.data[0]);
    await client.setState({ agent: actor, activityId: activity, stateId: 'bookmark', state: { page: 7 } });
    expect((await client.getState({ agent: actor, activityId: activity, stateId: 'bookmark' })).data).toEqual({ page: 7 });
  });
});

// TinCanJS speaks up to 1.0.2; the store accepts every 1.0.x client.
describe('TinCanJS', () => {
  it('saves a statement and queries it back', async () => {
    const lrs = new TinCan.LRS({ endpoint, username: creds.key, password: creds.secret, version: '1.0.2', allowFail: false });
    const activity = `https://learn.example.com/tincan/${randomUUID()}`;
    const statement = new TinCan.Statement({
      actor: { mbox: 'mailto:tincan@example.com', name: '学员' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'zh-CN': '学习了' } },
      target: { id: activity, definition: { name: { 'zh-CN': '书法' } } },
    });
    const saveError = await new Promise((resolve) => lrs.saveStatement(statement, { callback: (err: unknown) => resolve(err) }));
    expect(saveError).toBeNull();
    const result = await new Promise<{ err: unknown; statements: { id: string; target: { id: string } }[] }>((resolve) =>
      lrs.queryStatements({
        params: { activity: new TinCan.Activity({ id: activity }) },
        callback: (err: unknown, r: { statements: { id: string; target: { id: string } }[] }) => resolve({ err, statements: r?.statements ?? [] }),
      }),
    );
    expect(result.err).toBeNull();
    expect(result.statements.map((s) => s.id)).toEqual([statement.id]);
    expect(result.statements[0].target.id).toBe(activity);
  });
});
