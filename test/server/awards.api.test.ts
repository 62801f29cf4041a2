// A learning-star campaign end to end over the API: two communities nominate, the street and the
// district review within quotas (one nomination too many is refused, naming the quota), the public
// notice takes an anonymous objection that holds the commendation until the district resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let communities: { code: string; name: string }[];

type Headers = Record<string, string>;
type Campaign = { id: string; criteria: { id: string; name: string }[] };
/** The staff of each level, signed in afresh (sessions last 12 hours, and some tests move the clock days on). */
type Staff = { district: Headers; street: Headers; c1: Headers; c2: Headers };
const signIn = async (): Promise<Staff> => {
  const [district, street, c1, c2] = await Promise.all(['district', 'street', 'community1', 'community2'].map((u) => p.login(u)));
  return { district, street, c1, c2 };
};
const scoresOf = (campaign: Campaign, value = 90) => campaign.criteria.map((c) => ({ criterionId: c.id, score: value }));
/** A notice running for a week from the test clock's now. */
const noticeEnd = () => new Date(p.clock.now().getTime() + 7 * 86400_000).toISOString();

beforeAll(async () => {
  p = await startTestPlatform();
  communities = (await p.request('GET', '/api/regions/330105012/children?pageSize=2')).body.items;
  expect(communities).toHaveLength(2);
});
afterAll(() => p.close());

