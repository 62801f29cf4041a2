// Several writes as one statement, gated by a seat's update: all or nothing, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { GateClosed, writeAllTogether, writeTogether } from './write-together';
import { rowsOf } from '../kernel/rate-limit';
import { openOwnDatabase } from '../../../test/support/postgres';

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

const seatGate = () =>
  database.db
    .update(seats)
    .set({ taken: sql`${seats.taken} + 1` })
    .where(sql`${seats.id} = 'class' and ${seats.taken} < ${seats.capacity}`)
    .returning({ id: seats.id });
const place = (id: string, note: string) => ({
  rows: database.db.insert(places).values({ id, seat: 'class' }).returning(),
  writes: [database.db.insert(notes).values({ note })],
});
const countOf = async (table: 'together_places' | 'together_notes') =>
  Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n);
const taken = async () => (await database.db.select().from(seats).where(eq(seats.id, 'class')))[0].taken;

describe('writeTogether', () => {
  it('writes the row and the other writes when the gate changes a row, and returns the row as the insert returns it', async () => {
    expect(await writeTogether(database.db, { gate: seatGate(), ...place('first', 'first placed') })).toEqual([{ id: 'first', seat: 'class' }]);
    expect(await taken()).toBe(1);
    expect(await countOf('together_places')).toBe(1);
    expect(await countOf('together_notes')).toBe(1);
  });

  it('writes nothing and throws GateClosed when the gate changes no row', async () => {
    await expect(writeTogether(database.db, { gate: seatGate(), ...place('second', 'second placed') })).rejects.toBeInstanceOf(GateClosed);
    expect(await taken()).toBe(1);
    expect(await countOf('together_places')).toBe(1);
    expect(await countOf('together_notes')).toBe(1);
  });

  it('undoes the gate when a write fails, and passes the error on', async () => {
    await database.db.update(seats).set({ capacity: 5 });
    // The note exists already: a unique violation.
    await expect(writeTogether(database.db, { gate: seatGate(), ...place('third', 'first placed') })).rejects.not.toBeInstanceOf(GateClosed);
    expect(await taken()).toBe(1);
    expect(await countOf('together_places')).toBe(1);
  });

  it('leaves a transaction usable when the gate closes under a savepoint', async () => {
    await database.db.update(seats).set({ capacity: 1 });
    await database.db.transaction(async (tx) => {
      await expect(tx.transaction((sp) => writeTogether(sp, { gate: seatGate(), ...place('fourth', 'fourth placed') }))).rejects.toBeInstanceOf(GateClosed);
      await writeAllTogether(tx, [tx.insert(notes).values({ note: 'waitlisted' }), tx.insert(notes).values({ note: 'told' })]);
    });
    expect(await countOf('together_notes')).toBe(3);
    expect(await countOf('together_places')).toBe(1);
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
