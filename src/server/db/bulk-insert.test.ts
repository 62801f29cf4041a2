// An import's many rows, all or nothing, on both engines; on PGlite, other requests are served while they
// are written (before, one transaction held the embedded database's only connection to the end).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { rowsOf } from '../kernel/rate-limit';
import { openOwnDatabase } from '../../../test/support/database-copy';

const things = pgTable('bulk_things', {
  id: text('id').primaryKey(),
  n: integer('n').notNull(),
  tags: text('tags')
    .array()
    .notNull()
    .default(sql`'{}'`),
  data: jsonb('data'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `t${i}`, n: i, tags: i % 2 ? ['甲', 'b,c'] : [], data: { i, name: `第${i}行` } }));

let database: Database;
let closeDatabase = async () => {};

beforeAll(async () => {
  ({ database, close: closeDatabase } = await openOwnDatabase());
  await database.db.execute(sql`create table bulk_things (id text primary key, n integer not null, tags text[] not null default '{}', data jsonb,
    created_at timestamptz not null default now())`);
  await database.db.execute(sql`create table bulk_notes (note text not null)`);
}, 120_000);
afterAll(() => closeDatabase());
// Every test starts on empty tables, whatever ran before it (the rush leaves its 3,000 rows).
beforeEach(async () => {
  await database.db.execute(sql`delete from bulk_things`);
  await database.db.execute(sql`delete from bulk_notes`);
});

const count = async () => Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from bulk_things`))[0].n);
const stagingTables = async () =>
  Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from pg_class where relname like 'learncity_staged_%'`))[0].n);

describe('bulk insert', () => {
  it('writes every row with its values and defaults, and the change’s other writes with them', async () => {
    const progress: number[] = [];
    await database.bulkInsert(things, rows(1200), {
      chunk: 500,
      onProgress: (d) => progress.push(d),
      finish: async (tx) => {
        await tx.execute(sql`insert into bulk_notes values ('imported')`);
      },
    });
    expect(progress).toEqual([500, 1000, 1200]);
    expect(await count()).toBe(1200);
    const [one] = await database.db
      .select()
      .from(things)
      .where(sql`id = 't7'`);
    expect(one).toMatchObject({ n: 7, tags: ['甲', 'b,c'], data: { i: 7, name: '第7行' } });
    expect(one.createdAt).toBeInstanceOf(Date);
    expect(rowsOf(await database.db.execute(sql`select note from bulk_notes`))).toEqual([{ note: 'imported' }]);
    expect(await stagingTables()).toBe(0);
  });

  it('writes nothing when a row breaks a constraint or the change’s other writes fail', async () => {
    const duplicate = [...rows(700), { id: 't3', n: 3, tags: [], data: null }];
    await expect(database.bulkInsert(things, duplicate, { chunk: 200 })).rejects.toThrow();
    expect(await count()).toBe(0);
    await expect(
      database.bulkInsert(things, rows(700), {
        chunk: 200,
        finish: async () => {
          throw new Error('the audit entry failed');
        },
      }),
    ).rejects.toThrow('the audit entry failed');
    expect(await count()).toBe(0);
    expect(await stagingTables()).toBe(0);
  });

  it('serves other requests while the rows are written, and they see none of the rows until all are in', async () => {
    let otherRead: Promise<number> | null = null;
    let bulkDone = false;
    let otherDoneFirst = false;
    const bulk = database
      .bulkInsert(things, rows(3000), {
        chunk: 300,
        onProgress: (done) => {
          if (done !== 300) return;
          otherRead = count().then((n) => {
            otherDoneFirst = !bulkDone;
            return n;
          });
        },
      })
      .then(() => {
        bulkDone = true;
      });
    await bulk;
    expect(otherRead).not.toBeNull();
    expect(await otherRead!).toBe(0);
    expect(otherDoneFirst, 'the other request waited for the whole import').toBe(true);
    expect(await count()).toBe(3000);
  });
});
