// Many rows written all or nothing (an Excel import) without holding the embedded database's one connection
// for the whole write.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import type { Db, Tx } from './client';

export interface BulkInsertOptions {
  /** Rows per statement. */
  chunk?: number;
  /** Rows written so far (for a job's progress). */
  onProgress?: (done: number) => void;
  /** The change's other writes (its audit entry), in the transaction that makes the rows visible. */
  finish?: (tx: Tx) => Promise<void>;
}

export type BulkInsert = <T extends PgTable>(table: T, rows: T['$inferInsert'][], options?: BulkInsertOptions) => Promise<void>;

/** PostgreSQL serves every other request beside a long transaction: the rows go in chunks inside one. */
export function postgresBulkInsert(db: Db): BulkInsert {
  return async (table, rows, { chunk = 500, onProgress, finish } = {}) => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += chunk) {
        await tx.insert(table).values(rows.slice(i, i + chunk));
        onProgress?.(Math.min(i + chunk, rows.length));
      }
      await finish?.(tx);
    });
  };
}

/**
 * PGlite has one connection, and a transaction holds it until it ends: an import of thousands of rows in one
 * transaction stalled every other request for seconds (issue 20). Here the rows go in chunks, each its own
 * short statement, into a staging table no one else reads, with other requests served between chunks; then
 * one short transaction moves them into the table, with `finish`'s writes. A failure anywhere leaves the
 * table untouched; the staging table is dropped either way (and, being temporary, goes with the process).
 */
export function pgliteBulkInsert(db: Db, client: PGlite): BulkInsert {
  return async (table, rows, { chunk = 500, onProgress, finish } = {}) => {
    const name = getTableName(table);
    const staging = `learncity_staged_${name}_${randomBytes(4).toString('hex')}`;
    // Generated columns are the database's to compute; every other column is moved as staged.
    const columns = Object.values(getTableColumns(table))
      .filter((c) => !c.generated && !c.generatedIdentity)
      .map((c) => `"${c.name}"`)
      .join(', ');
    await client.exec(`create temp table "${staging}" (like "${name}" including defaults)`);
    try {
      for (let i = 0; i < rows.length; i += chunk) {
        // drizzle builds the statement (column names, driver values, defaults); only its target changes.
        const built = db
          .insert(table)
          .values(rows.slice(i, i + chunk))
          .toSQL();
        const target = `insert into "${name}" `;
        if (!built.sql.startsWith(target)) throw new Error(`bulk insert: unexpected statement for ${name}`);
        await client.query(`insert into "${staging}" ${built.sql.slice(target.length)}`, built.params as unknown[]);
        onProgress?.(Math.min(i + chunk, rows.length));
      }
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`insert into "${name}" (${columns}) select ${columns} from "${staging}"`));
        await finish?.(tx);
      });
    } finally {
      await client.exec(`drop table if exists "${staging}"`);
    }
  };
}
