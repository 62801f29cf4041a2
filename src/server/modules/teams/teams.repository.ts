// All SQL about learning teams, their members and their activity log.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { learningTeams, teamActivities, teamAttendance, teamMembers } from '../../db/schema/index';
import { underRoots } from '../../kernel/region-scope';
import { searchTextMatches } from '../../kernel/search-text';

export type TeamRow = typeof learningTeams.$inferSelect;
export type MemberRow = typeof teamMembers.$inferSelect;
export type ActivityRow = typeof teamActivities.$inferSelect;

export interface TeamFilter {
  regionRoots: string[] | null;
  category?: string;
  status?: string;
  tsQuery?: string | null;
  memberId?: string;
}

export function createTeamsRepository(db: Db) {
  function where(f: TeamFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.regionRoots) conds.push(underRoots(learningTeams.communityCode, f.regionRoots));
    if (f.category) conds.push(eq(learningTeams.category, f.category));
    if (f.status) conds.push(eq(learningTeams.status, f.status));
    if (f.tsQuery) conds.push(searchTextMatches(learningTeams.searchText, f.tsQuery));
    if (f.memberId)
      conds.push(
        sql`exists (select 1 from team_members m where m.team_id = ${learningTeams.id} and m.user_id = ${f.memberId} and m.status in ('member', 'pending'))`,
      );
    return conds.length ? and(...conds) : undefined;
  }

  return {
    async list(f: TeamFilter & { limit: number; offset: number }) {
      const w = where(f);
      return selectPage(db, learningTeams, w, [asc(learningTeams.communityCode), asc(learningTeams.name), asc(learningTeams.id)], {
        limit: f.limit,
        offset: f.offset,
      });
    },

    async find(id: string): Promise<TeamRow | null> {
      const [row] = await db.select().from(learningTeams).where(eq(learningTeams.id, id)).limit(1);
      return row ?? null;
    },

    async nameTaken(communityCode: string, name: string): Promise<boolean> {
      const [row] = await db
        .select({ id: learningTeams.id })
        .from(learningTeams)
        .where(and(eq(learningTeams.communityCode, communityCode), eq(learningTeams.name, name)))
        .limit(1);
      return !!row;
    },

    async insert(tx: DbOrTx, row: typeof learningTeams.$inferInsert) {
      await tx.insert(learningTeams).values(row);
    },

    async membersOf(teamIds: string[], statuses?: string[]): Promise<MemberRow[]> {
      if (!teamIds.length) return [];
      const conds = [inArray(teamMembers.teamId, teamIds)];
      if (statuses) conds.push(inArray(teamMembers.status, statuses));
      return db
        .select()
        .from(teamMembers)
        .where(and(...conds))
        .orderBy(asc(teamMembers.role), asc(teamMembers.requestedAt));
    },

    async memberCounts(teamIds: string[]) {
      if (!teamIds.length) return [];
      return db
        .select({ teamId: teamMembers.teamId, n: sql<number>`count(*)::int` })
        .from(teamMembers)
        .where(and(inArray(teamMembers.teamId, teamIds), eq(teamMembers.status, 'member')))
        .groupBy(teamMembers.teamId);
    },

    async membership(teamId: string, userId: string, tx: DbOrTx = db): Promise<MemberRow | null> {
      const [row] = await tx
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
        .limit(1);
      return row ?? null;
    },

    async upsertMember(tx: DbOrTx, row: typeof teamMembers.$inferInsert) {
      await tx
        .insert(teamMembers)
        .values(row)
        .onConflictDoUpdate({
          target: [teamMembers.teamId, teamMembers.userId],
          set: { status: row.status, message: row.message, requestedAt: row.requestedAt, decidedAt: row.decidedAt ?? null, displayName: row.displayName },
        });
    },

    /** Decides a pending request; false when it is no longer pending. */
    async decide(tx: DbOrTx, teamId: string, userId: string, status: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(teamMembers)
        .set({ status, decidedAt: at })
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId), eq(teamMembers.status, 'pending')))
        .returning({ u: teamMembers.userId });
      return rows.length === 1;
    },

    async insertActivity(tx: DbOrTx, row: typeof teamActivities.$inferInsert, attendeeIds: string[]) {
      await tx.insert(teamActivities).values(row);
      await tx.insert(teamAttendance).values(attendeeIds.map((userId) => ({ activityId: row.id, userId })));
    },

    async activities(teamId: string, limit: number, offset: number) {
      return selectPage(db, teamActivities, eq(teamActivities.teamId, teamId), [desc(teamActivities.heldOn), desc(teamActivities.createdAt)], {
        limit,
        offset,
      });
    },

    async attendanceOf(activityIds: string[]) {
      if (!activityIds.length) return [];
      return db.select().from(teamAttendance).where(inArray(teamAttendance.activityId, activityIds));
    },
  };
}

export type TeamsRepository = ReturnType<typeof createTeamsRepository>;
