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

/** A planned insert of rows: `writeTogether` merges the inserts of one `name` into one insert of all their rows. */
export type PlannedInsert<B extends SQLWrapper & PromiseLike<unknown>> = Planned<B> & {
  readonly insert: { readonly name: string; readonly rows: readonly object[]; merged(rows: readonly object[]): PlannedInsert<B> };
};

/**
 * The insert of `rows` (`build` makes it from rows whose values may be placeholders), planned under `name`, which
 * names the insert as `build` makes it (its table and what it does on a conflict): inserts of one name are merged
 * with the first one's `build`. On
 * enrolment day a statement that took 40 seats held 40 inserts of one row into each of five tables, and the
 * database parsed, planned and ran 200 of them (bench/README.md, issue 20); merged, it is five inserts of 40 rows.
 * `uniqueBy` (for an insert whose conflicts are skipped) keeps one of the merged rows with the same key: the same
 * row twice in one insert would be skipped anyway.
 */
export function plannedInsert<R extends object, B extends SQLWrapper & PromiseLike<unknown>>(
  db: DbOrTx,
  name: string,
  rows: readonly R[],
  build: (db: DbOrTx, rows: R[]) => B,
  uniqueBy?: (row: R) => string,
): PlannedInsert<B> {
  const shape = rowsShape(rows);
  return Object.assign(
    planned(db, `${name}:${shape.key}`, shape.values, (d, value) => build(d, shape.rows(value))),
    {
      insert: {
        name,
        rows,
        merged: (more: readonly object[]) => {
          const all = [...rows, ...(more as R[])];
          const seen = new Set<string>();
          const kept = uniqueBy ? all.filter((row) => !seen.has(uniqueBy(row)) && seen.add(uniqueBy(row))) : all;
          return plannedInsert(db, name, kept, build, uniqueBy);
        },
      },
    },
  );
}

/** The inserts of one name merged into one (in the place of the first), every other write as it is. */
export function mergeInserts<W>(writes: readonly W[]): W[] {
  const byName = new Map<string, number>();
  const out: W[] = [];
  for (const write of writes) {
    const insert = (write as Partial<PlannedInsert<never>>).insert;
    const at = insert && byName.get(insert.name);
    if (insert && at !== undefined) out[at] = (out[at] as PlannedInsert<never>).insert.merged(insert.rows) as W;
    else {
      if (insert) byName.set(insert.name, out.length);
      out.push(write);
    }
  }
  return out;
}

/**
 * Rows to insert as a plan's values: `key` names which columns each row sets (in its order; a run of rows that
 * set the same columns named once with its length), `values` are theirs in that order, and `rows(value)` gives
 * the rows back with `value(i)` in place of each.
 */
function rowsShape<R extends object>(rows: readonly R[]): { key: string; values: unknown[]; rows: (value: (i: number) => unknown) => R[] } {
  const columns = rows.map((row) => Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined));
  const values = rows.flatMap((row, r) => columns[r].map((k) => (row as Record<string, unknown>)[k]));
  // A value written as SQL (`now()`, an expression) would be sent as a parameter once prepared.
  if (values.some((v) => typeof v === 'object' && v !== null && 'getSQL' in v)) throw new Error('rowsShape: rows take values, not SQL');
  const runs: string[] = [];
  for (let r = 0; r < columns.length;) {
    const named = columns[r].join(',');
    let n = 1;
    while (r + n < columns.length && columns[r + n].join(',') === named) n++;
    runs.push(`${named}*${n}`);
    r += n;
  }
  return {
    key: runs.join(';'),
    values,
    rows: (value) => {
      let i = 0;
      return columns.map((cols) => Object.fromEntries(cols.map((k) => [k, value(i++)])) as R);
    },
  };
}
