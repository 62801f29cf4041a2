import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { fmt } from '../../src/server/modules/monitoring/overview.text';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let streets: { code: string; name: string }[];
let bare: { code: string; name: string };

const FIELDS = [
  { key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' },
  { key: 'participants', label: '参与学习的居民（去重）', type: 'integer', unit: '人', required: true, feeds: 'PARTICIPANTS' },
];

beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  street = await p.login('street');
  streets = (await p.request('GET', '/api/regions/330105/children?pageSize=100', { headers: district })).body.items;
  // Every street reports the year; three spent 1.5 M + 1.5 M + 1 M yuan, the others nothing; all accepted by the district.
  const tpl = await p.request('POST', '/api/monitoring/form-templates', { headers: district, body: { title: '社区教育年度统计', ownerRegionCode: '330105', fields: FIELDS } });
  expect(tpl.status).toBe(201);
  const spent: Record<string, number> = { '330105012': 1_500_000, [streets[0].code]: 1_500_000, [streets[1].code]: 1_000_000 };
  const units = streets.map((s) => ({ regionCode: s.code }));
  const task = await p.request('POST', '/api/monitoring/form-tasks', { headers: district, body: { templateId: tpl.body.id, period: '2026', deadline: '2026-12-20', units } });
  expect(task.status).toBe(201);
  for (const a of task.body.assignments) {
    const sub = await p.request('POST', `/api/monitoring/assignments/${a.id}/submissions`, { headers: district, body: { values: { funding: spent[a.regionCode] ?? 0, participants: spent[a.regionCode] ? 20_000 : 0 } } });
    expect(sub.status).toBe(200);
    expect((await p.request('POST', `/api/monitoring/assignments/${a.id}/review`, { headers: district, body: { decision: 'accept' } })).status).toBe(200);
  }
  // A street of 62,000 residents whose centre has 5 full-time staff: short of max(3, 6.2).
  bare = streets[streets.length - 1];
  expect((await p.request('PUT', `/api/regions/${bare.code}/populations/2026`, { headers: district, body: { total: 62_000, age60plus: 14_000, source: '街道填报' } })).status).toBe(200);
  expect((await p.request('POST', '/api/institutions', { headers: district, body: { name: `${bare.name}社区教育中心`, type: 'street_branch', regionCode: bare.code, fullTimeStaff: 5 } })).status).toBe(201);
  expect((await p.request('POST', '/api/monitoring/computations', { headers: district, body: { region: '330105', year: 2026 } })).status).toBe(200);
}, 120_000);
afterAll(() => p.close());

const figure = (list: { code: string }[], code: string) => list.find((f) => f.code === code) as any;

describe('dashboard overview', () => {
  it('shows 3.57 yuan per resident flagged below the 4-yuan standard, and the street short of max(3, 6.2)', async () => {
    const res = await p.request('GET', '/api/monitoring/overview?region=330105&year=2026', { headers: district });
    expect(res.status).toBe(200);
    const o = res.body;
    expect(figure(o.headline, 'POP').value).toBe(1_120_985);
    expect(figure(o.headline, 'FUNDING').value).toBe(4_000_000);
    expect(figure(o.headline, 'I01').value.toFixed(2)).toBe('3.57');
    expect(figure(o.headline, 'I01').status).toBe('below');
    expect(o.alerts).toContainEqual(expect.objectContaining({ regionCode: '330105', indicator: 'I01', set: 'gongshu', threshold: 4 }));
    expect(o.alerts).toContainEqual(expect.objectContaining({ regionCode: bare.code, indicator: 'STREET_SCHOOL_STAFF', value: 5, threshold: 6.2 }));
    expect(o.sentences).toContain('杭州市拱墅区人均社区教育经费为 3.57 元/人·年，低于拱墅区标准（>= 4）0.43 元/人·年。');
    expect(o.sentences.join('')).toContain(`${bare.name}（5，标准 >= max(3, 6.2)，差 1.2 人）`);
    // Rankings: the three reporting streets by funding, largest first.
    const funding = o.rankings.find((r: any) => r.code === 'FUNDING');
    expect(funding.items.slice(0, 4).map((i: any) => i.value)).toEqual([1_500_000, 1_500_000, 1_000_000, 0]);
    expect(figure(o.headline, 'I01')).toMatchObject({ coverage: { expected: 18, reported: 18, complete: true }, coverageText: '18/18 个街道已报送（2026）' });
    expect(figure(o.headline, 'I01').computedAt).toBe(o.computedAt);
    expect(o.heat.rows.length).toBe(o.childCount);
    // A street administrator sees only their own street.
    expect((await p.request('GET', '/api/monitoring/overview?region=330105&year=2026', { headers: street })).status).toBe(404);
    expect((await p.request('GET', '/api/monitoring/overview?region=330105012&year=2026', { headers: street })).status).toBe(200);
  });

  it('participation from the learning archive: learners recorded in the year are counted per region', async () => {
    const o = (await p.request('GET', '/api/monitoring/overview?region=330105&year=2026', { headers: district })).body;
    const archive = await p.services.archive.statistics('330105', new Date('2026-01-01T00:00:00+08:00'), new Date('2027-01-01T00:00:00+08:00'));
    expect(figure(o.headline, 'LEARNERS').value).toBe(archive.learners);
    expect(p.services.monitoringQueries.get('archive.learners')).not.toBeNull();
  });

  it('exports any dashboard table to Excel', async () => {
    const res = await p.request('GET', '/api/monitoring/overview/alerts.xlsx?region=330105&year=2026', { headers: district });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r: any) => r.slice(1));
    expect(rows[0]).toEqual(['区域', '指标', '数值', '标准', '标准来源', '差距']);
    expect(rows).toContainEqual(['杭州市拱墅区', '人均社区教育经费', 3.57, '>= 4', '拱墅区标准', 0.43]);
    expect((await p.request('GET', '/api/monitoring/overview/nope.xlsx?region=330105&year=2026', { headers: district })).status).toBe(422);
  });
});

