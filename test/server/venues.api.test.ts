import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { nextSeq } from '../support/factories';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
// The demo district already has a few venues; each test adds its own and counts what it added.
beforeAll(async () => {
  p = await startTestPlatform({ demo: true });
  district = await p.login('district');
  street = await p.login('street');
  if (!(await p.request('GET', '/api/venues/summary', { headers: district })).body.total) throw new Error('demo venues missing');
});
afterAll(() => p.close());

const venue = (over: Record<string, unknown> = {}) => ({
  name: '拱墅区图书馆报告厅',
  ownerRegionCode: '330105',
  regionCode: '330105012',
  unitKind: 'library',
  unitName: '拱墅区图书馆',
  capacity: 200,
  floorAreaM2: 350.5,
  facilities: ['投影', '音响'],
  stepFree: true,
  lift: true,
  hearingLoop: true,
  shared: true,
  approvalRequired: true,
  ...over,
});
/** A venue made by `headers` from the defaults above under a name of its own; `over` replaces any field. */
async function createVenue(headers: Record<string, string>, over: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await p.request('POST', '/api/venues', { headers, body: venue({ name: `场地 ${nextSeq()}`, ...over }) });
  if (res.status !== 201) throw new Error(`venue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
/** The district's shared library hall, bookings needing its approval (the defaults above). */
const districtHall = () => createVenue(district);
/** A room of the street's own, unshared, booked without approval. */
const streetOwnRoom = () =>
  createVenue(street, { ownerRegionCode: '330105012', regionCode: '330105012001', unitKind: 'institution', shared: false, approvalRequired: false });
// The fixed clock reads 2026-11-23T02:00Z; bookings are on the next days, Shanghai time.
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour - 8, minute)).toISOString();
const booking = (venueId: string, day: number, from: number, to: number, title = '书法班第 1 课') => ({
  venueId,
  startsAt: at(day, from),
  endsAt: at(day, to),
  purpose: 'class',
  title,
});

describe('venue pool', () => {
  it('creates venues at district and street level, audited', async () => {
    const res = await p.request('POST', '/api/venues', { headers: district, body: venue() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ownerLevel: 'district',
      ownerRegionName: '杭州市拱墅区',
      regionName: '天水街道',
      shared: true,
      hearingLoop: true,
      floorAreaM2: 350.5,
      canEdit: true,
    });
    const hall = res.body;
    const own = await p.request('POST', '/api/venues', {
      headers: street,
      body: venue({
        name: '天水街道社区学校活动室',
        ownerRegionCode: '330105012',
        regionCode: '330105012001',
        unitKind: 'institution',
        shared: false,
        approvalRequired: false,
      }),
    });
    expect(own.status).toBe(201);
    const streetRoom = own.body;
    const audit = await p.request('GET', '/api/audit-log?entityType=venue&action=venue.create', { headers: district });
    expect(audit.body.items.map((a: { entityId: string }) => a.entityId)).toEqual(expect.arrayContaining([hall.id, streetRoom.id]));
  });

  it('refuses bad input naming the field, and placements outside the owner or the caller’s scope', async () => {
    const existing = await districtHall();
    const bad = await p.request('POST', '/api/venues', { headers: district, body: venue({ name: '', unitKind: 'castle', capacity: -1, contactPhone: '123' }) });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['capacity', 'contactPhone', 'name', 'unitKind']);
    const outside = await p.request('POST', '/api/venues', {
      headers: street,
      body: venue({ name: '越界场地', ownerRegionCode: '330105012', regionCode: '330105001' }),
    });
    expect(outside.body.error.details.fields.regionCode).toBe('场地所在区划必须在所属单位的区划范围内');
    const scope = await p.request('POST', '/api/venues', { headers: street, body: venue({ name: '越权场地', ownerRegionCode: '330105' }) });
    expect(scope.body.error.details.fields.ownerRegionCode).toBe('该区划不在您的管理范围内');
    const dup = await p.request('POST', '/api/venues', { headers: district, body: venue({ name: existing.name }) });
    expect(dup.status).toBe(409);
  });

  it('shows a street administrator the district’s shared venue read-only', async () => {
    const [hall, streetRoom] = [await districtHall(), await streetOwnRoom()];
    const list = await p.request('GET', '/api/venues?pageSize=200', { headers: street });
    const seen = list.body.items.find((v: { id: string }) => v.id === hall.id);
    expect(seen).toMatchObject({ canEdit: false, shared: true });
    const edit = await p.request('PATCH', `/api/venues/${hall.id}`, { headers: street, body: { capacity: 10 } });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('venue.read_only');
    const bulk = await p.request('POST', '/api/venues/bulk', { headers: street, body: { ids: [hall.id, streetRoom.id], action: 'share' } });
    expect(bulk.body).toEqual({ updated: 1, skipped: [{ id: hall.id, reason: 'read_only' }] });
    expect((await p.request('GET', `/api/venues/${hall.id}`, { headers: district })).body.capacity).toBe(200);
  });

  it('hides an unshared district venue from the street', async () => {
    const secret = (await p.request('POST', '/api/venues', { headers: district, body: venue({ name: '区社区学院会议室', shared: false }) })).body;
    expect((await p.request('GET', `/api/venues/${secret.id}`, { headers: street })).status).toBe(404);
    expect((await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(secret.id, 24, 9, 10) })).status).toBe(422);
    expect((await p.request('GET', '/api/venues?q=' + encodeURIComponent('会议室'), { headers: street })).body.total).toBe(0);
    expect((await p.request('GET', '/api/venues?q=' + encodeURIComponent('会议室'), { headers: district })).body.total).toBe(1);
  });

  it('summarises the pool per level, street, kind and status', async () => {
    const base = {
      district: (await p.request('GET', '/api/venues/summary', { headers: district })).body,
      street: (await p.request('GET', '/api/venues/summary', { headers: street })).body,
    };
    // Two library venues of the district (one shared, one not) and an institution's room of the street.
    await districtHall();
    await createVenue(district, { shared: false });
    await streetOwnRoom();
    const res = await p.request('GET', '/api/venues/summary', { headers: district });
    const b = base.district;
    expect(res.body.byLevel).toEqual({ district: b.byLevel.district + 2, street: b.byLevel.street + 1, community: b.byLevel.community });
    expect(res.body.byStreet).toEqual([{ code: '330105012', name: '天水街道', count: b.byStreet[0].count + 1 }]);
    expect(res.body.byKind).toMatchObject({ library: (b.byKind.library ?? 0) + 2, institution: (b.byKind.institution ?? 0) + 1 });
    expect(res.body.total).toBe(b.total + 3);
    // The street: its own room and the shared library hall, not the unshared one.
    expect((await p.request('GET', '/api/venues/summary', { headers: street })).body.total).toBe(base.street.total + 2);
  });
});

describe('venue bookings', () => {
  it('asks the owner to approve a booking of a shared venue; the owner approves or rejects with a reason', async () => {
    const hall = await districtHall();
    const asked = await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(hall.id, 24, 9, 11) });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', canDecide: false, canCancel: true });
    expect((await p.request('POST', `/api/venue-bookings/${asked.body.id}/decision`, { headers: street, body: { decision: 'approved' } })).status).toBe(403);
    const toDecide = await p.request('GET', '/api/venue-bookings?scope=decide&status=pending', { headers: district });
    expect(toDecide.body.items.map((b: { id: string }) => b.id)).toContain(asked.body.id);
    const noReason = await p.request('POST', `/api/venue-bookings/${asked.body.id}/decision`, { headers: district, body: { decision: 'rejected' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields.reason).toBe('不通过时请填写理由');
    const ok = await p.request('POST', `/api/venue-bookings/${asked.body.id}/decision`, { headers: district, body: { decision: 'approved' } });
    expect(ok.body.status).toBe('approved');
    expect(
      (await p.request('POST', `/api/venue-bookings/${asked.body.id}/decision`, { headers: district, body: { decision: 'rejected', reason: 'x' } })).status,
    ).toBe(409);

    const other = await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(hall.id, 25, 9, 11, '合唱排练') });
    const rejected = await p.request('POST', `/api/venue-bookings/${other.body.id}/decision`, {
      headers: district,
      body: { decision: 'rejected', reason: '当天馆内检修' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '当天馆内检修' });
    // A rejected booking frees its time.
    expect((await p.request('POST', '/api/venue-bookings', { headers: district, body: booking(hall.id, 25, 10, 12, '讲座') })).body.status).toBe('approved');
  });

  it('refuses an overlapping booking and accepts one that only touches', async () => {
    const hall = await districtHall();
    const held = await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(hall.id, 24, 9, 11) });
    expect((await p.request('POST', `/api/venue-bookings/${held.body.id}/decision`, { headers: district, body: { decision: 'approved' } })).body.status).toBe(
      'approved',
    );
    const clash = await p.request('POST', '/api/venue-bookings', { headers: district, body: booking(hall.id, 24, 10, 12) });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('booking.overlap');
    expect(clash.body.error.message).toContain('11/24 09:00');
    expect((await p.request('POST', '/api/venue-bookings', { headers: district, body: booking(hall.id, 24, 11, 12) })).status).toBe(201);
  });

  it('refuses a range that ends first, lies in the past or is on an unbookable venue', async () => {
    const streetRoom = await streetOwnRoom();
    const back = await p.request('POST', '/api/venue-bookings', { headers: street, body: { ...booking(streetRoom.id, 26, 9, 10), endsAt: at(26, 8) } });
    expect(back.body.error.details.fields.endsAt).toBe('结束时间必须晚于开始时间');
    const past = await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(streetRoom.id, 20, 9, 10) });
    expect(past.body.error.details.fields.startsAt).toBe('不能预约已经过去的时间');
    await p.request('PATCH', `/api/venues/${streetRoom.id}`, { headers: street, body: { bookable: false } });
    expect((await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(streetRoom.id, 26, 9, 10) })).status).toBe(409);
    await p.request('PATCH', `/api/venues/${streetRoom.id}`, { headers: street, body: { bookable: true } });
  });

  it('leaves exactly one of two overlapping bookings fired at the same moment', async () => {
    const streetRoom = await streetOwnRoom();
    const results = await Promise.all([
      p.request('POST', '/api/venue-bookings', { headers: street, body: booking(streetRoom.id, 27, 9, 11, '太极拳') }),
      p.request('POST', '/api/venue-bookings', { headers: district, body: booking(streetRoom.id, 27, 10, 12, '合唱') }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const cal = await p.request('GET', `/api/venues/${streetRoom.id}/bookings?from=${at(27, 0)}&to=${at(28, 0)}`, { headers: street });
    expect(cal.body.items).toHaveLength(1);
  });

  it('leaves exactly one of twenty overlapping bookings fired at once', async () => {
    const streetRoom = await streetOwnRoom();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        p.request('POST', '/api/venue-bookings', {
          headers: i % 2 ? street : district,
          body: { ...booking(streetRoom.id, 28, 9, 12, `请求 ${i}`), startsAt: at(28, 9, i), endsAt: at(28, 11, i) },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const cal = await p.request('GET', `/api/venues/${streetRoom.id}/bookings?from=${at(28, 0)}&to=${at(29, 0)}`, { headers: district });
    expect(cal.body.items).toHaveLength(1);
  });

  it('shows a calendar for a date range; a cancelled booking frees its time', async () => {
    // Approved and pending bookings show; a rejected one does not.
    const hall = await districtHall();
    const approved = await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(hall.id, 24, 9, 11) });
    await p.request('POST', `/api/venue-bookings/${approved.body.id}/decision`, { headers: district, body: { decision: 'approved' } });
    const rejected = await p.request('POST', '/api/venue-bookings', { headers: street, body: booking(hall.id, 25, 9, 11, '合唱排练') });
    await p.request('POST', `/api/venue-bookings/${rejected.body.id}/decision`, { headers: district, body: { decision: 'rejected', reason: '当天馆内检修' } });
    for (const b of [booking(hall.id, 24, 11, 12), booking(hall.id, 25, 10, 12, '讲座')])
      expect((await p.request('POST', '/api/venue-bookings', { headers: district, body: b })).status).toBe(201);
    const cal = await p.request('GET', `/api/venues/${hall.id}/bookings?from=${at(23, 0)}&to=${at(30, 0)}`, { headers: street });
    expect(cal.status).toBe(200);
    expect(cal.body.items.map((b: { title: string }) => b.title)).toEqual(['书法班第 1 课', '书法班第 1 课', '讲座']);
    const first = cal.body.items[0];
    const cancel = await p.request('POST', `/api/venue-bookings/${first.id}/cancellation`, { headers: street, body: { reason: '改期' } });
    expect(cancel.body.status).toBe('cancelled');
    expect((await p.request('POST', '/api/venue-bookings', { headers: district, body: booking(hall.id, 24, 9, 11) })).status).toBe(201);
    const tooLong = await p.request('GET', `/api/venues/${hall.id}/bookings?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z`, { headers: street });
    expect(tooLong.status).toBe(422);
  });
});

describe('venues in Excel', () => {
  async function importFile(rows: (string | number)[][], headers = district) {
    const template = await p.request('GET', '/api/venues/import-template.xlsx', { headers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    sheet.spliceRows(2, 1);
    for (const r of rows) sheet.addRow(r);
    const body = multipart(Buffer.from(await wb.xlsx.writeBuffer()), { filename: 'venues.xlsx' });
    const started = await p.request('POST', '/api/venues/import', { headers: { ...headers, ...body.headers }, payload: body.payload });
    expect(started.status).toBe(202);
    await p.services.jobs.settled(started.body.jobId);
    return (await p.request('GET', `/api/jobs/${started.body.jobId}`, { headers })).body;
  }
  const row = (name: string, over: Partial<Record<number, string | number>> = {}) => {
    const r: (string | number)[] = [name, '330105', '330105001', '图书馆', '', '', 80, 40, '投影、音响', '是', '否', '否', '', '是', '是', '是', '', ''];
    for (const [i, v] of Object.entries(over)) r[Number(i)] = v!;
    return r;
  };

  it('lists every bad row and writes nothing, then imports the fixed file', async () => {
    const before = (await p.request('GET', '/api/venues?pageSize=1', { headers: district })).body.total;
    const failed = await importFile([
      row('米市巷阅览室'),
      row('坏电话', { 17: '12345' }),
      row('未知区划', { 2: '330105001999' }),
      row('坏类型', { 3: '城堡' }),
      row('米市巷阅览室'),
      row('坏标志', { 9: '也许' }),
    ]);
    expect(failed.status).toBe('failed');
    expect(failed.error.details.rows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, 'contactPhone'],
      [4, 'regionCode'],
      [5, 'unitKind'],
      [6, 'name'],
      [7, 'stepFree'],
    ]);
    expect((await p.request('GET', '/api/venues?pageSize=1', { headers: district })).body.total).toBe(before);
    const done = await importFile([row('米市巷阅览室'), row('米市巷多功能厅', { 13: '否' })]);
    expect(done).toMatchObject({ status: 'succeeded', result: { created: 2 } });
    const listed = await p.request('GET', '/api/venues?region=330105001&sort=name', { headers: district });
    expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['米市巷多功能厅', '米市巷阅览室']);
    expect(listed.body.items[0]).toMatchObject({ bookable: false, stepFree: true, facilities: ['投影', '音响'], unitKind: 'library' });
    const exported = await p.request('GET', '/api/venues/export.xlsx?region=330105001', { headers: district });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0].actualRowCount).toBe(3);
  });

  it('refuses a street administrator’s rows outside their street', async () => {
    const res = await importFile([row('越界', { 1: '330105001' })], street);
    expect(res.error.details.rows[0]).toMatchObject({ row: 2, field: 'ownerRegionCode', message: '该区划不在您的管理范围内' });
  });
});
