// An import's duplicate check over many (region, name) pairs, on both engines. Before, a row-value IN list of
// 500 pairs per statement made PGlite spin for ever at the second statement's commit: an import of 1,000
// courses never ended and the embedded platform answered nothing more.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { existingPairs } from './existing-pairs';
import { openOwnDatabase } from '../../../test/support/database-copy';

const places = pgTable('pair_places', { region: text('region').notNull(), name: text('name').notNull() });

let database: Database;
let closeDatabase = async () => {};

beforeAll(async () => {
  ({ database, close: closeDatabase } = await openOwnDatabase());
  await database.db.execute(sql`create table pair_places (region text not null, name text not null)`);
  // Every third of the first 3,000 names, in one of two regions.
  await database.db.execute(
    sql`insert into pair_places select case when i % 2 = 0 then '330105' else '330106' end, '导入课程 ' || i from generate_series(0, 2999, 3) i`,
  );
}, 120_000);
afterAll(() => closeDatabase());

it('finds which of thousands of pairs exist, again and again, and the database goes on serving writes', async () => {
  for (let round = 0; round < 3; round++) {
    const pairs = Array.from({ length: 1000 }, (_, k) => {
      const i = round * 1000 + k;
      return [i % 2 === 0 ? '330105' : '330106', `导入课程 ${i}`] as const;
    });
    const found = await existingPairs(database.db, places, places.region, places.name, pairs);
    expect([...found].sort()).toEqual(
      pairs
        .filter((_, k) => (round * 1000 + k) % 3 === 0)
        .map(([r, n]) => `${r}|${n}`)
        .sort(),
    );
    await database.db.transaction(async (tx) => {
      await tx.insert(places).values({ region: '330105', name: `round ${round}` });
    });
  }
  // A name in the other region is not a duplicate; an empty list asks nothing.
  expect(
    (
      await existingPairs(database.db, places, places.region, places.name, [
        ['330106', '导入课程 0'],
        ['330105', 'round 2'],
      ])
    ).size,
  ).toBe(1);
  expect((await existingPairs(database.db, places, places.region, places.name, [])).size).toBe(0);
});
