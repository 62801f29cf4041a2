import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let school: Record<string, string>;
let resident: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform({ demo: true });
  district = await p.login('district');
  street = await p.login('street');
  school = await p.login('school');
  resident = await p.login('13900000001');
});
afterAll(() => p.close());

const course = (over: Record<string, unknown> = {}) => ({
  title: '社区课程',
  category: 'YANGSHENG',
  targetGroups: ['general'],
  mode: 'offline',
  learningHours: 8,
  description: '',
  syllabus: '',
  ...over,
});
const create = (headers: Record<string, string>, over: Record<string, unknown> = {}) => p.request('POST', '/api/courses', { headers, body: course(over) });
const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((c) => c.title);

// A tiny MP4 header followed by filler: what the sniffer and Range requests need (the browser test plays a real one).
const MP4 = Buffer.concat([Buffer.from('00000018667479706d703432', 'hex'), Buffer.from('isommp42'), Buffer.alloc(20000, 7)]);
async function upload(headers: Record<string, string>, data: Buffer, filename: string, contentType: string, purpose: string) {
  const body = multipart(data, { filename, contentType, fields: { purpose } });
  const res = await p.request('POST', '/api/files', { headers: { ...headers, ...body.headers }, payload: body.payload });
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string };
}

describe('the course library', () => {
  it('finds calligraphy courses when searching 书法, across title, description and syllabus', async () => {
    expect((await create(district, { title: '书法研修（楷书）', category: 'SHUHUA', targetGroups: ['elderly'], status: 'published' })).status).toBe(201);
    expect((await create(district, { title: '毛笔字基础', category: 'SHUHUA', description: '零基础学习书法，从握笔开始' })).status).toBe(201);
    expect((await create(district, { title: '硬笔书写', category: 'SHUHUA', syllabus: '第一讲 书法史；第二讲 结构' })).status).toBe(201);
    expect((await create(district, { title: '智能手机入门', category: 'XINXI', description: '学会用手机看病挂号' })).status).toBe(201);
    const res = await p.request('GET', `/api/courses?q=${encodeURIComponent('书法')}`, { headers: district });
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(expect.arrayContaining(['书法研修（楷书）', '毛笔字基础', '硬笔书写']));
    expect(titles(res)).not.toContain('智能手机入门');
    const none = await p.request('GET', `/api/courses?q=${encodeURIComponent('书法 手机')}`, { headers: district });
    expect(none.body.total).toBe(0);
    // The public catalog searches the same way, but only published courses.
    const pub = await p.request('GET', `/api/catalog/courses?q=${encodeURIComponent('书法')}`);
    expect(titles(pub)).toContain('书法研修（楷书）');
    expect(titles(pub)).not.toContain('毛笔字基础');
    expect(pub.body.items[0]).not.toHaveProperty('provenance');
  });

  it('shares district courses downwards read-only; a street sees its own and what is shared, never another street’s', async () => {
    const shared = (await create(district, { title: '区级共享课程', shared: true })).body;
    const unshared = (await create(district, { title: '区级未共享课程' })).body;
    const streetCourse = (await create(street, { title: '天水街道课程' })).body;
    expect(streetCourse.ownerRegionCode).toBe('330105012');
    expect(streetCourse.ownerLevel).toBe('street');
    const other = (await create(district, { title: '别的街道课程', ownerRegionCode: '330105013' })).body;
    const list = titles(await p.request('GET', '/api/courses?pageSize=200', { headers: street }));
    expect(list).toContain('区级共享课程');
    expect(list).toContain('天水街道课程');
    expect(list).not.toContain('区级未共享课程');
    expect(list).not.toContain('别的街道课程');
    const seen = await p.request('GET', `/api/courses/${shared.id}`, { headers: street });
    expect(seen.status).toBe(200);
    expect(seen.body.canEdit).toBe(false);
    const edit = await p.request('PATCH', `/api/courses/${shared.id}`, { headers: street, body: { title: '改名' } });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toContain('只能查看');
    expect((await p.request('GET', `/api/courses/${unshared.id}`, { headers: street })).status).toBe(404);
    expect((await p.request('GET', `/api/courses/${other.id}`, { headers: street })).status).toBe(404);
    // A street admin cannot file a course at the district level.
    const up = await create(street, { title: '越级', ownerRegionCode: '330105' });
    expect(up.status).toBe(422);
    expect(up.body.error.details.fields.ownerRegionCode).toBeTruthy();
    // An institution's staff file courses for their institution.
    const mine = await create(school, { title: '学校课程' });
    expect(mine.status).toBe(201);
    expect(mine.body.ownerInstitutionName).toBeTruthy();
    expect((await p.request('PATCH', `/api/courses/${mine.body.id}`, { headers: school, body: { featured: true } })).status).toBe(422);
  });

  it('refuses bad input naming the field, and unknown categories', async () => {
    const bad = await create(district, { title: '', category: 'NOPE', learningHours: 0, targetGroups: [] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['title', 'learningHours', 'targetGroups']));
    const cat = await create(district, { category: 'NOPE' });
    expect(cat.status).toBe(422);
    expect(cat.body.error.details.fields.category).toContain('类别');
  });

  it('filters, sorts, paginates and summarises by level, street, category and status', async () => {
    const shuhua = (await p.request('GET', '/api/courses?category=SHUHUA', { headers: district })).body.total;
    expect(shuhua).toBeGreaterThanOrEqual(3);
    const page = await p.request('GET', '/api/courses?category=SHUHUA&sort=title&pageSize=2&page=1', { headers: district });
    expect(page.body.total).toBe(shuhua);
    expect(page.body.items).toHaveLength(2);
    const elderly = await p.request('GET', '/api/courses?targetGroup=elderly&status=published', { headers: district });
    expect(titles(elderly)).toContain('书法研修（楷书）');
    const level = await p.request('GET', '/api/courses?level=street', { headers: district });
    expect(level.body.items.every((c: { ownerLevel: string }) => c.ownerLevel === 'street')).toBe(true);
    const summary = await p.request('GET', '/api/courses/summary', { headers: district });
    expect(summary.status).toBe(200);
    const total = (await p.request('GET', '/api/courses', { headers: district })).body.total;
    expect(summary.body.total).toBe(total);
    expect(summary.body.byLevel.reduce((a: number, x: { count: number }) => a + x.count, 0)).toBe(total);
    expect(summary.body.byCategory.find((x: { key: string }) => x.key === 'SHUHUA')).toMatchObject({ count: shuhua, name: '书画' });
    expect(summary.body.byStreet.find((x: { key: string }) => x.key === '330105012')?.name).toBe('天水街道');
    const streetSummary = await p.request('GET', '/api/courses/summary', { headers: street });
    expect(streetSummary.body.byStreet.every((x: { key: string }) => x.key === '330105012')).toBe(true);
  });

  it('applies bulk actions all or nothing', async () => {
    const a = (await create(district, { title: '批量甲' })).body;
    const b = (await create(district, { title: '批量乙' })).body;
    const sharedFromAbove = (await create(district, { title: '批量丙', shared: true })).body;
    const streetOwn = (await create(street, { title: '批量丁' })).body;
    const refused = await p.request('POST', '/api/courses/bulk', { headers: street, body: { ids: [streetOwn.id, sharedFromAbove.id], action: 'publish' } });
    expect(refused.status).toBe(403);
    expect((await p.request('GET', `/api/courses/${streetOwn.id}`, { headers: street })).body.status).toBe('draft');
    const ok = await p.request('POST', '/api/courses/bulk', { headers: district, body: { ids: [a.id, b.id], action: 'feature' } });
    expect(ok.body.updated).toBe(2);
    await p.request('POST', '/api/courses/bulk', { headers: district, body: { ids: [a.id, b.id], action: 'publish' } });
    const featured = await p.request('GET', '/api/catalog/courses?featured=true');
    expect(titles(featured)).toEqual(expect.arrayContaining(['批量甲', '批量乙']));
  });

  it('exports the filtered library and imports a template all or nothing, as a job', async () => {
    const exp = await p.request('GET', '/api/courses/export.xlsx?category=SHUHUA', { headers: district });
    expect(exp.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.raw as unknown as ArrayBuffer);
    const shuhua = (await p.request('GET', '/api/courses?category=SHUHUA', { headers: district })).body.total;
    expect(wb.worksheets[0].actualRowCount).toBe(1 + shuhua);

    const tpl = await p.request('GET', '/api/courses/import-template.xlsx', { headers: district });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    sheet.spliceRows(2, 1);
    sheet.addRow(['太极拳（24式）', '体育健身', '老年人、社会公众', '线下', 12, '', '', '330105012', '否', '否', '草稿']);
    sheet.addRow(['不存在的类别课', '烹饪魔法', '老年人', '线下', 4, '', '', '330105012', '', '', '']);
    sheet.addRow(['人群错误', '书画', '外星人', '线下', 4, '', '', '330105012', '', '', '']);
    sheet.addRow(['越界', '书画', '老年人', '线下', 4, '', '', '330105013', '', '', '']);
    const send = async (buf: Buffer) => {
      const body = multipart(buf, { filename: 'courses.xlsx' });
      const res = await p.request('POST', '/api/courses/import', { headers: { ...street, ...body.headers }, payload: body.payload });
      expect(res.status).toBe(202);
      await p.services.jobs.settled(res.body.jobId);
      return (await p.request('GET', `/api/jobs/${res.body.jobId}`, { headers: street })).body;
    };
    const before = (await p.request('GET', '/api/courses', { headers: street })).body.total;
    const failed = await send(Buffer.from(await book.xlsx.writeBuffer()));
    expect(failed.status).toBe('failed');
    expect(failed.error.details.rows.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    expect((await p.request('GET', '/api/courses', { headers: street })).body.total).toBe(before);
    const fixed = new ExcelJS.Workbook();
    await fixed.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    fixed.worksheets[0].spliceRows(2, 1);
    fixed.worksheets[0].addRow(['太极拳（24式）', '体育健身', '老年人、社会公众', '线下', 12, '', '', '330105012', '否', '否', '草稿']);
    const done = await send(Buffer.from(await fixed.xlsx.writeBuffer()));
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ created: 1 });
    const found = await p.request('GET', `/api/courses?q=${encodeURIComponent('太极')}`, { headers: street });
    expect(found.body.items[0]).toMatchObject({ title: '太极拳（24式）', category: 'TIYU', provenance: { kind: 'imported' } });
  });
});

