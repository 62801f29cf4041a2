import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { createResidents } from '../support/residents';
import { rowsOf } from '../../src/server/kernel/rate-limit';

// A 1×1 PNG: what a phone's certificate photo looks like to the file sniffer.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const OFFICER_PASSWORD = 'Bank#Officer2026';

let p: TestPlatform;
let resident: Record<string, string>;
let residentId: string;
let officer: Record<string, string>;
let outsider: Record<string, string>;
let partnerAuth: string;

const ok = async (method: string, url: string, headers: Record<string, string>, body?: unknown, status = 200) => {
  const res = await p.request(method, url, { headers, body });
  if (res.status !== status) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const upload = async (headers: Record<string, string>, name = 'certificate.png') => {
  const body = multipart(PNG, { filename: name, contentType: 'image/png', fields: { purpose: 'evidence' } });
  const res = await p.request('POST', '/api/files', { headers: { ...headers, ...body.headers }, payload: body.payload });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const balanceOf = async (category?: string) => {
  const mine = await ok('GET', '/api/me/credits', resident);
  return category ? (mine.byCategory.find((c: { category: string }) => c.category === category)?.balance ?? 0) : mine.balance;
};

beforeAll(async () => {
  p = await startTestPlatform();
  resident = await p.login('13900000001');
  residentId = (await p.request('GET', '/api/residents/me', { headers: resident })).body.id;
  const admin = await p.login('admin');
  await ok(
    'POST',
    '/api/staff-accounts',
    admin,
    { username: 'credit12', displayName: '天水学分银行专员', role: 'credit_bank_officer', regionCodes: ['330105012'], password: OFFICER_PASSWORD },
    201,
  );
  await ok(
    'POST',
    '/api/staff-accounts',
    admin,
    { username: 'credit2', displayName: '米市巷学分银行专员', role: 'credit_bank_officer', regionCodes: ['330105001'], password: OFFICER_PASSWORD },
    201,
  );
  officer = await p.login('credit12', OFFICER_PASSWORD);
  outsider = await p.login('credit2', OFFICER_PASSWORD);
  const partner = await ok('POST', '/api/partners', admin, { name: '浙江省学分银行', scopes: ['credits/write'], regionCode: null }, 201);
  partnerAuth = 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64');
}, 240_000);
afterAll(() => p.close());

describe('automatic deposits from the learning archive', () => {
  it('gives a 32-hour class completion exactly 2 credits once, even when recorded twice at the same moment', async () => {
    const completion = {
      residentId,
      sourceType: 'class' as const,
      sourceId: 'class-2026-shufa',
      title: '书法（楷书）入门班',
      categoryCode: 'SHUHUA',
      hours: 32,
      outcome: 'completed' as const,
      occurredAt: new Date('2026-11-20T08:00:00Z'),
    };
    const recorded = await Promise.all([1, 2].map(() => p.db.transaction((tx) => p.services.archive.record(tx, completion))));
    expect(recorded.filter(Boolean)).toHaveLength(1);
    // Processing the same record again (a retried job, a second process) adds nothing either.
    const record = {
      id: recorded.find(Boolean)!.id,
      residentId,
      sourceType: 'class',
      sourceId: completion.sourceId,
      title: completion.title,
      hours: 32,
      outcome: 'completed',
      occurredAt: completion.occurredAt,
    };
    const again = await Promise.all([1, 2].map(() => p.db.transaction((tx) => p.services.credits.depositFromRecord(tx, record))));
    expect(again.filter(Boolean)).toHaveLength(0);

    const mine = await ok('GET', '/api/me/credits', resident);
    expect(mine.balance).toBe(2);
    expect(mine.byCategory).toEqual([expect.objectContaining({ category: 'community_class', deposited: 2, balance: 2 })]);
    const history = await ok('GET', '/api/me/credit-entries', resident);
    expect(history.total).toBe(1);
    expect(history.items[0]).toMatchObject({
      kind: 'deposit',
      credits: 2,
      title: '书法（楷书）入门班',
      standardCode: 'community_class',
      standardVersion: 1,
      hours: 32,
    });
    expect(history.items[0].expiresAt).toMatch(/^2031-11-20/);
  });

  it('applies a new standard version from its date and never rewrites earlier deposits', async () => {
    const current = await ok('GET', '/api/credit-standards/online_course', officer);
    expect(current.current.version).toBe(1);
    const { id: _id, code: _c, version: _v, createdAt: _a, status: _s, ...terms } = current.current;
    const past = await p.request('POST', '/api/credit-standards/online_course/versions', {
      headers: officer,
      body: { ...terms, hoursPerCredit: 8, effectiveFrom: '2026-01-01' },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.details.fields.effectiveFrom).toContain('今天或以后');

    await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId,
        sourceType: 'online',
        sourceId: 'res-1',
        title: '智能手机入门（线上）',
        hours: 16,
        outcome: 'completed',
        occurredAt: new Date('2026-11-21T08:00:00Z'),
      }),
    );
    const v2 = await ok('POST', '/api/credit-standards/online_course/versions', officer, { ...terms, hoursPerCredit: 8, effectiveFrom: '2026-11-23' }, 201);
    expect(v2.version).toBe(2);
    await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId,
        sourceType: 'online',
        sourceId: 'res-2',
        title: '防范电信诈骗（线上）',
        hours: 16,
        outcome: 'completed',
        occurredAt: new Date('2026-11-22T08:00:00Z'),
      }),
    );
    const online = (await ok('GET', '/api/me/credit-entries?category=online_course', resident)).items;
    expect(online.map((e: { credits: number; standardVersion: number }) => [e.credits, e.standardVersion])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect((await ok('GET', '/api/credit-standards/online_course', resident)).versions).toHaveLength(2);
    expect(
      (await p.request('POST', '/api/credit-standards/online_course/versions', { headers: resident, body: { ...terms, effectiveFrom: '2026-12-01' } })).status,
    ).toBe(403);
  });
});

