// Learning teams over the API: a resident creates a team, another asks to join and the leader accepts,
// the leader logs an activity with attendance; teams list publicly by community; a team is nominated
// as a learning organisation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents } from '../support/residents';
import { idCheckChar } from '../../src/server/kernel/id-card';

let p: TestPlatform;
let leader: Record<string, string>;
let neighbour: Record<string, string>;
let neighbourId: string;
let community: { code: string; name: string };
/** Another community of the demo street, where only the listing test keeps a team. */
let listed: { code: string; name: string };

async function register(phone: string, name: string, idBase: string, home: string) {
  await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } });
  const res = await p.request('POST', '/api/residents', {
    body: {
      phone,
      smsCode: p.sms.lastCode(phone),
      password: 'Learn2026x',
      realName: name,
      idNumber: idBase + idCheckChar(idBase),
      homeRegionCode: home,
      acceptPrivacyNotice: true,
    },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { headers: { cookie: String(res.headers['set-cookie']).split(';')[0] }, id: res.body.id as string };
}

beforeAll(async () => {
  p = await startTestPlatform();
  leader = await p.login('13900000001');
  const communities = (await p.request('GET', '/api/regions/330105012/children?pageSize=50')).body.items as { code: string; name: string }[];
  community = communities[0];
  // The listing test's community: one where the demo has no team.
  for (const c of communities.slice(1)) {
    if ((await p.request('GET', `/api/learning-teams?region=${c.code}`)).body.total === 0) {
      listed = c;
      break;
    }
  }
  const n = await register('13700000002', '李梅', '33010519600512002', community.code);
  neighbour = n.headers;
  neighbourId = n.id;
});
afterAll(() => p.close());

const team = {
  name: '天水书法学习团队',
  category: 'calligraphy_painting',
  venue: '社区学校二楼书画室',
  usualTime: '每周三上午 9:00',
  description: '一起练楷书',
};

/** A team the demo resident leads, named `name`, in the first community unless another is given. */
async function createTeam(name: string, communityCode = community.code): Promise<string> {
  const res = await p.request('POST', '/api/learning-teams', { headers: leader, body: { ...team, name, communityCode } });
  if (res.status !== 201) throw new Error(`team: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

it('a resident creates a team and leads it; bad input names the field', async () => {
  const bad = await p.request('POST', '/api/learning-teams', { headers: leader, body: { ...team, name: 'x', communityCode: '330105012' } });
  expect(bad.status).toBe(422);
  expect(bad.body.error.details.fields.name).toBeTruthy();
  const street = await p.request('POST', '/api/learning-teams', { headers: leader, body: { ...team, communityCode: '330105012' } });
  expect(street.body.error.details.fields.communityCode).toBe('请选择社区或村');
  expect((await p.request('POST', '/api/learning-teams', { body: { ...team, communityCode: community.code } })).status).toBe(401);
  expect((await p.request('POST', '/api/learning-teams', { headers: await p.login('street'), body: { ...team, communityCode: community.code } })).status).toBe(
    403,
  );

  const res = await p.request('POST', '/api/learning-teams', { headers: leader, body: { ...team, communityCode: community.code } });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ name: team.name, communityName: community.name, memberCount: 1, isLeader: true, leaderName: '王*英' });
  const dup = await p.request('POST', '/api/learning-teams', { headers: leader, body: { ...team, communityCode: community.code } });
  expect(dup.body.error.details.fields.name).toBe('本社区已有同名的学习团队');
});

it('teams list publicly by community, without member names', async () => {
  const teamId = await createTeam('天水书法研习社', listed.code);
  const here = await p.request('GET', `/api/learning-teams?region=${listed.code}`);
  expect(here.body.items.map((t: { name: string }) => t.name)).toEqual(['天水书法研习社']);
  expect((await p.request('GET', '/api/learning-teams?region=330105001')).body.total).toBe(0);
  expect((await p.request('GET', `/api/learning-teams?region=${listed.code}&q=${encodeURIComponent('书法')}`)).body.total).toBe(1);
  expect((await p.request('GET', `/api/learning-teams?region=${listed.code}&q=${encodeURIComponent('太极')}`)).body.total).toBe(0);
  const detail = await p.request('GET', `/api/learning-teams/${teamId}`);
  expect(detail.body.members).toBeNull();
  expect(JSON.stringify(detail.body)).not.toContain('王秀英');
});

it('another resident asks to join and the leader accepts', async () => {
  const teamId = await createTeam('天水楷书学习团队');
  const asked = await p.request('POST', `/api/learning-teams/${teamId}/join-requests`, { headers: neighbour, body: { message: '我想学楷书' } });
  expect(asked.status).toBe(201);
  expect(asked.body).toMatchObject({ myStatus: 'pending', memberCount: 1 });
  expect((await p.request('POST', `/api/learning-teams/${teamId}/join-requests`, { headers: neighbour, body: {} })).body.error.code).toBe(
    'team.already_requested',
  );
  // Only the leader decides.
  expect(
    (await p.request('POST', `/api/learning-teams/${teamId}/members/${neighbourId}/decision`, { headers: neighbour, body: { accept: true } })).status,
  ).toBe(403);
  const view = await p.request('GET', `/api/learning-teams/${teamId}`, { headers: leader });
  expect(view.body.members.find((m: { userId: string }) => m.userId === neighbourId)).toMatchObject({
    status: 'pending',
    message: '我想学楷书',
    displayName: '李梅',
  });
  const accepted = await p.request('POST', `/api/learning-teams/${teamId}/members/${neighbourId}/decision`, { headers: leader, body: { accept: true } });
  expect(accepted.body.memberCount).toBe(2);
  expect((await p.request('POST', `/api/learning-teams/${teamId}/members/${neighbourId}/decision`, { headers: leader, body: { accept: true } })).status).toBe(
    404,
  );
  const mine = await p.request('GET', '/api/learning-teams?mine=true', { headers: neighbour });
  expect(mine.body.items.map((t: { name: string; myStatus: string }) => [t.name, t.myStatus])).toEqual([['天水楷书学习团队', 'member']]);
});

it('the leader logs an activity with attendance', async () => {
  const teamId = await createTeam('天水行书学习团队');
  // A member of this team alone, joined as in the test above.
  const [member] = await createResidents(p, 1, { homeRegionCode: community.code });
  await p.request('POST', `/api/learning-teams/${teamId}/join-requests`, { headers: member.headers, body: {} });
  expect(
    (await p.request('POST', `/api/learning-teams/${teamId}/members/${member.id}/decision`, { headers: leader, body: { accept: true } })).body.memberCount,
  ).toBe(2);
  const leaderId = (await p.request('GET', '/api/residents/me', { headers: leader })).body.id;
  const future = await p.request('POST', `/api/learning-teams/${teamId}/activities`, {
    headers: leader,
    body: { title: '楷书练习', heldOn: '2026-12-30', hours: 2, attendeeIds: [leaderId] },
  });
  expect(future.body.error.details.fields.heldOn).toBe('活动日期不能晚于今天');
  const stranger = await p.request('POST', `/api/learning-teams/${teamId}/activities`, {
    headers: leader,
    body: { title: '楷书练习', heldOn: '2026-11-18', hours: 2, attendeeIds: [leaderId, '00000000-0000-4000-8000-000000000000'] },
  });
  expect(stranger.body.error.details.fields.attendeeIds).toBe('出勤人员须是本团队成员');
  expect(
    (
      await p.request('POST', `/api/learning-teams/${teamId}/activities`, {
        headers: member.headers,
        body: { title: '楷书练习', heldOn: '2026-11-18', hours: 2, attendeeIds: [member.id] },
      })
    ).status,
  ).toBe(403);
  const logged = await p.request('POST', `/api/learning-teams/${teamId}/activities`, {
    headers: leader,
    body: { title: '楷书练习：横竖撇捺', heldOn: '2026-11-18', hours: 2, attendeeIds: [leaderId, member.id] },
  });
  expect(logged.status).toBe(201);
  expect(logged.body).toMatchObject({ title: '楷书练习：横竖撇捺', attendeeCount: 2 });
  const publicLog = await p.request('GET', `/api/learning-teams/${teamId}/activities`);
  expect(publicLog.body.items[0]).toMatchObject({ attendeeCount: 2, attendees: null });
  const memberLog = await p.request('GET', `/api/learning-teams/${teamId}/activities`, { headers: member.headers });
  expect(memberLog.body.items[0].attendees.map((a: { displayName: string }) => a.displayName).sort()).toEqual([member.name, '王秀英'].sort());
});

it('a team is nominated as a learning organisation under its own name and community', async () => {
  const teamId = await createTeam('天水国画学习团队');
  const district = await p.login('district');
  const campaign = (
    await p.request('POST', '/api/award-campaigns', {
      headers: district,
      body: {
        title: '2026年度学习型组织',
        type: 'learning_organisation',
        year: 2026,
        allowResidentNominations: true,
        quotaCommunity: 2,
        quotaStreet: 2,
        quotaDistrict: 2,
        criteria: [{ name: '活动开展', weight: 1 }],
      },
    })
  ).body;
  const res = await p.request('POST', '/api/award-nominations', {
    headers: leader,
    body: { campaignId: campaign.id, communityCode: '330105001001', nomineeKind: 'team', teamId, summary: '团队每周活动，今年共开展四十余次书法练习。' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ nomineeName: '天水国画学习团队', communityCode: community.code, teamId, stage: 'community' });
});
