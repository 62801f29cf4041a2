// Whether this installation holds demo data (so both apps can say so), and the once-only claim on the
// demo year: the first process to insert the claim generates it, any other process starting at the same
// time on the same PostgreSQL database sees the claim and leaves it alone.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings } from '../../db/schema/index';

export interface DemoStatus {
  demo: boolean;
  year: number | null;
  state: 'none' | 'generating' | 'done' | 'failed';
}

export function createDemoStatus(db: Db) {
  const read = async (key: string) => (await db.select().from(settings).where(eq(settings.key, key)))[0]?.value as Record<string, unknown> | undefined;
  return {
    async status(): Promise<DemoStatus> {
      const [installation, year] = await Promise.all([read('installation'), read('demo_year')]);
      return {
        demo: installation?.demo === true,
        year: typeof year?.year === 'number' ? year.year : null,
        state: (year?.state as DemoStatus['state'] | undefined) ?? 'none',
      };
    },
    /** True for exactly one caller, however many processes try at once. */
    async claimYear(at: Date): Promise<boolean> {
      const rows = await db
        .insert(settings)
        .values({ key: 'demo_year', value: { state: 'generating', startedAt: at.toISOString() } })
        .onConflictDoNothing()
        .returning({ key: settings.key });
      return rows.length === 1;
    },
    async finishYear(value: Record<string, unknown>) {
      await db
        .update(settings)
        .set({ value: sql`${JSON.stringify(value)}::jsonb`, updatedAt: new Date() })
        .where(eq(settings.key, 'demo_year'));
    },
  };
}
export type DemoStatusService = ReturnType<typeof createDemoStatus>;
