// All SQL of the annual report: the problems and priorities a leader edited, per region, year and language.
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { reportTexts } from '../../db/schema/index';

export type ReportTextsRow = typeof reportTexts.$inferSelect;

export function createReportRepository(db: Db) {
  return {
    async texts(regionCode: string, year: number, locale: string): Promise<ReportTextsRow | null> {
      const [row] = await db
        .select()
        .from(reportTexts)
        .where(and(eq(reportTexts.regionCode, regionCode), eq(reportTexts.year, year), eq(reportTexts.locale, locale)));
      return row ?? null;
    },
    async saveTexts(tx: DbOrTx, row: ReportTextsRow) {
      await tx
        .insert(reportTexts)
        .values(row)
        .onConflictDoUpdate({
          target: [reportTexts.regionCode, reportTexts.year, reportTexts.locale],
          set: { problems: row.problems, priorities: row.priorities, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
        });
    },
    async deleteTexts(tx: DbOrTx, regionCode: string, year: number, locale: string) {
      await tx.delete(reportTexts).where(and(eq(reportTexts.regionCode, regionCode), eq(reportTexts.year, year), eq(reportTexts.locale, locale)));
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
