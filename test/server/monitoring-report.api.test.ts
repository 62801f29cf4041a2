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
  const tpl = await p.request('POST', '/api/monitoring/form-templates', {
    headers: district,
    body: { title: '社区教育年度统计', ownerRegionCode: '330105', fields: FIELDS },
  });
  expect(tpl.status).toBe(201);
  const spent: Record<string, number> = { '330105012': 1_500_000, [streets[0].code]: 1_500_000, [streets[1].code]: 1_000_000 };
  const units = streets.map((s) => ({ regionCode: s.code }));
  const task = await p.request('POST', '/api/monitoring/form-tasks', {
    headers: district,
    body: { templateId: tpl.body.id, period: '2026', deadline: '2026-12-20', units },
  });
  expect(task.status).toBe(201);
  for (const a of task.body.assignments) {
    const sub = await p.request('POST', `/api/monitoring/assignments/${a.id}/submissions`, {
      headers: district,
      body: { values: { funding: spent[a.regionCode] ?? 0, participants: spent[a.regionCode] ? 20_000 : 0 } },
    });
    expect(sub.status).toBe(200);
    expect((await p.request('POST', `/api/monitoring/assignments/${a.id}/review`, { headers: district, body: { decision: 'accept' } })).status).toBe(200);
  }
  // A street of 62,000 residents whose centre has 5 full-time staff: short of max(3, 6.2).
  bare = streets[streets.length - 1];
  expect(
    (
      await p.request('PUT', `/api/regions/${bare.code}/populations/2026`, {
        headers: district,
        body: { total: 62_000, age60plus: 14_000, source: '街道填报' },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await p.request('POST', '/api/institutions', {
        headers: district,
        body: { name: `${bare.name}社区教育中心`, type: 'street_branch', regionCode: bare.code, fullTimeStaff: 5 },
      })
    ).status,
  ).toBe(201);
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
    const rows = wb.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((r: any) => r.slice(1));
    expect(rows[0]).toEqual(['区域', '指标', '数值', '标准', '标准来源', '差距']);
    expect(rows).toContainEqual(['杭州市拱墅区', '人均社区教育经费', 3.57, '>= 4', '拱墅区标准', 0.43]);
    expect((await p.request('GET', '/api/monitoring/overview/nope.xlsx?region=330105&year=2026', { headers: district })).status).toBe(422);
  });
});

/** Converts a .docx with LibreOffice and reads the PDF's text (whitespace removed, as a reader would compare it). */
function pdfText(docx: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    writeFileSync(join(dir, 'report.docx'), docx);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), join(dir, 'report.txt')]);
    return readFileSync(join(dir, 'report.txt'), 'utf8').replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Generates the report as a job and downloads the .docx. */
async function reportDocx(headers: Record<string, string>, body: Record<string, unknown>) {
  const start = await p.request('POST', '/api/monitoring/reports', { headers, body });
  expect(start.status).toBe(202);
  await p.services.jobs.settled(start.body.id);
  const job = await p.request('GET', `/api/jobs/${start.body.id}`, { headers });
  expect(job.body, JSON.stringify(job.body)).toMatchObject({ status: 'succeeded', kind: 'monitoring.report', error: null });
  const file = await p.request('GET', `/api/files/${job.body.result.fileId}`, { headers });
  expect(file.status).toBe(200);
  expect(file.headers['content-type']).toContain('wordprocessingml');
  return { fileId: job.body.result.fileId as string, filename: job.body.result.filename as string, docx: file.raw as unknown as Buffer };
}

