// All SQL of partner platforms: the partners, their credentials' hashes, and daily traffic counts.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { selectPage } from '../../db/paged-select';
import { partners, partnerUsage } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import { underRoots } from '../../kernel/region-scope';
import { containingPattern } from '../../kernel/search-text';

export type PartnerRow = typeof partners.$inferSelect;

export function createPartnersRepository(db: Db) {
  return {
    async byKey(key: string): Promise<PartnerRow | null> {
      const [row] = await db.select().from(partners).where(eq(partners.key, key));
      return row ?? null;
    },
    async find(id: string): Promise<PartnerRow | null> {
      const [row] = await db.select().from(partners).where(eq(partners.id, id));
      return row ?? null;
    },
    async insert(tx: DbOrTx, row: typeof partners.$inferInsert) {
      await tx.insert(partners).values(row);
    },
    /** Applies the change when the version still matches; null when someone else changed it first. */
    async update(tx: DbOrTx, id: string, patch: Partial<typeof partners.$inferInsert>, expectedVersion?: number): Promise<PartnerRow | null> {
      return updateVersioned(tx, partners, id, patch, expectedVersion);
    },
    async list(f: { ownerRoots: string[] | null; status?: string; q?: string; limit: number; offset: number }) {
      const conditions: SQL[] = [];
      if (f.ownerRoots) conditions.push(underRoots(partners.ownerRegionCode, f.ownerRoots));
      if (f.status) conditions.push(eq(partners.status, f.status));
      if (f.q) conditions.push(sql`${partners.name} ilike ${containingPattern(f.q)}`);
      const where = conditions.length ? and(...conditions) : undefined;
      return selectPage(db, partners, where, [desc(partners.createdAt), partners.name], { limit: f.limit, offset: f.offset });
    },
    async countRequests(partnerId: string, day: string, requests: number, errors: number) {
      await db.execute(sql`insert into partner_usage (partner_id, day, requests, errors) values (${partnerId}, ${day}, ${requests}, ${errors})
        on conflict (partner_id, day) do update set requests = partner_usage.requests + excluded.requests, errors = partner_usage.errors + excluded.errors`);
    },
    /** Totals since `fromDay` per partner. */
    async usageTotals(ids: string[], fromDay: string): Promise<Map<string, { requests: number; errors: number }>> {
      if (!ids.length) return new Map();
      const rows = rowsOf<{ partner_id: string; requests: number; errors: number }>(
        await db.execute(sql`
        select partner_id, sum(requests)::int as requests, sum(errors)::int as errors from partner_usage
        where partner_id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) and day >= ${fromDay} group by partner_id`),
      );
      return new Map(rows.map((r) => [r.partner_id, { requests: Number(r.requests), errors: Number(r.errors) }]));
    },
    async usageByDay(id: string, fromDay: string) {
      const rows = await db
        .select()
        .from(partnerUsage)
        .where(and(eq(partnerUsage.partnerId, id), sql`${partnerUsage.day} >= ${fromDay}`))
        .orderBy(desc(partnerUsage.day));
      return rows.map((r) => ({ day: r.day, requests: r.requests, errors: r.errors }));
    },
  };
}

export type PartnersRepository = ReturnType<typeof createPartnersRepository>;
