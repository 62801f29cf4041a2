import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let streets: { code: string; name: string }[];
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  street = await p.login('street');
  streets = (await p.request('GET', '/api/regions/330105/children?pageSize=100', { headers: district })).body.items;
});
afterAll(() => p.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
function multipart(file: Buffer) {
  const boundary = '----learncity' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`);
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const FIELDS = [
  { key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' },
  { key: 'participants', label: '参与学习的居民（去重）', type: 'integer', unit: '人', required: true, feeds: 'PARTICIPANTS' },
  { key: 'remarks', label: '备注', type: 'text', required: false },
];

async function results(region: string, headers = district) {
  const res = await p.request('GET', `/api/monitoring/results?region=${region}&year=2026`, { headers });
  expect(res.status).toBe(200);
  return res.body;
}
const item = (r: { items: { code: string }[] }, code: string) => r.items.find((i) => i.code === code) as any;

describe('indicator catalogue', () => {
  it('ships the 38 indicators of data/indicators.csv and the seeds’ standards, with Gongshu’s chosen', async () => {
    const defs = await p.request('GET', '/api/monitoring/indicators', { headers: district });
    expect(defs.status).toBe(200);
    const codes = defs.body.items.map((d: { code: string }) => d.code);
    for (let i = 1; i <= 38; i++) expect(codes).toContain(`I${String(i).padStart(2, '0')}`);
    expect(defs.body.items.find((d: any) => d.code === 'I01')).toMatchObject({
      nameZh: '人均社区教育经费',
      source: { kind: 'derived', formula: 'FUNDING / POP' },
    });
    // Every computed indicator of the catalogue has its query on this platform (issue 17: none reads "no data" by construction).
    expect(defs.body.items.filter((d: any) => d.source.kind === 'computed' && !d.queryAvailable).map((d: any) => d.code)).toEqual([]);
    // Reported figures declare how a unit's quarters make its year.
    expect(defs.body.items.find((d: any) => d.code === 'FUNDING').source).toEqual({ kind: 'reported', aggregate: 'sum', annual: 'sum' });
    expect(defs.body.items.find((d: any) => d.code === 'PARTICIPANTS').source).toEqual({ kind: 'reported', aggregate: 'sum', annual: 'latest' });
    const sets = await p.request('GET', '/api/monitoring/standard-sets?region=330105', { headers: district });
    expect(sets.body.chosen).toEqual(['gongshu', 'national']);
    const gongshu = sets.body.items.find((s: any) => s.code === 'gongshu');
    expect(gongshu.rules).toContainEqual(expect.objectContaining({ indicator: 'I01', op: '>=', value: 4 }));
    expect(gongshu.rules).toContainEqual(expect.objectContaining({ indicator: 'STREET_SCHOOL_STAFF', value: 3, perResidents: 0.0001 }));
  });

  it('edits a definition as a new version, refuses a stale edit and a bad formula', async () => {
    const before = (await p.request('GET', '/api/monitoring/indicators/I08', { headers: district })).body;
    const body = {
      nameZh: before.nameZh,
      nameEn: before.nameEn,
      area: before.area,
      unit: before.unit,
      decimals: 1,
      description: '兼职教师与志愿者 / 常住人口 × 1 万',
      source: before.source,
    };
    const saved = await p.request('PUT', '/api/monitoring/indicators/I08', { headers: { ...district, 'if-match': `"${before.version}"` }, body });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    const stale = await p.request('PUT', '/api/monitoring/indicators/I08', { headers: { ...district, 'if-match': `"${before.version}"` }, body });
    expect(stale.status).toBe(409);
    const bad = await p.request('PUT', '/api/monitoring/indicators/I08', {
      headers: district,
      body: { ...body, source: { kind: 'derived', formula: 'PT_STAFF / NOPE' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields['source.formula']).toContain('NOPE');
    const history = (await p.request('GET', '/api/monitoring/indicators/I08', { headers: district })).body.history;
    expect(history.map((h: any) => h.version)).toEqual([2, 1]);
    expect((await p.request('PUT', '/api/monitoring/indicators/I08', { headers: street, body })).status).toBe(403);
  });
});

describe('quarterly reporting feeds the indicators', () => {
  let taskId: string;
  let tianshui: any;

  it('the district assigns a quarterly form to three streets', async () => {
    const tpl = await p.request('POST', '/api/monitoring/form-templates', {
      headers: district,
      body: { title: '社区教育季度统计', ownerRegionCode: '330105', fields: FIELDS },
    });
    expect(tpl.status).toBe(201);
    const units = ['330105012', streets[0].code, streets[1].code].map((regionCode) => ({ regionCode }));
    const task = await p.request('POST', '/api/monitoring/form-tasks', {
      headers: district,
      body: { templateId: tpl.body.id, period: '2026Q4', deadline: '2026-11-25', units },
    });
    expect(task.status).toBe(201);
    expect(task.body.assignments).toHaveLength(3);
    taskId = task.body.id;
    const mine = await p.request('GET', '/api/monitoring/assignments', { headers: street });
    expect(mine.body.items.map((a: any) => a.regionCode)).toEqual(['330105012']);
    tianshui = mine.body.items[0];
  });

  it('an Excel upload with a negative count and a missing required field lists both errors and saves nothing', async () => {
    const tpl = await p.request('GET', `/api/monitoring/assignments/${tianshui.id}/template.xlsx`, { headers: street });
    expect(tpl.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    sheet.getRow(2).getCell(5).value = -1500; // funding
    sheet.getRow(3).getCell(5).value = null; // participants, required
    const upload = multipart(Buffer.from(await wb.xlsx.writeBuffer()));
    const res = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/upload`, {
      headers: { ...street, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('form.invalid_values');
    expect(res.body.error.details.rows).toEqual([
      { row: 2, field: 'funding', message: '不能小于 0' },
      { row: 3, field: 'participants', message: '必填' },
    ]);
    const after = await p.request('GET', `/api/monitoring/assignments/${tianshui.id}`, { headers: street });
    expect(after.body).toMatchObject({ status: 'pending', version: 0, versions: [] });
  });

  it('the web form lists every bad field too', async () => {
    const res = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/submissions`, {
      headers: street,
      body: { values: { funding: 'abc', participants: 1.5 } },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(['values.funding', 'values.participants']);
  });

  it('submit → return with comments → resubmit by Excel → accept, keeping every version', async () => {
    const first = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/submissions`, {
      headers: street,
      body: { values: { funding: 1_000_000, participants: 30_000 } },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'submitted', version: 1, onTime: true });
    expect((await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/review`, { headers: street, body: { decision: 'accept' } })).status).toBe(403);
    const noComment = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/review`, { headers: district, body: { decision: 'return' } });
    expect(noComment.status).toBe(422);
    const returned = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/review`, {
      headers: district,
      body: { decision: 'return', comment: '经费应含街道配套资金，请核实' },
    });
    expect(returned.body.status).toBe('returned');

    const tpl = await p.request('GET', `/api/monitoring/assignments/${tianshui.id}/template.xlsx`, { headers: street });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).getCell(5).value).toBe(1_000_000); // prefilled with the last version
    wb.worksheets[0].getRow(2).getCell(5).value = 1_500_000;
    const upload = multipart(Buffer.from(await wb.xlsx.writeBuffer()));
    const again = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/upload`, {
      headers: { ...street, ...upload.headers },
      payload: upload.payload,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', version: 2 });

    const accepted = await p.request('POST', `/api/monitoring/assignments/${tianshui.id}/review`, {
      headers: district,
      body: { decision: 'accept', comment: '' },
    });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.versions.map((v: any) => [v.version, v.via, v.decision, v.values.funding])).toEqual([
      [2, 'excel', 'accepted', 1_500_000],
      [1, 'web', 'returned', 1_000_000],
    ]);
    expect(accepted.body.versions[1].comment).toBe('经费应含街道配套资金，请核实');
  });

  it('after acceptance the values appear in the indicators: 4,000,000 yuan over 1,120,985 residents = 3.57, shown with 3/18 streets reported and not judged', async () => {
    const task = (await p.request('GET', `/api/monitoring/form-tasks/${taskId}`, { headers: district })).body;
    const others = task.assignments.filter((a: any) => a.regionCode !== '330105012');
    for (const [i, a] of others.entries()) {
      const sub = await p.request('POST', `/api/monitoring/assignments/${a.id}/submissions`, {
        headers: district,
        body: { values: { funding: [1_500_000, 1_000_000][i], participants: 20_000 } },
      });
      expect(sub.status).toBe(200);
      expect((await p.request('POST', `/api/monitoring/assignments/${a.id}/review`, { headers: district, body: { decision: 'accept' } })).status).toBe(200);
    }
    const r = await results('330105');
    expect(item(r, 'POP').value).toBe(1_120_985);
    expect(item(r, 'FUNDING').value).toBe(4_000_000);
    const i01 = item(r, 'I01');
    expect(i01.value.toFixed(2)).toBe('3.57');
    // Three of the district's 18 streets reported one quarter: a figure, never the district's compliance.
    expect(i01.status).toBe('partial');
    expect(i01.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ set: 'gongshu', thresholdText: '>= 4', status: 'partial' }),
        expect.objectContaining({ set: 'national', thresholdText: '>= 2', status: 'partial' }),
      ]),
    );
    expect(i01.coverage).toMatchObject({ expected: 18, reported: 3, unit: 'street', complete: false, yearComplete: false, rule: 'sum', from: ['FUNDING'] });
    expect(i01.coverageText).toBe('3/18 个街道已报送（2026Q4，未覆盖全年）');
    expect(item(r, 'FUNDING').coverage.periods).toEqual([{ period: '2026Q4', expected: 18, accepted: 3 }]);
    expect(
      (await p.request('GET', '/api/monitoring/results?region=330105&year=2026', { headers: { ...district, 'accept-language': 'en' } })).body.items.find(
        (x: any) => x.code === 'I01',
      ).coverageText,
    ).toBe('3 of 18 streets reported (2026Q4; not the whole year)');
    // The dashboard says so in the reader's language, and raises no alert on it.
    const en = (await p.request('GET', '/api/monitoring/overview?region=330105&year=2026', { headers: { ...district, 'accept-language': 'en' } })).body;
    expect(en.sentences).toContain(
      '杭州市拱墅区, Community-education funding per resident: 3 of 18 streets reported (2026Q4; not the whole year); incomplete, so not judged against any standard.',
    );
    expect(en.alerts.filter((a: any) => a.indicator === 'I01')).toEqual([]);
    expect(en.partial.map((x: any) => x.code)).toEqual(expect.arrayContaining(['I01', 'I14']));
    expect(item(r, 'I14').value).toBeCloseTo((70_000 / 1_120_985) * 100, 6);
    // The street's own figure, and the district's drill-down row for it.
    const tianshuiResults = await results('330105012', street);
    expect(item(tianshuiResults, 'FUNDING').value).toBe(1_500_000);
    expect(item(tianshuiResults, 'FUNDING').coverageText).toBe('1/1 个街道已报送（2026Q4，未覆盖全年）');
    expect(r.children.find((c: any) => c.code === '330105012').values.FUNDING.value).toBe(1_500_000);

    const prov = await p.request('GET', '/api/monitoring/results/I01/provenance?region=330105&year=2026', { headers: district });
    expect(prov.body.provenance).toMatchObject({ formula: 'FUNDING / POP', inputs: { FUNDING: 4_000_000, POP: 1_120_985 } });
    const fundingProv = await p.request('GET', '/api/monitoring/results/FUNDING/provenance?region=330105&year=2026', { headers: district });
    expect(fundingProv.body.provenance.submissions).toHaveLength(3);
    expect(fundingProv.body.definitionVersion).toBe(1);
  });

  it('a street with 62,000 residents and 5 staff is flagged against max(3, 6.2)', async () => {
    const bare = streets[streets.length - 1]; // the demo leaves the last streets without a street school
    expect(
      (
        await p.request('PUT', `/api/regions/${bare.code}/populations/2026`, {
          headers: district,
          body: { total: 62_000, age60plus: 14_000, source: '街道填报' },
        })
      ).status,
    ).toBe(200);
    const inst = await p.request('POST', '/api/institutions', {
      headers: district,
      body: { name: `${bare.name}社区教育中心`, type: 'street_branch', regionCode: bare.code, fullTimeStaff: 5 },
    });
    expect(inst.status).toBe(201);
    const computed = await p.request('POST', '/api/monitoring/computations', { headers: district, body: { region: '330105', year: 2026 } });
    expect(computed.status).toBe(200);
    expect(computed.body.regions).toBeGreaterThan(180);
    const r = await results(bare.code);
    const staff = item(r, 'STREET_SCHOOL_STAFF');
    expect(staff.value).toBe(5);
    expect(staff.checks).toEqual([expect.objectContaining({ set: 'gongshu', threshold: 6.2, thresholdText: '>= max(3, 6.2)', status: 'below' })]);
    // The district's figures survive a full recomputation.
    expect(item(await results('330105'), 'I01').value.toFixed(2)).toBe('3.57');
  });

  it('keeps other streets’ figures from a street administrator', async () => {
    expect((await p.request('GET', `/api/monitoring/results?region=${streets[0].code}&year=2026`, { headers: street })).status).toBe(404);
    expect((await p.request('POST', '/api/monitoring/computations', { headers: street, body: { region: '330105', year: 2026 } })).status).toBe(404);
  });

  it('reminders run once per kind and reach the unit; the on-time rate counts late reports', async () => {
    const tpl = (await p.request('GET', '/api/monitoring/form-templates', { headers: district })).body.items[0];
    const task = await p.request('POST', '/api/monitoring/form-tasks', {
      headers: district,
      body: { templateId: tpl.id, period: '2026M11', deadline: '2026-11-24', units: [{ regionCode: '330105012' }] },
    });
    expect(task.status).toBe(201);
    const [a, b] = await Promise.all([p.services.forms.runReminders(), p.services.forms.runReminders()]);
    expect(a.created + b.created).toBe(1);
    expect((await p.services.forms.runReminders()).created).toBe(0);
    let notices = (await p.request('GET', '/api/monitoring/notices', { headers: street })).body.items;
    expect(notices.map((n: any) => n.kind)).toEqual(['due_soon']);
    expect(notices[0].message).toContain('2026-11-24');
    p.clock.advance(3 * 24 * 3600 * 1000);
    expect((await p.services.forms.runReminders()).created).toBe(1);
    [district, street] = [await p.login('district'), await p.login('street')]; // sessions expired meanwhile
    notices = (await p.request('GET', '/api/monitoring/notices', { headers: street })).body.items;
    expect(notices.map((n: any) => n.kind)).toEqual(['overdue', 'due_soon']);
    const mine = (await p.request('GET', '/api/monitoring/assignments?status=pending', { headers: street })).body.items[0];
    await p.request('POST', `/api/monitoring/assignments/${mine.id}/submissions`, { headers: street, body: { values: { funding: 1, participants: 1 } } });
    const rates = (await p.request('GET', '/api/monitoring/on-time', { headers: district })).body.items;
    expect(rates.find((r: any) => r.regionCode === '330105012')).toMatchObject({ due: 2, onTime: 1, late: 1, missing: 0, rate: 50 });
    expect((await p.request('GET', '/api/monitoring/notices', { headers: district })).body.total).toBe(2);
  });
});

