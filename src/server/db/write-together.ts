// Several writes sent as one statement. On enrolment day the popular classes' rows are locked by every
// attempt that takes a seat, from the seat's UPDATE until COMMIT; written one statement at a time, that lock
// was held across a client round trip per write (the enrolment, its audit entry, notice and events), and a
// busy server's round trips are slow, so attempts queued on the lock (bench/README.md, issue 20). Sent as the
// data-modifying CTEs of one statement, the writes run back to back inside the database: the lock is held for
// that statement only, and the whole is one round trip instead of eight.
import { and, sql, type ColumnsSelection, type SQLWrapper } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import { postgresError } from '../kernel/db-errors';
import { announceUserData } from '../kernel/change-feed';
import type { DbOrTx } from './client';
import { mergeInserts, type Planned } from './planned';

/**
 * A write built by its module and not yet sent (a drizzle insert or update before `await`, or a `planned` one):
 * awaiting it sends it alone, `writeTogether` sends it with others.
 */
export type PlannedWrite = SQLWrapper & PromiseLike<unknown>;

/** An update planned and not sent that returns the rows it changed: the gate of `writeTogether`. */
export type PlannedGate = Planned<TypedQueryBuilder<ColumnsSelection> & SQLWrapper & PromiseLike<unknown[]>>;

/** The rows `writeTogether` inserts and answers: an insert … returning, planned and not sent. */
export type PlannedRows<Row> = Planned<TypedQueryBuilder<ColumnsSelection> & SQLWrapper & PromiseLike<Row[]>>;

/** The gate of writeTogether changed no row (the class has no seat left): nothing of the statement was written. */
export class GateClosed extends Error {
  constructor() {
    super('the gate of writeTogether changed no row');
  }
}

interface Parts<Row> {
  gate?: PlannedGate;
  rows: PlannedRows<Row>;
  writes: PlannedWrite[];
  /**
   * The residents whose own rows the writes change, outside any transaction: their user-data notification is
   * sent after the statement commits (`announceUserData`) instead of by the tables' triggers inside it, so the
   * statement's commit is not serialized with every other notifying commit (migration 0033).
   */
  userDataAfterCommit?: string[];
}

/**
 * Writes `rows` (an insert … returning, of one row or several) with `writes` in one statement and returns the
 * rows inserted. With a `gate` (an update … returning one row when it applies, such as taking seats) the
 * statement fails as a whole when the gate changes nothing, and `GateClosed` is thrown. All writes see the same
 * snapshot and none may read another's rows; a unique violation or any other error fails the whole statement, as
 * in a transaction. Outside a transaction, when every part is `planned`, the statement of that shape is built once
 * and sent as a prepared statement with each call's values (the database then parses and plans it once per
 * connection, too).
 */
export async function writeTogether<Row>(db: DbOrTx, given: Parts<Row>): Promise<Row[]> {
  // A batch's writes, one of each kind per attempt, go as one insert of each kind.
  const parts = { ...given, writes: mergeInserts(given.writes) };
  try {
    // Composed with the values in it: a planned part built, any other write as it is.
    const rows = (await (preparedFor(db, parts) ?? composed(db, parts, (part) => ('plan' in part ? (part as PlannedPart).built() : part)))) as Row[];
    if (parts.userDataAfterCommit) await announceUserData(db, parts.userDataAfterCommit);
    return rows;
  } catch (e) {
    if (parts.gate && postgresError(e, '22012')) throw new GateClosed();
    throw e;
  }
}

type PlannedPart = PlannedGate | PlannedRows<unknown> | Planned<PlannedWrite & SQLWrapper>;

/** The statement from its parts' queries (`query` gives a part's, built with values or with placeholders). */
function composed<Row>(db: DbOrTx, parts: Parts<Row>, query: (part: PlannedWrite) => SQLWrapper) {
  const gate = parts.gate ? (query(parts.gate) as TypedQueryBuilder<ColumnsSelection>) : null;
  const rowCte = db.$with('written_rows').as(query(parts.rows) as TypedQueryBuilder<ColumnsSelection>);
  const writeCtes = parts.writes.map((w, i) => db.$with(`write_${i}`, {}).as(query(w).getSQL()));
  const gateCte = gate ? db.$with('gate').as(gate) : null;
  // Read by the main query, so set before the statement's AFTER triggers fire (they run once it has finished).
  const quietTriggers = parts.userDataAfterCommit
    ? db.$with('user_data_after_commit', {}).as(sql`select set_config('learncity.user_data_notified', 'after_commit', true)`)
    : null;
  // Every data-modifying CTE runs to completion whether read or not; the rows are read, and with a gate only
  // through a division by the gate's row count: no row changed divides by zero (SQLSTATE 22012) and the
  // statement, every write in it included, fails.
  return (
    db
      .with(...(gateCte ? [gateCte] : []), ...(quietTriggers ? [quietTriggers] : []), rowCte, ...writeCtes)
      .select()
      // The rows' CTE has the selection of its `returning`, so they read back as the insert would have returned them.
      .from(rowCte as never)
      .where(
        and(
          gateCte ? sql`1 / (select count(*)::int from ${gateCte}) = 1` : undefined,
          quietTriggers ? sql`exists (select 1 from ${quietTriggers})` : undefined,
        ),
      )
  );
}

// Prepared statements by shape, per database handle (a test process opens many); a transaction's handle lives
// for one transaction, so its statements are composed each time.
type PreparedStatement = { execute(values: Record<string, unknown>): Promise<unknown[]> };
const preparedByDb = new WeakMap<object, Map<string, PreparedStatement>>();
const MAX_SHAPES = 200;
let statementNames = 0;

function preparedFor<Row>(db: DbOrTx, parts: Parts<Row>): Promise<unknown[]> | null {
  if (db instanceof PgTransaction) return null;
  const planned: PlannedPart[] = [...(parts.gate ? [parts.gate] : []), parts.rows];
  for (const w of parts.writes) {
    if (!('plan' in w)) return null;
    planned.push(w as Planned<PlannedWrite & SQLWrapper>);
  }
  const key = `${parts.gate ? 'gate' : ''}|${parts.userDataAfterCommit ? 'after' : ''}|${planned.map((p) => p.plan.key).join('\n')}`;
  let shapes = preparedByDb.get(db);
  if (!shapes) preparedByDb.set(db, (shapes = new Map()));
  let statement = shapes.get(key);
  if (!statement) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    // Each value's placeholder is named by its place among all the parts' values, in the parts' order.
    const offsets = new Map<object, number>();
    planned.reduce((offset, part) => (offsets.set(part, offset), offset + part.plan.values.length), 0);
    const build = (part: PlannedPart) => part.plan.build(db, (i) => sql.placeholder(valueName(offsets.get(part)! + i)));
    statement = composed(db, parts, (part) => build(part as PlannedPart)).prepare(`write_together_${++statementNames}`) as unknown as PreparedStatement;
    shapes.set(key, statement);
  }
  const values: Record<string, unknown> = {};
  let n = 0;
  for (const part of planned) for (const value of part.plan.values) values[valueName(n++)] = value;
  return statement.execute(values);
}

const valueNames: string[] = [];
const valueName = (n: number) => (valueNames[n] ??= `v${n}`);

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
