// Accepting several statistics forms at once (the demo year accepts every street's): each form is checked,
// moved and audited as one review is, and the indicators are recomputed once afterwards with the same result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/server/db/schema/index';
import type { RequestContext } from '../../src/server/kernel/actor';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let ctx: RequestContext;

beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  const [user] = await p.db.select().from(users).where(eq(users.username, 'district'));
  ctx = { actor: await p.services.auth.actorOf(user), ip: null, locale: 'zh-CN' };
}, 120_000);
afterAll(() => p.close());

describe('forms.reviewMany', () => {
  it('accepts each submitted form with its audit entry and feeds the indicators once; a form not submitted is refused', async () => {
    const streets = (await p.request('GET', '/api/regions/330105/children?pageSize=3', { headers: district })).body.items.slice(0, 3) as { code: string }[];
    const tpl = await p.request('POST', '/api/monitoring/form-templates', {
      headers: district,
      body: {
        title: '经费',
        ownerRegionCode: '330105',
        fields: [{ key: 'funding', label: '经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' }],
      },
    });
    const task = await p.request('POST', '/api/monitoring/form-tasks', {
      headers: district,
      body: { templateId: tpl.body.id, period: '2026', deadline: '2026-12-20', units: streets.map((s) => ({ regionCode: s.code })) },
    });
    expect(task.status).toBe(201);
    const ids = (task.body.assignments as { id: string }[]).map((a) => a.id);
    for (const [i, id] of ids.entries())
      expect(
        (await p.request('POST', `/api/monitoring/assignments/${id}/submissions`, { headers: district, body: { values: { funding: (i + 1) * 100_000 } } }))
          .status,
      ).toBe(200);

    expect(await p.services.forms.reviewMany(ctx, ids, { decision: 'accept', comment: '' })).toEqual({ reviewed: 3 });
    for (const id of ids) expect((await p.request('GET', `/api/monitoring/assignments/${id}`, { headers: district })).body.status).toBe('accepted');
    const audit = await p.request('GET', '/api/audit-log?action=form.accept&pageSize=50', { headers: await p.login('admin') });
    expect(audit.body.items.map((a: any) => a.entityId).sort()).toEqual([...ids].sort());
    const results = await p.request('GET', '/api/monitoring/results?region=330105&year=2026', { headers: district });
    expect(results.body.items.find((r: any) => r.code === 'FUNDING').value).toBe(600_000);

    await expect(p.services.forms.reviewMany(ctx, [ids[0]], { decision: 'accept', comment: '' })).rejects.toMatchObject({ code: 'form.not_submitted' });
  });
});
