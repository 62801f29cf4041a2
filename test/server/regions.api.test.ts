import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('regions (public)', () => {
  it('serves the demo district with its census population and counts', async () => {
    const res = await p.request('GET', '/api/regions/330105');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: '330105',
      level: 'district',
      childCount: 18,
      descendantCounts: { street: 18, community: 178 },
      population: { year: 2020, total: 1_120_985, age60plus: 229_280 },
    });
  });

  it('lists the 18 streets and, under one street, its communities with their path', async () => {
    const streets = await p.request('GET', '/api/regions/330105/children?pageSize=50');
    expect(streets.body.total).toBe(18);
    expect(streets.body.items.map((s: { name: string }) => s.name)).toContain('天水街道');
    const communities = await p.request('GET', '/api/regions/330105012/children');
    expect(communities.body.total).toBe(7);
    expect(communities.body.items[0]).toMatchObject({ level: 'community', path: [{ code: '330105' }, { code: '330105012', name: '天水街道' }] });
  });

  it('pages and searches children', async () => {
    const page2 = await p.request('GET', '/api/regions/330105/children?page=2&pageSize=5');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 5, total: 18 });
    expect(page2.body.items).toHaveLength(5);
    const found = await p.request('GET', '/api/regions/330105/children?q=' + encodeURIComponent('天水'));
    expect(found.body.items.map((s: { code: string }) => s.code)).toEqual(['330105012']);
  });

  it('treats the 12-digit padded code as the same region', async () => {
    expect((await p.request('GET', '/api/regions/330105012000')).body.code).toBe('330105012');
  });

  it('answers an unknown code with a translated 404 and a malformed one with 404 too', async () => {
    const res = await p.request('GET', '/api/regions/330105099', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'region.not_found', message: 'No region has this code' });
    const zh = await p.request('GET', '/api/regions/abc');
    expect(zh.status).toBe(404);
    expect(zh.body.error.message).toBe('找不到该行政区划代码');
  });

  it('lets a region administrator set a population within scope, audited, and refuses outside it', async () => {
    const street = await p.login('street');
    const ok = await p.request('PUT', '/api/regions/330105012/populations/2025', {
      headers: street,
      body: { total: 61000, age60plus: 15000, source: '街道填报' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.population).toMatchObject({ year: 2025, total: 61000 });
    const other = await p.request('PUT', '/api/regions/330105001/populations/2025', { headers: street, body: { total: 1, source: 'x' } });
    expect(other.status).toBe(403);
    const bad = await p.request('PUT', '/api/regions/330105012/populations/2025', { headers: street, body: { total: 10, age60plus: 20, source: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.age60plus).toBeTruthy();
  });
});

describe('Suzhou installation', () => {
  it('loads the city with its ten county-level districts', async () => {
    const sz = await startTestPlatform({ district: '3205', demo: false });
    try {
      const city = await sz.request('GET', '/api/regions/3205');
      expect(city.body).toMatchObject({ level: 'city', childCount: 10, population: { total: 12_748_262 } });
      const park = await sz.request('GET', '/api/regions/320576');
      expect(park.body.name).toBe('苏州工业园区');
      expect(park.body.population.total).toBeGreaterThan(0);
    } finally {
      await sz.close();
    }
  });
});
