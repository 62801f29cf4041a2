// Many residents at once for concurrency tests: real users, residents and sessions rows written in one
// transaction (registering hundreds through the SMS flow would spend minutes hashing passwords).
import { randomBytes } from 'node:crypto';
import { residents, sessions, users } from '../../src/server/db/schema/index';
import { sha256 } from '../../src/server/kernel/crypto';
import { newId } from '../../src/server/kernel/ids';
import type { TestPlatform } from './platform';
import { perFileCounter } from './per-file';

export interface TestResident {
  id: string;
  phone: string;
  name: string;
  headers: Record<string, string>;
}

const nextResident = perFileCounter();

export async function createResidents(
  p: TestPlatform,
  n: number,
  opts: { homeRegionCode: string; birthYear?: number; namePrefix?: string },
): Promise<TestResident[]> {
  const now = p.clock.now();
  const made = Array.from({ length: n }, () => {
    const seq = nextResident();
    const phone = `1750${String(seq).padStart(7, '0')}`;
    return { id: newId(), phone, name: `${opts.namePrefix ?? '居民'}${seq}`, token: randomBytes(24).toString('hex') };
  });
  if (n === 0) return [];
  // Three multi-row inserts rather than three per resident: 200 residents were 600 statements.
  await p.db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(made.map(({ id, phone, name }) => ({ id, kind: 'resident', username: phone, phone, displayName: name, passwordHash: 'not-a-password' })));
    await tx.insert(residents).values(
      made.map(({ id, name }) => ({
        userId: id,
        realName: name,
        idNumberEncrypted: 'test',
        idNumberHash: sha256(`test-id-${id}`),
        idNumberMasked: '330***********0000',
        birthYear: opts.birthYear ?? 1958,
        sex: 'female',
        homeRegionCode: opts.homeRegionCode,
      })),
    );
    await tx
      .insert(sessions)
      .values(
        made.map(({ id, token }) => ({ tokenHash: sha256(token), userId: id, createdAt: now, expiresAt: new Date(now.getTime() + 365 * 86400_000), ip: null })),
      );
  });
  return made.map(({ id, phone, name, token }) => ({ id, phone, name, headers: { cookie: `lc_session=${token}` } }));
}

/**
 * A session row for any user (resident or staff) lasting `days` from the platform's clock: for tests whose
 * clock moves years ahead, where logging in again after each jump would only repeat password hashing.
 */
export async function longSession(p: TestPlatform, userId: string, days = 3650): Promise<Record<string, string>> {
  const token = randomBytes(24).toString('hex');
  const now = p.clock.now();
  await p.db.insert(sessions).values({ tokenHash: sha256(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + days * 86400_000), ip: null });
  return { cookie: `lc_session=${token}` };
}