async function ok(url: string, headers: Headers, body: unknown) {
  const res = await p.request('POST', url, { headers, body });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const STAR = {
  title: '2026年度拱墅区“百姓学习之星”',
  type: 'learning_star',
  year: 2026,
  allowResidentNominations: true,
  quotaCommunity: 2,
  quotaStreet: 1,
  quotaDistrict: 1,
  criteria: [
    { name: '学习事迹', weight: 50 },
    { name: '示范带动', weight: 30 },
    { name: '社会影响', weight: 20 },
  ],
};
const nominee = (campaign: Campaign, i: number) => ({
  campaignId: campaign.id,
  communityCode: communities[i].code,
  nomineeName: ['张桂兰', '李建国'][i],
  nomineeKind: 'person',
  summary: '坚持终身学习二十年，带动邻里共同学习书法和智能手机。',
});

/** A learning-star campaign (quotas 2, 1, 1) whose two nominations, 张桂兰 and 李建国, the communities forwarded to the street (92; 80, 70, 60). */
async function atStreet(staff: Staff): Promise<{ campaign: Campaign; ids: string[] }> {
  const campaign: Campaign = await ok('/api/award-campaigns', staff.district, STAR);
  const ids = [
    (await ok('/api/award-nominations', staff.c1, nominee(campaign, 0))).id,
    (await ok('/api/award-nominations', staff.c2, nominee(campaign, 1))).id,
  ];
  await ok(`/api/award-nominations/${ids[0]}/reviews`, staff.c1, { decision: 'forward', scores: scoresOf(campaign, 92) });
  await ok(`/api/award-nominations/${ids[1]}/reviews`, staff.c2, {
    decision: 'forward',
    scores: campaign.criteria.map((c, i) => ({ criterionId: c.id, score: [80, 70, 60][i] })),
  });
  return { campaign, ids };
}
/** As `atStreet`, then the street forwarded 张桂兰 (95) to the district and rejected 李建国 for its quota. */
async function atDistrict(staff: Staff) {
  const made = await atStreet(staff);
  await ok(`/api/award-nominations/${made.ids[0]}/reviews`, staff.street, { decision: 'forward', scores: scoresOf(made.campaign, 95) });
  await ok(`/api/award-nominations/${made.ids[1]}/reviews`, staff.street, { decision: 'reject', reason: '本街道名额已用完' });
  return made;
}
/** As `atDistrict`, then the district approved 张桂兰 (96) and put the campaign on a week's public notice. */
async function onNotice(staff: Staff) {
  const made = await atDistrict(staff);
  await ok(`/api/award-nominations/${made.ids[0]}/reviews`, staff.district, { decision: 'forward', scores: scoresOf(made.campaign, 96) });
  await ok(`/api/award-campaigns/${made.campaign.id}/public-notice`, staff.district, { endsAt: noticeEnd() });
  return made;
}

describe('campaign workflow', () => {
  it('the district creates a campaign with criteria and quotas; bad input names the field', async () => {
    const { district, street } = await signIn();
    const bad = await p.request('POST', '/api/award-campaigns', {
      headers: district,
      body: { title: '2026', type: 'learning_star', year: 2026, quotaCommunity: 0, quotaStreet: 1, quotaDistrict: 1, criteria: [] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['quotaCommunity', 'criteria']));
    const streetTry = await p.request('POST', '/api/award-campaigns', {
      headers: street,
      body: {
        title: '街道自办评选',
        type: 'learning_star',
        year: 2026,
        regionCode: '330105',
        quotaCommunity: 1,
        quotaStreet: 1,
        quotaDistrict: 1,
        criteria: [{ name: '事迹', weight: 1 }],
      },
    });
    expect(streetTry.status).toBe(422);
    expect(streetTry.body.error.details.fields.regionCode).toBeTruthy();

    const res = await p.request('POST', '/api/award-campaigns', { headers: district, body: STAR });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', regionCode: '330105', quotas: { community: 2, street: 1, district: 1 } });
    expect(res.body.criteria.map((c: { name: string }) => c.name)).toEqual(['学习事迹', '示范带动', '社会影响']);
  });

  it('two communities nominate and forward to the street', async () => {
    const { district, street, c1, c2 } = await signIn();
    const campaign: Campaign = await ok('/api/award-campaigns', district, STAR);
    const ids: string[] = [];
    for (const [i, headers] of [c1, c2].entries()) {
      const res = await p.request('POST', '/api/award-nominations', { headers, body: nominee(campaign, i) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ stage: 'community', status: 'active', communityName: communities[i].name });
      ids[i] = res.body.id;
    }
    // A community cannot nominate in another community.
    const other = await p.request('POST', '/api/award-nominations', {
      headers: c1,
      body: { campaignId: campaign.id, communityCode: communities[1].code, nomineeName: '越界', nomineeKind: 'person', summary: '不属于本社区的推荐对象。' },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.details.fields.communityCode).toBeTruthy();
    // The street cannot act at the community stage.
    const early = await p.request('POST', `/api/award-nominations/${ids[0]}/reviews`, {
      headers: street,
      body: { decision: 'forward', scores: scoresOf(campaign) },
    });
    expect(early.status).toBe(403);
    // Forwarding needs every criterion scored.
    const unscored = await p.request('POST', `/api/award-nominations/${ids[0]}/reviews`, {
      headers: c1,
      body: { decision: 'forward', scores: scoresOf(campaign).slice(0, 1) },
    });
    expect(unscored.status).toBe(422);
    expect(Object.values(unscored.body.error.details.fields).join()).toContain('示范带动');

    const f1 = await p.request('POST', `/api/award-nominations/${ids[0]}/reviews`, {
      headers: c1,
      body: { decision: 'forward', scores: scoresOf(campaign, 92) },
    });
    expect(f1.status).toBe(200);
    expect(f1.body).toMatchObject({ stage: 'street', latestScore: 92 });
    const f2 = await p.request('POST', `/api/award-nominations/${ids[1]}/reviews`, {
      headers: c2,
      body: {
        decision: 'forward',
        scores: [
          { criterionId: campaign.criteria[0].id, score: 80 },
          { criterionId: campaign.criteria[1].id, score: 70 },
          { criterionId: campaign.criteria[2].id, score: 60 },
        ],
      },
    });
    expect(f2.body).toMatchObject({ stage: 'street', latestScore: 73 }); // 80×.5 + 70×.3 + 60×.2
  });

  it('the street forwards one; the second is refused by the street quota, naming it', async () => {
    const staff = await signIn();
    const { street } = staff;
    const { campaign, ids } = await atStreet(staff);
    const list = await p.request('GET', `/api/award-nominations?campaign=${campaign.id}&stage=street`, { headers: street });
    expect(list.body.total).toBe(2);
    expect(
      (await p.request('POST', `/api/award-nominations/${ids[0]}/reviews`, { headers: street, body: { decision: 'forward', scores: scoresOf(campaign, 95) } }))
        .body.stage,
    ).toBe('district');
    const refused = await p.request('POST', `/api/award-nominations/${ids[1]}/reviews`, {
      headers: street,
      body: { decision: 'forward', scores: scoresOf(campaign, 85) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('award.quota_exceeded');
    expect(refused.body.error.message).toBe('名额已满：天水街道的街道（乡镇）级推荐名额为 1 个，已推荐 1 个');
    expect((await p.request('GET', `/api/award-nominations/${ids[1]}`, { headers: street })).body.stage).toBe('street');
    const noReason = await p.request('POST', `/api/award-nominations/${ids[1]}/reviews`, { headers: street, body: { decision: 'reject' } });
    expect(noReason.body.error.details.fields.reason).toBeTruthy();
    const rejected = await p.request('POST', `/api/award-nominations/${ids[1]}/reviews`, {
      headers: street,
      body: { decision: 'reject', reason: '本街道名额已用完' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: '本街道名额已用完' });
  });

  it('the district approves and puts it on public notice; the notice is public', async () => {
    const staff = await signIn();
    const { district, street, c2 } = staff;
    const { campaign, ids } = await atDistrict(staff);
    const early = await p.request('POST', `/api/award-campaigns/${campaign.id}/public-notice`, { headers: district, body: { endsAt: noticeEnd() } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('award.nothing_approved');
    expect(
      (
        await p.request('POST', `/api/award-nominations/${ids[0]}/reviews`, {
          headers: district,
          body: { decision: 'forward', scores: scoresOf(campaign, 96) },
        })
      ).body.stage,
    ).toBe('approved');
    expect(
      (await p.request('POST', `/api/award-campaigns/${campaign.id}/public-notice`, { headers: district, body: { endsAt: '2026-11-01T17:00:00+08:00' } })).body
        .error.details.fields.endsAt,
    ).toBeTruthy();
    expect((await p.request('POST', `/api/award-campaigns/${campaign.id}/public-notice`, { headers: street, body: { endsAt: noticeEnd() } })).status).toBe(403);
    const notice = await p.request('POST', `/api/award-campaigns/${campaign.id}/public-notice`, { headers: district, body: { endsAt: noticeEnd() } });
    expect(notice.body).toMatchObject({ status: 'notice', counts: { notice: 1 } });
    const pub = await p.request('GET', '/api/public-notices');
    expect(pub.status).toBe(200);
    expect(pub.body.items.find((n: { id: string }) => n.id === campaign.id).nominees.map((n: { nomineeName: string }) => n.nomineeName)).toEqual(['张桂兰']);
    expect(JSON.stringify(pub.body)).not.toContain('contactPhone');
    // No more nominations or reviews once the notice has started.
    expect(
      (
        await p.request('POST', '/api/award-nominations', {
          headers: c2,
          body: {
            campaignId: campaign.id,
            communityCode: communities[1].code,
            nomineeName: '迟到',
            nomineeKind: 'person',
            summary: '公示期间的推荐应被拒绝。',
          },
        })
      ).status,
    ).toBe(409);
  });

  it('an anonymous objection holds the commendation until it is resolved', async () => {
    const staff = await signIn();
    let { district, street } = staff;
    const { campaign, ids } = await onNotice(staff);
    const noPhone = await p.request('POST', `/api/public-notices/${campaign.id}/objections`, {
      headers: {},
      body: { nominationId: ids[0], content: '事迹中学习年限与实际不符。' },
    });
    expect(noPhone.status).toBe(422);
    expect(noPhone.body.error.details.fields.contactPhone).toBeTruthy();
    const lodged = await p.request('POST', `/api/public-notices/${campaign.id}/objections`, {
      headers: {},
      body: { nominationId: ids[0], content: '事迹中学习年限与实际不符。', contactPhone: '13811112222' },
    });
    expect(lodged.status).toBe(201);
    expect((await p.request('POST', `/api/award-campaigns/${campaign.id}/commendation`, { headers: district, body: {} })).body.error.code).toBe(
      'award.notice_running',
    );
    p.clock.advance(8 * 24 * 3600_000);
    ({ district, street } = await signIn()); // sessions last 12 hours
    const late = await p.request('POST', `/api/public-notices/${campaign.id}/objections`, {
      headers: {},
      body: { nominationId: ids[0], content: '公示结束后的异议。', contactPhone: '13811112223' },
    });
    expect(late.body.error.code).toBe('award.notice_closed');
    const held = await p.request('POST', `/api/award-campaigns/${campaign.id}/commendation`, { headers: district, body: {} });
    expect(held.status).toBe(409);
    expect(held.body.error.message).toBe('还有 1 条异议未处理，处理完毕后才能表彰');

    const objections = await p.request('GET', `/api/award-objections?campaign=${campaign.id}&status=open`, { headers: district });
    expect(objections.body.items).toHaveLength(1);
    expect(objections.body.items[0]).toMatchObject({ anonymous: true, contactPhone: '13811112222', nomineeName: '张桂兰' });
    const byStreet = await p.request('POST', `/api/award-objections/${objections.body.items[0].id}/resolution`, {
      headers: street,
      body: { resolution: 'dismissed', response: '无权处理' },
    });
    expect(byStreet.status).toBe(404);
    const resolved = await p.request('POST', `/api/award-objections/${objections.body.items[0].id}/resolution`, {
      headers: district,
      body: { resolution: 'dismissed', response: '经核实，学习年限有社区学校记录为证，异议不成立。' },
    });
    expect(resolved.status).toBe(200);
    expect(
      (
        await p.request('POST', `/api/award-objections/${objections.body.items[0].id}/resolution`, {
          headers: district,
          body: { resolution: 'upheld', response: '再次处理' },
        })
      ).status,
    ).toBe(409);

    const commendedBefore = (await p.request('GET', '/api/audit-log?action=award.commend', { headers: district })).body.total;
    const done = await p.request('POST', `/api/award-campaigns/${campaign.id}/commendation`, { headers: district, body: {} });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'concluded', counts: { commended: 1 }, commendationTitle: '2026年度拱墅区“百姓学习之星”' });
    expect((await p.request('GET', `/api/award-nominations/${ids[0]}`, { headers: district })).body.stage).toBe('commended');
    const audit = await p.request('GET', '/api/audit-log?action=award.commend', { headers: district });
    expect(audit.body.total).toBe(commendedBefore + 1);
  });

  it('exports the results for publication', async () => {
    const { campaign } = await onNotice(await signIn());
    p.clock.advance(8 * 24 * 3600_000);
    const { district } = await signIn();
    await ok(`/api/award-campaigns/${campaign.id}/commendation`, district, {});
    const res = await p.request('GET', `/api/award-campaigns/${campaign.id}/results.xlsx`, { headers: district });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.getWorksheet('评选结果')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows[0].slice(0, 3)).toEqual(['推荐对象', '类型', '街道']);
    expect(rows.find((r) => r[0] === '张桂兰')).toEqual(expect.arrayContaining(['92', '95', '96', '已表彰']));
    expect(rows.find((r) => r[0] === '李建国')).toEqual(expect.arrayContaining(['未推荐', '本街道名额已用完']));
    expect((await p.request('GET', `/api/award-campaigns/${campaign.id}/results.xlsx`)).status).toBe(401);
  });
});

describe('community quota and residents', () => {
  it('a community cannot forward more than its quota', async () => {
    const { district, c1 } = await signIn();
    const created = await p.request('POST', '/api/award-campaigns', {
      headers: district,
      body: {
        title: '2026年度学习型家庭',
        type: 'learning_organisation',
        year: 2026,
        quotaCommunity: 1,
        quotaStreet: 3,
        quotaDistrict: 3,
        criteria: [{ name: '家庭学习氛围', weight: 1 }],
      },
    });
    const body = (name: string) => ({
      campaignId: created.body.id,
      communityCode: communities[0].code,
      nomineeName: name,
      nomineeKind: 'family',
      summary: '全家共同参加社区学校课程，家庭藏书五百册。',
    });
    const a = (await p.request('POST', '/api/award-nominations', { headers: c1, body: body('王家') })).body;
    const b = (await p.request('POST', '/api/award-nominations', { headers: c1, body: body('赵家') })).body;
    const s = [{ criterionId: created.body.criteria[0].id, score: 88 }];
    expect((await p.request('POST', `/api/award-nominations/${a.id}/reviews`, { headers: c1, body: { decision: 'forward', scores: s } })).status).toBe(200);
    const refused = await p.request('POST', `/api/award-nominations/${b.id}/reviews`, { headers: c1, body: { decision: 'forward', scores: s } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`${communities[0].name}的社区（村）级推荐名额为 1 个`);
    const wrongKind = await p.request('POST', '/api/award-nominations', { headers: c1, body: { ...body('某人'), nomineeKind: 'person' } });
    expect(wrongKind.body.error.details.fields.nomineeKind).toBeTruthy();
    // Residents are not invited to this campaign.
    const resident = await p.login('13900000001');
    expect((await p.request('POST', '/api/award-nominations', { headers: resident, body: body('钱家') })).status).toBe(422);
  });

  it('a resident nominates where the campaign invites residents, and sees only their own', async () => {
    const { district, c1, c2 } = await signIn();
    const created = await p.request('POST', '/api/award-campaigns', {
      headers: district,
      body: {
        title: '2026年度百姓学习之星（居民推荐）',
        type: 'learning_star',
        year: 2026,
        allowResidentNominations: true,
        quotaCommunity: 1,
        quotaStreet: 1,
        quotaDistrict: 1,
        criteria: [{ name: '事迹', weight: 1 }],
      },
    });
    const resident = await p.login('13900000001');
    const open = await p.request('GET', '/api/award-campaigns', { headers: resident });
    expect(open.body.items.map((c: { title: string }) => c.title)).toContain('2026年度百姓学习之星（居民推荐）');
    expect(open.body.items.every((c: { allowResidentNominations: boolean }) => c.allowResidentNominations)).toBe(true);
    const res = await p.request('POST', '/api/award-nominations', {
      headers: resident,
      body: {
        campaignId: created.body.id,
        communityCode: communities[0].code,
        nomineeName: '陈阿姨',
        nomineeKind: 'person',
        summary: '在社区学习点义务教授剪纸十年。',
        contactPhone: '13900000001',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: 'community', nominatorKind: 'resident' });
    const mine = await p.request('GET', '/api/award-nominations', { headers: resident });
    expect(mine.body.items.map((n: { nomineeName: string }) => n.nomineeName)).toContain('陈阿姨');
    expect(mine.body.items.every((n: { nominatorKind: string }) => n.nominatorKind === 'resident')).toBe(true);
    expect(
      (await p.request('GET', `/api/award-nominations?campaign=${created.body.id}`, { headers: resident })).body.items.map(
        (n: { nomineeName: string }) => n.nomineeName,
      ),
    ).toEqual(['陈阿姨']);
    // The community sees it at its stage, with the contact phone.
    const atCommunity = await p.request('GET', `/api/award-nominations?campaign=${created.body.id}&stage=community`, { headers: c1 });
    expect(atCommunity.body.items[0]).toMatchObject({ nomineeName: '陈阿姨', contactPhone: '13900000001' });
    // Another community does not.
    expect((await p.request('GET', `/api/award-nominations/${res.body.id}`, { headers: c2 })).status).toBe(404);
  });
});