describe('recognition', () => {
  it('goes through ask-for-more, resubmission and approval, with every step visible to the resident and audited', async () => {
    const photo = await upload(resident);
    const bad = await p.request('POST', '/api/recognition-applications', {
      headers: resident,
      body: { title: '', provider: '杭州市人社局', occurredOn: '2026-06-01', evidenceFileIds: [] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['title', 'evidenceFileIds']));
    const app = await ok(
      'POST',
      '/api/recognition-applications',
      resident,
      {
        standardCode: 'vocational_certificate',
        title: '养老护理员职业技能等级证书',
        provider: '杭州市职业技能鉴定中心',
        occurredOn: '2026-06-01',
        level: '四级中级工',
        evidenceFileIds: [photo],
      },
      201,
    );
    expect(app).toMatchObject({ status: 'submitted', evidence: [expect.objectContaining({ filename: 'certificate.png' })] });

    // An officer of another street neither sees nor decides it.
    expect((await p.request('GET', `/api/recognition-applications/${app.id}`, { headers: outsider })).status).toBe(404);
    expect(
      (await p.request('POST', `/api/recognition-applications/${app.id}/decision`, { headers: outsider, body: { decision: 'reject', note: '越权' } })).status,
    ).toBe(404);
    expect((await ok('GET', '/api/recognition-applications', outsider)).total).toBe(0);
    expect((await p.request('GET', `/api/files/${photo}`, { headers: officer })).status).toBe(200);

    const queue = await ok('GET', '/api/recognition-applications?status=submitted', officer);
    expect(queue.items.map((a: { id: string }) => a.id)).toContain(app.id);
    await ok('POST', `/api/recognition-applications/${app.id}/decision`, officer, { decision: 'ask_more', note: '请补充证书背面（含编号）的照片' });
    const early = await p.request('POST', `/api/recognition-applications/${app.id}/decision`, {
      headers: officer,
      body: { decision: 'approve', standardCode: 'vocational_certificate' },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('该申请正在等待申请人补充材料');
    const back = await upload(resident, 'certificate-back.png');
    const resubmitted = await ok('POST', `/api/recognition-applications/${app.id}/resubmission`, resident, { note: '已补充证书背面', evidenceFileIds: [back] });
    expect(resubmitted.status).toBe('submitted');
    expect(resubmitted.evidence).toHaveLength(2);

    const approved = await ok('POST', `/api/recognition-applications/${app.id}/decision`, officer, {
      decision: 'approve',
      standardCode: 'vocational_certificate',
      note: '证书真实有效',
    });
    expect(approved).toMatchObject({ status: 'approved', credits: 6 });
    const seen = await ok('GET', `/api/recognition-applications/${app.id}`, resident);
    expect(seen.steps.map((s: { action: string }) => s.action)).toEqual(['submitted', 'asked_more', 'resubmitted', 'approved']);
    expect(seen.steps[1].note).toBe('请补充证书背面（含编号）的照片');
    expect(await balanceOf('vocational_certificate')).toBe(6);
    const archive = await ok('GET', '/api/me/learning-records?sourceType=recognition', resident);
    expect(archive.items[0]).toMatchObject({ title: '养老护理员职业技能等级证书' });
    expect(
      (await p.request('POST', `/api/recognition-applications/${app.id}/decision`, { headers: officer, body: { decision: 'reject', note: '重复' } })).status,
    ).toBe(409);
    const audit = await ok('GET', '/api/audit-log?action=credits.recognition_approve', await p.login('district'));
    expect(audit.total).toBe(1);
  });

  it('rejects with a reason the resident reads, and deposits nothing', async () => {
    const before = await balanceOf();
    const app = await ok(
      'POST',
      '/api/recognition-applications',
      resident,
      { title: '社区合唱展演', provider: '某文化公司', occurredOn: '2026-10-01', evidenceFileIds: [await upload(resident)] },
      201,
    );
    const noReason = await p.request('POST', `/api/recognition-applications/${app.id}/decision`, { headers: officer, body: { decision: 'reject' } });
    expect(noReason.status).toBe(422);
    await ok('POST', `/api/recognition-applications/${app.id}/decision`, officer, { decision: 'reject', note: '材料不能证明学习过程' });
    const mine = await ok('GET', '/api/me/recognition-applications', resident);
    expect(mine.items.find((a: { id: string }) => a.id === app.id)).toMatchObject({ status: 'rejected', decisionNote: '材料不能证明学习过程' });
    expect(await balanceOf()).toBe(before);
  });
});

describe('partner deposits', () => {
  it('deposits once per partner record id, and refuses bad credentials or a missing scope', async () => {
    const body = {
      recordId: 'zj-2026-0001',
      residentId,
      standardCode: 'skills_competition',
      title: '杭州市养老护理职业技能竞赛三等奖',
      level: '市级',
      occurredOn: '2026-09-10',
    };
    const first = await p.request('POST', '/api/credit-deposits', { headers: { authorization: partnerAuth }, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ credits: 3, sourceType: 'partner' });
    const again = await p.request('POST', '/api/credit-deposits', { headers: { authorization: partnerAuth }, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(
      (await p.request('POST', '/api/credit-deposits', { headers: { authorization: 'Basic ' + Buffer.from('x:y').toString('base64') }, body })).status,
    ).toBe(401);
    const admin = await p.login('admin');
    const xapiOnly = await ok('POST', '/api/partners', admin, { name: '只读平台', scopes: ['statements/read'], regionCode: null }, 201);
    const denied = await p.request('POST', '/api/credit-deposits', {
      headers: { authorization: 'Basic ' + Buffer.from(`${xapiOnly.key}:${xapiOnly.secret}`).toString('base64') },
      body: { ...body, recordId: 'x' },
    });
    expect(denied.status).toBe(403);
    expect(await balanceOf('skills_competition')).toBe(3);
  });
});

describe('conversion', () => {
  it('approves within the cap, marks the credits used, and refuses beyond it naming the cap and what is used', async () => {
    const programme = await ok(
      'POST',
      '/api/credit-programmes',
      officer,
      { name: '国家开放大学 社会工作（专科）', provider: '国家开放大学', totalCredits: 8, capRatio: 0.5 },
      201,
    );
    expect(programme.capCredits).toBe(4);
    const course = async (code: string, name: string) => ok('POST', `/api/credit-programmes/${programme.id}/courses`, officer, { code, name, credits: 2 }, 201);
    const [a, b, c] = [await course('SW101', '社区工作'), await course('SW102', '老年社会工作'), await course('SW103', '社会工作实务')];
    const rule = async (courseId: string, requirements: unknown) =>
      (await ok('POST', `/api/credit-programmes/${programme.id}/rules`, officer, { courseId, requirements }, 201)).id;
    const ruleA = await rule(a.id, [{ category: 'community_class', minCredits: 2 }]);
    const ruleB = await rule(b.id, [{ category: 'vocational_certificate', minCredits: 4 }]);
    const ruleC = await rule(c.id, [{ category: 'vocational_certificate', minCredits: 1 }]);
    expect(
      (await p.request('POST', `/api/credit-programmes/${programme.id}/courses`, { headers: outsider, body: { code: 'X', name: 'x', credits: 1 } })).status,
    ).toBe(403);

    const appA = await ok('POST', '/api/conversion-applications', resident, { ruleId: ruleA }, 201);
    expect((await p.request('POST', `/api/conversion-applications/${appA.id}/decision`, { headers: outsider, body: { decision: 'approve' } })).status).toBe(
      404,
    );
    expect(await ok('POST', `/api/conversion-applications/${appA.id}/decision`, officer, { decision: 'approve' })).toMatchObject({ status: 'approved' });
    expect(await balanceOf('community_class')).toBe(0);
    const uses = await ok('GET', '/api/me/credit-entries?kind=use', resident);
    expect(uses.items[0]).toMatchObject({ credits: -2, category: 'community_class', title: '国家开放大学 社会工作（专科） · 社区工作' });

    const appB = await ok('POST', '/api/conversion-applications', resident, { ruleId: ruleB }, 201);
    await ok('POST', `/api/conversion-applications/${appB.id}/decision`, officer, { decision: 'approve' });
    const beyond = await p.request('POST', '/api/conversion-applications', { headers: resident, body: { ruleId: ruleC } });
    expect(beyond.status).toBe(409);
    expect(beyond.body.error).toMatchObject({ code: 'credits.conversion_cap', details: { cap: 4, used: 4, courseCredits: 2 } });
    expect(beyond.body.error.message).toBe('超出转换上限：“国家开放大学 社会工作（专科）”最多可通过转换获得 4 学分，您已使用（含待审核）4 学分，本课程 2 学分');
    const en = await p.request('POST', '/api/conversion-applications', { headers: { ...resident, 'accept-language': 'en' }, body: { ruleId: ruleC } });
    expect(en.body.error.message).toContain('at most 4 credits');
    expect(await balanceOf('vocational_certificate')).toBe(2);
    expect((await p.request('POST', '/api/conversion-applications', { headers: resident, body: { ruleId: ruleA } })).status).toBe(409);
  });
});

describe('the ledger', () => {
  it('keeps every balance equal to the sum of its entries after random deposits, uses and corrections, and refuses updates', async () => {
    let seed = 20261201;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const categories = ['informal', 'lecture', 'degree_course'] as const;
    const codes = { informal: 'informal_learning', lecture: 'lecture_series', degree_course: 'degree_course' };
    let uses = 0;
    const programme = await ok('POST', '/api/credit-programmes', officer, { name: '随机转换专业', provider: '开放大学', totalCredits: 500, capRatio: 1 }, 201);
    for (let i = 0; i < 45; i++) {
      const category = categories[Math.floor(random() * categories.length)];
      const op = random();
      if (op >= 0.45 && op < 0.7) {
        // A use: a course whose rule needs some credits of this category, applied for and approved when the balance allows.
        const course = await ok('POST', `/api/credit-programmes/${programme.id}/courses`, officer, { code: `R${i}`, name: `随机课程 ${i}`, credits: 1 }, 201);
        const ruleId = (
          await ok(
            'POST',
            `/api/credit-programmes/${programme.id}/rules`,
            officer,
            { courseId: course.id, requirements: [{ category, minCredits: 0.5 + Math.floor(random() * 6) / 2 }] },
            201,
          )
        ).id;
        const applied = await p.request('POST', '/api/conversion-applications', { headers: resident, body: { ruleId } });
        if (applied.status === 409) {
          expect(applied.body.error.code).toBe('credits.insufficient');
          continue;
        }
        expect(applied.status).toBe(201);
        await ok('POST', `/api/conversion-applications/${applied.body.id}/decision`, officer, { decision: 'approve' });
        uses++;
      } else if (op < 0.45) {
        const recordId = `rnd-${Math.floor(random() * 25)}`; // repeats on purpose: idempotent
        const res = await p.request('POST', '/api/credit-deposits', {
          headers: { authorization: partnerAuth },
          body: {
            recordId: `${category}-${recordId}`,
            residentId,
            standardCode: codes[category],
            title: `随机 ${i}`,
            hours: 8 + Math.floor(random() * 40),
            occurredOn: '2026-11-01',
          },
        });
        expect([200, 201]).toContain(res.status);
      } else {
        const credits = Math.round((random() * 6 - 3) * 2) / 2 || 0.5;
        const res = await p.request('POST', '/api/credit-corrections', { headers: officer, body: { residentId, category, credits, reason: `随机更正 ${i}` } });
        if (res.status === 422) expect(res.body.error.details.fields.credits).toContain('负数');
        else expect(res.status).toBe(201);
      }
    }
    const account = await ok('GET', `/api/credit-accounts/${residentId}`, officer);
    let sum = 0;
    const byCategory = new Map<string, number>();
    for (let page = 1; ; page++) {
      const entries = await ok('GET', `/api/credit-entries?residentId=${residentId}&page=${page}&pageSize=200`, officer);
      for (const e of entries.items) {
        sum += e.credits;
        byCategory.set(e.category, (byCategory.get(e.category) ?? 0) + e.credits);
      }
      if (entries.items.length < 200) break;
    }
    expect(Math.round(sum * 10) / 10).toBe(account.balance);
    for (const c of account.byCategory) {
      expect(Math.round((byCategory.get(c.category) ?? 0) * 10) / 10).toBe(c.balance);
      expect(c.balance).toBeGreaterThanOrEqual(0);
    }
    expect(await balanceOf()).toBe(account.balance);
    expect(uses).toBeGreaterThan(0);
    expect((await ok('GET', `/api/credit-entries?residentId=${residentId}&kind=use&pageSize=1`, officer)).total).toBeGreaterThanOrEqual(uses);

    // The one change the ledger allows: a certificate linked once to a deposit.
    const [first] = (await ok('GET', '/api/me/credit-entries?kind=deposit&pageSize=1', resident)).items;
    const credentialId = '11111111-1111-4111-8111-111111111111';
    expect(await p.db.transaction((tx) => p.services.credits.linkCredential(tx, first.id, credentialId))).toMatchObject({
      id: first.id,
      credentialId,
      credits: first.credits,
    });
    expect(await p.db.transaction((tx) => p.services.credits.linkCredential(tx, first.id, '22222222-2222-4222-8222-222222222222'))).toBeNull();
    await expect(p.db.execute(sql`update credit_entries set credential_id = null`)).rejects.toThrow();
    await expect(p.db.execute(sql`update credit_entries set credits = 100`)).rejects.toThrow();
    await expect(p.db.execute(sql`delete from credit_entries`)).rejects.toThrow();
    expect(await balanceOf()).toBe(account.balance);
  }, 180_000);

  it('corrects an entry with a compensating entry, in scope only, and exports the ledger', async () => {
    const [deposit] = (await ok('GET', '/api/me/credit-entries?category=skills_competition', resident)).items;
    const outside = await p.request('POST', '/api/credit-corrections', {
      headers: outsider,
      body: { residentId, category: 'skills_competition', credits: -3, correctsEntryId: deposit.id, reason: '越权' },
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details.fields.residentId).toBe('找不到该居民');
    expect((await p.request('GET', `/api/credit-accounts/${residentId}`, { headers: outsider })).status).toBe(404);
    expect((await p.request('GET', '/api/credit-entries?region=330105012', { headers: outsider })).status).toBe(404);
    const tooMuch = await p.request('POST', '/api/credit-corrections', {
      headers: officer,
      body: { residentId, category: 'skills_competition', credits: -5, reason: '多扣' },
    });
    expect(tooMuch.status).toBe(422);
    const fix = await ok(
      'POST',
      '/api/credit-corrections',
      officer,
      { residentId, category: 'skills_competition', credits: -3, correctsEntryId: deposit.id, reason: '竞赛证书经核实为团体奖，个人不计学分' },
      201,
    );
    expect(fix).toMatchObject({ kind: 'correction', credits: -3, correctsEntryId: deposit.id });
    expect(await balanceOf('skills_competition')).toBe(0);
    const history = (await ok('GET', '/api/me/credit-entries?category=skills_competition', resident)).items;
    expect(history.map((e: { credits: number }) => e.credits)).toEqual([-3, 3]);

    const xlsx = await p.request('GET', '/api/credit-entries/export.xlsx', { headers: officer });
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(5);
    expect((await p.request('GET', '/api/recognition-applications/export.xlsx', { headers: officer })).status).toBe(200);
    expect((await p.request('GET', '/api/conversion-applications/export.xlsx', { headers: outsider })).status).toBe(200);
    expect((await p.request('GET', '/api/credit-entries/export.xlsx', { headers: resident })).status).toBe(403);
  });

  it('gives the credentials module a transcript and feeds the recognition-rate indicator', async () => {
    const t = await p.services.credits.transcript(residentId);
    expect(t.entries.length).toBeGreaterThan(5);
    expect(Math.round(t.entries.reduce((n, e) => n + e.credits, 0) * 10) / 10).toBe(t.balance);
    const query = p.services.monitoringQueries.get('creditbank.recognition_rate')!;
    const home = (await ok('GET', '/api/residents/me', resident)).homeRegion.code as string;
    const nodes = [
      { code: '330105012', level: 'street' },
      { code: home, level: 'community' },
    ];
    const values = await query.run({ db: p.db, rootCode: '330105012', year: 2026, now: p.clock.now(), nodes });
    // The demo resident is the only learner with a record this year, and has credits: 100 %.
    expect(values.get(home)).toMatchObject({ value: 100, detail: { credited: 1, learners: 1 } });
  });
});

describe('expiry', () => {
  it('closes each deposit at the end of its validity with an expiry entry for what it still held, once', async () => {
    const home = (await ok('GET', '/api/residents/me', resident)).homeRegion.code as string;
    const [learner] = await createResidents(p, 1, { homeRegionCode: home, namePrefix: '过期' });
    const record = (sourceType: 'class' | 'event', sourceId: string, title: string, hours: number, outcome: 'completed' | 'attended') =>
      p.db.transaction((tx) =>
        p.services.archive.record(tx, {
          residentId: learner.id,
          sourceType,
          sourceId,
          title,
          categoryCode: 'SHUHUA',
          hours,
          outcome,
          occurredAt: new Date('2026-11-20T08:00:00Z'),
        }),
      );
    await record('class', 'expiry-class', '书法（行书）班', 32, 'completed'); // 2 credits, valid 5 years
    await record('event', 'expiry-lecture', '书法讲座', 16, 'attended'); // 1 credit, valid 3 years
    expect((await ok('GET', '/api/me/credits', learner.headers)).balance).toBe(3);
    // Years later the resident's session is long gone: read the account as the credentials module does.
    const account = () => p.services.credits.transcript(learner.id);

    p.clock.advance(new Date('2030-01-01T00:00:00Z').getTime() - p.clock.now().getTime());
    expect(await p.scheduler.tick()).toContain('credit-expiry');
    const after3 = await account();
    expect(after3.balance).toBe(2);
    expect(after3.byCategory.find((c) => c.category === 'lecture')).toMatchObject({ deposited: 1, expired: 1, balance: 0 });
    expect(after3.entries.at(-1)).toMatchObject({ kind: 'expiry', credits: -1, title: '书法讲座', category: 'lecture' });
    // Running again writes nothing more.
    expect(await p.services.credits.expireDue()).toBe(0);

    p.clock.advance(new Date('2032-01-01T00:00:00Z').getTime() - p.clock.now().getTime());
    expect(await p.services.credits.expireDue()).toBeGreaterThanOrEqual(1); // (others' deposits from the tests above expire too)
    expect((await account()).balance).toBe(0);
    const ledger = rowsOf(
      await p.db.execute(
        sql`select count(*)::int as n from credit_entries e join credit_accounts a on a.id = e.account_id where a.resident_id = ${learner.id} and e.kind = 'expiry'`,
      ),
    );
    expect(ledger).toEqual([{ n: 2 }]);
  });
});
