// Unique violations surface differently through each driver and drizzle's wrapper; find the
// PostgreSQL error underneath and return the constraint name.
export function uniqueViolation(error: unknown): string | null {
  let e = error as { code?: string; constraint?: string; cause?: unknown; message?: string } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code === '23505') return e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? 'unknown';
    e = e.cause as typeof e;
  }
  return null;
}
