// Several writes sent as one statement. On enrolment day the popular classes' rows are locked by every
// attempt that takes a seat, from the seat's UPDATE until COMMIT; written one statement at a time, that lock
// was held across a client round trip per write (the enrolment, its audit entry, notice and events), and a
// busy server's round trips are slow, so attempts queued on the lock (bench/README.md, issue 20). Sent as the
// data-modifying CTEs of one statement, the writes run back to back inside the database: the lock is held for
// that statement only, and the whole is one round trip instead of eight.
import { and, sql, type ColumnsSelection, type SQLWrapper } from 'drizzle-orm';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import { postgresError } from '../kernel/db-errors';
import { announceUserData } from '../kernel/change-feed';
import type { DbOrTx } from './client';

/**
 * A write built by its module and not yet sent (a drizzle insert or update before `await`): awaiting it sends
 * it alone, `writeTogether` sends it with others.
 */
export type PlannedWrite = SQLWrapper & PromiseLike<unknown>;

/** An update built and not sent that returns the rows it changed: the gate of `writeTogether`. */
export type PlannedGate = TypedQueryBuilder<ColumnsSelection> & PromiseLike<unknown[]>;

/** The gate changed no row (the class has no seat left): nothing of the statement was written. */
export class GateClosed extends Error {
  constructor() {
    super('the gate of writeTogether changed no row');
  }
}

/**
 * Writes `rows` (an insert … returning, of one row or several) with `writes` in one statement and returns the
 * rows inserted. With a `gate` (an update … returning one row when it applies, such as taking seats) the
 * statement fails as a whole when the gate changes nothing, and `GateClosed` is thrown. All writes see the same
 * snapshot and none may read another's rows; a unique violation or any other error fails the whole statement, as
 * in a transaction.
 */
export async function writeTogether<Row>(
  db: DbOrTx,
  parts: {
    gate?: PlannedGate;
    rows: TypedQueryBuilder<ColumnsSelection> & PromiseLike<Row[]>;
    writes: SQLWrapper[];
    /**
     * The residents whose own rows the writes change, outside any transaction: their user-data notification is
     * sent after the statement commits (`announceUserData`) instead of by the tables' triggers inside it, so the
     * statement's commit is not serialized with every other notifying commit (migration 0033).
     */
    userDataAfterCommit?: string[];
  },
): Promise<Row[]> {
  const rowCte = db.$with('written_rows').as(parts.rows);
  const writeCtes = parts.writes.map((w, i) => db.$with(`write_${i}`, {}).as(w.getSQL()));
  const gateCte = parts.gate ? db.$with('gate').as(parts.gate) : null;
  // Read by the main query, so set before the statement's AFTER triggers fire (they run once it has finished).
  const quietTriggers = parts.userDataAfterCommit
    ? db.$with('user_data_after_commit', {}).as(sql`select set_config('learncity.user_data_notified', 'after_commit', true)`)
    : null;
  // Every data-modifying CTE runs to completion whether read or not; the rows are read, and with a gate only
  // through a division by the gate's row count: no row changed divides by zero (SQLSTATE 22012) and the
  // statement, every write in it included, fails.
  const query = db
    .with(...(gateCte ? [gateCte] : []), ...(quietTriggers ? [quietTriggers] : []), rowCte, ...writeCtes)
    .select()
    // The rows' CTE has the selection of its `returning`, so they read back as the insert would have returned them.
    .from(rowCte as never)
    .where(
      and(gateCte ? sql`1 / (select count(*)::int from ${gateCte}) = 1` : undefined, quietTriggers ? sql`exists (select 1 from ${quietTriggers})` : undefined),
    );
  try {
    const rows = (await query) as Row[];
    if (parts.userDataAfterCommit) await announceUserData(db, parts.userDataAfterCommit);
    return rows;
  } catch (e) {
    if (gateCte && postgresError(e, '22012')) throw new GateClosed();
    throw e;
  }
}

/** Sends `writes` as one statement (nothing to read back, no gate); none may read another's rows. */
export async function writeAllTogether(db: DbOrTx, writes: SQLWrapper[]): Promise<void> {
  if (writes.length === 1) return void (await db.execute(writes[0].getSQL()));
  if (writes.length)
    await db.execute(
      sql`with ${sql.join(
        writes.map((w, i) => sql`${sql.identifier(`write_${i}`)} as (${w.getSQL()})`),
        sql`, `,
      )} select 1`,
    );
}
