// Learning teams: residents create a team, others ask to join and the leader decides, the team logs its
// activities with attendance; anyone can browse teams by community.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, requireResident, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { buildSearchQuery, buildSearchText } from '../../kernel/search-text';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { ActivityInput, TeamInput } from '../../../contracts/teams';
import type { RegionsService } from '../regions/index';
import { canAskToJoin, canSeeMembers, isLeader, isMember, maskName, type Membership } from './teams.policy';
import type { TeamFilter, TeamRow, TeamsRepository } from './teams.repository';
import { localTime } from '../../../contracts/local-time';

export function createTeamsService(deps: { db: Db; repo: TeamsRepository; audit: AuditWriter; clock: Clock; regions: RegionsService }) {
  const { repo, regions, clock } = deps;

  async function present(rows: TeamRow[], actor: Actor | null) {
    const ids = rows.map((r) => r.id);
    const codes = [...new Set(rows.flatMap((r) => [r.communityCode, r.communityCode.slice(0, 9)]))];
    const [names, counts, leaders, mine] = await Promise.all([
      regions.namesByCode(codes),
      repo.memberCounts(ids).then((c) => new Map(c.map((r) => [r.teamId, Number(r.n)]))),
      repo.membersOf(ids, ['member']).then((m) => new Map(m.filter((x) => x.role === 'leader').map((x) => [x.teamId, x.displayName]))),
      actor ? Promise.all(ids.map((id) => repo.membership(id, actor.userId))) : Promise.resolve(ids.map(() => null)),
    ]);
    return rows.map((r, i) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      communityCode: r.communityCode,
      communityName: names.get(r.communityCode) ?? r.communityCode,
      streetName: names.get(r.communityCode.slice(0, 9)) ?? '',
      venue: r.venue,
      usualTime: r.usualTime,
      description: r.description,
      leaderName: maskName(leaders.get(r.id) ?? ''),
      memberCount: counts.get(r.id) ?? 0,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      myRole: mine[i]?.status === 'member' ? mine[i]!.role : null,
      myStatus: mine[i]?.status ?? null,
    }));
  }

  async function load(id: string): Promise<TeamRow> {
    const row = isUuid(id) ? await repo.find(id) : null;
    if (!row) throw new NotFound('team.not_found');
    return row;
  }

  async function membershipOf(actor: Actor | null, teamId: string): Promise<Membership> {
    return actor ? repo.membership(teamId, actor.userId) : null;
  }

  const service = {
    /** Public: teams by community (or street, or district), category and keyword; `mine` lists the caller's teams. */
    async list(ctx: RequestContext, q: PageRequest & { region?: string; category?: string; q?: string; mine?: boolean }) {
      const filter: TeamFilter = { regionRoots: null, category: q.category, status: 'active', tsQuery: q.q ? buildSearchQuery(q.q) : null };
      if (q.region) filter.regionRoots = [(await regions.require(q.region, 'region')).code];
      if (q.mine) {
        filter.memberId = requireResident(ctx, 'team.residents_only').userId;
        filter.status = undefined;
      }
      const { rows, total } = await repo.list({ ...filter, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await present(rows, ctx.actor), total);
    },

    async get(ctx: RequestContext, id: string) {
      const row = await load(id);
      const [team] = await present([row], ctx.actor);
      const m = await membershipOf(ctx.actor, row.id);
      const staffInScope =
        isStaff(ctx.actor) &&
        (() => {
          const roots = visibleRegionRoots(ctx.actor!);
          return roots === 'all' || roots.some((r) => row.communityCode.startsWith(r));
        })();
      const members =
        canSeeMembers(m) || staffInScope
          ? (await repo.membersOf([row.id], isLeader(m) ? ['member', 'pending'] : ['member'])).map((x) => ({
              userId: x.userId,
              displayName: x.displayName,
              role: x.role,
              status: x.status,
              message: x.status === 'pending' ? x.message : null,
              requestedAt: x.requestedAt.toISOString(),
            }))
          : null;
      return { ...team, members, isLeader: isLeader(m) };
    },

    async create(ctx: RequestContext, input: TeamInput) {
      const actor = requireResident(ctx, 'team.residents_only');
      const community = await regions.requireCommunity(input.communityCode, 'communityCode');
      if (await repo.nameTaken(community.code, input.name)) throw invalidField('name', 'team.duplicate_name');
      const id = newId();
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.insert(tx, {
          id,
          name: input.name,
          category: input.category,
          communityCode: community.code,
          leaderId: actor.userId,
          venue: input.venue,
          usualTime: input.usualTime,
          description: input.description || null,
          status: 'active',
          searchText: buildSearchText(input.name, input.venue, input.description),
          createdAt: now,
        });
        await repo.upsertMember(tx, {
          teamId: id,
          userId: actor.userId,
          displayName: actor.displayName,
          role: 'leader',
          status: 'member',
          message: null,
          requestedAt: now,
          decidedAt: now,
        });
        await deps.audit(tx, ctx, { action: 'team.create', entityType: 'learning_team', entityId: id, regionCode: community.code, details: { ...input } });
      });
      return service.get(ctx, id);
    },

    async requestJoin(ctx: RequestContext, id: string, message: string | null | undefined) {
      const actor = requireResident(ctx, 'team.residents_only');
      const team = await load(id);
      if (team.status !== 'active') throw new Conflict('team.inactive');
      const m = await membershipOf(actor, id);
      if (!canAskToJoin(m)) throw new Conflict(m?.status === 'pending' ? 'team.already_requested' : 'team.already_member');
      await deps.db.transaction(async (tx) => {
        await repo.upsertMember(tx, {
          teamId: id,
          userId: actor.userId,
          displayName: actor.displayName,
          role: 'member',
          status: 'pending',
          message: message || null,
          requestedAt: clock.now(),
        });
        await deps.audit(tx, ctx, { action: 'team.join_request', entityType: 'learning_team', entityId: id, regionCode: team.communityCode });
      });
      return service.get(ctx, id);
    },

    async decide(ctx: RequestContext, id: string, userId: string, accept: boolean) {
      const actor = requireResident(ctx, 'team.residents_only');
      const team = await load(id);
      if (!isLeader(await membershipOf(actor, id))) throw new Forbidden('team.leader_only');
      await deps.db.transaction(async (tx) => {
        if (!isUuid(userId) || !(await repo.decide(tx, id, userId, accept ? 'member' : 'declined', clock.now()))) throw new NotFound('team.request_not_found');
        await deps.audit(tx, ctx, {
          action: accept ? 'team.join_accept' : 'team.join_decline',
          entityType: 'learning_team',
          entityId: id,
          regionCode: team.communityCode,
          details: { userId },
        });
      });
      return service.get(ctx, id);
    },

    async logActivity(ctx: RequestContext, id: string, input: ActivityInput) {
      const actor = requireResident(ctx, 'team.residents_only');
      const team = await load(id);
      if (!isLeader(await membershipOf(actor, id))) throw new Forbidden('team.leader_only');
      if (input.heldOn > localTime.date(clock.now())) throw invalidField('heldOn', 'team.future_date');
      const members = new Set((await repo.membersOf([id], ['member'])).map((m) => m.userId));
      const attendees = [...new Set(input.attendeeIds)];
      if (attendees.some((a) => !members.has(a))) throw invalidField('attendeeIds', 'team.not_member');
      const activityId = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insertActivity(
          tx,
          {
            id: activityId,
            teamId: id,
            title: input.title,
            heldOn: input.heldOn,
            hours: String(input.hours),
            venue: input.venue || null,
            notes: input.notes || null,
            createdBy: actor.userId,
            createdAt: clock.now(),
          },
          attendees,
        );
        await deps.audit(tx, ctx, {
          action: 'team.activity.log',
          entityType: 'learning_team',
          entityId: id,
          regionCode: team.communityCode,
          details: { activityId, title: input.title, heldOn: input.heldOn, attendees: attendees.length },
        });
      });
      return (await service.activities(ctx, id, { page: 1, pageSize: 1 })).items[0];
    },

    /** The activity log is public; who attended is shown to the team's members. */
    async activities(ctx: RequestContext, id: string, q: PageRequest) {
      const team = await load(id);
      const m = await membershipOf(ctx.actor, team.id);
      const { rows, total } = await repo.activities(id, q.pageSize, offsetOf(q));
      const attendance = await repo.attendanceOf(rows.map((r) => r.id));
      const names = isMember(m) ? new Map((await repo.membersOf([id])).map((x) => [x.userId, x.displayName])) : null;
      return pageOf(
        q,
        rows.map((r) => {
          const present = attendance.filter((a) => a.activityId === r.id);
          return {
            id: r.id,
            title: r.title,
            heldOn: r.heldOn,
            hours: Number(r.hours),
            venue: r.venue,
            notes: r.notes,
            attendeeCount: present.length,
            attendees: names ? present.map((a) => ({ userId: a.userId, displayName: names.get(a.userId) ?? '' })) : null,
          };
        }),
        total,
      );
    },

    /** For the awards module: a team that can be nominated as a learning organisation. */
    async forNomination(teamId: string) {
      const row = isUuid(teamId) ? await repo.find(teamId) : null;
      return row && row.status === 'active' ? { name: row.name, communityCode: row.communityCode } : null;
    },
  };
  return service;
}

export type TeamsService = ReturnType<typeof createTeamsService>;