describe('population', () => {
  it('shows street totals against the district’s own figure, with the difference', async () => {
    const [a, b] = streets;
    await p.request('PUT', `/api/regions/${a.code}/populations/2026`, { headers: district, body: { total: 600_000, age60plus: 120_000, source: '街道填报' } });
    await p.request('PUT', `/api/regions/${b.code}/populations/2026`, { headers: district, body: { total: 500_000, age60plus: 100_000, source: '街道填报' } });
    const res = await p.request('GET', '/api/monitoring/populations?region=330105&year=2026', { headers: district });
    expect(res.status).toBe(200);
    expect(res.body.own).toMatchObject({ year: 2020, total: 1_120_985, age60plus: 229_280 });
    // Two streets here plus the one set to 62,000 above.
    expect(res.body.childrenReported).toBe(3);
    expect(res.body.childrenSum.total).toBe(1_162_000);
    expect(res.body.difference.total).toBe(1_162_000 - 1_120_985);
    expect(res.body.children.find((c: any) => c.code === a.code).figure).toMatchObject({ total: 600_000, source: '街道填报' });
    expect((await p.request('GET', `/api/monitoring/populations?region=${a.code}&year=2026`, { headers: street })).status).toBe(404);
  });

  it('re-imports the 2020 census figures for the district office: only what differs, audited, a second time changes nothing', async () => {
    const streetCode = streets[0].code;
    // A street's own report for 2020 and a wrong district figure typed in by hand.
    expect(
      (
        await p.request('PUT', `/api/regions/${streetCode}/populations/2020`, {
          headers: district,
          body: { total: 70_000, age60plus: 15_000, source: '街道填报' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await p.request('PUT', '/api/regions/330105/populations/2020', {
          headers: district,
          body: { total: 1_000_000, age60plus: 200_000, source: '手工录入' },
        })
      ).status,
    ).toBe(200);
    expect((await p.request('POST', '/api/monitoring/population/import', { headers: street })).status).toBe(403);
    expect((await p.request('POST', '/api/monitoring/population/import', { headers: await p.login('leader') })).status).toBe(403);

    const first = await p.request('POST', '/api/monitoring/population/import', { headers: district });
    expect(first.status).toBe(200);
    expect(first.body.changed).toBe(1);
    expect(first.body.items).toEqual([
      expect.objectContaining({
        code: '330105',
        year: 2020,
        changed: true,
        before: { total: 1_000_000, age60plus: 200_000, source: '手工录入' },
        after: { total: 1_120_985, age60plus: 229_280, source: '第七次全国人口普查 (2020)' },
      }),
    ]);
    const pop = await p.request('GET', '/api/monitoring/populations?region=330105&year=2020', { headers: district });
    expect(pop.body.own).toMatchObject({ year: 2020, total: 1_120_985, age60plus: 229_280, source: '第七次全国人口普查 (2020)' });
    // The street's report is left as it was.
    expect(pop.body.children.find((c: any) => c.code === streetCode).figure).toMatchObject({ year: 2020, total: 70_000, source: '街道填报' });

    const again = await p.request('POST', '/api/monitoring/population/import', { headers: district });
    expect(again.body).toMatchObject({ changed: 0, items: [expect.objectContaining({ code: '330105', changed: false })] });
    const audit = await p.request('GET', '/api/audit-log?action=population.census_import', { headers: district });
    expect(audit.body.total).toBe(2);
  });
});
