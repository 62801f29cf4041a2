import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('course categories', () => {
  it('ships the taxonomy, readable by anyone, in both languages', async () => {
    const res = await p.request('GET', '/api/course-categories');
    expect(res.status).toBe(200);
    const shuhua = res.body.items.find((c: { code: string }) => c.code === 'SHUHUA');
    expect(shuhua).toMatchObject({ nameZh: '书画', nameEn: 'Calligraphy and painting' });
    expect(shuhua.examples).toContain('书法(楷书)');
    expect(res.body.items.length).toBeGreaterThanOrEqual(12);
  });

  it('lets the district office add and rename categories, audited; a street admin cannot', async () => {
    const district = await p.login('district');
    const street = await p.login('street');
    const body = { code: 'CHAYI', nameZh: '茶艺', nameEn: 'Tea art', examples: ['茶艺入门'] };
    expect((await p.request('POST', '/api/course-categories', { headers: street, body })).status).toBe(403);
    const created = await p.request('POST', '/api/course-categories', { headers: district, body });
    expect(created.status).toBe(201);
    expect((await p.request('POST', '/api/course-categories', { headers: district, body })).status).toBe(422);
    const bad = await p.request('POST', '/api/course-categories', { headers: district, body: { ...body, code: 'bad code' } });
    expect(bad.body.error.details.fields.code).toBeTruthy();
    const renamed = await p.request('PATCH', '/api/course-categories/CHAYI', {
      headers: { ...district, 'if-match': '"1"' },
      body: { nameZh: '茶艺与茶文化', active: false },
    });
    expect(renamed.status).toBe(200);
    expect((await p.request('GET', '/api/course-categories')).body.items.some((c: { code: string }) => c.code === 'CHAYI')).toBe(false);
    const audit = await p.request('GET', '/api/audit-log?entityType=course_category', { headers: district });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['category.create', 'category.update']));
  });
});
