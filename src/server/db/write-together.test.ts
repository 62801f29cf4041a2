// Several writes as one statement, gated by a seat's update: all or nothing, on both engines.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from './client';
import { mergeInserts, planned, plannedInsert } from './planned';
import { GateClosed, writeAllTogether, writeTogether } from './write-together';
import { rowsOf } from '../kernel/rate-limit';
import { openOwnDatabase } from '../../../test/support/database-copy';

const seats = pgTable('together_seats', { id: text('id').primaryKey(), capacity: integer('capacity').notNull(), taken: integer('taken').notNull() });
const places = pgTable('together_places', { id: text('id').primaryKey(), seat: text('seat').notNull() });
const notes = pgTable('together_notes', { note: text('note').primaryKey() });

let database: Database;
let closeDatabase = async () => {};

beforeAll(async () => {
  ({ database, close: closeDatabase } = await openOwnDatabase());
  await database.db.execute(sql`create table together_seats (id text primary key, capacity integer not null, taken integer not null)`);
  await database.db.execute(sql`create table together_places (id text primary key, seat text not null)`);
  await database.db.execute(sql`create table together_notes (note text primary key)`);
  await database.db.insert(seats).values({ id: 'class', capacity: 1, taken: 0 });
}, 120_000);
afterAll(() => closeDatabase());

const seatGate = (db: DbOrTx = database.db) =>
  planned(db, 'seat', ['class'], (d, value) =>
    d
      .update(seats)
      .set({ taken: sql`${seats.taken} + 1` })
      .where(sql`${seats.id} = ${value(0)} and ${seats.taken} < ${seats.capacity}`)
      .returning({ id: seats.id }),
  );
const plannedNote = (note: string, db: DbOrTx = database.db) => plannedInsert(db, 'notes', [{ note }], (d, rows) => d.insert(notes).values(rows));
const place = (id: string, note: string, db: DbOrTx = database.db) => {
  return {
    rows: plannedInsert(db, 'places', [{ id, seat: 'class' }], (d, rows) => d.insert(places).values(rows).returning()),
    writes: [plannedNote(note, db)],
  };
};
const countOf = async (table: 'together_places' | 'together_notes') =>
  Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n);
const taken = async () => (await database.db.select().from(seats).where(eq(seats.id, 'class')))[0].taken;

// Every test starts from an empty class of one free seat, whatever ran before it.
beforeEach(async () => {
  await database.db.execute(sql`delete from together_places`);
  await database.db.execute(sql`delete from together_notes`);
  await database.db.update(seats).set({ capacity: 1, taken: 0 });
});
/** The class's one seat taken by 'first', with the note 'first placed'. */
const firstPlaced = async () =>
  expect(await writeTogether(database.db, { gate: seatGate(), ...place('first', 'first placed') })).toEqual([{ id: 'first', seat: 'class' }]);

describe('writeTogether', () => {
  it('writes the row and the other writes when the gate changes a row, and returns the row as the insert returns it', async () => {
    expect(await writeTogether(database.db, { gate: seatGate(), ...place('first', 'first placed') })).toEqual([{ id: 'first', seat: 'class' }]);
    expect(await taken()).toBe(1);
    expect(await countOf('together_places')).toBe(1);
    expect(await countOf('together_notes')).toBe(1);
  });

  it('writes nothing and throws GateClosed when the gate changes no row', async () => {
    await firstPlaced();
    await expect(writeTogether(database.db, { gate: seatGate(), ...place('second', 'second placed') })).rejects.toBeInstanceOf(GateClosed);
    expect(await taken()).toBe(1);
    expect(await countOf('together_places')).toBe(1);
    expect(await countOf('together_notes')).toBe(1);
  });

  it('undoes the gate when a write fails, and passes the error on', async () => {
    await firstPlaced();
    await database.db.update(seats).set({ capacity: 5 });
    // The note exists already: a unique violation.
    await expect(writeTogether(database.db, { gate: seatGate(), ...place('third', 'first placed') })).rejects.not.toBeInstanceOf(GateClosed);
    expect(await taken()).toBe(1);
    expect(await countOf('together_places')).toBe(1);
  });

  it('leaves a transaction usable when the gate closes under a savepoint', async () => {
    await firstPlaced();
    await database.db.update(seats).set({ capacity: 1 });
    await database.db.transaction(async (tx) => {
      await expect(tx.transaction((sp) => writeTogether(sp, { gate: seatGate(sp), ...place('fourth', 'fourth placed', sp) }))).rejects.toBeInstanceOf(
        GateClosed,
      );
      await writeAllTogether(tx, [tx.insert(notes).values({ note: 'waitlisted' }), tx.insert(notes).values({ note: 'told' })]);
    });
    expect(await countOf('together_notes')).toBe(3);
    expect(await countOf('together_places')).toBe(1);
  });
});