describe('annual development report', () => {
  it('is generated as a job, downloads as a .docx that LibreOffice converts to PDF with the figures in it', async () => {
    const start = await p.request('POST', '/api/monitoring/reports', { headers: district, body: { region: '330105', year: 2026 } });
    expect(start.status).toBe(202);
    await p.services.jobs.settled(start.body.id);
    const job = await p.request('GET', `/api/jobs/${start.body.id}`, { headers: district });
    expect(job.body).toMatchObject({ status: 'succeeded', kind: 'monitoring.report', error: null });
    const file = await p.request('GET', `/api/files/${job.body.result.fileId}`, { headers: district });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    // Another staff member cannot read it.
    expect((await p.request('GET', `/api/files/${job.body.result.fileId}`, { headers: street })).status).toBe(404);

    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    try {
      writeFileSync(join(dir, 'report.docx'), file.raw as unknown as Buffer);
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { timeout: 120_000, stdio: 'ignore' });
      execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), join(dir, 'report.txt')]);
      const text = readFileSync(join(dir, 'report.txt'), 'utf8').replace(/\s+/g, '');
      expect(text).toContain('拱墅区2026年度社区教育发展报告');
      expect(text).toContain('1,120,985');
      expect(text).toContain('社区教育专项经费4,000,000元');
      expect(text).toContain('人均社区教育经费为3.57元/人·年，低于拱墅区标准（>=4）0.43元/人·年。');
      expect(text).toContain(`${bare.name}（5，标准>=max(3,6.2)，差1.2人）`);
      expect(text).not.toContain('尚未在本平台运行');
      expect(text).toContain('年内获得学分认定的居民数');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a report on a region outside the caller’s scope before starting a job', async () => {
    expect((await p.request('POST', '/api/monitoring/reports', { headers: street, body: { region: '330105', year: 2026 } })).status).toBe(404);
  });
});

