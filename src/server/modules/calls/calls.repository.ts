// All SQL of calls for courses: calls, proposals and reviewers' scores.
import { and, eq, inArray, sql, asc, desc, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { selectPage, sortOrder } from '../../db/paged-select';
import { courseCalls, courseProposals, proposalScores } from '../../db/schema/index';
import { searchTextMatches } from '../../kernel/search-text';
import { underRoots } from '../../kernel/region-scope';

export type CallRow = typeof courseCalls.$inferSelect;
export type ProposalRow = typeof courseProposals.$inferSelect;
export type ScoreRow = typeof proposalScores.$inferSelect;

export interface CallFilter {
  /** Regions the caller works in (null = everywhere): calls owned under them, and non-draft calls owned above them. */
  roots: string[] | null;
  above: string[];
  reviewerId: string;
  status?: string;
  tsQuery?: string | null;
}

const SORTABLE = {
  title: courseCalls.title,
  deadline: courseCalls.deadline,
  createdAt: courseCalls.createdAt,
  budgetFen: courseCalls.budgetFen,
  status: courseCalls.status,
} as const;

export function createCallsRepository(db: Db) {
  function where(f: CallFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.roots) {
      const mine = underRoots(courseCalls.ownerRegionCode, f.roots);
      const above = f.above.length
        ? sql`(${courseCalls.status} <> 'draft' and ${courseCalls.ownerRegionCode} in (${sql.join(
            f.above.map((c) => sql`${c}`),
            sql`, `,
          )}))`
        : sql`false`;
      conds.push(sql`((${mine}) or ${above} or ${courseCalls.reviewerIds} @> ${JSON.stringify([f.reviewerId])}::jsonb)`);
    }
    if (f.status) conds.push(eq(courseCalls.status, f.status));
    if (f.tsQuery) conds.push(searchTextMatches(courseCalls.searchText, f.tsQuery));
    return conds.length ? and(...conds) : undefined;
  }
  const orderBy = (sort?: string) => sortOrder(sort, SORTABLE, [desc(courseCalls.createdAt), asc(courseCalls.id)], [courseCalls.id]);

  return {
    list: (f: CallFilter & { sort?: string; limit: number; offset: number }) => selectPage(db, courseCalls, where(f), orderBy(f.sort), f),
    async find(id: string, tx: DbOrTx = db, lock = false): Promise<CallRow | null> {
      const q = tx.select().from(courseCalls).where(eq(courseCalls.id, id));
      const [row] = lock ? await q.for('update') : await q;
      return row ?? null;
    },
    async insert(tx: DbOrTx, row: typeof courseCalls.$inferInsert) {
      await tx.insert(courseCalls).values(row);
    },
    async update(tx: DbOrTx, id: string, patch: Partial<typeof courseCalls.$inferInsert>, expectedVersion?: number): Promise<CallRow | null> {
      return updateVersioned(tx, courseCalls, id, patch, expectedVersion);
    },
    /** Spend (purchased proposals) and proposal counts by status, per call. */
    async tallies(callIds: string[], tx: DbOrTx = db): Promise<Map<string, { spentFen: number; byStatus: Record<string, number> }>> {
      const out = new Map<string, { spentFen: number; byStatus: Record<string, number> }>();
      if (!callIds.length) return out;
      const rows = await tx
        .select({
          callId: courseProposals.callId,
          status: courseProposals.status,
          n: sql<number>`count(*)::int`,
          spent: sql<number>`coalesce(sum(${courseProposals.priceFen}), 0)::float8`,
        })
        .from(courseProposals)
        .where(inArray(courseProposals.callId, callIds))
        .groupBy(courseProposals.callId, courseProposals.status);
      for (const id of callIds) out.set(id, { spentFen: 0, byStatus: {} });
      for (const r of rows) {
        const t = out.get(r.callId)!;
        t.byStatus[r.status] = Number(r.n);
        if (r.status === 'purchased') t.spentFen += Number(r.spent);
      }
      return out;
    },

    async proposals(callId: string, submittedBy: string | null, page: { limit: number; offset: number; status?: string }) {
      const conds = [eq(courseProposals.callId, callId)];
      if (submittedBy) conds.push(eq(courseProposals.submittedBy, submittedBy));
      if (page.status) conds.push(eq(courseProposals.status, page.status));
      return selectPage(db, courseProposals, and(...conds), [asc(courseProposals.createdAt), asc(courseProposals.id)], page);
    },
    async findProposal(id: string, tx: DbOrTx = db, lock = false): Promise<ProposalRow | null> {
      const q = tx.select().from(courseProposals).where(eq(courseProposals.id, id));
      const [row] = lock ? await q.for('update') : await q;
      return row ?? null;
    },
    async insertProposal(tx: DbOrTx, row: typeof courseProposals.$inferInsert) {
      await tx.insert(courseProposals).values(row);
    },
    async updateProposal(tx: DbOrTx, id: string, patch: Partial<typeof courseProposals.$inferInsert>) {
      const [row] = await tx.update(courseProposals).set(patch).where(eq(courseProposals.id, id)).returning();
      return row;
    },

    async scoresOf(proposalIds: string[]): Promise<ScoreRow[]> {
      if (!proposalIds.length) return [];
      return db.select().from(proposalScores).where(inArray(proposalScores.proposalId, proposalIds)).orderBy(asc(proposalScores.createdAt));
    },
    /** Inserts a reviewer's scores; false when this reviewer has already scored the proposal. */
    async insertScore(tx: DbOrTx, row: typeof proposalScores.$inferInsert): Promise<boolean> {
      const inserted = await tx.insert(proposalScores).values(row).onConflictDoNothing().returning({ id: proposalScores.proposalId });
      return inserted.length > 0;
    },
  };
}

export type CallsRepository = ReturnType<typeof createCallsRepository>;