describe('the statement of a shape prepared once', () => {
  it('sends each call its own values, and a write that is not planned is composed with the others', async () => {
    await database.db.update(seats).set({ capacity: 100 });
    // The same shape three times: the statement is prepared by the first and sent again with the others' values.
    for (const id of ['shape-a', 'shape-b', 'shape-c'])
      expect(await writeTogether(database.db, { gate: seatGate(), ...place(id, `${id} placed`) })).toEqual([{ id, seat: 'class' }]);
    const stored = await database.db
      .select()
      .from(places)
      .where(sql`${places.id} like 'shape-%'`)
      .orderBy(places.id);
    expect(stored.map((p) => p.id)).toEqual(['shape-a', 'shape-b', 'shape-c']);
    const noted = rowsOf<{ note: string }>(await database.db.execute(sql`select note from together_notes where note like 'shape-%' order by note`));
    expect(noted.map((n) => n.note)).toEqual(['shape-a placed', 'shape-b placed', 'shape-c placed']);
    // A plain drizzle insert among the writes: the statement is composed with the values in it.
    const { rows } = place('shape-d', 'shape-d placed');
    await writeTogether(database.db, { gate: seatGate(), rows, writes: [database.db.insert(notes).values({ note: 'shape-d plain' })] });
    expect(rowsOf(await database.db.execute(sql`select 1 from together_notes where note = 'shape-d plain'`))).toHaveLength(1);
  });
});

describe('the inserts of one kind merged', () => {
  it("writes the several attempts' inserts of one table as one insert, the same rows once where asked, and all or nothing", async () => {
    await database.db.update(seats).set({ capacity: 200 });
    const twoPlaces = plannedInsert(
      database.db,
      'places',
      [
        { id: 'merged-1', seat: 'class' },
        { id: 'merged-2', seat: 'class' },
      ],
      (d, rows) => d.insert(places).values(rows).returning(),
    );
    // The same note from both attempts, kept once (a skipped conflict); a note of each.
    const sameNote = () =>
      plannedInsert(
        database.db,
        'notes once',
        [{ note: 'merged shared' }],
        (d, rows) => d.insert(notes).values(rows).onConflictDoNothing(),
        (r) => r.note,
      );
    // One insert of each name, the shared note once in it.
    const merged = mergeInserts([sameNote(), plannedNote('merged one'), sameNote(), plannedNote('merged two')]);
    expect(merged.map((w) => w.insert.rows)).toEqual([[{ note: 'merged shared' }], [{ note: 'merged one' }, { note: 'merged two' }]]);
    const rows = await writeTogether(database.db, {
      gate: seatGate(),
      rows: twoPlaces,
      writes: [sameNote(), plannedNote('merged one'), sameNote(), plannedNote('merged two')],
    });
    expect(rows.map((r) => r.id).sort()).toEqual(['merged-1', 'merged-2']);
    const noted = rowsOf<{ note: string }>(await database.db.execute(sql`select note from together_notes where note like 'merged %' order by note`));
    expect(noted.map((n) => n.note)).toEqual(['merged one', 'merged shared', 'merged two']);
    // One row of a merged insert breaks a constraint: none of the statement is written.
    const before = await taken();
    await expect(
      writeTogether(database.db, {
        gate: seatGate(),
        ...place('merged-3', 'merged three'),
        writes: [plannedNote('merged four'), plannedNote('merged one')],
      }),
    ).rejects.not.toBeInstanceOf(GateClosed);
    expect(await taken()).toBe(before);
    expect(rowsOf(await database.db.execute(sql`select 1 from together_notes where note = 'merged four'`))).toHaveLength(0);
  });
});

describe('the user-data notification after the commit', () => {
  it('is sent once the statement committed, for the residents named, and the tables’ triggers stay quiet in it', async () => {
    await database.db.execute(sql`create trigger together_places_user_data after insert on together_places
      for each row execute function learncity_notify_user_data('seat')`);
    await database.db.update(seats).set({ capacity: 10 });
    const heard: string[] = [];
    await database.listen(
      'learncity_user_data',
      (payload) => heard.push(payload),
      () => {},
    );
    const until = async (what: string) => {
      for (let i = 0; i < 100 && !heard.includes(what); i++) await new Promise((r) => setTimeout(r, 50));
    };
    // Without the option the trigger notifies from inside the statement, with the row's `seat` as payload.
    await writeTogether(database.db, { gate: seatGate(), ...place('fifth', 'fifth placed') });
    await until('class');
    expect(heard).toEqual(['class']);
    // With it, only the residents named, and after the commit.
    heard.length = 0;
    await writeTogether(database.db, { gate: seatGate(), ...place('sixth', 'sixth placed'), userDataAfterCommit: ['resident-6', 'resident-6'] });
    await until('resident-6');
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['resident-6']);
    // The setting lasted for that statement's transaction only: the next plain write notifies from its trigger again.
    heard.length = 0;
    await writeTogether(database.db, { gate: seatGate(), ...place('seventh', 'seventh placed') });
    await until('class');
    expect(heard).toEqual(['class']);
  });
});