describe('annual development report', () => {
  it("is generated as a job, downloads as a .docx that LibreOffice converts to a PDF that reads as a district's report", async () => {
    const { fileId, filename, docx } = await reportDocx(district, { region: '330105', year: 2026 });
    expect(filename).toBe('杭州市拱墅区2026年度社区教育发展报告.docx');
    // Another staff member cannot read it.
    expect((await p.request('GET', `/api/files/${fileId}`, { headers: street })).status).toBe(404);

    const text = pdfText(docx);
    // The cover: title, the installation's issuing body, the date.
    const cover = text.slice(0, text.indexOf('一、总体情况'));
    expect(cover).toContain('杭州市拱墅区2026年度社区教育发展报告');
    expect(cover).toContain('杭州市拱墅区学习型城市建设领导小组办公室');
    const today = p.clock.now();
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(today).split('-').map(Number);
    expect(cover).toContain(`${y}年${m}月${d}日`);
    // The headings, in the order of a district's annual report and the policy documents' headings.
    const headings = [
      '一、总体情况',
      '二、2026年主要工作',
      '（一）健全社区教育网络',
      '（二）整合社区教育资源',
      '（三）丰富各类学习活动',
      '（四）积极发展老年教育',
      '（五）推进学习型组织创建',
      '（六）推进学分银行建设',
      '（七）加强终身学习数字化建设',
      '（八）加大经费保障',
      '（九）加强队伍建设',
      '三、与上年和标准的比较',
      '（一）与上年比较',
      '（二）对照标准',
      '四、存在的问题',
      '五、2027年工作重点',
      '附录一各街道主要数据',
      '附录二数据来源与覆盖情况',
    ];
    const at = headings.map((h) => text.indexOf(h, cover.length));
    expect(
      at.every((i) => i > 0),
      headings.filter((_, i) => at[i] < 0).join(' '),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Sentences with the dashboard's numbers.
    expect(text).toContain('1,120,985');
    expect(text).toContain('社区教育专项经费4,000,000元');
    expect(text).toContain('人均社区教育经费3.57元/人·年，低于拱墅区标准（>=4）');
    expect(text).toContain('人均社区教育经费为3.57元/人·年，低于拱墅区标准（>=4）0.43元/人·年。');
    expect(text).toContain(`${bare.name}（5，标准>=max(3,6.2)，差1.2人）`);
    expect(text).not.toContain('尚未在本平台运行');
    expect(text).toContain('年内获得学分认定的居民数');
    // Problems and priorities drafted from what fell short.
    const problems = text.slice(text.indexOf('四、存在的问题'), text.indexOf('五、2027年工作重点'));
    expect(problems).toContain('人均社区教育经费为3.57元/人·年，低于拱墅区标准（>=4），差0.43元/人·年。');
    expect(problems).toContain(`1个街道街道社区学校专职人员数未达到拱墅区标准：${bare.name}。`);
    expect(text.slice(text.indexOf('五、2027年工作重点'))).toContain(`为${bare.name}的街道社区学校补足专职人员，共需增加不少于2人。`);
    // Every street in the appendix's table and on every chart's data; no wall of "no data".
    const appendix = text.slice(text.indexOf('附录一各街道主要数据'), text.indexOf('附录二数据来源与覆盖情况'));
    for (const s of streets) expect(appendix, s.name).toContain(s.name);
    expect(text).not.toContain('暂无数据');
    const sources = text.slice(text.indexOf('附录二数据来源与覆盖情况'));
    expect(sources).toContain('18/18个街道已报送（2026）');
    expect(sources).toMatch(/以下\d+项指标本年度没有数据，原因是本年度未下发采集这些数据的填报任务/);
  }, 240_000);

  it('puts every street on every chart, and the web page shows the same document', async () => {
    const page = await p.request('GET', '/api/monitoring/report?region=330105&year=2026', { headers: district });
    expect(page.status).toBe(200);
    expect(page.body.appendix.charts.map((c: any) => c.key)).toEqual(['FUNDING', 'STREET_SCHOOL_STAFF']);
    for (const c of page.body.appendix.charts) {
      expect(c.items.map((i: any) => i.name).sort()).toEqual(streets.map((s) => s.name).sort());
      for (const s of streets) expect(c.svg, `${c.title}: ${s.name}`).toContain(s.name);
    }
    expect(page.body.appendix.regions.rows.map((r: string[]) => r[0]).sort()).toEqual([...streets.map((s) => s.name), '杭州市拱墅区'].sort());
    expect(page.body.issuer).toBe('杭州市拱墅区学习型城市建设领导小组办公室');
    // The summary's judgement counts the dashboard's checks, and the streets it names as short are the alerts'.
    const o = (await p.request('GET', '/api/monitoring/overview?region=330105&year=2026', { headers: district })).body;
    const checks = o.compliance.flatMap((c: any) => c.checks);
    const count = (s: string) => checks.filter((c: any) => c.status === s).length;
    expect(page.body.summary[1]).toContain(`对照所选标准，${count('meets')} 项达标，${count('below') + count('above')} 项未达标`);
    const short = new Set(o.alerts.filter((a: any) => a.regionCode !== '330105').map((a: any) => a.regionCode));
    expect(page.body.summary[1]).toContain(`18 个街道中有 ${short.size} 个至少一项未达标。`);
    // The page's paragraphs are the .docx's paragraphs.
    const paragraphs = await docxParagraphs((await reportDocx(district, { region: '330105', year: 2026 })).docx);
    for (const c of page.body.chapters) for (const t of c.paragraphs) expect(paragraphs).toContain(t);
    for (const t of [...page.body.summary, ...page.body.comparison.standards]) expect(paragraphs).toContain(t);
  });

  it('is written whole in English when asked, place names aside', async () => {
    const { docx, filename } = await reportDocx(district, { region: '330105', year: 2026, locale: 'en' });
    expect(filename).toBe('杭州市拱墅区 Community Education Development Report 2026.docx');
    const paragraphs = await docxParagraphs(docx);
    const text = paragraphs.join('\n');
    for (const h of [
      '1 Summary',
      '2 The work of 2026',
      '2.1 The community-education network',
      '2.9 Staffing',
      '3.1 Compared with 2025',
      '3.2 Against the standards',
      '4 Problems found',
      '5 Priorities for 2027',
      'Appendix 1 Figures by street',
      'Appendix 2 Data sources and coverage',
    ]) {
      expect(paragraphs, h).toContain(h);
    }
    expect(text).toContain(
      'Community-education funding per resident: 3.57 yuan per resident per year, below Gongshu standards (>= 4), meeting National standards (>= 2).',
    );
    const places = ['杭州市拱墅区', ...streets.map((s) => s.name)].sort((a, b) => b.length - a.length);
    const stripped = places.reduce((t, name) => t.split(name).join(''), text);
    expect(stripped.match(/[\u4e00-\u9fff]+/g) ?? []).toEqual([]);
  }, 120_000);
});

describe('problems and priorities, edited before export', () => {
  const body = { region: '330105', year: 2026, locale: 'zh-CN' };
  it('a leader edits the drafted text; the edit is audited, kept per region, year and language, and the export uses it', async () => {
    const leader = await p.login('leader');
    const before = (await p.request('GET', '/api/monitoring/report?region=330105&year=2026', { headers: leader })).body;
    expect(before.problems).toMatchObject({ edited: false });
    expect(before.problems.text).toBe(before.problems.drafted);
    const problems = `${before.problems.drafted}\n${before.problems.drafted.split('\n').length + 1}. 部分街道社区学校用房由社区活动中心临时借用，需在明年落实固定场地。`;
    const saved = await p.request('PUT', '/api/monitoring/report/texts', {
      headers: leader,
      body: { ...body, problems, priorities: '1. 全面落实人均 4 元经费标准。\n2. 补足专职人员。' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toMatchObject({ text: problems, edited: true, drafted: before.problems.drafted });
    expect(saved.body.priorities.text).toBe('1. 全面落实人均 4 元经费标准。\n2. 补足专职人员。');
    const audit = await p.request('GET', '/api/audit-log?action=monitoring.report_texts_saved', { headers: district });
    expect(audit.body.items[0]).toMatchObject({ entityId: '330105', regionCode: '330105' });
    // The English report keeps its own drafted text.
    expect((await p.request('GET', '/api/monitoring/report?region=330105&year=2026&locale=en', { headers: leader })).body.problems.edited).toBe(false);

    const paragraphs = await docxParagraphs((await reportDocx(district, { region: '330105', year: 2026 })).docx);
    expect(paragraphs).toContain('1. 全面落实人均 4 元经费标准。');
    expect(paragraphs.some((t) => t.includes('需在明年落实固定场地'))).toBe(true);

    // Back to the draft.
    const reverted = await p.request('PUT', '/api/monitoring/report/texts', { headers: leader, body: { ...body, problems: null, priorities: null } });
    expect(reverted.body.problems).toMatchObject({ edited: false, text: before.problems.drafted });
    expect((await p.request('GET', '/api/audit-log?action=monitoring.report_texts_reverted', { headers: district })).body.items).toHaveLength(1);
    // Editing one text leaves the other as drafted (it follows the figures, not a copy of today's draft).
    const one = await p.request('PUT', '/api/monitoring/report/texts', { headers: leader, body: { ...body, problems: '1. 只改问题。', priorities: null } });
    expect(one.body.problems).toMatchObject({ text: '1. 只改问题。', edited: true });
    expect(one.body.priorities).toMatchObject({ edited: false, text: before.priorities.drafted });
  }, 120_000);

  it('refuses outside scope, other roles and bad text, changing nothing', async () => {
    const count = async () => (await p.request('GET', '/api/audit-log?action=monitoring.report_texts_saved', { headers: district })).body.total;
    const n = await count();
    expect((await p.request('PUT', '/api/monitoring/report/texts', { headers: street, body: { ...body, problems: 'x', priorities: 'y' } })).status).toBe(404);
    const credit = await p.login('credit');
    const forbidden = await p.request('PUT', '/api/monitoring/report/texts', { headers: credit, body: { ...body, problems: 'x', priorities: 'y' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBeTruthy();
    for (const bad of [
      { problems: '   ', priorities: 'y' },
      { problems: 'x'.repeat(8001), priorities: 'y' },
      { problems: 'x', priorities: 'y', locale: 'fr' },
    ]) {
      const res = await p.request('PUT', '/api/monitoring/report/texts', { headers: district, body: { ...body, ...bad } });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.message).toBeTruthy();
    }
    expect(await count()).toBe(n);
  });
});

/** The .docx's paragraphs as text, read from the document itself. */
async function docxParagraphs(docx: Buffer) {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter(Boolean)
    .map((t) =>
      t
        .replace(/&gt;/g, '>')
        .replace(/&lt;/g, '<')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
}

/** The Chinese report's sentences: each narrative paragraph split after its full stops. */
async function reportParagraphs(headers: Record<string, string>, region: string) {
  const paragraphs = await docxParagraphs((await reportDocx(headers, { region, year: 2026 })).docx);
  return paragraphs.flatMap((t) => t.split(/(?<=。)/)).filter(Boolean);
}

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one computation behind every sentence (issue 17, item 3)', () => {
  it("each figure sentence of the report states the dashboard's value and judges it as the numbers do", async () => {
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
        if (frac && f.detail)
          expect([Number(frac[1].replace(/,/g, '')), Number(frac[2].replace(/,/g, ''))]).toEqual([f.detail.numerator, f.detail.denominator]);
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
    expect(paragraphs.some((t) => t.startsWith(`街道社区学校专职人员达标率${fmt(i05.value, 1)}%（${i05.detail.numerator}/${i05.detail.denominator}）`))).toBe(
      true,
    );
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
    expect(
      o.compliance.flatMap((c: any) => c.checks.map(() => c.code)).every((code: string) => ['STREET_SCHOOL_STAFF', 'STREET_SCHOOL_AREA'].includes(code)),
    ).toBe(true);
    const paragraphs = await reportParagraphs(street, '330105012');
    const text = paragraphs.join('\n');
    expect(text).toContain('1/1 个街道已报送（2026）');
    expect(text).not.toMatch(/(人均社区教育经费|社区教育年参与率)[^\n]*(达到|低于)/);
  }, 120_000);
});
