// All SQL of attendance.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { attendanceTallies, sessionAttendance } from '../../db/schema/index';

export type AttendanceRow = typeof sessionAttendance.$inferSelect;
export type TallyRow = typeof attendanceTallies.$inferSelect;

export function createAttendanceRepository(db: Db) {
  return {
    /** Inserts the first mark of a resident for a session; null when one exists (a concurrent insert waits for the other's commit). */
    async insertMark(tx: DbOrTx, row: typeof sessionAttendance.$inferInsert): Promise<AttendanceRow | null> {
      const [inserted] = await tx
        .insert(sessionAttendance)
        .values(row)
        .onConflictDoNothing({ target: [sessionAttendance.sessionId, sessionAttendance.residentId] })
        .returning();
      return inserted ?? null;
    },

    /** Fresh marks of one session in one statement; returns the residents whose mark was new (the others already had one). */
    async insertMarks(tx: DbOrTx, rows: (typeof sessionAttendance.$inferInsert)[]): Promise<Set<string>> {
      if (!rows.length) return new Set();
      const inserted = await tx
        .insert(sessionAttendance)
        .values(rows)
        .onConflictDoNothing({ target: [sessionAttendance.sessionId, sessionAttendance.residentId] })
        .returning({ residentId: sessionAttendance.residentId });
      return new Set(inserted.map((r) => r.residentId));
    },

    /** The existing mark, locked until the transaction ends so a change and its tally move together. */
    async lockMark(tx: DbOrTx, sessionId: string, residentId: string): Promise<AttendanceRow | null> {
      const [row] = await tx
        .select()
        .from(sessionAttendance)
        .where(and(eq(sessionAttendance.sessionId, sessionId), eq(sessionAttendance.residentId, residentId)))
        .for('update');
      return row ?? null;
    },

    async updateMark(tx: DbOrTx, sessionId: string, residentId: string, set: Partial<typeof sessionAttendance.$inferInsert>) {
      await tx
        .update(sessionAttendance)
        .set(set)
        .where(and(eq(sessionAttendance.sessionId, sessionId), eq(sessionAttendance.residentId, residentId)));
    },

    /**
     * Moves a resident's tally by a delta in one statement; the row stays locked until commit, so the
     * returned counts include every concurrent change that committed before, and none that did not.
     */
    async bumpTally(tx: DbOrTx, offeringId: string, residentId: string, sessions: number, hours: number): Promise<TallyRow> {
      const [row] = await tx
        .insert(attendanceTallies)
        .values({ offeringId, residentId, sessionsAttended: Math.max(0, sessions), hoursAttended: Math.max(0, hours).toFixed(1) })
        .onConflictDoUpdate({
          target: [attendanceTallies.offeringId, attendanceTallies.residentId],
          set: {
            sessionsAttended: sql`greatest(0, ${attendanceTallies.sessionsAttended} + ${sessions})`,
            hoursAttended: sql`greatest(0, ${attendanceTallies.hoursAttended} + ${hours.toFixed(1)}::numeric)`,
          },
        })
        .returning();
      return row;
    },

    /** One more attended session for each of several residents of an offering, in one statement. */
    async bumpTallies(tx: DbOrTx, offeringId: string, residentIds: string[], hours: number): Promise<TallyRow[]> {
      if (!residentIds.length) return [];
      return tx
        .insert(attendanceTallies)
        .values(residentIds.map((residentId) => ({ offeringId, residentId, sessionsAttended: 1, hoursAttended: Math.max(0, hours).toFixed(1) })))
        .onConflictDoUpdate({
          target: [attendanceTallies.offeringId, attendanceTallies.residentId],
          set: {
            sessionsAttended: sql`${attendanceTallies.sessionsAttended} + 1`,
            hoursAttended: sql`${attendanceTallies.hoursAttended} + ${hours.toFixed(1)}::numeric`,
          },
        })
        .returning();
    },

    /** Marks the tally completed (class) or attended (event) unless it already is; true only for the one that did. */
    async claimCompletion(tx: DbOrTx, offeringId: string, residentId: string, field: 'completedAt' | 'attendedAt', at: Date): Promise<boolean> {
      const col = attendanceTallies[field];
      const rows = await tx
        .update(attendanceTallies)
        .set({ [field]: at })
        .where(and(eq(attendanceTallies.offeringId, offeringId), eq(attendanceTallies.residentId, residentId), isNull(col)))
        .returning({ offeringId: attendanceTallies.offeringId });
      return rows.length === 1;
    },

    async marksOfSession(sessionId: string) {
      return db.select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, sessionId));
    },

    async marksOfOffering(offeringId: string, residentId?: string) {
      return db
        .select()
        .from(sessionAttendance)
        .where(and(eq(sessionAttendance.offeringId, offeringId), residentId ? eq(sessionAttendance.residentId, residentId) : undefined));
    },

    async tallies(offeringId: string, residentIds?: string[]) {
      if (residentIds && !residentIds.length) return [];
      return db
        .select()
        .from(attendanceTallies)
        .where(and(eq(attendanceTallies.offeringId, offeringId), residentIds ? inArray(attendanceTallies.residentId, residentIds) : undefined));
    },

    async tally(offeringId: string, residentId: string, tx: DbOrTx = db): Promise<TallyRow | null> {
      const [row] = await tx
        .select()
        .from(attendanceTallies)
        .where(and(eq(attendanceTallies.offeringId, offeringId), eq(attendanceTallies.residentId, residentId)));
      return row ?? null;
    },

    async countPresent(sessionIds: string[]) {
      if (!sessionIds.length) return [];
      return db
        .select({
          sessionId: sessionAttendance.sessionId,
          present: sql<number>`count(*) filter (where ${sessionAttendance.status} = 'present')::int`,
          qr: sql<number>`count(*) filter (where ${sessionAttendance.method} = 'qr')::int`,
        })
        .from(sessionAttendance)
        .where(inArray(sessionAttendance.sessionId, sessionIds))
        .groupBy(sessionAttendance.sessionId);
    },
  };
}

export type AttendanceRepository = ReturnType<typeof createAttendanceRepository>;
