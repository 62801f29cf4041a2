// All SQL of the course library: courses, their digital resources and residents' progress on them.
import { ownedAtLevelSql, ownedVisibleToRootsSql, ownerLevelSql } from '../../kernel/ownership';
import { and, eq, inArray, sql, asc, desc, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { selectInBatches, selectPage, sortOrder } from '../../db/paged-select';
import { existingPairs } from '../../db/existing-pairs';
import type { BulkInsert, BulkInsertOptions } from '../../db/bulk-insert';
import { courses, courseResources, resourceProgress } from '../../db/schema/index';
import { underRoots } from '../../kernel/region-scope';
import { searchTextMatches } from '../../kernel/search-text';

export type CourseRow = typeof courses.$inferSelect;
export type CourseInsert = typeof courses.$inferInsert;
export type ResourceRow = typeof courseResources.$inferSelect;
export type ProgressRow = typeof resourceProgress.$inferSelect;

export interface CourseFilter {
  /** The caller's region roots (`visibleRegionRoots`), narrowed here by the ownership rules; 'all' for everyone. */
  viewerRoots: string[] | 'all';
  ownerRoots?: string[];
  ownerInstitutionId?: string;
  level?: 'district' | 'street' | 'community';
  status?: string;
  category?: string;
  mode?: string;
  targetGroup?: string;
  featured?: boolean;
  shared?: boolean;
  provenance?: string;
  callId?: string;
  tsQuery?: string | null;
}

const SORTABLE = {
  title: courses.title,
  category: courses.category,
  status: courses.status,
  learningHours: courses.learningHours,
  createdAt: courses.createdAt,
  updatedAt: courses.updatedAt,
  publishedAt: courses.publishedAt,
} as const;

export function createCoursesRepository(db: Db, bulkInsert: BulkInsert) {
  function where(f: CourseFilter): SQL | undefined {
    const conds: SQL[] = [];
    const visible = ownedVisibleToRootsSql(f.viewerRoots, courses.ownerRegionCode, courses.shared);
    if (visible) conds.push(visible);
    if (f.ownerRoots) conds.push(underRoots(courses.ownerRegionCode, f.ownerRoots));
    if (f.ownerInstitutionId) conds.push(eq(courses.ownerInstitutionId, f.ownerInstitutionId));
    if (f.level) conds.push(f.level === 'district' ? sql`length(${courses.ownerRegionCode}) <= 6` : ownedAtLevelSql(courses.ownerRegionCode, f.level));
    if (f.status) conds.push(eq(courses.status, f.status));
    if (f.category) conds.push(eq(courses.category, f.category));
    if (f.mode) conds.push(eq(courses.mode, f.mode));
    if (f.targetGroup) conds.push(sql`${courses.targetGroups} @> ${JSON.stringify([f.targetGroup])}::jsonb`);
    if (f.featured !== undefined) conds.push(eq(courses.featured, f.featured));
    if (f.shared !== undefined) conds.push(eq(courses.shared, f.shared));
    if (f.provenance) conds.push(eq(courses.provenance, f.provenance));
    if (f.callId) conds.push(eq(courses.callId, f.callId));
    if (f.tsQuery) conds.push(searchTextMatches(courses.searchText, f.tsQuery));
    return conds.length ? and(...conds) : undefined;
  }

  const orderBy = (sort?: string) => sortOrder(sort, SORTABLE, [desc(courses.featured), desc(courses.updatedAt), asc(courses.id)], [courses.id]);

  return {
    list: (f: CourseFilter & { sort?: string; limit: number; offset: number }) => selectPage(db, courses, where(f), orderBy(f.sort), f),

    iterate: (f: CourseFilter, batch = 500) => selectInBatches(db, courses, where(f), [asc(courses.createdAt), asc(courses.id)], batch),

    /** Counts of the filtered courses by owner level, street, category and status. */
    async summary(f: CourseFilter) {
      const w = where(f);
      const level = ownerLevelSql(courses.ownerRegionCode);
      const street = sql<string>`substr(${courses.ownerRegionCode}, 1, 9)`;
      const [byLevel, byStreet, byCategory, byStatus, totals] = await Promise.all([
        db
          .select({ key: level, n: sql<number>`count(*)::int` })
          .from(courses)
          .where(w)
          .groupBy(level),
        db
          .select({ key: street, n: sql<number>`count(*)::int` })
          .from(courses)
          .where(and(w ?? sql`true`, sql`length(${courses.ownerRegionCode}) >= 9`))
          .groupBy(street),
        db
          .select({ key: courses.category, n: sql<number>`count(*)::int` })
          .from(courses)
          .where(w)
          .groupBy(courses.category),
        db
          .select({ key: courses.status, n: sql<number>`count(*)::int` })
          .from(courses)
          .where(w)
          .groupBy(courses.status),
        db
          .select({
            n: sql<number>`count(*)::int`,
            featured: sql<number>`count(*) filter (where ${courses.featured})::int`,
            shared: sql<number>`count(*) filter (where ${courses.shared})::int`,
          })
          .from(courses)
          .where(w),
      ]);
      const norm = (rows: { key: string; n: number }[]) => rows.map((r) => ({ key: r.key, count: Number(r.n) }));
      return {
        total: Number(totals[0].n),
        featured: Number(totals[0].featured),
        shared: Number(totals[0].shared),
        byLevel: norm(byLevel),
        byStreet: norm(byStreet),
        byCategory: norm(byCategory),
        byStatus: norm(byStatus),
      };
    },

    async find(id: string, tx: DbOrTx = db): Promise<CourseRow | null> {
      const [row] = await tx.select().from(courses).where(eq(courses.id, id)).limit(1);
      return row ?? null;
    },

    async findMany(ids: string[], tx: DbOrTx = db): Promise<CourseRow[]> {
      if (!ids.length) return [];
      return tx.select().from(courses).where(inArray(courses.id, ids));
    },

    async insertMany(tx: DbOrTx, rows: CourseInsert[]) {
      await tx.insert(courses).values(rows);
    },

    /** An import's rows, all or none, with `finish`'s writes in the same change. */
    importAll: (rows: CourseInsert[], options: BulkInsertOptions) => bulkInsert(courses, rows, { chunk: 300, ...options }),

    existingTitles: (pairs: { ownerRegionCode: string; title: string }[]) =>
      existingPairs(
        db,
        courses,
        courses.ownerRegionCode,
        courses.title,
        pairs.map((p) => [p.ownerRegionCode, p.title] as const),
      ),

    async update(tx: DbOrTx, id: string, patch: Partial<CourseInsert>, expectedVersion?: number): Promise<CourseRow | null> {
      return updateVersioned(tx, courses, id, patch, expectedVersion);
    },

    // Resources
    async resourcesOf(courseIds: string[], onlyPublished = false, tx: DbOrTx = db): Promise<ResourceRow[]> {
      if (!courseIds.length) return [];
      const cond = onlyPublished
        ? and(inArray(courseResources.courseId, courseIds), eq(courseResources.status, 'published'))
        : inArray(courseResources.courseId, courseIds);
      return tx.select().from(courseResources).where(cond).orderBy(asc(courseResources.sort), asc(courseResources.createdAt));
    },
    async findResource(id: string, tx: DbOrTx = db): Promise<ResourceRow | null> {
      const [row] = await tx.select().from(courseResources).where(eq(courseResources.id, id));
      return row ?? null;
    },
    async insertResource(tx: DbOrTx, row: typeof courseResources.$inferInsert) {
      const [inserted] = await tx.insert(courseResources).values(row).returning();
      return inserted;
    },
    async updateResource(tx: DbOrTx, id: string, patch: Partial<typeof courseResources.$inferInsert>) {
      const [row] = await tx.update(courseResources).set(patch).where(eq(courseResources.id, id)).returning();
      return row;
    },
    /** How many courses in the list have at least one published resource (for the catalog's "online" badge). */
    async publishedResourceCounts(courseIds: string[]): Promise<Map<string, number>> {
      if (!courseIds.length) return new Map();
      const rows = await db
        .select({ id: courseResources.courseId, n: sql<number>`count(*)::int` })
        .from(courseResources)
        .where(and(inArray(courseResources.courseId, courseIds), eq(courseResources.status, 'published')))
        .groupBy(courseResources.courseId);
      return new Map(rows.map((r) => [r.id, Number(r.n)]));
    },

    // Progress
    async progressOf(userId: string, resourceIds: string[]): Promise<ProgressRow[]> {
      if (!resourceIds.length) return [];
      return db
        .select()
        .from(resourceProgress)
        .where(and(eq(resourceProgress.userId, userId), inArray(resourceProgress.resourceId, resourceIds)));
    },
    /** Monotone merge of a player's report: furthest point, time spent and completion never go back. */
    async upsertProgress(
      tx: DbOrTx,
      row: { resourceId: string; userId: string; positionSeconds: number; secondsSpent: number; durationSeconds: number | null; completed: boolean; now: Date },
    ) {
      const [out] = await tx
        .insert(resourceProgress)
        .values({
          resourceId: row.resourceId,
          userId: row.userId,
          positionSeconds: row.positionSeconds,
          furthestSeconds: row.positionSeconds,
          secondsSpent: row.secondsSpent,
          durationSeconds: row.durationSeconds,
          completedAt: row.completed ? row.now : null,
          updatedAt: row.now,
        })
        .onConflictDoUpdate({
          target: [resourceProgress.resourceId, resourceProgress.userId],
          set: {
            positionSeconds: sql`excluded.position_seconds`,
            furthestSeconds: sql`greatest(${resourceProgress.furthestSeconds}, excluded.furthest_seconds)`,
            secondsSpent: sql`greatest(${resourceProgress.secondsSpent}, excluded.seconds_spent)`,
            durationSeconds: sql`coalesce(excluded.duration_seconds, ${resourceProgress.durationSeconds})`,
            completedAt: sql`coalesce(${resourceProgress.completedAt}, excluded.completed_at)`,
            updatedAt: sql`excluded.updated_at`,
          },
        })
        .returning();
      return out;
    },
    async setCompleted(tx: DbOrTx, resourceId: string, userId: string, now: Date) {
      await tx
        .update(resourceProgress)
        .set({ completedAt: now })
        .where(and(eq(resourceProgress.resourceId, resourceId), eq(resourceProgress.userId, userId), sql`${resourceProgress.completedAt} is null`));
    },
    async recentProgress(userId: string, limit: number, offset: number) {
      const rows = await db
        .select({ p: resourceProgress, r: courseResources, c: { id: courses.id, title: courses.title, status: courses.status } })
        .from(resourceProgress)
        .innerJoin(courseResources, eq(courseResources.id, resourceProgress.resourceId))
        .innerJoin(courses, eq(courses.id, courseResources.courseId))
        .where(and(eq(resourceProgress.userId, userId), eq(courses.status, 'published'), eq(courseResources.status, 'published')))
        .orderBy(desc(resourceProgress.updatedAt))
        .limit(limit)
        .offset(offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(resourceProgress)
        .innerJoin(courseResources, eq(courseResources.id, resourceProgress.resourceId))
        .innerJoin(courses, eq(courses.id, courseResources.courseId))
        .where(and(eq(resourceProgress.userId, userId), eq(courses.status, 'published'), eq(courseResources.status, 'published')));
      return { rows, total: Number(n) };
    },
    /** Learners and completions per resource, for staff. */
    async progressCounts(resourceIds: string[]): Promise<Map<string, { learners: number; completed: number; secondsSpent: number }>> {
      if (!resourceIds.length) return new Map();
      const rows = await db
        .select({
          id: resourceProgress.resourceId,
          learners: sql<number>`count(*)::int`,
          completed: sql<number>`count(${resourceProgress.completedAt})::int`,
          spent: sql<number>`coalesce(sum(${resourceProgress.secondsSpent}), 0)::float8`,
        })
        .from(resourceProgress)
        .where(inArray(resourceProgress.resourceId, resourceIds))
        .groupBy(resourceProgress.resourceId);
      return new Map(rows.map((r) => [r.id, { learners: Number(r.learners), completed: Number(r.completed), secondsSpent: Math.round(Number(r.spent)) }]));
    },
  };
}

export type CoursesRepository = ReturnType<typeof createCoursesRepository>;
