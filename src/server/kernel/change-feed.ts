// What changed, told to every platform process: triggers (migrations 0022, 0026) NOTIFY after commit on four
// channels, and each process's caches subscribe here. A lost listening connection resets every subscriber.
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { createKeyedBatches } from './keyed-batches';
import type { Database, DbOrTx } from '../db/client';

export const CHANNELS = {
  /** The public catalogue's and reference data's tables; payload: the table. */
  reference: 'learncity_reference',
  /** A user's sessions, account, scopes or residence; payload: the user id. */
  sessions: 'learncity_sessions',
  /** A class filled up or freed a seat; payload: '<offering id> full|open'. */
  seats: 'learncity_seats',
  /** A resident's messages, enrolments, archive, points or credits changed; payload: the resident's user id. */
  userData: 'learncity_user_data',
} as const;

export type ChangeChannel = keyof typeof CHANNELS;

export interface ChangeFeed {
  on(channel: ChangeChannel, onPayload: (payload: string) => void, onReset: (listening: boolean) => void): Promise<void>;
}

export function createChangeFeed(database: Pick<Database, 'listen'>): ChangeFeed {
  return { on: (channel, onPayload, onReset) => database.listen(CHANNELS[channel], onPayload, onReset) };
}

/**
 * The user-data notification for these residents, sent by a write that left it out of its own transaction
 * (db/write-together.ts; migration 0033): in a statement of its own, committed without waiting for the WAL
 * flush, so the database-wide lock PostgreSQL takes for a notifying commit is held for moments, not for a
 * flush. Nothing is lost by that: a database that crashes drops every listening connection, and each process
 * then drops all it cached (the feed's reset).
 */
export async function announceUserData(db: DbOrTx, userIds: string[]) {
  if (!userIds.length) return;
  if (db instanceof PgTransaction) return sendUserData(db, userIds);
  // Enrolment day's many small writes each announce a few residents: while one announcement is out, the next ones
  // wait and go together, one statement (and one pool connection) for all of them.
  let together = announcements.get(db);
  if (!together)
    announcements.set(
      db,
      (together = createKeyedBatches(
        (_key, batches: string[][]) => sendUserData(db, batches.flat()).then(() => batches.map(() => ({ value: undefined }))),
        500,
      )),
    );
  await together('user-data', userIds);
}

const announcements = new WeakMap<object, (key: string, userIds: string[]) => Promise<undefined>>();

async function sendUserData(db: DbOrTx, userIds: string[]) {
  await db.execute(
    sql`select set_config('synchronous_commit', 'off', true), pg_notify(${CHANNELS.userData}, id) from unnest(${`{${[...new Set(userIds)].join(',')}}`}::text[]) id`,
  );
}
