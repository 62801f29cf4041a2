// The UNESCO GNLC biennial self-report (issue 17, item 9): the same indicator results as the dashboard,
// under the Key Features of Learning Cities, in Chinese and English, as JSON and .docx. Every figure a
// sentence states is held against the computation; the report is scoped and its export audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { fmt } from '../../src/server/modules/monitoring/overview.text';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let streets: { code: string; name: string }[];

const FIELDS = [
  { key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' },
  { key: 'participants', label: '参与学习的居民（去重）', type: 'integer', unit: '人', required: true, feeds: 'PARTICIPANTS' },
];

/** A year's statistics from the given streets (all accepted); the others never report. */
async function report(templateId: string, period: string, values: Record<string, { funding: number; participants: number }>, units: string[]) {
  const task = await p.request('POST', '/api/monitoring/form-tasks', {
    headers: district,
    body: { templateId, period, deadline: '2026-12-20', units: units.map((regionCode) => ({ regionCode })) },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  for (const a of task.body.assignments) {
    if (!values[a.regionCode]) continue;
    expect(
      (await p.request('POST', `/api/monitoring/assignments/${a.id}/submissions`, { headers: district, body: { values: values[a.regionCode] } })).status,
    ).toBe(200);
    expect((await p.request('POST', `/api/monitoring/assignments/${a.id}/review`, { headers: district, body: { decision: 'accept' } })).status).toBe(200);
  }
}

beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  street = await p.login('street');
  streets = (await p.request('GET', '/api/regions/330105/children?pageSize=100', { headers: district })).body.items;
  const tpl = await p.request('POST', '/api/monitoring/form-templates', {
    headers: district,
    body: { title: '社区教育年度统计', ownerRegionCode: '330105', fields: FIELDS },
  });
  expect(tpl.status).toBe(201);
  const codes = streets.map((s) => s.code);
  // 2025: every street reported (a complete year, judged); 2026: only two of them so far (partial, not judged).
  await report(tpl.body.id, '2025', Object.fromEntries(codes.map((c, i) => [c, { funding: 200_000 + i * 10_000, participants: 15_000 }])), codes);
  await report(tpl.body.id, '2026', { [codes[0]]: { funding: 900_000, participants: 30_000 }, [codes[1]]: { funding: 600_000, participants: 25_000 } }, codes);
  for (const year of [2025, 2026])
    expect((await p.request('POST', '/api/monitoring/computations', { headers: district, body: { region: '330105', year } })).status).toBe(200);
}, 180_000);
afterAll(() => p.close());

type Sentence = { text: string; figures: { code: string; year: number; value: number }[] };
const sentencesOf = (r: any): Sentence[] => [...r.summary, ...r.groups.flatMap((g: any) => g.features.flatMap((f: any) => f.sentences))];

/** Every figure a sentence cites equals the computed result of that indicator and year, printed as the result's decimals. */
async function expectFiguresMatchTheComputation(r: any, headers: Record<string, string>, region: string) {
  const results = new Map<number, Map<string, any>>();
  for (const year of [2025, 2026]) {
    const res = await p.request('GET', `/api/monitoring/results?region=${region}&year=${year}`, { headers });
    expect(res.status).toBe(200);
    results.set(year, new Map(res.body.items.map((i: any) => [i.code, i])));
  }
  let cited = 0;
  for (const s of sentencesOf(r)) {
    for (const f of s.figures) {
      const computed = results.get(f.year)!.get(f.code);
      expect(computed, `${f.code} ${f.year}`).toBeDefined();
      expect(f.value, s.text).toBe(computed.value);
      expect(s.text, `${f.code} ${f.year}`).toContain(fmt(computed.value, computed.decimals));
      cited++;
    }
  }
  return cited;
}

describe('UNESCO GNLC biennial self-report', () => {
  it("in Chinese: the Key Features headings, each sentence's figures equal to the computation, coverage and gaps stated", async () => {
    const res = await p.request('GET', '/api/monitoring/unesco-report?region=330105&year=2026&lang=zh-CN', { headers: district });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ lang: 'zh-CN', year: 2026, previousYear: 2025, region: { code: '330105' } });
    expect(r.title).toBe('联合国教科文组织全球学习型城市网络双年度自评报告');
    expect(r.groups.map((g: any) => [g.key, g.features.length])).toEqual([
      ['benefits', 3],
      ['blocks', 6],
      ['conditions', 3],
    ]);
    const titles = r.groups.flatMap((g: any) => g.features.map((f: any) => f.title));
    for (const t of ['个人赋能与社会凝聚', '可持续发展', '振兴家庭和社区学习', '扩大现代学习技术的使用', '强有力的政治意愿和承诺', '资源的调动与利用'])
      expect(titles.join('|')).toContain(t);
    expect(await expectFiguresMatchTheComputation(r, district, '330105')).toBeGreaterThan(20);

    const feature = (key: string) => r.groups.flatMap((g: any) => g.features).find((f: any) => f.key === key);
    // Funding per resident: 2026 rests on 2 of 18 streets, so it is shown with its coverage and judged against nothing.
    const funding = feature('F3').sentences.find((s: Sentence) => s.figures.some((f) => f.code === 'I01'));
    expect(funding.text).toContain('2/18 个街道已报送（2026），数据不全');
    expect(funding.text).toContain('暂不判定');
    expect(funding.text).not.toMatch(/低于|达到/);
    expect(funding.figures.map((f: any) => f.year)).toEqual([2026, 2025]);
    expect(r.summary.map((s: Sentence) => s.text).join('')).toContain('报送不全，暂不判定是否达标');
    // Sustainable development: no indicator on the platform, said so rather than skipped.
    expect(feature('B3').coverage).toEqual({ indicators: 0, withData: 0 });
    expect(feature('B3').gap).toContain('平台尚无对应本项的指标');
    // The workplace indicators are filed under K3 by data/indicators.csv and nobody reported them: named as missing.
    expect(feature('K3').missing).toEqual(expect.arrayContaining(['I03', 'I18', 'I19', 'I22']));
    expect(
      feature('K3')
        .sentences.map((s: Sentence) => s.text)
        .join(''),
    ).toContain('平台暂无以下指标的2026年数据：企业职工教育经费提取比例');
    const counted = r.groups.flatMap((g: any) => g.features).reduce((a: number, f: any) => a + f.coverage.indicators, 0);
    const inCsv =
      readFileSync(fileURLToPath(new URL('../../data/indicators.csv', import.meta.url)), 'utf8')
        .trim()
        .split('\n').length - 1;
    expect(counted).toBe(inCsv);
  });

  it("in English: the same figures, every word English but the region's own name; the screen's language does not decide", async () => {
    const zh = (await p.request('GET', '/api/monitoring/unesco-report?region=330105&year=2026&lang=zh-CN', { headers: district })).body;
    const res = await p.request('GET', '/api/monitoring/unesco-report?region=330105&year=2026&lang=en', {
      headers: { ...district, 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.title).toBe('UNESCO Global Network of Learning Cities: biennial self-report');
    expect(r.groups.flatMap((g: any) => g.features.map((f: any) => f.title))).toContain('K2 Revitalised learning in families and communities');
    expect(await expectFiguresMatchTheComputation(r, district, '330105')).toBeGreaterThan(20);
    const figuresOf = (x: any) => sentencesOf(x).flatMap((s) => s.figures);
    expect(figuresOf(r)).toEqual(figuresOf(zh));
    const everything = JSON.stringify({ ...r, region: null }).replaceAll(r.region.name, '');
    expect(everything.match(/[\u3400-\u9fff]+/g)).toBeNull();
    const funding = sentencesOf(r).find((s) => s.figures.some((f) => f.code === 'I01'))!;
    expect(funding.text).toMatch(/yuan per resident per year in 2026 \(2 of 18 streets.*; incomplete\)/);
    expect(funding.text).toContain('not judged against');
  });

  it('downloads as a .docx in either language with every sentence in it, audited; LibreOffice opens it', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const json = (await p.request('GET', `/api/monitoring/unesco-report?region=330105&year=2026&lang=${lang}`, { headers: district })).body;
      const res = await p.request('GET', `/api/monitoring/unesco-report.docx?region=330105&year=2026&lang=${lang}`, { headers: district });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const xml = await (await JSZip.loadAsync(res.raw)).file('word/document.xml')!.async('string');
      const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
        .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
        .map((t) =>
          t
            .replace(/&gt;/g, '>')
            .replace(/&lt;/g, '<')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&'),
        );
      expect(paragraphs).toContain(json.title);
      for (const s of sentencesOf(json)) expect(paragraphs, s.text).toContain(s.text);
      for (const f of json.groups.flatMap((g: any) => g.features)) expect(paragraphs.some((x) => x.endsWith(f.gap))).toBe(true);
      if (lang === 'zh-CN') {
        const dir = mkdtempSync(join(tmpdir(), 'unesco-'));
        try {
          writeFileSync(join(dir, 'r.docx'), res.raw);
          execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'r.docx')], {
            timeout: 120_000,
            stdio: 'ignore',
          });
          execFileSync('pdftotext', [join(dir, 'r.pdf'), join(dir, 'r.txt')]);
          const text = readFileSync(join(dir, 'r.txt'), 'utf8').replace(/\s+/g, '');
          expect(text).toContain('联合国教科文组织全球学习型城市网络双年度自评报告');
          expect(text).toContain('振兴家庭和社区学习');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    const audit = await p.request('GET', '/api/audit-log?action=monitoring.unesco_report.export', { headers: await p.login('admin') });
    expect(audit.body.items.map((a: any) => a.details.lang).sort()).toEqual(['en', 'zh-CN']);
  }, 180_000);

  it("is read within the caller's scope only, and refuses bad input without writing anything", async () => {
    expect((await p.request('GET', '/api/monitoring/unesco-report?region=330105&year=2026', { headers: street })).status).toBe(404);
    expect((await p.request('GET', '/api/monitoring/unesco-report.docx?region=330105&year=2026&lang=en', { headers: street })).status).toBe(404);
    const own = await p.request('GET', '/api/monitoring/unesco-report?region=330105012&year=2026&lang=en', { headers: street });
    expect(own.status).toBe(200);
    expect(own.body.region.code).toBe('330105012');
    await expectFiguresMatchTheComputation(own.body, street, '330105012');
    expect((await p.request('GET', '/api/monitoring/unesco-report?region=330105&year=2026')).status).toBe(401);
    const bad = await p.request('GET', '/api/monitoring/unesco-report?region=330105&year=2026&lang=fr', { headers: district });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toHaveProperty('lang');
    expect(bad.body.error.code).toBeTruthy();
    const audit = await p.request('GET', '/api/audit-log?action=monitoring.unesco_report.export', { headers: await p.login('admin') });
    expect(audit.body.items.every((a: any) => a.regionCode === '330105')).toBe(true);
  });
});