/** The report's paragraphs as text, read from the .docx itself. */
async function reportParagraphs(headers: Record<string, string>, region: string) {
  const start = await p.request('POST', '/api/monitoring/reports', { headers, body: { region, year: 2026 } });
  expect(start.status).toBe(202);
  await p.services.jobs.settled(start.body.id);
  const job = await p.request('GET', `/api/jobs/${start.body.id}`, { headers });
  expect(job.body.status, JSON.stringify(job.body)).toBe('succeeded');
  const file = await p.request('GET', `/api/files/${job.body.result.fileId}`, { headers });
  const xml = await (await JSZip.loadAsync(file.raw as unknown as Buffer)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter(Boolean).map((t) => t.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one computation behind every sentence (issue 17, item 3)', () => {
  it('each figure sentence of the report states the dashboard\'s value and judges it as the numbers do', async () => {
    const o = (await p.request('GET', '/api/monitoring/overview?region=330105&year=2026', { headers: district })).body;
    const paragraphs = await reportParagraphs(district, '330105');
    const figures = [...o.headline, ...Object.values(o.sections).flat()] as any[];
    let checked = 0;
    let judged = 0;
    for (const f of figures.filter((x) => x.value !== null)) {
      for (const sentence of paragraphs.filter((t) => new RegExp(`^${escape(f.nameZh)}[-\\d]`).test(t))) {
        checked++;
        // The number is the dashboard's, as shown.
        expect(sentence.slice(f.nameZh.length).startsWith(fmt(f.value, f.decimals)), sentence).toBe(true);
        // Every judgement in the sentence follows from value and threshold; a partial figure is judged by none.
        for (const m of sentence.matchAll(/(达到|低于|超出)([^（，]+)（(>=|<=) ([^）]+)）/g)) {
          judged++;
          const check = f.checks.find((c: any) => c.setName === m[2] && c.thresholdText === `${m[3]} ${m[4]}`);
          expect(check, sentence).toBeTruthy();
          const shown = Number(f.value.toFixed(f.decimals));
          expect(m[1] === '达到' ? shown >= check.threshold : shown < check.threshold, sentence).toBe(true);
          expect(f.coverage?.complete ?? true, sentence).toBe(true);
        }
        if (sentence.includes('暂不判定')) expect(f.coverage.complete, sentence).toBe(false);
        // A rate counted from a fraction says the fraction it was counted from.
        const frac = /（([\d,]+)\/([\d,]+)）/.exec(sentence);
        if (frac && f.detail) expect([Number(frac[1].replace(/,/g, '')), Number(frac[2].replace(/,/g, ''))]).toEqual([f.detail.numerator, f.detail.denominator]);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(judged).toBeGreaterThan(8);
    // The staffing standard: the streets listed below it are exactly the dashboard's alerts, and the rate's
    // fraction leaves exactly that many streets out (the "9 streets below beside 100 % 达标").
    const i05 = figures.find((f) => f.code === 'I05');
    const short = o.alerts.filter((a: any) => a.indicator === 'STREET_SCHOOL_STAFF');
    expect(short.map((a: any) => a.regionCode)).toEqual([bare.code]);
    expect(i05.detail.denominator - i05.detail.numerator).toBe(short.length);
    expect(paragraphs).toContain(`专职人员未达到配备标准的街道社区学校 1 所：${bare.name}。`);
    expect(paragraphs.some((t) => t.startsWith(`街道社区学校专职人员达标率${fmt(i05.value, 1)}%（${i05.detail.numerator}/${i05.detail.denominator}）`))).toBe(true);
    // Sections say what their data say: the credit bank and learning organisations exist on this platform.
    expect(paragraphs.join('')).not.toMatch(/尚未在本平台运行|尚未接入/);
    const credited = figures.find((f) => f.code === 'CREDITED');
    expect(paragraphs).toContain(credited.value === 0 ? '2026年尚无居民获得学分认定。' : `年内获得学分认定的居民数${fmt(credited.value, 0)} 人。`);
    const teams = figures.find((f) => f.code === 'I23');
    expect(paragraphs.some((t) => t.startsWith(`学习型组织数${fmt(teams.value, 0)}`))).toBe(true);
  }, 120_000);

  it('a street-only report shows its coverage and judges nothing district-wide', async () => {
    const o = (await p.request('GET', '/api/monitoring/overview?region=330105012&year=2026', { headers: street })).body;
    expect(o.headline.find((f: any) => f.code === 'FUNDING')).toMatchObject({ value: 1_500_000, coverageText: '1/1 个街道已报送（2026）' });
    // Only the street's own standards apply: the district's (I01 ≥ 4 元, I14 ≥ 50 %) are not judged at street level.
    expect(o.compliance.flatMap((c: any) => c.checks.map(() => c.code)).every((code: string) => ['STREET_SCHOOL_STAFF', 'STREET_SCHOOL_AREA'].includes(code))).toBe(true);
    const paragraphs = await reportParagraphs(street, '330105012');
    const text = paragraphs.join('\n');
    expect(text).toContain('1/1 个街道已报送（2026）');
    expect(text).not.toMatch(/(人均社区教育经费|社区教育年参与率)[^\n]*(达到|低于)/);
  }, 120_000);
});
