// A write built by its module and not yet sent, in a form that can also be prepared once and sent again with new
// values. On enrolment day the successful attempts' one statement (db/write-together.ts) was composed by the query
// builder for every attempt: ~0.3–0.5 ms of CPU each, a quarter of a success's cost (bench/README.md, issue 20). A
// plan keeps its values apart from its shape: `build` makes the query from `value(i)` only, so the same shape
// built once with placeholders serves every later plan with the same `key`.
import type { SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from './client';

export interface Plan<B> {
  /** Names the shape: two plans with the same key build the same SQL when given the same `value`. */
  readonly key: string;
  readonly values: readonly unknown[];
  /** The query, with `value(i)` wherever values[i] goes. It must read nothing per plan but `value`. */
  build(db: DbOrTx, value: (i: number) => unknown): B;
}

/** A planned write: awaiting it (or its SQL) sends it alone; `writeTogether` sends it with others. */
export type Planned<B extends SQLWrapper & PromiseLike<unknown>> = SQLWrapper &
  PromiseLike<Awaited<B>> & {
    readonly plan: Plan<B>;
    /** The query with this plan's values in it. */
    built(): B;
  };

export function planned<B extends SQLWrapper & PromiseLike<unknown>>(
  db: DbOrTx,
  key: string,
  values: readonly unknown[],
  build: (db: DbOrTx, value: (i: number) => unknown) => B,
): Planned<B> {
  let query: B | null = null;
  const built = () => (query ??= build(db, (i) => values[i]));
  return {
    plan: { key, values, build },
    built,
    getSQL: () => built().getSQL(),
    then: (onFulfilled, onRejected) => (built() as PromiseLike<Awaited<B>>).then(onFulfilled, onRejected),
  };
}

/**
 * Rows to insert as a plan's values: `key` names which columns each row sets (in its order), `values` are theirs
 * in that order, and `rows(value)` gives the rows back with `value(i)` in place of each.
 */
export function rowsShape<R extends object>(rows: readonly R[]): { key: string; values: unknown[]; rows: (value: (i: number) => unknown) => R[] } {
  const columns = rows.map((row) => Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined));
  const values = rows.flatMap((row, r) => columns[r].map((k) => (row as Record<string, unknown>)[k]));
  // A value written as SQL (`now()`, an expression) would be sent as a parameter once prepared.
  if (values.some((v) => typeof v === 'object' && v !== null && 'getSQL' in v)) throw new Error('rowsShape: rows take values, not SQL');
  return {
    key: columns.map((c) => c.join(',')).join(';'),
    values,
    rows: (value) => {
      let i = 0;
      return columns.map((cols) => Object.fromEntries(cols.map((k) => [k, value(i++)])) as R);
    },
  };
}
