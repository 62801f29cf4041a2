// PostgreSQL errors surface differently through each driver and drizzle's wrapper: find the database's error
// underneath (its SQLSTATE code) before deciding what it means.
type PostgresError = { code?: string; constraint?: string; cause?: unknown; message?: string };

/** The PostgreSQL error under drizzle's and the driver's wrappers with this SQLSTATE, or null. */
export function postgresError(error: unknown, code: string): PostgresError | null {
  let e = error as PostgresError | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code === code) return e;
    e = e.cause as PostgresError | undefined;
  }
  return null;
}

/** The constraint a unique violation names, or null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  const e = postgresError(error, '23505');
  return e ? (e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? 'unknown') : null;
}

/**
 * `write`, with a unique violation it meets answered as `duplicate()`: another writer took the value between
 * the caller's own check and this write, so the caller refuses it as that check would have.
 */
export async function refuseDuplicate<T>(write: () => Promise<T>, duplicate: () => Error): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (uniqueViolation(e)) throw duplicate();
    throw e;
  }
}