describe('digital resources and online learning', () => {
  let courseId: string;
  let resourceId: string;
  let fileUrl: string;

  it('publishes a video resource of a published course to everyone, with Range requests', async () => {
    courseId = (await create(district, { title: '八段锦跟练', category: 'YANGSHENG', mode: 'online', status: 'draft' })).body.id;
    const file = await upload(district, MP4, '八段锦.mp4', 'video/mp4', 'video');
    fileUrl = file.url;
    const res = await p.request('POST', `/api/courses/${courseId}/resources`, {
      headers: district,
      body: { kind: 'video', title: '第一式', fileId: file.id, durationSeconds: 100 },
    });
    expect(res.status).toBe(201);
    resourceId = res.body.id;
    // The course is a draft: the file stays for staff.
    expect((await p.request('GET', fileUrl)).status).toBe(404);
    expect((await p.request('GET', `/api/resources/${resourceId}`)).status).toBe(404);
    await p.request('PATCH', `/api/courses/${courseId}`, { headers: district, body: { status: 'published' } });
    const part = await p.request('GET', fileUrl, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${MP4.length}`);
    expect(part.raw.equals(MP4.subarray(1000, 2000))).toBe(true);
    const detail = await p.request('GET', `/api/catalog/courses/${courseId}`);
    expect(detail.body.resources).toHaveLength(1);
    expect(detail.body.resources[0]).toMatchObject({ kind: 'video', title: '第一式', url: fileUrl, myProgress: null });
    // Archiving the course takes the video off the public web again.
    await p.request('PATCH', `/api/courses/${courseId}`, { headers: district, body: { status: 'archived' } });
    expect((await p.request('GET', fileUrl)).status).toBe(404);
    await p.request('PATCH', `/api/courses/${courseId}`, { headers: district, body: { status: 'published' } });
    expect((await p.request('GET', fileUrl)).status).toBe(200);
  });

  it('keeps a resident’s progress: idempotent, time and completion never go back, position resumes', async () => {
    const put = (body: Record<string, unknown>, headers = resident) => p.request('PUT', `/api/resources/${resourceId}/progress`, { headers, body });
    expect((await put({ positionSeconds: 10 }, {})).status).toBe(401);
    const first = await put({ positionSeconds: 42, secondsSpent: 40 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ positionSeconds: 42, secondsSpent: 40, completed: false });
    const again = await put({ positionSeconds: 42, secondsSpent: 40 });
    expect(again.body).toEqual(first.body);
    // Seeking back moves the resume point but not the time spent or the furthest point.
    const back = await put({ positionSeconds: 5, secondsSpent: 30 });
    expect(back.body).toMatchObject({ positionSeconds: 5, furthestSeconds: 42, secondsSpent: 40 });
    expect((await put({ positionSeconds: 500 })).status).toBe(422);
    const done = await put({ positionSeconds: 95, secondsSpent: 91 });
    expect(done.body.completed).toBe(true);
    const later = await put({ positionSeconds: 3, secondsSpent: 0 });
    expect(later.body.completed).toBe(true);
    const detail = await p.request('GET', `/api/catalog/courses/${courseId}`, { headers: resident });
    expect(detail.body.resources[0].myProgress).toMatchObject({ positionSeconds: 3, completed: true });
    const recent = await p.request('GET', '/api/resource-progress', { headers: resident });
    expect(recent.body.items[0]).toMatchObject({ resourceId, courseTitle: '八段锦跟练', positionSeconds: 3, completed: true });
    const staffView = await p.request('GET', `/api/courses/${courseId}`, { headers: district });
    expect(staffView.body.resources[0]).toMatchObject({ learners: 1, completions: 1 });
  });

  it('completes a document when opened, and keeps links and unpublished resources apart', async () => {
    const pdf = await upload(district, Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), '讲义.pdf', 'application/pdf', 'document');
    const doc = await p.request('POST', `/api/courses/${courseId}/resources`, { headers: district, body: { kind: 'document', title: '讲义', fileId: pdf.id } });
    expect(doc.status).toBe(201);
    const opened = await p.request('PUT', `/api/resources/${doc.body.id}/progress`, { headers: resident, body: { opened: true } });
    expect(opened.body.completed).toBe(true);
    const link = await p.request('POST', `/api/courses/${courseId}/resources`, {
      headers: district,
      body: { kind: 'link', title: '国家智慧教育平台', url: 'notaurl' },
    });
    expect(link.status).toBe(422);
    expect(link.body.error.details.fields.url).toContain('http');
    const wrongKind = await p.request('POST', `/api/courses/${courseId}/resources`, {
      headers: district,
      body: { kind: 'video', title: '错', fileId: (await upload(district, Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf', 'application/pdf', 'document')).id },
    });
    expect(wrongKind.status).toBe(422);
    const hidden = await p.request('POST', `/api/courses/${courseId}/resources`, {
      headers: district,
      body: { kind: 'link', title: '草稿链接', url: 'https://example.org/x', status: 'draft' },
    });
    expect((await p.request('GET', `/api/resources/${hidden.body.id}`)).status).toBe(404);
    expect((await p.request('GET', `/api/catalog/courses/${courseId}`)).body.resources.map((r: { title: string }) => r.title)).not.toContain('草稿链接');
    expect(
      (await p.request('POST', `/api/courses/${courseId}/resources`, { headers: street, body: { kind: 'link', title: 'x', url: 'https://example.org' } }))
        .status,
    ).toBe(404);
  });

  it('gives other modules a course the caller may see', async () => {
    const ctx = {
      actor: await p.services.auth.actorOf((await p.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'street') }))!),
      ip: null,
      locale: 'zh-CN' as const,
    };
    await expect(p.services.courses.getVisible(ctx, courseId)).rejects.toThrow('course.not_found');
    const shared = (await create(district, { title: '共享给班级', shared: true })).body;
    expect((await p.services.courses.getVisible(ctx, shared.id)).title).toBe('共享给班级');
  });
});
