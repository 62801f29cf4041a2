// All SQL about campaigns, nominations, reviews, objections and commendations.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectInBatches, selectPage } from '../../db/paged-select';
import { awardCampaigns, awardCommendations, awardCriteria, awardNominations, awardObjections, awardReviews } from '../../db/schema/index';
import { onPathOfRoots, underRoots } from '../../kernel/region-scope';
import { searchTextMatches } from '../../kernel/search-text';

export type CampaignRow = typeof awardCampaigns.$inferSelect;
export type CriterionRow = typeof awardCriteria.$inferSelect;
export type NominationRow = typeof awardNominations.$inferSelect;
export type ReviewRow = typeof awardReviews.$inferSelect;
export type ObjectionRow = typeof awardObjections.$inferSelect;

export interface CampaignFilter {
  regionRoots: string[] | null;
  status?: string;
  type?: string;
  year?: number;
  residentsOnly?: boolean;
}
export interface NominationFilter {
  campaignId?: string;
  regionRoots: string[] | null;
  stage?: string;
  status?: string;
  tsQuery?: string | null;
  nominatedBy?: string;
  campaignIds?: string[];
}

export function createAwardsRepository(db: Db) {
  function campaignWhere(f: CampaignFilter): SQL | undefined {
    const conds: SQL[] = [];
    // A campaign is visible to anyone whose scope overlaps its district, from above or below.
    if (f.regionRoots) conds.push(onPathOfRoots(awardCampaigns.regionCode, f.regionRoots));
    if (f.status) conds.push(eq(awardCampaigns.status, f.status));
    if (f.type) conds.push(eq(awardCampaigns.type, f.type));
    if (f.year) conds.push(eq(awardCampaigns.year, f.year));
    if (f.residentsOnly) conds.push(eq(awardCampaigns.allowResidentNominations, true));
    return conds.length ? and(...conds) : undefined;
  }

  function nominationWhere(f: NominationFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.campaignId) conds.push(eq(awardNominations.campaignId, f.campaignId));
    if (f.campaignIds) conds.push(f.campaignIds.length ? inArray(awardNominations.campaignId, f.campaignIds) : sql`false`);
    if (f.regionRoots) conds.push(underRoots(awardNominations.communityCode, f.regionRoots));
    if (f.stage) conds.push(eq(awardNominations.stage, f.stage));
    if (f.status) conds.push(eq(awardNominations.status, f.status));
    if (f.nominatedBy) conds.push(eq(awardNominations.nominatedBy, f.nominatedBy));
    if (f.tsQuery) conds.push(searchTextMatches(awardNominations.searchText, f.tsQuery));
    return conds.length ? and(...conds) : undefined;
  }

  return {
    async listCampaigns(f: CampaignFilter & { limit: number; offset: number }) {
      const w = campaignWhere(f);
      return selectPage(db, awardCampaigns, w, [desc(awardCampaigns.year), desc(awardCampaigns.createdAt), asc(awardCampaigns.id)], {
        limit: f.limit,
        offset: f.offset,
      });
    },

    async findCampaign(id: string, tx: DbOrTx = db): Promise<CampaignRow | null> {
      const [row] = await tx.select().from(awardCampaigns).where(eq(awardCampaigns.id, id)).limit(1);
      return row ?? null;
    },

    /** Serialises quota checks and stage changes of one campaign across processes. */
    async lockCampaign(tx: DbOrTx, id: string): Promise<CampaignRow> {
      const [row] = await tx.select().from(awardCampaigns).where(eq(awardCampaigns.id, id)).for('update');
      return row;
    },

    async criteriaOf(campaignIds: string[]): Promise<CriterionRow[]> {
      if (!campaignIds.length) return [];
      return db.select().from(awardCriteria).where(inArray(awardCriteria.campaignId, campaignIds)).orderBy(asc(awardCriteria.position));
    },

    async insertCampaign(tx: DbOrTx, row: typeof awardCampaigns.$inferInsert, criteria: (typeof awardCriteria.$inferInsert)[]) {
      await tx.insert(awardCampaigns).values(row);
      await tx.insert(awardCriteria).values(criteria);
    },

    async updateCampaign(tx: DbOrTx, id: string, patch: Partial<typeof awardCampaigns.$inferInsert>) {
      await tx.update(awardCampaigns).set(patch).where(eq(awardCampaigns.id, id));
    },

    /** Nominations per stage and status of some campaigns, for the campaign overview. */
    async stageCounts(campaignIds: string[]) {
      if (!campaignIds.length) return [];
      return db
        .select({ campaignId: awardNominations.campaignId, stage: awardNominations.stage, status: awardNominations.status, n: sql<number>`count(*)::int` })
        .from(awardNominations)
        .where(inArray(awardNominations.campaignId, campaignIds))
        .groupBy(awardNominations.campaignId, awardNominations.stage, awardNominations.status);
    },

    async listNominations(f: NominationFilter & { limit: number; offset: number }) {
      const w = nominationWhere(f);
      return selectPage(db, awardNominations, w, [asc(awardNominations.communityCode), asc(awardNominations.createdAt), asc(awardNominations.id)], {
        limit: f.limit,
        offset: f.offset,
      });
    },

    iterateNominations: (f: NominationFilter, batch = 500) =>
      selectInBatches(db, awardNominations, nominationWhere(f), [asc(awardNominations.communityCode), asc(awardNominations.id)], batch),

    async findNomination(id: string, tx: DbOrTx = db): Promise<NominationRow | null> {
      const [row] = await tx.select().from(awardNominations).where(eq(awardNominations.id, id)).limit(1);
      return row ?? null;
    },

    async insertNomination(tx: DbOrTx, row: typeof awardNominations.$inferInsert) {
      await tx.insert(awardNominations).values(row);
    },

    async updateNomination(tx: DbOrTx, id: string, patch: Partial<typeof awardNominations.$inferInsert>) {
      await tx.update(awardNominations).set(patch).where(eq(awardNominations.id, id));
    },

    /** Nominations already put forward at `stage` from under `regionPrefix` (the quota spent). */
    async forwardedCount(tx: DbOrTx, campaignId: string, stage: string, regionPrefix: string): Promise<number> {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(awardReviews)
        .innerJoin(awardNominations, eq(awardNominations.id, awardReviews.nominationId))
        .where(
          and(
            eq(awardNominations.campaignId, campaignId),
            eq(awardReviews.stage, stage),
            eq(awardReviews.decision, 'forward'),
            sql`${awardNominations.communityCode} like ${regionPrefix + '%'}`,
          ),
        );
      return Number(n);
    },

    async insertReview(tx: DbOrTx, row: typeof awardReviews.$inferInsert) {
      await tx.insert(awardReviews).values(row);
    },

    async reviewsOf(nominationIds: string[]): Promise<ReviewRow[]> {
      if (!nominationIds.length) return [];
      return db.select().from(awardReviews).where(inArray(awardReviews.nominationId, nominationIds)).orderBy(asc(awardReviews.at));
    },

    async moveStage(tx: DbOrTx, campaignId: string, from: string, to: string, now: Date): Promise<number> {
      const rows = await tx
        .update(awardNominations)
        .set({ stage: to, updatedAt: now })
        .where(and(eq(awardNominations.campaignId, campaignId), eq(awardNominations.stage, from), eq(awardNominations.status, 'active')))
        .returning({ id: awardNominations.id });
      return rows.length;
    },

    async insertObjection(tx: DbOrTx, row: typeof awardObjections.$inferInsert) {
      await tx.insert(awardObjections).values(row);
    },

    async findObjection(id: string): Promise<ObjectionRow | null> {
      const [row] = await db.select().from(awardObjections).where(eq(awardObjections.id, id)).limit(1);
      return row ?? null;
    },

    async resolveObjection(tx: DbOrTx, id: string, patch: Partial<typeof awardObjections.$inferInsert>): Promise<boolean> {
      const rows = await tx
        .update(awardObjections)
        .set(patch)
        .where(and(eq(awardObjections.id, id), eq(awardObjections.status, 'open')))
        .returning({ id: awardObjections.id });
      return rows.length === 1;
    },

    async listObjections(f: { campaignIds: string[]; status?: string; nominationId?: string; limit: number; offset: number }) {
      const conds: SQL[] = [f.campaignIds.length ? inArray(awardObjections.campaignId, f.campaignIds) : sql`false`];
      if (f.status) conds.push(eq(awardObjections.status, f.status));
      if (f.nominationId) conds.push(eq(awardObjections.nominationId, f.nominationId));
      const w = and(...conds);
      return selectPage(db, awardObjections, w, [desc(awardObjections.lodgedAt), asc(awardObjections.id)], { limit: f.limit, offset: f.offset });
    },

    async openObjectionCount(tx: DbOrTx, campaignId: string): Promise<number> {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(awardObjections)
        .where(and(eq(awardObjections.campaignId, campaignId), eq(awardObjections.status, 'open')));
      return Number(n);
    },

    async objectionCounts(nominationIds: string[]) {
      if (!nominationIds.length) return [];
      return db
        .select({ nominationId: awardObjections.nominationId, status: awardObjections.status, n: sql<number>`count(*)::int` })
        .from(awardObjections)
        .where(inArray(awardObjections.nominationId, nominationIds))
        .groupBy(awardObjections.nominationId, awardObjections.status);
    },

    async insertCommendations(tx: DbOrTx, rows: (typeof awardCommendations.$inferInsert)[]) {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(awardCommendations).values(rows.slice(i, i + 500));
    },

    async activeInStage(tx: DbOrTx, campaignId: string, stage: string) {
      return tx
        .select({ id: awardNominations.id })
        .from(awardNominations)
        .where(and(eq(awardNominations.campaignId, campaignId), eq(awardNominations.stage, stage), eq(awardNominations.status, 'active')));
    },

    /** Commendations with what a certificate states about them (nominee, community, campaign), for the credit bank. */
    async commendationDetails(f: { id?: string; regionRoots: string[] | null; withoutCredential?: boolean; limit: number; offset: number }) {
      const conds: SQL[] = [];
      if (f.id) conds.push(eq(awardCommendations.id, f.id));
      if (f.regionRoots) conds.push(underRoots(awardNominations.communityCode, f.regionRoots));
      if (f.withoutCredential) conds.push(sql`${awardCommendations.credentialId} is null`);
      const where = conds.length ? and(...conds) : undefined;
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({
            id: awardCommendations.id,
            title: awardCommendations.title,
            commendedAt: awardCommendations.commendedAt,
            credentialId: awardCommendations.credentialId,
            nominationId: awardNominations.id,
            nomineeName: awardNominations.nomineeName,
            nomineeKind: awardNominations.nomineeKind,
            communityCode: awardNominations.communityCode,
            campaignId: awardCampaigns.id,
            campaignTitle: awardCampaigns.title,
            campaignType: awardCampaigns.type,
            year: awardCampaigns.year,
            campaignRegionCode: awardCampaigns.regionCode,
          })
          .from(awardCommendations)
          .innerJoin(awardNominations, eq(awardNominations.id, awardCommendations.nominationId))
          .innerJoin(awardCampaigns, eq(awardCampaigns.id, awardCommendations.campaignId))
          .where(where)
          .orderBy(desc(awardCommendations.commendedAt), asc(awardNominations.nomineeName))
          .limit(f.limit)
          .offset(f.offset),
        db
          .select({ total: sql<number>`count(*)::int` })
          .from(awardCommendations)
          .innerJoin(awardNominations, eq(awardNominations.id, awardCommendations.nominationId))
          .where(where),
      ]);
      return { rows, total: Number(total) };
    },

    async setCommendationCredential(tx: DbOrTx, id: string, credentialId: string) {
      await tx.update(awardCommendations).set({ credentialId }).where(eq(awardCommendations.id, id));
    },

    async commendationsOf(nominationIds: string[]) {
      if (!nominationIds.length) return [];
      return db.select().from(awardCommendations).where(inArray(awardCommendations.nominationId, nominationIds));
    },
  };
}

export type AwardsRepository = ReturnType<typeof createAwardsRepository>;
