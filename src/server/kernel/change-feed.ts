// What changed, told to every platform process: triggers (migrations 0022, 0026) NOTIFY after commit on four
// channels, and each process's caches subscribe here. A lost listening connection resets every subscriber.
import type { Database } from '../db/client';

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
